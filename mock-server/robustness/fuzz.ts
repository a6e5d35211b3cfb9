// A seeded fuzzer for the playground server: configs (valid and not) through the control
// API, then raw requests (mutated request lines, header lines, chunked framing,
// pipelining, half-closed; as fetch() or as a page would send them) to the listeners that
// serve the config's session, and a "send from the server" whose path tries to leave the
// session. It checks that the server never answers 5xx of its own (a status the config
// asks for is fine), never writes a bare CR, LF or NUL inside a header line, frames
// built answers one per request, runs nothing of a config as a page on the app origin,
// keeps every send in its session, agrees with the config schema on what it accepts,
// changes nothing when it refuses, and stays up and quiet (no exit, nothing on stderr).
// Used by fuzz.test.ts (a few hundred cases) and `npm run bench:robustness`.
import { isDeepStrictEqual } from 'node:util';
import { REDIRECT_STATUSES } from '../../src/cors/response.ts';
import { API_PREFIX } from '../../src/scenario/control-api.ts';
import { PLACEHOLDERS } from '../../src/scenario/placeholders.ts';
import { parseServerConfig, type ServerConfig } from '../../src/scenario/server-config.ts';
import { callApi } from '../testing.ts';
import { createSession, nextSeq } from './floods.ts';
import { SeededRandom } from './seeded-random.ts';
import type { ServerProcess } from './server-process.ts';
import { exchange, requestBytes, splitResponses, type ResponseHead } from './wire.ts';

const VISIBLE =
  '!#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
const TOKEN = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
// What real misconfigured servers send besides visible ASCII, all writable (Latin-1, no
// CR, LF or NUL); and what may never be written.
const ODD = ` \t\x0b\x7f\xa0\xe9\xff`;
const FORBIDDEN = ['\r', '\n', '\0', '\r\n', '\u2603'];
const ORIGINS = ['http://localhost:5173', 'http://evil.test', 'null', 'http://127.0.0.1:5174'];
const METHODS = ['GET', 'PUT', 'DELETE', 'POST', 'patch', 'CHICKEN'];
const HEADER_NAMES = ['X-Custom', 'content-type', 'Authorization', 'ETag', 'x-a', 'Link'];
const STATUSES = [200, 201, 204, 299, 304, 400, 404, 418, 500, 502, 503, 599];
const TARGETS = ['sameSite', 'crossSite', 'second'];

// The values of a config, drawn from what the schema allows (src/scenario/server-config.ts).

function headerValue(r: SeededRandom): string {
  const alphabet = r.chance(0.2) ? VISIBLE + ODD : VISIBLE;
  const text = () => r.string(alphabet, r.chance(0.03) ? r.int(1000, 9000) : r.int(0, 30));
  return r.chance(0.1) ? `${text()}${r.pick(PLACEHOLDERS).text}${text()}` : text();
}

const literal = (r: SeededRandom) => ({ value: headerValue(r) });
const tokens = (r: SeededRandom, from: readonly string[]) =>
  Array.from({ length: r.int(1, 4) }, () => (r.chance(0.8) ? r.pick(from) : r.string(TOKEN, 5)));
const headerLines = (r: SeededRandom) =>
  Array.from({ length: r.int(0, 3) }, () => [r.pick(HEADER_NAMES), headerValue(r)]);

function corsField(r: SeededRandom, field: string): unknown {
  switch (field) {
    case 'allowOrigin':
      return r.pick([
        '*',
        'reflect',
        { allowList: [r.pick(ORIGINS), r.pick(ORIGINS)] },
        literal(r),
      ] as const);
    case 'allowCredentials':
      return r.chance(0.7) ? true : literal(r);
    case 'allowMethods':
      return r.pick(['*', tokens(r, METHODS), literal(r)]);
    case 'allowHeaders':
      return r.pick(['*', 'reflect', tokens(r, HEADER_NAMES), literal(r)]);
    case 'exposeHeaders':
      return r.pick(['*', tokens(r, HEADER_NAMES), literal(r)]);
    case 'maxAge':
      return r.chance(0.7) ? r.int(0, 86400) : literal(r);
    default:
      return r.pick(['auto', 'off']);
  }
}

function corsFields(r: SeededRandom, fields: readonly string[], nullable: boolean) {
  const cors: Record<string, unknown> = {};
  for (const field of fields) {
    if (r.chance(0.5)) cors[field] = nullable && r.chance(0.2) ? null : corsField(r, field);
  }
  return cors;
}

const rawResponse = (r: SeededRandom) => ({
  status: r.int(100, 999),
  reason: r.string(VISIBLE + ' ', r.int(0, 12)),
  headers: headerLines(r),
  body: r.string(VISIBLE + ODD, r.int(0, 200)),
});

/** A config the schema accepts, most fields left out or drawn at random. */
export function validConfig(r: SeededRandom): Record<string, unknown> {
  const config: Record<string, unknown> = { version: 1 };
  if (r.chance(0.8)) {
    config.cors = corsFields(
      r,
      [
        'allowOrigin',
        'allowCredentials',
        'allowMethods',
        'allowHeaders',
        'exposeHeaders',
        'maxAge',
        'vary',
      ],
      false,
    );
  }
  if (r.chance(0.5)) {
    config.preflight = {
      handling: r.pick([
        { kind: 'answer', status: r.pick(STATUSES) },
        { kind: 'fallthrough' },
        { kind: 'redirect', status: r.pick(REDIRECT_STATUSES), to: r.pick(TARGETS) },
      ]),
      cors: corsFields(
        r,
        ['allowOrigin', 'allowCredentials', 'allowMethods', 'allowHeaders', 'maxAge'],
        true,
      ),
      headers: headerLines(r),
    };
  }
  if (r.chance(0.6)) {
    config.actual = {
      status: r.pick(STATUSES),
      ...(r.chance(0.4)
        ? {
            body: {
              contentType: r.pick(['text/plain', 'application/json', 'text/html']),
              text: r.string(VISIBLE + ODD, r.chance(0.1) ? r.int(5000, 65536) : r.int(0, 100)),
            },
          }
        : {}),
      cors: corsFields(r, ['allowOrigin', 'allowCredentials', 'exposeHeaders'], true),
      headers: headerLines(r),
      cookies: Array.from({ length: r.int(0, 2) }, () => ({
        name: r.string(TOKEN, 4),
        value: r.string('abc123', 6),
        ...(r.chance(0.5) ? { sameSite: r.pick(['Strict', 'Lax', 'None']), secure: true } : {}),
      })),
      redirects: Array.from({ length: r.chance(0.2) ? r.int(1, 3) : 0 }, () => ({
        status: r.pick(REDIRECT_STATUSES),
        to: r.pick(TARGETS),
        cors: r.chance(0.8),
      })),
      // Short: a delayed answer must still come within a case's idle wait.
      delayMs: r.chance(0.3) ? r.int(1, 40) : 0,
    };
  }
  if (r.chance(0.15)) {
    config.raw = {
      ...(r.chance(0.5) ? { preflight: rawResponse(r) } : {}),
      ...(r.chance(0.7) ? { actual: rawResponse(r) } : {}),
    };
  }
  return config;
}

/** `value` nested `depth` levels deep in objects. */
function nested(depth: number, value: unknown): unknown {
  let result = value;
  for (let level = 0; level < depth; level += 1) result = { a: result };
  return result;
}

/** Spoils one part of a config, in one of the ways the server must refuse. */
function spoil(r: SeededRandom, config: Record<string, unknown>): void {
  const actual = (config.actual ??= {}) as Record<string, unknown>;
  const cors = (config.cors ??= {}) as Record<string, unknown>;
  const spoilers: (() => void)[] = [
    () => (config.extra = true),
    () => (config.version = r.pick([0, 2, '1', null])),
    () => (cors.allowOrigin = { value: `a${r.pick(FORBIDDEN)}b` }),
    () => (cors.allowMethods = ['GET', r.pick(['P UT', 'GET:', '', 'é'])]),
    () => (cors.maxAge = r.pick([-1, 1.5, 2 ** 31, '600'])),
    () => (actual.status = r.pick([99, 199, 600, 1000, 200.5, '200'])),
    () => (actual.delayMs = r.pick([-1, 30_001, 'soon'])),
    () => (actual.headers = [[r.pick(['Content-Length', 'transfer-encoding']), '5']]),
    () => (actual.headers = [['Bad Name', 'x']]),
    () => (actual.headers = Array.from({ length: 101 }, () => ['X-A', 'b'])),
    () => (actual.body = { contentType: 'text/plain', text: 'x'.repeat(65537) }),
    () => (actual.cookies = [{ name: 'a', value: 'b; Domain=evil.test' }]),
    () => (actual.redirects = [{ status: 200, to: 'sameSite' }]),
    () => (config.raw = { actual: { ...rawResponse(r), body: '\u2603' } }),
    () => (config.cors = []),
    () => (cors.allowOrigin = nested(r.int(30, 60), '*')),
  ];
  r.pick(spoilers)();
}

/** Values of the config's that the target may answer with, at or above 500. */
function configured5xx(config: ServerConfig): Set<number> {
  const statuses = [
    config.actual.status,
    config.raw?.actual?.status,
    config.raw?.preflight?.status,
  ];
  if (config.preflight.handling.kind === 'answer') statuses.push(config.preflight.handling.status);
  return new Set(
    statuses.filter((status): status is number => status !== undefined && status >= 500),
  );
}

// Raw requests: well-formed ones first, then mutated.

interface Listener {
  port: number;
  host: string;
  /** The app origin passes what is not the target's on to node:http. */
  app: boolean;
}

function chunked(r: SeededRandom, body: string): string {
  let text = '';
  for (let at = 0; at < body.length;) {
    const size = Math.min(body.length - at, r.int(1, 300));
    const extension = r.chance(0.1) ? `;${r.string(TOKEN, 4)}=${r.string(TOKEN, 3)}` : '';
    text += `${size.toString(16)}${extension}\r\n${body.slice(at, at + size)}\r\n`;
    at += size;
  }
  const trailer = r.chance(0.2) ? `X-Trailer: ${r.string(VISIBLE, 10)}\r\n` : '';
  return `${text}0\r\n${trailer}\r\n`;
}

interface RequestCase {
  bytes: string;
  methods: string[];
  /** Sent as a page, frame or worker would be, not as fetch() (Sec-Fetch-Dest). */
  asDocument: boolean;
}

// What Chromium sends for a fetch(), and for what is not one.
const FETCH = ['Sec-Fetch-Dest: empty', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Site: same-origin'];
const NOT_FETCH = [
  ['Sec-Fetch-Dest: document', 'Sec-Fetch-Mode: navigate', 'Sec-Fetch-Site: same-origin'],
  ['Sec-Fetch-Dest: iframe', 'Sec-Fetch-Mode: navigate', 'Sec-Fetch-Site: same-origin'],
  ['Sec-Fetch-Dest: worker', 'Sec-Fetch-Mode: same-origin', 'Sec-Fetch-Site: same-origin'],
  ['Sec-Fetch-Dest: script', 'Sec-Fetch-Mode: no-cors', 'Sec-Fetch-Site: same-origin'],
];

/** 1 to 4 well-formed requests for the session, pipelined; the last asks to close. */
function wellFormed(r: SeededRandom, id: string, listener: Listener): RequestCase {
  const count = r.chance(0.6) ? 1 : r.int(2, 4);
  const asDocument = r.chance(0.25);
  const secFetch = asDocument ? r.pick(NOT_FETCH) : FETCH;
  const methods: string[] = [];
  let bytes = '';
  for (let index = 0; index < count; index += 1) {
    const method = r.pick([
      'GET',
      'GET',
      'POST',
      'PUT',
      'OPTIONS',
      'OPTIONS',
      'HEAD',
      'patch',
      'CHICKEN',
    ]);
    const hop = r.chance(0.15) ? `/_hop/${r.int(1, 3)}` : '';
    const query = r.chance(0.3) ? `?q=${r.string(TOKEN, r.int(0, 10))}` : '';
    const lines = [`${method} /s/${id}${hop}/${r.string(TOKEN, r.int(0, 12))}${query} HTTP/1.1`];
    lines.push(`Host: ${listener.host}`, ...secFetch);
    if (r.chance(0.8)) lines.push(`Origin: ${r.pick(ORIGINS)}`);
    if (method === 'OPTIONS' && r.chance(0.9)) {
      lines.push(`Access-Control-Request-Method: ${r.pick(METHODS)}`);
      if (r.chance(0.6))
        lines.push(`Access-Control-Request-Headers: ${tokens(r, HEADER_NAMES).join(',')}`);
    }
    if (r.chance(0.2)) lines.push(`Cookie: a=${r.string(TOKEN, 5)}`);
    for (let extra = r.int(0, 3); extra > 0; extra -= 1) {
      lines.push(`X-Fuzz-${extra}: ${headerValue(r)}`);
    }
    let body = '';
    if (['POST', 'PUT', 'patch', 'CHICKEN'].includes(method) && r.chance(0.7)) {
      const content = r.string(VISIBLE, r.int(0, 2000));
      if (r.chance(0.4)) {
        lines.push('Transfer-Encoding: chunked');
        body = chunked(r, content);
      } else {
        lines.push(`Content-Length: ${content.length}`);
        body = content;
      }
    }
    if (index === count - 1) lines.push('Connection: close');
    bytes += `${lines.join('\r\n')}\r\n\r\n${body}`;
    methods.push(method);
  }
  return { bytes, methods, asDocument };
}

const REQUEST_LINES = [
  'GET  /s/x HTTP/1.1',
  'GET /s/x HTTP/1.2',
  'GET /s/x',
  'GET /s/x HTTP/1.1 extra',
  'GET http://evil.test/s/x HTTP/1.1',
  'GET * HTTP/1.1',
  ' GET /s/x HTTP/1.1',
  'GET\t/s/x HTTP/1.1',
  'G\0T /s/x HTTP/1.1',
  `GET /${'a'.repeat(40_000)} HTTP/1.1`,
];

/** Mutates the bytes of a request in one of the ways clients and attackers do. */
function mutate(r: SeededRandom, bytes: string): string {
  const at = r.int(0, bytes.length);
  const lineEnd = bytes.indexOf('\r\n');
  const mutations: (() => string)[] = [
    () => bytes.slice(0, at) + String.fromCharCode(r.int(0, 255)) + bytes.slice(at + 1),
    () =>
      bytes.slice(0, at) +
      r.pick(['\r', '\n', '\0', '\x0b', '\x7f', '\xff', ' ', '\t', ':', ';', '\r\n', '\r\n\r\n']) +
      bytes.slice(at),
    () => bytes.slice(0, at) + bytes.slice(at + r.int(1, 40)),
    () => bytes.slice(0, at),
    () => {
      const lines = bytes.split('\r\n');
      const line = r.int(0, lines.length - 1);
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\r\n');
    },
    () => `${r.pick(REQUEST_LINES)}${bytes.slice(lineEnd)}`,
    () =>
      `${bytes.slice(0, lineEnd)}\r\nX-Long: ${'a'.repeat(r.int(8_000, 70_000))}${bytes.slice(lineEnd)}`,
    () =>
      `${bytes.slice(0, lineEnd)}${`\r\nX-Many: ${r.string(TOKEN, 8)}`.repeat(r.int(50, 400))}${bytes.slice(lineEnd)}`,
    () => `${bytes.slice(0, lineEnd)}\r\n folded${bytes.slice(lineEnd)}`,
    // A value the target may reflect (Origin, the requested headers) carrying a line break.
    () =>
      bytes.replace(
        /\r\n(Origin|Access-Control-Request-Headers): /i,
        (line) =>
          `${line}${r.string(TOKEN, 3)}${r.pick(['\r', '\n', '\0', '\x0b'])}Set-Cookie: x=1`,
      ),
    // Chunked framing: sizes, extensions and trailers past any sane length, or broken.
    () => {
      const headEnd = bytes.indexOf('\r\n\r\n');
      const head = `${bytes.slice(0, headEnd).replace(/\r\nContent-Length: \d+/i, '')}\r\nTransfer-Encoding: chunked\r\n\r\n`;
      return (
        head +
        r.pick([
          'fffffffff\r\nabc\r\n0\r\n\r\n',
          '-1\r\n\r\n',
          '0x10\r\n',
          `${'f'.repeat(r.int(1000, 40_000))}`,
          `5;${'e'.repeat(r.int(1000, 40_000))}\r\nhello\r\n0\r\n\r\n`,
          `0\r\n${'T: x\r\n'.repeat(r.int(100, 8000))}\r\n`,
          `0\r\nT: ${'x'.repeat(r.int(10_000, 70_000))}\r\n\r\n`,
          '5\r\nhelloXX0\r\n\r\n',
          '1\r\na\r\n'.repeat(r.int(100, 5000)) + '0\r\n\r\n',
        ])
      );
    },
  ];
  return r.pick(mutations)();
}

/** Cuts the bytes into 1 to 4 pieces, as TCP may deliver them. */
function pieces(r: SeededRandom, bytes: string): Buffer[] {
  const all = Buffer.from(bytes, 'latin1');
  const cuts = Array.from({ length: r.int(0, 3) }, () => r.int(1, Math.max(1, all.length - 1)));
  cuts.sort((a, b) => a - b);
  return [0, ...cuts].map((cut, index) => all.subarray(cut, [...cuts, all.length][index]));
}

// Judging what came back.

// A status line and the head it starts, up to its empty line.
const RESPONSE_HEAD = /(?:^|\r\n)(HTTP\/1\.[01] (\d{3}) [\s\S]*?)\r\n\r\n/g;

interface Judged {
  statuses: number[];
  problem: string | undefined;
}

/**
 * Finds every response head in the bytes and judges it: a 5xx not `allowed` is the
 * server's own failure (node:http's 503 for what is pipelined behind a request passed on
 * to it aside); a bare CR, LF or NUL inside a header line would let a request inject
 * lines into a response.
 */
function judge(bytes: Buffer, allowed: (status: number) => boolean, app: boolean): Judged {
  const text = bytes.toString('latin1');
  const statuses: number[] = [];
  let passedOn = false;
  for (const match of text.matchAll(RESPONSE_HEAD)) {
    const head = match[1] ?? '';
    const status = Number(match[2]);
    statuses.push(status);
    const lines = head.split('\r\n');
    if (lines.some((line) => /[\r\n\0]/.test(line))) {
      return { statuses, problem: `a header line holds a bare CR, LF or NUL:\n${head}` };
    }
    const ownFailure = status >= 500 && !allowed(status) && !(status === 503 && app && passedOn);
    if (ownFailure)
      return { statuses, problem: `the server answered ${status} of its own:\n${head}` };
    // node:http adds Date to its answers; the target never does, and no fuzzed config asks.
    passedOn ||= /\r\nDate: /i.test(head);
  }
  return { statuses, problem: undefined };
}

/** Shows bytes as a readable, bounded JSON string. */
function shown(bytes: string): string {
  return JSON.stringify(
    bytes.length > 600 ? `${bytes.slice(0, 600)}... (${bytes.length} bytes)` : bytes,
  );
}

export interface FuzzOptions {
  seed: number;
  configs: number;
  requestsPerConfig: number;
  /** Stop starting cases after this long; the report says how many ran. */
  timeBudgetMs: number;
  /** Config cases in flight at once, each with all its request cases. */
  concurrency: number;
}

export interface FuzzReport {
  seed: number;
  configCases: number;
  requestCases: number;
  /** Cases whose config the server accepted. */
  accepted: number;
  /** How often each status came back, over every request case. */
  statuses: Map<number, number>;
  elapsedMs: number;
  /** The first failure, with what to replay it. */
  failure: string | undefined;
}

interface ConfigOutcome {
  /** A session holding the outcome's config, for the request cases. */
  id: string;
  config: ServerConfig;
  accepted: boolean;
  problem?: string;
}

/**
 * The config case: one control API call with a fuzzed config. A PUT or POST is accepted
 * exactly when the schema accepts the config, and then holds the schema's reading of it; a
 * PATCH may only ever leave a valid config; a refusal changes nothing.
 */
async function configCase(server: ServerProcess, r: SeededRandom): Promise<ConfigOutcome> {
  const input = validConfig(r);
  if (r.chance(0.4)) spoil(r, input);
  const body = JSON.stringify(input);
  const operation = r.pick(['PUT', 'PUT', 'PATCH', 'POST'] as const);
  let id = await createSession(server);
  const before = (await callApi(server, `/sessions/${id}/config`)).body;
  let accepted: boolean;
  let answered: unknown;
  const answer =
    operation === 'POST'
      ? await callApi(server, '/sessions', { method: 'POST', body: `{"config":${body}}` })
      : await callApi(server, `/sessions/${id}/config`, { method: operation, body });
  if (operation === 'POST') {
    accepted = answer.status === 201;
    if (accepted) id = answer.body.id as string;
    answered = answer.body.config;
  } else {
    accepted = answer.status === 200;
    answered = answer.body;
  }
  const config = (await callApi(server, `/sessions/${id}/config`)).body as unknown as ServerConfig;
  const outcome: ConfigOutcome = { id, config, accepted };
  const fail = (problem: string): ConfigOutcome => ({
    ...outcome,
    problem: `${problem}\n  sent: ${operation} ${shown(body)}\n  got: ${answer.status} ${shown(JSON.stringify(answer.body))}`,
  });

  // Every fuzzed body is well under the 256 KiB limit: 413 would be a failure too.
  if (answer.status !== (operation === 'POST' ? 201 : 200) && answer.status !== 400) {
    return fail(`the control API answered ${answer.status}`);
  }
  const expected = parseServerConfig(input);
  if (!accepted) {
    if (!isDeepStrictEqual(config, before)) return fail('a refused change changed the config');
    return operation !== 'PATCH' && expected.ok
      ? fail('the server refused a config the schema accepts')
      : outcome;
  }
  if (!isDeepStrictEqual(answered, config)) return fail('the answer is not the config kept');
  if (operation === 'PATCH') {
    const reparsed = parseServerConfig(config);
    return reparsed.ok && isDeepStrictEqual(reparsed.value, config)
      ? outcome
      : fail('a PATCH left an invalid config');
  }
  if (!expected.ok) return fail('the server accepted a config the schema refuses');
  return isDeepStrictEqual(config, expected.value)
    ? outcome
    : fail('the config kept is not the schema’s reading of the one sent');
}

// "Send from the server" paths: dot segments plain and encoded, another session's id and
// other segments, between slashes and backslashes (a path separator to the URL parser).
const CLIMBS = ['..', '%2e%2e', '.%2E', '%2E.'];
const SEGMENTS = ['.', '%2e', 'x', '%5c', '%2f', '?', '#', ';x'];

/**
 * A "send from the server" case: a path built to climb out of the session, to `victim`'s
 * routes. Whatever the server makes of it, the victim's log must stay empty.
 */
async function sendCase(
  server: ServerProcess,
  r: SeededRandom,
  id: string,
  victim: string,
): Promise<string | undefined> {
  let path = '';
  for (let count = r.int(1, 5); count > 0; count -= 1) {
    const segment = r.chance(0.4) ? r.pick(CLIMBS) : r.chance(0.5) ? victim : r.pick(SEGMENTS);
    path += `${path === '' || r.chance(0.5) ? '/' : '\\'}${segment}`;
  }
  const body = JSON.stringify({ target: r.pick(TARGETS), path });
  const answer = await callApi(server, `/sessions/${id}/send`, { method: 'POST', body });
  // 502: the session's own target answered what Node could not read (a raw response).
  if (![200, 400, 502].includes(answer.status)) {
    return `send answered ${answer.status}\n  sent: ${shown(body)}`;
  }
  return (await nextSeq(server, victim)) === 1
    ? undefined
    : `a send from session ${id} reached session ${victim}\n  sent: ${shown(body)}`;
}

/** JSON with every character beyond ASCII escaped, so its text is its bytes. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * A control API case on the wire: the page's own PUT or PATCH of a fuzzed config, its
 * bytes mutated, through the app origin's raw front to node:http. No 5xx (but node:http's
 * 503 for a second request pipelined behind the first), and an answer that is not a 200
 * leaves the config as it was.
 */
async function apiWireCase(
  server: ServerProcess,
  r: SeededRandom,
  id: string,
): Promise<string | undefined> {
  const input = validConfig(r);
  if (r.chance(0.4)) spoil(r, input);
  const body = asciiJson(input);
  const request = requestBytes(
    `${r.pick(['PUT', 'PATCH'])} ${API_PREFIX}/sessions/${id}/config HTTP/1.1`,
    [
      `Host: localhost:${server.ports.app}`,
      `Origin: ${server.origins.app}`,
      'Content-Type: application/json',
      `Content-Length: ${body.length}`,
      'Connection: close',
    ],
    body,
  );
  let bytes = request;
  for (let count = r.int(1, 2); count > 0; count -= 1) bytes = mutate(r, bytes);
  const before = await callApi(server, `/sessions/${id}/config`);
  const reply = await exchange(server.ports.app, pieces(r, bytes), { idleMs: 150 });
  const judged = judge(reply.bytes, () => false, true);
  // Judged only when an answer came: a client that gave up waiting was told nothing.
  const refused = judged.statuses.length > 0 && !judged.statuses.includes(200);
  const problem =
    judged.problem ??
    (refused && !isDeepStrictEqual(await callApi(server, `/sessions/${id}/config`), before)
      ? `the config changed, yet the answer was ${judged.statuses.join(', ')}`
      : undefined);
  return problem === undefined
    ? undefined
    : `${problem}\n  sent: ${shown(bytes)}\n  got: ${shown(reply.bytes.toString('latin1'))}`;
}

/** One raw request case against the session's listeners. */
async function requestCase(
  server: ServerProcess,
  r: SeededRandom,
  id: string,
  config: ServerConfig,
): Promise<{ statuses: number[]; problem: string | undefined }> {
  const { ports } = server;
  const listener = r.pick<Listener>([
    { port: ports.target, host: `localhost:${ports.target}`, app: false },
    { port: ports.target, host: `127.0.0.1:${ports.target}`, app: false },
    { port: ports.second, host: `localhost:${ports.second}`, app: false },
    { port: ports.app, host: `localhost:${ports.app}`, app: true },
  ]);
  const request = wellFormed(r, id, listener);
  const mutated = r.chance(0.7);
  let bytes = request.bytes;
  if (mutated) for (let count = r.int(1, 3); count > 0; count -= 1) bytes = mutate(r, bytes);
  // A well-formed request ends with Connection: close, so only a loaded machine makes
  // its wait long; a mutated one may leave the server waiting for more.
  const reply = await exchange(listener.port, pieces(r, bytes), {
    gapMs: r.int(0, 5),
    idleMs: mutated ? 150 : 2000,
    // As Node's raw client does for "send from the server": each answer must still come.
    halfClose: r.chance(0.3),
  });
  const configured = configured5xx(config);
  // The reader's 501 for a transfer coding it does not know is an answer, not a failure.
  const codings = /transfer-encoding/i.test(bytes);
  const allowed = (status: number) => configured.has(status) || (status === 501 && codings);
  const judged = judge(reply.bytes, allowed, listener.app);
  let problem = judged.problem;
  // A well-formed pipeline against a built config: one answer each, framed so that a
  // keep-alive client finds the next one where this one ends.
  // On the app origin, a session's routes answer fetch() only: a page, frame or worker
  // gets a sandboxed refusal, whatever the config, so nothing runs beside the control API.
  const refused = listener.app && request.asDocument;
  if (problem === undefined && !mutated && (config.raw === undefined || refused)) {
    try {
      const answers = splitResponses(reply.bytes, request.methods);
      if (answers.length !== request.methods.length) {
        problem = `expected ${request.methods.length} answers, got ${answers.length}`;
      }
      const sandboxed = ({ status, headers }: ResponseHead): boolean =>
        status === 403 &&
        headers.some(
          ([name, value]) =>
            name.toLowerCase() === 'content-security-policy' && value === 'sandbox',
        );
      const ran = refused ? answers.find((answer) => !sandboxed(answer)) : undefined;
      if (ran !== undefined) {
        problem = `the app origin answered a page, frame or worker with ${ran.status}, unsandboxed`;
      }
    } catch (error) {
      problem = `the answers are not framed: ${(error as Error).message}`;
    }
  }
  return {
    statuses: judged.statuses,
    problem:
      problem === undefined
        ? undefined
        : `${problem}\n  sent to port ${listener.port}: ${shown(bytes)}\n  got: ${shown(reply.bytes.toString('latin1'))}`,
  };
}

/**
 * Runs fuzzed cases against the server until they are done, the time is up, or one fails.
 * Each config case creates a session or two: start the server with `inUseMs: 0`, or a long
 * run meets the session cap with every session in use, and the control API's 503.
 */
export async function fuzz(server: ServerProcess, options: FuzzOptions): Promise<FuzzReport> {
  const root = new SeededRandom(options.seed);
  const started = Date.now();
  const report: FuzzReport = {
    seed: options.seed,
    configCases: 0,
    requestCases: 0,
    accepted: 0,
    statuses: new Map(),
    elapsedMs: 0,
    failure: undefined,
  };
  const fail = (problem: string): void => {
    report.failure ??= `seed ${options.seed}, ${problem}`;
  };

  /** Config case `index`, then its request cases side by side, then a health check. */
  const configAndRequests = async (index: number): Promise<void> => {
    // Each case draws from a generator of its own, so it replays whatever ran beside it.
    const r = root.fork(index);
    const outcome = await configCase(server, r.fork(-1));
    report.configCases += 1;
    if (outcome.accepted) report.accepted += 1;
    if (outcome.problem !== undefined) return fail(`config case ${index}: ${outcome.problem}`);
    const escaped = await sendCase(server, r.fork(-2), outcome.id, victim);
    if (escaped !== undefined) return fail(`config case ${index}, its send: ${escaped}`);
    const results = await Promise.all(
      Array.from({ length: options.requestsPerConfig }, (_, caseIndex) =>
        requestCase(server, r.fork(caseIndex), outcome.id, outcome.config),
      ),
    );
    for (const [caseIndex, result] of results.entries()) {
      report.requestCases += 1;
      for (const status of result.statuses) {
        report.statuses.set(status, (report.statuses.get(status) ?? 0) + 1);
      }
      if (result.problem !== undefined) {
        fail(`config case ${index}, request case ${caseIndex}: ${result.problem}`);
      }
    }
    // Last: it may change the config the request cases were judged by.
    const wire = await apiWireCase(server, r.fork(-3), outcome.id);
    if (wire !== undefined)
      fail(`config case ${index}, its control API request on the wire: ${wire}`);
    const trouble = await server.trouble();
    if (trouble !== undefined) fail(`after config case ${index} and its requests: ${trouble}`);
  };

  // A session no case uses: sends from the others must never reach it.
  const victim = await createSession(server);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.configs && report.failure === undefined) {
      if (Date.now() - started > options.timeBudgetMs) return;
      const index = next;
      next += 1;
      await configAndRequests(index);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  report.elapsedMs = Date.now() - started;
  return report;
}
