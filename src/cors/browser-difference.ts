/**
 * Where another browser would part from this one on the same exchange. The model plays the
 * exchange twice on the same wire, once with each browser's profile (`EvaluateInput.browser`),
 * and this compares the two verdicts step by step: the first step where they part is the
 * difference, since everything after it follows from it. It reads only the verdicts, so every
 * departure the profiles model shows up here without naming it.
 *
 * @module
 */
import type { Stage } from './errors.ts';
import type { PreflightDecision, Verdict } from './evaluate.ts';
import type { DroppedHeader } from './request.ts';

/** A verdict that ends before the response is read: blocked, failed, or refused. */
export type StoppedVerdict = Verdict & {
  readonly outcome: 'blocked' | 'network-error' | 'type-error';
};

/** How the other browser's verdict on the same wire parts from this one's. */
export type BrowserDifference =
  | {
      /** One browser sends a preflight for this URL, the other does not. */
      readonly kind: 'preflight';
      readonly url: string;
      /** This browser's decision and the other's. */
      readonly here: PreflightDecision;
      readonly there: PreflightDecision;
      /**
       * The headers the browser that sends no preflight drops from the request, where the
       * other keeps them: often why it needs none.
       */
      readonly dropped: readonly DroppedHeader[];
    }
  | {
      /** Both need a preflight for this URL; one's preflight cache answers it, the other's not. */
      readonly kind: 'preflight-cache';
      readonly url: string;
      readonly here: PreflightDecision;
      readonly there: PreflightDecision;
    }
  | {
      /**
       * This browser stopped where the other goes on: the other passes the check that failed
       * here, and either lets the page read the response or stops later (`there`). When it
       * would go past what this browser sent, `there` ends waiting for an answer the wire does
       * not hold (a `no-response` network error).
       */
      readonly kind: 'goes-further';
      readonly here: StoppedVerdict;
      readonly there: Verdict;
    }
  | {
      /** The other browser stops earlier than this one, or at the same step for another reason. */
      readonly kind: 'stops-sooner';
      readonly here: Verdict;
      readonly there: StoppedVerdict;
    };

// Within one URL, fetch() is refused before sending, then the preflight is checked, then the
// response (a redirect's checks are the response's).
const STAGE_RANK: Readonly<Record<Stage, number>> = {
  request: 0,
  preflight: 1,
  actual: 2,
  redirect: 2,
};

function isStopped(verdict: Verdict): verdict is StoppedVerdict {
  return verdict.outcome !== 'allowed';
}

/** How far a verdict got: later steps are larger; a response JavaScript reads is the end. */
function reach(verdict: Verdict): number {
  if (!isStopped(verdict)) return Number.POSITIVE_INFINITY;
  return Math.max(verdict.hops.length - 1, 0) * 3 + STAGE_RANK[verdict.stage];
}

/** What a stopped verdict stopped for, compared across browsers. */
function stopReason(verdict: StoppedVerdict): string {
  switch (verdict.outcome) {
    case 'blocked':
      return `${verdict.failure.corsError} ${verdict.failure.failedParameter}`;
    case 'network-error':
      return verdict.networkError.reason;
    case 'type-error':
      return verdict.typeError.kind;
  }
}

/** The headers `verdict`'s request dropped that `other`'s kept. */
function droppedOnly(verdict: Verdict, other: Verdict): readonly DroppedHeader[] {
  const dropped = (of: Verdict) => (of.outcome === 'type-error' ? [] : of.request.dropped);
  const kept = new Set(dropped(other).map((header) => header.name.toLowerCase()));
  return dropped(verdict).filter((header) => !kept.has(header.name.toLowerCase()));
}

/** How the two browsers' preflight decisions for the URL at `index` differ, if they do. */
function preflightDifference(
  here: Verdict,
  there: Verdict,
  index: number,
): BrowserDifference | undefined {
  const [hop, other] = [here.hops[index], there.hops[index]];
  if (hop === undefined || other === undefined) return undefined;
  const [a, b] = [hop.preflight, other.preflight];
  if (a.needed !== b.needed) {
    const dropped = a.needed ? droppedOnly(there, here) : droppedOnly(here, there);
    return { kind: 'preflight', url: hop.url, here: a, there: b, dropped };
  }
  if (a.needed && a.servedFromCache !== b.servedFromCache) {
    return { kind: 'preflight-cache', url: hop.url, here: a, there: b };
  }
  return undefined;
}

/**
 * The first step where `there` (the other browser's verdict on the same wire) parts from
 * `here`; undefined when both browsers would do the same.
 */
export function browserDifference(here: Verdict, there: Verdict): BrowserDifference | undefined {
  for (const index of here.hops.keys()) {
    const difference = preflightDifference(here, there, index);
    if (difference !== undefined) return difference;
  }
  if (isStopped(here) && reach(there) > reach(here)) return { kind: 'goes-further', here, there };
  if (!isStopped(there)) return undefined;
  const same =
    isStopped(here) &&
    reach(there) === reach(here) &&
    here.outcome === there.outcome &&
    stopReason(here) === stopReason(there);
  return same ? undefined : { kind: 'stops-sooner', here, there };
}
