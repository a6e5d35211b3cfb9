import type { HeaderLines } from '../../src/scenario/cors-headers.ts';

/** A request exactly as it arrived: method case, header order, case and duplicates kept. */
export interface RawRequest {
  method: string;
  /** The request-target as sent, e.g. `/s/abc/items?x=1`. */
  target: string;
  httpVersion: '1.0' | '1.1';
  headers: HeaderLines;
  body: Buffer;
}

/** A request the reader refuses, with the status to answer it with. */
export class HttpParseError extends Error {
  constructor(
    readonly status: 400 | 413 | 431 | 501,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_HEAD_BYTES = 32 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

// The head is read in one pass over its Latin-1 text, with a table per character code
// instead of a regular expression per line: this reader is on every request's path.
const TOKEN_CHAR = 1;
const WHITESPACE = 2;
const CHAR_CLASS = new Uint8Array(256);
// https://www.rfc-editor.org/rfc/rfc9110#name-tokens: any method token is accepted,
// whatever its case (`patch`, `CHICKEN`), unlike node:http's fixed method list.
for (const char of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  CHAR_CLASS[char.charCodeAt(0)] = TOKEN_CHAR;
}
// What a regular expression's `\s` matches among Latin-1 characters: a request line is
// `<method> <target> HTTP/1.x` with none of these inside the method or the target.
for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]) CHAR_CLASS[code] = WHITESPACE;

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;

type Framing = { kind: 'length'; length: number } | { kind: 'chunked' };

/** A request's head: everything but its body. */
export type RequestHead = Omit<RawRequest, 'body'>;

interface PendingHead {
  request: RequestHead;
  bodyStart: number;
  framing: Framing;
}

/**
 * Where a reader stopped for a request it was told to leave to another server: the bytes
 * from that request's first byte on, as they arrived.
 */
export class PassedOn {
  constructor(readonly bytes: Buffer) {}
}

const NO_BODY: Framing = { kind: 'length', length: 0 };
const EMPTY = Buffer.alloc(0);

/**
 * An incremental HTTP/1.1 request reader: feed it bytes as they arrive, take out
 * complete requests. Pipelined requests come out in order.
 */
export class RequestReader {
  #buffer: Buffer = EMPTY;
  #head: PendingHead | undefined;
  readonly #passOn: ((head: RequestHead) => boolean) | undefined;

  /**
   * @param passOn Whether a request belongs to another server: the reader stops at the
   *   first one, as soon as its head is read, and hands back its bytes (PassedOn).
   */
  constructor(passOn?: (head: RequestHead) => boolean) {
    this.#passOn = passOn;
  }

  /**
   * Adds bytes and returns every request now complete, in order. A malformed request ends
   * the list as an HttpParseError, a request passed on as PassedOn; after either, the
   * reader must not be fed again.
   */
  push(chunk: Buffer): (RawRequest | HttpParseError | PassedOn)[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const complete: (RawRequest | HttpParseError | PassedOn)[] = [];
    try {
      for (let item = this.#next(); item !== undefined; item = this.#next()) {
        complete.push(item);
        if (item instanceof PassedOn) break;
      }
    } catch (error) {
      if (!(error instanceof HttpParseError)) throw error;
      complete.push(error);
    }
    return complete;
  }

  #next(): RawRequest | PassedOn | undefined {
    if (this.#head === undefined) {
      const end = this.#buffer.indexOf(HEAD_END);
      if (end === -1) {
        if (this.#buffer.length > MAX_HEAD_BYTES) {
          throw new HttpParseError(431, 'Request header section is larger than 32 KiB.');
        }
        return undefined;
      }
      const head = parseHead(this.#buffer.toString('latin1', 0, end));
      // Decided before the body's framing is judged: that is the other server's to judge.
      if (this.#passOn?.(head.request) === true) return new PassedOn(this.#buffer);
      this.#head = {
        request: head.request,
        bodyStart: end + HEAD_END.length,
        framing:
          head.transferEncoding === undefined && head.contentLength === undefined
            ? NO_BODY
            : bodyFraming(head.transferEncoding ?? [], head.contentLength ?? []),
      };
    }
    const { request, bodyStart, framing } = this.#head;
    let body: Buffer;
    let end: number;
    if (framing.kind === 'length') {
      end = bodyStart + framing.length;
      if (this.#buffer.length < end) return undefined;
      body = framing.length === 0 ? EMPTY : this.#buffer.subarray(bodyStart, end);
    } else {
      const chunked = decodeChunked(this.#buffer, bodyStart);
      if (chunked === undefined) return undefined;
      ({ bytes: body, end } = chunked);
    }
    this.#head = undefined;
    this.#buffer = end === this.#buffer.length ? EMPTY : this.#buffer.subarray(end);
    const { method, target, httpVersion, headers } = request;
    return { method, target, httpVersion, headers, body };
  }
}

// https://www.rfc-editor.org/rfc/rfc9112#name-chunked-transfer-coding (extensions and
// trailers are read and dropped).
/** Decodes a chunked body starting at `start`; undefined while incomplete. */
export function decodeChunked(
  buffer: Buffer,
  start: number,
): { bytes: Buffer; end: number } | undefined {
  const parts: Buffer[] = [];
  let size = 0;
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, at);
    if (lineEnd === -1) return undefined;
    const sizeText = buffer.toString('latin1', at, lineEnd).split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) {
      throw new HttpParseError(400, `Invalid chunk size "${sizeText}".`);
    }
    const chunkSize = Number.parseInt(sizeText, 16);
    at = lineEnd + CRLF.length;
    if (chunkSize === 0) {
      // Trailer section: header lines up to an empty line.
      for (;;) {
        const trailerEnd = buffer.indexOf(CRLF, at);
        if (trailerEnd === -1) return undefined;
        const empty = trailerEnd === at;
        at = trailerEnd + CRLF.length;
        if (empty) return { bytes: Buffer.concat(parts, size), end: at };
      }
    }
    size += chunkSize;
    if (size > MAX_BODY_BYTES) {
      throw new HttpParseError(413, 'Request body is larger than 1 MiB.');
    }
    if (buffer.length < at + chunkSize + CRLF.length) return undefined;
    parts.push(buffer.subarray(at, at + chunkSize));
    at += chunkSize;
    if (!buffer.subarray(at, at + CRLF.length).equals(CRLF)) {
      throw new HttpParseError(400, 'Chunk data is not followed by CRLF.');
    }
    at += CRLF.length;
  }
}

/** Parses the header lines of a message head, keeping order, case and duplicates. */
export function parseHeaderLines(lines: readonly string[]): HeaderLines {
  const headers: HeaderLines = [];
  for (const line of lines) headers.push(readHeaderLine(line, 0, line.length));
  return headers;
}

/** The header line `text[start, end)` as a name and a value. */
function readHeaderLine(text: string, start: number, end: number): [string, string] {
  // The name runs up to the first colon and must be a token: a line without a colon, an
  // empty name and an obs-fold continuation (leading space or tab) are all refused.
  let colon = start;
  while (colon < end && CHAR_CLASS[text.charCodeAt(colon)] === TOKEN_CHAR) colon += 1;
  if (colon === start || colon === end || text.charCodeAt(colon) !== COLON) {
    throw new HttpParseError(400, `Malformed header line "${text.slice(start, end)}".`);
  }
  // https://www.rfc-editor.org/rfc/rfc9110#name-field-values: strip surrounding OWS.
  let from = colon + 1;
  let to = end;
  while (from < to && isOws(text.charCodeAt(from))) from += 1;
  while (to > from && isOws(text.charCodeAt(to - 1))) to -= 1;
  return [text.slice(start, colon), text.slice(from, to)];
}

function isOws(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** Whether `text[start, end)` is non-empty and holds none of the characters of `charClass`. */
function noneOf(text: string, start: number, end: number, charClass: number): boolean {
  for (let i = start; i < end; i += 1)
    if (CHAR_CLASS[text.charCodeAt(i)] === charClass) return false;
  return end > start;
}

/** Whether `text[start, end)` is non-empty and all token characters. */
function isToken(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1)
    if (CHAR_CLASS[text.charCodeAt(i)] !== TOKEN_CHAR) return false;
  return end > start;
}

const CONTENT_LENGTH = 'content-length';
const TRANSFER_ENCODING = 'transfer-encoding';

/**
 * Parses a head (the text before its empty line) in one pass over its lines, noting the
 * lines that frame the body.
 */
function parseHead(text: string): {
  request: RequestHead;
  transferEncoding: string[] | undefined;
  contentLength: string[] | undefined;
} {
  // https://www.rfc-editor.org/rfc/rfc9112#name-request-line: exactly
  // `<method> SP <request-target> SP HTTP/1.x`, neither part empty nor holding whitespace.
  let lineEnd = text.indexOf('\r\n');
  const requestLineEnd = lineEnd === -1 ? text.length : lineEnd;
  const space = text.indexOf(' ');
  const secondSpace = space === -1 ? -1 : text.indexOf(' ', space + 1);
  const version = secondSpace === -1 ? '' : text.slice(secondSpace + 1, requestLineEnd);
  if (
    secondSpace === -1 ||
    secondSpace > requestLineEnd ||
    (version !== 'HTTP/1.1' && version !== 'HTTP/1.0') ||
    !noneOf(text, 0, space, WHITESPACE) ||
    !noneOf(text, space + 1, secondSpace, WHITESPACE)
  ) {
    throw new HttpParseError(400, `Malformed request line "${text.slice(0, requestLineEnd)}".`);
  }
  const method = text.slice(0, space);
  if (!isToken(text, 0, space)) {
    throw new HttpParseError(400, `Method "${method}" is not an HTTP token.`);
  }

  const headers: HeaderLines = [];
  // Only these two lines frame the body; they are noted while the lines are read.
  let transferEncoding: string[] | undefined;
  let contentLength: string[] | undefined;
  while (lineEnd !== -1) {
    const start = lineEnd + 2;
    lineEnd = text.indexOf('\r\n', start);
    const line = readHeaderLine(text, start, lineEnd === -1 ? text.length : lineEnd);
    headers.push(line);
    const [name, value] = line;
    if (name.length === CONTENT_LENGTH.length && name.toLowerCase() === CONTENT_LENGTH) {
      (contentLength ??= []).push(value);
    } else if (
      name.length === TRANSFER_ENCODING.length &&
      name.toLowerCase() === TRANSFER_ENCODING
    ) {
      (transferEncoding ??= []).push(value);
    }
  }
  return {
    request: {
      method,
      target: text.slice(space + 1, secondSpace),
      httpVersion: version === 'HTTP/1.0' ? '1.0' : '1.1',
      headers,
    },
    transferEncoding,
    contentLength,
  };
}

// https://www.rfc-editor.org/rfc/rfc9112#name-message-body-length
function bodyFraming(transferEncoding: string[], contentLength: string[]): Framing {
  if (transferEncoding.length > 0) {
    if (contentLength.length > 0) {
      throw new HttpParseError(400, 'Both Transfer-Encoding and Content-Length are present.');
    }
    if (transferEncoding.join(',').trim().toLowerCase() !== 'chunked') {
      throw new HttpParseError(
        501,
        `Transfer-Encoding "${transferEncoding.join(', ')}" is not supported.`,
      );
    }
    return { kind: 'chunked' };
  }
  const distinct = new Set(contentLength.flatMap((value) => value.split(',').map((v) => v.trim())));
  if (distinct.size > 1) {
    throw new HttpParseError(400, 'Conflicting Content-Length values.');
  }
  const [text = '0'] = distinct;
  if (!/^\d+$/.test(text)) {
    throw new HttpParseError(400, `Invalid Content-Length "${text}".`);
  }
  const length = Number(text);
  if (length > MAX_BODY_BYTES) {
    throw new HttpParseError(413, 'Request body is larger than 1 MiB.');
  }
  return { kind: 'length', length };
}
