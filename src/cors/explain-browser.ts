/**
 * The words for what differs between browsers: how another browser would have handled the
 * same exchange, from the model's verdict for its profile on the same wire
 * (`browser-difference.ts`).
 *
 * @module
 */
import { BROWSER_LABELS, type BrowserName } from './browser.ts';
import type { BrowserDifference, StoppedVerdict } from './browser-difference.ts';
import { STAGE_WORDS } from './errors.ts';
import type { Verdict, Warning } from './evaluate.ts';
import {
  explain,
  explainCacheLookup,
  explainDroppedHeader,
  explainPreflightReason,
  type BrowserContext,
} from './explain.ts';

/** The browser the model compares `browser` with. */
export function otherBrowser(browser: BrowserName): BrowserName {
  return browser === 'chromium' ? 'firefox' : 'chromium';
}

/** Why a browser passes where the spec (and so another browser) would not: its leniency. */
const LENIENCY_WORDS: Readonly<Record<Warning, string>> = {
  'authorization-covered-by-wildcard':
    'it lets `Access-Control-Allow-Headers: *` cover Authorization, where the spec wants it listed by name',
};

/** " because …" from the leniencies `verdict` relied on and `other` did not; empty if none. */
function because(verdict: Verdict, other: Verdict): string {
  const leniencies = verdict.warnings
    .filter((warning) => !other.warnings.includes(warning))
    .map((warning) => LENIENCY_WORDS[warning]);
  return leniencies.length === 0 ? '' : ` because ${leniencies.join(', and ')}`;
}

/** Where a stopped verdict stopped, and the check, as its browser names it. */
function stoppedAt(verdict: StoppedVerdict, context: BrowserContext): string {
  const { check } = explain(verdict, undefined, context);
  return `${STAGE_WORDS[verdict.stage]}${check === undefined ? '' : ` (${check})`}`;
}

type WaitingVerdict = Verdict & { readonly outcome: 'network-error' };

/** Whether a verdict ends waiting for an answer that is not on this wire. */
const waitsForAnswer = (verdict: Verdict): verdict is WaitingVerdict =>
  verdict.outcome === 'network-error' && verdict.networkError.reason === 'no-response';

/** What the next request was, for a verdict that ends waiting for its answer. */
function nextRequest(verdict: WaitingVerdict): string {
  return verdict.stage === 'preflight'
    ? `a preflight to ${verdict.url}`
    : `the request itself to ${verdict.url}`;
}

/**
 * How the other browser would have handled this exchange, in one or two sentences: `here` is
 * the browser the exchange ran in, `there` the other one, each with the wire it was judged on.
 */
export function explainBrowserDifference(
  difference: BrowserDifference,
  here: BrowserContext,
  there: BrowserContext,
): string {
  const [us, them] = [BROWSER_LABELS[here.browser], BROWSER_LABELS[there.browser]];
  switch (difference.kind) {
    case 'preflight': {
      if (difference.there.needed) {
        const reasons = difference.there.reasons.map(explainPreflightReason).join(' ');
        return `${them} would send a preflight (OPTIONS) to ${difference.url} first, where ${us} sent none: ${reasons} What happens next would depend on the server's answer to it.`;
      }
      const needs = difference.here.reasons.map(explainPreflightReason).join(' ');
      const dropped = difference.dropped.map(explainDroppedHeader).join(' ');
      return `${them} would send no preflight to ${difference.url}, where ${us} needs one: ${needs}${dropped === '' ? '' : ` ${dropped}`}`;
    }
    case 'preflight-cache': {
      const lookup =
        difference.there.cache === undefined
          ? ''
          : ` ${explainCacheLookup(difference.there.cache, there.browser)}`;
      return difference.there.servedFromCache
        ? `${them} would answer the preflight to ${difference.url} from its preflight cache, where ${us} sent one.${lookup}`
        : `${them} would send a preflight to ${difference.url}, where ${us} answered it from its preflight cache.${lookup}`;
    }
    case 'goes-further': {
      const failed = stoppedAt(difference.here, here);
      const thereVerdict = difference.there;
      const passes = `${them} would not stop ${failed}${because(thereVerdict, difference.here)}`;
      if (thereVerdict.outcome === 'allowed') {
        return `${passes}: it would let the page read the response.`;
      }
      if (waitsForAnswer(thereVerdict)) {
        return `${passes}: it would go on to send ${nextRequest(thereVerdict)}, which ${us} never sent, so how it ends there is not on this wire.`;
      }
      return `${passes}, but would stop later, ${stoppedAt(thereVerdict, there)}: ${explain(thereVerdict, undefined, there).headline}`;
    }
    case 'stops-sooner': {
      const thereVerdict = difference.there;
      if (waitsForAnswer(thereVerdict)) {
        return `${them} would send ${nextRequest(thereVerdict)}, which ${us} did not, so how it ends there is not on this wire.`;
      }
      const verb = thereVerdict.outcome === 'blocked' ? 'block' : 'fail';
      const { headline } = explain(thereVerdict, undefined, there);
      if (difference.here.outcome !== 'allowed') {
        return `${them} would ${verb} this too, but ${stoppedAt(thereVerdict, there)}: ${headline}`;
      }
      const lets = `${us} lets it through${because(difference.here, thereVerdict)}`;
      return `${them} would ${verb} this ${stoppedAt(thereVerdict, there)} (${lets}): ${headline}`;
    }
  }
}

/**
 * Which browser the explanations speak for: the page's own, named as detected (`name`), or,
 * for a browser the model has no profile for, the one whose profile stands in.
 */
export function explainPageBrowser(name: string, profile: BrowserName, modelled: boolean): string {
  const them = BROWSER_LABELS[otherBrowser(profile)];
  return modelled
    ? `Explained as ${name} behaves: its checks, console lines and errors, with a note wherever ${them} would differ.`
    : `${name} is neither Chromium nor Firefox: the explanations follow ${BROWSER_LABELS[profile]}, and ${name} may differ. What JavaScript saw and what crossed the wire are always this browser's own.`;
}
