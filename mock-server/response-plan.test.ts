import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import { reasonPhrase } from '../src/scenario/response-parts.ts';
import { serverConfigSchema, type ServerConfigInput } from '../src/scenario/server-config.ts';
import { serializeResponse } from './http/raw-server.ts';
import type { RawRequest } from './http/request-reader.ts';
import { planOrigins } from './origins.ts';
import {
  AnswerCache,
  compileResponsePlan,
  MAX_KEPT_ANSWERS,
  MAX_KEPT_BYTES,
  type PlannedResponse,
  type Route,
} from './response-plan.ts';

const config = (input: Omit<ServerConfigInput, 'version'>) =>
  serverConfigSchema.parse({ version: 1, ...input });

const origins = planOrigins({ app: 5173, target: 5174, second: 5175 });
const route = (rest = '/items', hop = 0): Route => ({ sessionId: 'abc', hop, rest });

function request(method: string, headers: HeaderLines = []): RawRequest {
  return { method, target: '/s/abc/items', httpVersion: '1.1', headers, body: Buffer.alloc(0) };
}

const preflight = (origin: string, requestHeaders?: string): RawRequest =>
  request('OPTIONS', [
    ['Origin', origin],
    ['Access-Control-Request-Method', 'PUT'],
    ...(requestHeaders === undefined ? [] : [['Access-Control-Request-Headers', requestHeaders]]),
  ] as HeaderLines);

const allowListed = config({
  cors: { allowOrigin: { allowList: ['http://a.test'] }, allowHeaders: 'reflect' },
});

describe('kept answers', () => {
  it('hands the same answer, with its bytes, to requests that differ in nothing it reads', () => {
    const plan = compileResponsePlan(allowListed);
    const first = plan(preflight('http://a.test', 'x-a'), route('/one'), origins);
    const again = plan(preflight('http://a.test', 'x-a'), route('/two?x=1'), origins);
    expect(again).toBe(first);
    expect(first.response.bytes).toEqual(serializeResponse('OPTIONS', first.response));
  });

  it('keeps an answer per Origin and Access-Control-Request-Headers value', () => {
    const plan = compileResponsePlan(allowListed);
    const allowed = plan(preflight('http://a.test', 'x-a'), route(), origins).response;
    const other = plan(preflight('http://b.test', 'x-a'), route(), origins).response;
    const reflected = plan(preflight('http://a.test', 'x-b'), route(), origins).response;
    expect(allowed.headers).toContainEqual(['Access-Control-Allow-Origin', 'http://a.test']);
    expect(other.headers.map(([name]) => name)).not.toContain('Access-Control-Allow-Origin');
    expect(reflected.headers).toContainEqual(['Access-Control-Allow-Headers', 'x-b']);
  });

  it('keeps values apart whatever bytes they hold', () => {
    const plan = compileResponsePlan(
      config({ cors: { allowOrigin: 'reflect', allowHeaders: 'reflect' } }),
    );
    // Joined with a separator these two would be one key.
    const a = plan(preflight('o\u0000p', 'h'), route(), origins).response;
    const b = plan(preflight('o', 'p\u0000h'), route(), origins).response;
    expect(a.headers.slice(0, 1)).toEqual([['Access-Control-Allow-Origin', 'o\u0000p']]);
    expect(b.headers.slice(0, 1)).toEqual([['Access-Control-Allow-Origin', 'o']]);
  });

  it('keeps a HEAD answer without the body the GET answer carries', () => {
    const plan = compileResponsePlan(config({}));
    const get = plan(request('GET'), route(), origins).response;
    const head = plan(request('HEAD'), route(), origins).response;
    expect(head.headers).toEqual(get.headers);
    expect(get.bytes?.subarray(-get.body.length)).toEqual(get.body);
    expect(head.bytes).toEqual(serializeResponse('HEAD', head));
    expect(head.bytes?.length).toBe((get.bytes?.length ?? 0) - get.body.length);
  });

  it('keeps one answer whatever the Origin when the config does not read it', () => {
    const plan = compileResponsePlan(config({ cors: { allowOrigin: '*' } }));
    const answers = new Set(
      ['http://a.test', 'http://b.test', undefined].map(
        (origin) =>
          plan(request('GET', origin === undefined ? [] : [['Origin', origin]]), route(), origins)
            .response,
      ),
    );
    expect(answers.size).toBe(1);
  });

  it('builds each redirect for its request: the Location carries its path', () => {
    const plan = compileResponsePlan(
      config({ actual: { redirects: [{ status: 302, to: 'second' }] } }),
    );
    const one = plan(request('GET'), route('/one'), origins).response;
    const two = plan(request('GET'), route('/two'), origins).response;
    expect(one.headers).toContainEqual(['Location', 'http://localhost:5175/s/abc/_hop/1/one']);
    expect(two.headers).toContainEqual(['Location', 'http://localhost:5175/s/abc/_hop/1/two']);
    expect(one.bytes).toBeUndefined();
    // After the last hop, the actual answer is kept as usual.
    expect(plan(request('GET'), route('/x', 1), origins)).toBe(
      plan(request('GET'), route('/y', 1), origins),
    );
  });

  it('keeps the delay with the answer', () => {
    const plan = compileResponsePlan(config({ actual: { delayMs: 250 } }));
    plan(request('GET'), route(), origins);
    expect(plan(request('GET'), route(), origins).delayMs).toBe(250);
  });

  it(`keeps at most ${MAX_KEPT_ANSWERS} answers per plan, dropping the oldest`, () => {
    const plan = compileResponsePlan(allowListed);
    const first = plan(preflight('http://0.test'), route(), origins);
    for (let i = 1; i <= MAX_KEPT_ANSWERS; i += 1)
      plan(preflight(`http://${i}.test`), route(), origins);
    const last = plan(preflight(`http://${MAX_KEPT_ANSWERS}.test`), route(), origins);
    expect(plan(preflight(`http://${MAX_KEPT_ANSWERS}.test`), route(), origins)).toBe(last);
    const rebuilt = plan(preflight('http://0.test'), route(), origins);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt).toEqual(first);
  });
});

describe('placeholders', () => {
  const withHost = (host: string, headers: HeaderLines = []) =>
    request('GET', [['Host', host], ...headers]);

  it("keeps one answer for the page's origin, which is fixed per session", () => {
    const plan = compileResponsePlan(
      config({
        cors: { allowOrigin: { value: '{{origin}}/' } },
        actual: { headers: [['X-Page', '{{origin:upper}}']] },
      }),
    );
    const first = plan(
      withHost('localhost:5174', [['Origin', 'http://a.test']]),
      route('/one'),
      origins,
    );
    const again = plan(withHost('127.0.0.1:5174', [['Origin', 'null']]), route('/two'), origins);
    expect(again).toBe(first);
    expect(first.response.headers.slice(0, 1)).toEqual([
      ['Access-Control-Allow-Origin', 'http://localhost:5173/'],
    ]);
    expect(first.response.headers).toContainEqual(['X-Page', 'HTTP://LOCALHOST:5173']);
  });

  it('keeps an answer per target for {{target}}, and per Origin for {{request-origin}}', () => {
    const plan = compileResponsePlan(
      config({
        actual: {
          headers: [
            ['X-Target', '{{target}}'],
            ['X-Echo', '{{request-origin}}'],
          ],
        },
      }),
    );
    const answer = (host: string, origin?: string) =>
      plan(withHost(host, origin === undefined ? [] : [['Origin', origin]]), route(), origins)
        .response;
    const sameSite = answer('localhost:5174', 'http://a.test');
    expect(answer('localhost:5174', 'http://a.test')).toBe(sameSite);
    expect(sameSite.headers.slice(0, 2)).toEqual([
      ['X-Target', 'http://localhost:5174'],
      ['X-Echo', 'http://a.test'],
    ]);
    expect(answer('127.0.0.1:5174', 'http://a.test').headers[0]).toEqual([
      'X-Target',
      'http://127.0.0.1:5174',
    ]);
    expect(answer('localhost:5174', 'null').headers[1]).toEqual(['X-Echo', 'null']);
    // Without an Origin, the line that reflects it is not written.
    expect(answer('localhost:5174').headers.map(([name]) => name)).not.toContain('X-Echo');
  });

  it('takes the page origin from where the plan is served', () => {
    const plan = compileResponsePlan(config({ actual: { headers: [['X-Page', '{{origin}}']] } }));
    const { response } = plan(withHost('localhost:1'), route(), {
      ...origins,
      page: 'http://p.test',
    });
    expect(response.headers[0]).toEqual(['X-Page', 'http://p.test']);
  });
});

describe('AnswerCache', () => {
  const answer = (size: number): PlannedResponse => {
    const bytes = Buffer.alloc(size);
    return { response: { status: 200, reason: 'OK', headers: [], body: bytes, bytes }, delayMs: 0 };
  };

  it('never holds more than its count', () => {
    const cache = new AnswerCache();
    for (let i = 0; i < 10 * MAX_KEPT_ANSWERS; i += 1) cache.set(`k${i}`, answer(10));
    expect(cache.size).toBe(MAX_KEPT_ANSWERS);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get(`k${10 * MAX_KEPT_ANSWERS - 1}`)).toBeDefined();
  });

  it('never holds more than its size, and never keeps a large answer', () => {
    const cache = new AnswerCache();
    // Each costs about a sixteenth of the budget (its bytes are counted twice).
    for (let i = 0; i < MAX_KEPT_ANSWERS; i += 1) cache.set(`k${i}`, answer(MAX_KEPT_BYTES / 32));
    expect(cache.size).toBeLessThanOrEqual(16);
    cache.set('large', answer(MAX_KEPT_BYTES / 8));
    expect(cache.get('large')).toBeUndefined();
  });
});

describe('reason phrases', () => {
  it('are the ones a Node server writes, for every status Node knows', () => {
    for (let status = 100; status < 600; status++) {
      expect(reasonPhrase(status), String(status)).toBe(STATUS_CODES[status] ?? '');
    }
  });
});
