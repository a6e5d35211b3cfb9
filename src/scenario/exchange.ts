import type { PreflightCache } from '../cors/preflight-cache.ts';
import type { ExchangeLogEntry } from './control-api.ts';
import type { JsOutcome } from './js-outcome.ts';
import type { RequestDraft } from './request-draft.ts';

/** One exchange as the page recorded it: what it asked, what JavaScript saw, the wire. */
export interface ExchangeRecord {
  /** Numbers this tab's exchanges from 1. */
  id: number;
  draft: RequestDraft;
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
  /** The browser's preflight cache before this fetch, as the model tracks it. */
  cacheBefore: PreflightCache;
}
