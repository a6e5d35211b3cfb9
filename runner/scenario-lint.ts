import type { z } from 'zod';
import {
  findJsonSyntaxError,
  locateJsonPath,
  positionAt,
  type SourcePosition,
} from '../src/scenario/json-source.ts';
import { parseJson } from '../src/scenario/parse-json.ts';
import { scenarioSchema, type Scenario } from '../src/scenario/scenario.ts';

/** One problem in a scenario file, as a linter reports it. */
export interface SourceProblem {
  line: number;
  column: number;
  /** The value at fault, e.g. `steps[0].request.method`; none for a JSON syntax error. */
  path?: string;
  /** A sentence, e.g. "`steps[0].request.mode` must be one of `cors`, ..., got `cor`". */
  message: string;
}

export type CheckedScenario =
  | { ok: true; scenario: Scenario }
  | { ok: false; reason: 'not valid JSON' | 'not a valid scenario'; problems: SourceProblem[] };

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** A path as it is written in JavaScript: `steps[0].request.method`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

const plural = (count: number | bigint, noun: string): string =>
  `${count} ${noun}${count === 1 || count === 1n ? '' : 's'}`;

/** A value from the file in a few words: `cor`, `3`, an array of 2 items. */
function shown(value: unknown, withKind: boolean): string {
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty array' : `an array of ${plural(value.length, 'item')}`;
  }
  if (value === null) return '`null`';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    if (value === '') return 'an empty string';
    if (value.length > 60) return `a string of ${plural(value.length, 'character')}`;
    return withKind ? `the string \`${value}\`` : `\`${value}\``;
  }
  return withKind && typeof value === 'number' ? `the number \`${value}\`` : `\`${String(value)}\``;
}

const KINDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
};

const bound = (
  issue: { origin: string; inclusive?: boolean; exact?: boolean },
  side: 'least' | 'most',
  limit: number | bigint,
): string => {
  if (issue.origin === 'string') {
    if (side === 'least' && limit === 1) return 'must not be empty';
    return `must be ${issue.exact ? 'exactly' : `at ${side}`} ${plural(limit, 'character')} long`;
  }
  if (issue.origin === 'array') {
    return `must have ${issue.exact ? 'exactly' : `at ${side}`} ${plural(limit, 'item')}`;
  }
  if (issue.inclusive === false)
    return `must be ${side === 'least' ? 'more' : 'less'} than ${limit}`;
  return `must be at ${side} ${limit}`;
};

/**
 * The sentence for an issue the schema gives no message of its own (those, such as "must be an
 * HTTP token", are kept): what the value must be, in the schema's own words.
 */
function sentence(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value': {
      const values = issue.values.map((value) => `\`${String(value)}\``);
      return values.length === 1
        ? `must be ${values[0]}`
        : `must be one of ${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
    }
    case 'too_small':
      return bound(issue, 'least', issue.minimum);
    case 'too_big':
      return bound(issue, 'most', issue.maximum);
    case 'invalid_format':
      return issue.pattern === undefined
        ? `must be a valid ${issue.format}`
        : `must match ${issue.pattern}`;
    case 'invalid_union':
      return 'matches none of the forms allowed here';
    default:
      return undefined;
  }
}

/** What the file has instead, when that helps: "got `cor`". */
function got(issue: Issue): string {
  if (issue.code === 'unrecognized_keys' || issue.input === undefined) return '';
  // A `1` where 1 is wanted must say it is a string; an enum's `cor` need not.
  const withKind =
    issue.code === 'invalid_type' ||
    (issue.code === 'invalid_value' && issue.values.some((value) => typeof value !== 'string'));
  return `, got ${shown(issue.input, withKind)}`;
}

/** A file's text without the byte order mark some editors write first (not a column). */
const withoutBom = (source: string): string =>
  source.startsWith('\uFEFF') ? source.slice(1) : source;

/**
 * Where the value at `path` is written in a scenario file (its key, for `key`), or the deepest
 * part of the path there is.
 */
export function positionOf(
  source: string,
  path: readonly PropertyKey[],
  at: 'value' | 'key' = 'value',
): SourcePosition {
  const text = withoutBom(source);
  const location = locateJsonPath(text, path);
  return positionAt(text, at === 'key' ? (location.keyOffset ?? location.offset) : location.offset);
}

function problemsOf(text: string, issues: readonly Issue[]): SourceProblem[] {
  const problems = issues.flatMap((issue): SourceProblem[] => {
    // One problem per unknown key, at the key: it is what to delete or correct.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        problem(text, [...issue.path, key], 'is not a known key', 'key'),
      );
    }
    return [problem(text, issue.path, `${issue.message}${got(issue)}`, 'value')];
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function problem(
  text: string,
  path: readonly PropertyKey[],
  message: string,
  at: 'value' | 'key',
): SourceProblem {
  const subject = path.length === 0 ? 'the scenario' : `\`${formatPath(path)}\``;
  return {
    ...positionOf(text, path, at),
    ...(path.length === 0 ? {} : { path: formatPath(path) }),
    message: `${subject} ${message}`,
  };
}

/**
 * Reads a scenario file's text: the scenario, or every problem with it, each with its line and
 * column, the path of the value and a sentence saying what it must be. A byte order mark at the
 * start is allowed (editors on Windows write one), and not counted as a column.
 */
export function checkScenarioText(source: string): CheckedScenario {
  const text = withoutBom(source);
  const json = parseJson(text);
  if (!json.ok) {
    // parseJson decides; the scanner only says where and why (the parser's reason, at the
    // start, should the two ever differ).
    const error = findJsonSyntaxError(text) ?? { offset: 0, message: json.error };
    return {
      ok: false,
      reason: 'not valid JSON',
      problems: [{ ...positionAt(text, error.offset), message: error.message }],
    };
  }
  const result = scenarioSchema.safeParse(json.value, { reportInput: true, error: sentence });
  if (result.success) return { ok: true, scenario: result.data };
  return {
    ok: false,
    reason: 'not a valid scenario',
    problems: problemsOf(text, result.error.issues),
  };
}
