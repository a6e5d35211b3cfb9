import { describe, expect, it } from 'vitest';
import { browserDifference, type BrowserDifference } from './browser-difference.ts';
import { evaluate, type EvaluateInput, type WireHop } from './evaluate.ts';
import type { BrowserContext } from './explain.ts';
import { explainBrowserDifference, explainPageBrowser } from './explain-browser.ts';
import type { Header } from './headers.ts';
import type { PreflightCache } from './preflight-cache.ts';
import type { RequestDraft } from './request.ts';
import {
  ALLOW_PAGE,
  TEST_PAGE as PAGE,
  TEST_TARGET as TARGET,
  testDraft as draft,
} from './test-drafts.ts';

// The comparison reads only the two verdicts. Where the profiles do not part yet, the rows
// make the two verdicts differ through what each is evaluated on (the cache, the wire, the
// draft), as a departure would.

const run = (
  overrides: Partial<RequestDraft>,
  hops: WireHop[],
  extra: Partial<EvaluateInput> = {},
) => evaluate({ draft: draft(overrides), hops, now: 0, ...extra });

const PUT = { method: 'PUT' };
const allowPut: WireHop['preflight'] = {
  status: 204,
  headers: [ALLOW_PAGE, ['Access-Control-Allow-Methods', 'PUT']],
};
const ok = { status: 200, headers: [ALLOW_PAGE] };
const bare = { status: 200, headers: [] };
const cached: PreflightCache = [
  {
    origin: PAGE,
    url: TARGET,
    credentials: false,
    methods: ['PUT'],
    headerNames: [],
    storedAt: 0,
    maxAge: 600,
  },
];
const here: BrowserContext = { browser: 'firefox', wire: [] };
const there: BrowserContext = { browser: 'chromium', wire: [] };

/** A difference in words, which must exist. */
function words(
  difference: BrowserDifference | undefined,
  ours: BrowserContext,
  theirs: BrowserContext,
): string {
  expect(difference).toBeDefined();
  return difference === undefined ? '' : explainBrowserDifference(difference, ours, theirs);
}

describe('browserDifference', () => {
  it('none when both browsers would do the same', () => {
    const verdict = run(PUT, [{ preflight: allowPut, response: ok }]);
    expect(browserDifference(verdict, verdict)).toBeUndefined();
    const blocked = run({}, [{ response: bare }]);
    expect(browserDifference(blocked, run({}, [{ response: bare }]))).toBeUndefined();
  });

  it('the preflight cache: one answers from it, the other sends the OPTIONS', () => {
    const wire = [{ preflight: allowPut, response: ok }];
    const difference = browserDifference(run(PUT, wire), run(PUT, wire, { cache: cached }));
    expect(difference).toMatchObject({ kind: 'preflight-cache', url: TARGET });
    expect(words(difference, here, there)).toBe(
      `Chromium would answer the preflight to ${TARGET} from its preflight cache, where Firefox sent one. Preflight served from cache: an earlier preflight for this origin and URL still covers the request.`,
    );
    const back = browserDifference(
      run(PUT, [{ response: ok }], { cache: cached }),
      run(PUT, [{ response: ok }]),
    );
    expect(words(back, here, there)).toMatch(
      /^Chromium would send a preflight to \S+, where Firefox answered it from its preflight cache\. No preflight is cached/,
    );
  });

  it('a preflight one browser sends and the other does not, and why', () => {
    const custom = { headers: [['X-Custom', '1']] as Header[] };
    const difference = browserDifference(
      run({}, [{ response: ok }]),
      run(custom, [{ response: ok }]),
    );
    expect(difference).toMatchObject({ kind: 'preflight', there: { needed: true } });
    expect(words(difference, here, there)).toBe(
      `Chromium would send a preflight (OPTIONS) to ${TARGET} first, where Firefox sent none: x-custom is not a CORS-safelisted request header. What happens next would depend on the server's answer to it.`,
    );
    const reverse = browserDifference(run(custom, [{ response: ok }]), run({}, [{ response: ok }]));
    expect(words(reverse, here, there)).toBe(
      `Chromium would send no preflight to ${TARGET}, where Firefox needs one: x-custom is not a CORS-safelisted request header.`,
    );
  });

  it('the browser that sends no preflight says which header it dropped instead', () => {
    // Chromium drops User-Agent (a name the spec no longer forbids) and needs no preflight.
    const ua = { headers: [['User-Agent', 'probe']] as Header[] };
    const chromium = run(ua, [{ response: ok }]);
    const needsOne = run({ headers: [['X-Probe', '1']] }, [{ preflight: allowPut, response: ok }]);
    const difference = browserDifference(needsOne, chromium);
    expect(difference).toMatchObject({ kind: 'preflight', dropped: [{ name: 'User-Agent' }] });
    expect(words(difference, here, there)).toMatch(
      /^Chromium would send no preflight to \S+, where Firefox needs one: x-probe is not a CORS-safelisted request header\. Chromium drops User-Agent without an error/,
    );
  });

  it('the other browser passes the check that failed here, and reads the response', () => {
    const difference = browserDifference(
      run({}, [{ response: bare }]),
      run({}, [{ response: ok }]),
    );
    expect(difference).toMatchObject({ kind: 'goes-further' });
    expect(words(difference, here, there)).toBe(
      'Chromium would not stop at the response (CORSMissingAllowOrigin): it would let the page read the response.',
    );
  });

  it('says which leniency the other browser relied on, and this one did not', () => {
    const auth = { method: 'PUT', headers: [['Authorization', 'Bearer x']] as Header[] };
    const preflight = (allowHeaders: string): WireHop['preflight'] => ({
      status: 204,
      headers: [
        ALLOW_PAGE,
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', allowHeaders],
      ],
    });
    const strict = run(auth, [{ preflight: preflight('X-Other') }]);
    const lenient = run(auth, [{ preflight: preflight('*'), response: ok }]);
    expect(words(browserDifference(strict, lenient), here, there)).toBe(
      'Chromium would not stop at the preflight (CORSMissingAllowHeaderFromPreflight) because it lets `Access-Control-Allow-Headers: *` cover Authorization, where the spec wants it listed by name: it would let the page read the response.',
    );
  });

  it('the other browser passes the preflight and would send the request itself, not on this wire', () => {
    const failed = run(PUT, [{ preflight: { status: 204, headers: [ALLOW_PAGE] } }]);
    const passes = run(PUT, [{ preflight: allowPut }]);
    const difference = browserDifference(failed, passes);
    expect(difference).toMatchObject({ kind: 'goes-further' });
    expect(words(difference, here, there)).toBe(
      `Chromium would not stop at the preflight (CORSMethodNotFound): it would go on to send the request itself to ${TARGET}, which Firefox never sent, so how it ends there is not on this wire.`,
    );
  });

  it('the other browser passes the preflight but stops at the response', () => {
    const failed = run(PUT, [{ preflight: { status: 204, headers: [ALLOW_PAGE] } }]);
    const later = run(PUT, [{ preflight: allowPut, response: bare }]);
    expect(words(browserDifference(failed, later), here, there)).toBe(
      `Chromium would not stop at the preflight (CORSMethodNotFound), but would stop later, at the response (MissingAllowOriginHeader): The response from ${TARGET} has no Access-Control-Allow-Origin header, so the page may not read it.`,
    );
  });

  it('the other browser blocks what passed here, or blocks it at another check', () => {
    const passed = run(PUT, [{ preflight: allowPut, response: ok }]);
    const blocked = run(PUT, [{ preflight: allowPut, response: bare }]);
    const difference = browserDifference(passed, blocked);
    expect(difference).toMatchObject({ kind: 'stops-sooner' });
    expect(words(difference, there, here)).toBe(
      `Firefox would block this at the response (CORSMissingAllowOrigin) (Chromium lets it through): The response from ${TARGET} has no Access-Control-Allow-Origin header, so the page may not read it.`,
    );
    const mismatch = run(PUT, [
      {
        preflight: allowPut,
        response: { status: 200, headers: [['Access-Control-Allow-Origin', 'http://a.test']] },
      },
    ]);
    expect(words(browserDifference(blocked, mismatch), here, there)).toBe(
      `Chromium would block this too, but at the response (AllowOriginMismatch): Access-Control-Allow-Origin from ${TARGET} is 'http://a.test', but the request came from '${PAGE}'.`,
    );
  });

  it('the other browser would make a request this one did not', () => {
    const difference = browserDifference(
      run(PUT, [{ preflight: allowPut, response: ok }]),
      run(PUT, [{ preflight: allowPut }]),
    );
    expect(words(difference, here, there)).toBe(
      `Chromium would send the request itself to ${TARGET}, which Firefox did not, so how it ends there is not on this wire.`,
    );
  });

  it('a network error or a TypeError in the other browser', () => {
    const failed = run({}, [{ response: { status: 100, headers: [] } }]);
    const difference = browserDifference(run({}, [{ response: ok }]), failed);
    expect(words(difference, there, here)).toMatch(
      /^Firefox would fail this at the response \(Chromium lets it through\): The request to \S+ got only a 1xx response/,
    );
    const refused = run({ method: 'GET', body: 'x' }, []);
    expect(browserDifference(refused, refused)).toBeUndefined();
    expect(browserDifference(run({}, [{ response: ok }]), refused)).toMatchObject({
      kind: 'stops-sooner',
    });
  });
});

describe('explainPageBrowser', () => {
  it('names the browser the explanations follow, and the one its notes compare with', () => {
    expect(explainPageBrowser('Firefox 153', 'firefox', true)).toBe(
      'Explained as Firefox 153 behaves: its checks, console lines and errors, with a note wherever Chromium would differ.',
    );
    expect(explainPageBrowser('Safari 18', 'chromium', false)).toMatch(
      /^Safari 18 is neither Chromium nor Firefox: the explanations follow Chromium, and Safari 18 may differ\./,
    );
  });
});
