import { fileURLToPath } from 'node:url';
import { serveDevPlayground, type ServedPlayground } from '../mock-server/serve-app.ts';
import { expect, PlaygroundPage, test } from './fixtures.ts';

// npm run dev: the same origins, with the UI from Vite and React in development mode,
// which is where React prints its warnings. Using the UI there must print none.
let served: ServedPlayground;

test.beforeAll(async () => {
  served = await serveDevPlayground(fileURLToPath(new URL('..', import.meta.url)), {
    app: 0,
    target: 0,
    second: 0,
  });
});
test.afterAll(() => served.close());

test('the UI in development mode works without console errors or React warnings', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: served.playground.origins.app });
  const page = await context.newPage();
  const problems: string[] = [];
  let hotReloadConnected = false;
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    // Vite's client says so once its HMR socket, through the app origin's port, is open.
    if (text === '[vite] connected.') hotReloadConnected = true;
    // Chromium reporting the CORS blocks this test provokes on purpose is expected.
    const expected =
      text.includes('has been blocked by CORS policy') ||
      text.startsWith('Failed to load resource');
    if ((message.type() === 'error' || message.type() === 'warning') && !expected)
      problems.push(text);
  });
  const ui = new PlaygroundPage(page);
  await ui.goto();
  await expect.poll(() => hotReloadConnected).toBe(true);
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  await ui.setAllowOrigin('Any origin');
  await page.getByRole('combobox', { name: 'Method', exact: true }).fill('PUT');
  await page.getByRole('button', { name: /Authorization/ }).click();
  await ui.send();
  await expect(ui.agreement).toContainText('agrees');
  await page
    .getByRole('navigation', { name: 'History' })
    .getByRole('button', { name: /#1/ })
    .click();
  await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
  expect(problems).toEqual([]);
  await context.close();
});
