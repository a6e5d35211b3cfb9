import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaticHandler } from './static-files.ts';

const SCRIPT = `export const greeting = ${JSON.stringify('hello, '.repeat(400))};\n`;

let dist: string;
let server: Server;
let port: number;

beforeEach(async () => {
  dist = await mkdtemp(join(tmpdir(), 'cors-playground-static-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>CORS Playground</title>\n');
  await writeFile(join(dist, 'assets', 'index-abc.js'), SCRIPT);
  await writeFile(join(dist, 'icon.png'), Buffer.alloc(2048, 7));
  server = createServer((req, res) => void createStaticHandler(dist)(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dist, { recursive: true, force: true });
});

/** One request on its own connection; the body as the bytes that came, not decoded. */
function get(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the built app, compressed', () => {
  it('sends Brotli to a browser that accepts it, with its length and Vary', async () => {
    const res = await get('/assets/index-abc.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends gzip when that is all the request accepts', async () => {
    const res = await get('/assets/index-abc.js', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it.each([
    ['no Accept-Encoding', undefined],
    ['codings it does not know', 'compress, deflate'],
    ['br and gzip refused with q=0', 'br;q=0, gzip;q=0, *;q=0.5'],
    ['identity only', 'identity'],
  ])('sends the file as it is for %s', async (_case, acceptEncoding) => {
    const res = await get(
      '/assets/index-abc.js',
      acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding },
    );
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('takes a wildcard as Brotli', async () => {
    const res = await get('/assets/index-abc.js', { 'Accept-Encoding': '*' });
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('leaves images alone', async () => {
    const res = await get('/icon.png', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.body.length).toBe(2048);
  });

  it('answers HEAD with the same headers and no body', async () => {
    const got = await get('/assets/index-abc.js', { 'Accept-Encoding': 'br' });
    const head = await get('/assets/index-abc.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(got.headers['content-length']);
    expect(head.headers.etag).toBe(got.headers.etag);
  });
});

describe('the built app, with ETags', () => {
  it('gives each coding of a file its own ETag', async () => {
    const tags = await Promise.all(
      ['br', 'gzip', 'identity'].map(
        async (coding) =>
          (await get('/assets/index-abc.js', { 'Accept-Encoding': coding })).headers.etag,
      ),
    );
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(new Set(tags).size).toBe(3);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag ?? '';
    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': `"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    // The weak form matches too (RFC 9110, 13.1.2: If-None-Match compares weakly).
    expect((await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': `W/${etag}` })).status).toBe(
      304,
    );
    expect((await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': '*' })).status).toBe(304);
  });

  it('sends the whole file again after a rebuild changes it', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Rebuilt</title>\n');
    const again = await get('/', {
      'Accept-Encoding': 'br',
      'If-None-Match': first.headers.etag ?? '',
    });
    expect(again.status).toBe(200);
    expect(again.headers.etag).not.toBe(first.headers.etag);
    expect(brotliDecompressSync(again.body).toString()).toContain('Rebuilt');
  });
});
