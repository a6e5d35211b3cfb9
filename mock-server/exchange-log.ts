import type {
  ExchangeLogEntry,
  ExchangeLogPage,
  LoggedRequest,
  LoggedResponse,
} from '../src/scenario/control-api.ts';
import type { HeaderLines } from '../src/scenario/cors-headers.ts';

export const DEFAULT_LOG_CAPACITY = 200;
/** What one session's log may hold, counted as `entryBytes` does. */
export const DEFAULT_LOG_BYTES = 1024 * 1024;
/** What the logs of every session in the process may hold together. */
export const DEFAULT_TOTAL_LOG_BYTES = 64 * 1024 * 1024;
/** The longest header value the log keeps whole; the rest is cut, and the cut said. */
export const MAX_LOGGED_VALUE = 8 * 1024;

// Roughly what V8 spends besides the strings' bytes (header values arrive as Latin-1, one
// byte a character): the objects of an entry, and the array of each header line.
const ENTRY_OVERHEAD = 256;
const LINE_OVERHEAD = 64;

/** Told of each new entry, or of the log's end (session gone) with `undefined`. */
export type LogListener = (entry: ExchangeLogEntry | undefined) => void;

/** An entry as the budget queues it: which log, and its number there. */
interface Charged {
  readonly log: ExchangeLog;
  readonly seq: number;
}

/**
 * The bytes every log of a process may hold together. When an entry takes them over the
 * limit, the oldest entries of any log go first, so a busy tab pushes out idle tabs' past.
 *
 * Entries are queued as they come, so the oldest is at the front: a charge costs amortised
 * O(1) whatever the number of logs. Entries a log dropped itself (its ring, its own bound, a
 * clear, its close) stay queued until they reach the front, or until the queue is mostly such
 * leftovers and is compacted, so the queue stays within about twice the entries kept.
 */
export class LogBudget {
  #queue: Charged[] = [];
  /** Where the queue starts: the items before it are done with. */
  #head = 0;
  /** How many queued entries their logs still keep. */
  #kept = 0;
  #used = 0;

  constructor(readonly limit = DEFAULT_TOTAL_LOG_BYTES) {}

  get used(): number {
    return this.#used;
  }

  /** Counts entry `seq` of `log`, just appended, and drops the oldest entries while over. */
  charge(log: ExchangeLog, seq: number, bytes: number): void {
    this.#queue.push({ log, seq });
    this.#kept += 1;
    this.#used += bytes;
    while (this.#used > this.limit) {
      const oldest = this.#queue[this.#head];
      if (oldest === undefined) break;
      this.#head += 1;
      oldest.log.dropThrough(oldest.seq);
    }
    // Compacting costs the queue's length, paid for by at least as many leftovers since the last.
    if (this.#queue.length - this.#kept > this.#kept + 64) {
      this.#queue = this.#queue.slice(this.#head).filter(({ log, seq }) => log.keeps(seq));
      this.#head = 0;
    }
  }

  /** Gives back the bytes of one entry its log no longer keeps. */
  refund(bytes: number): void {
    this.#kept -= 1;
    this.#used -= bytes;
  }
}

function cutValue(value: string): string {
  return `${value.slice(0, MAX_LOGGED_VALUE)}... [${value.length - MAX_LOGGED_VALUE} more bytes cut from the log]`;
}

/** The part with each huge header value cut; the part itself when none is (the usual case). */
function kept<T extends LoggedRequest | LoggedResponse>(part: T): T {
  for (const [, value] of part.headers) {
    if (value.length > MAX_LOGGED_VALUE) {
      const headers = part.headers.map(([name, value]): [string, string] => [
        name,
        value.length > MAX_LOGGED_VALUE ? cutValue(value) : value,
      ]);
      return { ...part, headers };
    }
  }
  return part;
}

function linesBytes(lines: HeaderLines): number {
  let bytes = 0;
  for (const [name, value] of lines) bytes += LINE_OVERHEAD + name.length + value.length;
  return bytes;
}

/**
 * About what an entry holds in memory. A response's lines are often shared with the
 * session's kept answers; they are counted as if each entry held its own.
 */
function entryBytes({ request, response }: ExchangeLogEntry): number {
  return (
    ENTRY_OVERHEAD +
    request.method.length +
    request.target.length +
    request.host.length +
    linesBytes(request.headers) +
    response.reason.length +
    linesBytes(response.headers)
  );
}

/**
 * A session's exchanges in a fixed-size ring, bounded in bytes too: the oldest drop off,
 * so memory stays bounded whatever the traffic.
 */
export class ExchangeLog {
  readonly #slots: (ExchangeLogEntry | undefined)[];
  readonly #sizes: number[];
  readonly #listeners = new Set<LogListener>();
  readonly #budget: LogBudget;
  #nextSeq = 1;
  /** The oldest entry still kept, or `#nextSeq` when none is. */
  #firstSeq = 1;
  #bytes = 0;
  #closed = false;

  constructor(
    readonly capacity = DEFAULT_LOG_CAPACITY,
    readonly maxBytes = DEFAULT_LOG_BYTES,
    budget = new LogBudget(),
  ) {
    this.#slots = new Array<ExchangeLogEntry | undefined>(capacity);
    this.#sizes = new Array<number>(capacity).fill(0);
    this.#budget = budget;
  }

  /** The bytes this log's entries hold, as counted against its bounds. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Whether entry `seq` is still kept. */
  keeps(seq: number): boolean {
    return seq >= this.#firstSeq && seq < this.#nextSeq;
  }

  append(entry: Omit<ExchangeLogEntry, 'seq'>): ExchangeLogEntry {
    const logged: ExchangeLogEntry = {
      seq: this.#nextSeq,
      receivedAt: entry.receivedAt,
      durationMs: entry.durationMs,
      listener: entry.listener,
      request: kept(entry.request),
      response: kept(entry.response),
    };
    // A session already gone keeps nothing (a delayed answer may finish after it).
    if (this.#closed) return logged;
    if (this.#nextSeq - this.#firstSeq === this.capacity) this.dropOldest();
    const slot = this.#nextSeq % this.capacity;
    const size = entryBytes(logged);
    this.#slots[slot] = logged;
    this.#sizes[slot] = size;
    this.#nextSeq += 1;
    this.#bytes += size;
    // The newest entry stays, even alone over the bound: its values are cut to size.
    while (this.#bytes > this.maxBytes && this.#nextSeq - this.#firstSeq > 1) this.dropOldest();
    this.#budget.charge(this, logged.seq, size);
    for (const listener of this.#listeners) listener(logged);
    return logged;
  }

  /** Forgets the oldest kept entry, if any. */
  dropOldest(): void {
    if (this.#firstSeq === this.#nextSeq) return;
    const slot = this.#firstSeq % this.capacity;
    const size = this.#sizes[slot] ?? 0;
    this.#slots[slot] = undefined;
    this.#sizes[slot] = 0;
    this.#firstSeq += 1;
    this.#bytes -= size;
    this.#budget.refund(size);
  }

  /** Forgets every kept entry up to `seq`, oldest first. */
  dropThrough(seq: number): void {
    while (this.#firstSeq <= seq && this.#firstSeq < this.#nextSeq) this.dropOldest();
  }

  /** Entries with `seq` greater than `after`, oldest first. */
  list(after = 0): ExchangeLogPage {
    const entries: ExchangeLogEntry[] = [];
    for (let seq = Math.max(after + 1, this.#firstSeq); seq < this.#nextSeq; seq += 1) {
      const entry = this.#slots[seq % this.capacity];
      if (entry !== undefined) entries.push(entry);
    }
    return { entries, nextSeq: this.#nextSeq };
  }

  /** Forgets every entry. Sequence numbers go on from where they were, never reused. */
  clear(): void {
    while (this.#firstSeq < this.#nextSeq) this.dropOldest();
  }

  /** Calls `listener` with each new entry until the returned function is called. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every subscription and gives the log's bytes back: the session is gone. */
  close(): void {
    for (const listener of this.#listeners) listener(undefined);
    this.#listeners.clear();
    this.clear();
    this.#closed = true;
  }
}
