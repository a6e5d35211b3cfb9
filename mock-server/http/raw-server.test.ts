import { connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer } from '../listen.ts';
import { rawRequest } from './raw-client.ts';
import {
  createRawHttpServer,
  plainTextResponse,
  serializeResponse,
  type RawHandler,
  type RawServerLimits,
} from './raw-server.ts';

let server: Server | undefined;
const clients: Socket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  if (server !== undefined) await closeServer(server);
  server = undefined;
});

/** A raw server on a free loopback port; resolves with the port. */
async function start(handler: RawHandler, limits?: Partial<RawServerLimits>): Promise<number> {
  const started = createRawHttpServer(handler, undefined, limits);
  server = started;
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return (started.address() as AddressInfo).port;
}

/** The server's side of the next connection it accepts. */
function nextServerSocket(): Promise<Socket> {
  return new Promise((resolve) => server?.once('connection', resolve));
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const client = connect({ port, host: '127.0.0.1' }, () => resolve(client));
    client.on('error', reject);
    clients.push(client);
  });
}

/** Everything the server writes until it closes the connection. */
function readAll(client: Socket): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const get = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
const ok = (text: string) => plainTextResponse(200, text);

describe('backpressure', () => {
  it('stops answering a pipelining client that does not read, and resumes when it does', async () => {
    const body = 'a'.repeat(60 * 1024);
    let answered = 0;
    const port = await start(() => {
      answered += 1;
      return ok(body);
    });
    const accepted = nextServerSocket();
    const client = await open(port);
    const serverSide = await accepted;
    client.pause();
    const requests = 1000; // 60 MB of answers if they were all written at once
    client.write(get('/x').repeat(requests));
    await wait(300);
    // Answers beyond what the socket buffers hold wait, unwritten, for the client to read.
    expect(serverSide.writableLength).toBeLessThan(1024 * 1024);
    expect(answered).toBeLessThan(requests / 2);

    const all = requests * serializeResponse('GET', ok(body)).length;
    let received = 0;
    const whole = new Promise<void>((resolve) => {
      client.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received === all) resolve();
      });
    });
    client.resume();
    await whole;
    expect(answered).toBe(requests);
  });

  it('stops reading a pipelining client while an answer is delayed', async () => {
    const port = await start((request) =>
      request.target === '/slow' ? wait(3000).then(() => ok('slow')) : ok('fast'),
    );
    const accepted = nextServerSocket();
    const client = await open(port);
    const serverSide = await accepted;
    client.pause();
    // 20 MB of pipelined requests behind the delayed one: without a bound, all of them
    // would be read and held, parsed, until the delay ends.
    const padding = `X-Pad: ${'p'.repeat(1000)}\r\n`;
    const behind = `GET /fast HTTP/1.1\r\n${padding}\r\n`.repeat(20_000);
    client.write(get('/slow'));
    client.write(behind);
    await wait(300);
    expect(serverSide.bytesRead).toBeLessThan(behind.length / 2);
  });
});

describe('limits on the wire', () => {
  /** What the server answers to `pieces`, written 50 ms apart, before it closes. */
  async function answerTo(...pieces: string[]): Promise<string> {
    const client = await open(await start(() => ok('accepted')));
    const reply = readAll(client);
    for (const piece of pieces) {
      client.write(piece);
      await wait(50);
    }
    return reply;
  }

  const chunked = 'POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n';

  it('refuses a 92 KB head sent as 32 000 bytes, a pause, then 60 000 more', async () => {
    const head = `GET / HTTP/1.1\r\n${'X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(1500)}`;
    const reply = await answerTo(head.slice(0, 32_000), `${head.slice(32_000)}\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('refuses a chunk size line of 1 MB of hex digits without holding it', async () => {
    expect(await answerTo(chunked, '1'.repeat(1024 * 1024))).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('refuses 100 KB of trailers before they end', async () => {
    const trailers = `X-Trailer: ${'t'.repeat(1000)}\r\n`.repeat(100);
    expect(await answerTo(chunked, `1\r\na\r\n0\r\n${trailers}`)).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('refuses a bare LF inside a header value, which would be reflected', async () => {
    const reply = await answerTo('GET / HTTP/1.1\r\nOrigin: http://a\nSet-Cookie: x=1\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain('Header "Origin" holds a CR, LF or NUL byte.');
  });
});

describe('half-closed clients', () => {
  it('answers a request sent with a half-close after a delay', async () => {
    const port = await start(() => wait(200).then(() => ok('late')));
    const response = await rawRequest(
      new URL(`http://127.0.0.1:${port}/x`),
      'GET',
      [['Host', 'localhost']],
      Buffer.alloc(0),
      5000,
    );
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('late\n');
  });

  it('answers every pipelined request before closing a half-closed connection', async () => {
    const port = await start((request) =>
      request.target === '/slow' ? wait(200).then(() => ok('slow')) : ok('fast'),
    );
    const client = await open(port);
    const reply = readAll(client);
    client.end(get('/slow') + get('/fast'));
    expect((await reply).match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });
});

describe('slow clients', () => {
  it('answers 408 and closes when a request trickles in past its deadline', async () => {
    const port = await start(() => ok('never'), { requestDeadlineMs: 300 });
    const client = await open(port);
    const reply = readAll(client);
    client.write('GET / HTTP/1.1\r\n');
    // One byte every 50 ms: the idle timer never fires, but the deadline does.
    const trickle = setInterval(() => {
      if (!client.destroyed) client.write('X');
    }, 50);
    try {
      const text = await reply;
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(text).toContain('did not arrive complete within 0.3 s');
    } finally {
      clearInterval(trickle);
    }
  });

  it('gives each request on a connection a deadline of its own', async () => {
    const port = await start(() => ok('fine'), { requestDeadlineMs: 1000 });
    const client = await open(port);
    const reply = readAll(client);
    // 1.2 s on one connection, each request whole within 0.1 s of its first byte.
    for (let i = 0; i < 6; i += 1) {
      client.write('GET / HTTP/1.1\r\n');
      await wait(100);
      client.write('Host: localhost\r\n\r\n');
      await wait(100);
    }
    client.end();
    expect((await reply).match(/HTTP\/1\.1 200 OK/g)).toHaveLength(6);
  });

  it('stops the deadline while the server itself is not reading', async () => {
    const port = await start(
      (request) => (request.target === '/slow' ? wait(1200).then(() => ok('slow')) : ok('fine')),
      { requestDeadlineMs: 400 },
    );
    const client = await open(port);
    const reply = readAll(client);
    // Past 32 requests queued behind a delayed answer the server stops reading; a request
    // begun then is held up by the server, not by the client, for longer than its deadline.
    client.write(`${get('/slow')}${get('/').repeat(33)}GET / HTTP/1.1\r\n`);
    await wait(1300);
    client.end('Host: localhost\r\n\r\n');
    const text = await reply;
    expect(text).not.toContain('408');
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(35);
  });

  it('refuses a connection beyond the cap with 503 and its reason, and serves the others', async () => {
    const port = await start(() => ok('served'), { maxConnections: 2 });
    const first = await open(port);
    await open(port);
    const third = await open(port);
    const refused = readAll(third);
    third.end(get('/'));
    const text = await refused;
    expect(text).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(text).toContain('already has 2 connections open, its limit');
    const served = readAll(first);
    first.end(get('/'));
    expect(await served).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
