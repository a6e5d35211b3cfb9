// A complete example of pinning CORS behaviour with the fixture, as a user would write it.
// The project's test suite runs this file, so the example stays true.
import { expect, test } from 'cors-playground/playwright';

test.describe('an API that allows one origin, with credentials', () => {
  test.use({
    corsServer: {
      cors: {
        allowOrigin: 'reflect',
        allowCredentials: true,
        allowMethods: ['PUT'],
        exposeHeaders: ['ETag'],
      },
      actual: { headers: [['ETag', '"v1"']] },
    },
  });

  test('a credentialed PUT goes through, and JavaScript can read ETag', async ({
    page,
    corsPlayground,
  }) => {
    await page.goto(corsPlayground.pageUrl);
    const result = await page.evaluate(async (url) => {
      const response = await fetch(url, { method: 'PUT', credentials: 'include' });
      return { status: response.status, etag: response.headers.get('ETag') };
    }, corsPlayground.url('/items/1'));

    expect(result).toEqual({ status: 200, etag: '"v1"' });
    // The browser asked first: a preflight, then the PUT, both from the page's origin.
    const log = corsPlayground.log();
    expect(log.map((entry) => entry.request.method)).toEqual(['OPTIONS', 'PUT']);
    expect(log[0]?.request.headers).toContainEqual(['Access-Control-Request-Method', 'PUT']);
    expect(log[1]?.request.headers).toContainEqual(['Origin', corsPlayground.appOrigin]);
  });

  test('once the server stops allowing PUT, the same call fails', async ({
    page,
    corsPlayground,
  }) => {
    corsPlayground.configure({ cors: { allowOrigin: 'reflect', allowCredentials: true } });
    await page.goto(corsPlayground.pageUrl);
    const error = await page.evaluate(
      (url) =>
        fetch(url, { method: 'PUT', credentials: 'include' }).then(
          () => 'resolved',
          (e: Error) => e.message,
        ),
      corsPlayground.url('/items/1'),
    );

    expect(error).toBe('Failed to fetch');
    // Only the preflight arrived: the PUT itself was never sent.
    expect(corsPlayground.log().map((entry) => entry.request.method)).toEqual(['OPTIONS']);
  });
});
