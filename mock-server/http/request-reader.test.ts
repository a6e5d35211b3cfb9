import { describe, expect, it } from 'vitest';
import {
  HttpParseError,
  MAX_BODY_BYTES,
  MAX_HEAD_BYTES,
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
});
