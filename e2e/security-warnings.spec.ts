import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test('a risky server config is warned of next to it, with the attack, until it is fixed', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  const warnings = page.getByRole('region', { name: 'Security warnings' });
  await expect(warnings).toContainText('None for this server config.');
  await page.getByRole('textbox', { name: 'Scenario or share link' }).fill(
    JSON.stringify({
      version: 1,
      title: 'Reflect everything',
      server: { cors: { allowOrigin: 'reflect', allowCredentials: true, maxAge: 86400 } },
      steps: [{ request: { method: 'GET', path: '/me' } }],
    }),
  );
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(warnings.getByRole('listitem')).toHaveText([
    /^Any origin is reflected, with credentials allowed\. \(on the actual response\) Any website the user visits can call this API with the user's cookies/,
    /^Access-Control-Max-Age: 86400 is longer than browsers keep a preflight \(Chromium 2 h, Firefox 24 h\)\./,
  ]);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  await ui.setAllowOrigin('Not sent');
  await expect(warnings.getByRole('listitem')).toHaveText([/^Access-Control-Max-Age: 86400/]);
});

test('* on a response the user marks as private is warned of', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await ui.setAllowOrigin('Any origin');
  const warnings = page.getByRole('region', { name: 'Security warnings' });
  await expect(warnings).toContainText('None for this server config.');
  await warnings.getByRole('checkbox', { name: 'The response carries private data' }).check();
  await expect(warnings.getByRole('listitem')).toHaveText([
    /^Access-Control-Allow-Origin: \* on a response that carries private data\./,
  ]);
  // The mark is the tab's, as its other work: a reload keeps it.
  await page.reload();
  await expect(warnings.getByRole('listitem')).toHaveCount(1);
});

test("marked private, the fix names the page's origin and says why, never *", async ({
  page,
  playgroundPage: ui,
  playground,
}) => {
  const fix = (region: Locator) => region.locator('p').filter({ hasText: /^Fix:/ });
  const prediction = page.getByRole('region', { name: 'Prediction' });
  await ui.goto();
  // Unmarked, the missing header's fix offers * for a public response, with its risk.
  await expect(fix(prediction)).toContainText(
    'Access-Control-Allow-Origin: * if the response is public',
  );
  await page
    .getByRole('region', { name: 'Security warnings' })
    .getByRole('checkbox', { name: 'The response carries private data' })
    .check();
  const exact = `Access-Control-Allow-Origin: ${playground.origins.app}`;
  await expect(fix(prediction)).toContainText(exact);
  await expect(fix(prediction)).not.toContainText('Access-Control-Allow-Origin: *');
  await ui.send();
  await expect(fix(ui.verdict)).toContainText(
    `${exact}, not *: the response carries private data, and * would let every site read it.`,
  );
  await expect(fix(ui.verdict)).not.toContainText('Access-Control-Allow-Origin: *');
});

test('a request that passes on a risky config says so at the verdict', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await page.getByRole('textbox', { name: 'Scenario or share link' }).fill(
    JSON.stringify({
      version: 1,
      title: 'Reflect with credentials',
      server: { cors: { allowOrigin: 'reflect', allowCredentials: true } },
      steps: [{ request: { method: 'GET', path: '/me' } }],
    }),
  );
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(
    page.getByRole('region', { name: 'Security warnings' }).getByRole('listitem'),
  ).toHaveCount(1);
  await ui.send();
  await expect(ui.verdict).toContainText('The CORS checks passed');
  const note = ui.verdict.getByRole('note', { name: 'Risk' });
  await expect(note).toHaveText(
    /^⚠ Passed, but the server config was risky when this was sent \(see Security warnings\): On the actual response: Any origin is reflected, with credentials allowed\. Any website the user visits can call this API/,
  );

  await ui.setAllowOrigin("The page's origin");
  await ui.send();
  await expect(ui.verdict).toContainText('The CORS checks passed');
  await expect(note).toHaveCount(0);
});
