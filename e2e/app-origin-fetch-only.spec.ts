import { RUNNER_PAGE } from '../mock-server/playground.ts';
import { serverConfigSchema } from '../src/scenario/server-config.ts';
import { expect, test } from './fixtures.ts';

// On the app origin, a session's routes sit beside the control API: a page or a worker
// made from a session's config would run with the control API's authority. Only fetch()
// is served there; everything that could run gets a refusal instead.

/** A session whose every path answers `text` as `contentType`. */
const serving = (contentType: string, text: string) =>
  serverConfigSchema.parse({ version: 1, actual: { body: { contentType, text } } });

// Were it to run, the page would say so in the title (its own, or its parent's) and
// create a session through the control API.
const PAGE = `<!doctype html><title>page</title><script>
  (parent === window ? document : parent.document).title = 'script ran';
  fetch('/_playground/api/sessions', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  });
</script>`;

test('a navigation to a session route on the app origin runs nothing', async ({
  page,
  playground,
  controlApi,
}) => {
  const { id } = await controlApi.createSession(serving('text/html; charset=utf-8', PAGE));
  const sessionsBefore = playground.sessions.size;

  const answer = await page.goto(`${playground.origins.app}/s/${id}/page`);
  expect(answer?.status()).toBe(403);
  expect(await answer?.text()).toContain('serves fetch() only');
  expect(await page.title()).not.toBe('script ran');

  // The same URL, fetched by a page of the app origin, is answered byte for byte.
  await page.goto(RUNNER_PAGE);
  const fetched = await page.evaluate(async (url) => {
    const response = await fetch(url);
    return [response.status, response.headers.get('content-type'), await response.text()];
  }, `/s/${id}/page`);
  expect(fetched).toEqual([200, 'text/html; charset=utf-8', PAGE]);
  expect(await page.title()).not.toBe('script ran');
  expect(playground.sessions.size).toBe(sessionsBefore);
});

test('an iframe of a session route on the app origin runs nothing', async ({
  page,
  playground,
  controlApi,
}) => {
  const { id } = await controlApi.createSession(serving('text/html; charset=utf-8', PAGE));
  const sessionsBefore = playground.sessions.size;
  await page.goto(RUNNER_PAGE);
  const title = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const frame = document.createElement('iframe');
        frame.addEventListener('load', () => resolve(document.title));
        frame.src = url;
        document.body.append(frame);
      }),
    `/s/${id}/frame`,
  );
  expect(title).not.toBe('script ran');
  expect(playground.sessions.size).toBe(sessionsBefore);
});

test('a worker from a session route on the app origin never starts', async ({
  page,
  controlApi,
}) => {
  const { id } = await controlApi.createSession(
    serving('text/javascript', "postMessage('worker ran');"),
  );
  await page.goto(RUNNER_PAGE);
  const outcome = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const worker = new Worker(url);
        worker.addEventListener('message', (event: MessageEvent<string>) => resolve(event.data));
        worker.addEventListener('error', () => resolve('did not load'));
      }),
    `/s/${id}/worker.js`,
  );
  expect(outcome).toBe('did not load');
});
