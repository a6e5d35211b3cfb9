import AxeBuilder from '@axe-core/playwright';
import cors, { type CorsOptions } from 'cors';
import express from 'express';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test, type PlaygroundPage } from './fixtures.ts';

// "Your own API": the page's real fetch() to an Express app with cors(), started here, and the
// same exchange repeated from Node. No route is intercepted: these are real sockets.

const servers: Server[] = [];

/** An Express API with cors(options), answering every route with JSON. */
async function expressApi(options: CorsOptions): Promise<string> {
  const app = express();
  app.use(cors(options));
  app.all('/api/items', (_request, response) => {
    response.json([{ id: 1 }]);
  });
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/items`;
}

test.afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function sendToOwnApi(
  ui: PlaygroundPage,
  request: { url: string; method?: string; headers?: string; body?: string },
) {
  await ui.goto();
  const panel = ui.page.getByRole('region', { name: 'Your own API' });
  await panel.getByRole('textbox', { name: 'URL' }).fill(request.url);
  await panel.getByRole('textbox', { name: 'Method' }).fill(request.method ?? 'GET');
  if (request.headers !== undefined) {
    await panel.getByRole('textbox', { name: /^Headers/ }).fill(request.headers);
  }
  if (request.body !== undefined) {
    await panel.getByRole('textbox', { name: /^Body/ }).fill(request.body);
  }
  await panel.getByRole('button', { name: 'Send to your server' }).click();
  return panel;
}

const nodeSide = (page: Page) =>
  page.getByRole('region', { name: 'As your server answered the same request from Node' });

test('a server that allows only its real frontend: blocked in the browser, explained from Node, with the runner to test it', async ({
  page,
  playgroundPage: ui,
}) => {
  const url = await expressApi({ origin: 'https://app.example.com' });
  const panel = await sendToOwnApi(ui, { url });
  const pageOrigin = new URL(page.url()).origin;
  await expect(panel.getByRole('definition').nth(1)).toHaveText(`Origin: ${pageOrigin}`);
  await expect(panel.getByRole('region', { name: 'In the browser' })).toContainText(
    'TypeError: Failed to fetch',
  );
  await expect(
    nodeSide(page).getByRole('list', { name: 'Response Node got to GET' }),
  ).toContainText('Access-Control-Allow-Origin: https://app.example.com');
  await expect(nodeSide(page).getByRole('list', { name: 'Request Node sent: GET' })).toContainText(
    `Origin: ${pageOrigin}`,
  );
  const model = panel.getByRole('region', { name: "The model, from Node's answer" });
  await expect(model).toContainText('AllowOriginMismatch');
  await expect(model.getByLabel('Agreement')).toContainText('the model agrees');
  const scenario = JSON.parse(
    (await model.getByLabel('Scenario file for the runner').textContent()) ?? '',
  ) as { page: { origin: string }; steps: { request: { url: string } }[] };
  expect(scenario.page.origin).toBe('https://app.example.com');
  expect(scenario.steps[0]?.request.url).toBe(url);
  // The result, every part of it shown, passes axe's WCAG 2.x A/AA rules and best practices.
  const axe = new AxeBuilder({ page }).include('.own-api');
  const { violations } = await axe
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  expect(violations.map(({ id }) => id)).toEqual([]);
});

test('a preflight that fails is repeated alone: the PUT never reached the server, from Node either', async ({
  page,
  playgroundPage: ui,
}) => {
  const url = await expressApi({ origin: true, methods: ['GET', 'POST'] });
  const panel = await sendToOwnApi(ui, { url, method: 'PUT', body: 'x' });
  const model = panel.getByRole('region', { name: "The model, from Node's answer" });
  await expect(model).toContainText('MethodDisallowedByPreflightResponse');
  await expect(model).toContainText('value PUT');
  await expect(model.getByLabel('Agreement')).toContainText('the model agrees');
  await expect(
    nodeSide(page).getByRole('list', { name: 'Request Node sent: OPTIONS' }),
  ).toContainText('Access-Control-Request-Method: PUT');
  await expect(nodeSide(page).getByRole('list', { name: /^Request Node sent/ })).toHaveCount(1);
});

test('a preflight that passes: the POST is repeated only on request, then the model agrees it passed', async ({
  page,
  playgroundPage: ui,
}) => {
  const url = await expressApi({ origin: true });
  const panel = await sendToOwnApi(ui, {
    url,
    method: 'POST',
    headers: 'Content-Type: application/json',
    body: '{"n":1}',
  });
  await expect(panel.getByRole('region', { name: 'In the browser' })).toContainText(
    '200 OK (cors)',
  );
  await nodeSide(page).getByRole('button', { name: 'Repeat the POST from the server too' }).click();
  await expect(
    nodeSide(page).getByRole('list', { name: 'Response Node got to POST' }),
  ).toContainText(`Access-Control-Allow-Origin: ${new URL(page.url()).origin}`);
  const model = panel.getByRole('region', { name: "The model, from Node's answer" });
  await expect(model.getByLabel('Agreement')).toContainText('the model agrees');
});

test('a server that is not running: no CORS error, a refused connection', async ({
  page,
  playgroundPage: ui,
}) => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await sendToOwnApi(ui, { url: `http://127.0.0.1:${port}/api` });
  await expect(nodeSide(page).getByRole('alert')).toHaveText(
    `No answer, and not a CORS problem: the connection to 127.0.0.1:${port} was refused: nothing listens there.`,
  );
});
