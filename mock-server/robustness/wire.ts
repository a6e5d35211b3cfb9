import { connect } from 'node:net';

export interface Exchange {
  /** Every byte the server wrote before it closed the connection or went quiet. */
  bytes: Buffer;
  /** The socket's error, if it ended with one (e.g. a reset after a refused body). */
  error: string | undefined;
}

export interface ExchangeOptions {
  host?: string;
  /** Pause between pieces, so the server reads them as separate chunks. */
  gapMs?: number;
  /** Give up this long after the last byte from the server (or after connecting). */
  idleMs?: number;
  /** End the sending side after the last piece, as a client that expects nothing more. */
  halfClose?: boolean;
}

/**
 * Writes `pieces` over a new connection and collects the answer. Unlike a well-behaved
 * client it keeps writing what it was given whatever the server says, and a reset or a
 * failed write ends the exchange with the bytes read so far, not a rejection: refusing
 * a body early and closing is what the server should do.
 */
export function exchange(
  port: number,
  pieces: readonly (string | Buffer)[],
  { host = '127.0.0.1', gapMs = 20, idleMs = 200, halfClose = false }: ExchangeOptions = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = connect({ port, host });
    const write = (index: number): void => {
      if (socket.destroyed) return;
      const piece = pieces[index];
      if (piece === undefined) {
        if (halfClose) socket.end();
        return;
      }
      socket.write(piece, (failed) => {
        if (failed === undefined || failed === null) setTimeout(() => write(index + 1), gapMs);
      });
    };
    socket.on('connect', () => write(0));
    let timer = setTimeout(() => socket.destroy(), idleMs + pieces.length * gapMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), idleMs);
    });
    socket.on('error', (failed: NodeJS.ErrnoException) => {
      error = failed.code ?? failed.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), error });
    });
  });
}

/** A request's bytes: the request line, the header lines, an empty line and the body. */
export function requestBytes(requestLine: string, headers: readonly string[], body = ''): string {
  return [requestLine, ...headers, '', body].join('\r\n');
}

export interface ResponseHead {
  status: number;
  /** Header lines, names as written. */
  headers: [string, string][];
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*$/;

/**
 * Reads a byte stream of responses by HTTP/1.1's framing rules (RFC 9112, section 6.3),
 * as a keep-alive client would: each response must have exactly one Content-Length value
 * or end the stream, so that the next one starts where this one ends. `methods` are the
 * requests' methods in order (a response to HEAD has no content).
 */
export function splitResponses(bytes: Buffer, methods: readonly string[]): ResponseHead[] {
  const responses: ResponseHead[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', at);
    if (headEnd === -1) throw new Error(`response ${responses.length + 1} has no complete head`);
    const [statusLine = '', ...lines] = bytes.toString('latin1', at, headEnd).split('\r\n');
    const match = STATUS_LINE.exec(statusLine);
    if (match === null) {
      throw new Error(`response ${responses.length + 1} starts with "${statusLine.slice(0, 80)}"`);
    }
    const status = Number(match[1]);
    const headers = lines.map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    const named = (name: string) =>
      headers.filter(([header]) => header.toLowerCase() === name).map(([, value]) => value);
    if (named('transfer-encoding').length > 0) {
      throw new Error(`response ${responses.length + 1} (${status}) has Transfer-Encoding`);
    }
    const lengths = new Set(named('content-length'));
    if (lengths.size > 1) {
      throw new Error(`response ${responses.length + 1} (${status}) has ${lengths.size} lengths`);
    }
    at = headEnd + 4;
    const noContent =
      methods[responses.length] === 'HEAD' || status < 200 || status === 204 || status === 304;
    const [length] = lengths;
    if (!noContent) at = length === undefined ? bytes.length : at + Number(length);
    responses.push({ status, headers });
  }
  return responses;
}
