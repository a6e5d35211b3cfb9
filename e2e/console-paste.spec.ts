import cors from 'cors';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect, test } from './fixtures.ts';

// "Reproduce my bug": the message is captured from this Chromium's own console, for a real
// Express app whose cors() allows only the production frontend, then pasted into the box.

let api: Server;
let apiUrl: string;

test.beforeAll(async () => {
  const app = express();
  app.use(cors({ origin: 'https://app.example.com' }));
  app.put('/api/items/:id', (_request, response) => {
    response.json({ saved: true });
  });
  api = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/items/7`;
});

test.afterAll(async () => {
  await new Promise((resolve) => api.close(resolve));
});

test("a message from Chromium's console is read, explained and replayed on the target", async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  const pageOrigin = new URL(page.url()).origin;
  const logged = page.waitForEvent('console', (message) =>
    message.text().includes('has been blocked by CORS policy'),
  );
  await page.evaluate(
    (url) =>
      fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }).catch(() => undefined),
    apiUrl,
  );
  const message = (await logged).text();
  expect(message).toContain(`Access to fetch at '${apiUrl}' from origin '${pageOrigin}'`);

  const panel = page.getByRole('region', { name: 'Paste a console error' });
  await panel.getByRole('textbox', { name: 'Console message' }).fill(message);
  await expect(panel.getByRole('status').first()).toHaveText(
    'Recognised: a CORS message from Chromium (Chrome, Edge).',
  );
  const facts = panel.getByRole('definition');
  await expect(facts).toContainText([
    'Chromium (Chrome, Edge)',
    apiUrl,
    pageOrigin,
    'PreflightAllowOriginMismatch',
    'https://app.example.com',
  ]);
  await expect(panel).toContainText('Access-Control-Allow-Origin from http://127.0.0.1:');
  await expect(panel).toContainText(
    `Have the server send Access-Control-Allow-Origin: ${pageOrigin}`,
  );

  // Sent to the Express app itself, from this page, and repeated from Node.
  await panel.getByRole('button', { name: 'Put it in Your own API' }).click();
  const own = page.getByRole('region', { name: 'Your own API' });
  await expect(own.getByRole('textbox', { name: 'URL' })).toHaveValue(apiUrl);
  // Handed over again with the same URL, after an edit: the form starts afresh all the same.
  const method = own.getByRole('textbox', { name: 'Method' });
  // The message names no method: the reproduction's is a JSON POST.
  await expect(method).toHaveValue('POST');
  await method.fill('DELETE');
  await panel.getByRole('button', { name: 'Put it in Your own API' }).click();
  await expect(method).toHaveValue('POST');
  await own.getByRole('button', { name: 'Send to your server' }).click();
  await expect(own.getByRole('region', { name: "The model, from Node's answer" })).toContainText(
    'PreflightAllowOriginMismatch',
  );

  await panel
    .getByRole('button', { name: "Set up this request on the playground's target" })
    .click();
  await expect(panel.getByText('Press Send to see it fail.')).toBeVisible();
  await ui.send();
  await expect(ui.verdict).toContainText('PreflightAllowOriginMismatch');
  await expect(ui.verdict).toContainText('https://app.example.com');
  await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
});

test('text that is no CORS message gets an honest "not recognised" and the forms it reads', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  const panel = page.getByRole('region', { name: 'Paste a console error' });
  await panel
    .getByRole('textbox', { name: 'Console message' })
    .fill('<img src=x onerror="document.title=1"> it does not work');
  await expect(panel.getByRole('alert')).toContainText('Not recognised as a CORS message');
  await expect(panel.getByRole('alert')).toContainText('Cross-Origin Request Blocked');
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('1');
});
