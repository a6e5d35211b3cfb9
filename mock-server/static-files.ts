import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}

function sendText(response: ServerResponse, status: number, text: string, headers = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

/** Serves the built app from `distDir`; paths without an extension get the app's page. */
export function createStaticHandler(
  distDir: string,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const root = normalize(distDir + sep);
  return async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, `${request.method} is not allowed here; use GET.`, {
        Allow: 'GET, HEAD',
      });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://app.invalid').pathname);
    } catch {
      sendText(response, 400, 'Malformed URL.');
      return;
    }
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) {
      sendText(response, 404, `Not found: ${pathname}`);
      return;
    }
    let size = await fileSize(file);
    if (size === undefined && extname(pathname) === '') {
      file = join(root, 'index.html');
      size = await fileSize(file);
    }
    if (size === undefined) {
      sendText(response, 404, `Not found: ${pathname}`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': size,
      // Hashed asset names never change content; the page itself must always be fresh.
      'Cache-Control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  };
}
