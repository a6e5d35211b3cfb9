import { describe, expect, it } from 'vitest';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';
import { parseTargetRoute } from '../src/scenario/request-url.ts';
import { serverConfigSchema, type ServerConfigInput } from '../src/scenario/server-config.ts';
import { targetAnswer } from '../src/scenario/target-answer.ts';
import type { RawRequest } from './http/request-reader.ts';
import { planOrigins } from './origins.ts';
import { compileResponsePlan } from './response-plan.ts';

// The prediction plays the exchange against targetAnswer; the target writes from its compiled
// plan. Both must give every request the same status and the same header lines.

const origins = planOrigins({ app: 5173, target: 5174, second: 5175 });
const ORIGIN = 'http://localhost:5173';
const HOST = 'localhost:5174';

const configs: Record<string, Omit<ServerConfigInput, 'version'>> = {
  default: {},
  reflecting: {
    cors: { allowOrigin: 'reflect', allowHeaders: 'reflect', allowMethods: ['PUT'], maxAge: 60 },
  },
  'allow-list and overrides': {
    cors: { allowOrigin: { allowList: [ORIGIN] }, exposeHeaders: '*', allowCredentials: true },
    preflight: { cors: { allowOrigin: '*' }, headers: [['X-Pre', '1']] },
    actual: {
      status: 201,
      cors: { allowCredentials: null },
      headers: [['ETag', '"v1"']],
      cookies: [{ name: 'a', value: '1', sameSite: 'None', secure: true }],
      body: { text: 'héllo ✓', contentType: 'text/plain' },
    },
  },
  'no content': { cors: { allowOrigin: '*' }, actual: { status: 204 } },
  'no Content-Type': { actual: { body: { contentType: null, text: 'ok' } } },
  'its own Content-Type': { actual: { headers: [['content-type', 'text/html']] } },
  fallthrough: { cors: { allowOrigin: '*' }, preflight: { handling: { kind: 'fallthrough' } } },
  'preflight redirect': {
    cors: { allowOrigin: '*' },
    preflight: { handling: { kind: 'redirect', status: 307, to: 'second' } },
  },
  'redirect hops': {
    cors: { allowOrigin: '*' },
    actual: {
      redirects: [
        { status: 302, to: 'crossSite', cors: true },
        { status: 308, to: 'second', cors: false },
      ],
    },
  },
  placeholders: {
    cors: {
      allowOrigin: { allowList: ['{{origin}}'] },
      allowCredentials: { value: '{{request-origin}}' },
    },
    preflight: {
      cors: { allowOrigin: { value: '{{origin}}/' } },
      headers: [['X-T', '{{target}}']],
    },
    actual: { headers: [['x-origin', '{{origin:upper}}']] },
  },
  'hops of their own, and a raw response after them': {
    cors: { allowOrigin: 'reflect' },
    actual: {
      redirects: [
        {
          status: 302,
          to: 'crossSite',
          cors: { allowOrigin: { value: '{{request-origin}}' }, allowHeaders: ['X-A'] },
          headers: [['Cache-Control', 'no-store']],
        },
        { status: 308, to: 'second', cors: false, headers: [['X-Hop', '2']] },
      ],
    },
    raw: { actual: { status: 200, headers: [['Access-Control-Allow-Origin', 'null']] } },
  },
  'a hop in raw lines, then a built response': {
    cors: { allowOrigin: 'reflect' },
    actual: {
      redirects: [
        {
          status: 301,
          to: 'crossSite',
          raw: {
            reason: 'Gone There',
            headers: [
              ['Location', '{{location}}'],
              ['Access-Control-Allow-Origin', '{{request-origin}}'],
              ['X-O', '{{origin:upper}} {{target}}'],
              ['Content-Length', '0'],
            ],
          },
        },
      ],
    },
  },
  'raw with placeholders': {
    raw: {
      actual: {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', '{{request-origin}}'],
          ['access-control-allow-origin', '{{origin}}'],
          ['X-Target', '{{target}}'],
        ],
      },
    },
  },
  raw: {
    raw: {
      preflight: {
        status: 200,
        reason: 'Fine',
        headers: [
          ['a', '1'],
          ['A', '2'],
        ],
        body: '',
      },
      actual: { status: 200, reason: 'OK', headers: [['X', 'y']], body: 'abc' },
    },
  },
};

const requests: Record<string, RawRequest> = {
  'a GET': get('/s/abc/items?x=1', [['Origin', ORIGIN]]),
  'a GET without Origin': get('/s/abc/items', []),
  'a GET after the first redirect': get('/s/abc/_hop/1/items', [['Origin', 'null']]),
  'a GET after the second redirect': get('/s/abc/_hop/2/items', [['Origin', 'null']]),
  'a preflight': {
    ...get('/s/abc/items', [
      ['Origin', ORIGIN],
      ['Access-Control-Request-Method', 'PUT'],
      ['Access-Control-Request-Headers', 'authorization,x-a'],
    ]),
    method: 'OPTIONS',
  },
  'a preflight from another origin': {
    ...get('/s/abc/items', [
      ['Origin', 'http://other.test'],
      ['Access-Control-Request-Method', 'PUT'],
    ]),
    method: 'OPTIONS',
  },
};

function get(target: string, headers: HeaderLines): RawRequest {
  const lines: HeaderLines = [['Host', HOST], ...headers];
  return { method: 'GET', target, httpVersion: '1.1', headers: lines, body: Buffer.alloc(0) };
}

const header = (request: RawRequest, name: string): string | undefined =>
  request.headers.find(([candidate]) => candidate.toLowerCase() === name.toLowerCase())?.[1];

describe('the predicted answer is the one the target writes', () => {
  for (const [configName, input] of Object.entries(configs)) {
    const config = serverConfigSchema.parse({ version: 1, ...input });
    const plan = compileResponsePlan(config);
    it.each(Object.entries(requests))(`${configName}: %s`, (_name, request) => {
      const route = parseTargetRoute(request.target);
      if (route === undefined) throw new Error(`not a target route: ${request.target}`);
      const { response } = plan(request, route, origins);
      const predicted = targetAnswer(
        config,
        {
          preflight: header(request, 'Access-Control-Request-Method') !== undefined,
          route,
          pageOrigin: origins.page,
          targetOrigin: `http://${HOST}`,
          origin: header(request, 'Origin'),
          requestHeaders: header(request, 'Access-Control-Request-Headers'),
        },
        origins,
      );
      expect({ status: predicted.status, headers: predicted.headers }).toEqual({
        status: response.status,
        headers: response.headers,
      });
    });
  }
});
