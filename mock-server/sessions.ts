import { randomBytes } from 'node:crypto';
import { defaultServerConfig, type ServerConfig } from '../src/scenario/server-config.ts';
import { ExchangeLog, LogBudget } from './exchange-log.ts';
import { compileResponsePlan, type ResponsePlan } from './response-plan.ts';

/** One tab's (or one test's) server config and exchange log. */
export class Session {
  readonly id: string;
  readonly log: ExchangeLog;
  lastActive: number;
  /**
   * The origin of the page that sends this session's requests, which the config's
   * `{{origin}}` stands for, when it is not the playground's app (a runner scenario's
   * `page.origin`).
   */
  pageOrigin: string | undefined;
  #config: ServerConfig;
  #plan: ResponsePlan;

  constructor(id: string, config: ServerConfig, log: ExchangeLog, now: number) {
    this.id = id;
    this.log = log;
    this.lastActive = now;
    this.pageOrigin = undefined;
    this.#config = config;
    this.#plan = compileResponsePlan(config);
  }

  get config(): ServerConfig {
    return this.#config;
  }

  /** The compiled form of the config, rebuilt only when the config changes. */
  get plan(): ResponsePlan {
    return this.#plan;
  }

  /** Replaces the config; it must already be validated. */
  configure(config: ServerConfig): void {
    this.#plan = compileResponsePlan(config);
    this.#config = config;
  }
}

export interface SessionStoreOptions {
  /** At most this many sessions; creating one more evicts the least recently active. */
  maxSessions?: number;
  /**
   * A session used this recently is in use (a tab at work; an open log stream touches its
   * session at each heartbeat): `create(config, { spareInUse: true })` will not evict it.
   */
  inUseMs?: number;
  /** A session unused for this long is forgotten. */
  idleTimeoutMs?: number;
  logCapacity?: number;
  /** Bytes one session's log may hold (docs/architecture.md, "The exchange log"). */
  logBytes?: number;
  /** Bytes the logs of every session may hold together. */
  logBytesTotal?: number;
  now?: () => number;
}

/** No session may be evicted for a new one: each of them is in use. */
export class SessionsInUseError extends Error {
  constructor(
    max: number,
    inUseMs: number,
    /** When the least recently used one stops being in use, unless it is used again. */
    readonly retryAfterMs: number,
  ) {
    super(
      `All ${max} sessions were used in the last ${Math.ceil(inUseMs / 1000)} s, so none is evicted for a new one; try again later.`,
    );
  }
}

/** Every tab and every test works in its own session, so none sees another's state. */
export class SessionStore {
  // A Map iterates in insertion order; re-inserting on use keeps it ordered by activity.
  readonly #sessions = new Map<string, Session>();
  /** The session last in that order: using it again needs no re-insert. */
  #mostRecent: Session | undefined;
  readonly #maxSessions: number;
  readonly #inUseMs: number;
  readonly #idleTimeoutMs: number;
  readonly #logCapacity: number | undefined;
  readonly #logBytes: number | undefined;
  readonly #logBudget: LogBudget;
  readonly #now: () => number;

  constructor(options: SessionStoreOptions = {}) {
    this.#maxSessions = options.maxSessions ?? 500;
    this.#inUseMs = options.inUseMs ?? 60_000;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 2 * 60 * 60 * 1000;
    this.#logCapacity = options.logCapacity;
    this.#logBytes = options.logBytes;
    this.#logBudget = new LogBudget(options.logBytesTotal);
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** The bytes every session's log holds together. */
  get logBytes(): number {
    return this.#logBudget.used;
  }

  /**
   * A new session, evicting the least recently used one when there are `maxSessions`. With
   * `spareInUse` (the control API, which any local script can call) a session in use is
   * never evicted, so a burst of creations cannot take a working tab's session: it throws
   * SessionsInUseError instead.
   */
  create(
    config: ServerConfig = defaultServerConfig,
    { spareInUse = false }: { spareInUse?: boolean } = {},
  ): Session {
    this.#expire();
    while (this.#sessions.size >= this.#maxSessions) {
      const [oldest] = this.#sessions.values();
      if (oldest === undefined) break;
      // Ordered by use: when the least recently used session is in use, so is every other.
      const idleMs = this.#now() - oldest.lastActive;
      if (spareInUse && idleMs < this.#inUseMs) {
        throw new SessionsInUseError(this.#maxSessions, this.#inUseMs, this.#inUseMs - idleMs);
      }
      this.#forget(oldest.id, oldest);
    }
    const session = new Session(
      randomBytes(9).toString('base64url'),
      config,
      new ExchangeLog(this.#logCapacity, this.#logBytes, this.#logBudget),
      this.#now(),
    );
    this.#sessions.set(session.id, session);
    this.#mostRecent = session;
    return session;
  }

  /** The session with this id, marked as active; undefined if unknown or expired. */
  get(id: string): Session | undefined {
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (this.#now() - session.lastActive > this.#idleTimeoutMs) {
      this.#forget(id, session);
      return undefined;
    }
    session.lastActive = this.#now();
    // A target's requests mostly come for the session just used: keep the Map as it is.
    if (session !== this.#mostRecent) {
      this.#sessions.delete(id);
      this.#sessions.set(id, session);
      this.#mostRecent = session;
    }
    return session;
  }

  #forget(id: string, session: Session): void {
    session.log.close();
    this.#sessions.delete(id);
    if (session === this.#mostRecent) this.#mostRecent = undefined;
  }

  #expire(): void {
    const cutoff = this.#now() - this.#idleTimeoutMs;
    for (const [id, session] of this.#sessions) {
      if (session.lastActive >= cutoff) break;
      this.#forget(id, session);
    }
  }
}
