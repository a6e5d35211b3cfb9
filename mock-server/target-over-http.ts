import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import type { RawHandler } from './http/raw-server.ts';
import { MAX_BODY_BYTES } from './http/request-reader.ts';

function pairs(raw: string[]): HeaderLines {
  const lines: HeaderLines = [];
  for (let i = 0; i + 1 < raw.length; i += 2) lines.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return lines;
}

// node:http adds Date, Connection and Keep-Alive lines of its own unless told otherwise:
// with no date and a Connection line from the handler it adds none, so the log holds
// every line that went out.
const TRANSPORT_HEADERS: HeaderLines = [['Connection', 'keep-alive']];

/**
 * Serves the target's routes on the app origin too, for same-origin requests, through
 * node:http. Unlike the raw target, Node refuses methods outside its list and cannot write
 * some bytes: for exact bytes use a cross-origin target. Same-origin requests involve no
 * CORS, so little is lost.
 */
export async function serveTargetOverHttp(
  handler: RawHandler,
  request: IncomingMessage,
  response: ServerResponse,
  localPort: number,
): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      response.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Request body is larger than 1 MiB.\n');
      return;
    }
    chunks.push(chunk);
  }
  const answer = await handler(
    {
      method: request.method ?? 'GET',
      target: request.url ?? '/',
      httpVersion: request.httpVersion === '1.0' ? '1.0' : '1.1',
      headers: pairs(request.rawHeaders),
      body: Buffer.concat(chunks),
    },
    { localPort, transportHeaders: TRANSPORT_HEADERS },
  );
  response.sendDate = false;
  try {
    response.writeHead(answer.status, answer.reason, answer.headers.flat());
  } catch (error) {
    response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(
      `This response cannot be sent through the app origin (${(error as Error).message}); use a cross-origin target for exact bytes.\n`,
    );
    return;
  }
  response.end(answer.body);
}
