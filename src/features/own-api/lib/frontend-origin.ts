import type { Verdict } from '../../../cors/evaluate.ts';
import { pageOriginProblem, type ScenarioInput } from '../../../scenario/scenario.ts';
import type { UrlDraft } from '../../../scenario/request-draft.ts';

const MISMATCH = new Set(['AllowOriginMismatch', 'PreflightAllowOriginMismatch']);

/**
 * The origin the server allows instead of the page's, when its Access-Control-Allow-Origin
 * names exactly one other origin: typically the user's real frontend. Undefined otherwise
 * (`null`, a list, a value with a path or a slash: those are mistakes of their own).
 */
export function allowedOtherOrigin(verdict: Verdict): string | undefined {
  if (verdict.outcome !== 'blocked' || !MISMATCH.has(verdict.failure.corsError)) return undefined;
  const value = verdict.failure.failedParameter;
  return pageOriginProblem(value) === undefined ? value : undefined;
}

/**
 * A scenario file that plays the same request from a page on `origin`, for
 * `npx cors-playground run`: the runner serves its page at any origin, so the server sees the
 * Origin its real frontend sends. It expects the request to pass; the run says why not.
 */
export function runnerScenario(draft: UrlDraft, origin: string): ScenarioInput {
  return {
    version: 1,
    title: `${draft.method} ${draft.url} from ${origin}`,
    page: { origin },
    steps: [
      {
        // Only what differs from fetch()'s defaults, as a person would write it.
        request: {
          url: draft.url,
          method: draft.method,
          ...(draft.headers.length === 0 ? {} : { headers: draft.headers }),
          ...(draft.body === undefined ? {} : { body: draft.body }),
          ...(draft.credentials === 'same-origin' ? {} : { credentials: draft.credentials }),
        },
        expect: { outcome: 'allowed' },
      },
    ],
  };
}
