import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ExchangeLogPage } from '../src/scenario/control-api.ts';
import { expect, test, type ControlApi } from './fixtures.ts';

async function logOf(controlApi: ControlApi, page: Page): Promise<ExchangeLogPage> {
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  return (await controlApi.call<ExchangeLogPage>(`/sessions/${id}/log`)).body;
}

const steps = (page: Page) =>
  page.getByRole('list', { name: 'The exchange, step by step' }).getByRole('listitem');

test("the diagram's text says what crossed the wire, and where the browser stopped", async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await page.goto('/#preset=preflights/put-not-allowed');
  await expect(ui.sendButton).toBeEnabled();
  await expect(page.getByRole('article')).toBeVisible();
  await ui.send();
  await expect(ui.agreement).toBeVisible();

  const { entries } = await logOf(controlApi, page);
  expect(entries.map((entry) => entry.request.method)).toEqual(['OPTIONS']);
  const [preflight] = entries;
  if (preflight === undefined) throw new Error('no preflight logged');
  // The path the page asked for: without the session's prefix, nor a fresh cache's.
  const path = preflight.request.target.replace(/^\/s\/[^/]+(\/fresh-\d+)?/, '');
  await expect(steps(page)).toHaveText([
    'The page calls fetch() for PUT /api/todos/7.',
    `The browser sends a preflight, OPTIONS ${path}, to ${preflight.request.host}, with ${preflight.request.headers
      .filter(([name]) => /^(origin|access-control-request-)/i.test(name))
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ')}.`,
    `${preflight.request.host} answers ${preflight.response.status} ${preflight.response.reason}, with ${preflight.response.headers
      .filter(([name]) => /^access-control-/i.test(name))
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ')}.`,
    'The browser stops here: MethodDisallowedByPreflightResponse (Access-Control-Allow-Methods).',
    'fetch() rejects: TypeError: Failed to fetch.',
  ]);
  const picture = page.getByRole('img', { name: /^Sequence diagram of exchange 1/ });
  await expect(picture).toContainText('✗ Access-Control-Allow-Methods: GET, POST');
  await expect(picture).toContainText('✗ Stopped: MethodDisallowedByPreflightResponse');
});

test('the diagram shows a cached preflight, and moves only when motion is welcome', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#preset=caching/preflight-cached');
  await expect(ui.sendButton).toBeEnabled();
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  await ui.send();
  await expect(steps(page).nth(1)).toHaveText(
    "The browser's preflight cache answers for the server: no OPTIONS is sent.",
  );
  const animation = () =>
    page
      .locator('.seq-step')
      .first()
      .evaluate((step) => getComputedStyle(step).animationName);
  expect(await animation()).toBe('none');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await animation()).toBe('seq-step-in');

  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const { violations } = await new AxeBuilder({ page })
    .include('.exchange-diagram')
    .withTags(tags)
    .analyze();
  expect(violations.map(({ id }) => id)).toEqual([]);
});

test('only the failing header is marked, and a long value wraps rather than being cut', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.goto('/#preset=preflights/authorization-not-allowed');
  await expect(ui.sendButton).toBeEnabled();
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  const origin = new URL(page.url()).origin;
  const picture = page.getByRole('img', { name: /^Sequence diagram of exchange 1/ });
  const line = (text: string) => picture.locator('text.seq-line', { hasText: text });
  const colour = (text: string) => line(text).evaluate((node) => getComputedStyle(node).fill);
  const bad = await line('✗ Access-Control-Allow-Headers: (missing)').evaluate(
    (node) => getComputedStyle(node).fill,
  );
  expect(await colour('Access-Control-Allow-Methods: GET, PUT')).not.toBe(bad);
  expect(await colour('Access-Control-Allow-Origin:')).not.toBe(bad);
  // The whole value is drawn, over as many rows as it needs.
  await expect(picture).not.toContainText('…');
  expect((await picture.locator('text.seq-line').allTextContents()).join('')).toContain(
    `Access-Control-Allow-Origin: ${origin}`,
  );
  await expect(steps(page).nth(2)).toContainText(`Access-Control-Allow-Origin: ${origin}`);
});
