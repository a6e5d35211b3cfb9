import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { chromiumDriver } from '../runner/chromium-driver.ts';
import { runScenarios } from '../runner/run.ts';
import type { ExchangeLogPage } from '../src/scenario/control-api.ts';
import { parseScenario, type ScenarioInput } from '../src/scenario/scenario.ts';
import type { ServerConfig } from '../src/scenario/server-config.ts';
import { expect, test, type ControlApi, type PlaygroundPage } from './fixtures.ts';

// A request that needs a preflight, against a server that answers it but exposes nothing:
// every part of it (method case, a header, a body, an option, a CORS field, a status) is
// something a copy could lose.
const SCENARIO: ScenarioInput = {
  version: 1,
  title: 'Shared case',
  server: {
    cors: { allowOrigin: 'reflect', allowHeaders: ['X-Trace'], allowMethods: ['patch'] },
    actual: { status: 201 },
  },
  steps: [
    {
      request: {
        target: 'crossSite',
        method: 'patch',
        path: '/items/7?draft=1',
        headers: [['X-Trace', 'abc']],
        body: '{"name":"é"}',
        credentials: 'omit',
      },
    },
  ],
};

const codeToRun = (page: Page) => page.getByLabel('Code to run');

/** The fetch() the page would run, with its session id left out (each session has its own). */
async function codeOf(page: Page): Promise<string> {
  return ((await codeToRun(page).textContent()) ?? '').replace(/\/s\/[^/]+\//, '/s/<id>/');
}
const importBox = (page: Page) => page.getByRole('textbox', { name: 'Scenario or share link' });

async function sessionOf(page: Page): Promise<string> {
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  if (id === null) throw new Error('the page has no session');
  return id;
}

async function configOf(controlApi: ControlApi, id: string): Promise<ServerConfig> {
  return (await controlApi.call<ServerConfig>(`/sessions/${id}/config`)).body;
}

async function logOf(controlApi: ControlApi, id: string): Promise<ExchangeLogPage> {
  return (await controlApi.call<ExchangeLogPage>(`/sessions/${id}/log`)).body;
}

/** Loads a scenario through the paste box, as a user would, and waits for the new session. */
async function paste(ui: PlaygroundPage, scenario: unknown): Promise<void> {
  await importBox(ui.page).fill(JSON.stringify(scenario));
  await ui.page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(ui.page.getByRole('status', { name: 'Import status' })).toContainText('Loaded');
}

const expected = parseScenario(SCENARIO);
if (!expected.ok) throw new Error('SCENARIO is not valid');
const expectedConfig = { version: 1, ...expected.value.server };

test('a share link opens the same request and server in a new context, and sends nothing', async ({
  page,
  playgroundPage: ui,
  controlApi,
  browser,
  baseURL,
}) => {
  await ui.goto();
  await paste(ui, SCENARIO);
  const code = await codeOf(page);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/#share=v1\\.[A-Za-z0-9_-]+$`));

  const other = await browser.newContext({ baseURL });
  try {
    const colleague = await other.newPage();
    await colleague.goto(link);
    await expect(colleague.getByRole('status', { name: 'Shared scenario' })).toContainText(
      'Opened a shared scenario in a new session: patch /items/7?draft=1 to the cross-site target',
    );
    await expect(codeToRun(colleague)).toContainText("method: 'patch'");
    expect(await codeOf(colleague)).toBe(code);
    // The fragment is gone, so a reload keeps the colleague's own work.
    expect(new URL(colleague.url()).hash).toBe('');
    const id = await sessionOf(colleague);
    expect(id).not.toBe(await sessionOf(page));
    expect(await configOf(controlApi, id)).toEqual(expectedConfig);
    // Nothing ran: no result, and the session's target saw nothing.
    await expect(colleague.getByText('Press Send to make the request.')).toBeVisible();
    expect((await logOf(controlApi, id)).entries).toEqual([]);
  } finally {
    await other.close();
  }
});

for (const [kind, fragment, message] of [
  ['from a newer version', '#share=v9.abc', 'newer CORS Playground'],
  ['damaged', '#share=v1.not*base64', 'damaged'],
  ['too large', `#share=v1.${'A'.repeat(40_000)}`, 'a link may have at most'],
] as const) {
  test(`a link that is ${kind} says so and leaves the state alone`, async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await ui.goto();
    await paste(ui, SCENARIO);
    const code = await codeOf(page);
    const id = await sessionOf(page);
    await page.evaluate((hash) => (location.hash = hash), fragment);
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
    await expect(alert).toContainText(message);
    expect(await codeOf(page)).toBe(code);
    expect(await sessionOf(page)).toBe(id);
    expect(await configOf(controlApi, id)).toEqual(expectedConfig);
  });
}

test('a scenario that fails validation is refused with each path, and nothing changes', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  const code = await codeOf(page);
  const id = await sessionOf(page);
  await importBox(page).fill(
    JSON.stringify({
      version: 1,
      title: 'bad',
      server: { cors: { allowOrigin: 'wildcard', maxAge: -5 } },
      steps: [{ request: { path: 'no-slash' } }],
    }),
  );
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was changed' });
  // A sentence, then the problems it introduces, then what became of the playground.
  await expect(alert.getByRole('paragraph')).toHaveText([
    'The playground cannot load the pasted text, which is not a valid scenario:',
    'Nothing was changed.',
  ]);
  await expect(alert.getByRole('listitem')).toHaveText([
    /^server\.cors\.allowOrigin: must be "\*", "reflect"/,
    /^server\.cors\.maxAge: /,
    /^steps\.0\.request\.path: must start with "\/"/,
  ]);
  expect(await codeOf(page)).toBe(code);
  expect(await sessionOf(page)).toBe(id);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);
});

test('a scenario file loads by the file picker and by drag and drop', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await page.getByLabel('Scenario file').setInputFiles({
    name: 'case.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(SCENARIO)),
  });
  const status = page.getByRole('status', { name: 'Import status' });
  await expect(status).toContainText('Loaded case.scenario.json in a new session: patch');
  await expect(codeToRun(page)).toContainText("method: 'patch'");

  const other = { ...SCENARIO, steps: [{ request: { method: 'DELETE', path: '/dropped' } }] };
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.scenario.json', { type: 'application/json' }));
    return transfer;
  }, JSON.stringify(other));
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(status).toContainText('Loaded dropped.scenario.json in a new session: DELETE');
  await expect(codeToRun(page)).toContainText("method: 'DELETE'");
});

test('an exported scenario, with the last result as expectations, passes in the runner', async ({
  page,
  playgroundPage: ui,
  playground,
  browser,
}) => {
  await ui.goto();
  await paste(ui, {
    ...SCENARIO,
    server: { cors: { allowOrigin: 'reflect' } },
  });
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  const withResult = page.getByRole('checkbox', { name: 'With the last result as expectations' });
  await withResult.check();
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export scenario file' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('cors-playground.scenario.json');
  const scenario = parseScenario(JSON.parse(await readFile(await file.path(), 'utf8')));
  if (!scenario.ok) throw new Error(JSON.stringify(scenario.issues));
  expect(scenario.value.steps[0]?.request).toEqual(expected.value.steps[0]?.request);
  expect(scenario.value.steps[0]?.expect).toMatchObject({
    outcome: 'blocked',
    corsError: expect.stringMatching(/DisallowedByPreflightResponse$/),
    preflight: 'sent',
    request: 'never-sent',
  });

  const [result] = await runScenarios(
    [{ id: 'exported', file: 'exported.scenario.json', scenario: scenario.value }],
    { playground, driver: chromiumDriver(browser, false) },
  );
  expect(result?.steps[0]?.unmet).toEqual([]);
  expect(result?.passed).toBe(true);
});

test('the draft and config survive a reload; a new tab starts from the last state on request', async ({
  page,
  playgroundPage: ui,
  controlApi,
  context,
}) => {
  await ui.goto();
  await paste(ui, SCENARIO);
  const code = await codeOf(page);
  const id = await sessionOf(page);
  await page.reload();
  await expect(ui.sendButton).toBeEnabled();
  expect(await codeOf(page)).toBe(code);
  expect(await sessionOf(page)).toBe(id);
  expect(await configOf(controlApi, id)).toEqual(expectedConfig);

  const tab = await context.newPage();
  await tab.goto('/');
  const offer = tab.getByRole('status', { name: 'Shared scenario' });
  await expect(offer).toContainText('Another tab left patch /items/7?draft=1');
  // Nothing is taken until asked.
  expect(await codeOf(tab)).not.toBe(code);
  await offer.getByRole('button', { name: 'Start from the last state' }).click();
  await expect(codeToRun(tab)).toContainText("method: 'patch'");
  expect(await codeOf(tab)).toBe(code);
  const tabSession = await sessionOf(tab);
  expect(tabSession).not.toBe(id);
  expect(await configOf(controlApi, tabSession)).toEqual(expectedConfig);
  await expect(offer).toBeEmpty();
});

test('loading a scenario into a tab with a history sends nothing, even with re-send on', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await ui.goto();
  await ui.send();
  // A server change re-sends the last request by itself (the setting is on by default).
  await ui.setAllowOrigin('Any origin');
  await expect(page.getByRole('heading', { name: /^#2 / })).toBeVisible();
  await paste(ui, SCENARIO);
  const id = await sessionOf(page);
  await expect(page.getByText('Press Send to make the request.')).toBeVisible();
  // Longer than the re-send's delay (AUTO_RESEND_DELAY_MS, 400 ms).
  await page.waitForTimeout(1_000);
  expect((await logOf(controlApi, id)).entries).toEqual([]);
});
