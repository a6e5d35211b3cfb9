import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parseScenario } from '../src/scenario/scenario.ts';
import type { ServerConfig } from '../src/scenario/server-config.ts';
import { expect, holdControlApi, test, type ControlApi } from './fixtures.ts';

/** The config a preset file's first step meets, as the server holds it. */
async function presetConfig(id: string): Promise<ServerConfig> {
  const text = await readFile(new URL(`../presets/${id}.scenario.json`, import.meta.url), 'utf8');
  const parsed = parseScenario(JSON.parse(text));
  if (!parsed.ok) throw new Error(`${id} is not a valid scenario`);
  return { version: 1, ...parsed.value.server };
}

async function sessionOf(page: Page): Promise<string> {
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  if (id === null) throw new Error('the page has no session');
  return id;
}

async function configOf(controlApi: ControlApi, page: Page): Promise<ServerConfig> {
  return (await controlApi.call<ServerConfig>(`/sessions/${await sessionOf(page)}/config`)).body;
}

const lesson = (page: Page) => page.getByRole('article');
const codeToRun = (page: Page) => page.getByLabel('Code to run');

test('the gallery finds a preset, and one click loads its request and server, named in the URL', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await ui.goto();
  const before = await sessionOf(page);
  await page.getByRole('button', { name: 'Browse presets' }).click();
  await page.getByRole('searchbox', { name: 'Search presets' }).fill('allow-origin slash');
  await expect(page.getByText(/^\d+ of \d+ presets match$/)).toBeVisible();
  await page
    .getByRole('button', { name: 'Access-Control-Allow-Origin with a trailing slash' })
    .click();

  await expect(lesson(page).getByRole('heading', { level: 3 })).toHaveText(
    'Access-Control-Allow-Origin with a trailing slash',
  );
  await expect(lesson(page).getByRole('heading', { level: 3 })).toBeFocused();
  await expect(page).toHaveURL(/#preset=first-request\/trailing-slash$/);
  expect(await sessionOf(page)).not.toBe(before);
  expect(await configOf(controlApi, page)).toEqual(
    await presetConfig('first-request/trailing-slash'),
  );
  await expect(codeToRun(page)).toContainText('/api/data');

  // What the lesson says to notice is what the browser does.
  await ui.send();
  await expect(ui.verdict).toContainText('AllowOriginMismatch');

  // Once the learner changes the request, the address no longer names the preset.
  await page.getByLabel('Path', { exact: true }).fill('/api/other');
  await expect(page).not.toHaveURL(/#preset=/);
  await expect(lesson(page)).toContainText('no longer names this preset');
});

test('a preset opened by a link while the gallery is open closes it and shows the story', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.goto('/#preset=preflights/cron-dashboard-options-404');
  await expect(ui.sendButton).toBeEnabled();
  const browse = page.getByRole('button', { name: 'Browse presets' });
  await browse.click();
  await expect(page.getByRole('searchbox', { name: 'Search presets' })).toBeVisible();
  // The debug checklist's "See it happen" links are #preset= links.
  await page
    .getByRole('region', { name: 'Debug checklist' })
    .getByRole('link', { name: 'A proxy adds a second Access-Control-Allow-Origin' })
    .click();
  const heading = lesson(page).getByRole('heading', { level: 3 });
  await expect(heading).toHaveText('A proxy adds a second Access-Control-Allow-Origin');
  await expect(page.getByRole('searchbox', { name: 'Search presets' })).toBeHidden();
  await expect(browse).toHaveAttribute('aria-expanded', 'false');
  await expect(heading).toBeFocused();
  await expect(lesson(page)).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('heading', { name: 'Request', exact: true })).toBeInViewport();
});

test('a preset link loads the preset; a reload keeps the tab as it is', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await page.goto('/#preset=preflights/authorization-not-allowed');
  await expect(ui.sendButton).toBeEnabled();
  await expect(lesson(page).getByRole('heading', { level: 3 })).toHaveText(
    'Authorization not in Access-Control-Allow-Headers',
  );
  await expect(codeToRun(page)).toContainText("Authorization: 'Bearer eyJhbGciOi'");
  expect(await configOf(controlApi, page)).toEqual(
    await presetConfig('preflights/authorization-not-allowed'),
  );
  await ui.send();
  await expect(ui.verdict).toContainText('HeaderDisallowedByPreflightResponse');
  // Loading and sending change nothing the preset set, so the address still names it.
  await expect(page).toHaveURL(/#preset=preflights\/authorization-not-allowed$/);

  const session = await sessionOf(page);
  await page.reload();
  await expect(lesson(page)).toContainText('Authorization not in Access-Control-Allow-Headers');
  await expect(page).toHaveURL(/#preset=preflights\/authorization-not-allowed$/);
  expect(await sessionOf(page)).toBe(session);
});

test('Send waits while a preset link opens: a result sent meanwhile would be swept away', async ({
  page,
  playgroundPage: ui,
}) => {
  // The preset's session is held back until the test lets it go: the first new session is
  // the page's own session, the second the preset's.
  const { release, seen } = await holdControlApi(page, 'POST', /^\/sessions$/, 2);
  await page.goto('/#preset=preflights/authorization-not-allowed');
  await expect.poll(seen).toBe(2);
  await expect(ui.sendButton).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Result' })).toContainText(
    'Opening the link: Send waits until its request and server are here.',
  );
  await page.keyboard.press('Control+Enter');
  release();
  await expect(lesson(page).getByRole('heading', { level: 3 })).toHaveText(
    'Authorization not in Access-Control-Allow-Headers',
  );
  await expect(ui.sendButton).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Result' })).not.toContainText('Opening the link');
  // Nothing was sent while it opened, by the button or the shortcut.
  await expect(page.getByRole('region', { name: 'Result' })).toContainText('Press Send');
});

test('a link to a preset the playground does not have changes nothing and says so', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.goto('/#preset=preflights/no-such-preset');
  await expect(ui.sendButton).toBeEnabled();
  await expect(page.getByRole('alert')).toContainText('"preflights/no-such-preset"');
  await expect(codeToRun(page)).toContainText('/hello');
});

test('the gallery and a loaded preset keep axe clean', async ({ page, playgroundPage: ui }) => {
  await ui.goto();
  await page.getByRole('button', { name: 'Browse presets' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search presets' })).toBeVisible();
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const open = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(open.violations.map(({ id }) => id)).toEqual([]);
  await page.getByRole('button', { name: 'A simple GET, blocked' }).click();
  await lesson(page).getByText('The fix').click();
  const loaded = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(loaded.violations.map(({ id }) => id)).toEqual([]);
});
