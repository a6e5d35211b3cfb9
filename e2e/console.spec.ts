import { expect, test } from './fixtures.ts';

test('the page loads and works without console errors of its own', async ({
  playgroundPage: ui,
  page,
  playground,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // The one error expected here is Chromium reporting the CORS block it enforced.
    if (message.type() === 'error' && !message.text().includes('has been blocked by CORS policy')) {
      if (!message.text().startsWith('Failed to load resource: net::ERR_FAILED'))
        problems.push(message.text());
    }
    if (message.type() === 'warning') problems.push(message.text());
  });
  await ui.goto();
  await ui.send();
  await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
  expect(problems).toEqual([]);
  expect(playground.origins.app).toMatch(/^http:\/\/localhost:\d+$/);
});
