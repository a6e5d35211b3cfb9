import type { Locator, Page } from '@playwright/test';
import type { ServerConfigInput } from '../src/scenario/server-config.ts';
import { configure, expect, test, withDraft, type ControlApi } from './fixtures.ts';

// Issue 10, "Staying current while the server changes": the result and the prediction always
// say what the server as it is now will do, and the preflight cache is never a silent surprise.

const result = (page: Page): Locator => page.getByRole('region', { name: 'Result' });
const prediction = (page: Page): Locator =>
  page.getByRole('region', { name: 'Request', exact: true }).getByRole('region', {
    name: 'Prediction',
  });
/** The heading of the exchange the result shows, e.g. `#2 GET /hello: …`. */
const exchangeHeading = (page: Page, id: number): Locator =>
  result(page).getByRole('heading', { name: new RegExp(`^#${id} `) });
const autoResend = (page: Page): Locator =>
  page.getByRole('checkbox', { name: 'Re-send the last request when the server changes' });

/** PUT allowed for any origin, its preflight cached for 600 s. */
const cachedPut: Omit<ServerConfigInput, 'version'> = {
  cors: { allowOrigin: '*', allowMethods: ['PUT'], maxAge: 600 },
};

/** The page's config through the control API, then a reload so the page shows it. */
async function startWith(
  page: Page,
  controlApi: ControlApi,
  config: Omit<ServerConfigInput, 'version'>,
): Promise<void> {
  await configure(page, controlApi, config);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
}

/** Runs `action` and waits until the server has the config it changed. */
async function applied(page: Page, action: () => Promise<unknown>): Promise<void> {
  const put = page.waitForResponse(
    (response) => response.url().endsWith('/config') && response.request().method() === 'PUT',
  );
  await action();
  expect((await put).ok()).toBe(true);
}

test.describe('after a server change', () => {
  test('the result is marked stale at once and can be sent again', async ({
    page,
    playgroundPage: ui,
  }) => {
    await ui.goto();
    await autoResend(page).uncheck();
    await ui.send();
    await expect(exchangeHeading(page, 1)).toContainText('blocked');
    await expect(result(page)).not.toContainText('The server changed');

    await ui.setAllowOrigin('Any origin');
    const stale = result(page).getByRole('status').filter({ hasText: 'The server changed' });
    await expect(stale).toHaveText(
      /^The server changed since this request was sent\. This result shows the server as it was then\./,
    );
    await stale.getByRole('button', { name: 'Send it again' }).click();
    await expect(exchangeHeading(page, 2)).toContainText('read by JavaScript');
    await expect(exchangeHeading(page, 2)).toBeFocused();
    await expect(result(page)).not.toContainText('The server changed');
  });

  test('by default the last request is re-sent by itself', async ({ page, playgroundPage: ui }) => {
    await ui.goto();
    await expect(autoResend(page)).toBeChecked();
    await ui.send();
    await expect(exchangeHeading(page, 1)).toContainText('blocked');

    // Two changes in a row make one re-send, once the server has stopped changing. Both are
    // clicked in one task: two clicks by Playwright can fall further apart than the re-send's
    // delay on a busy machine.
    let configsApplied = 0;
    page.on('response', (response) => {
      if (response.url().endsWith('/config') && response.request().method() === 'PUT') {
        configsApplied += response.ok() ? 1 : 0;
      }
    });
    const radios = await Promise.all(
      (['Any origin', "The page's origin"] as const).map((name) =>
        ui.allowOrigin(name).elementHandle(),
      ),
    );
    await ui.allowOrigin('Any origin').focus();
    await page.evaluate(
      (inputs) => inputs.forEach((input) => (input as HTMLInputElement).click()),
      radios,
    );
    await expect.poll(() => configsApplied).toBe(2);
    await expect(exchangeHeading(page, 2)).toContainText('read by JavaScript');
    await expect(result(page).getByText('Showing #2 of 2')).toBeVisible();
    await expect(ui.responseHeaders('GET')).toContainText(
      `Access-Control-Allow-Origin: ${new URL(page.url()).origin}`,
    );
    // The re-send is not the user's: the focus stays where it was.
    await expect(exchangeHeading(page, 2)).not.toBeFocused();
    await expect(ui.allowOrigin('Any origin')).toBeFocused();
  });
});

test.describe('the prediction says the outcome before Send', () => {
  test('will be blocked at the preflight, then will pass, each confirmed by the browser', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { method: 'PUT', headers: [['X-Custom', '1']] });
    await ui.goto();
    await startWith(page, controlApi, { cors: { allowOrigin: '*', allowMethods: ['PUT'] } });
    const summary = prediction(page).getByRole('status');
    await expect(summary).toContainText('✗ Will be blocked at the preflight');
    await expect(prediction(page)).toContainText('x-custom');

    await ui.send();
    await expect(result(page).getByLabel('Prediction')).toHaveText(
      '✓ As predicted before this request was sent: it would be blocked at the preflight (HeaderDisallowedByPreflightResponse), and it was blocked at the preflight (HeaderDisallowedByPreflightResponse).',
    );

    const headers = page
      .getByRole('region', { name: 'Server', exact: true })
      .getByRole('combobox', { name: 'Access-Control-Allow-Headers', exact: true });
    await autoResend(page).uncheck();
    await applied(page, () => headers.selectOption({ label: 'Reflect the requested headers' }));
    await expect(summary).toContainText(
      '✓ Will pass: fetch() resolves and JavaScript can read the response',
    );
    await ui.send();
    await expect(result(page).getByLabel('Prediction')).toHaveText(
      '✓ As predicted before this request was sent: it would pass, and it passed.',
    );
  });

  test('a wildcard that covers Authorization passes, with the warning', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { headers: [['Authorization', 'Bearer token123']] });
    await ui.goto();
    await startWith(page, controlApi, { cors: { allowOrigin: '*', allowHeaders: '*' } });
    await expect(prediction(page).getByRole('status')).toContainText('✓ Will pass');
    await expect(prediction(page).getByRole('list', { name: 'Warnings' })).toContainText(
      'The browser let Access-Control-Allow-Headers: * cover Authorization, which the spec refuses',
    );
  });

  test('a prediction the browser refutes is said loudly', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await ui.goto();
    await expect(prediction(page).getByRole('status')).toContainText(
      '✗ Will be blocked at the response',
    );
    // Changed behind the page's back: the page predicts against the config it knows.
    await configure(page, controlApi, { cors: { allowOrigin: '*' } });
    await ui.send();
    await expect(result(page).getByRole('alert', { name: 'Prediction' })).toHaveText(
      /^✗ The prediction was wrong\. Before this request was sent, the model said it would be blocked at the response \(MissingAllowOriginHeader\), but fetch\(\) resolved\./,
    );
  });
});

test.describe('the preflight cache', () => {
  test('says how long the next request skips its preflight, and when a change was not consulted', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { method: 'PUT' });
    await ui.goto();
    await startWith(page, controlApi, cachedPut);
    await ui.send();
    await expect(exchangeHeading(page, 1)).toContainText('read by JavaScript');
    await expect(result(page)).toContainText(
      /Sent again in the next (600|599) s, this request skips its preflight/,
    );
    await expect(prediction(page).getByRole('status')).toContainText(
      'Preflighted, but served from the preflight cache: no OPTIONS',
    );
    await expect(prediction(page)).toContainText(
      /For (600|599) more seconds the browser answers this preflight from its cache/,
    );

    // The server stops allowing PUT; the re-send is answered from the cache all the same.
    const methods = page
      .getByRole('region', { name: 'Server', exact: true })
      .getByRole('combobox', { name: 'Access-Control-Allow-Methods', exact: true });
    await applied(page, () => methods.selectOption({ label: 'Not sent' }));
    await expect(exchangeHeading(page, 2)).toContainText('read by JavaScript');
    await expect(result(page)).toContainText(
      'Answered from the preflight cache: the server’s change was not consulted.',
    );
    await expect(ui.requestHeaders('OPTIONS')).toHaveCount(0);

    // A fresh cache: a new URL, which the browser has never preflighted.
    await result(page).getByRole('button', { name: 'Start a fresh preflight cache' }).click();
    await expect(prediction(page).getByRole('status')).toContainText(
      'Preflighted: an OPTIONS request goes first',
    );
    await expect(prediction(page).getByRole('status')).toContainText(
      '✗ Will be blocked at the preflight',
    );
    await expect(page.getByLabel('Code to run')).toContainText('/fresh-1/hello');
    await ui.send();
    await expect(exchangeHeading(page, 3)).toContainText('blocked at the preflight');
    await expect(ui.requestHeaders('OPTIONS')).toBeVisible();
    await expect(result(page).getByLabel('Prediction')).toContainText('✓ As predicted');
  });

  test('Reset server leaves no cached preflight to surprise the next result', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await withDraft(page, { method: 'PUT' });
    await ui.goto();
    await startWith(page, controlApi, cachedPut);
    await autoResend(page).uncheck();
    await ui.send();
    await expect(exchangeHeading(page, 1)).toContainText('read by JavaScript');

    await applied(page, () => page.getByRole('button', { name: 'Reset server' }).click());
    await expect(prediction(page).getByRole('status')).toContainText(
      'Preflighted: an OPTIONS request goes first',
    );
    await ui.send();
    await expect(exchangeHeading(page, 2)).toContainText('blocked at the preflight');
    await expect(ui.requestHeaders('OPTIONS')).toBeVisible();
  });
});

test('clearing the history starts a fresh cache too, so the model keeps up with the browser', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await withDraft(page, { method: 'PUT' });
  await ui.goto();
  await startWith(page, controlApi, {
    cors: { allowOrigin: '*', allowMethods: ['PUT'], maxAge: 600 },
  });
  await ui.send();
  await expect(exchangeHeading(page, 1)).toContainText('read by JavaScript');

  await page
    .getByRole('navigation', { name: 'History' })
    .getByRole('button', { name: 'Clear' })
    .click();
  await expect(prediction(page).getByRole('status')).toContainText(
    'Preflighted: an OPTIONS request goes first',
  );
  await ui.send();
  await expect(ui.requestHeaders('OPTIONS')).toBeVisible();
  await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
});

test.describe('a slow request', () => {
  test('while pending, it says so and can be cancelled; a late answer stays out of the next exchange', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    await ui.goto();
    await startWith(page, controlApi, { cors: { allowOrigin: '*' }, actual: { delayMs: 1500 } });
    await expect(result(page)).toContainText('Press Send to make the request');

    await ui.sendButton.click();
    await expect(result(page).getByRole('status').filter({ hasText: 'Sending…' })).toHaveText(
      'Sending… The target holds its response for 1500 ms; Cancel stops waiting.',
    );
    await expect(result(page)).not.toContainText('Press Send to make the request');
    await result(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(ui.sendButton).toHaveText('Send');
    await expect(exchangeHeading(page, 1)).toHaveText('#1 GET /hello: cancelled');
    await expect(exchangeHeading(page, 1)).toBeFocused();
    // Received, but held by the delay: the target logs it only once it has answered.
    await expect(ui.wire).toContainText(
      'The target logged no answer before the page cancelled the request',
    );

    // The cancelled request is answered and logged while the next one is on its way.
    await ui.send();
    await expect(exchangeHeading(page, 2)).toContainText('read by JavaScript');
    await expect(ui.wire.getByText(/^GET \/s\/.+\/hello HTTP\/1\.1$/)).toHaveCount(1);
  });

  test('a re-send that replaces a pending request waits for it to be recorded, and agrees', async ({
    page,
    playgroundPage: ui,
    controlApi,
  }) => {
    // The first PUT's preflight passes and is cached at once; its response is held. The
    // re-send after a server change must start from the cache the first left, or the model
    // expects an OPTIONS the browser skips.
    await withDraft(page, { method: 'PUT' });
    await ui.goto();
    await startWith(page, controlApi, { ...cachedPut, actual: { delayMs: 1500 } });
    await ui.sendButton.click();
    const methods = page
      .getByRole('region', { name: 'Server', exact: true })
      .getByRole('combobox', { name: 'Access-Control-Allow-Methods', exact: true });
    await applied(page, () => methods.selectOption({ label: 'Not sent' }));
    await expect(exchangeHeading(page, 1)).toHaveText('#1 PUT /hello: cancelled');
    await expect(exchangeHeading(page, 2)).toContainText('read by JavaScript', { timeout: 10_000 });
    await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
    await expect(result(page)).toContainText(
      'Answered from the preflight cache: the server’s change was not consulted.',
    );
  });
});
