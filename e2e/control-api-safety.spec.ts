import { createServer, type Server } from 'node:http';
import { expect, test } from './fixtures.ts';

// A page on another site, as any page the user happens to visit would be.
let foreign: Server;
let foreignOrigin: string;

test.beforeAll(async () => {
  foreign = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>Some other site</title><p>Hello</p>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  const address = foreign.address();
  foreignOrigin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});
test.afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

test.describe('another site cannot drive the control API from a real browser', () => {
  test('a no-cors fetch, a CORS fetch and a form post all change nothing', async ({
    page,
    playground,
  }) => {
    const sessionsBefore = playground.sessions.size;
    const api = `${playground.origins.app}/_playground/api/sessions`;
    await page.goto(foreignOrigin);

    const outcomes = await page.evaluate(async (url) => {
      const attempt = (init: RequestInit) =>
        fetch(url, init).then(
          (response) => `resolved ${response.type} ${response.status}`,
          (error: Error) => `rejected ${error.name}: ${error.message}`,
        );
      return {
        noCors: await attempt({
          method: 'POST',
          mode: 'no-cors',
          headers: { 'Content-Type': 'text/plain' },
          body: '{}',
        }),
        cors: await attempt({
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }),
      };
    }, api);
    // no-cors reaches the server but gets an opaque answer; the server refused it (below).
    expect(outcomes.noCors).toBe('resolved opaque 0');
    // The preflight gets a 403 without CORS headers, so the POST is never sent.
    expect(outcomes.cors).toBe('rejected TypeError: Failed to fetch');

    const formAnswer = page.waitForResponse(api);
    await page.evaluate((url) => {
      const form = document.createElement('form');
      form.method = 'POST';
      form.action = url;
      form.enctype = 'text/plain';
      const field = document.createElement('input');
      field.name = '{"config":{"version":1,"cors":{"allowOrigin":"*"}},"x":"';
      field.value = '"}';
      form.append(field);
      document.body.append(form);
      form.submit();
    }, api);
    const answer = await formAnswer;
    expect(answer.status()).toBe(403);
    await expect(page.locator('body')).toContainText(
      `may not change the playground; only ${playground.origins.app} may.`,
    );

    expect(playground.sessions.size).toBe(sessionsBefore);
  });
});
