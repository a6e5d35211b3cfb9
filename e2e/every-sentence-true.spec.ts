import type { Locator } from '@playwright/test';
import type { RequestDraftInput } from '../src/scenario/request-draft.ts';
import { serverConfigSchema, type ServerConfigInput } from '../src/scenario/server-config.ts';
import { expect, test, withDraft, type ControlApi, type PlaygroundPage } from './fixtures.ts';

// One test per numbered case of issue 10: what the result says must be what happened. Each
// asserts the facts as the result lists them, and the words that were wrong before.

const AGREES = '✓ The model agrees with what the browser did.';

/** The banner: what happened, in a sentence or two. */
const banner = (ui: PlaygroundPage): Locator =>
  ui.page.getByRole('region', { name: 'Result' }).locator('.lesson');

/** One fact of the result, by its term ("Preflight", "Request", "Cookie"...). */
const fact = (ui: PlaygroundPage, term: string): Locator =>
  ui.page
    .getByLabel('What happened', { exact: true })
    .locator('dt', { hasText: new RegExp(`^${term.replace(/[()]/g, '\\$&')}$`) })
    .locator('xpath=following-sibling::dd[1]');

const fix = (ui: PlaygroundPage): Locator => ui.verdict.locator('p', { hasText: /^Fix:/ });
const why = (ui: PlaygroundPage): Locator => ui.verdict.locator('p', { hasText: /^Why:/ });

/**
 * Opens the page on a session that already has the config, with the request drafted, as a
 * reload of a tab whose server was set up so would: the panels show that config from the
 * start, so nothing counts as a server change. Then sends, and waits for agreement.
 */
async function play(
  ui: PlaygroundPage,
  controlApi: ControlApi,
  draft: RequestDraftInput,
  config: Omit<ServerConfigInput, 'version'>,
): Promise<void> {
  const session = await controlApi.createSession(
    serverConfigSchema.parse({ version: 1, ...config }),
  );
  await ui.page.addInitScript((id) => {
    if (sessionStorage.getItem('cors-playground.session') === null) {
      sessionStorage.setItem('cors-playground.session', id);
    }
  }, session.id);
  await withDraft(ui.page, draft);
  await ui.goto();
  await ui.send();
  await expect(ui.agreement).toHaveText(AGREES);
}

test.describe('1. a failed preflight: it reached the server, the request was never sent', () => {
  const cases: [string, Omit<ServerConfigInput, 'version'>, string][] = [
    [
      'a header Allow-Headers does not list',
      { cors: { allowOrigin: 'reflect' } },
      '204 No Content',
    ],
    [
      'a preflight answered 405',
      {
        cors: { allowOrigin: 'reflect', allowHeaders: ['x-api-key'] },
        preflight: { handling: { kind: 'answer', status: 405 } },
      },
      '405 Method Not Allowed',
    ],
    [
      'a redirected preflight',
      {
        cors: { allowOrigin: 'reflect', allowHeaders: ['x-api-key'] },
        preflight: { handling: { kind: 'redirect', status: 307, to: 'second' } },
      },
      '307 Temporary Redirect',
    ],
  ];
  for (const [name, config, answer] of cases) {
    test(name, async ({ playgroundPage: ui, controlApi }) => {
      await play(ui, controlApi, { headers: [['X-Api-Key', 'k']] }, config);
      await expect(banner(ui)).toContainText(`reached the server, which answered ${answer}`);
      await expect(banner(ui)).toContainText('The browser never sent the actual request');
      await expect(banner(ui)).not.toContainText('The request reached the server');
      await expect(fact(ui, 'Preflight')).toHaveText(`reached the server: ${answer}`);
      await expect(fact(ui, 'Request')).toHaveText('never sent');
      await expect(fact(ui, 'fetch()')).toHaveText('rejected: TypeError: Failed to fetch');
    });
  }
});

test.describe('2. an opaque response is not read by JavaScript', () => {
  test("mode 'no-cors'", async ({ playgroundPage: ui, controlApi }) => {
    await play(ui, controlApi, { mode: 'no-cors' }, {});
    await expect(banner(ui)).toContainText('JavaScript got an opaque response');
    await expect(banner(ui)).not.toContainText('let JavaScript read');
    const history = ui.page.getByRole('navigation', { name: 'History' });
    await expect(history).toContainText('opaque: JavaScript reads nothing');
    await expect(history).not.toContainText('allowed');
    await expect(fact(ui, 'fetch()')).toHaveText("resolved: type 'opaque', status 0");
    await expect(fact(ui, 'JavaScript can read')).toHaveText(
      'nothing: status 0, no headers, no body',
    );
  });

  test("redirect: 'manual'", async ({ playgroundPage: ui, controlApi }) => {
    await play(
      ui,
      controlApi,
      { redirect: 'manual' },
      {
        cors: { allowOrigin: 'reflect' },
        actual: { redirects: [{ status: 302, to: 'sameSite' }] },
      },
    );
    await expect(banner(ui)).toContainText('opaque-redirect response');
    await expect(banner(ui)).not.toContainText('let JavaScript read');
    await expect(fact(ui, 'fetch()')).toHaveText("resolved: type 'opaqueredirect', status 0");
    await expect(fact(ui, 'JavaScript can read')).toHaveText(
      'nothing: status 0, no headers, no body',
    );
  });
});

test('3. after a cross-origin redirect the fix keeps the origin, and says what null costs', async ({
  playgroundPage: ui,
  controlApi,
  playground,
}) => {
  await play(
    ui,
    controlApi,
    {},
    {
      cors: { allowOrigin: { value: playground.origins.app } },
      actual: { redirects: [{ status: 302, to: 'second' }] },
    },
  );
  await expect(ui.verdict.getByText('AllowOriginMismatch')).toBeVisible();
  await expect(fix(ui)).toContainText("made the request's Origin null. Best, avoid it");
  await expect(fix(ui)).toContainText(`so the request keeps Origin: ${playground.origins.app}`);
  await expect(fix(ui)).toContainText(
    'Access-Control-Allow-Origin: null would work but is unsafe: every sandboxed iframe and data: page sends Origin: null too, so any site could embed one and read the response.',
  );
  await expect(fix(ui)).not.toContainText('Have the server send Access-Control-Allow-Origin: null');
  await expect(fact(ui, 'Request')).toHaveText(
    'reached the server 2 times (1 redirect): 302 Found, then 200 OK',
  );
});

test('4. Allow-Headers * covering Authorization is flagged', async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(
    ui,
    controlApi,
    { headers: [['Authorization', 'Bearer t0ken']] },
    { cors: { allowOrigin: 'reflect', allowHeaders: '*' } },
  );
  await expect(ui.verdict.getByRole('list', { name: 'Warnings' })).toContainText(
    'The browser let Access-Control-Allow-Headers: * cover Authorization, which the spec refuses',
  );
  await expect(ui.page.getByRole('navigation', { name: 'History' })).toContainText(
    'read by JavaScript (cors, 200), against the spec',
  );
  await expect(fact(ui, 'Preflight')).toHaveText('reached the server: 204 No Content');
  await expect(fact(ui, 'fetch()')).toHaveText("resolved: type 'cors', status 200");
});

test('5. a preflight answered by the route names the missing OPTIONS handler', async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(
    ui,
    controlApi,
    { method: 'POST', headers: [['Content-Type', 'application/json']], body: '{}' },
    {
      cors: { allowOrigin: 'reflect', allowHeaders: ['content-type'] },
      preflight: { handling: { kind: 'fallthrough' } },
    },
  );
  await expect(ui.verdict.getByText('HeaderDisallowedByPreflightResponse')).toBeVisible();
  await expect(why(ui)).toContainText(
    'the server has no OPTIONS handler: the route answered the preflight like any other request',
  );
  await expect(fix(ui)).toContainText('Answer OPTIONS before the route does');
  await expect(fact(ui, 'Preflight')).toHaveText('reached the server: 200 OK');
  await expect(fact(ui, 'Request')).toHaveText('never sent');
});

test("6. a TypeError at the call says the message tells why, not that there's no reason", async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(ui, controlApi, { headers: [['X Api Key', 'k']] }, { cors: { allowOrigin: '*' } });
  await expect(ui.jsSaw).toContainText('its message says why');
  await expect(ui.jsSaw).not.toContainText('no reason');
  await expect(banner(ui)).toContainText('fetch() refused its arguments');
  await expect(fact(ui, 'fetch()')).toHaveText(
    "rejected before sending: TypeError: Failed to execute 'fetch' on 'Window': Invalid name",
  );
  await expect(fact(ui, 'Request')).toHaveText('never sent');
});

test('7. the spec reference names the algorithm and links its anchor', async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(ui, controlApi, {}, {});
  await expect(ui.verdict.getByText('MissingAllowOriginHeader')).toBeVisible();
  await expect(ui.verdict.getByRole('link', { name: 'CORS check, step 2' })).toHaveAttribute(
    'href',
    'https://fetch.spec.whatwg.org/#concept-cors-check',
  );
  await expect(fact(ui, 'Request')).toHaveText('reached the server: 200 OK');
});

test('8. the readable/hidden table shows code, never backticks', async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(
    ui,
    controlApi,
    {},
    {
      cors: { allowOrigin: 'reflect', exposeHeaders: '*' },
      actual: { headers: [['X-Request-Id', 'r-1']] },
    },
  );
  const row = ui.jsSaw.getByRole('row', { name: /X-Request-Id/ });
  await expect(row.locator('code', { hasText: /^\*$/ })).toBeVisible();
  await expect(ui.page.getByRole('region', { name: 'Result' })).not.toContainText('`');
  await expect(fact(ui, 'JavaScript can read')).toHaveText(
    'the status, the body and 6 of 6 headers',
  );
});

test('8. the prediction shows code, never backticks', async ({
  playgroundPage: ui,
  controlApi,
}) => {
  await play(
    ui,
    controlApi,
    { method: 'PUT' },
    { cors: { allowOrigin: 'reflect', allowMethods: ['PUT'], maxAge: 0 } },
  );
  const prediction = ui.page.getByRole('region', { name: 'Prediction' });
  await expect(prediction).toContainText('The cached preflight expired');
  await expect(prediction.locator('code', { hasText: /^0$/ })).toBeVisible();
  await expect(prediction).not.toContainText('`');
});

test.describe('10. cookies: what arrives, and why not', () => {
  const credentialed = { allowOrigin: 'reflect', allowCredentials: true } as const;
  const lax = { name: 'sid', value: 'abc', path: '/', sameSite: 'Lax' } as const;

  test('a cross-site target gets no Lax cookie, and the prediction and the result say why', async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(
      ui,
      controlApi,
      { target: 'crossSite', credentials: 'include' },
      { cors: credentialed, actual: { cookies: [lax] } },
    );
    await ui.send();
    await expect(ui.agreement).toHaveText(AGREES);
    await expect(ui.page.getByRole('region', { name: 'Prediction' })).toContainText(
      'Cookies: the server is another site than the page, so only cookies set with SameSite=None; Secure can go',
    );
    await expect(ui.page.getByRole('region', { name: 'Prediction' })).not.toContainText(
      'sent with',
    );
    await expect(fact(ui, 'Cookie')).toHaveText(
      /^No Cookie line arrived: the server is another site than the page, so only cookies set with SameSite=None; Secure can go/,
    );
  });

  test('a same-site target gets the cookie its first answer set', async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(
      ui,
      controlApi,
      { credentials: 'include' },
      { cors: credentialed, actual: { cookies: [lax] } },
    );
    await expect(ui.page.getByRole('region', { name: 'Prediction' })).toContainText(
      "Cookies: the ones the browser holds for this URL go, with credentials: 'include'",
    );
    await expect(fact(ui, 'Cookie')).toHaveText(
      'No Cookie line arrived: the browser held no cookie for this URL (a credentialed response with Set-Cookie stores one).',
    );
    await ui.send();
    await expect(ui.agreement).toHaveText(AGREES);
    await expect(fact(ui, 'Cookie')).toHaveText('A Cookie line arrived with the request.');
  });

  test("credentials: 'same-origin' sends none to another origin, and says so", async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(ui, controlApi, {}, { cors: { allowOrigin: 'reflect' } });
    await expect(ui.page.getByRole('region', { name: 'Prediction' })).toContainText(
      "Cookies: none will be sent: credentials: 'same-origin' (the default) sends cookies only to the page's own origin",
    );
    await expect(fact(ui, 'Cookie')).toHaveText(
      "No Cookie line arrived: credentials: 'same-origin' (the default) sends cookies only to the page's own origin; use 'include'.",
    );
  });
});

// A fresh-eyes review after the cases above: sentences that were still not what happened.
test.describe('the words of the verdict and the prediction', () => {
  const predicted = (ui: PlaygroundPage): Locator =>
    ui.page.getByRole('region', { name: 'Prediction' });

  test('a failed preflight: the fix names everything its answer lacks, not only the first', async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(
      ui,
      controlApi,
      { method: 'PUT', headers: [['Authorization', 'Bearer t0ken']] },
      { cors: { allowOrigin: 'reflect' } },
    );
    const everything =
      'Send Access-Control-Allow-Methods: PUT and Access-Control-Allow-Headers: authorization in the OPTIONS response.';
    await expect(ui.verdict.getByText('MethodDisallowedByPreflightResponse')).toBeVisible();
    await expect(fix(ui)).toHaveText(`Fix: ${everything}`);
    await expect(predicted(ui)).toContainText(everything);
  });

  test('a pass says what the server allowed: null after a cross-origin redirect', async ({
    playgroundPage: ui,
    controlApi,
    playground,
  }) => {
    await play(
      ui,
      controlApi,
      {},
      {
        cors: { allowOrigin: { allowList: [playground.origins.app, 'null'] } },
        actual: { redirects: [{ status: 302, to: 'second' }] },
      },
    );
    await expect(why(ui)).toHaveText(
      "Why: The server sent Access-Control-Allow-Origin: null, which matches the request's Origin (null after the cross-origin redirect), so JavaScript may read the body, the status and the safelisted or exposed headers.",
    );
  });

  test('Allow-Credentials not sent is said so; the console keeps Chromium’s quoted empty value', async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(ui, controlApi, { credentials: 'include' }, { cors: { allowOrigin: 'reflect' } });
    await expect(ui.verdict).toContainText('does not send Access-Control-Allow-Credentials');
    await expect(ui.verdict).not.toContainText('Access-Control-Allow-Credentials from');
    await expect(ui.verdict).toContainText(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'",
    );
  });

  test("mode 'no-cors': the prediction is confirmed as an opaque response, never a pass", async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(ui, controlApi, { mode: 'no-cors' }, {});
    await expect(
      ui.page.getByRole('region', { name: 'Result' }).getByLabel('Prediction'),
    ).toHaveText(
      '✓ As predicted before this request was sent: it would resolve with an opaque response JavaScript cannot read, and it resolved with an opaque response.',
    );
  });
  test('Allow-Headers * relied on for Authorization: a failure elsewhere, said once, not a security risk', async ({
    playgroundPage: ui,
    controlApi,
  }) => {
    await play(
      ui,
      controlApi,
      { headers: [['Authorization', 'Bearer t0ken']] },
      { cors: { allowOrigin: 'reflect', allowHeaders: '*' } },
    );
    const warning =
      'The browser let Access-Control-Allow-Headers: * cover Authorization, which the spec refuses (Chromium 156 and Firefox 153 allow it but flag it as deprecated), so a browser that follows the spec fails this preflight: list Authorization by name.';
    await expect(ui.verdict.getByRole('list', { name: 'Warnings' })).toContainText(warning);
    await expect(predicted(ui).getByRole('list', { name: 'Warnings' })).toContainText(warning);
    await expect(ui.page.getByRole('region', { name: 'Security warnings' })).toContainText(
      'None for this server config.',
    );
  });
});
