import { createServer, type Server, type Socket } from 'node:net';
import type { HeaderLines } from '../../src/scenario/cors-headers.ts';
import { hasNoContent, reasonPhrase } from '../../src/scenario/response-parts.ts';
import {
  HttpParseError,
  PassedOn,
  RequestReader,
  type RawRequest,
  type RequestHead,
} from './request-reader.ts';

/** A response to write exactly: the head's bytes are the header lines, nothing added. */
export interface RawResponse {
  status: number;
  /** The reason phrase on the status line, e.g. `OK`. */
  reason: string;
  headers: HeaderLines;
  body: Buffer;
  /** Close the connection after this response (a body framed by connection close). */
  closeAfter?: boolean;
  /**
   * The exact bytes of this response for the request it answers, when the handler kept
   * them from an earlier request (see serializeResponse): written instead of serializing
   * the fields above again.
   */
  bytes?: Buffer;
}

/** Answers a request: at once, or later (a delayed answer) as a promise. */
export type RawHandler = (
  request: RawRequest,
  connection: ConnectionInfo,
) => RawResponse | Promise<RawResponse>;

export interface ConnectionInfo {
  /** The local port the request arrived on. */
  localPort: number;
}

const IDLE_TIMEOUT_MS = 30_000;

/** Requests a raw server leaves to another server, and how it hands them over. */
export interface PassOn {
  /** Whether this request (its head) is the other server's. */
  wants(head: RequestHead): boolean;
  /**
   * Takes the connection over from that request on: `bytes` are the ones already read,
   * starting at the request's first byte; the socket is paused and holds the rest.
   */
  handOver(socket: Socket, bytes: Buffer): void;
}

/**
 * An HTTP/1.1 server on `node:net`. `node:http` answers methods outside its list
 * (`patch`, `CHICKEN`) with its own 400 and refuses header bytes such as 0x0B, so the
 * target reads and writes HTTP itself: what its handler returns is what goes on the wire.
 */
export function createRawHttpServer(
  handler: RawHandler,
  passOn?: PassOn,
): Server & { closeAllConnections(): void } {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, handler, passOn);
  });
  // As node:http's servers have, so a keep-alive connection cannot hold a close() open.
  return Object.assign(server, {
    closeAllConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  });
}

function serveConnection(socket: Socket, handler: RawHandler, passOn?: PassOn): void {
  const reader = new RequestReader(passOn?.wants);
  // A refused request is queued too, so its 400 goes out after the answers before it; so is
  // a request passed on, which gets the connection once the answers before it are out.
  const queue: (RawRequest | HttpParseError | PassedOn)[] = [];
  // Set while a request is being answered, and for good once the connection is done.
  let busy = false;
  const info: ConnectionInfo = { localPort: socket.localPort ?? 0 };

  socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => socket.destroy());

  /** Writes one answer; false when the connection is done with. */
  const write = (request: RawRequest, response: RawResponse): boolean => {
    if (socket.destroyed) return false;
    socket.write(response.bytes ?? serializeResponse(request.method, response));
    if (response.closeAfter === true || wantsClose(request)) {
      socket.end();
      // A socket paused for a request to pass on must still read the peer's close.
      socket.resume();
      return false;
    }
    return true;
  };

  // Requests on one connection are answered in order, one at a time. An answer that is
  // ready at once is written at once, with no hop through the microtask queue; the queue
  // waits only behind a delayed one.
  const drain = (): void => {
    if (busy) return;
    busy = true;
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      if (item instanceof HttpParseError) {
        socket.end(serializeResponse('', plainTextResponse(item.status, item.message)));
        return;
      }
      if (item instanceof PassedOn) {
        if (socket.destroyed) return;
        socket.setTimeout(0);
        passOn?.handOver(socket, item.bytes);
        return;
      }
      const request = item;
      const answer = handler(request, info);
      if (answer instanceof Promise) {
        void answer.then((response) => {
          if (!write(request, response)) return;
          busy = false;
          drain();
        });
        return;
      }
      if (!write(request, answer)) return;
    }
    busy = false;
  };

  socket.on('data', (chunk: Buffer) => {
    const items = reader.push(chunk);
    const last = items.at(-1);
    // Nothing after a malformed request can be framed reliably: stop reading. After a
    // request passed on, the rest is the other server's: keep it in the socket.
    if (last instanceof HttpParseError || last instanceof PassedOn) {
      socket.removeAllListeners('data');
      if (last instanceof PassedOn) socket.pause();
    }
    for (const item of items) queue.push(item);
    drain();
  });
}

// https://www.rfc-editor.org/rfc/rfc9112#name-persistence
function wantsClose(request: RawRequest): boolean {
  let close = false;
  let keepAlive = false;
  for (const [name, value] of request.headers) {
    if (name.length !== 10 || name.toLowerCase() !== 'connection') continue;
    const option = value.toLowerCase();
    if (option === 'close') close = true;
    else if (option === 'keep-alive') keepAlive = true;
  }
  return request.httpVersion === '1.0' ? !keepAlive : close;
}

// https://www.rfc-editor.org/rfc/rfc9110#name-content-length: HEAD, 1xx, 204 and 304
// responses carry no content.
export function hasContent(method: string, status: number): boolean {
  return method !== 'HEAD' && status >= 200 && !hasNoContent(status);
}

/** The exact bytes for a response. Header values are written as Latin-1 bytes. */
export function serializeResponse(method: string, response: RawResponse): Buffer {
  let head = `HTTP/1.1 ${response.status} ${response.reason}\r\n`;
  for (const [name, value] of response.headers) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return hasContent(method, response.status)
    ? Buffer.concat([headBytes, response.body])
    : headBytes;
}

/** A short plain-text response with correct framing. */
export function plainTextResponse(status: number, text: string): RawResponse {
  const body = Buffer.from(`${text}\n`, 'utf8');
  return {
    status,
    reason: reasonPhrase(status),
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Content-Length', String(body.length)],
    ],
    body,
  };
}
