// Reads the options object people pass to a CORS middleware, as JSON or as the JavaScript
// object literal they write (unquoted keys, single quotes, trailing commas, comments, regular
// expressions), without evaluating anything: a small parser of literal values only. A
// function, a variable or any other expression is an error that says where it is.

/** A regular expression literal, kept as text: it is never compiled or run. */
export class RegExpLiteral {
  constructor(
    readonly source: string,
    readonly flags: string,
  ) {}
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

export type LiteralValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | RegExpLiteral
  | LiteralValue[]
  | { [key: string]: LiteralValue };

export type LiteralResult = { ok: true; value: LiteralValue } | { ok: false; error: string };

/** As deep as the control API's JSON; real options nest two levels. */
const MAX_DEPTH = 32;
/** The control API's body limit. */
export const MAX_LITERAL_CHARS = 256 * 1024;

class LiteralError extends Error {}

const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?(?:0[xX][\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
};

class Reader {
  index = 0;
  constructor(readonly text: string) {}

  where(at = this.index): string {
    const before = this.text.slice(0, at).split('\n');
    return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
  }

  fail(message: string, at = this.index): never {
    throw new LiteralError(`${message} at ${this.where(at)}`);
  }

  /** Skips white space and comments. */
  skip(): void {
    for (;;) {
      const rest = /\s*/y;
      rest.lastIndex = this.index;
      rest.exec(this.text);
      this.index = rest.lastIndex;
      if (this.text.startsWith('//', this.index)) {
        const end = this.text.indexOf('\n', this.index);
        this.index = end === -1 ? this.text.length : end;
      } else if (this.text.startsWith('/*', this.index)) {
        const end = this.text.indexOf('*/', this.index + 2);
        if (end === -1) this.fail('a comment that never ends');
        this.index = end + 2;
      } else return;
    }
  }

  peek(): string {
    this.skip();
    return this.text[this.index] ?? '';
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}"`);
    this.index += 1;
  }

  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.index;
    const found = pattern.exec(this.text)?.[0];
    if (found !== undefined) this.index = pattern.lastIndex;
    return found;
  }

  value(depth: number): LiteralValue {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const char = this.peek();
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"' || char === "'" || char === '`') return this.string();
    if (char === '/') return this.regExp();
    const start = this.index;
    const number = this.match(NUMBER);
    if (number !== undefined) return Number(number);
    const word = this.match(IDENTIFIER);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (word === 'undefined') return undefined;
    if (word === undefined)
      this.fail(char === '' ? 'the text ends where a value should be' : `unexpected "${char}"`);
    this.fail(
      `"${word}" is not a literal value (only strings, numbers, booleans, lists, objects and regular expressions are read, nothing is run)`,
      start,
    );
  }

  object(depth: number): { [key: string]: LiteralValue } {
    this.expect('{');
    const result: { [key: string]: LiteralValue } = {};
    while (this.peek() !== '}') {
      const at = this.index;
      const char = this.peek();
      const key =
        char === '"' || char === "'"
          ? this.string()
          : (this.match(IDENTIFIER) ?? this.match(NUMBER));
      if (key === undefined) this.fail('expected a property name');
      if (key === '__proto__') this.fail('"__proto__" is not an option', at);
      if (this.peek() !== ':')
        this.fail(`expected ":" after "${key}" (shorthand and methods are not read)`);
      this.index += 1;
      Object.defineProperty(result, key, {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (this.peek() !== ',') break;
      this.index += 1;
    }
    this.expect('}');
    return result;
  }

  array(depth: number): LiteralValue[] {
    this.expect('[');
    const result: LiteralValue[] = [];
    while (this.peek() !== ']') {
      result.push(this.value(depth + 1));
      if (this.peek() !== ',') break;
      this.index += 1;
    }
    this.expect(']');
    return result;
  }

  string(): string {
    const quote = this.text[this.index] ?? '';
    const start = this.index;
    this.index += 1;
    let result = '';
    for (;;) {
      const char = this.text[this.index];
      if (char === undefined) this.fail('a string that never ends', start);
      this.index += 1;
      if (char === quote) return result;
      if (quote === '`' && char === '$' && this.text[this.index] === '{') {
        this.fail('a template with ${...} is not a literal value', this.index - 1);
      }
      if ((char === '\n' || char === '\r') && quote !== '`')
        this.fail('a line break inside a string');
      if (char !== '\\') {
        result += char;
        continue;
      }
      const escaped = this.text[this.index] ?? '';
      this.index += 1;
      if (escaped === 'u' || escaped === 'x') {
        const digits = this.match(
          escaped === 'u' ? /\{[\da-fA-F]{1,6}\}|[\da-fA-F]{4}/y : /[\da-fA-F]{2}/y,
        );
        if (digits === undefined) this.fail(`a bad \\${escaped} escape`);
        const codePoint = parseInt(digits.replace(/[{}]/g, ''), 16);
        if (codePoint > 0x10ffff) this.fail('a \\u escape beyond U+10FFFF');
        result += String.fromCodePoint(codePoint);
      } else if (escaped === '\n') continue;
      else result += ESCAPES[escaped] ?? escaped;
    }
  }

  regExp(): RegExpLiteral {
    const start = this.index;
    const body = this.match(/\/((?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+)\/([a-z]*)/y);
    if (body === undefined) this.fail('a regular expression that never ends', start);
    const last = body.lastIndexOf('/');
    return new RegExpLiteral(body.slice(1, last), body.slice(last + 1));
  }
}

/**
 * Reads the options from `text`: an object literal or JSON, or a call such as
 * `cors({ ... })` or `fastify.register(cors, { ... })`, whose first object is the options. A
 * call with no object (`cors()`) gives `{}`: the library's defaults.
 */
export function parseOptionsLiteral(text: string): LiteralResult {
  if (text.length > MAX_LITERAL_CHARS) {
    return { ok: false, error: `longer than ${MAX_LITERAL_CHARS} characters` };
  }
  const reader: Reader = new Reader(text);
  try {
    const first = reader.peek();
    if (first === '') return { ok: true, value: {} };
    if (first !== '{') {
      // A call: its options are its first object argument, or the defaults.
      const call = /^\s*[A-Za-z_$][\w$.]*\s*\(/.exec(text);
      if (call === null) reader.fail('expected the options object, { ... }');
      const open = text.indexOf('{', call[0].length);
      if (open === -1) return { ok: true, value: {} };
      reader.index = open;
    }
    const value = reader.value(0);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof LiteralError) return { ok: false, error: error.message };
    throw error;
  }
}
