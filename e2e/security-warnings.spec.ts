import AxeBuilder from '@axe-core/playwright';
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
