import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import type { ExchangeLogEntry, ExchangeLogPage } from '../src/scenario/control-api.ts';
import type { ScenarioInput } from '../src/scenario/scenario.ts';
import { expect, test, type ControlApi, type PlaygroundPage } from './fixtures.ts';

const run = promisify(execFile);

// A preflighted request (method case, a custom header, a body) to a server that knows
// nothing of CORS: the preflight fails, so the browser never sends the request itself.
const BLOCKED: ScenarioInput = {
  version: 1,
  title: 'Blocked at the preflight',
  server: { actual: { body: { contentType: 'text/plain', text: 'the secret' } } },
  steps: [
    {
      request: {
        target: 'crossSite',
        method: 'patch',
        path: '/items/7',
        headers: [['X-Trace', "it's"]],
        body: '{"n":1}',
      },
    },
  ],
};

async function open(ui: PlaygroundPage, scenario: ScenarioInput): Promise<string> {
  await ui.goto();
  await ui.page
    .getByRole('textbox', { name: 'Scenario or share link' })
    .fill(JSON.stringify(scenario));
  await ui.page.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(ui.page.getByRole('status', { name: 'Import status' })).toContainText('Loaded');
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  const id = await ui.page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  if (id === null) throw new Error('no session');
  return id;
}

async function logOf(controlApi: ControlApi, id: string): Promise<ExchangeLogEntry[]> {
  return (await controlApi.call<ExchangeLogPage>(`/sessions/${id}/log`)).body.entries;
}

const withoutHost = (entry: ExchangeLogEntry) =>
  entry.request.headers.filter(([name]) => name.toLowerCase() !== 'host');

async function clipboardAfter(page: Page, part: 'preflight' | 'request'): Promise<string> {
  await page.getByRole('button', { name: `Copy the ${part} as curl` }).click();
  await expect(page.getByRole('status', { name: `Copying the ${part}` })).toHaveText('Copied.');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('Copy as curl gives the preflight exactly as the browser sent it, and the request it stopped', async ({
  page,
  context,
  playgroundPage: ui,
  controlApi,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = await open(ui, BLOCKED);
  const [browserPreflight, ...rest] = await logOf(controlApi, id);
  expect(rest).toEqual([]);
  if (browserPreflight === undefined) throw new Error('no preflight logged');

  const preflight = await clipboardAfter(page, 'preflight');
  await expect(page.getByLabel('The preflight as curl')).toHaveText(preflight);
  expect(preflight).toContain("-X 'OPTIONS'");
  expect(preflight).toContain("-H 'Access-Control-Request-Method: patch'");
  expect(preflight).toContain("-H 'Access-Control-Request-Headers: x-trace'");
  await run('sh', ['-c', `${preflight} --silent --output /dev/null`]);
  const [fromCurl] = (await logOf(controlApi, id)).slice(1);
  if (fromCurl === undefined) throw new Error('curl reached nothing');
  // The same method, target and header lines, in order: only Host is curl's own (the same).
  expect(fromCurl.request.method).toBe(browserPreflight.request.method);
  expect(fromCurl.request.target).toBe(browserPreflight.request.target);
  expect(withoutHost(fromCurl)).toEqual(withoutHost(browserPreflight));

  await expect(page.getByText('it did not send this one')).toBeVisible();
  const request = await clipboardAfter(page, 'request');
  expect(request).toContain("-X 'patch'");
  expect(request).toContain("-H 'X-Trace: it'\\''s'");
  const { stdout } = await run('sh', ['-c', request]);
  // curl is no browser: it reads the answer the browser never asked for.
  expect(stdout).toMatch(/^HTTP\/1\.1 200 OK/);
  expect(stdout).toContain('the secret');
  const [, , arrived] = await logOf(controlApi, id);
  expect(arrived?.request.method).toBe('patch');
  expect(arrived?.request.bodySize).toBe(7);
});

test('Send from the server shows Node reading what the browser kept from the page', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  const id = await open(ui, BLOCKED);
  await page.getByRole('button', { name: 'Send from the server' }).click();
  const browser = page.getByRole('region', { name: 'In the browser' });
  const server = page.getByRole('region', { name: 'From the server' });
  await expect(browser).toContainText('TypeError: Failed to fetch');
  await expect(
    server.getByRole('list', { name: 'Response headers Node read for the preflight' }),
  ).toBeVisible();
  await expect(server.getByText('204 No Content')).toBeVisible();
  await expect(server.getByText('200 OK')).toBeVisible();
  await expect(server.getByLabel('Body Node read for the request')).toHaveText('the secret');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(axe.violations).toEqual([]);

  // Node sent the same two requests the browser made or would have made, Origin included.
  const entries = await logOf(controlApi, id);
  expect(entries.map((entry) => entry.request.method)).toEqual(['OPTIONS', 'OPTIONS', 'patch']);
  const [browserPreflight, nodePreflight, nodeRequest] = entries;
  expect(nodePreflight && withoutHost(nodePreflight)).toEqual(
    browserPreflight && withoutHost(browserPreflight),
  );
  expect(nodeRequest?.request.headers).toContainEqual(['X-Trace', "it's"]);
  expect(nodeRequest?.request.headers.find(([name]) => name === 'Origin')).toBeDefined();
});
