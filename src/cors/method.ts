/**
 * Methods: which are safelisted, which `fetch()` refuses, and how it normalizes them.
 *
 * @module
 */
import { byteCaseInsensitiveMatch, isToken } from './headers.ts';

/** @see https://fetch.spec.whatwg.org/#cors-safelisted-method */
export const CORS_SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'] as const;

/** @see https://fetch.spec.whatwg.org/#forbidden-method */
export const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'] as const;

/**
 * The methods `fetch()` upper-cases; every other method keeps its case.
 * @see https://fetch.spec.whatwg.org/#concept-method-normalize
 */
export const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'] as const;

// https://fetch.spec.whatwg.org/#concept-method
/** Whether `method` is a method at all: an HTTP token. */
export function isMethod(method: string): boolean {
  return isToken(method);
}

// https://fetch.spec.whatwg.org/#cors-safelisted-method
/** Whether `method` is `GET`, `HEAD` or `POST`, compared case-sensitively. */
export function isCorsSafelistedMethod(method: string): boolean {
  return (CORS_SAFELISTED_METHODS as readonly string[]).includes(method);
}

// https://fetch.spec.whatwg.org/#forbidden-method
/** Whether `fetch()` refuses `method` outright (`CONNECT`, `TRACE`, `TRACK`, in any case). */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.some((forbidden) => byteCaseInsensitiveMatch(method, forbidden));
}

// https://fetch.spec.whatwg.org/#concept-method-normalize
/** Upper-cases the six well-known methods (`put` becomes `PUT`); `patch` stays `patch`. */
export function normalizeMethod(method: string): string {
  return NORMALIZED_METHODS.find((known) => byteCaseInsensitiveMatch(method, known)) ?? method;
}
