/**
 * Where things are in JSON text, for messages that point at a line and column as a linter's
 * do: the first place the text breaks JSON's grammar (RFC 8259), and where the value at a
 * path (e.g. `steps[0].request.method`) is written.
 */
import { MAX_JSON_DEPTH } from './parse-json.ts';

/** A place in a text: 1-based line and column, columns in UTF-16 code units as editors count. */
export interface SourcePosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset;) {
    line += 1;
    lineStart = index + 1;
    index = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first grammar error in JSON text: where, and what was expected. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** A cursor over JSON text that checks the grammar as it skips over values. */
class Scanner {
  index = 0;

  constructor(
    readonly text: string,
    readonly maxDepth: number,
  ) {}

  fail(message: string, at = this.index): never {
    throw new SyntaxFailure(at, message);
  }

  /** What is at the cursor, in words: `x`, the next word, or the end of the file. */
  found(at = this.index): string {
    if (at >= this.text.length) return 'the end of the file';
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(at, at + 40))?.[0];
    return `\`${word ?? this.text.charAt(at)}\``;
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text.charAt(this.index))) this.index += 1;
  }

  expect(char: string, message: string): void {
    this.skipSpace();
    if (this.text[this.index] !== char) this.fail(`${message}, found ${this.found()}`);
    this.index += 1;
  }

  /** Skips the value at the cursor (after any space), checking it. */
  value(depth = 0): void {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '{' || char === '[') {
      if (depth >= this.maxDepth) {
        this.fail(`nested more than ${this.maxDepth} levels deep (objects and arrays)`);
      }
      if (char === '{') this.object(depth + 1);
      else this.array(depth + 1);
    } else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else if (this.text.startsWith('true', this.index)) this.index += 4;
    else if (this.text.startsWith('false', this.index)) this.index += 5;
    else if (this.text.startsWith('null', this.index)) this.index += 4;
    else if (char === "'") this.fail('strings must be in double quotes');
    else this.fail(`expected a value, found ${this.found()}`);
  }

  /**
   * Skips the object at the cursor, checking it; `onMember` is told each key and where the
   * key and its value start.
   */
  object(
    depth: number,
    onMember: (key: string, keyAt: number, valueAt: number) => void = () => undefined,
  ): void {
    this.index += 1; // {
    for (let commaAt = -1; ;) {
      this.skipSpace();
      const keyAt = this.index;
      if (this.text[keyAt] === '}') {
        if (commaAt !== -1) this.fail('a trailing comma is not allowed in JSON', commaAt);
        this.index += 1;
        return;
      }
      if (this.text[keyAt] !== '"') {
        this.fail(`expected a property name in double quotes, found ${this.found()}`);
      }
      this.string();
      const key = JSON.parse(this.text.slice(keyAt, this.index)) as string;
      this.expect(':', 'expected `:` after a property name');
      this.skipSpace();
      onMember(key, keyAt, this.index);
      this.value(depth);
      this.skipSpace();
      if (this.text[this.index] === '}') {
        this.index += 1;
        return;
      }
      if (this.text[this.index] !== ',') {
        this.fail(`expected \`,\` or \`}\` after a property value, found ${this.found()}`);
      }
      commaAt = this.index;
      this.index += 1;
    }
  }

  /** Skips the array at the cursor, checking it; `onItem` is told where each item starts. */
  array(depth: number, onItem: (index: number, at: number) => void = () => undefined): void {
    this.index += 1; // [
    for (let item = 0, commaAt = -1; ; item += 1) {
      this.skipSpace();
      if (this.text[this.index] === ']') {
        if (commaAt !== -1) this.fail('a trailing comma is not allowed in JSON', commaAt);
        this.index += 1;
        return;
      }
      onItem(item, this.index);
      this.value(depth);
      this.skipSpace();
      if (this.text[this.index] === ']') {
        this.index += 1;
        return;
      }
      if (this.text[this.index] !== ',') {
        this.fail(`expected \`,\` or \`]\` after an array item, found ${this.found()}`);
      }
      commaAt = this.index;
      this.index += 1;
    }
  }

  string(): void {
    const start = this.index;
    this.index += 1; // "
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (Number.isNaN(code)) this.fail('this string is never closed: a `"` is missing', start);
      if (code === 0x22) {
        this.index += 1;
        return;
      }
      if (code < 0x20) {
        this.fail(
          code === 0x0a
            ? 'a string cannot hold a line break: write it as \\n, or close the string with `"`'
            : `a string cannot hold control character U+${code.toString(16).toUpperCase().padStart(4, '0')}: escape it`,
        );
      }
      if (code === 0x5c) {
        const escape = this.text.charAt(this.index + 1);
        if (
          escape === 'u' &&
          /^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.index + 2, this.index + 6))
        ) {
          this.index += 6;
          continue;
        }
        if (escape === 'u') this.fail('`\\u` must be followed by four hex digits');
        if (!ESCAPES.has(escape)) this.fail(`\`\\${escape}\` is not an escape JSON knows`);
        this.index += 2;
        continue;
      }
      this.index += 1;
    }
  }

  digits(where: string): void {
    const start = this.index;
    while (/[0-9]/.test(this.text.charAt(this.index))) this.index += 1;
    if (this.index === start) this.fail(`expected a digit ${where}, found ${this.found()}`);
  }

  // https://www.rfc-editor.org/rfc/rfc8259#section-6
  number(): void {
    if (this.text[this.index] === '-') this.index += 1;
    if (this.text[this.index] === '0') {
      this.index += 1;
      if (/[0-9]/.test(this.text.charAt(this.index))) {
        this.fail('a number cannot have a leading zero', this.index - 1);
      }
    } else this.digits('after `-`');
    if (this.text[this.index] === '.') {
      this.index += 1;
      this.digits('after the decimal point');
    }
    if (this.text[this.index] === 'e' || this.text[this.index] === 'E') {
      this.index += 1;
      if (this.text[this.index] === '+' || this.text[this.index] === '-') this.index += 1;
      this.digits('in the exponent');
    }
  }

  /** The whole text: one value, then only space. */
  document(): void {
    this.value();
    this.skipSpace();
    if (this.index < this.text.length) {
      this.fail(`expected the end of the file after the JSON value, found ${this.found()}`);
    }
  }
}

/**
 * The first place JSON text breaks the grammar, or nests objects and arrays deeper than
 * `maxDepth`, with what was expected there; undefined when it is valid JSON.
 */
export function findJsonSyntaxError(
  text: string,
  maxDepth = MAX_JSON_DEPTH,
): JsonSyntaxError | undefined {
  try {
    new Scanner(text, maxDepth).document();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxFailure) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/** Where a path's value is written: its offset, and its key's when it is an object member. */
export interface JsonLocation {
  offset: number;
  keyOffset?: number;
  /** Whether the whole path was there; if not, the location is of the deepest part that was. */
  found: boolean;
}

/**
 * Where the value at `path` (keys and array indexes, as a schema library reports them) is
 * written in JSON text. A key given twice is found where JSON.parse takes it from: its last
 * occurrence. A missing part gives the location of the deepest part present, e.g. the object
 * a required key is missing from.
 */
export function locateJsonPath(text: string, path: readonly PropertyKey[]): JsonLocation {
  const scanner = new Scanner(text, MAX_JSON_DEPTH);
  scanner.skipSpace();
  let location: JsonLocation = { offset: scanner.index, found: true };
  try {
    for (const [depth, segment] of path.entries()) {
      const container = text[scanner.index];
      let next: { valueAt: number; keyAt?: number } | undefined;
      if (container === '{' && typeof segment === 'string') {
        scanner.object(depth + 1, (key, keyAt, valueAt) => {
          if (key === segment) next = { keyAt, valueAt };
        });
      } else if (container === '[' && typeof segment === 'number') {
        scanner.array(depth + 1, (item, at) => {
          if (item === segment) next = { valueAt: at };
        });
      }
      if (next === undefined) return { ...location, found: false };
      scanner.index = next.valueAt;
      location = {
        offset: next.valueAt,
        ...(next.keyAt === undefined ? {} : { keyOffset: next.keyAt }),
        found: true,
      };
    }
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { ...location, found: false };
  }
  return location;
}
