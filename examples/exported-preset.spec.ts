// Written by `cors-playground export presets/reading-headers/set-cookie-never-readable.scenario.json
// --to playwright` (then formatted): runner/exported-playwright-test.test.ts keeps it equal to
// what the exporter writes, and the project's suite runs it, so an exported test passes.
import { expect, test } from 'cors-playground/playwright';

test.use({
  corsServer: {
    cors: {
      allowOrigin: {
        allowList: ['{{origin}}'],
      },
      exposeHeaders: ['Set-Cookie', 'X-Request-Id'],
    },
    preflight: {
      handling: {
        kind: 'answer',
        status: 204,
      },
      cors: {},
      headers: [],
    },
    actual: {
      status: 200,
      cors: {},
      headers: [['X-Request-Id', 'r-1']],
      cookies: [
        {
          name: 'sid',
          value: 'abc',
          path: '/',
        },
      ],
      redirects: [],
      delayMs: 0,
    },
  },
});

test('Set-Cookie is never readable', async ({ page, corsPlayground }) => {
  await page.goto(corsPlayground.pageUrl);
  // What JavaScript sees of one fetch(): whether it resolved, and the headers it can read.
  const run = (url: string, init: RequestInit) =>
    page.evaluate(
      ([url, init]) =>
        fetch(url, init).then(
          (response) => ({ resolved: true, readable: [...response.headers.keys()] }),
          () => ({ resolved: false, readable: [] as string[] }),
        ),
      [url, init] as const,
    );

  // 1. GET /api/login: allowed
  const step1 = await run(corsPlayground.url('/api/login', 'sameSite'), {
    method: 'GET',
    headers: [],
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
    cache: 'default',
  });
  expect(step1.resolved).toBe(true);
  expect(step1.readable).toEqual(expect.arrayContaining(['x-request-id']));
  expect(step1.readable).not.toContain('set-cookie');
});
