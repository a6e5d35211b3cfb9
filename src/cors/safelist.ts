/**
 * Request headers: which ones a cross-origin request may carry without a preflight, and
 * which ones `fetch()` will not let a page set at all.
 *
 * @module
 */
import type { BrowserName } from './browser.ts';
import { byteLowercase, getDecodeSplit, isToken, type HeaderList } from './headers.ts';
import { isForbiddenMethod } from './method.ts';

/** Why a request header is not a CORS-safelisted request-header, so it needs a preflight. */
export type UnsafeHeaderReason =
  /** The name is not on the safelist at all (`X-Custom`, `Authorization`). */
  | 'not-safelisted-name'
  /** The value is longer than 128 bytes. */
  | 'value-too-long'
  /** `Accept` or `Content-Type` holds a CORS-unsafe request-header byte such as `"` or `(`. */
  | 'unsafe-byte'
  /** `Accept-Language` or `Content-Language` holds a byte outside `0-9A-Za-z *,-.;=`. */
  | 'invalid-language-value'
  /** `Content-Type` does not parse as a MIME type. */
  | 'invalid-mime-type'
  /** `Content-Type` parses, but its essence is not one of the three allowed. */
  | 'mime-type-not-allowed'
  /** `Range` is not a single `bytes=start-[end]` range. */
  | 'not-a-simple-range'
  /** A client hint Chromium safelists carries a malformed value. */
  | 'invalid-client-hint-value'
  /** Safelisted values add up to more than 1024 bytes, so they all count as unsafe. */
  | 'safelist-size-exceeded';

/** @see https://fetch.spec.whatwg.org/#cors-safelisted-request-header */
export const CORS_SAFELISTED_REQUEST_HEADER_NAMES = [
  'accept',
  'accept-language',
  'content-language',
  'content-type',
  'range',
] as const;

/**
 * The `Content-Type` essences a request may send without a preflight.
 * @see https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */
export const CORS_SAFELISTED_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
] as const;

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
const UNSAFE_DELIMITERS = new Set('"():<>?@[\\]{}');

/** Whether `value` has a CORS-unsafe request-header byte: a control but tab, DEL, `"():<>?@[\]{}`. */
export function containsCorsUnsafeRequestHeaderByte(value: string): boolean {
  return [...value].some((character) => {
    const byte = character.charCodeAt(0);
    return (byte < 0x20 && byte !== 0x09) || byte === 0x7f || UNSAFE_DELIMITERS.has(character);
  });
}

/** What a safelisted name's value must look like: `undefined` when it does. */
type ValueRule = (value: string) => UnsafeHeaderReason | undefined;

const languageRule: ValueRule = (value) =>
  /^[0-9A-Za-z *,\-.;=]*$/.test(value) ? undefined : 'invalid-language-value';

// https://fetch.spec.whatwg.org/#cors-safelisted-request-header (step 2, per name)
const SPEC_VALUE_RULES = {
  accept: (value) => (containsCorsUnsafeRequestHeaderByte(value) ? 'unsafe-byte' : undefined),
  'accept-language': languageRule,
  'content-language': languageRule,
  'content-type': contentTypeFailure,
  // A single range with a start (`bytes=-500` was never sent by browsers).
  range: (value) =>
    parseSingleRangeHeaderValue(value)?.[0] == null ? 'not-a-simple-range' : undefined,
} satisfies Record<(typeof CORS_SAFELISTED_REQUEST_HEADER_NAMES)[number], ValueRule>;

/** A Chromium client hint is safelisted when `wellFormed` accepts its value. */
function clientHintRule(wellFormed: (value: string) => boolean): ValueRule {
  return (value) => (wellFormed(value) ? undefined : 'invalid-client-hint-value');
}

// NOTE(chromium): Chromium also safelists a few client hints and `Intervention`, each only with
// a well-formed value (services/network/public/cpp/cors/cors.cc, IsCorsSafelistedHeader). Seen
// in Chromium 156: `Save-Data: on`/`ON`, `Device-Memory: 0.5`, `DPR: 2.0`, `Width: 100`,
// `Viewport-Width: 1024` and `Intervention: x` go without a preflight; `Save-Data: off`,
// `DPR: 2.`, `Width: 1.5` and any of them over 128 bytes need one. `Lang` is not safelisted.
const isDecimal = (value: string): boolean => /^\d+(\.\d+)?$/.test(value);
const isInteger = (value: string): boolean => /^\d+$/.test(value);
const CHROMIUM_VALUE_RULES: Readonly<Record<string, ValueRule>> = {
  'device-memory': clientHintRule(isDecimal),
  dpr: clientHintRule(isDecimal),
  intervention: clientHintRule(() => true),
  'save-data': clientHintRule((value) => byteLowercase(value) === 'on'),
  'viewport-width': clientHintRule(isInteger),
  width: clientHintRule(isInteger),
};

// NOTE(firefox): Firefox 153 safelists the spec's names only: each client hint above needs a
// preflight there (seen: `DPR: 2`, `Save-Data: on`, `Width: 100` and the others).
const VALUE_RULES: Readonly<Record<BrowserName, ReadonlyMap<string, ValueRule>>> = {
  chromium: new Map([...Object.entries(SPEC_VALUE_RULES), ...Object.entries(CHROMIUM_VALUE_RULES)]),
  firefox: new Map(Object.entries(SPEC_VALUE_RULES)),
};

// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
/**
 * Why (`name`, `value`) is not a CORS-safelisted request-header, or `undefined` when it is.
 * The name is examined before the length so that the reason names the real problem; the
 * answer (safelisted or not) is the spec's either way.
 */
export function corsSafelistedRequestHeaderFailure(
  name: string,
  value: string,
  browser: BrowserName = 'chromium',
): UnsafeHeaderReason | undefined {
  // 2. (Otherwise: false.) Only the listed names can be safelisted.
  const valueRule = VALUE_RULES[browser].get(byteLowercase(name));
  if (!valueRule) return 'not-safelisted-name';
  // 1. No value longer than 128 bytes.
  if (value.length > 128) return 'value-too-long';
  // 2. The value rule of that name.
  return valueRule(value);
}

/** The `Content-Type` rule of the safelist. */
function contentTypeFailure(value: string): UnsafeHeaderReason | undefined {
  // 1. No CORS-unsafe request-header byte.
  if (containsCorsUnsafeRequestHeaderByte(value)) return 'unsafe-byte';
  // 2.-3. It parses as a MIME type (strictly: not "extract a MIME type").
  const essence = parseMimeTypeEssence(value);
  if (essence === undefined) return 'invalid-mime-type';
  // 4. Its essence is one of the three.
  return (CORS_SAFELISTED_CONTENT_TYPES as readonly string[]).includes(essence)
    ? undefined
    : 'mime-type-not-allowed';
}

/** Whether (`name`, `value`) is a CORS-safelisted request-header. */
export function isCorsSafelistedRequestHeader(
  name: string,
  value: string,
  browser: BrowserName = 'chromium',
): boolean {
  return corsSafelistedRequestHeaderFailure(name, value, browser) === undefined;
}

// https://mimesniff.spec.whatwg.org/#parse-a-mime-type
/**
 * The essence (`type/subtype`, lower-cased) of a MIME type, or `undefined` when it does not
 * parse. Parameters never make parsing fail, so they are skipped.
 */
export function parseMimeTypeEssence(input: string): string | undefined {
  // 1. Trim HTTP whitespace.
  const text = input.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  // 3.-6. The type runs to a `/`, which must be there.
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const type = text.slice(0, slash);
  // 8. The subtype runs to a `;`, without trailing whitespace.
  const semicolon = text.indexOf(';', slash);
  const subtype = text.slice(slash + 1, semicolon === -1 ? text.length : semicolon);
  const trimmedSubtype = subtype.replace(/[\t\n\r ]+$/, '');
  // 4., 9. Both are non-empty tokens.
  if (!isToken(type) || !isToken(trimmedSubtype)) return undefined;
  // 10. Lower-cased.
  return byteLowercase(`${type}/${trimmedSubtype}`);
}

// https://fetch.spec.whatwg.org/#simple-range-header-value
/**
 * Parses `bytes=start-end` (either side may be empty, not both) without whitespace, as the
 * safelist does. Returns `[start, end]` with `null` for an omitted side, or `undefined`.
 */
export function parseSingleRangeHeaderValue(
  value: string,
): readonly [start: number | null, end: number | null] | undefined {
  // 1.-15. `bytes`, `=`, digits, `-`, digits, and nothing else.
  if (!/^bytes=\d*-\d*$/.test(value)) return undefined;
  const [startText, endText] = value.slice('bytes='.length).split('-') as [string, string];
  const start = startText === '' ? null : Number(startText);
  const end = endText === '' ? null : Number(endText);
  // 17. Not both omitted.
  if (start === null && end === null) return undefined;
  // 18. Not backwards.
  if (start !== null && end !== null && start > end) return undefined;
  // 19.
  return [start, end];
}

/** One request header that forces a preflight, and why. */
export interface UnsafeRequestHeader {
  /** Lower-cased, as `Access-Control-Request-Headers` lists it. */
  readonly name: string;
  readonly value: string;
  readonly reason: UnsafeHeaderReason;
}

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
/** The CORS-unsafe request headers of `headers`, sorted by lower-cased name, one per name. */
export function corsUnsafeRequestHeaders(
  headers: HeaderList,
  browser: BrowserName = 'chromium',
): UnsafeRequestHeader[] {
  // 1.-3.
  const unsafe: UnsafeRequestHeader[] = [];
  const potentiallyUnsafe: UnsafeRequestHeader[] = [];
  let safelistValueSize = 0;
  // 4. Each header is unsafe, or safe for now and counted.
  for (const [name, value] of headers) {
    const reason = corsSafelistedRequestHeaderFailure(name, value, browser);
    const lowerName = byteLowercase(name);
    if (reason) {
      unsafe.push({ name: lowerName, value, reason });
    } else {
      potentiallyUnsafe.push({ name: lowerName, value, reason: 'safelist-size-exceeded' });
      safelistValueSize += value.length;
    }
  }
  // 5. Over 1024 bytes of safelisted values, and they all become unsafe.
  if (safelistValueSize > 1024) unsafe.push(...potentiallyUnsafe);
  // 6. A sorted, lower-cased set (the first header of a name gives the reason).
  const byName = new Map<string, UnsafeRequestHeader>();
  for (const header of unsafe) if (!byName.has(header.name)) byName.set(header.name, header);
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The sorted, lower-cased names `Access-Control-Request-Headers` will carry. */
export function corsUnsafeRequestHeaderNames(
  headers: HeaderList,
  browser: BrowserName = 'chromium',
): string[] {
  return corsUnsafeRequestHeaders(headers, browser).map((header) => header.name);
}

/** @see https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name */
export const CORS_NON_WILDCARD_REQUEST_HEADER_NAMES = ['authorization'] as const;

/** Whether `name` is `Authorization`, which a `*` in `Access-Control-Allow-Headers` never covers. */
export function isCorsNonWildcardRequestHeaderName(name: string): boolean {
  return (CORS_NON_WILDCARD_REQUEST_HEADER_NAMES as readonly string[]).includes(
    byteLowercase(name),
  );
}

/** @see https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name */
export const NO_CORS_SAFELISTED_REQUEST_HEADER_NAMES = [
  'accept',
  'accept-language',
  'content-language',
  'content-type',
] as const;

// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
/** Whether a `no-cors` request may keep (`name`, `value`). */
export function isNoCorsSafelistedRequestHeader(name: string, value: string): boolean {
  // 1. Only four names.
  if (
    !(NO_CORS_SAFELISTED_REQUEST_HEADER_NAMES as readonly string[]).includes(byteLowercase(name))
  ) {
    return false;
  }
  // 2. With a safelisted value.
  return isCorsSafelistedRequestHeader(name, value);
}

/** @see https://fetch.spec.whatwg.org/#forbidden-request-header */
export const FORBIDDEN_REQUEST_HEADER_NAMES = [
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
] as const;

/**
 * Names Chromium still forbids although the spec no longer does.
 *
 * NOTE(chromium): the spec took `User-Agent` off the forbidden list (2015), but Chromium's
 * `Request` drops it like `Cookie`: no preflight is sent and the server sees Chromium's own
 * User-Agent (seen in Chromium 156, in every mode).
 * NOTE(firefox): Firefox 153 follows the spec: the page's `User-Agent` goes, and as a
 * CORS-unsafe header it needs a preflight that lists it (seen).
 */
export const CHROMIUM_FORBIDDEN_REQUEST_HEADER_NAMES = ['user-agent'] as const;

/** @see https://fetch.spec.whatwg.org/#forbidden-request-header */
export const FORBIDDEN_REQUEST_HEADER_PREFIXES = ['proxy-', 'sec-'] as const;

/**
 * Headers that are forbidden only when they smuggle a forbidden method.
 * @see https://fetch.spec.whatwg.org/#forbidden-request-header
 */
export const METHOD_OVERRIDE_HEADER_NAMES = [
  'x-http-method',
  'x-http-method-override',
  'x-method-override',
] as const;

/** Why `fetch()` silently drops a header the page set. */
export type ForbiddenRequestHeaderReason =
  /** The name is on the forbidden list (`Cookie`, `Origin`, `Host`, ...). */
  | 'forbidden-name'
  /** The spec allows the name, but Chromium still forbids it (`User-Agent`). */
  | 'chromium-forbidden-name'
  /** The name starts with `Proxy-` or `Sec-`. */
  | 'forbidden-prefix'
  /** A method-override header naming `CONNECT`, `TRACE` or `TRACK`. */
  | 'forbidden-method-override';

// https://fetch.spec.whatwg.org/#forbidden-request-header
/** Why (`name`, `value`) is a forbidden request-header, or `undefined` when it is not. */
export function forbiddenRequestHeaderReason(
  name: string,
  value: string,
  browser: BrowserName = 'chromium',
): ForbiddenRequestHeaderReason | undefined {
  const lowerName = byteLowercase(name);
  // 1. A forbidden name.
  if ((FORBIDDEN_REQUEST_HEADER_NAMES as readonly string[]).includes(lowerName)) {
    return 'forbidden-name';
  }
  // NOTE(chromium): and `User-Agent`, which the spec no longer forbids (see
  // CHROMIUM_FORBIDDEN_REQUEST_HEADER_NAMES).
  if (
    browser === 'chromium' &&
    (CHROMIUM_FORBIDDEN_REQUEST_HEADER_NAMES as readonly string[]).includes(lowerName)
  ) {
    return 'chromium-forbidden-name';
  }
  // 2. A forbidden prefix.
  if (FORBIDDEN_REQUEST_HEADER_PREFIXES.some((prefix) => lowerName.startsWith(prefix))) {
    return 'forbidden-prefix';
  }
  // 3. A method override that names a forbidden method.
  if (
    (METHOD_OVERRIDE_HEADER_NAMES as readonly string[]).includes(lowerName) &&
    getDecodeSplit(value).some(isForbiddenMethod)
  ) {
    return 'forbidden-method-override';
  }
  // 4.
  return undefined;
}
