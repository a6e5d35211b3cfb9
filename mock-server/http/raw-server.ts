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

/**
 * Answers a request: at once, or later (a delayed answer) as a promise; or `null` to close
 * the connection without an answer, as a server whose keep-alive has run out does.
 */
export type RawHandler = (
  request: RawRequest,
  connection: ConnectionInfo,
) => RawResponse | null | Promise<RawResponse>;

export interface ConnectionInfo {
  /** The local port the request arrived on. */
  localPort: number;
  /** How many answers were written on this connection before: 0 on a fresh one. */
  readonly answered: number;
  /** Whether an answer returned now would still be written: false once the client is gone. */
  readonly writable: boolean;
}

/** Bounds on what one listener holds for slow or many clients. */
export interface RawServerLimits {
  /** Connections open at once; the next one gets a 503 and is closed. */
  maxConnections: number;
  /**
   * Time from a request's first byte to its last, head and body: a request still
   * incomplete then gets a 408, however steadily its bytes trickle in.
   */
  requestDeadlineMs: number;
}

/**
 * Generous for browsers, which open at most 6 connections per host and send a request
 * whole at once; node:http gives a head 60 s too (headersTimeout).
 */
const RAW_SERVER_LIMITS: RawServerLimits = {
  maxConnections: 2_000,
  requestDeadlineMs: 60_000,
};

/** A connection that sends nothing, and is owed nothing, this long is closed. */
const IDLE_TIMEOUT_MS = 30_000;

/**
 * Requests read ahead of the one being answered: past this, the connection is not read
 * until they are answered, so a client pipelining behind a delayed answer cannot fill memory.
 */
const MAX_QUEUED_REQUESTS = 32;

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
  limits: Partial<RawServerLimits> = {},
): Server & { closeAllConnections(): void } {
  const { maxConnections, requestDeadlineMs } = { ...RAW_SERVER_LIMITS, ...limits };
  const sockets = new Set<Socket>();
  // Half-open: a client may send its request and end its side (as raw-client.ts does);
  // its answers are still owed, and the connection ends once they are written. No Nagle, as
  // node:http's default: the app origin's front passes the log's events on in small writes,
  // and Nagle held each until the page acknowledged the one before (a delayed ACK).
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (sockets.size > maxConnections) refuse(socket, maxConnections);
    else new Connection(socket, handler, passOn, requestDeadlineMs);
  });
  // As node:http's servers have, so a keep-alive connection cannot hold a close() open.
  return Object.assign(server, {
    closeAllConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
  });
}

/** Answers a connection beyond the cap with a 503 that says why, and closes it. */
function refuse(socket: Socket, maxConnections: number): void {
  socket.on('error', () => socket.destroy());
  socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
  // What the client sends is read and dropped, so that its close is heard and the 503
  // is not lost to a reset.
  socket.resume();
  socket.end(
    serializeResponse(
      '',
      plainTextResponse(
        503,
        `This port already has ${maxConnections} connections open, its limit. Close some and try again.`,
      ),
    ),
  );
}

/**
 * One client connection: reads requests, answers them in order, one at a time, and holds
 * what it keeps in memory to a bound. It stops reading while the socket's write buffer is
 * above its mark (the client is not reading its answers) or while too many requests wait,
 * and reads on once they are written.
 */
class Connection implements ConnectionInfo {
  readonly localPort: number;
  readonly #socket: Socket;
  readonly #handler: RawHandler;
  readonly #passOn: PassOn | undefined;
  readonly #reader: RequestReader;
  readonly #deadlineMs: number;
  // A refused request is queued too, so its 4xx goes out after the answers before it; so is
  // a request passed on, which gets the connection once the answers before it are out.
  readonly #queue: (RawRequest | HttpParseError | PassedOn)[] = [];
  /** Set while an answer is under way, and for good once the connection is done with. */
  #busy = false;
  /** No more requests are read: after a refusal, a hand-over or the end. */
  #stopped = false;
  /** The client has ended its side: end ours once every answer is written. */
  #clientEnded = false;
  /** Waiting for a delayed answer: the connection is not idle, the server is. */
  #delayed = false;
  #deadline: NodeJS.Timeout | undefined;
  #answered = 0;

  constructor(socket: Socket, handler: RawHandler, passOn: PassOn | undefined, deadlineMs: number) {
    this.localPort = socket.localPort ?? 0;
    this.#socket = socket;
    this.#handler = handler;
    this.#passOn = passOn;
    this.#reader = new RequestReader(passOn?.wants);
    this.#deadlineMs = deadlineMs;
    socket.setTimeout(IDLE_TIMEOUT_MS);
    socket.on('timeout', () => {
      if (!this.#delayed) socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => clearTimeout(this.#deadline));
    socket.on('data', this.#onData);
    socket.on('end', () => {
      this.#clientEnded = true;
      if (!this.#busy) this.#end();
    });
  }

  get writable(): boolean {
    return this.#socket.writable;
  }

  get answered(): number {
    return this.#answered;
  }

  readonly #onData = (chunk: Buffer): void => {
    const items = this.#reader.push(chunk);
    const last = items.at(-1);
    // Nothing after a malformed request can be framed reliably: stop reading. After a
    // request passed on, the rest is the other server's: keep it in the socket.
    if (last instanceof HttpParseError) this.#stopReading();
    else if (last instanceof PassedOn) {
      this.#stopReading();
      this.#socket.pause();
    } else this.#timeRequest(items.length > 0);
    for (const item of items) this.#queue.push(item);
    this.#answer();
    this.#flow();
  };

  /** Starts the clock for a request that has begun to arrive, and stops it once none has. */
  #timeRequest(completedOne: boolean): void {
    if (!this.#reader.pending) {
      clearTimeout(this.#deadline);
      this.#deadline = undefined;
    } else if (this.#deadline === undefined) {
      this.#deadline = setTimeout(this.#onDeadline, this.#deadlineMs);
    } else if (completedOne) {
      // What is pending now is a new request, with a clock of its own.
      this.#deadline.refresh();
    }
  }

  readonly #onDeadline = (): void => {
    this.#stopReading();
    this.#queue.push(
      new HttpParseError(
        408,
        `The request did not arrive complete within ${this.#deadlineMs / 1000} s.`,
      ),
    );
    this.#answer();
  };

  #stopReading(): void {
    this.#stopped = true;
    this.#socket.off('data', this.#onData);
    clearTimeout(this.#deadline);
  }

  /** Reads on only while few requests wait and the write buffer is below its mark. */
  #flow(): void {
    if (this.#stopped) return;
    if (this.#socket.writableNeedDrain || this.#queue.length > MAX_QUEUED_REQUESTS) {
      this.#socket.pause();
      // The client is not the one holding up a request begun now: its deadline waits too.
      clearTimeout(this.#deadline);
      this.#deadline = undefined;
    } else if (this.#socket.isPaused()) {
      this.#socket.resume();
      this.#timeRequest(false);
    }
  }

  // Requests on one connection are answered in order, one at a time. An answer that is
  // ready at once is written at once, with no hop through the microtask queue; the queue
  // waits only behind a delayed one, or for the socket to drain.
  #answer(): void {
    if (this.#busy) return;
    this.#busy = true;
    for (let item = this.#queue.shift(); item !== undefined; item = this.#queue.shift()) {
      if (this.#socket.destroyed) return;
      if (item instanceof HttpParseError) {
        this.#end(serializeResponse('', plainTextResponse(item.status, item.message)));
        return;
      }
      if (item instanceof PassedOn) {
        this.#socket.setTimeout(0);
        this.#passOn?.handOver(this.#socket, item.bytes);
        return;
      }
      const request = item;
      const answer = this.#handler(request, this);
      if (answer === null) {
        this.#end();
        return;
      }
      if (answer instanceof Promise) {
        this.#delayed = true;
        void answer.then((response) => {
          this.#delayed = false;
          if (this.#write(request, response)) this.#answerNext();
        });
        return;
      }
      if (!this.#write(request, answer)) return;
    }
    this.#busy = false;
    if (this.#clientEnded) this.#end();
  }

  readonly #answerNext = (): void => {
    this.#busy = false;
    this.#answer();
    this.#flow();
  };

  /** Writes one answer; false when the connection is done with or must drain first. */
  #write(request: RawRequest, response: RawResponse): boolean {
    const socket = this.#socket;
    if (socket.destroyed) return false;
    socket.write(response.bytes ?? serializeResponse(request.method, response));
    this.#answered += 1;
    if (response.closeAfter === true || wantsClose(request)) {
      this.#end();
      return false;
    }
    if (socket.writableNeedDrain) {
      socket.once('drain', this.#answerNext);
      return false;
    }
    return true;
  }

  /** Ends the connection after `bytes`, still reading (and dropping) to hear the client close. */
  #end(bytes?: Buffer): void {
    this.#stopReading();
    if (bytes === undefined) this.#socket.end();
    else this.#socket.end(bytes);
    this.#socket.resume();
  }
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
