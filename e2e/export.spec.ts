import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ServerConfigInput } from '../src/scenario/server-config.ts';
import { serverConfigSchema, type ServerConfig } from '../src/scenario/server-config.ts';
import { EXPORT_TARGETS, EXPORTERS } from '../src/scenario/exporters/exporters.ts';
import { securityLints } from '../src/scenario/security-lints.ts';
import { importCorsOptions } from '../src/scenario/importers/cors-options.ts';
import { configure, expect, test, type ControlApi } from './fixtures.ts';

// The "Your own server" panel: a tab per server with the exporter's code and a Copy button,
// or the reasons it cannot express the config; and a middleware's options loaded as the
// server config. The code itself is held to real servers by runner/export-round-trip.test.ts.

const CONFIG: Omit<ServerConfigInput, 'version'> = {
  cors: {
    allowOrigin: { allowList: ['{{origin}}'] },
    allowCredentials: true,
    allowHeaders: ['X-Trace'],
  },
  // A preflight answered 200: Hono's cors() always answers 204.
  preflight: { handling: { kind: 'answer', status: 200 } },
};

async function sessionConfig(page: Page, controlApi: ControlApi) {
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  return (await controlApi.call<ServerConfig>(`/sessions/${id}/config`)).body;
}

test("each server's tab gives the exporter's code to copy, or exactly why it cannot", async ({
  page,
  context,
  playgroundPage: ui,
  controlApi,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ui.goto();
  await configure(page, controlApi, CONFIG);
  await page.reload();
  await expect(ui.sendButton).toBeEnabled();
  const panel = page.getByRole('region', { name: 'Your own server' });
  const config = serverConfigSchema.parse({ version: 1, ...CONFIG });
  const origins = { page: new URL(page.url()).origin, server: 'http://localhost:3000' };

  for (const target of EXPORT_TARGETS) {
    const { title, file, exporter } = EXPORTERS[target];
    await panel.getByRole('tab', { name: title }).click();
    await expect(panel.getByRole('tab', { name: title })).toHaveAttribute('aria-selected', 'true');
    const expected = exporter(config, origins);
    if (!expected.ok) {
      const reasons = panel.getByRole('list', { name: `What ${title} cannot express` });
      await expect(reasons.getByRole('listitem')).toHaveText(
        expected.problems.map((problem) => `${problem.path}: ${problem.reason}`),
      );
      continue;
    }
    await expect(panel.getByLabel(`${title} code (${file})`)).toHaveText(expected.code);
    await panel.getByRole('button', { name: `Copy the ${title} code` }).click();
    await expect(panel.getByRole('status', { name: `Copying the ${title} code` })).toHaveText(
      'Copied.',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.code);
  }
  // Hono is the one that cannot: it says so rather than writing a 204.
  expect(EXPORTERS.hono.exporter(config, origins).ok).toBe(false);

  const axe = await new AxeBuilder({ page }).include('.export-panel').analyze();
  expect(axe.violations).toEqual([]);
});

test('a risky config: the security warnings beside the code, and as comments on top of it', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  const risky = { cors: { allowOrigin: 'reflect', allowCredentials: true } } as const;
  await ui.goto();
  await configure(page, controlApi, risky);
  await page.reload();
  await expect(ui.sendButton).toBeEnabled();
  const panel = page.getByRole('region', { name: 'Your own server' });
  const lints = securityLints(serverConfigSchema.parse({ version: 1, ...risky }));
  expect(lints.map((lint) => lint.id)).toContain('reflect-with-credentials');
  const { title, file } = EXPORTERS.express;
  await expect(
    panel
      .getByRole('list', { name: `Security warnings in the ${title} code` })
      .getByRole('listitem'),
  ).toHaveText(lints.map((lint) => `${lint.warning} ${lint.why}`));
  await expect(panel.getByLabel(`${title} code (${file})`)).toContainText(
    `// - ${lints[0]?.warning ?? ''} ${lints[0]?.why ?? ''}`,
  );
});

test('the Playwright test tab pins the last result, once there is one, with a Copy button', async ({
  page,
  context,
  playgroundPage: ui,
  controlApi,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ui.goto();
  await configure(page, controlApi, { cors: { allowOrigin: '*' } });
  await page.reload();
  await expect(ui.sendButton).toBeEnabled();
  const panel = page.getByRole('region', { name: 'Your own server' });
  await panel.getByRole('tab', { name: 'Playwright test' }).click();
  await expect(panel.getByRole('tabpanel')).toContainText(
    'not available: no request has been sent yet',
  );

  await ui.send();
  await expect(ui.agreement).toBeVisible();
  const code = panel.getByLabel('Playwright test code (pin-cors.spec.ts)');
  await expect(code).toContainText("import { expect, test } from 'cors-playground/playwright';");
  await expect(code).toContainText('test.use({ corsServer: {');
  await expect(code).toContainText('expect(step1.resolved).toBe(true);');
  await panel.getByRole('button', { name: 'Copy the Playwright test code' }).click();
  await expect(panel.getByRole('status', { name: 'Copying the Playwright test code' })).toHaveText(
    'Copied.',
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());
});

test("a middleware's options load as the server config; options that cannot, load nothing", async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await ui.goto();
  const panel = page.getByRole('region', { name: 'Your own server' });
  await panel.getByText('Load what your server does today').click();
  const options = panel.getByRole('textbox', { name: 'Options' });

  await panel.getByRole('combobox', { name: 'Library' }).selectOption('fastify');
  await options.fill('fastify.register(cors, { origin: /\\.example$/ })');
  await panel.getByRole('button', { name: 'Load as the server config' }).click();
  await expect(panel.getByRole('alert')).toContainText('origin');
  await expect(panel.getByRole('alert')).toContainText('is a pattern');
  const before = await sessionConfig(page, controlApi);

  const text = "app.use(cors({ origin: ['https://app.example'], credentials: true, maxAge: 600 }))";
  await panel.getByRole('combobox', { name: 'Library' }).selectOption('express');
  await options.fill(text);
  await panel.getByRole('button', { name: 'Load as the server config' }).click();
  await expect(panel.getByRole('status', { name: 'Loading the options' })).toContainText(
    'Loaded: the server now answers as Express cors would.',
  );
  const imported = importCorsOptions('express', text);
  if (!imported.ok) throw new Error('the options should import');
  await expect.poll(() => sessionConfig(page, controlApi)).toEqual(imported.config);
  expect(before).not.toEqual(imported.config);
});
