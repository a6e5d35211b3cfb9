import type { BrowserName } from '../cors/browser.ts';
import type { PreflightCache } from '../cors/preflight-cache.ts';
import type { ModelSummary } from './agreement.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { JsOutcome } from './js-outcome.ts';
import type { SecurityLint } from './security-lints.ts';
import type { TargetDraft } from './request-draft.ts';
import type { ServerConfig } from './server-config.ts';

/** How the target answers `OPTIONS`: a handling kind of the config, or an exact raw response. */
export type PreflightHandler = ServerConfig['preflight']['handling']['kind'] | 'raw';

/** How a config has the target answer `OPTIONS` (an exact raw response replaces the rest). */
export function preflightHandlerOf(config: ServerConfig): PreflightHandler {
  return config.raw?.preflight === undefined ? config.preflight.handling.kind : 'raw';
}

/** One exchange as the page recorded it: what it asked, what JavaScript saw, the wire. */
export interface ExchangeRecord {
  /** Numbers this tab's exchanges from 1. */
  id: number;
  /** The playground's page sends to the session's targets. */
  draft: TargetDraft;
  /** The URL fetch() was called with. */
  url: string;
  pageOrigin: string;
  /** When the fetch started, in ms since the epoch. */
  sentAt: number;
  /** From the call to fetch() until JavaScript had the body or the error. */
  durationMs: number;
  js: JsOutcome;
  /** What the targets received and wrote while this fetch ran, in order. */
  wire: ExchangeLogEntry[];
  /** The browser the page ran in, as the model explains it (its profile). */
  browser: BrowserName;
  /** The browser's preflight cache before this fetch, as the model tracks it. */
  cacheBefore: PreflightCache;
  /**
   * The other browser's preflight cache before this fetch, as the model tracks it had the same
   * exchanges crossed the same wire there: what the comparison with that browser starts from.
   */
  otherCacheBefore: PreflightCache;
  /** How the target answered `OPTIONS` when this was sent, where the page knew it. */
  preflightHandler?: PreflightHandler;
  /** What the model predicted before Send, against the config then (see scenario/predict.ts). */
  prediction?: ModelSummary;
  /** The user had marked the actual response as carrying private data when this was sent. */
  privateData?: boolean;
  /** The risks the config carried when this was sent, where the page knew it. */
  risks?: SecurityLint[];
}
