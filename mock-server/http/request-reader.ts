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

/** A request the reader (or the server, for a deadline) refuses, with the status to answer. */
export class HttpParseError extends Error {
  constructor(
    readonly status: 400 | 408 | 413 | 414 | 431 | 501,
    message: string,
  ) {
    super(message);
  }
}

/** The request line and header lines, CRLFs included: more gets a 431. */
export const MAX_HEAD_BYTES = 32 * 1024;
/** One line of the head, CRLF excluded: more gets a 414 (request line) or a 431. */
export const MAX_LINE_BYTES = 16 * 1024;
/** A body, once decoded: more gets a 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A chunked body's extensions, all chunks together (node:http's limit): more gets a 413. */
export const MAX_CHUNK_EXTENSION_BYTES = 16 * 1024;

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
const SEMICOLON = 0x3b;
const CR = 0x0d;
const LF = 0x0a;

// https://www.rfc-editor.org/rfc/rfc9110#name-field-values: a field value never holds CR,
// LF or NUL; node:http refuses a request with one, and so does this reader.
const FORBIDDEN_IN_VALUE = /[\0\r\n]/;

const KIB = 1024;

/** A request's head: everything but its body. */
export type RequestHead = Omit<RawRequest, 'body'>;

/**
 * Where a reader stopped for a request it was told to leave to another server: the bytes
 * from that request's first byte on, as they arrived.
 */
export class PassedOn {
  constructor(readonly bytes: Buffer) {}
}

const EMPTY = Buffer.alloc(0);

/**
 * An incremental HTTP/1.1 request reader: feed it bytes as they arrive, take out
 * complete requests. Pipelined requests come out in order. It keeps only the bytes it
 * has not used yet and the body read so far; a body costs time linear in its bytes
 * however they are split, and every limit holds whatever the chunking.
 */
export class RequestReader {
  /** Bytes not used yet: the start of a head, of a body, or an unfinished chunk line. */
  #buffer: Buffer = EMPTY;
  /** Where the search for the head's end resumes in #buffer. */
  #scanned = 0;
  /** Where the head's unfinished line starts in #buffer. */
  #lineStart = 0;
  /** The request whose body is being read. */
  #head: RequestHead | undefined;
  /** Bytes still to come of a Content-Length body. */
  #remaining = 0;
  /** A Content-Length body that spans pushes, gathered so far. */
  #body: GrowingBuffer | undefined;
  #chunked: ChunkedDecoder | undefined;
  readonly #passOn: ((head: RequestHead) => boolean) | undefined;

  /**
   * @param passOn Whether a request belongs to another server: the reader stops at the
   *   first one, as soon as its head is read, and hands back its bytes (PassedOn).
   */
  constructor(passOn?: (head: RequestHead) => boolean) {
    this.#passOn = passOn;
  }

  /** Whether part of a request has arrived and the rest has not. */
  get pending(): boolean {
    return this.#buffer.length > 0 || this.#head !== undefined;
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
      if (this.#buffer.length === 0) return undefined;
      const end = this.#headEnd();
      if (end === -1) return undefined;
      const head = parseHead(this.#buffer.toString('latin1', 0, end));
      // Decided before the body's framing is judged: that is the other server's to judge.
      if (this.#passOn?.(head.request) === true) return new PassedOn(this.#buffer);
      if (head.transferEncoding === undefined && head.contentLength === undefined) {
        this.#remaining = 0;
      } else {
        const length = bodyLength(head.transferEncoding ?? [], head.contentLength ?? []);
        if (length === 'chunked') this.#chunked = new ChunkedDecoder();
        else this.#remaining = length;
      }
      this.#head = head.request;
      this.#consume(end + HEAD_END.length);
    }
    const body =
      this.#chunked === undefined ? this.#lengthBody() : this.#chunkedBody(this.#chunked);
    if (body === undefined) return undefined;
    const { method, target, httpVersion, headers } = this.#head;
    this.#head = undefined;
    return { method, target, httpVersion, headers, body };
  }

  /**
   * Where the head in #buffer ends (its last CRLF before the empty line), or -1 while it
   * is incomplete. The head's lines are held to their limits as they arrive.
   */
  #headEnd(): number {
    const buffer = this.#buffer;
    const end = buffer.indexOf(HEAD_END, this.#scanned);
    if (end !== -1) {
      this.#scanned = 0;
      this.#lineStart = 0;
      if (end + HEAD_END.length > MAX_HEAD_BYTES) throw headTooLarge();
      return end;
    }
    if (buffer.length >= MAX_HEAD_BYTES) throw headTooLarge();
    for (let at = buffer.indexOf(CRLF, this.#lineStart); at !== -1;) {
      checkLineLength(this.#lineStart, at);
      this.#lineStart = at + CRLF.length;
      at = buffer.indexOf(CRLF, this.#lineStart);
    }
    checkLineLength(this.#lineStart, buffer.length);
    this.#scanned = Math.max(0, buffer.length - (HEAD_END.length - 1));
    return -1;
  }

  /** A Content-Length body once it is all here; undefined until then. */
  #lengthBody(): Buffer | undefined {
    const remaining = this.#remaining;
    // The usual case: the whole body arrived with its head, used where it lies.
    if (this.#body === undefined && this.#buffer.length >= remaining) {
      const body = remaining === 0 ? EMPTY : this.#buffer.subarray(0, remaining);
      this.#consume(remaining);
      return body;
    }
    const body = (this.#body ??= new GrowingBuffer(remaining));
    const take = Math.min(remaining, this.#buffer.length);
    body.append(this.#buffer, 0, take);
    this.#consume(take);
    this.#remaining -= take;
    if (this.#remaining > 0) return undefined;
    this.#body = undefined;
    return body.bytes();
  }

  /** A chunked body once it is all here; undefined until then. */
  #chunkedBody(decoder: ChunkedDecoder): Buffer | undefined {
    this.#consume(decoder.decode(this.#buffer));
    if (!decoder.complete) return undefined;
    this.#chunked = undefined;
    return decoder.body;
  }

  #consume(bytes: number): void {
    if (bytes === 0) return;
    this.#buffer = bytes === this.#buffer.length ? EMPTY : this.#buffer.subarray(bytes);
  }
}

function headTooLarge(): HttpParseError {
  return new HttpParseError(
    431,
    `Request header section is larger than ${MAX_HEAD_BYTES / KIB} KiB.`,
  );
}

/** Refuses the head's line `[start, end)` if it is too long; the first line is the request line. */
function checkLineLength(start: number, end: number): void {
  if (end - start <= MAX_LINE_BYTES) return;
  throw start === 0
    ? new HttpParseError(414, `The request line is longer than ${MAX_LINE_BYTES / KIB} KiB.`)
    : new HttpParseError(431, `A header line is longer than ${MAX_LINE_BYTES / KIB} KiB.`);
}

/**
 * Bytes appended piece by piece into one buffer that doubles as it fills: copying is
 * linear in the bytes whatever the pieces, and it never holds more than `capacity`.
 */
class GrowingBuffer {
  #bytes: Buffer = EMPTY;
  #length = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.#length;
  }

  append(source: Buffer, start: number, end: number): void {
    const length = this.#length + end - start;
    if (length > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(
        Math.min(this.capacity, Math.max(length, 2 * this.#bytes.length, 1024)),
      );
      this.#bytes.copy(grown, 0, 0, this.#length);
      this.#bytes = grown;
    }
    source.copy(this.#bytes, this.#length, start, end);
    this.#length = length;
  }

  bytes(): Buffer {
    return this.#bytes.subarray(0, this.#length);
  }
}

// https://www.rfc-editor.org/rfc/rfc9112#name-chunked-transfer-coding (extensions and
// trailers are read and dropped).
/**
 * Decodes a chunked body incrementally: each call goes on from where the last stopped, so
 * a body costs time linear in its bytes however they are split. Each part has a limit:
 * the size (8 hex digits), the extensions, the trailer section and the decoded body.
 */
export class ChunkedDecoder {
  #state: 'size' | 'data' | 'data-end' | 'trailers' | 'done' = 'size';
  /** Bytes of the current chunk's data still to come. */
  #remaining = 0;
  #extensionBytes = 0;
  #trailerBytes = 0;
  readonly #body = new GrowingBuffer(MAX_BODY_BYTES);

  get complete(): boolean {
    return this.#state === 'done';
  }

  /** The decoded body, once complete. */
  get body(): Buffer {
    return this.#body.bytes();
  }

  /**
   * Decodes what it can of `bytes` and returns where it stopped: just past the body once
   * complete, otherwise at an unfinished line, to be given again with the bytes after it.
   */
  decode(bytes: Buffer): number {
    let at = 0;
    for (;;) {
      switch (this.#state) {
        case 'size': {
          const lineEnd = bytes.indexOf(CRLF, at);
          if (lineEnd === -1) {
            // Judged as far as it has arrived, short of a CR that may start its CRLF.
            this.#chunkSize(bytes, at, bytes.length - (bytes.at(-1) === CR ? 1 : 0), false);
            return at;
          }
          const size = this.#chunkSize(bytes, at, lineEnd, true);
          at = lineEnd + CRLF.length;
          if (size === 0) {
            this.#state = 'trailers';
          } else {
            if (this.#body.length + size > MAX_BODY_BYTES) throw bodyTooLarge();
            this.#remaining = size;
            this.#state = 'data';
          }
          break;
        }
        case 'data': {
          const take = Math.min(this.#remaining, bytes.length - at);
          this.#body.append(bytes, at, at + take);
          at += take;
          this.#remaining -= take;
          if (this.#remaining > 0) return at;
          this.#state = 'data-end';
          break;
        }
        case 'data-end': {
          if (bytes.length - at < CRLF.length) return at;
          if (bytes[at] !== CR || bytes[at + 1] !== LF) {
            throw new HttpParseError(400, 'Chunk data is not followed by CRLF.');
          }
          at += CRLF.length;
          this.#state = 'size';
          break;
        }
        case 'trailers': {
          // Header lines up to an empty line, counted against the head's limit.
          const lineEnd = bytes.indexOf(CRLF, at);
          const lineBytes = (lineEnd === -1 ? bytes.length : lineEnd) - at + CRLF.length;
          if (this.#trailerBytes + lineBytes > MAX_HEAD_BYTES) {
            throw new HttpParseError(
              431,
              `Trailer section is larger than ${MAX_HEAD_BYTES / KIB} KiB.`,
            );
          }
          if (lineEnd === -1) return at;
          this.#trailerBytes += lineBytes;
          at = lineEnd + CRLF.length;
          if (lineBytes === CRLF.length) this.#state = 'done';
          break;
        }
        case 'done':
          return at;
      }
    }
  }

  /**
   * The size on the chunk line `[start, end)`, judged as far as it has arrived (a line
   * already wrong is refused before its end): `1*8HEXDIG [OWS] *(";" extension)`.
   */
  #chunkSize(bytes: Buffer, start: number, end: number, complete: boolean): number {
    // Nine digits are already too many: a run of 20 MB of them is refused at the ninth.
    let digitsEnd = start;
    while (digitsEnd < end && digitsEnd - start <= 8 && isHexDigit(bytes[digitsEnd] ?? 0)) {
      digitsEnd += 1;
    }
    let at = digitsEnd;
    while (at < end && isOws(bytes[at] ?? 0)) at += 1;
    if (
      digitsEnd - start > 8 ||
      (digitsEnd === start && (complete || end > start)) ||
      (at < end && bytes[at] !== SEMICOLON)
    ) {
      const shown = bytes.toString('latin1', start, Math.min(end, start + 16));
      throw new HttpParseError(400, `Invalid chunk size "${shown}".`);
    }
    if (this.#extensionBytes + (end - digitsEnd) > MAX_CHUNK_EXTENSION_BYTES) {
      throw new HttpParseError(
        413,
        `Chunk extensions are larger than ${MAX_CHUNK_EXTENSION_BYTES / KIB} KiB.`,
      );
    }
    if (!complete) return 0;
    this.#extensionBytes += end - digitsEnd;
    return Number.parseInt(bytes.toString('latin1', start, digitsEnd), 16);
  }
}

function isHexDigit(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

function bodyTooLarge(): HttpParseError {
  return new HttpParseError(413, `Request body is larger than ${MAX_BODY_BYTES / KIB / KIB} MiB.`);
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
  const name = text.slice(start, colon);
  const value = text.slice(from, to);
  if (FORBIDDEN_IN_VALUE.test(value)) {
    throw new HttpParseError(400, `Header "${name}" holds a CR, LF or NUL byte.`);
  }
  return [name, value];
}

function isOws(code: number): boolean {
  return code === SPACE || code === TAB;
}

/** `text` without the spaces and tabs (OWS) around it: unlike trim(), nothing else. */
function trimOws(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isOws(text.charCodeAt(from))) from += 1;
  while (to > from && isOws(text.charCodeAt(to - 1))) to -= 1;
  return text.slice(from, to);
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
const HOST = 'host';

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
  checkLineLength(0, requestLineEnd);
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
  let hosts = 0;
  while (lineEnd !== -1) {
    const start = lineEnd + 2;
    lineEnd = text.indexOf('\r\n', start);
    const end = lineEnd === -1 ? text.length : lineEnd;
    checkLineLength(start, end);
    const line = readHeaderLine(text, start, end);
    headers.push(line);
    const [name, value] = line;
    if (name.length === HOST.length && name.toLowerCase() === HOST) {
      // https://www.rfc-editor.org/rfc/rfc9112#section-3.2: more than one Host is a 400.
      hosts += 1;
      if (hosts > 1) throw new HttpParseError(400, 'More than one Host line.');
    } else if (name.length === CONTENT_LENGTH.length && name.toLowerCase() === CONTENT_LENGTH) {
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
/** The body's length from its framing lines, or 'chunked'. */
function bodyLength(transferEncoding: string[], contentLength: string[]): number | 'chunked' {
  if (transferEncoding.length > 0) {
    if (contentLength.length > 0) {
      throw new HttpParseError(400, 'Both Transfer-Encoding and Content-Length are present.');
    }
    if (trimOws(transferEncoding.join(',')).toLowerCase() !== 'chunked') {
      throw new HttpParseError(
        501,
        `Transfer-Encoding "${transferEncoding.join(', ')}" is not supported.`,
      );
    }
    return 'chunked';
  }
  const distinct = new Set(contentLength.flatMap((value) => value.split(',').map(trimOws)));
  if (distinct.size > 1) {
    throw new HttpParseError(400, 'Conflicting Content-Length values.');
  }
  const [text = '0'] = distinct;
  if (!/^\d+$/.test(text)) {
    throw new HttpParseError(400, `Invalid Content-Length "${text}".`);
  }
  const length = Number(text);
  if (length > MAX_BODY_BYTES) throw bodyTooLarge();
  return length;
}
