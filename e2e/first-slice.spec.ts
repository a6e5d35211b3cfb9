import { expect, test, withDraft } from './fixtures.ts';

test.describe('the first slice: one real fetch() and what the target saw', () => {
  test('without Access-Control-Allow-Origin, JS sees only "Failed to fetch" although the server answered 200', async ({
    playgroundPage: ui,
    playground,
    page,
  }) => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await ui.goto();
    await expect(ui.allowOrigin('Not sent')).toBeChecked();
    await ui.send();

    // The verdict names Chromium's check and prints exactly the line Chromium printed.
    await expect(ui.verdict.getByText('MissingAllowOriginHeader')).toBeVisible();
    const chromiumSaid = consoleErrors.find((text) => text.includes('blocked by CORS policy'));
    expect(chromiumSaid).toBeDefined();
    await expect(ui.verdict.getByLabel('Console message')).toHaveText(chromiumSaid ?? '');
    await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
    // Explained as the browser it runs in; Firefox would block it alike, so no note says more.
    await expect(page.getByLabel('Browser', { exact: true })).toContainText(
      /^Explained as Headless Chromium \d+/,
    );
    await expect(ui.verdict).toContainText('as Chromium names it');
    await expect(ui.verdict.getByRole('note', { name: 'In Firefox' })).toHaveCount(0);

    await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
    await expect(ui.requestHeaders('GET')).toContainText(`Origin: ${playground.origins.app}`);
    await expect(ui.wire).toContainText('HTTP/1.1 200 OK');
    await expect(ui.responseHeaders('GET')).not.toContainText('Access-Control-Allow-Origin');
    await expect(ui.lesson).toContainText('The request reached the server, which answered 200 OK.');
    await expect(ui.lesson).toContainText('blocked JavaScript from reading the response');
  });

  test('where Firefox would differ, the verdict says so: a page-set User-Agent', async ({
    playgroundPage: ui,
    page,
    playground,
  }) => {
    await withDraft(page, { path: '/ua', headers: [['User-Agent', 'my-app/1.0']] });
    await ui.goto();
    await ui.setAllowOrigin("The page's origin");
    await ui.send();

    // Chromium drops the header and sends no preflight; Firefox's profile sends one for it.
    await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
    await expect(ui.wire).not.toContainText('OPTIONS');
    await expect(ui.verdict.getByRole('note', { name: 'In Firefox' })).toHaveText(
      `Firefox would send a preflight (OPTIONS) to ${playground.origins.sameSite}/s/${await page.evaluate(() => sessionStorage.getItem('cors-playground.session'))}/ua first, where Chromium sent none: user-agent is not a CORS-safelisted request header. What happens next would depend on the server's answer to it.`,
    );
  });

  test("with the page's origin allowed, JS reads the response", async ({
    playgroundPage: ui,
    playground,
  }) => {
    await ui.goto();
    await ui.setAllowOrigin("The page's origin");
    await ui.send();

    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    await expect(ui.jsSaw.getByRole('definition').filter({ hasText: 'cors' })).toBeVisible();
    await expect(ui.jsSaw.getByLabel('Response body')).toContainText('Hello from the target');
    await expect(ui.responseHeaders('GET')).toContainText(
      `Access-Control-Allow-Origin: ${playground.origins.app}`,
    );
    await expect(ui.lesson).toContainText('The browser let JavaScript read the response:');
    await expect(ui.verdict).toContainText('The CORS checks passed');
    await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
  });

  test('with Access-Control-Allow-Origin: *, JS reads the response', async ({
    playgroundPage: ui,
  }) => {
    await ui.goto();
    await ui.setAllowOrigin('Any origin');
    await ui.send();

    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    await expect(ui.jsSaw.getByLabel('Response body')).toContainText('Hello from the target');
    await expect(ui.responseHeaders('GET')).toContainText('Access-Control-Allow-Origin: *');
    await expect(ui.lesson).toContainText('The browser let JavaScript read the response:');
  });

  test('the origins the UI names are the real ones', async ({
    playgroundPage: ui,
    playground,
    page,
  }) => {
    await ui.goto();
    const pageOrigin = await page.evaluate(() => window.location.origin);
    expect(pageOrigin).toBe(playground.origins.app);
    await expect(page.getByLabel('Page origin')).toHaveText(pageOrigin);
    await expect(page.getByLabel('Target origin')).toHaveText(playground.origins.sameSite);
    await expect(page.getByText('(cross-origin, same-site)')).toBeVisible();

    await ui.send();
    await expect(ui.requestHeaders('GET')).toContainText(`Origin: ${pageOrigin}`);
    await expect(ui.requestHeaders('GET')).toContainText(
      `Host: ${new URL(playground.origins.sameSite).host}`,
    );
  });

  test('a reload keeps the tab’s session and its server config', async ({
    playgroundPage: ui,
    page,
  }) => {
    await ui.goto();
    await ui.setAllowOrigin('Any origin');
    await page.reload();
    await expect(ui.allowOrigin('Any origin')).toBeChecked();
  });

  test('tabs have their own sessions', async ({ playgroundPage: ui, context }) => {
    await ui.goto();
    await ui.setAllowOrigin('Any origin');
    const other = await context.newPage();
    await other.goto('/');
    await expect(other.getByRole('radio', { name: 'Not sent' })).toBeChecked();
  });
});
