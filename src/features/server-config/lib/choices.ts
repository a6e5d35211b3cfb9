import type { AllowOrigin, Cors } from '../../../scenario/server-config.ts';
import {
  formatList,
  parseLiteral,
  parseOriginList,
  parseTokenList,
  parseWholeNumber,
} from './header-text.ts';
import { ok, type Parsed } from './parsed.ts';

/** A CORS field as the config holds it: `undefined` = shared/not sent, `null` = not sent here. */
export type FieldValue<T> = T | null | undefined;

/** An option that sets one fixed value. */
export interface FixedChoice<T> {
  kind: 'fixed';
  key: string;
  label: string;
  /** Shown after the label, in code type, e.g. `*`. */
  detail?: string;
  value: FieldValue<T>;
}

/** An option whose value is typed as text. */
export interface TextChoice<T> {
  kind: 'text';
  key: string;
  label: string;
  inputLabel: string;
  placeholder?: string;
  hint?: string;
  // Method syntax, so a field's own choices fit where any field's are expected.
  matches(value: FieldValue<T>): boolean;
  format(value: T): string;
  parse(text: string): Parsed<T>;
}

export type Choice<T> = FixedChoice<T> | TextChoice<T>;

type CorsValue<F extends keyof Cors> = NonNullable<Cors[F]>;

const isObjectWith = (value: unknown, key: string): boolean =>
  typeof value === 'object' && value !== null && key in value;

const literalChoice = <T>(header: string): TextChoice<T> => ({
  kind: 'text',
  key: 'literal',
  label: 'A literal value',
  inputLabel: `Literal ${header} value`,
  hint: 'Sent exactly as typed, spaces included: an empty box sends the header with an empty value.',
  matches: (value) => isObjectWith(value, 'value'),
  format: (value) => (value as { value: string }).value,
  parse: (text) => parseLiteral(text) as Parsed<T>,
});

const fixed = <T>(key: string, label: string, value: FieldValue<T>, detail?: string) =>
  ({ kind: 'fixed', key, label, value, ...(detail === undefined ? {} : { detail }) }) as const;

function listChoice<T>(noun: 'method' | 'header name', inputLabel: string, placeholder: string) {
  const choice: TextChoice<T> = {
    kind: 'text',
    key: 'list',
    label: 'A list',
    inputLabel,
    placeholder,
    hint: 'Comma-separated; sent joined with “, ”.',
    matches: (value) => Array.isArray(value),
    format: (value) => formatList(value as string[]),
    parse: (text) => parseTokenList(text, noun) as Parsed<T>,
  };
  return choice;
}

/** The values a field can take, besides not being sent: one list per CORS header. */
export function ownChoices(pageOrigin: string) {
  const allowOrigin: Choice<AllowOrigin>[] = [
    fixed<AllowOrigin>('page-origin', "The page's origin", { value: pageOrigin }, pageOrigin),
    fixed<AllowOrigin>('wildcard', 'Any origin', '*', '*'),
    fixed<AllowOrigin>('reflect', "Reflect the request's Origin", 'reflect'),
    {
      kind: 'text',
      key: 'allow-list',
      label: 'An allow-list',
      inputLabel: 'Allowed origins',
      placeholder: `${pageOrigin}, https://app.example`,
      hint: 'Separated by commas or spaces. A listed Origin is sent back; any other gets no header. Compared exactly: case and a trailing slash count.',
      matches: (value) => isObjectWith(value, 'allowList'),
      format: (value) => formatList((value as { allowList: string[] }).allowList),
      parse: (text) => {
        const parsed = parseOriginList(text);
        return parsed.ok ? ok({ allowList: parsed.value }) : parsed;
      },
    },
    literalChoice<AllowOrigin>('Access-Control-Allow-Origin'),
  ];
  const allowCredentials: Choice<CorsValue<'allowCredentials'>>[] = [
    fixed<CorsValue<'allowCredentials'>>('true', 'true', true, 'true'),
    literalChoice('Access-Control-Allow-Credentials'),
  ];
  const allowMethods: Choice<CorsValue<'allowMethods'>>[] = [
    fixed<CorsValue<'allowMethods'>>('wildcard', 'Any method', '*', '*'),
    listChoice('method', 'Allowed methods', 'PUT, DELETE'),
    literalChoice('Access-Control-Allow-Methods'),
  ];
  const allowHeaders: Choice<CorsValue<'allowHeaders'>>[] = [
    fixed<CorsValue<'allowHeaders'>>('wildcard', 'Any header', '*', '*'),
    fixed<CorsValue<'allowHeaders'>>('reflect', 'Reflect the requested headers', 'reflect'),
    listChoice('header name', 'Allowed headers', 'Content-Type, Authorization'),
    literalChoice('Access-Control-Allow-Headers'),
  ];
  const exposeHeaders: Choice<CorsValue<'exposeHeaders'>>[] = [
    fixed<CorsValue<'exposeHeaders'>>('wildcard', 'Every header', '*', '*'),
    listChoice('header name', 'Exposed headers', 'ETag, X-RateLimit-Remaining'),
    literalChoice('Access-Control-Expose-Headers'),
  ];
  const maxAge: Choice<CorsValue<'maxAge'>>[] = [
    {
      kind: 'text',
      key: 'seconds',
      label: 'Seconds',
      inputLabel: 'Max age in seconds',
      placeholder: '600',
      hint: 'How long the browser may cache this preflight (Chromium caps it at 7200).',
      matches: (value) => typeof value === 'number',
      format: (value) => String(value),
      parse: (text) => parseWholeNumber(text, 0, 2_147_483_647, 'Max age'),
    },
    literalChoice('Access-Control-Max-Age'),
  ];
  const vary: Choice<CorsValue<'vary'>>[] = [
    fixed<CorsValue<'vary'>>('auto', 'Auto', 'auto'),
    fixed<CorsValue<'vary'>>('off', 'Off: never Vary', 'off'),
  ];
  return {
    allowOrigin,
    allowCredentials,
    allowMethods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary,
  } satisfies { [F in keyof Cors]-?: Choice<CorsValue<F>>[] };
}

export type OwnChoices = ReturnType<typeof ownChoices>;

/** Said while a picked choice's box is blank or invalid, so its header is left off. */
export function notSentHint(header: string): string {
  return `Until this box holds a valid value, the target sends no ${header} header.`;
}

/** A shared field: not sent, or one of its own values. */
export function sharedChoices<T>(own: readonly Choice<T>[]): Choice<T>[] {
  return [fixed<T>('absent', 'Not sent', undefined), ...own];
}

/** An override: the shared value, not sent here, or a value of its own. */
export function overrideChoices<T>(
  own: readonly Choice<T>[],
  { nullable = true }: { nullable?: boolean } = {},
): Choice<T>[] {
  return [
    fixed<T>('inherit', 'Same as shared', undefined),
    ...(nullable ? [fixed<T>('absent', 'Not sent', null)] : []),
    ...own,
  ];
}
