import { describe, expect, it } from 'vitest';
import type { Verdict } from '../cors/evaluate.ts';
import type { RequestDraftInput } from './request-draft.ts';
import { requestDraftSchema } from './request-draft.ts';
import { serverConfigSchema, type ServerConfigInput } from './server-config.ts';
import type { ModelSummary } from './agreement.ts';
import { didWords, predict, predictionHeld, predictionSettledOnly, wouldWords } from './predict.ts';

const PAGE = 'http://localhost:5173';
const origins = {
  sameSite: 'http://localhost:5174',
  crossSite: 'http://127.0.0.1:5174',
  second: 'http://localhost:5175',
};
const URL_ = 'http://localhost:5174/s/abc/items';

function play(
  draft: RequestDraftInput,
  config?: Omit<ServerConfigInput, 'version'>,
  url = URL_,
): Verdict {
  return predict({
    request: requestDraftSchema.parse(draft),
    url,
    pageOrigin: PAGE,
    cache: [],
    now: 0,
    server:
      config === undefined
        ? undefined
        : { config: serverConfigSchema.parse({ version: 1, ...config }), origins },
  });
}

const ending = (verdict: Verdict) =>
  verdict.outcome === 'blocked'
    ? { outcome: verdict.outcome, stage: verdict.stage, corsError: verdict.failure.corsError }
    : verdict.outcome === 'network-error'
      ? { outcome: verdict.outcome, stage: verdict.stage, reason: verdict.networkError.reason }
      : { outcome: verdict.outcome };

describe('predicting the whole exchange against the current config', () => {
  it('without the config, the model waits for the first response', () => {
    expect(ending(play({}))).toEqual({
      outcome: 'network-error',
      stage: 'actual',
      reason: 'no-response',
    });
  });

  it("cache: 'only-if-cached' never asks the server, so the config plays no part", () => {
    const verdict = play(
      { target: 'sameOrigin', mode: 'same-origin', cache: 'only-if-cached' },
      { cors: { allowOrigin: '*' } },
      `${PAGE}/s/abc/items`,
    );
    expect(ending(verdict)).toEqual({
      outcome: 'network-error',
      stage: 'actual',
      reason: 'no-response',
    });
  });

  it('a simple GET passes with Access-Control-Allow-Origin: *', () => {
    expect(ending(play({}, { cors: { allowOrigin: '*' } }))).toEqual({ outcome: 'allowed' });
  });

  it('a simple GET is blocked at the response without Access-Control-Allow-Origin', () => {
    expect(ending(play({}, {}))).toEqual({
      outcome: 'blocked',
      stage: 'actual',
      corsError: 'MissingAllowOriginHeader',
    });
  });

  it('a header the preflight does not allow blocks at the preflight', () => {
    const verdict = play({ headers: [['X-Custom', '1']] }, { cors: { allowOrigin: '*' } });
    expect(ending(verdict)).toEqual({
      outcome: 'blocked',
      stage: 'preflight',
      corsError: 'HeaderDisallowedByPreflightResponse',
    });
  });

  it('reflected request headers let the preflight pass, and Max-Age fills the cache', () => {
    const verdict = play(
      { method: 'PUT', headers: [['X-Custom', '1']] },
      {
        cors: {
          allowOrigin: 'reflect',
          allowHeaders: 'reflect',
          allowMethods: ['PUT'],
          maxAge: 60,
        },
      },
    );
    expect(ending(verdict)).toEqual({ outcome: 'allowed' });
    expect(verdict.cache).toMatchObject([{ url: URL_, maxAge: 60, headerNames: ['x-custom'] }]);
  });

  it('Allow-Headers * with Authorization passes with the model’s warning', () => {
    const verdict = play(
      { headers: [['Authorization', 'Bearer x']] },
      { cors: { allowOrigin: '*', allowHeaders: '*' } },
    );
    expect(ending(verdict)).toEqual({ outcome: 'allowed' });
    expect(verdict.warnings).toEqual(['authorization-covered-by-wildcard']);
  });

  it('a preflight that reaches the route without CORS settings for it (fallthrough)', () => {
    const verdict = play(
      { method: 'PUT' },
      { cors: { allowOrigin: '*' }, preflight: { handling: { kind: 'fallthrough' } } },
    );
    expect(ending(verdict)).toEqual({
      outcome: 'blocked',
      stage: 'preflight',
      corsError: 'MethodDisallowedByPreflightResponse',
    });
  });

  it('a preflight answered with a redirect', () => {
    const verdict = play(
      { method: 'PUT' },
      {
        cors: { allowOrigin: '*', allowMethods: '*' },
        preflight: { handling: { kind: 'redirect', status: 307, to: 'second' } },
      },
    );
    expect(ending(verdict)).toEqual({
      outcome: 'blocked',
      stage: 'preflight',
      corsError: 'PreflightDisallowedRedirect',
    });
  });

  it('follows each redirect hop to the URL the target names', () => {
    const verdict = play(
      {},
      {
        cors: { allowOrigin: '*' },
        actual: {
          redirects: [
            { status: 302, to: 'crossSite', cors: true },
            { status: 307, to: 'second', cors: true },
          ],
        },
      },
    );
    expect(ending(verdict)).toEqual({ outcome: 'allowed' });
    expect(verdict.hops.map((hop) => hop.url)).toEqual([
      URL_,
      'http://127.0.0.1:5174/s/abc/_hop/1/items',
      'http://localhost:5175/s/abc/_hop/2/items',
    ]);
  });

  it('a redirect without CORS headers blocks at the redirect', () => {
    const verdict = play(
      {},
      {
        cors: { allowOrigin: '*' },
        actual: { redirects: [{ status: 302, to: 'second', cors: false }] },
      },
    );
    expect(ending(verdict)).toEqual({
      outcome: 'blocked',
      stage: 'redirect',
      corsError: 'MissingAllowOriginHeader',
    });
  });
});

describe('the prediction held against what happened, in words', () => {
  const summary = (over: Partial<ModelSummary>): ModelSummary => ({
    outcome: 'allowed',
    preflight: 'none',
    readable: [],
    hidden: [],
    ...over,
  });

  it('an opaque response resolves, JavaScript reading nothing: never "pass"', () => {
    const opaque = summary({ responseType: 'opaque', status: 0 });
    expect(predictionHeld(opaque, `it ${didWords(opaque)}`)).toBe(
      'As predicted before this request was sent: it would resolve with an opaque response JavaScript cannot read, and it resolved with an opaque response.',
    );
  });

  it('an opaque-redirect response alike', () => {
    const manual = summary({ responseType: 'opaqueredirect', status: 0 });
    expect(wouldWords(manual)).toBe(
      'resolve with an opaque-redirect response JavaScript cannot read',
    );
    expect(didWords(manual)).toBe('resolved with an opaque-redirect response');
  });

  it('with the wire against the model, only how fetch() settled is confirmed', () => {
    const blocked = summary({ outcome: 'blocked', stage: 'preflight', corsError: 'X' });
    expect(predictionSettledOnly(blocked, 'rejected')).toBe(
      "Before this request was sent, the model said it would be blocked at the preflight (X). fetch() rejected, as that implies; where and why are not confirmed, because the model's reading of the wire disagrees with what happened (see below).",
    );
  });

  it('a readable response passes; the line fits a re-send no one pressed Send for', () => {
    const cors = summary({ responseType: 'cors', status: 200 });
    expect(predictionHeld(cors, `it ${didWords(cors)}`)).toBe(
      'As predicted before this request was sent: it would pass, and it passed.',
    );
  });

  it('a block names its stage and code', () => {
    const blocked = summary({
      outcome: 'blocked',
      stage: 'preflight',
      corsError: 'HeaderDisallowedByPreflightResponse',
    });
    expect(wouldWords(blocked)).toBe(
      'be blocked at the preflight (HeaderDisallowedByPreflightResponse)',
    );
  });
});
