import {
  API_PREFIX,
  type ExchangeLogEntry,
  type ExchangeLogPage,
} from '../../../scenario/control-api.ts';
import type { JsOutcome } from '../../../scenario/js-outcome.ts';
import { answerGivenToJs } from '../../../scenario/wire-hops.ts';
import { getExchangeLog } from './get-exchange-log.ts';

/** What the stream uses of an `EventSource`. */
export interface LogEventSource {
  readonly readyState: number;
  addEventListener(type: 'entry' | 'end' | 'error', listener: (event: Event) => void): void;
  close(): void;
}

/** `EventSource.CLOSED`: the source gave up and will not reconnect (e.g. a 404). */
const CLOSED = 2;
/**
 * How long a settled fetch waits for its answer to come down the stream before reading the log
 * instead: an answer served from the HTTP cache, or a stream that is reconnecting, never comes.
 */
export const ANSWER_WAIT_MS = 200;
/** The most entries held for the next exchange: as many as the server's ring keeps. */
export const MAX_HELD_ENTRIES = 200;
/** An `after` past any sequence number: the log's position without its entries. */
const POSITION_ONLY = 999_999_999_999_999;

/**
 * A session's exchange log as it is written, pushed over the control API's server-sent events,
 * so a settled fetch() finds its entries already in the page instead of reading the log after
 * it. Entries come in log order, and every request of an exchange is logged before its
 * response is written, so once the entry of the response JavaScript got has arrived, so has
 * everything before it. Where JavaScript got no response to name (a rejection, an opaque
 * response), or the stream cannot vouch for what it holds, `take` reads the log once instead.
 */
export class ExchangeLogStream {
  /** The last sequence number an exchange has taken: later entries are the next one's. */
  #cursor = 0;
  /** Entries after the cursor, oldest first, as they came. */
  #held: ExchangeLogEntry[] = [];
  /** The newest entry dropped unheld (over `MAX_HELD_ENTRIES`). */
  #lostThrough = 0;
  #source: LogEventSource | undefined;
  #closed = false;
  #paused = false;
  /** Set once the log's position is known: the stream can open. */
  #positioned = false;
  readonly #changed = new Set<() => void>();
  readonly #read: (after: number) => Promise<ExchangeLogPage>;
  readonly #open: (after: number) => LogEventSource;
  /** Finding the log's position: kept while it is under way or done, dropped once it fails. */
  #positioning: Promise<void> | undefined;

  constructor(
    read: (after: number) => Promise<ExchangeLogPage>,
    open: (after: number) => LogEventSource,
  ) {
    this.#read = read;
    this.#open = open;
    void this.ready;
  }

  /**
   * Settles once the log's position is known and the stream opening; rejects if it cannot be.
   * A failed attempt (the server restarting, a passing 5xx) is made again by the next caller,
   * so one bad moment does not stop every later send.
   */
  get ready(): Promise<void> {
    if (this.#positioning === undefined) {
      const positioning = this.#read(POSITION_ONLY).then((page) => {
        this.#cursor = page.nextSeq - 1;
        this.#positioned = true;
        if (!this.#paused) this.resume();
      });
      this.#positioning = positioning;
      // The failure reaches whoever awaits `ready` (the next send); it is no unhandled rejection.
      positioning.catch(() => {
        if (this.#positioning === positioning) this.#positioning = undefined;
      });
    }
    return this.#positioning;
  }

  /**
   * Lets go of the stream until `resume`. An open stream holds one of the connections a
   * browser allows per host (6 in Chromium, for all its tabs together), so a hidden tab lets
   * go of its own; meanwhile `take` reads the log.
   */
  pause(): void {
    this.#paused = true;
    this.#source?.close();
    this.#source = undefined;
    this.#notify();
  }

  /** Follows the log again, from the newest entry this stream knows of. */
  resume(): void {
    this.#paused = false;
    if (this.#closed || !this.#positioned || this.#source !== undefined) return;
    // A reconnecting EventSource sends Last-Event-ID, the last entry's seq, and the server
    // replays what followed it; before any entry it asks again from this position.
    const source = this.#open(this.#held.at(-1)?.seq ?? this.#cursor);
    source.addEventListener('entry', (event) => {
      this.#receive(JSON.parse((event as MessageEvent<string>).data) as ExchangeLogEntry);
    });
    source.addEventListener('end', () => this.close());
    source.addEventListener('error', () => {
      if (source.readyState === CLOSED) this.close();
    });
    this.#source = source;
  }

  /**
   * The entries of the exchange whose fetch() just settled with `js`, sent at `sentAt` (ms
   * since the epoch), and moves the cursor past them.
   */
  async take(js: JsOutcome, sentAt: number): Promise<ExchangeLogEntry[]> {
    const isAnswer = answerGivenToJs(js);
    // A cancelled request answered late (a delay) may be logged during this exchange, with the
    // same URL and status: it was received before this fetch began, so it is not this answer.
    const answer =
      isAnswer === undefined
        ? undefined
        : await this.#waitFor((entry) => entry.receivedAt >= sentAt && isAnswer(entry));
    let entries: ExchangeLogEntry[];
    if (answer === undefined) {
      const page = await this.#read(this.#cursor);
      entries = page.entries;
      this.#cursor = page.nextSeq - 1;
    } else {
      entries = this.#held.filter((entry) => entry.seq <= answer.seq);
      this.#cursor = answer.seq;
    }
    this.#held = this.#held.filter((entry) => entry.seq > this.#cursor);
    return entries;
  }

  close(): void {
    this.#closed = true;
    this.#source?.close();
    this.#source = undefined;
    this.#notify();
  }

  #receive(entry: ExchangeLogEntry): void {
    // A reconnected stream replays after its Last-Event-ID: anything not newer is a repeat.
    if (entry.seq <= (this.#held.at(-1)?.seq ?? this.#cursor)) return;
    this.#held.push(entry);
    if (this.#held.length > MAX_HELD_ENTRIES) {
      this.#lostThrough = this.#held.shift()?.seq ?? this.#lostThrough;
    }
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#changed) listener();
  }

  /** The first held entry `matches` accepts, once it is there; undefined if the stream cannot tell. */
  #waitFor(matches: (entry: ExchangeLogEntry) => boolean): Promise<ExchangeLogEntry | undefined> {
    return new Promise((resolve) => {
      const finish = (entry: ExchangeLogEntry | undefined): void => {
        clearTimeout(timer);
        this.#changed.delete(check);
        resolve(entry);
      };
      const check = (): void => {
        if (this.#source === undefined || this.#lostThrough > this.#cursor) finish(undefined);
        else {
          const found = this.#held.find(matches);
          if (found !== undefined) finish(found);
        }
      };
      const timer = setTimeout(() => finish(undefined), ANSWER_WAIT_MS);
      this.#changed.add(check);
      check();
    });
  }
}

/** Opens the stream of a session's log (`GET /sessions/:id/log/stream`). */
export function streamExchangeLog(sessionId: string): ExchangeLogStream {
  const base = `${API_PREFIX}/sessions/${encodeURIComponent(sessionId)}/log`;
  return new ExchangeLogStream(
    (after) => getExchangeLog(sessionId, after),
    (after) => new EventSource(`${base}/stream?after=${after}`),
  );
}
