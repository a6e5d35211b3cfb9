import type { Locator, Page } from '@playwright/test';
import { defaultServerConfig, type ServerConfig } from '../src/scenario/server-config.ts';
import { expect, test, type ControlApi } from './fixtures.ts';

type SectionName =
  'CORS headers' | 'Preflight (OPTIONS)' | 'Actual response' | 'Advanced: raw responses';

const isConfigPut = (url: string, method: string): boolean =>
  url.endsWith('/config') && method === 'PUT';

/** The server panel, through the roles and names a person would use. */
class ServerPanel {
  constructor(
    readonly page: Page,
    readonly controlApi: ControlApi,
  ) {}

  get root(): Locator {
    return this.page.getByRole('region', { name: 'Server', exact: true });
  }

  get summary(): Locator {
    return this.page.getByRole('region', { name: 'Headers the target will send' });
  }

  get preflightLines(): Locator {
    return this.summary.getByRole('list', { name: 'Preflight response lines' });
  }

  get actualLines(): Locator {
    return this.summary.getByRole('list', { name: 'Actual response lines' });
  }

  section(name: SectionName): Locator {
    return this.root.getByRole('group', { name, exact: true });
  }

  /** Opens a collapsed section (a <details>) and returns it. */
  async open(name: SectionName): Promise<Locator> {
    const section = this.section(name);
    if ((await section.getAttribute('open')) === null) {
      await section.getByText(name, { exact: true }).click();
    }
    await expect(section).toHaveAttribute('open', '');
    return section;
  }

  /** A CORS header's select within a section. */
  header(section: Locator, name: string): Locator {
    return section.getByRole('combobox', { name, exact: true });
  }

  allowOrigin(name: string): Locator {
    return this.page
      .getByRole('group', { name: 'Access-Control-Allow-Origin' })
      .getByRole('radio', { name });
  }

  /** Runs `action` and waits until the server has accepted the config it changed. */
  async applied(action: () => Promise<unknown>): Promise<void> {
    const put = this.page.waitForResponse((response) =>
      isConfigPut(response.url(), response.request().method()),
    );
    await action();
    expect((await put).ok()).toBe(true);
  }

  async sessionId(): Promise<string> {
    const id = await this.page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
    expect(id).not.toBeNull();
    return id ?? '';
  }

  /** The config as the server holds it, read back through the control API. */
  async serverConfig(): Promise<ServerConfig> {
    const { status, body } = await this.controlApi.call<ServerConfig>(
      `/sessions/${await this.sessionId()}/config`,
    );
    expect(status).toBe(200);
    return body;
  }

  /**
   * Counts the config PUTs made from now on. Paired with a later, valid change whose PUT is
   * awaited, it proves an earlier invalid edit sent nothing: PUTs go out in order.
   */
  countPuts(): () => number {
    let puts = 0;
    this.page.on('request', (request) => {
      if (isConfigPut(request.url(), request.method())) puts += 1;
    });
    return () => puts;
  }
}

const it = test.extend<{ panel: ServerPanel }>({
  panel: async ({ page, controlApi, playgroundPage }, use) => {
    await playgroundPage.goto();
    await use(new ServerPanel(page, controlApi));
  },
});

it.describe('the server panel', () => {
  it('Access-Control-Allow-Origin: reflect, an allow-list and a literal reach the server and the summary', async ({
    panel,
    playground,
  }) => {
    const origin = playground.origins.app;

    await panel.applied(() => panel.allowOrigin("Reflect the request's Origin").check());
    expect((await panel.serverConfig()).cors.allowOrigin).toBe('reflect');
    await expect(panel.actualLines.getByRole('listitem')).toHaveText([
      `Access-Control-Allow-Origin: ${origin}`,
      'Vary: Origin',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 36',
    ]);

    await panel.applied(() => panel.allowOrigin('An allow-list').check());
    const origins = panel.root.getByRole('textbox', { name: 'Allowed origins' });
    await panel.applied(() => origins.fill(`https://a.example, ${origin}`));
    expect((await panel.serverConfig()).cors.allowOrigin).toEqual({
      allowList: ['https://a.example', origin],
    });
    await expect(panel.actualLines).toContainText(`Access-Control-Allow-Origin: ${origin}`);

    await panel.applied(() => origins.fill('https://a.example'));
    await expect(panel.actualLines).not.toContainText('Access-Control-Allow-Origin');
    await expect(panel.summary).toContainText(`${origin} is not on the allow-list`);

    await panel.applied(() => panel.allowOrigin('A literal value').check());
    const literal = panel.root.getByRole('textbox', {
      name: 'Literal Access-Control-Allow-Origin value',
    });
    await panel.applied(() => literal.fill(`${origin}/`));
    expect((await panel.serverConfig()).cors.allowOrigin).toEqual({ value: `${origin}/` });
    await expect(panel.actualLines).toContainText(`Access-Control-Allow-Origin: ${origin}/`);
    await expect(panel.actualLines).not.toContainText('Vary');

    await panel.applied(() => panel.allowOrigin('Any origin').check());
    expect((await panel.serverConfig()).cors.allowOrigin).toBe('*');
    await expect(panel.preflightLines).toContainText('Access-Control-Allow-Origin: *');

    await panel.applied(() => panel.allowOrigin('Not sent').check());
    expect((await panel.serverConfig()).cors.allowOrigin).toBeUndefined();
    await expect(panel.summary).not.toContainText('Access-Control-Allow-Origin');
  });

  // Issue 10, case 9: the panel never shows one choice while the target sends another's value.
  it('a picked choice with an empty box sends what the box says, and says so', async ({
    panel,
    playground,
  }) => {
    const origin = playground.origins.app;
    const group = panel.page.getByRole('group', { name: 'Access-Control-Allow-Origin' });
    const willSend = group.getByText(/^The target will send:/);
    await panel.applied(() => panel.allowOrigin('Any origin').check());
    await expect(willSend).toHaveText('The target will send: Access-Control-Allow-Origin: *');

    // An empty allow-list allows no origin: no header, at once, as the line says.
    await panel.applied(() => panel.allowOrigin('An allow-list').check());
    await expect(panel.allowOrigin('An allow-list')).toBeChecked();
    expect((await panel.serverConfig()).cors.allowOrigin).toBeUndefined();
    await expect(willSend).toHaveText(
      'The target will send: no Access-Control-Allow-Origin header',
    );
    const origins = group.getByRole('textbox', { name: 'Allowed origins' });
    await expect(origins).toHaveAccessibleDescription(
      'Until this box holds a valid value, the target sends no Access-Control-Allow-Origin header.',
    );
    await expect(panel.actualLines).not.toContainText('Access-Control-Allow-Origin');
    await panel.applied(() => origins.fill(origin));
    await expect(willSend).toHaveText(
      `The target will send: Access-Control-Allow-Origin: ${origin}`,
    );
    // Emptied again: nothing is allowed, so nothing is sent.
    await panel.applied(() => origins.fill(''));
    expect((await panel.serverConfig()).cors.allowOrigin).toBeUndefined();
    await expect(willSend).toHaveText(
      'The target will send: no Access-Control-Allow-Origin header',
    );

    // An empty literal is an empty value, sent as such.
    await panel.applied(() => panel.allowOrigin('A literal value').check());
    expect((await panel.serverConfig()).cors.allowOrigin).toEqual({ value: '' });
    await expect(willSend).toHaveText(
      'The target will send: Access-Control-Allow-Origin:  (an empty value)',
    );

    // The same for a header chosen from a select.
    const cors = panel.section('CORS headers');
    const methods = panel.header(cors, 'Access-Control-Allow-Methods');
    await panel.applied(() => methods.selectOption({ label: 'Any method (*)' }));
    await panel.applied(() => methods.selectOption({ label: 'A list' }));
    await expect(methods).toHaveValue('list');
    expect((await panel.serverConfig()).cors.allowMethods).toBeUndefined();
    await expect(
      cors.getByRole('textbox', { name: 'Allowed methods' }),
    ).toHaveAccessibleDescription(
      'Until this box holds a valid value, the target sends no Access-Control-Allow-Methods header.',
    );
    await expect(panel.preflightLines).not.toContainText('Access-Control-Allow-Methods');

    // An override on one response: the line says what each response carries.
    await panel.applied(() => panel.allowOrigin('Any origin').check());
    const actual = await panel.open('Actual response');
    await panel.applied(() =>
      panel.header(actual, 'Access-Control-Allow-Origin').selectOption({ label: 'Not sent' }),
    );
    await expect(panel.allowOrigin('Any origin')).toBeChecked();
    await expect(willSend).toHaveText(
      'The target will send: no Access-Control-Allow-Origin header on the actual response, and Access-Control-Allow-Origin: * on the preflight (an override applies)',
    );
  });

  it('the other shared CORS headers reach the server and the summary', async ({ panel }) => {
    const cors = panel.section('CORS headers');

    const credentials = panel.header(cors, 'Access-Control-Allow-Credentials');
    await panel.applied(() => credentials.selectOption({ label: 'true' }));
    expect((await panel.serverConfig()).cors.allowCredentials).toBe(true);
    await expect(panel.actualLines).toContainText('Access-Control-Allow-Credentials: true');
    await panel.applied(() => credentials.selectOption({ label: 'A literal value' }));
    await panel.applied(() =>
      cors
        .getByRole('textbox', { name: 'Literal Access-Control-Allow-Credentials value' })
        .fill('True'),
    );
    expect((await panel.serverConfig()).cors.allowCredentials).toEqual({ value: 'True' });
    await expect(panel.preflightLines).toContainText('Access-Control-Allow-Credentials: True');

    const methods = panel.header(cors, 'Access-Control-Allow-Methods');
    await methods.selectOption({ label: 'A list' });
    await panel.applied(() =>
      cors.getByRole('textbox', { name: 'Allowed methods' }).fill('PUT,DELETE'),
    );
    expect((await panel.serverConfig()).cors.allowMethods).toEqual(['PUT', 'DELETE']);
    await expect(panel.preflightLines).toContainText('Access-Control-Allow-Methods: PUT, DELETE');
    // Methods answer a preflight only.
    await expect(panel.actualLines).not.toContainText('Access-Control-Allow-Methods');
    await panel.applied(() => methods.selectOption({ label: 'Any method (*)' }));
    expect((await panel.serverConfig()).cors.allowMethods).toBe('*');

    const headers = panel.header(cors, 'Access-Control-Allow-Headers');
    await panel.applied(() => headers.selectOption({ label: 'Reflect the requested headers' }));
    expect((await panel.serverConfig()).cors.allowHeaders).toBe('reflect');
    await expect(panel.summary).toContainText(
      'Access-Control-Allow-Headers echoes Access-Control-Request-Headers',
    );
    await expect(panel.preflightLines).toContainText('Vary: Access-Control-Request-Headers');
    await headers.selectOption({ label: 'A list' });
    await panel.applied(() =>
      cors.getByRole('textbox', { name: 'Allowed headers' }).fill('Content-Type, X-Custom'),
    );
    expect((await panel.serverConfig()).cors.allowHeaders).toEqual(['Content-Type', 'X-Custom']);
    await expect(panel.preflightLines).toContainText(
      'Access-Control-Allow-Headers: Content-Type, X-Custom',
    );

    const expose = panel.header(cors, 'Access-Control-Expose-Headers');
    await expose.selectOption({ label: 'A list' });
    await panel.applied(() => cors.getByRole('textbox', { name: 'Exposed headers' }).fill('ETag'));
    expect((await panel.serverConfig()).cors.exposeHeaders).toEqual(['ETag']);
    await expect(panel.actualLines).toContainText('Access-Control-Expose-Headers: ETag');
    await expect(panel.preflightLines).not.toContainText('Access-Control-Expose-Headers');

    const maxAge = panel.header(cors, 'Access-Control-Max-Age');
    await maxAge.selectOption({ label: 'Seconds' });
    await panel.applied(() =>
      cors.getByRole('textbox', { name: 'Max age in seconds' }).fill('600'),
    );
    expect((await panel.serverConfig()).cors.maxAge).toBe(600);
    await expect(panel.preflightLines).toContainText('Access-Control-Max-Age: 600');

    await panel.applied(() => panel.allowOrigin("Reflect the request's Origin").check());
    await expect(panel.actualLines).toContainText('Vary: Origin');
    await panel.applied(() =>
      panel.header(cors, 'Vary').selectOption({ label: 'Off: never Vary' }),
    );
    expect((await panel.serverConfig()).cors.vary).toBe('off');
    await expect(panel.summary).not.toContainText('Vary:');

    await panel.applied(() => methods.selectOption({ label: 'Not sent' }));
    expect((await panel.serverConfig()).cors.allowMethods).toBeUndefined();
  });

  it('invalid input is shown at the field, keeps its text, and is never applied', async ({
    panel,
  }) => {
    const cors = panel.section('CORS headers');
    const before = await panel.serverConfig();
    const puts = panel.countPuts();

    // A method list item with a space.
    await panel.header(cors, 'Access-Control-Allow-Methods').selectOption({ label: 'A list' });
    const methods = cors.getByRole('textbox', { name: 'Allowed methods' });
    await methods.fill('GET POST');
    await expect(methods).toHaveAttribute('aria-invalid', 'true');
    await expect(methods).toHaveAccessibleDescription(
      /“GET POST” is not a method: it contains a space/,
    );
    await expect(methods).toHaveValue('GET POST');

    // A literal with a character beyond Latin-1 (picking it applies the empty literal).
    await panel.applied(() => panel.allowOrigin('A literal value').check());
    const literal = cors.getByRole('textbox', {
      name: 'Literal Access-Control-Allow-Origin value',
    });
    await literal.fill('https://app→example');
    await expect(literal).toHaveAttribute('aria-invalid', 'true');
    await expect(literal).toHaveAccessibleDescription(/“→” \(U\+2192\) is not Latin-1/);

    // A header value that goes on over a line break.
    const actual = await panel.open('Actual response');
    const extra = actual.getByRole('textbox', { name: 'Extra header lines' });
    await extra.fill('X-Note: one\n two');
    await expect(extra).toHaveAttribute('aria-invalid', 'true');
    await expect(extra).toHaveAccessibleDescription(/Line 2 starts with a space/);

    // A cookie value with ";", which would start an attribute.
    await panel.applied(() => actual.getByRole('button', { name: 'Add a cookie' }).click());
    const cookieValue = actual.getByRole('group', { name: 'Cookie 1' }).getByLabel('Value');
    await cookieValue.fill('a;b');
    await expect(cookieValue).toHaveAccessibleDescription(/“;”/);

    // Nothing invalid went out: the next valid change is the only PUT after the cookie's.
    await panel.applied(() =>
      panel.header(cors, 'Vary').selectOption({ label: 'Off: never Vary' }),
    );
    expect(puts()).toBe(3);
    const after = await panel.serverConfig();
    expect(after.cors).toEqual({ ...before.cors, allowOrigin: { value: '' }, vary: 'off' });
    expect(after.actual.headers).toEqual([]);
    expect(after.actual.cookies).toEqual([
      { name: 'cookie1', value: '1', path: '/', sameSite: 'Lax' },
    ]);
    await expect(panel.summary).not.toContainText('GET POST');
    await expect(panel.summary).not.toContainText('X-Note');

    // The typed text is still there to fix, and fixing it applies it.
    await expect(methods).toHaveValue('GET POST');
    await expect(literal).toHaveValue('https://app→example');
    await expect(extra).toHaveValue('X-Note: one\n two');
    await panel.applied(() => methods.fill('GET, POST'));
    await expect(methods).not.toHaveAttribute('aria-invalid');
    expect((await panel.serverConfig()).cors.allowMethods).toEqual(['GET', 'POST']);
  });

  it("a per-response Vary on 'Same as shared' says the Vary line that response sends", async ({
    panel,
  }) => {
    await panel.applied(() => panel.allowOrigin("Reflect the request's Origin").check());
    for (const [name, lines] of [
      ['Preflight (OPTIONS)', panel.preflightLines],
      ['Actual response', panel.actualLines],
    ] as const) {
      const vary = panel.header(await panel.open(name), 'Vary');
      await expect(vary).toHaveAccessibleDescription(
        'Shared: auto, which sends Vary: Origin here.',
      );
      await expect(lines).toContainText('Vary: Origin');
    }
  });

  it('the preflight section sets the handling, per-preflight overrides and extra lines', async ({
    panel,
    page,
  }) => {
    const cors = panel.section('CORS headers');
    await panel.header(cors, 'Access-Control-Allow-Methods').selectOption({ label: 'A list' });
    await panel.applied(() => cors.getByRole('textbox', { name: 'Allowed methods' }).fill('PUT'));

    // The section opens from the keyboard: its <summary> takes focus and Enter toggles it.
    const preflight = panel.section('Preflight (OPTIONS)');
    await preflight.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(preflight).toHaveAttribute('open', '');

    await panel.applied(() =>
      preflight.getByRole('combobox', { name: 'Preflight status' }).selectOption('200'),
    );
    expect((await panel.serverConfig()).preflight.handling).toEqual({
      kind: 'answer',
      status: 200,
    });
    await expect(panel.summary).toContainText('HTTP/1.1 200 OK');

    const methods = panel.header(preflight, 'Access-Control-Allow-Methods');
    await panel.applied(() => methods.selectOption({ label: 'Not sent' }));
    expect((await panel.serverConfig()).preflight.cors.allowMethods).toBeNull();
    await expect(panel.preflightLines).not.toContainText('Access-Control-Allow-Methods');

    await panel.applied(() => methods.selectOption({ label: 'Same as shared' }));
    expect((await panel.serverConfig()).preflight.cors).toEqual({});
    await expect(panel.preflightLines).toContainText('Access-Control-Allow-Methods: PUT');

    await panel.applied(() =>
      panel
        .header(preflight, 'Access-Control-Allow-Origin')
        .selectOption({ label: 'Any origin (*)' }),
    );
    expect((await panel.serverConfig()).preflight.cors.allowOrigin).toBe('*');
    await expect(panel.preflightLines).toContainText('Access-Control-Allow-Origin: *');
    await expect(panel.actualLines).not.toContainText('Access-Control-Allow-Origin');

    await panel.header(preflight, 'Access-Control-Max-Age').selectOption({ label: 'Seconds' });
    await panel.applied(() =>
      preflight.getByRole('textbox', { name: 'Max age in seconds' }).fill('5'),
    );
    expect((await panel.serverConfig()).preflight.cors.maxAge).toBe(5);

    await panel.applied(() =>
      preflight
        .getByRole('textbox', { name: 'Extra header lines' })
        .fill('Cache-Control: no-store\nX-Trace:  two spaces'),
    );
    expect((await panel.serverConfig()).preflight.headers).toEqual([
      ['Cache-Control', 'no-store'],
      ['X-Trace', ' two spaces'],
    ]);
    await expect(panel.preflightLines).toContainText('Cache-Control: no-store');

    const handling = preflight.getByRole('combobox', { name: 'How OPTIONS is answered' });
    await panel.applied(() =>
      handling.selectOption({ label: 'Fall through to the route (no OPTIONS handler)' }),
    );
    expect((await panel.serverConfig()).preflight.handling).toEqual({ kind: 'fallthrough' });
    await expect(panel.summary).toContainText('No OPTIONS handler');

    await panel.applied(() => handling.selectOption({ label: 'Redirect' }));
    await panel.applied(() =>
      preflight.getByRole('combobox', { name: 'Redirect status' }).selectOption('308'),
    );
    await panel.applied(() =>
      preflight
        .getByRole('combobox', { name: 'Redirect to' })
        .selectOption({ label: 'the cross-site target' }),
    );
    expect((await panel.serverConfig()).preflight.handling).toEqual({
      kind: 'redirect',
      status: 308,
      to: 'crossSite',
    });
    await expect(panel.summary).toContainText('HTTP/1.1 308 Permanent Redirect');
  });

  it('the actual response section sets status, body, overrides, lines, cookies, redirects and delay', async ({
    panel,
  }) => {
    const actual = await panel.open('Actual response');

    await panel.applied(() => actual.getByRole('textbox', { name: 'Status' }).fill('201'));
    expect((await panel.serverConfig()).actual.status).toBe(201);
    await expect(panel.summary).toContainText('HTTP/1.1 201 Created');

    await panel.applied(() => actual.getByRole('checkbox', { name: /Custom body/ }).check());
    await panel.applied(() => actual.getByRole('textbox', { name: 'Body text' }).fill('hi'));
    expect((await panel.serverConfig()).actual.body).toEqual({
      contentType: 'text/plain; charset=utf-8',
      text: 'hi',
    });
    await expect(panel.actualLines).toContainText('Content-Type: text/plain; charset=utf-8');
    await expect(panel.actualLines).toContainText('Content-Length: 2');

    await panel.applied(() =>
      panel
        .header(actual, 'Access-Control-Expose-Headers')
        .selectOption({ label: 'Every header (*)' }),
    );
    await panel.applied(() =>
      panel.header(actual, 'Access-Control-Allow-Credentials').selectOption({ label: 'true' }),
    );
    expect((await panel.serverConfig()).actual.cors).toEqual({
      exposeHeaders: '*',
      allowCredentials: true,
    });
    await expect(panel.actualLines).toContainText('Access-Control-Expose-Headers: *');
    await expect(panel.preflightLines).not.toContainText('Access-Control-Allow-Credentials');

    await panel.applied(() => actual.getByRole('button', { name: 'Add ETag' }).click());
    await panel.applied(() =>
      actual.getByRole('button', { name: 'Add X-RateLimit-Remaining' }).click(),
    );
    expect((await panel.serverConfig()).actual.headers).toEqual([
      ['ETag', '"v1"'],
      ['X-RateLimit-Remaining', '59'],
    ]);
    await expect(actual.getByRole('textbox', { name: 'Extra header lines' })).toHaveValue(
      'ETag: "v1"\nX-RateLimit-Remaining: 59',
    );
    await expect(panel.actualLines).toContainText('ETag: "v1"');

    await panel.applied(() => actual.getByRole('button', { name: 'Add a cookie' }).click());
    const cookie = actual.getByRole('group', { name: 'Cookie 1' });
    await panel.applied(() => cookie.getByLabel('Name').fill('sid'));
    await panel.applied(() => cookie.getByLabel('Max-Age').fill('60'));
    await panel.applied(() => cookie.getByLabel('SameSite').selectOption('None'));
    await panel.applied(() => cookie.getByRole('checkbox', { name: 'Secure' }).check());
    await panel.applied(() => cookie.getByRole('checkbox', { name: 'HttpOnly' }).check());
    expect((await panel.serverConfig()).actual.cookies).toEqual([
      {
        name: 'sid',
        value: '1',
        path: '/',
        maxAge: 60,
        sameSite: 'None',
        secure: true,
        httpOnly: true,
      },
    ]);
    await expect(panel.actualLines).toContainText(
      'Set-Cookie: sid=1; Path=/; Max-Age=60; SameSite=None; Secure; HttpOnly',
    );

    await panel.applied(() => actual.getByRole('button', { name: 'Add a redirect hop' }).click());
    const hop = actual.getByRole('group', { name: 'Redirect hop 1' });
    await panel.applied(() => hop.getByLabel('Status').selectOption('307'));
    await panel.applied(() => hop.getByRole('checkbox', { name: 'With CORS headers' }).uncheck());
    expect((await panel.serverConfig()).actual.redirects).toEqual([
      { status: 307, to: 'second', cors: false, headers: [] },
    ]);
    await expect(panel.summary).toContainText(
      'First the redirects: 307 to the second target (without CORS headers)',
    );
    await panel.applied(() =>
      hop.getByLabel('To', { exact: true }).selectOption({ label: 'the cross-site target' }),
    );
    expect((await panel.serverConfig()).actual.redirects).toEqual([
      { status: 307, to: 'crossSite', cors: false, headers: [] },
    ]);
    await panel.applied(() => hop.getByRole('button', { name: 'Remove hop 1' }).click());
    expect((await panel.serverConfig()).actual.redirects).toEqual([]);

    await panel.applied(() => actual.getByRole('textbox', { name: 'Delay (ms)' }).fill('250'));
    expect((await panel.serverConfig()).actual.delayMs).toBe(250);
    await expect(panel.summary).toContainText('Written after a 250 ms wait.');
  });

  it('a redirect hop in raw lines, its placeholders from the menu, goes on the wire substituted', async ({
    panel,
    playgroundPage: ui,
  }) => {
    const actual = await panel.open('Actual response');
    await panel.applied(() => actual.getByRole('button', { name: 'Add a redirect hop' }).click());
    const hop = actual.getByRole('group', { name: 'Redirect hop 1' });
    await panel.applied(() => hop.getByRole('checkbox', { name: 'In raw lines' }).check());
    await expect(hop.getByRole('checkbox', { name: 'With CORS headers' })).toHaveCount(0);
    await expect(panel.summary).toContainText('302 to the second target (in raw lines)');

    const lines = hop.getByRole('textbox', { name: 'Raw lines of hop 1' });
    await lines.fill('location: ');
    await panel.applied(() => hop.getByLabel('Insert a placeholder').selectOption('{{location}}'));
    await lines.press('End');
    await lines.pressSequentially('\nAccess-Control-Allow-Origin: ');
    await panel.applied(() => hop.getByLabel('Insert a placeholder').selectOption('{{origin}}'));
    expect((await panel.serverConfig()).actual.redirects).toEqual([
      {
        status: 302,
        to: 'second',
        cors: true,
        headers: [],
        raw: {
          reason: '',
          headers: [
            ['location', '{{location}}'],
            ['Access-Control-Allow-Origin', '{{origin}}'],
          ],
        },
      },
    ]);

    await ui.send();
    const hopLines = ui.responseHeaders('GET').first();
    await expect(hopLines).toContainText(/location: http:\/\/localhost:\d+\/s\/[^/]+\/_hop\/1\//);
    await expect(hopLines).toContainText(/Access-Control-Allow-Origin: http:\/\/localhost:\d+/);
    await expect(hopLines).not.toContainText('{{');

    // Unticked, the hop is built again, with the actual response's CORS lines.
    await panel.applied(() => hop.getByRole('checkbox', { name: 'In raw lines' }).uncheck());
    expect((await panel.serverConfig()).actual.redirects).toEqual([
      { status: 302, to: 'second', cors: true, headers: [] },
    ]);
  });

  it('the raw editor writes duplicate and odd-case lines exactly, in place of the computed response', async ({
    panel,
    playgroundPage: ui,
  }) => {
    const raw = await panel.open('Advanced: raw responses');
    const editor = raw.getByRole('group', { name: 'Raw actual response' });
    await expect(raw).toContainText('replaces the computed one entirely');

    // Turned on, it starts from the computed response.
    await panel.applied(() =>
      editor.getByRole('checkbox', { name: 'Replace the computed actual response' }).check(),
    );
    const seeded = (await panel.serverConfig()).raw?.actual;
    expect(seeded?.status).toBe(200);
    expect(seeded?.reason).toBe('OK');
    expect(seeded?.headers).toContainEqual(['Content-Length', '36']);

    await panel.applied(() =>
      editor
        .getByLabel('Header lines')
        .fill(
          'Access-Control-Allow-Origin: *\naccess-control-allow-origin: *\nX-ODD-case: 1\nContent-Length: 2',
        ),
    );
    await panel.applied(() => editor.getByLabel('Body', { exact: true }).fill('ok'));
    await panel.applied(() => editor.getByLabel('Reason').fill('Fine'));
    expect((await panel.serverConfig()).raw?.actual).toEqual({
      status: 200,
      reason: 'Fine',
      headers: [
        ['Access-Control-Allow-Origin', '*'],
        ['access-control-allow-origin', '*'],
        ['X-ODD-case', '1'],
        ['Content-Length', '2'],
      ],
      body: 'ok',
    });
    await expect(panel.actualLines.getByRole('listitem')).toHaveText([
      'Access-Control-Allow-Origin: *',
      'access-control-allow-origin: *',
      'X-ODD-case: 1',
      'Content-Length: 2',
    ]);
    await expect(panel.summary).toContainText('HTTP/1.1 200 Fine');
    await expect(panel.summary).toContainText('Raw mode: the target writes exactly this response');

    // The target wrote both lines, as typed.
    await ui.send();
    await expect(ui.responseHeaders('GET')).toContainText('Access-Control-Allow-Origin: *');
    await expect(ui.responseHeaders('GET')).toContainText('access-control-allow-origin: *');

    // Turned off, the computed response is back and the editor keeps its lines.
    await panel.applied(() =>
      editor.getByRole('checkbox', { name: 'Replace the computed actual response' }).uncheck(),
    );
    expect((await panel.serverConfig()).raw).toBeUndefined();
    await expect(panel.summary).not.toContainText('Raw mode');
    await expect(editor.getByLabel('Header lines')).toHaveValue(/access-control-allow-origin: \*/);
  });

  it('a change the server refuses is rolled back in the UI', async ({ panel, page }) => {
    // A config just under the control API's 256 KiB body limit: one more header is too much.
    const id = await panel.sessionId();
    const padded = (padding: string): ServerConfig => ({
      ...defaultServerConfig,
      preflight: { ...defaultServerConfig.preflight, headers: [['X-Padding', padding]] },
    });
    const path = `/sessions/${id}/config`;
    const base = await panel.controlApi.call<ServerConfig>(path, {
      method: 'PUT',
      body: padded(''),
    });
    const size = Buffer.byteLength(JSON.stringify(base.body));
    const put = await panel.controlApi.call<ServerConfig>(path, {
      method: 'PUT',
      body: padded('a'.repeat(256 * 1024 - size - 8)),
    });
    expect(put.status).toBe(200);
    await page.reload();
    await expect(panel.allowOrigin('Not sent')).toBeChecked();

    const refused = page.waitForResponse((response) =>
      isConfigPut(response.url(), response.request().method()),
    );
    // Clicked, not checked: the radio is checked at once, then unchecked by the rollback.
    await panel.allowOrigin('Any origin').click();
    expect((await refused).status()).toBe(413);

    await expect(panel.allowOrigin('Not sent')).toBeChecked();
    await expect(panel.allowOrigin('Any origin')).not.toBeChecked();
    await expect(panel.root.getByRole('alert')).toContainText(
      'The server refused the change to Access-Control-Allow-Origin',
    );
    await expect(panel.summary).not.toContainText('Access-Control-Allow-Origin');
    expect((await panel.serverConfig()).cors).toEqual({});
  });

  it('Reset server goes back to the default config and clears unapplied text', async ({
    panel,
  }) => {
    const cors = panel.section('CORS headers');
    await panel.applied(() => panel.allowOrigin('Any origin').check());
    await panel.header(cors, 'Access-Control-Allow-Methods').selectOption({ label: 'A list' });
    await cors.getByRole('textbox', { name: 'Allowed methods' }).fill('NOT OK');

    await panel.applied(() => panel.root.getByRole('button', { name: 'Reset server' }).click());
    expect(await panel.serverConfig()).toEqual(defaultServerConfig);
    await expect(panel.allowOrigin('Not sent')).toBeChecked();
    await expect(panel.header(cors, 'Access-Control-Allow-Methods')).toHaveValue('absent');
    await expect(cors.getByRole('textbox', { name: 'Allowed methods' })).toHaveCount(0);
  });

  it('after reflecting the Origin and allowing PUT, the default GET still reads the response', async ({
    panel,
    playgroundPage: ui,
    playground,
  }) => {
    const cors = panel.section('CORS headers');
    await panel.applied(() => panel.allowOrigin("Reflect the request's Origin").check());
    await panel.header(cors, 'Access-Control-Allow-Methods').selectOption({ label: 'A list' });
    await panel.applied(() => cors.getByRole('textbox', { name: 'Allowed methods' }).fill('PUT'));

    await ui.send();
    await expect(ui.jsSaw.getByText('200 OK')).toBeVisible();
    await expect(ui.jsSaw.getByLabel('Response body')).toContainText('Hello from the target');
    await expect(ui.responseHeaders('GET')).toContainText(
      `Access-Control-Allow-Origin: ${playground.origins.app}`,
    );
    await expect(ui.responseHeaders('GET')).toContainText('Vary: Origin');
    await expect(ui.lesson).toContainText('The browser let JavaScript read the response:');
  });

  it('fits a 640px wide screen with every section open', async ({ panel, page }) => {
    await page.setViewportSize({ width: 640, height: 900 });
    for (const name of [
      'Preflight (OPTIONS)',
      'Actual response',
      'Advanced: raw responses',
    ] as const) {
      await panel.open(name);
    }
    await panel.section('Actual response').getByRole('button', { name: 'Add a cookie' }).click();
    const overflow = await panel.root.evaluate(
      (element) => element.scrollWidth - element.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
