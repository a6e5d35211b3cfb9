/**
 * The deepest nesting of objects and arrays accepted in JSON input (control API bodies,
 * scenario files). A scenario nests about 6 levels; code that walks a value recursively
 * (merge patches, validation, `JSON.stringify`) overflows the stack at a few thousand.
 */
export const MAX_JSON_DEPTH = 32;

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses JSON text, refusing nesting deeper than MAX_JSON_DEPTH before building anything. */
export function parseJson(text: string): ParsedJson {
  const tooDeepAt = nestingBeyond(text, MAX_JSON_DEPTH);
  if (tooDeepAt !== undefined) {
    return {
      ok: false,
      error: `JSON nested more than ${MAX_JSON_DEPTH} levels deep (objects and arrays, at character ${tooDeepAt}) is refused`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `Malformed JSON: ${(error as Error).message}` };
  }
}

/**
 * Where the text's brackets first nest deeper than `max`, outside strings; one pass, no
 * recursion. Malformed text may be miscounted here, and is then refused by JSON.parse.
 */
function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > max) return index;
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
  return undefined;
}
