import { globalAgent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeLogPage } from '../src/scenario/control-api.ts';
import type { Playground } from './playground.ts';
import { serverSendSchema } from './send-from-server.ts';
import { callApi, startTestPlayground } from './testing.ts';

const LEAVES = 'must stay within the session: the URL parser resolves it outside /s/<session>/';

describe('serverSendSchema: the path stays in the session as the URL parser reads it', () => {
  // WHATWG URL parsing of a special scheme (http): `\` is a path separator, and `.`/`..`
  // segments are resolved, plain or percent-encoded in any case.
  it.each([
    ['/..'],
    ['/../'],
    ['/../other/x'],
    ['/..\\other/x'],
    ['/.\\..\\other'],
    ['/%2e%2e/other'],
    ['/.%2E/other'],
    ['/%2E./other'],
    ['/a/../../other'],
    ['/a\\..\\..\\other'],
    ['/..?x=1'],
  ])('refuses %s', (path) => {
    const result = serverSendSchema.safeParse({ path });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['path', LEAVES],
    ]);
  });

  it.each([['/'], ['/items?x=1'], ['/a/../b'], ['/a\\b'], ['/..a/b..'], ['/a/%2e'], ['/?..']])(
    'accepts %s, which stays in the session',
    (path) => {
      expect(serverSendSchema.safeParse({ path }).success).toBe(true);
    },
  );
});

describe('POST send over real sockets', () => {
  let playground: Playground | undefined;
  afterEach(async () => {
    globalAgent.destroy();
    await playground?.close();
    playground = undefined;
  });

  const createSession = async (p: Playground): Promise<string> =>
    (await callApi(p, '/sessions', { method: 'POST', body: '{}' })).body.id as string;

  it.each([['/..\\'], ['/.%2e\\'], ['/x\\..\\..\\']])(
    'a path starting %s gets 400 and never reaches another session',
    async (climb) => {
      const p = (playground = await startTestPlayground());
      const [a, b] = [await createSession(p), await createSession(p)];
      const answer = await callApi(p, `/sessions/${a}/send`, {
        method: 'POST',
        body: JSON.stringify({ path: `${climb}${b}/x` }),
      });
      expect(answer).toEqual({
        status: 400,
        body: {
          error: 'Invalid request to send from the server.',
          issues: [{ path: 'path', message: LEAVES }],
        },
      });
      for (const id of [a, b]) {
        const log = (await callApi(p, `/sessions/${id}/log`)).body as unknown as ExchangeLogPage;
        expect(log.entries).toEqual([]);
      }
    },
  );
});
