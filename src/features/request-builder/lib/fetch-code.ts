import type { RequestDraft } from '../../../scenario/request-draft.ts';

/** The `init` members fetch() assumes when they are left out; the preview omits them. */
const DEFAULT_INIT = {
  method: 'GET',
  mode: 'cors',
  credentials: 'same-origin',
  redirect: 'follow',
  cache: 'default',
} as const;

/** A JavaScript string literal in single quotes. */
function stringLiteral(value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${escaped}'`;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : stringLiteral(name);
}

/**
 * The headers as a literal: an object when every name is unique, else an array of pairs,
 * since an object cannot hold two lines of one name (in any case) and `fetch()` keeps both.
 */
function headersLiteral(headers: readonly (readonly [string, string])[]): string {
  const names = headers.map(([name]) => name.toLowerCase());
  const unique = new Set(names).size === names.length;
  const lines = headers.map(([name, value]) =>
    unique
      ? `    ${propertyKey(name)}: ${stringLiteral(value)},`
      : `    [${stringLiteral(name)}, ${stringLiteral(value)}],`,
  );
  return unique ? `{\n${lines.join('\n')}\n  }` : `[\n${lines.join('\n')}\n  ]`;
}

/** The `fetch()` call a draft makes, showing only the options that differ from the defaults. */
export function fetchCode(url: string, request: RequestDraft): string {
  const members: string[] = [];
  if (request.method !== DEFAULT_INIT.method) {
    members.push(`method: ${stringLiteral(request.method)}`);
  }
  if (request.headers.length > 0) members.push(`headers: ${headersLiteral(request.headers)}`);
  if (request.body !== undefined) members.push(`body: ${stringLiteral(request.body)}`);
  for (const option of ['mode', 'credentials', 'redirect', 'cache'] as const) {
    const value = request[option];
    if (value !== DEFAULT_INIT[option]) members.push(`${option}: ${stringLiteral(value)}`);
  }
  if (members.length === 0) return `await fetch(${stringLiteral(url)});`;
  return `await fetch(${stringLiteral(url)}, {\n${members.map((member) => `  ${member},`).join('\n')}\n});`;
}
