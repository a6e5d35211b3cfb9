import { describe, expect, it } from 'vitest';
import { evaluate, type Verdict, type WireHop } from './evaluate.ts';
import { explain, explainWarning } from './explain.ts';
import type { Header } from './headers.ts';
import type { RequestDraft } from './request.ts';

// The verdict's own sentences (why, fix) against the response the model evaluated.

const PAGE = 'http://localhost:5173';
const TARGET = 'http://localhost:5174/s/1/x';
const ACAO: Header = ['Access-Control-Allow-Origin', PAGE];

function verdict(overrides: Partial<RequestDraft>, hops: WireHop[]): Verdict {
  return evaluate({
    draft: {
      url: TARGET,
      origin: PAGE,
      method: 'GET',
      headers: [],
      mode: 'cors',
      credentials: 'same-origin',
      redirect: 'follow',
      ...overrides,
    },
    hops,
    now: 0,
  });
}
const res = (status: number, ...headers: Header[]) => ({ status, headers });

describe('the fix for a failed preflight names everything its answer lacks', () => {
  it('the method and the header, though the check stops at the method', () => {
    const v = verdict({ method: 'PUT', headers: [['Authorization', 'Bearer t']] }, [
      { preflight: res(204, ACAO) },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Methods: PUT` and `Access-Control-Allow-Headers: authorization` in the OPTIONS response.',
    );
  });

  it('with credentials, `*` allows neither the method nor the headers', () => {
    const v = verdict({ method: 'PUT', credentials: 'include', headers: [['X-A', '1']] }, [
      {
        preflight: res(
          204,
          ACAO,
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ),
      },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Methods: PUT` and `Access-Control-Allow-Headers: x-a` in the OPTIONS response.',
    );
  });

  it('only the headers when the method is allowed', () => {
    const v = verdict({ method: 'PUT', headers: [['X-A', '1']] }, [
      { preflight: res(204, ACAO, ['Access-Control-Allow-Methods', 'PUT']) },
    ]);
    expect(explain(v).fix).toBe(
      'Send `Access-Control-Allow-Headers: x-a` in the OPTIONS response.',
    );
  });
});

describe('after a pass, the why names what the server allowed', () => {
  const allowed = (credentials: RequestDraft['credentials'], hops: WireHop[]) =>
    explain(verdict({ credentials }, hops)).why;

  it('the origin the response named, as it matched the request', () => {
    expect(allowed('same-origin', [{ response: res(200, ACAO) }])).toBe(
      `The server sent \`Access-Control-Allow-Origin: ${PAGE}\`, which matches the request's Origin, so JavaScript may read the body, the status and the safelisted or exposed headers.`,
    );
  });

  it('`*`, without credentials', () => {
    expect(
      allowed('same-origin', [{ response: res(200, ['Access-Control-Allow-Origin', '*']) }]),
    ).toBe(
      'The server sent `Access-Control-Allow-Origin: *`, which allows any origin when no credentials are included, so JavaScript may read the body, the status and the safelisted or exposed headers.',
    );
  });

  it('`null`, the Origin after a cross-origin redirect', () => {
    const why = allowed('same-origin', [
      { response: res(302, ACAO, ['Location', 'http://localhost:5175/s/1/y']) },
      { response: res(200, ['Access-Control-Allow-Origin', 'null']) },
    ]);
    expect(why).toBe(
      "The server sent `Access-Control-Allow-Origin: null`, which matches the request's Origin (`null` after the cross-origin redirect), so JavaScript may read the body, the status and the safelisted or exposed headers.",
    );
  });

  it('with credentials, both headers', () => {
    expect(
      allowed('include', [
        { response: res(200, ACAO, ['Access-Control-Allow-Credentials', 'true']) },
      ]),
    ).toBe(
      `The server sent \`Access-Control-Allow-Origin: ${PAGE}\`, which matches the request's Origin, and \`Access-Control-Allow-Credentials: true\`, so JavaScript may read the body, the status and the safelisted or exposed headers.`,
    );
  });
});

describe('Allow-Credentials: absent is not the same sentence as empty', () => {
  const include = (...headers: Header[]) =>
    explain(verdict({ credentials: 'include' }, [{ response: res(200, ACAO, ...headers) }]));

  it("absent: says it is not sent, while the console keeps Chromium's quoted ``", () => {
    const words = include();
    expect(words.headline).toBe(
      `The request includes credentials, but the response from ${TARGET} does not send Access-Control-Allow-Credentials, which must be 'true'.`,
    );
    expect(words.console).toContain(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true'",
    );
  });

  it('sent: quotes the value', () => {
    expect(include(['Access-Control-Allow-Credentials', 'True']).headline).toBe(
      `The request includes credentials, but Access-Control-Allow-Credentials from ${TARGET} is 'True', not 'true'.`,
    );
  });
});

describe('the warning for `*` covering Authorization', () => {
  it('says what happens outside Chromium and why, in one sentence', () => {
    expect(explainWarning('authorization-covered-by-wildcard')).toBe(
      'Chromium let `Access-Control-Allow-Headers: *` cover Authorization, which the spec and Firefox refuse, so in Firefox this request fails its preflight (Chromium flags it as deprecated): list `Authorization` by name.',
    );
  });
});
