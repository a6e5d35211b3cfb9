import { describe, expect, it } from 'vitest';
import {
  HttpParseError,
  MAX_BODY_BYTES,
  MAX_CHUNK_EXTENSION_BYTES,
  MAX_HEAD_BYTES,
  MAX_LINE_BYTES,
  PassedOn,
  RequestReader,
  type RawRequest,
} from './request-reader.ts';

function read(...chunks: string[]): (RawRequest | HttpParseError | PassedOn)[] {
  const reader = new RequestReader();
  return chunks.flatMap((chunk) => reader.push(Buffer.from(chunk, 'latin1')));
}

function refusal(...chunks: string[]): { status: number; message: string } {
  const last = read(...chunks).at(-1);
  if (!(last instanceof HttpParseError)) throw new Error('expected a refusal');
  return { status: last.status, message: last.message };
}

describe('RequestReader', () => {
  it('keeps header order, case and duplicates, and strips surrounding whitespace', () => {
    const [request] = read('GET /x HTTP/1.1\r\nHost: a\r\nX-Dup:  1 \r\nx-dup:\t2\r\n\r\n');
    expect(request).toMatchObject({
      method: 'GET',
      target: '/x',
      httpVersion: '1.1',
      headers: [
        ['Host', 'a'],
        ['X-Dup', '1'],
        ['x-dup', '2'],
      ],
    });
  });

  it('waits for a request split across chunks', () => {
    const reader = new RequestReader();
    expect(reader.push(Buffer.from('POST / HTTP/1.1\r\nContent-Le'))).toEqual([]);
    expect(reader.push(Buffer.from('ngth: 4\r\n\r\nab'))).toEqual([]);
    const [request] = reader.push(Buffer.from('cd'));
    expect((request as RawRequest).body.toString()).toBe('abcd');
  });

  it('keeps bytes above 0x7F in header values', () => {
    const [request] = read('GET / HTTP/1.1\r\nX: caf\xe9\x0b\r\n\r\n');
    expect((request as RawRequest).headers[0]).toEqual(['X', 'caf\u00e9\u000b']);
  });

  describe('passing requests on', () => {
    const passApp = () => new RequestReader((head) => !head.target.startsWith('/s/'));

    it('stops at the first request passed on and hands back its bytes from its first byte', () => {
      const reader = passApp();
      const items = reader.push(
        Buffer.from(
          'patch /s/a HTTP/1.1\r\n\r\nGET /app HTTP/1.1\r\nX: 1\r\n\r\nGET /s/b HTTP/1.1',
        ),
      );
      expect(items).toHaveLength(2);
      expect(items[0]).toMatchObject({ method: 'patch', target: '/s/a' });
      expect(items[1]).toBeInstanceOf(PassedOn);
      expect((items[1] as PassedOn).bytes.toString('latin1')).toBe(
        'GET /app HTTP/1.1\r\nX: 1\r\n\r\nGET /s/b HTTP/1.1',
      );
    });

    it('decides on the head, before the body has arrived or its framing is judged', () => {
      const body = 'POST /api HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nab';
      const [passed] = passApp().push(Buffer.from(body));
      expect(passed).toBeInstanceOf(PassedOn);
      expect((passed as PassedOn).bytes.toString()).toBe(body);
    });

    it('still refuses a malformed head', () => {
      expect(passApp().push(Buffer.from('GET /\r\n\r\n'))[0]).toBeInstanceOf(HttpParseError);
    });
  });

  it('reads HTTP/1.0', () => {
    expect(read('GET / HTTP/1.0\r\n\r\n')[0]).toMatchObject({ httpVersion: '1.0' });
  });

  it.each([
    [['GET /\r\n\r\n'], 400, 'Malformed request line'],
    [['GET / HTTP/2.0\r\n\r\n'], 400, 'Malformed request line'],
    [['GET / HTTP/1.1\r\nNo colon\r\n\r\n'], 400, 'Malformed header line'],
    [['GET / HTTP/1.1\r\nBad Name: x\r\n\r\n'], 400, 'Malformed header line'],
    [
      ['POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'],
      400,
      'Conflicting Content-Length',
    ],
    [['POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n'], 400, 'Invalid Content-Length'],
    [['POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n'], 400, 'Both'],
    [['POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n'], 501, 'not supported'],
    [['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'], 400, 'Invalid chunk size'],
    [
      ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc'],
      400,
      'not followed by CRLF',
    ],
    [
      [`POST / HTTP/1.1\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`],
      413,
      'larger than 1 MiB',
    ],
    [[`GET / HTTP/1.1\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`], 431, 'larger than 32 KiB'],
  ])('refuses %j with %i (%s)', (chunks, status, reason) => {
    const refused = refusal(...chunks);
    expect(refused.status).toBe(status);
    expect(refused.message).toContain(reason);
  });

  // The head is read in one pass with a character table: it must refuse exactly what a
  // request line `<token> <target> HTTP/1.x` and `<token>: <value>` lines refuse.
  it.each([
    ['a doubled space', 'GET  / HTTP/1.1', 'Malformed request line "GET  / HTTP/1.1"'],
    ['a tab for a space', 'GET\t/ HTTP/1.1', 'Malformed request line'],
    ['whitespace inside the method', 'G\x0bET / HTTP/1.1', 'Malformed request line'],
    ['a no-break space in the target', 'GET /\xa0 HTTP/1.1', 'Malformed request line'],
    ['no target', 'GET HTTP/1.1', 'Malformed request line'],
    ['a space after the version', 'GET / HTTP/1.1 ', 'Malformed request line'],
    ['a lowercase version', 'GET / http/1.1', 'Malformed request line'],
    ['a bare LF ending the line', 'GET / HTTP/1.1\nHost: a', 'Malformed request line'],
    ['an empty line first', '\r\nGET / HTTP/1.1', 'Malformed request line ""'],
    ['a non-token method', 'G\xe9T / HTTP/1.1', 'Method "G\xe9T" is not an HTTP token.'],
    ['a separator in the method', 'GET, / HTTP/1.1', 'Method "GET," is not an HTTP token.'],
  ])('refuses a request line with %s', (_case, line, reason) => {
    const refused = refusal(`${line}\r\n\r\n`);
    expect(refused.status).toBe(400);
    expect(refused.message).toContain(reason);
  });

  it.each([
    ['an empty name', ': x'],
    ['a space before the colon', 'X : y'],
    ['an obs-fold continuation', ' folded'],
    ['a tab-led continuation', '\tfolded: x'],
    ['a non-token name', 'X(y): z'],
    ['a name above 0x7F', 'X\xe9: z'],
    ['no colon', 'X-Only'],
  ])('refuses a header line with %s', (_case, line) => {
    expect(refusal(`GET / HTTP/1.1\r\nHost: a\r\n${line}\r\n\r\n`)).toEqual({
      status: 400,
      message: `Malformed header line "${line}".`,
    });
  });

  it('reads the first colon as the end of the name, and keeps an empty value', () => {
    const [request] = read('GET / HTTP/1.1\r\nX:a:b\r\nY: \t \r\n\r\n');
    expect((request as RawRequest).headers).toEqual([
      ['X', 'a:b'],
      ['Y', ''],
    ]);
  });

  it('frames the body by Content-Length and Transfer-Encoding in any case', () => {
    const items = read(
      'POST /a HTTP/1.1\r\nCONTENT-LENGTH: 2\r\n\r\nab' +
        'POST /b HTTP/1.1\r\ntransfer-ENCODING: chunked\r\n\r\n1\r\nc\r\n0\r\n\r\n' +
        'GET /c HTTP/1.1\r\n\r\n',
    );
    expect(
      items.map((item) => [(item as RawRequest).target, (item as RawRequest).body.toString()]),
    ).toEqual([
      ['/a', 'ab'],
      ['/b', 'c'],
      ['/c', ''],
    ]);
  });

  it('reports a bad request line before a bad header line, and a bad header before framing', () => {
    expect(refusal('GET  / HTTP/1.1\r\nBad Name: x\r\n\r\n').message).toContain(
      'Malformed request line',
    );
    expect(
      refusal('POST / HTTP/1.1\r\nContent-Length: x\r\nBad Name: x\r\n\r\n').message,
    ).toContain('Malformed header line');
  });

  it('hands out the requests before a malformed one', () => {
    const items = read('GET /a HTTP/1.1\r\n\r\nBAD\r\n\r\n');
    expect(items[0]).toMatchObject({ target: '/a' });
    expect(items[1]).toBeInstanceOf(HttpParseError);
  });

  it('refuses a chunked body beyond the limit', () => {
    const size = (MAX_BODY_BYTES + 1).toString(16);
    expect(refusal(`POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n`).status).toBe(
      413,
    );
  });

  describe('limits, whatever the chunking', () => {
    const pad = (bytes: number) => `X-Pad: ${'a'.repeat(bytes - 'X-Pad: '.length)}\r\n`;

    it('refuses a head larger than 32 KiB that arrives in two parts', () => {
      const first = `GET / HTTP/1.1\r\n${pad(10_000).repeat(3)}`;
      const second = `${pad(10_000).repeat(6)}\r\n`;
      expect(first.length).toBeLessThan(MAX_HEAD_BYTES);
      expect(refusal(first, second)).toEqual({
        status: 431,
        message: 'Request header section is larger than 32 KiB.',
      });
    });

    it('refuses a header line longer than 16 KiB, complete or not', () => {
      const line = pad(MAX_LINE_BYTES + 10);
      const expected = { status: 431, message: 'A header line is longer than 16 KiB.' };
      expect(refusal(`GET / HTTP/1.1\r\nHost: a\r\n${line}\r\n`)).toEqual(expected);
      expect(refusal('GET / HTTP/1.1\r\nHost: a\r\n', line.slice(0, -2))).toEqual(expected);
    });

    it('refuses a request line longer than 16 KiB with 414', () => {
      const target = `/${'t'.repeat(MAX_LINE_BYTES)}`;
      const expected = { status: 414, message: 'The request line is longer than 16 KiB.' };
      expect(refusal(`GET ${target} HTTP/1.1\r\n\r\n`)).toEqual(expected);
      expect(refusal(`GET ${target}`)).toEqual(expected);
    });

    it('accepts a head of just under 32 KiB with lines of just under 16 KiB', () => {
      const head = `GET / HTTP/1.1\r\n${pad(MAX_LINE_BYTES - 2)}${pad(MAX_LINE_BYTES - 100)}\r\n`;
      expect(head.length).toBeLessThanOrEqual(MAX_HEAD_BYTES);
      expect(read(head.slice(0, 20_000), head.slice(20_000))[0]).toMatchObject({ target: '/' });
    });
  });

  describe('header values', () => {
    it.each([
      ['a bare LF', 'http://a\nSet-Cookie: x=1'],
      ['a bare CR', 'http://a\rSet-Cookie: x=1'],
      ['a NUL', 'http://a\0'],
    ])('refuses %s inside a value with 400, as node:http does', (_case, value) => {
      expect(refusal(`GET / HTTP/1.1\r\nOrigin: ${value}\r\n\r\n`)).toEqual({
        status: 400,
        message: 'Header "Origin" holds a CR, LF or NUL byte.',
      });
    });

    it('trims only spaces and tabs around framing values', () => {
      expect(refusal('POST / HTTP/1.1\r\nContent-Length: 2\x0b\r\n\r\nab')).toEqual({
        status: 400,
        message: 'Invalid Content-Length "2\x0b".',
      });
      expect(refusal('POST / HTTP/1.1\r\nTransfer-Encoding: \x0cchunked\r\n\r\n').status).toBe(501);
      const [request] = read('POST / HTTP/1.1\r\nContent-Length:\t2 , 2 \r\n\r\nab');
      expect((request as RawRequest).body.toString()).toBe('ab');
    });
  });

  it('refuses more than one Host line with 400 (RFC 9112, 3.2)', () => {
    expect(refusal('GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n')).toEqual({
      status: 400,
      message: 'More than one Host line.',
    });
  });

  describe('chunked bodies', () => {
    const chunkedHead = 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n';

    it('decodes a body fed one byte at a time', () => {
      const reader = new RequestReader();
      const wire = `${chunkedHead}3;a=b\r\nabc\r\n1\r\nd\r\n0\r\nTrailer: x\r\n\r\nGET /next HTTP/1.1\r\n\r\n`;
      const items = [...Buffer.from(wire)].flatMap((byte) => reader.push(Buffer.of(byte)));
      expect(items.map((item) => (item as RawRequest).body.toString())).toEqual(['abcd', '']);
    });

    // Each push decodes only what is new: 5 000 chunks pushed one by one were decoded again
    // from the first one on every push, 12.5 million chunk reads in all.
    it('decodes many small chunks pushed one by one in linear time', () => {
      const reader = new RequestReader();
      reader.push(Buffer.from(chunkedHead));
      const chunk = Buffer.from('1\r\na\r\n');
      for (let i = 0; i < 5_000; i += 1) expect(reader.push(chunk)).toEqual([]);
      const [request] = reader.push(Buffer.from('0\r\n\r\n'));
      expect((request as RawRequest).body.length).toBe(5_000);
    });

    it('refuses a chunk size of more than 8 hex digits before its line ends', () => {
      expect(refusal(chunkedHead, '1'.repeat(9))).toEqual({
        status: 400,
        message: 'Invalid chunk size "111111111".',
      });
    });

    it('refuses a chunk size padded with a byte other than a space or a tab', () => {
      expect(refusal(chunkedHead, '1\x0b\r\na\r\n0\r\n\r\n').status).toBe(400);
    });

    it('refuses chunk extensions of more than 16 KiB in all, as node:http does', () => {
      const extension = `;e=${'x'.repeat(1000)}`;
      const wire = `1${extension}\r\na\r\n`.repeat(Math.ceil(MAX_CHUNK_EXTENSION_BYTES / 1000));
      const expected = { status: 413, message: 'Chunk extensions are larger than 16 KiB.' };
      expect(refusal(chunkedHead, wire)).toEqual(expected);
      expect(refusal(chunkedHead, `1;${'x'.repeat(MAX_CHUNK_EXTENSION_BYTES)}`)).toEqual(expected);
    });

    it('refuses a trailer section larger than 32 KiB, complete or not', () => {
      const trailers = `X-T: ${'t'.repeat(1000)}\r\n`.repeat(40);
      const expected = { status: 431, message: 'Trailer section is larger than 32 KiB.' };
      expect(refusal(chunkedHead, `0\r\n${trailers}\r\n`)).toEqual(expected);
      expect(refusal(chunkedHead, `0\r\n${trailers}`)).toEqual(expected);
    });

    it('refuses a body of more than 1 MiB in small chunks', () => {
      const chunk = `${(64 * 1024).toString(16)}\r\n${'b'.repeat(64 * 1024)}\r\n`;
      expect(refusal(chunkedHead, ...Array<string>(17).fill(chunk))).toEqual({
        status: 413,
        message: 'Request body is larger than 1 MiB.',
      });
    });
  });

  it('reads a Content-Length body fed in many pieces', () => {
    const reader = new RequestReader();
    reader.push(Buffer.from(`POST / HTTP/1.1\r\nContent-Length: 30000\r\n\r\n`));
    for (let i = 0; i < 2_999; i += 1) expect(reader.push(Buffer.from('0123456789'))).toEqual([]);
    const [request] = reader.push(Buffer.from('0123456789GET / HTTP/1.1\r\n\r\n'));
    expect((request as RawRequest).body.toString()).toBe('0123456789'.repeat(3_000));
  });
});
