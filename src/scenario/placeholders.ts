// Placeholders let a literal or raw header value name origins that are only known when the
// playground runs (its ports are chosen per run). `{{` never starts real header text the
// playground has to write as is, and when it must, `{{{{}}` writes a literal `{{`: so no
// value is ambiguous, and every `{{` outside a known placeholder is refused at validation.

/** The values placeholders stand for, when the target writes a response. */
export interface PlaceholderValues {
  /** The page's origin: the app origin, fixed for a session. */
  origin: string;
  /** The origin the request was sent to (the target's own). */
  target: string;
  /** The request's `Origin` header, if it had one. */
  requestOrigin: string | undefined;
}

/** Every placeholder, as written, with what it becomes. */
export const PLACEHOLDERS = [
  { text: '{{origin}}', means: "the page's origin, e.g. http://localhost:5173" },
  { text: '{{origin:upper}}', means: "the page's origin in upper case" },
  { text: '{{target}}', means: 'the origin the request was sent to (the target’s own)' },
  {
    text: '{{request-origin}}',
    means:
      "the request's Origin header (after a cross-origin redirect, null); a value using it is not sent when the request has none",
  },
  { text: '{{{{}}', means: 'a literal "{{"' },
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number]['text'];

/**
 * Only in a redirect hop's raw lines: the URL the hop redirects to, which carries the
 * request's own path and so is known only per request.
 */
export const LOCATION_PLACEHOLDER = {
  text: '{{location}}',
  means: "in a redirect hop's raw lines only: the URL that hop redirects to",
} as const;

const describe = (placeholders: readonly { text: string; means: string }[]): string =>
  placeholders.map(({ text, means }) => `${text} (${means})`).join(', ');
/** What the known placeholders are, for error messages. */
export const KNOWN_PLACEHOLDERS = describe(PLACEHOLDERS);
/** What the placeholders of a redirect hop's raw lines are, for error messages. */
export const KNOWN_HOP_PLACEHOLDERS = describe([LOCATION_PLACEHOLDER, ...PLACEHOLDERS]);

// The names between the braces, longest first. A JSON Schema `pattern` takes this as is.
const NAMES = String.raw`origin:upper|origin|target|request-origin|\{\{`;
const HOP_NAMES = `location|${NAMES}`;
/** A value in which every `{{` starts one of `names`. Single braces are plain text. */
const valuePattern = (names: string): RegExp =>
  new RegExp(String.raw`^(?:[^{]|\{(?!\{)|\{\{(?:${names})\}\})*$`);
/** A value in which every `{{` starts a known placeholder. */
export const PLACEHOLDER_PATTERN = valuePattern(NAMES);
/** A value of a redirect hop's raw lines: `{{location}}` is known there too. */
export const HOP_LINE_PATTERN = valuePattern(HOP_NAMES);
const PLACEHOLDER = new RegExp(String.raw`\{\{(${HOP_NAMES})\}\}`, 'g');

/** Which placeholders a value uses. */
export function placeholdersOf(value: string): Placeholder[] {
  if (!value.includes('{{')) return [];
  return [...value.matchAll(PLACEHOLDER)].map((match) => match[0] as Placeholder);
}

/**
 * `value` with its placeholders replaced; `undefined` when it uses `{{request-origin}}` and
 * the request has no `Origin` (such a value is not sent, as a reflected origin is not).
 * `location` is given for a redirect hop's raw lines, the only values that may use it.
 */
export function substitutePlaceholders(
  value: string,
  values: PlaceholderValues & { location?: string },
): string | undefined {
  if (!value.includes('{{')) return value;
  let absent = false;
  const result = value.replace(PLACEHOLDER, (text: string) => {
    switch (text as Placeholder | typeof LOCATION_PLACEHOLDER.text) {
      case '{{location}}':
        return values.location ?? text;
      case '{{origin}}':
        return values.origin;
      case '{{origin:upper}}':
        return values.origin.toUpperCase();
      case '{{target}}':
        return values.target;
      case '{{request-origin}}':
        if (values.requestOrigin === undefined) absent = true;
        return values.requestOrigin ?? '';
      case '{{{{}}':
        return '{{';
    }
  });
  return absent ? undefined : result;
}

/**
 * What of `values` a config using `used` depends on, as a key: requests with equal keys get
 * the same resolved config. Each part is length-prefixed, whatever bytes it holds.
 */
export function placeholderKey(used: ReadonlySet<Placeholder>, values: PlaceholderValues): string {
  const part = (value: string | undefined): string =>
    value === undefined ? '-' : `${value.length}:${value}`;
  const origin = used.has('{{origin}}') || used.has('{{origin:upper}}');
  return (
    (origin ? part(values.origin) : '') +
    (used.has('{{target}}') ? part(values.target) : '') +
    (used.has('{{request-origin}}') ? part(values.requestOrigin) : '')
  );
}
