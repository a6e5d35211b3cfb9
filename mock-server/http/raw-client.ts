import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { HeaderLines } from '../../src/scenario/cors-headers.ts';
import {
  ChunkedDecoder,
  HEAD_END,
  HttpParseError,
  MAX_BODY_BYTES,
  parseHeaderLines,
} from './request-reader.ts';

export interface RawClientResponse {
  status: number;
  reason: string;
  headers: HeaderLines;
  body: Buffer;
  /** The answer went past the limit and was cut there (with `overflow: 'cut'`). */
  cut?: true;
}

/** How a request is sent and how much of its answer is read. */
export interface RawRequestOptions {
  /** Past this many bytes, the answer fails, or is kept as it came and read no further. */
  maxBytes: number;
  overflow: 'fail' | 'cut';
  /**
   * End our side once the request is written. The playground's target answers a half-closed
   * client; another server may not, and `Connection: close` ends the exchange as well.
   */
  halfClose: boolean;
}

const TARGET_OPTIONS: RawRequestOptions = {
  maxBytes: 2 * MAX_BODY_BYTES,
  overflow: 'fail',
  halfClose: true,
};

/** A connection to the URL's host and port: TLS for https (the system's CAs, its name checked). */
function open(url: URL): Socket {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const tls = url.protocol === 'https:';
  const port = url.port === '' ? (tls ? 443 : 80) : Number(url.port);
  return tls
    ? connectTls({ host, port, servername: host, ALPNProtocols: ['http/1.1'] })
    : connect({ host, port });
}

/** The server sent bytes, but not an HTTP/1.x answer this client can read. */
export class MalformedAnswer extends Error {}

const STATUS_PREFIX = Buffer.from('HTTP/1.');
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;

function parseResponse(bytes: Buffer, cut: boolean, maxBytes: number): RawClientResponse {
  // Zero bytes is no answer at all (Chromium's ERR_EMPTY_RESPONSE), not a malformed one.
  if (bytes.length === 0) throw new Error('the server closed the connection without answering');
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd === -1) {
    throw new MalformedAnswer(
      cut
        ? `its header section is larger than ${maxBytes / 1024} KiB`
        : 'the answer ended before its header section did',
    );
  }
  const [statusLine = '', ...lines] = bytes.toString('latin1', 0, headEnd).split('\r\n');
  const match = STATUS_LINE.exec(statusLine);
  if (match === null) {
    throw new MalformedAnswer(`its status line "${statusLine.slice(0, 80)}" is not HTTP/1.x`);
  }
  const headers = parseHeaderLines(lines);
  const rest = bytes.subarray(headEnd + HEAD_END.length);
  const chunked = headers.some(
    ([name, value]) => name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(value),
  );
  const length = headers.find(([name]) => name.toLowerCase() === 'content-length')?.[1];
  const body = chunked
    ? decodeChunkedAnswer(rest)
    : length !== undefined && /^\d+$/.test(length)
      ? rest.subarray(0, Number(length))
      : rest;
  return { status: Number(match[1]), reason: match[2] ?? '', headers, body };
}

/** A chunked body, decoded; an answer cut short or badly chunked is kept as it came. */
function decodeChunkedAnswer(bytes: Buffer): Buffer {
  const decoder = new ChunkedDecoder();
  try {
    decoder.decode(bytes);
  } catch (error) {
    if (error instanceof HttpParseError) return bytes;
    throw error;
  }
  return decoder.complete ? decoder.body : bytes;
}

/**
 * Sends one HTTP/1.1 request exactly as given (method case, header order and bytes) and
 * reads the whole answer; `Connection: close` ends it. node:http's client would upper-case
 * `patch` and refuse some header bytes, so "the same request" needs this. `deadlineMs`
 * bounds the whole exchange, connect to last byte: an idle timeout alone would let a server
 * that trickles a byte now and then hold the socket forever.
 */
export function rawRequest(
  url: URL,
  method: string,
  headers: HeaderLines,
  body: Buffer,
  deadlineMs: number,
  options: RawRequestOptions = TARGET_OPTIONS,
): Promise<RawClientResponse> {
  return new Promise((resolve, reject) => {
    const socket = open(url);
    const chunks: Buffer[] = [];
    let size = 0;
    let cut = false;
    const deadline = setTimeout(
      () =>
        socket.destroy(
          new Error(`the server did not finish its answer within ${deadlineMs / 1000} s`),
        ),
      deadlineMs,
    );
    socket.on(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
      for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
      const bytes = Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]);
      if (options.halfClose) socket.end(bytes);
      else socket.write(bytes);
    });
    socket.on('data', (chunk: Buffer) => {
      // Another protocol (an SSH banner, HTTP/2 frames) may never close: say so at once.
      if (size < STATUS_PREFIX.length) {
        const start = Buffer.concat([...chunks, chunk]).subarray(0, STATUS_PREFIX.length);
        if (!STATUS_PREFIX.subarray(0, start.length).equals(start)) {
          socket.destroy(
            new MalformedAnswer(`it began with "${start.toString('latin1')}", not "HTTP/1."`),
          );
          return;
        }
      }
      const room = options.maxBytes - size;
      size += chunk.length;
      if (size <= options.maxBytes) chunks.push(chunk);
      else if (options.overflow === 'fail') {
        socket.destroy(new Error(`The answer is larger than ${options.maxBytes / 1024} KiB.`));
      } else {
        chunks.push(chunk.subarray(0, room));
        cut = true;
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      clearTimeout(deadline);
      if (hadError) return;
      try {
        const response = parseResponse(Buffer.concat(chunks), cut, options.maxBytes);
        resolve(cut ? { ...response, cut } : response);
      } catch (error) {
        // A header line the reader refuses means the answer is not HTTP as this client reads it.
        reject(
          error instanceof HttpParseError
            ? new MalformedAnswer(error.message)
            : error instanceof Error
              ? error
              : new Error(String(error)),
        );
      }
    });
  });
}
