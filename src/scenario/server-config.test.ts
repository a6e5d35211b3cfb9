import { describe, expect, it } from 'vitest';
import {
  defaultServerConfig,
  parseServerConfig,
  type ServerConfig,
  type ServerConfigInput,
} from './server-config.ts';

// The messages the schema gives, named once so the table reads as behaviour.
const FRAMING = 'must not contain CR, LF or NUL: they would break HTTP framing';
const LATIN1 = 'must contain only bytes 0x00-0xFF (Latin-1): a header value is bytes, not text';
const TOKEN = "must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons";
const ALLOW_ORIGIN = 'must be "*", "reflect", { "allowList": [origins] } or { "value": "..." }';
const ALLOW_CREDENTIALS = 'must be true or { "value": "..." }';
const ALLOW_METHODS = 'must be "*", a list of methods, or { "value": "..." }';
const ALLOW_HEADERS = 'must be "*", "reflect", a list of header names, or { "value": "..." }';
const EXPOSE_HEADERS = 'must be "*", a list of header names, or { "value": "..." }';
const MAX_AGE = 'must be a whole number of seconds, or { "value": "..." }';
const REDIRECT_STATUS = 'must be a redirect status: 301, 302, 303, 307 or 308';
const VARY = 'Invalid option: expected one of "auto"|"off"';
const TARGET = 'Invalid option: expected one of "sameSite"|"crossSite"|"second"';
const EMPTY_LIST = 'Too small: expected array to have >=1 items';
const COOKIE_SEMICOLON = 'must not contain ";", which would start an attribute';
const FRAMING_HEADER =
  'must not be Content-Length or Transfer-Encoding: the target frames a built response itself; write your own framing in a raw response (raw.preflight, raw.actual)';
const RAW_HOP_MIXED =
  'cannot be combined with this hop\'s "cors" or "headers": raw lines are the whole response, so write its CORS and other lines among them';
const unknownKey = (key: string) => `Unrecognized key: "${key}"`;

/** A config with one part set: `{ version: 1, ...part }`. */
const withPart = (part: Record<string, unknown>): unknown => ({ version: 1, ...part });
const cors = (fields: Record<string, unknown>) => withPart({ cors: fields });
const preflight = (fields: Record<string, unknown>) => withPart({ preflight: fields });
const actual = (fields: Record<string, unknown>) => withPart({ actual: fields });
const raw = (fields: Record<string, unknown>) => withPart({ raw: fields });
const rawActual = (fields: Record<string, unknown>) =>
  raw({ actual: { status: 200, headers: [], ...fields } });

type Row = [name: string, input: unknown, path: string, message: string | RegExp];

/** Every row is refused with exactly one issue, at this path, for this reason. */
function expectRefused(input: unknown, path: string, message: string | RegExp): void {
  const result = parseServerConfig(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]?.path).toBe(path);
  expect(result.issues[0]?.message).toMatch(
    typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message,
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the whole config', () => {
  it.each<Row>([
    // Only version 1 exists: a saved file from another version is refused, not guessed at.
    ['an unknown version', { version: 2 }, 'version', 'Invalid input: expected 1'],
    ['a version as a string', { version: '1' }, 'version', 'Invalid input: expected 1'],
    ['no version at all', {}, 'version', 'Invalid input: expected 1'],
    // Not an object.
    ['null', null, '(root)', 'Invalid input: expected object, received null'],
    ['an array', [1], '(root)', 'Invalid input: expected object, received array'],
    ['a string', 'cors', '(root)', 'Invalid input: expected object, received string'],
    // Unknown keys at the top level.
    ['an unknown top-level key', withPart({ extra: 1 }), '(root)', unknownKey('extra')],
    ['a misspelt part', withPart({ prefligth: {} }), '(root)', unknownKey('prefligth')],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

describe('shared cors fields', () => {
  it.each<Row>([
    // allowOrigin: '*', 'reflect', { allowList }, { value } and nothing else.
    [
      'allowOrigin: an unknown mode',
      cors({ allowOrigin: 'sometimes' }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    ['allowOrigin: true', cors({ allowOrigin: true }), 'cors.allowOrigin', ALLOW_ORIGIN],
    [
      'allowOrigin: a bare origin string',
      cors({ allowOrigin: 'http://a.test' }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowOrigin: a bare list',
      cors({ allowOrigin: ['http://a.test'] }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowOrigin: null (only overrides may be null)',
      cors({ allowOrigin: null }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowOrigin: an empty allowList',
      cors({ allowOrigin: { allowList: [] } }),
      'cors.allowOrigin.allowList',
      EMPTY_LIST,
    ],
    [
      'allowOrigin: CR LF in an allowList entry',
      cors({ allowOrigin: { allowList: ['http://a.test\r\nX: y'] } }),
      'cors.allowOrigin.allowList.0',
      FRAMING,
    ],
    [
      'allowOrigin: a value with LF',
      cors({ allowOrigin: { value: 'a\n' } }),
      'cors.allowOrigin.value',
      FRAMING,
    ],
    [
      'allowOrigin: a value with CR',
      cors({ allowOrigin: { value: 'a\rb' } }),
      'cors.allowOrigin.value',
      FRAMING,
    ],
    [
      'allowOrigin: a value with NUL',
      cors({ allowOrigin: { value: 'a\0' } }),
      'cors.allowOrigin.value',
      FRAMING,
    ],
    [
      'allowOrigin: a value beyond Latin-1 (U+2603)',
      cors({ allowOrigin: { value: 'http://\u2603.test' } }),
      'cors.allowOrigin.value',
      LATIN1,
    ],
    [
      'allowOrigin: a value beyond the BMP (U+1F600)',
      cors({ allowOrigin: { value: '\u{1F600}' } }),
      'cors.allowOrigin.value',
      LATIN1,
    ],
    [
      'allowOrigin: an unknown key beside value',
      cors({ allowOrigin: { value: '*', extra: 1 } }),
      'cors.allowOrigin',
      unknownKey('extra'),
    ],
    [
      'allowOrigin: an unknown key beside allowList',
      cors({ allowOrigin: { allowList: ['http://a.test'], exact: false } }),
      'cors.allowOrigin',
      unknownKey('exact'),
    ],

    // allowCredentials: true or { value }; false is not a way to leave it out.
    [
      'allowCredentials: false',
      cors({ allowCredentials: false }),
      'cors.allowCredentials',
      ALLOW_CREDENTIALS,
    ],
    [
      'allowCredentials: the string "true"',
      cors({ allowCredentials: 'true' }),
      'cors.allowCredentials',
      ALLOW_CREDENTIALS,
    ],
    [
      'allowCredentials: a value with CR LF',
      cors({ allowCredentials: { value: 'true\r\n' } }),
      'cors.allowCredentials.value',
      FRAMING,
    ],
    [
      'allowCredentials: a value beyond Latin-1',
      cors({ allowCredentials: { value: 'tru\u0435' } }),
      'cors.allowCredentials.value',
      LATIN1,
    ],

    // allowMethods: '*', a non-empty list of tokens, or { value }.
    [
      'allowMethods: a bare method string',
      cors({ allowMethods: 'GET' }),
      'cors.allowMethods',
      ALLOW_METHODS,
    ],
    ['allowMethods: a number', cors({ allowMethods: 1 }), 'cors.allowMethods', ALLOW_METHODS],
    ['allowMethods: an empty list', cors({ allowMethods: [] }), 'cors.allowMethods', EMPTY_LIST],
    [
      'allowMethods: a method with a space',
      cors({ allowMethods: ['GET', 'GET POST'] }),
      'cors.allowMethods.1',
      TOKEN,
    ],
    [
      'allowMethods: a method with a comma',
      cors({ allowMethods: ['GET,POST'] }),
      'cors.allowMethods.0',
      TOKEN,
    ],
    ['allowMethods: an empty method', cors({ allowMethods: [''] }), 'cors.allowMethods.0', TOKEN],
    [
      'allowMethods: a method beyond ASCII',
      cors({ allowMethods: ['G\u00c9T'] }),
      'cors.allowMethods.0',
      TOKEN,
    ],
    [
      'allowMethods: a value with NUL',
      cors({ allowMethods: { value: 'GET\0' } }),
      'cors.allowMethods.value',
      FRAMING,
    ],

    // allowHeaders: '*', 'reflect', a non-empty list of tokens, or { value }.
    [
      'allowHeaders: an unknown mode',
      cors({ allowHeaders: 'all' }),
      'cors.allowHeaders',
      ALLOW_HEADERS,
    ],
    ['allowHeaders: an empty list', cors({ allowHeaders: [] }), 'cors.allowHeaders', EMPTY_LIST],
    [
      'allowHeaders: a name with a colon',
      cors({ allowHeaders: ['X-Token:'] }),
      'cors.allowHeaders.0',
      TOKEN,
    ],
    [
      'allowHeaders: a name with a space',
      cors({ allowHeaders: ['Content-Type', 'X Token'] }),
      'cors.allowHeaders.1',
      TOKEN,
    ],
    [
      'allowHeaders: a value with LF',
      cors({ allowHeaders: { value: 'x\n' } }),
      'cors.allowHeaders.value',
      FRAMING,
    ],

    // exposeHeaders: '*', a non-empty list of tokens, or { value }; no 'reflect'.
    [
      'exposeHeaders: reflect (nothing to reflect)',
      cors({ exposeHeaders: 'reflect' }),
      'cors.exposeHeaders',
      EXPOSE_HEADERS,
    ],
    ['exposeHeaders: an empty list', cors({ exposeHeaders: [] }), 'cors.exposeHeaders', EMPTY_LIST],
    [
      'exposeHeaders: a name with a slash',
      cors({ exposeHeaders: ['X/Y'] }),
      'cors.exposeHeaders.0',
      TOKEN,
    ],
    [
      'exposeHeaders: a value beyond Latin-1',
      cors({ exposeHeaders: { value: '\u0100' } }),
      'cors.exposeHeaders.value',
      LATIN1,
    ],

    // maxAge: whole seconds within a 31-bit range, or { value }.
    [
      'maxAge: negative',
      cors({ maxAge: -1 }),
      'cors.maxAge',
      'Too small: expected number to be >=0',
    ],
    [
      'maxAge: beyond 2^31 - 1',
      cors({ maxAge: 2_147_483_648 }),
      'cors.maxAge',
      'Too big: expected number to be <=2147483647',
    ],
    ['maxAge: a fraction', cors({ maxAge: 1.5 }), 'cors.maxAge', MAX_AGE],
    ['maxAge: a numeric string', cors({ maxAge: '600' }), 'cors.maxAge', MAX_AGE],
    ['maxAge: a value with CR', cors({ maxAge: { value: '600\r' } }), 'cors.maxAge.value', FRAMING],

    // vary: 'auto' | 'off'.
    ['vary: on', cors({ vary: 'on' }), 'cors.vary', VARY],
    ['vary: true', cors({ vary: true }), 'cors.vary', VARY],

    // Unknown keys in cors.
    ['an unknown cors field', cors({ allowOrigins: '*' }), 'cors', unknownKey('allowOrigins')],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

// Zod reports some failures inside a union branch at the union itself, with the union's
// message: the path stops at the field and the reason does not name the real problem
// (too many items, an entry of the wrong type). Pinned so a sharper message shows up here.
describe('failures the union cannot attribute to a branch', () => {
  it.each<Row>([
    [
      'allowOrigin: 51 origins in the allowList',
      cors({
        allowOrigin: { allowList: Array.from({ length: 51 }, (_, i) => `http://o${i}.test`) },
      }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowOrigin: an allowList entry that is not a string',
      cors({ allowOrigin: { allowList: ['http://a.test', 7] } }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowOrigin: a value that is a number',
      cors({ allowOrigin: { value: 1 } }),
      'cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'allowMethods: 51 methods',
      cors({ allowMethods: Array.from({ length: 51 }, (_, i) => `M${i}`) }),
      'cors.allowMethods',
      ALLOW_METHODS,
    ],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

describe('preflight', () => {
  it.each<Row>([
    // handling: answer (status 200-999), fallthrough, redirect (status, to).
    [
      'handling: an unknown kind',
      preflight({ handling: { kind: 'ignore' } }),
      'preflight.handling.kind',
      "Invalid discriminator value. Expected 'answer' | 'fallthrough' | 'redirect'",
    ],
    [
      'handling: answer without a status',
      preflight({ handling: { kind: 'answer' } }),
      'preflight.handling.status',
      'Invalid input: expected number, received undefined',
    ],
    [
      'handling: answer with 199',
      preflight({ handling: { kind: 'answer', status: 199 } }),
      'preflight.handling.status',
      'must be 200 or more: a 1xx is an interim response, which HTTP allows only before a final one (write it in a raw response)',
    ],
    [
      'handling: answer with 1000',
      preflight({ handling: { kind: 'answer', status: 1000 } }),
      'preflight.handling.status',
      'must be at most 999: a status is three digits',
    ],
    [
      'handling: answer with 204.5',
      preflight({ handling: { kind: 'answer', status: 204.5 } }),
      'preflight.handling.status',
      'Invalid input: expected int, received number',
    ],
    [
      'handling: answer with a string status',
      preflight({ handling: { kind: 'answer', status: '204' } }),
      'preflight.handling.status',
      'Invalid input: expected number, received string',
    ],
    [
      'handling: fallthrough with a status',
      preflight({ handling: { kind: 'fallthrough', status: 200 } }),
      'preflight.handling',
      unknownKey('status'),
    ],
    [
      'handling: redirect with 300',
      preflight({ handling: { kind: 'redirect', status: 300, to: 'second' } }),
      'preflight.handling.status',
      REDIRECT_STATUS,
    ],
    [
      'handling: redirect with 304',
      preflight({ handling: { kind: 'redirect', status: 304, to: 'second' } }),
      'preflight.handling.status',
      REDIRECT_STATUS,
    ],
    [
      'handling: redirect with 200',
      preflight({ handling: { kind: 'redirect', status: 200, to: 'second' } }),
      'preflight.handling.status',
      REDIRECT_STATUS,
    ],
    [
      'handling: redirect to an unknown target',
      preflight({ handling: { kind: 'redirect', status: 307, to: 'http://evil.test' } }),
      'preflight.handling.to',
      TARGET,
    ],
    [
      'handling: redirect without a target',
      preflight({ handling: { kind: 'redirect', status: 307 } }),
      'preflight.handling.to',
      TARGET,
    ],

    // cors overrides: the preflight's fields only, each nullable.
    [
      'cors: exposeHeaders (it belongs to the actual response)',
      preflight({ cors: { exposeHeaders: '*' } }),
      'preflight.cors',
      unknownKey('exposeHeaders'),
    ],
    [
      'cors: an unknown override',
      preflight({ cors: { allowOrigins: '*' } }),
      'preflight.cors',
      unknownKey('allowOrigins'),
    ],
    [
      'cors: a bad allowOrigin override',
      preflight({ cors: { allowOrigin: 'sometimes' } }),
      'preflight.cors.allowOrigin',
      ALLOW_ORIGIN,
    ],
    [
      'cors: an empty allowMethods override',
      preflight({ cors: { allowMethods: [] } }),
      'preflight.cors.allowMethods',
      EMPTY_LIST,
    ],
    [
      'cors: a non-token allowHeaders override',
      preflight({ cors: { allowHeaders: ['a b'] } }),
      'preflight.cors.allowHeaders.0',
      TOKEN,
    ],
    [
      'cors: a negative maxAge override',
      preflight({ cors: { maxAge: -5 } }),
      'preflight.cors.maxAge',
      'Too small: expected number to be >=0',
    ],
    [
      'cors: allowCredentials false',
      preflight({ cors: { allowCredentials: false } }),
      'preflight.cors.allowCredentials',
      ALLOW_CREDENTIALS,
    ],
    // vary is not a header of its own, so it has no "not sent" null.
    ['cors: vary null', preflight({ cors: { vary: null } }), 'preflight.cors.vary', VARY],

    // headers: [name, value] pairs.
    [
      'headers: a name with a space',
      preflight({ headers: [['Cache Control', 'no-store']] }),
      'preflight.headers.0.0',
      TOKEN,
    ],
    [
      'headers: a name with a colon',
      preflight({ headers: [['X-A:', 'b']] }),
      'preflight.headers.0.0',
      TOKEN,
    ],
    ['headers: an empty name', preflight({ headers: [['', 'b']] }), 'preflight.headers.0.0', TOKEN],
    [
      'headers: a value with CR LF (header injection)',
      preflight({ headers: [['X-A', 'b\r\nSet-Cookie: x=1']] }),
      'preflight.headers.0.1',
      FRAMING,
    ],
    [
      'headers: a value with NUL',
      preflight({ headers: [['X-A', '\0']] }),
      'preflight.headers.0.1',
      FRAMING,
    ],
    [
      'headers: a value beyond Latin-1',
      preflight({ headers: [['X-A', '\u20ac']] }),
      'preflight.headers.0.1',
      LATIN1,
    ],
    [
      'headers: a line without a value',
      preflight({ headers: [['X-A']] }),
      'preflight.headers.0',
      'Too small: expected array to have >=2 items',
    ],
    [
      'headers: a line with three parts',
      preflight({ headers: [['X-A', 'b', 'c']] }),
      'preflight.headers.0',
      'Too big: expected array to have <=2 items',
    ],
    [
      'headers: an object instead of lines',
      preflight({ headers: { 'X-A': 'b' } }),
      'preflight.headers',
      'Invalid input: expected array, received object',
    ],
    [
      'headers: 101 lines',
      preflight({ headers: Array.from({ length: 101 }, () => ['X-A', 'b']) }),
      'preflight.headers',
      'Too big: expected array to have <=100 items',
    ],
    // A second Content-Length (or Transfer-Encoding beside one) would let a keep-alive
    // client read part of the body as the next response: raw responses are for that.
    [
      'headers: Content-Length',
      preflight({ headers: [['Content-Length', '5']] }),
      'preflight.headers.0.0',
      FRAMING_HEADER,
    ],
    [
      'headers: transfer-ENCODING, after another line',
      preflight({
        headers: [
          ['X-A', 'b'],
          ['transfer-ENCODING', 'chunked'],
        ],
      }),
      'preflight.headers.1.0',
      FRAMING_HEADER,
    ],

    // Unknown keys in preflight.
    ['an unknown preflight field', preflight({ status: 204 }), 'preflight', unknownKey('status')],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

describe('actual', () => {
  it.each<Row>([
    // status: 200-999; a 1xx only in a raw response.
    [
      'status 100',
      actual({ status: 100 }),
      'actual.status',
      'must be 200 or more: a 1xx is an interim response, which HTTP allows only before a final one (write it in a raw response)',
    ],
    [
      'status 1000',
      actual({ status: 1000 }),
      'actual.status',
      'must be at most 999: a status is three digits',
    ],
    [
      'status 200.5',
      actual({ status: 200.5 }),
      'actual.status',
      'Invalid input: expected int, received number',
    ],
    [
      'status as a string',
      actual({ status: '200' }),
      'actual.status',
      'Invalid input: expected number, received string',
    ],

    // body: contentType and text, both required.
    [
      'body without contentType',
      actual({ body: { text: 'hi' } }),
      'actual.body.contentType',
      'Invalid input: expected string, received undefined',
    ],
    [
      'body without text',
      actual({ body: { contentType: 'text/plain' } }),
      'actual.body.text',
      'Invalid input: expected string, received undefined',
    ],
    [
      'body as a string',
      actual({ body: 'hi' }),
      'actual.body',
      'Invalid input: expected object, received string',
    ],
    [
      'body contentType with CR LF',
      actual({ body: { contentType: 'text/plain\r\nX: y', text: '' } }),
      'actual.body.contentType',
      FRAMING,
    ],
    [
      'body contentType beyond Latin-1',
      actual({ body: { contentType: 'text/\u2603', text: '' } }),
      'actual.body.contentType',
      LATIN1,
    ],
    [
      'body text over 64 KiB',
      actual({ body: { contentType: 'text/plain', text: 'x'.repeat(64 * 1024 + 1) } }),
      'actual.body.text',
      'Too big: expected string to have <=65536 characters',
    ],
    [
      'an unknown body field',
      actual({ body: { contentType: 'text/plain', text: '', charset: 'utf-8' } }),
      'actual.body',
      unknownKey('charset'),
    ],

    // cors overrides: the actual response's fields only.
    [
      'cors: allowMethods (it belongs to the preflight)',
      actual({ cors: { allowMethods: '*' } }),
      'actual.cors',
      unknownKey('allowMethods'),
    ],
    [
      'cors: allowHeaders (it belongs to the preflight)',
      actual({ cors: { allowHeaders: '*' } }),
      'actual.cors',
      unknownKey('allowHeaders'),
    ],
    [
      'cors: maxAge (it belongs to the preflight)',
      actual({ cors: { maxAge: 5 } }),
      'actual.cors',
      unknownKey('maxAge'),
    ],
    [
      'cors: a bad exposeHeaders override',
      actual({ cors: { exposeHeaders: [] } }),
      'actual.cors.exposeHeaders',
      EMPTY_LIST,
    ],
    [
      'cors: a bad allowOrigin override',
      actual({ cors: { allowOrigin: { allowList: [] } } }),
      'actual.cors.allowOrigin.allowList',
      EMPTY_LIST,
    ],
    ['cors: vary off-ish', actual({ cors: { vary: 'none' } }), 'actual.cors.vary', VARY],

    // headers: as in the preflight.
    [
      'headers: a name with a space',
      actual({ headers: [['X RateLimit', '1']] }),
      'actual.headers.0.0',
      TOKEN,
    ],
    [
      'headers: a value with LF',
      actual({ headers: [['ETag', '"v1"\n']] }),
      'actual.headers.0.1',
      FRAMING,
    ],

    // cookies: a name token, a value without ';' or framing bytes, known attributes only.
    [
      'cookie value with ";"',
      actual({ cookies: [{ name: 'sid', value: '1; Domain=evil.test' }] }),
      'actual.cookies.0.value',
      COOKIE_SEMICOLON,
    ],
    [
      'cookie value with CR LF',
      actual({ cookies: [{ name: 'sid', value: '1\r\n' }] }),
      'actual.cookies.0.value',
      FRAMING,
    ],
    [
      'cookie value beyond Latin-1',
      actual({ cookies: [{ name: 'sid', value: '\u2603' }] }),
      'actual.cookies.0.value',
      LATIN1,
    ],
    [
      'cookie name with "="',
      actual({ cookies: [{ name: 'a=b', value: '1' }] }),
      'actual.cookies.0.name',
      TOKEN,
    ],
    [
      'cookie without a value',
      actual({ cookies: [{ name: 'sid' }] }),
      'actual.cookies.0.value',
      'Invalid input: expected string, received undefined',
    ],
    [
      'cookie sameSite in lowercase',
      actual({ cookies: [{ name: 'sid', value: '1', sameSite: 'lax' }] }),
      'actual.cookies.0.sameSite',
      'Invalid option: expected one of "Strict"|"Lax"|"None"',
    ],
    [
      'cookie maxAge as a fraction',
      actual({ cookies: [{ name: 'sid', value: '1', maxAge: 0.5 }] }),
      'actual.cookies.0.maxAge',
      'Invalid input: expected int, received number',
    ],
    [
      'cookie secure as a string',
      actual({ cookies: [{ name: 'sid', value: '1', secure: 'yes' }] }),
      'actual.cookies.0.secure',
      'Invalid input: expected boolean, received string',
    ],
    [
      'cookie path with LF',
      actual({ cookies: [{ name: 'sid', value: '1', path: '/\n' }] }),
      'actual.cookies.0.path',
      FRAMING,
    ],
    [
      'an unknown cookie attribute',
      actual({ cookies: [{ name: 'sid', value: '1', domain: 'a.test' }] }),
      'actual.cookies.0',
      unknownKey('domain'),
    ],
    [
      '21 cookies',
      actual({ cookies: Array.from({ length: 21 }, (_, i) => ({ name: `c${i}`, value: '1' })) }),
      'actual.cookies',
      'Too big: expected array to have <=20 items',
    ],

    // redirects: 301/302/303/307/308 to a known target.
    [
      'redirect status 300',
      actual({ redirects: [{ status: 300, to: 'second' }] }),
      'actual.redirects.0.status',
      REDIRECT_STATUS,
    ],
    [
      'redirect status 304',
      actual({
        redirects: [
          { status: 302, to: 'second' },
          { status: 304, to: 'second' },
        ],
      }),
      'actual.redirects.1.status',
      REDIRECT_STATUS,
    ],
    [
      'redirect to an unknown target',
      actual({ redirects: [{ status: 302, to: 'third' }] }),
      'actual.redirects.0.to',
      TARGET,
    ],
    [
      'redirect cors as a string',
      actual({ redirects: [{ status: 302, to: 'second', cors: 'no' }] }),
      'actual.redirects.0.cors',
      'must be true, false, or CORS settings of its own, as in "cors"',
    ],
    [
      'an unknown redirect field',
      actual({ redirects: [{ status: 302, to: 'second', location: '/x' }] }),
      'actual.redirects.0',
      unknownKey('location'),
    ],
    // raw: a hop's exact lines, alone; {{location}} only there.
    [
      "raw beside a hop's own cors",
      actual({
        redirects: [{ status: 302, to: 'second', cors: false, raw: { headers: [] } }],
      }),
      'actual.redirects.0.raw',
      RAW_HOP_MIXED,
    ],
    [
      "raw beside a hop's extra headers",
      actual({
        redirects: [{ status: 302, to: 'second', headers: [['X-A', '1']], raw: { headers: [] } }],
      }),
      'actual.redirects.0.raw',
      RAW_HOP_MIXED,
    ],
    [
      "a hop's raw line with an unknown placeholder",
      actual({
        redirects: [{ status: 302, to: 'second', raw: { headers: [['Location', '{{next}}']] } }],
      }),
      'actual.redirects.0.raw.headers.0.1',
      /^has "\{\{" that starts no known placeholder; the known placeholders are \{\{location\}\} \(in a redirect hop's raw lines only/,
    ],
    [
      "{{location}} outside a hop's raw lines",
      actual({ headers: [['Link', '{{location}}']] }),
      'actual.headers.0.1',
      /^has "\{\{" that starts no known placeholder; the known placeholders are \{\{origin\}\}/,
    ],
    [
      "{{location}} in a hop's built lines",
      actual({ redirects: [{ status: 302, to: 'second', headers: [['X-L', '{{location}}']] }] }),
      'actual.redirects.0.headers.0.1',
      /^has "\{\{" that starts no known placeholder/,
    ],
    [
      '26 redirects',
      actual({ redirects: Array.from({ length: 26 }, () => ({ status: 302, to: 'second' })) }),
      'actual.redirects',
      'Too big: expected array to have <=25 items',
    ],

    // delayMs: 0-30000 whole milliseconds.
    [
      'delayMs negative',
      actual({ delayMs: -1 }),
      'actual.delayMs',
      'Too small: expected number to be >=0',
    ],
    [
      'delayMs over 30 s',
      actual({ delayMs: 30_001 }),
      'actual.delayMs',
      'Too big: expected number to be <=30000',
    ],
    [
      'delayMs as a fraction',
      actual({ delayMs: 0.5 }),
      'actual.delayMs',
      'Invalid input: expected int, received number',
    ],

    // headers: the framing is the target's in a built response.
    [
      'headers: content-length',
      actual({ headers: [['content-length', '0']] }),
      'actual.headers.0.0',
      FRAMING_HEADER,
    ],
    [
      'headers: Transfer-Encoding',
      actual({ headers: [['Transfer-Encoding', 'chunked']] }),
      'actual.headers.0.0',
      FRAMING_HEADER,
    ],

    // Unknown keys in actual.
    [
      'an unknown actual field',
      actual({ contentType: 'text/plain' }),
      'actual',
      unknownKey('contentType'),
    ],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

describe('raw', () => {
  it.each<Row>([
    [
      'raw status 99',
      raw({ preflight: { status: 99, headers: [] } }),
      'raw.preflight.status',
      'Too small: expected number to be >=100',
    ],
    [
      'raw status 1000',
      rawActual({ status: 1000 }),
      'raw.actual.status',
      'Too big: expected number to be <=999',
    ],
    [
      'raw without headers',
      raw({ actual: { status: 200 } }),
      'raw.actual.headers',
      'Invalid input: expected array, received undefined',
    ],
    ['raw reason with CR LF', rawActual({ reason: 'OK\r\nX: y' }), 'raw.actual.reason', FRAMING],
    ['raw reason beyond Latin-1', rawActual({ reason: '\u2603' }), 'raw.actual.reason', LATIN1],
    [
      'raw header name with a space',
      rawActual({ headers: [['Access Control', '*']] }),
      'raw.actual.headers.0.0',
      TOKEN,
    ],
    [
      'raw header value with NUL',
      rawActual({
        headers: [
          ['A', 'b'],
          ['C', 'd\0'],
        ],
      }),
      'raw.actual.headers.1.1',
      FRAMING,
    ],
    [
      'raw body over 64 KiB',
      rawActual({ body: 'x'.repeat(64 * 1024 + 1) }),
      'raw.actual.body',
      'Too big: expected string to have <=65536 characters',
    ],
    [
      'an unknown raw response field',
      rawActual({ delayMs: 5 }),
      'raw.actual',
      unknownKey('delayMs'),
    ],
    [
      'an unknown raw kind',
      raw({ redirect: { status: 302, headers: [] } }),
      'raw',
      unknownKey('redirect'),
    ],
  ])('refuses %s', (_name, input, path, message) => expectRefused(input, path, message));
});

describe('every problem is reported, each with its own path', () => {
  it('lists two problems in two parts', () => {
    expect(
      parseServerConfig({
        version: 1,
        cors: { allowMethods: [] },
        actual: { status: 99, cookies: [{ name: 'a', value: ';' }] },
      }),
    ).toEqual({
      ok: false,
      issues: [
        { path: 'cors.allowMethods', message: EMPTY_LIST },
        {
          path: 'actual.status',
          message:
            'must be 200 or more: a 1xx is an interim response, which HTTP allows only before a final one (write it in a raw response)',
        },
        { path: 'actual.cookies.0.value', message: COOKIE_SEMICOLON },
      ],
    });
  });
});

describe('what is accepted', () => {
  it.each<[name: string, input: unknown]>([
    // Header values may hold any byte but CR, LF and NUL, up to 0xFF.
    [
      'a value with 0x0B and Latin-1 bytes',
      cors({ allowOrigin: { value: 'http://a.test/\u000b\u00e9\u00ff' } }),
    ],
    ['a value with surrounding spaces', cors({ allowOrigin: { value: ' http://a.test ' } })],
    ['an empty value', cors({ allowOrigin: { value: '' } })],
    // Only the exact framing names are the target's; raw responses may write them.
    [
      'names that only start like a framing header',
      actual({
        headers: [
          ['Content-Length-X', '1'],
          ['X-Content-Length', '1'],
          ['Transfer-Encodings', 'x'],
        ],
      }),
    ],
    [
      'framing lines in a raw response',
      rawActual({
        headers: [
          ['Content-Length', '1'],
          ['Transfer-Encoding', 'chunked'],
        ],
      }),
    ],
    ['a method with every token character', cors({ allowMethods: ["x-!#$%&'*+.^_`|~09AZaz"] })],
    ['lowercase methods', cors({ allowMethods: ['patch', 'get'] })],
    // Every override may be null: "not sent here".
    [
      'null for every preflight override',
      preflight({
        cors: {
          allowOrigin: null,
          allowCredentials: null,
          allowMethods: null,
          allowHeaders: null,
          maxAge: null,
        },
      }),
    ],
    [
      'null for every actual override',
      actual({ cors: { allowOrigin: null, allowCredentials: null, exposeHeaders: null } }),
    ],
    [
      'every redirect status',
      actual({
        redirects: [301, 302, 303, 307, 308].map((status) => ({ status, to: 'sameSite' })),
      }),
    ],
    [
      'any final status in structured mode, as a server can write it',
      withPart({
        preflight: { handling: { kind: 'answer', status: 304 } },
        actual: { status: 680 },
      }),
    ],
    [
      'the edges of every range',
      withPart({
        cors: { maxAge: 2_147_483_647 },
        preflight: { handling: { kind: 'answer', status: 999 } },
        actual: { status: 200, delayMs: 30_000 },
        raw: { preflight: { status: 100, headers: [] }, actual: { status: 999, headers: [] } },
      }),
    ],
  ])('accepts %s', (_name, input) => {
    expect(parseServerConfig(input)).toMatchObject({ ok: true });
  });
});

describe('defaults', () => {
  const empty: ServerConfig = {
    version: 1,
    cors: {},
    preflight: { handling: { kind: 'answer', status: 204 }, cors: {}, headers: [] },
    actual: { status: 200, cors: {}, headers: [], cookies: [], redirects: [], delayMs: 0 },
  };

  it('fills in a server that knows nothing of CORS for { version: 1 }', () => {
    expect(parseServerConfig({ version: 1 })).toEqual({ ok: true, value: empty });
    expect(defaultServerConfig).toEqual(empty);
  });

  it('fills in the defaults inside a part that is given empty', () => {
    expect(parseServerConfig({ version: 1, cors: {}, preflight: {}, actual: {} })).toEqual({
      ok: true,
      value: empty,
    });
  });

  it('fills in the defaults of a redirect hop and a raw response', () => {
    const result = parseServerConfig({
      version: 1,
      actual: { redirects: [{ status: 307, to: 'second' }] },
      raw: { actual: { status: 200, headers: [] } },
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        actual: { redirects: [{ status: 307, to: 'second', cors: true }] },
        raw: { actual: { status: 200, reason: '', headers: [], body: '' } },
      },
    });
  });
});

describe('a full config', () => {
  const full: ServerConfig = {
    version: 1,
    cors: {
      allowOrigin: { allowList: ['http://localhost:5173', 'http://127.0.0.1:5173'] },
      allowCredentials: { value: 'True' },
      allowMethods: ['PUT', 'DELETE', 'patch'],
      allowHeaders: 'reflect',
      exposeHeaders: ['ETag', 'X-RateLimit-Remaining'],
      maxAge: 600,
      vary: 'off',
    },
    preflight: {
      handling: { kind: 'redirect', status: 308, to: 'crossSite' },
      cors: {
        allowOrigin: '*',
        allowCredentials: null,
        allowMethods: { value: 'PUT ,DELETE' },
        allowHeaders: '*',
        maxAge: null,
        vary: 'auto',
      },
      headers: [
        ['Cache-Control', 'no-store'],
        ['cache-control', 'max-age=0'],
      ],
    },
    actual: {
      status: 418,
      body: { contentType: 'text/plain; charset=utf-8', text: 'I’m a teapot ☃' },
      cors: { allowOrigin: 'reflect', allowCredentials: true, exposeHeaders: '*', vary: 'off' },
      headers: [
        ['ETag', '"v1"'],
        ['Link', '</next>; rel="next"'],
        ['X-RateLimit-Remaining', '0'],
      ],
      cookies: [
        {
          name: 'sid',
          value: 'abc',
          path: '/',
          maxAge: 60,
          sameSite: 'None',
          secure: true,
          httpOnly: true,
          partitioned: true,
        },
        { name: 'pref', value: '' },
      ],
      redirects: [
        { status: 301, to: 'sameSite', cors: true, headers: [] },
        { status: 303, to: 'second', cors: false, headers: [['Cache-Control', 'no-store']] },
      ],
      delayMs: 250,
    },
    raw: {
      preflight: {
        status: 200,
        reason: 'Fine',
        headers: [['access-control-ALLOW-origin', '*']],
        body: '',
      },
      actual: {
        status: 299,
        reason: '',
        headers: [
          ['A', '\u000b'],
          ['A', 'b'],
        ],
        body: 'raw body',
      },
    },
  };

  it('round-trips unchanged, through JSON too', () => {
    expect(parseServerConfig(full)).toEqual({ ok: true, value: full });
    expect(parseServerConfig(JSON.parse(JSON.stringify(full)))).toEqual({ ok: true, value: full });
  });

  it('is a fixed point: parsing the parsed config changes nothing', () => {
    const once = parseServerConfig(full satisfies ServerConfigInput);
    if (!once.ok) throw new Error('the full config should parse');
    expect(parseServerConfig(once.value)).toEqual(once);
  });
});
