import { connect } from 'node:net';
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
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;

function parseResponse(bytes: Buffer): RawClientResponse {
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd === -1)
    throw new HttpParseError(400, 'The answer ended before its header section did.');
  const [statusLine = '', ...lines] = bytes.toString('latin1', 0, headEnd).split('\r\n');
  const match = STATUS_LINE.exec(statusLine);
  if (match === null) throw new HttpParseError(400, `Malformed status line "${statusLine}".`);
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

/** A chunked body, decoded; an answer cut short is kept as it came. */
function decodeChunkedAnswer(bytes: Buffer): Buffer {
  const decoder = new ChunkedDecoder();
  decoder.decode(bytes);
  return decoder.complete ? decoder.body : bytes;
}

/**
 * Sends one HTTP/1.1 request exactly as given (method case, header order and bytes) and
 * reads the whole answer; `Connection: close` ends it. node:http's client would upper-case
 * `patch` and refuse some header bytes, so "the same request" needs this.
 */
export function rawRequest(
  url: URL,
  method: string,
  headers: HeaderLines,
  body: Buffer,
  timeoutMs: number,
): Promise<RawClientResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    const chunks: Buffer[] = [];
    let size = 0;
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new Error(`The target did not answer within ${timeoutMs / 1000} s.`)),
    );
    socket.on('connect', () => {
      let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
      for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
      socket.end(Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]));
    });
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 2 * MAX_BODY_BYTES) socket.destroy(new Error('The answer is larger than 2 MiB.'));
      else chunks.push(chunk);
    });
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (hadError) return;
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
