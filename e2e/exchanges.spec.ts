import type { Page } from '@playwright/test';
import { createStaticHandler } from '../mock-server/static-files.ts';
import { startPlayground } from '../mock-server/playground.ts';
import { configure, expect, holdControlApi, PlaygroundPage, test, withDraft } from './fixtures.ts';

const AGREES = '✓ The model agrees with what the browser did.';

async function sendAndExpectAgreement(ui: PlaygroundPage): Promise<void> {
  await ui.send();
  await expect(ui.agreement).toHaveText(AGREES);
}

test.describe('the three views of an exchange', () => {
  test('a simple GET that is allowed', async ({ page, playgroundPage: ui, controlApi }) => {
    await ui.goto();
    await configure(page, controlApi, { cors: { allowOrigin: 'reflect' } });
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    await expect(ui.wire.getByRole('listitem', { name: /^Request: GET/ })).toHaveCount(1);
    await expect(ui.wire.getByRole('listitem', { name: /^Preflight/ })).toHaveCount(0);
    await expect(ui.verdict).toContainText('The CORS checks passed');
  });

  test('Access-Control-Allow-Origin missing', async ({ playgroundPage: ui }) => {
    await ui.goto();
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
    await expect(ui.wire).toContainText('HTTP/1.1 200 OK');
    await expect(ui.verdict.getByText('MissingAllowOriginHeader')).toBeVisible();
    await expect(ui.verdict).toContainText('Fix:');
  });

  test('Access-Control-Allow-Origin with a trailing slash', async ({
    page,
    playgroundPage: ui,
    controlApi,
    playground,
  }) => {
    await ui.goto();
    await configure(page, controlApi, {
      cors: { allowOrigin: { value: `${playground.origins.app}/` } },
    });
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
    await expect(ui.verdict.getByText('AllowOriginMismatch')).toBeVisible();
    await expect(
      ui.verdict.getByRole('definition').filter({ hasText: `${playground.origins.app}/` }),
    ).toBeVisible();
    // The wire points at the header that failed the check.
    await expect(ui.responseHeaders('GET').locator('li.marked')).toContainText(
      'Access-Control-Allow-Origin',
    );
  });

  test('a wildcard origin with credentials', async ({ page, playgroundPage: ui, controlApi }) => {
    await withDraft(page, { credentials: 'include' });
    await ui.goto();
    await configure(page, controlApi, { cors: { allowOrigin: '*' } });
    await sendAndExpectAgreement(ui);
    await expect(ui.verdict.getByText('WildcardOriginNotAllowed')).toBeVisible();
    await expect(ui.verdict.getByLabel('Console message')).toContainText(
      "must not be the wildcard '*'",
    );
  });

  test('a PUT whose preflight names no methods', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { method: 'PUT' });
    await ui.goto();
    await configure(page, controlApi, { cors: { allowOrigin: 'reflect' } });
    await sendAndExpectAgreement(ui);
    await expect(ui.wire.getByRole('listitem', { name: /^Preflight: OPTIONS/ })).toHaveCount(1);
    await expect(ui.wire.getByRole('listitem', { name: /^Request: PUT/ })).toHaveCount(0);
    await expect(ui.wire).toContainText('The actual request was never sent');
    await expect(ui.verdict.getByText('MethodDisallowedByPreflightResponse')).toBeVisible();
    await expect(ui.verdict.getByRole('definition').filter({ hasText: /^PUT$/ })).toBeVisible();
  });

  test('Authorization without Access-Control-Allow-Headers', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { headers: [['Authorization', 'Bearer token123']] });
    await ui.goto();
    await configure(page, controlApi, { cors: { allowOrigin: 'reflect' } });
    await sendAndExpectAgreement(ui);
    await expect(ui.requestHeaders('OPTIONS')).toContainText(
      'Access-Control-Request-Headers: authorization',
    );
    await expect(ui.verdict.getByText('HeaderDisallowedByPreflightResponse')).toBeVisible();
    await expect(
      ui.verdict.getByRole('definition').filter({ hasText: /^authorization$/ }),
    ).toBeVisible();
  });

  test('a preflight answered 404', async ({ page, playgroundPage: ui, controlApi }) => {
    await withDraft(page, { method: 'DELETE' });
    await ui.goto();
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect', allowMethods: ['DELETE'] },
      preflight: { handling: { kind: 'answer', status: 404 } },
    });
    await sendAndExpectAgreement(ui);
    await expect(ui.wire).toContainText('HTTP/1.1 404 Not Found');
    await expect(ui.verdict.getByText('PreflightInvalidStatus')).toBeVisible();
  });

  test('a server with no OPTIONS handler', async ({ page, playgroundPage: ui, controlApi }) => {
    await withDraft(page, { method: 'PATCH' });
    await ui.goto();
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect' },
      preflight: { handling: { kind: 'fallthrough' } },
    });
    await sendAndExpectAgreement(ui);
    // The OPTIONS reached the route and got its ordinary answer, with no Allow-Methods.
    await expect(ui.responseHeaders('OPTIONS')).toContainText('Content-Type: application/json');
    await expect(ui.verdict.getByText('MethodDisallowedByPreflightResponse')).toBeVisible();
  });

  test('exposed and hidden response headers', async ({ page, playgroundPage: ui, controlApi }) => {
    await ui.goto();
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect', exposeHeaders: ['X-Visible'] },
      actual: {
        headers: [
          ['X-Visible', '1'],
          ['X-Hidden', '2'],
        ],
        cookies: [{ name: 'sid', value: 'x' }],
      },
    });
    await sendAndExpectAgreement(ui);
    const table = ui.jsSaw.getByRole('table');
    await expect(table.getByRole('row', { name: /X-Visible/ })).toContainText('✓ readable');
    await expect(table.getByRole('row', { name: /X-Hidden/ })).toContainText('✗ hidden');
    await expect(table.getByRole('row', { name: /Set-Cookie/ })).toContainText('✗ hidden');
    await expect(table.getByRole('row', { name: /Content-Type/ })).toContainText('✓ readable');
  });

  test('credentials with a cookie, same-site', async ({ page, playgroundPage: ui, controlApi }) => {
    await withDraft(page, { credentials: 'include' });
    await ui.goto();
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect', allowCredentials: true },
      actual: { cookies: [{ name: 'sid', value: 'abc', path: '/', sameSite: 'Lax' }] },
    });
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    await sendAndExpectAgreement(ui);
    // The second request carried the cookie the first response set.
    await expect(ui.requestHeaders('GET')).toContainText('Cookie: sid=abc');
  });

  test('the preflight cache: a hit, then a miss once max-age runs out', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    const preflights = ui.wire.getByRole('listitem', { name: /^Preflight/ });
    const prediction = page.getByRole('region', { name: 'Prediction' });
    await withDraft(page, { method: 'PUT' });
    await ui.goto();
    // A long max-age, so that the hit does not hang on how fast this machine is.
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect', allowMethods: ['PUT'], maxAge: 600 },
    });
    await sendAndExpectAgreement(ui);
    await expect(preflights).toHaveCount(1);
    await sendAndExpectAgreement(ui);
    await expect(preflights).toHaveCount(0);
    await expect(ui.wire).toContainText('The browser used its preflight cache');

    // Another path is another cache entry; this one may live 1 s, and the wait is longer.
    await page.getByLabel('Path', { exact: true }).fill('/expiring');
    await configure(page, controlApi, {
      cors: { allowOrigin: 'reflect', allowMethods: ['PUT'], maxAge: 1 },
    });
    await sendAndExpectAgreement(ui);
    await expect(preflights).toHaveCount(1);
    await page.waitForTimeout(1_500);
    await expect(prediction).toContainText('The cached preflight expired');
    await sendAndExpectAgreement(ui);
    await expect(preflights).toHaveCount(1);
  });

  test('history: choosing an earlier exchange shows its views', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await ui.goto();
    await sendAndExpectAgreement(ui);
    await configure(page, controlApi, { cors: { allowOrigin: 'reflect' } });
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    const history = page.getByRole('navigation', { name: 'History' });
    await history.getByRole('button', { name: /#1/ }).click();
    await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
    await expect(history.getByRole('button', { name: /#1/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
  });
});

test('a target that is down: nothing reached the server', async ({ browser }) => {
  // A playground of its own, whose targets this test stops.
  const playground = await startPlayground({
    ports: { app: 0, target: 0, second: 0 },
    app: createStaticHandler(new URL('../dist', import.meta.url).pathname),
  });
  const context = await browser.newContext({ baseURL: playground.origins.app });
  try {
    const page = await context.newPage();
    const ui = new PlaygroundPage(page);
    await ui.goto();
    await playground.closeTargets();
    await sendAndExpectAgreement(ui);
    await expect(ui.jsSaw.locator('output')).toHaveText('TypeError: Failed to fetch');
    await expect(ui.wire).toContainText('Nothing reached the server');
    await expect(ui.verdict).not.toContainText('MissingAllowOriginHeader');
  } finally {
    await context.close();
    await playground.close();
  }
});

test('a hidden tab lets go of its log stream, so more than six tabs of one browser still load', async ({
  page,
  context,
}) => {
  // Each tab follows its log over one connection, and Chromium allows 6 per host for all tabs
  // together: seven visible tabs leave the seventh unable to load. Headless tabs never hide,
  // so this one says it is hidden, as the browser would for a tab in the background.
  const openAndHide = async (tab: Page): Promise<void> => {
    await tab.goto('/');
    await expect(tab.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
    await tab.evaluate(() => {
      Object.defineProperty(document, 'hidden', { value: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
  };
  await openAndHide(page);
  for (let tab = 2; tab <= 6; tab += 1) await openAndHide(await context.newPage());
  const seventh = await context.newPage();
  await seventh.goto('/');
  await expect(seventh.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
});

test('Send waits for the server config, without which a result could not be explained', async ({
  page,
  playgroundPage: ui,
}) => {
  // The page's read of its config is held back until the test lets it go.
  const { release } = await holdControlApi(page, 'GET', /^\/sessions\/[^/]+\/config$/);
  await page.goto('/');
  await expect(page.getByText('Loading the server config…')).toBeVisible();
  await expect(ui.sendButton).toBeDisabled();
  await page.keyboard.press('Control+Enter');
  release();
  await expect(ui.sendButton).toBeEnabled();
  // Nothing went while it waited, by the button or the shortcut.
  await expect(page.getByRole('region', { name: 'Result' })).toContainText('Press Send');
});

test('a config that cannot be read holds neither Send nor a preset link', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.route(
    (url) => /^\/_playground\/api\/sessions\/[^/]+\/config$/.test(url.pathname),
    (route) => (route.request().method() === 'GET' ? route.abort() : route.continue()),
  );
  await page.goto('/#preset=preflights/authorization-not-allowed');
  await expect(page.getByText('Could not load the server config').first()).toBeVisible();
  await expect(
    page
      .getByRole('article')
      .getByRole('heading', { name: 'Authorization not in Access-Control-Allow-Headers' }),
  ).toBeVisible();
  await expect(ui.sendButton).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Result' })).not.toContainText('Opening the link');
});
