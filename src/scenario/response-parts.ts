import type { Cookie } from './server-config.ts';

// What the target writes when the config leaves it open; the server panel's preview shows
// the same, so both read it from here.

/** The actual response's body when the config sets none. */
export const DEFAULT_BODY_TEXT = '{"message":"Hello from the target"}\n';
export const DEFAULT_CONTENT_TYPE = 'application/json; charset=utf-8';

// https://httpwg.org/specs/rfc6265.html#sane-set-cookie-syntax
/** The `Set-Cookie` value for a configured cookie. */
export function setCookieLine(cookie: Cookie): string {
  let line = `${cookie.name}=${cookie.value}`;
  if (cookie.path !== undefined) line += `; Path=${cookie.path}`;
  if (cookie.maxAge !== undefined) line += `; Max-Age=${cookie.maxAge}`;
  if (cookie.sameSite !== undefined) line += `; SameSite=${cookie.sameSite}`;
  if (cookie.secure === true) line += '; Secure';
  if (cookie.httpOnly === true) line += '; HttpOnly';
  if (cookie.partitioned === true) line += '; Partitioned';
  return line;
}
