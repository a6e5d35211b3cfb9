import type { HeaderLines } from './cors-headers.ts';
import type { ConfigIssue, ServerConfig, TargetRef } from './server-config.ts';

/** Where the control API lives, on the app origin. */
export const API_PREFIX = '/_playground/api';

/** The target URLs of one session: each is a base to append a path to. */
export interface SessionTargets {
  /** Another port of the page's host: cross-origin, same-site. */
  sameSite: string;
  /** The same server reached through another host: cross-site. */
  crossSite: string;
  /** A second server on yet another origin, e.g. a redirect destination. */
  second: string;
}

export interface SessionInfo {
  id: string;
  appOrigin: string;
  targets: SessionTargets;
  config: ServerConfig;
}

/** A request as the target received it. */
export interface LoggedRequest {
  method: string;
  /** The request-target as sent: path and query. */
  target: string;
  /** The `Host` the request named, e.g. `localhost:5174`. */
  host: string;
  /**
   * `https` for a request to an https server (Node's repeat, or the browser's own account of
   * it in the runner); absent for http, as on the playground's own listeners.
   */
  scheme?: 'https';
  httpVersion: string;
  headers: HeaderLines;
  bodySize: number;
}

/** A response exactly as the target wrote it. */
export interface LoggedResponse {
  status: number;
  /** The reason phrase on the status line, e.g. `OK`. */
  reason: string;
  headers: HeaderLines;
  bodySize: number;
}

/** One request and the response written to it. */
export interface ExchangeLogEntry {
  /** Increases by one per entry within a session; never reused. */
  seq: number;
  /** When the request was complete, in ms since the epoch. */
  receivedAt: number;
  /** From request received to response written. */
  durationMs: number;
  /**
   * Which listener answered: the target, the second target, or the app origin (same-origin);
   * `node` for a request the playground server repeated to another server (`POST …/repeat`);
   * `browser` for a server of the user's own, whose wire the browser told (the runner reads it
   * over the DevTools Protocol).
   */
  listener: 'target' | 'second' | 'app' | 'node' | 'browser';
  request: LoggedRequest;
  response: LoggedResponse;
}

export interface ExchangeLogPage {
  entries: ExchangeLogEntry[];
  /** The `seq` the next entry will get: pass it as `after` minus one to read only newer ones. */
  nextSeq: number;
}

/** What the page asks `POST /sessions/:id/send` to send from Node (see mock-server/send-from-server.ts). */
export interface ServerSendRequest {
  target: TargetRef;
  method: string;
  /** Path and query after the session prefix, e.g. `/items?x=1`. */
  path: string;
  headers: HeaderLines;
  body?: string;
}

/** What `POST /sessions/:id/send` answers: the response Node received, every line of it. */
export interface ServerSendResult {
  url: string;
  status: number;
  statusText: string;
  /** Every header line of the response: with no CORS, Node reads them all. */
  headers: HeaderLines;
  body: string;
}

/**
 * What the page asks `POST /sessions/:id/repeat` to send from Node to any server: a request the
 * browser made, with the page's `Origin` (which the playground server adds itself).
 */
export interface RepeatRequest {
  url: string;
  method: string;
  headers: HeaderLines;
  body?: string;
}

/** What `POST /sessions/:id/repeat` answers: the exchange as Node made it, in the log's shape. */
export interface RepeatResult {
  entry: ExchangeLogEntry;
  /** The body as text, at most `REPEAT_BODY_CHARS` of it. */
  body: string;
  /** The answer was longer than Node reads, and was cut. */
  cut: boolean;
}

/** Every error answer of the control API. */
export interface ApiError {
  error: string;
  issues?: ConfigIssue[];
}
