/**
 * Header lists as they cross the wire: ordered `[name, value]` lines, duplicates kept.
 *
 * @module
 */

/** One header line, as written: name and value. */
export type Header = readonly [name: string, value: string];

/** A header list: ordered lines, duplicate names and original casing kept. */
export type HeaderList = readonly Header[];

/** The spec's "failure" result of parsing a header. */
export const FAILURE = 'failure';

// https://fetch.spec.whatwg.org/#byte-lowercase
/** Lower-cases ASCII letters only, as the spec does for header names. */
export function byteLowercase(value: string): string {
  return value.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Whether `a` and `b` are a byte-case-insensitive match. */
export function byteCaseInsensitiveMatch(a: string, b: string): boolean {
  return byteLowercase(a) === byteLowercase(b);
}

// https://httpwg.org/specs/rfc9110.html#tokens
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether `value` is an HTTP `token` (the grammar of methods and header names). */
export function isToken(value: string): boolean {
  return TOKEN.test(value);
}

// https://fetch.spec.whatwg.org/#header-name
/** Whether `name` is a valid header name. */
export function isHeaderName(name: string): boolean {
  return isToken(name);
}

// https://fetch.spec.whatwg.org/#header-value
/** Whether `value` is a valid header value: no outer tab or space, no NUL, CR or LF. */
export function isHeaderValue(value: string): boolean {
  return !/^[\t ]|[\t ]$|[\0\r\n]/.test(value);
}

// https://fetch.spec.whatwg.org/#concept-header-value-normalize
/** Strips leading and trailing HTTP whitespace (tab, LF, CR, space). */
export function normalizeHeaderValue(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

// https://fetch.spec.whatwg.org/#concept-header-list-contains
/** Whether `list` has a header named `name` (case-insensitively). */
export function hasHeader(list: HeaderList, name: string): boolean {
  return list.some(([headerName]) => byteCaseInsensitiveMatch(headerName, name));
}

/** The values of every `name` header, in order. */
function valuesOf(list: HeaderList, name: string): string[] {
  return list
    .filter(([headerName]) => byteCaseInsensitiveMatch(headerName, name))
    .map(([, value]) => value);
}

// https://fetch.spec.whatwg.org/#concept-header-list-get
/** The values of every `name` header, joined by `, `; `null` when there is none. */
export function getHeader(list: HeaderList, name: string): string | null {
  const values = valuesOf(list, name);
  // 1. None: null (not the string `null`).
  if (values.length === 0) return null;
  // 2. Every matching value, in order, separated by 0x2C 0x20.
  return values.join(', ');
}

// https://fetch.spec.whatwg.org/#concept-header-list-delete
/** `list` without any `name` header. */
export function deleteHeader(list: HeaderList, name: string): HeaderList {
  return list.filter(([headerName]) => !byteCaseInsensitiveMatch(headerName, name));
}

// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
/**
 * Splits a header value on commas that are not inside a quoted string, trimming tabs and
 * spaces around each item. Empty items are kept (`a,,b` gives `a`, ``, `b`).
 */
export function getDecodeSplit(value: string): string[] {
  // 1.-4. Walk the value with one position, collecting into a temporary value.
  const values: string[] = [];
  let temporaryValue = '';
  let position = 0;
  // 5. Repeat until the end of the input.
  for (;;) {
    // 5.1. Everything up to a quote or a comma.
    const stop = value.slice(position).search(/[",]/);
    const end = stop === -1 ? value.length : position + stop;
    temporaryValue += value.slice(position, end);
    position = end;
    // 5.2. A quoted string is taken whole, commas included, then the item continues.
    if (value[position] === '"') {
      const quoted = collectQuotedString(value, position);
      temporaryValue += quoted;
      position += quoted.length;
      if (position < value.length) continue;
    }
    // 5.3.-5.5. One item, trimmed of tabs and spaces.
    values.push(temporaryValue.replace(/^[\t ]+|[\t ]+$/g, ''));
    temporaryValue = '';
    // 5.6. The end of the input ends the list.
    if (position >= value.length) return values;
    // 5.7.-5.8. Otherwise a comma: skip it.
    position += 1;
  }
}

// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
/** The quoted string starting at `start` (quotes and escapes included, as written). */
function collectQuotedString(value: string, start: number): string {
  let position = start + 1;
  while (position < value.length) {
    const character = value[position];
    if (character === '"') return value.slice(start, position + 1);
    // A backslash escapes the next code point, if any.
    position += character === '\\' ? 2 : 1;
  }
  return value.slice(start);
}

// https://fetch.spec.whatwg.org/#extract-header-list-values
/**
 * The items of a `#token` list header (`Access-Control-Allow-Methods`, `-Allow-Headers`,
 * `-Expose-Headers`) over all its lines: `null` when absent, {@link FAILURE} when an item is
 * not a token.
 *
 * Empty items (`GET,,PUT`, a trailing comma, an empty line) are skipped: HTTP's `#rule` lets a
 * recipient ignore them, and Chromium 156 does (verified).
 */
export function extractHeaderListValues(
  list: HeaderList,
  name: string,
): readonly string[] | null | typeof FAILURE {
  // 1. Absent: null.
  if (!hasHeader(list, name)) return null;
  // 2. (A `#` list allows several lines, so this step never applies.)
  // 3. Collect the values.
  const values: string[] = [];
  // 4. Parse each line by the header's ABNF.
  for (const [headerName, headerValue] of list) {
    if (!byteCaseInsensitiveMatch(headerName, name)) continue;
    const items = getDecodeSplit(headerValue).filter((item) => item !== '');
    // 4.2. One bad item fails the whole header.
    if (!items.every(isToken)) return FAILURE;
    // 4.3. Otherwise keep them, in order.
    values.push(...items);
  }
  // 5.
  return values;
}

// https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine
/**
 * The header list as `Headers` iterates it for JavaScript: lower-cased names, sorted, values of
 * the same name joined by `, ` (each `set-cookie` kept on its own).
 */
export function sortAndCombine(list: HeaderList): HeaderList {
  // 1.-2. The sorted, lower-cased, de-duplicated names.
  const names = [...new Set(list.map(([name]) => byteLowercase(name)))].sort();
  // 3. One line per name, except `set-cookie`, whose values are never combined.
  return names.flatMap((name): Header[] =>
    name === 'set-cookie'
      ? valuesOf(list, name).map((value) => [name, value])
      : [[name, valuesOf(list, name).join(', ')]],
  );
}
