// The control API's requests as clients actually deliver them: cut short, or with more
// bytes behind them, as fuzzing the page's own PUTs on the wire found. The playground runs
// in a process of its own, so what it prints is seen.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { API_PREFIX } from '../../src/scenario/control-api.ts';
import { callApi } from '../testing.ts';
import { createSession } from './floods.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { exchange, requestBytes } from './wire.ts';

let server: ServerProcess;
let id: string;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(() => server.stop());
beforeEach(async () => {
  id = await createSession(server);
});

const WILDCARD = '{"version":1,"cors":{"allowOrigin":"*"}}';

function put(body: string, contentLength = body.length): string {
  return requestBytes(
    `PUT ${API_PREFIX}/sessions/${id}/config HTTP/1.1`,
    [
      `Host: localhost:${server.ports.app}`,
      `Origin: ${server.origins.app}`,
      'Content-Type: application/json',
      `Content-Length: ${contentLength}`,
      'Connection: close',
    ],
    body,
  );
}

// A client gone before its body is whole is no fault of the server's: node:http's "aborted"
// error must not reach the app handler's catch-all, which prints internal errors.
it('a client that hangs up halfway through its body leaves nothing on stderr', async () => {
  const before = await callApi(server, `/sessions/${id}/config`);
  await exchange(server.ports.app, [put(WILDCARD.slice(0, 10), WILDCARD.length)], {
    idleMs: 100,
  });
  expect(await callApi(server, `/sessions/${id}/config`)).toEqual(before);
  expect(await server.trouble()).toBeUndefined();
});

// Left to itself, node:http answers the bytes after the request with its own 400 and closes
// the connection before the handler's answer is written: the client would read a refusal of
// a change that was made. An answer must say what happened.
it('bytes after a complete PUT do not hide its answer', async () => {
  const { bytes } = await exchange(server.ports.app, [`${put(WILDCARD)}\r\n${WILDCARD}`]);
  const changed = (await callApi(server, `/sessions/${id}/config`)).body;
  expect(changed).toMatchObject({ cors: { allowOrigin: '*' } });
  expect(bytes.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
});
