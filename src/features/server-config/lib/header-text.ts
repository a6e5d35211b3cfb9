import { headerValueSchema, tokenSchema } from '../../../scenario/header-value.ts';
import type { HeaderLines } from '../../../scenario/cors-headers.ts';
import { fail, ok, type Parsed } from './parsed.ts';

// The schema in src/scenario stays the last word: each parser below checks with it after
// its own, friendlier checks, so the panel never accepts what the server would refuse.

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MAX_LIST_ITEMS = 50;
const MAX_HEADER_LINES = 100;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `value` cannot be a header value the target writes byte for byte, if it cannot. */
export function headerValueProblem(value: string): string | undefined {
  if (value.includes('\r') || value.includes('\n')) {
    return 'it contains a line break (CR or LF), which would end the header line and break HTTP framing';
  }
  if (value.includes('\0')) return 'it contains a NUL byte, which would break HTTP framing';
  const beyond = [...value].find((char) => (char.codePointAt(0) ?? 0) > 0xff);
  if (beyond !== undefined) {
    return `“${beyond}” (${codePoint(beyond)}) is not Latin-1: a header value is bytes 0x00–0xFF, not text`;
  }
  const checked = headerValueSchema.safeParse(value);
  return checked.success ? undefined : (checked.error.issues[0]?.message ?? 'it is not allowed');
}

/** Why `name` is not an HTTP token (a method or a header name), if it is not. */
export function tokenProblem(name: string): string | undefined {
  if (name === '') return 'it is empty';
  if (!TOKEN.test(name)) {
    if (/\s/.test(name)) return 'it contains a space: separate items with commas';
    const bad = [...name].find((char) => !TOKEN.test(char)) ?? '';
    return `“${bad}” is not allowed in an HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`;
  }
  const checked = tokenSchema.safeParse(name);
  return checked.success ? undefined : (checked.error.issues[0]?.message ?? 'it is not allowed');
}

/** A literal header value, exactly as typed. */
export function parseLiteral(text: string): Parsed<{ value: string }> {
  const problem = headerValueProblem(text);
  return problem === undefined ? ok({ value: text }) : fail(`Not a header value: ${problem}.`);
}

/** A comma-separated list of tokens, e.g. methods or header names. */
export function parseTokenList(text: string, noun: 'method' | 'header name'): Parsed<string[]> {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) return fail(`Type at least one ${noun}, separated by commas.`);
  if (items.length > MAX_LIST_ITEMS) return fail(`At most ${MAX_LIST_ITEMS} items.`);
  for (const item of items) {
    const problem = tokenProblem(item);
    if (problem !== undefined) return fail(`“${item}” is not a ${noun}: ${problem}.`);
  }
  return ok(items);
}

export const formatList = (items: readonly string[]): string => items.join(', ');

/** Origins separated by commas or spaces (an origin holds neither), compared exactly. */
export function parseOriginList(text: string): Parsed<string[]> {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  if (items.length === 0) return fail('Type at least one origin, e.g. https://app.example.');
  if (items.length > MAX_LIST_ITEMS) return fail(`At most ${MAX_LIST_ITEMS} origins.`);
  for (const item of items) {
    const problem = headerValueProblem(item);
    if (problem !== undefined) return fail(`“${item}” is not a header value: ${problem}.`);
  }
  return ok(items);
}

/** A whole number in [min, max], e.g. a status or seconds. */
export function parseWholeNumber(
  text: string,
  min: number,
  max: number,
  what: string,
): Parsed<number> {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return fail(`Type ${what} as a whole number (${min} to ${max}).`);
  const value = Number(trimmed);
  if (value < min || value > max) return fail(`${what} must be from ${min} to ${max}.`);
  return ok(value);
}

/**
 * Header lines typed one per line as `Name: value`: order, case and duplicates kept. The
 * value starts after the colon and one space; any further spaces are kept, as typed.
 * Blank lines are skipped.
 */
export function parseHeaderLines(text: string): Parsed<HeaderLines> {
  const lines: HeaderLines = [];
  const rows = text.split(/\r\n|\n|\r/);
  for (const [index, line] of rows.entries()) {
    if (line === '') continue;
    const where = `Line ${index + 1}`;
    if (/^[ \t]/.test(line)) {
      return fail(
        `${where} starts with a space: a header value cannot go on over a line break (obsolete line folding; CR and LF would break HTTP framing). Put the whole line on one line.`,
      );
    }
    const colon = line.indexOf(':');
    if (colon === -1) return fail(`${where} has no colon: write each header as Name: value.`);
    const name = line.slice(0, colon);
    const nameProblem = tokenProblem(name);
    if (nameProblem !== undefined) {
      return fail(`${where}: “${name}” is not a header name: ${nameProblem}.`);
    }
    const rest = line.slice(colon + 1);
    const value = rest.startsWith(' ') ? rest.slice(1) : rest;
    const valueProblem = headerValueProblem(value);
    if (valueProblem !== undefined) return fail(`${where}: ${valueProblem}.`);
    lines.push([name, value]);
  }
  if (lines.length > MAX_HEADER_LINES) return fail(`At most ${MAX_HEADER_LINES} lines.`);
  return ok(lines);
}

export function formatHeaderLines(lines: Readonly<HeaderLines>): string {
  return lines.map(([name, value]) => `${name}: ${value}`).join('\n');
}
