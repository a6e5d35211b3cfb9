import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The request builder, through the roles and names a person would use. */
class RequestBuilderUi {
  constructor(readonly page: Page) {}

  get section(): Locator {
    return this.page.getByRole('region', { name: 'Request', exact: true });
  }

  get method(): Locator {
    return this.section.getByLabel('Method', { exact: true });
  }

  get path(): Locator {
    return this.section.getByLabel('Path', { exact: true });
  }

  get headers(): Locator {
    return this.section.getByRole('table', { name: 'Request headers' });
  }

  headerName(row: number): Locator {
    return this.headers.getByLabel(`Header name ${row}`, { exact: true });
  }

  headerValue(row: number): Locator {
    return this.headers.getByLabel(`Header value ${row}`, { exact: true });
  }

  sendHeader(row: number): Locator {
    return this.headers.getByRole('checkbox', { name: `Send header ${row}`, exact: true });
  }

  async quickPick(header: string): Promise<void> {
    await this.section
      .getByRole('group', { name: 'Quick picks' })
      .getByRole('button', { name: header })
      .click();
  }

  /** Adds an empty row with "Add header" and types into it. */
  async addHeader(name: string, value: string): Promise<void> {
    await this.section.getByRole('button', { name: 'Add header' }).click();
    // The new row takes the focus.
    await expect(this.headers.getByRole('textbox', { name: /^Header name/ }).last()).toBeFocused();
    await this.page.keyboard.type(name);
    await this.headers
      .getByRole('textbox', { name: /^Header value/ })
      .last()
      .fill(value);
  }

  get sendBody(): Locator {
    return this.section.getByRole('checkbox', { name: 'Send a body' });
  }

  get body(): Locator {
    return this.section.getByLabel('Body', { exact: true });
  }

  target(label: string): Locator {
    return this.section.getByRole('group', { name: 'Target' }).getByRole('radio', { name: label });
  }

  get code(): Locator {
    return this.section.getByLabel('Code to run');
  }

  get prediction(): Locator {
    return this.section.getByRole('region', { name: 'Prediction' });
  }

  /** The one-line summary, announced as it changes. */
  get headline(): Locator {
    return this.prediction.getByRole('status');
  }

  get preflight(): Locator {
    return this.prediction.getByRole('list', { name: 'Preflight request' });
  }

  get reasons(): Locator {
    return this.prediction.getByRole('list', { name: 'Why a preflight' });
  }
}

test.describe('the request builder predicts what the browser will do', () => {
  let builder: RequestBuilderUi;

  test.beforeEach(async ({ playgroundPage: ui, page }) => {
    builder = new RequestBuilderUi(page);
    await ui.goto();
  });

  test('the default GET is a simple request: no preflight', async ({ playground }) => {
    await expect(builder.method).toHaveValue('GET');
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);
    await expect(builder.preflight).toHaveCount(0);
    await expect(builder.code).toHaveText(
      new RegExp(`^await fetch\\('${playground.origins.sameSite}/s/[^/]+/hello'\\);$`),
    );
    await expect(builder.prediction).toContainText(`Origin: ${playground.origins.app}`);
  });

  test('PUT is preflighted, and the preflight names the method exactly', async ({ playground }) => {
    await builder.method.fill('PUT');
    await expect(builder.headline).toHaveText(/Preflighted/);
    await expect(builder.reasons).toContainText('The method PUT is not GET, HEAD or POST.');
    await expect(builder.prediction).toContainText(/OPTIONS \/s\/[^/\s]+\/hello HTTP\/1\.1/);
    await expect(builder.preflight).toContainText('Access-Control-Request-Method: PUT');
    await expect(builder.preflight).toContainText(`Origin: ${playground.origins.app}`);
    await expect(builder.preflight).not.toContainText('Access-Control-Request-Headers');
    await expect(builder.code).toContainText("method: 'PUT'");
  });

  test('Authorization and X-Custom are listed sorted and lower-cased', async () => {
    await builder.quickPick('Authorization: Bearer token123');
    await builder.quickPick('X-Custom: 1');
    await expect(builder.headerName(1)).toHaveValue('Authorization');
    await expect(builder.headerName(2)).toHaveValue('X-Custom');
    await expect(builder.headline).toHaveText(/Preflighted/);
    await expect(builder.preflight).toContainText(
      'Access-Control-Request-Headers: authorization,x-custom',
    );
    await expect(builder.preflight).toContainText('Access-Control-Request-Method: GET');
    await expect(builder.reasons).toContainText(
      'authorization is not a CORS-safelisted request header.',
    );
    await expect(builder.code).toContainText("Authorization: 'Bearer token123'");
    await expect(builder.code).toContainText("'X-Custom': '1'");
  });

  test('a header row that is switched off is not sent, so it is not counted', async () => {
    await builder.quickPick('Authorization: Bearer token123');
    await builder.quickPick('X-Custom: 1');
    await builder.sendHeader(2).uncheck();
    await expect(builder.preflight).toContainText('Access-Control-Request-Headers: authorization');
    await expect(builder.preflight).not.toContainText('x-custom');
    await expect(builder.code).not.toContainText('X-Custom');

    await builder.sendHeader(1).uncheck();
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);
    await builder.sendHeader(2).check();
    await expect(builder.preflight).toContainText('Access-Control-Request-Headers: x-custom');
  });

  test('Content-Type: text/plain stays simple; application/json needs a preflight', async () => {
    await builder.method.fill('POST');
    await builder.quickPick('Content-Type: text/plain');
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);

    await builder.headerValue(1).fill('application/json');
    await expect(builder.headline).toHaveText(/Preflighted/);
    await expect(builder.reasons).toContainText(
      "Content-Type 'application/json' is not application/x-www-form-urlencoded, multipart/form-data or text/plain.",
    );
    await expect(builder.preflight).toContainText('Access-Control-Request-Method: POST');
    await expect(builder.preflight).toContainText('Access-Control-Request-Headers: content-type');
  });

  test('a forbidden header (Cookie) is flagged as dropped by fetch()', async () => {
    await builder.addHeader('Cookie', 'session=1');
    const flag = 'Cookie is a forbidden request header';
    await expect(builder.headers).toContainText(flag);
    await expect(builder.headerName(1)).toHaveAccessibleDescription(new RegExp(flag));
    // Dropped before the safelist looks, so it forces no preflight.
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);
    await expect(
      builder.prediction.getByRole('list', { name: 'Dropped by fetch()' }),
    ).toContainText(flag);
    await expect(
      builder.prediction.getByRole('list', { name: 'Request the page sends' }),
    ).not.toContainText('Cookie');

    // Switched off, it is no longer flagged.
    await builder.sendHeader(1).uncheck();
    await expect(builder.headers).not.toContainText(flag);
  });

  test('GET with a body: the TypeError fetch() throws, word for word', async ({ page }) => {
    await builder.sendBody.check();
    await builder.body.fill('{"a":1}');
    await expect(builder.headline).toHaveText(/TypeError/);
    const predicted = builder.prediction.getByLabel('TypeError fetch() throws');
    await expect(predicted).toHaveText(
      "TypeError: Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.",
    );
    // The same text Chromium throws (nothing is sent, so any URL will do).
    const thrown = await page.evaluate(() =>
      fetch('/nowhere', { method: 'GET', body: '{"a":1}' }).then(
        () => 'resolved',
        (error: unknown) => String(error),
      ),
    );
    await expect(predicted).toHaveText(thrown);

    await builder.method.fill('POST');
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);
    await expect(builder.prediction).toContainText('Content-Type: text/plain;charset=UTF-8');
    await expect(builder.code).toContainText(`body: '{"a":1}'`);
  });

  test('a lower-case method is kept as typed', async () => {
    await builder.method.fill('patch');
    await expect(builder.section).toContainText('fetch() sends it as typed');
    await expect(builder.preflight).toContainText('Access-Control-Request-Method: patch');
    await expect(builder.reasons).toContainText('The method patch is not GET, HEAD or POST.');
    await expect(builder.code).toContainText("method: 'patch'");

    // The six well-known methods are upper-cased.
    await builder.method.fill('put');
    await expect(builder.section).toContainText('fetch() sends it as PUT.');
    await expect(builder.preflight).toContainText('Access-Control-Request-Method: PUT');
  });

  test('the target names its origin and how it relates to the page', async ({
    playground,
    page,
  }) => {
    await expect(builder.target('Same-site (another port)')).toBeChecked();
    await expect(page.getByLabel('Page origin')).toHaveText(playground.origins.app);
    await expect(page.getByLabel('Target origin')).toHaveText(playground.origins.sameSite);
    await expect(builder.section.getByText('(cross-origin, same-site)')).toBeVisible();

    await builder.target('Cross-site (127.0.0.1)').check();
    await expect(page.getByLabel('Target origin')).toHaveText(playground.origins.crossSite);
    await expect(builder.section.getByText('(cross-site)')).toBeVisible();
    await expect(builder.code).toContainText(`${playground.origins.crossSite}/s/`);

    await builder.target('Same origin (the app)').check();
    await expect(page.getByLabel('Target origin')).toHaveText(playground.origins.app);
    await expect(builder.section.getByText('(same-origin)')).toBeVisible();
    await builder.method.fill('PUT');
    await expect(builder.headline).toHaveText(/Same origin: CORS does not apply/);
  });

  test('a path without a leading slash is an inline error, not a crash', async () => {
    await builder.path.fill('items');
    await expect(builder.path).toHaveAttribute('aria-invalid', 'true');
    await expect(builder.path).toHaveAccessibleDescription(/must start with "\/"/);
    await expect(builder.headline).toHaveText(/No prediction until the path is fixed/);

    await builder.path.fill('/items?page=2');
    await expect(builder.path).toHaveAttribute('aria-invalid', 'false');
    await expect(builder.headline).toHaveText(/Simple request: no preflight/);
    await expect(builder.code).toContainText('/items?page=2');
  });

  test('the options that differ from the defaults show in the code', async () => {
    await builder.section.getByLabel('credentials', { exact: true }).selectOption('include');
    await builder.section.getByLabel('mode', { exact: true }).selectOption('no-cors');
    await expect(builder.code).toContainText("credentials: 'include'");
    await expect(builder.code).toContainText("mode: 'no-cors'");
    await expect(builder.code).not.toContainText('redirect');
    await expect(builder.headline).toHaveText(/no-cors/);

    await builder.method.fill('PUT');
    await expect(builder.headline).toHaveText(/TypeError/);
    await expect(builder.prediction.getByLabel('TypeError fetch() throws')).toHaveText(
      "TypeError: Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode.",
    );
  });

  test('removing a row moves the focus to its neighbour', async ({ page }) => {
    await builder.quickPick('Authorization: Bearer token123');
    await builder.quickPick('X-Custom: 1');
    await builder.headers.getByRole('button', { name: 'Remove header 1' }).click();
    await expect(builder.headerName(1)).toHaveValue('X-Custom');
    await expect(builder.headerName(1)).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(builder.headers.getByRole('button', { name: 'Remove header 1' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(builder.headerName(1)).toHaveCount(0);
    await expect(builder.section.getByRole('button', { name: 'Add header' })).toBeFocused();
  });

  test('the draft survives a reload', async ({ page }) => {
    await builder.method.fill('PUT');
    await builder.path.fill('/items?page=2');
    await builder.target('Cross-site (127.0.0.1)').check();
    await builder.quickPick('X-Custom: 1');
    await builder.sendBody.check();
    await builder.body.fill('hello');

    await page.reload();
    await expect(builder.method).toHaveValue('PUT');
    await expect(builder.path).toHaveValue('/items?page=2');
    await expect(builder.target('Cross-site (127.0.0.1)')).toBeChecked();
    await expect(builder.headerName(1)).toHaveValue('X-Custom');
    await expect(builder.sendBody).toBeChecked();
    await expect(builder.body).toHaveValue('hello');
    await expect(builder.preflight).toContainText('Access-Control-Request-Headers: x-custom');
  });

  test('after a passing preflight, the prediction says the cache will serve the next one', async ({
    playgroundPage: ui,
    controlApi,
    playground,
    page,
  }) => {
    const sessionId = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
    const patched = await controlApi.call(`/sessions/${sessionId}/config`, {
      method: 'PATCH',
      body: {
        cors: {
          allowOrigin: { value: playground.origins.app },
          allowMethods: ['PUT'],
          maxAge: 600,
        },
      },
    });
    expect(patched.status).toBe(200);

    await builder.method.fill('PUT');
    await expect(builder.headline).toHaveText(/Preflighted: an OPTIONS request goes first/);
    await ui.send();
    await expect(builder.headline).toHaveText(/served from the preflight cache/);
    await expect(builder.prediction).toContainText('Preflight served from cache');
    await expect(builder.preflight).toHaveCount(0);

    // Another method is not covered by the cached answer.
    await builder.method.fill('DELETE');
    await expect(builder.headline).toHaveText(/Preflighted: an OPTIONS request goes first/);
    await expect(builder.prediction).toContainText(
      'The cached preflight does not allow this method',
    );
  });
});
