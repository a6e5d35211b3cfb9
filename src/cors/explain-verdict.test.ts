import { describe, expect, it } from 'vitest';
import { evaluate, type Verdict, type WireHop } from './evaluate.ts';
import { explain } from './explain.ts';
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
