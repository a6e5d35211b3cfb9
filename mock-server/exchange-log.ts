import type { ExchangeLogEntry, ExchangeLogPage } from '../src/scenario/control-api.ts';

export const DEFAULT_LOG_CAPACITY = 200;

/** Told of each new entry, or of the log's end (session gone) with `undefined`. */
export type LogListener = (entry: ExchangeLogEntry | undefined) => void;

/**
 * A session's exchanges in a fixed-size ring: the oldest drop off, so memory stays
 * bounded whatever the traffic.
 */
export class ExchangeLog {
  readonly #slots: (ExchangeLogEntry | undefined)[];
  readonly #listeners = new Set<LogListener>();
  #nextSeq = 1;
  /** Entries below this sequence number were cleared. */
  #firstSeq = 1;

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {
    this.#slots = new Array<ExchangeLogEntry | undefined>(capacity);
  }

  append(entry: Omit<ExchangeLogEntry, 'seq'>): ExchangeLogEntry {
    const logged = { seq: this.#nextSeq, ...entry };
    this.#slots[this.#nextSeq % this.capacity] = logged;
    this.#nextSeq += 1;
    for (const listener of this.#listeners) listener(logged);
    return logged;
  }

  /** Entries with `seq` greater than `after`, oldest first. */
  list(after = 0): ExchangeLogPage {
    const oldest = Math.max(after + 1, this.#nextSeq - this.capacity, this.#firstSeq);
    const entries: ExchangeLogEntry[] = [];
    for (let seq = oldest; seq < this.#nextSeq; seq += 1) {
      const entry = this.#slots[seq % this.capacity];
      if (entry !== undefined) entries.push(entry);
    }
    return { entries, nextSeq: this.#nextSeq };
  }

  /** Forgets every entry. Sequence numbers go on from where they were, never reused. */
  clear(): void {
    this.#slots.fill(undefined);
    this.#firstSeq = this.#nextSeq;
  }

  /** Calls `listener` with each new entry until the returned function is called. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every subscription: the session is gone. */
  close(): void {
    for (const listener of this.#listeners) listener(undefined);
    this.#listeners.clear();
  }
}
