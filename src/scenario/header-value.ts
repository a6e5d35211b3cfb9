import { z } from './zod.ts';
import {
  HOP_LINE_PATTERN,
  KNOWN_HOP_PLACEHOLDERS,
  KNOWN_PLACEHOLDERS,
  PLACEHOLDER_PATTERN,
} from './placeholders.ts';

// Each rule is a regex, not a refine: z.toJSONSchema writes a regex as the JSON Schema's
// `pattern` (without flags, so none are used), so editors validate as the server does.

// https://fetch.spec.whatwg.org/#header-value: no leading or trailing HTTP whitespace,
// no 0x00, 0x0A or 0x0D. We keep leading/trailing whitespace writable on purpose (real
// misconfigured servers send it) and refuse only what would break HTTP framing.
const NO_FRAMING_BREAK = /^[^\r\n\0]*$/;
/** Only U+0000 to U+00FF: the target writes such strings as Latin-1, one byte a character. */
export const LATIN1_ONLY = /^[\0-\xff]*$/;
// https://www.rfc-editor.org/rfc/rfc9110#name-tokens
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header value the target can write byte for byte. */
export const headerValueSchema = z.string().check(
  z.regex(NO_FRAMING_BREAK, {
    message: 'must not contain CR, LF or NUL: they would break HTTP framing',
  }),
  z.regex(LATIN1_ONLY, {
    message: 'must contain only bytes 0x00-0xFF (Latin-1): a header value is bytes, not text',
  }),
);

/** An HTTP token: a method, or a header name. */
export const tokenSchema = z.string().check(
  z.regex(TOKEN, {
    message: "must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons",
  }),
);

/**
 * A header value of the config, which may name origins known only when the playground runs
 * (src/scenario/placeholders.ts).
 */
export const placeholderValueSchema = headerValueSchema
  .check(
    z.regex(PLACEHOLDER_PATTERN, {
      message: `has "{{" that starts no known placeholder; the known placeholders are ${KNOWN_PLACEHOLDERS}`,
    }),
  )
  .register(z.globalRegistry, {
    // One definition in the published JSON Schema, referred to from every field that uses it.
    id: 'placeholderValue',
    description: `A header value, written byte for byte, in which these placeholders are replaced when the target writes it: ${KNOWN_PLACEHOLDERS}. Every other "{{" is refused; single braces are plain text.`,
  });

const headerLines = (name: z.ZodMiniString, value: z.ZodMiniString) =>
  z.array(z.tuple([name, value])).check(z.maxLength(100));

/** Header lines as they go on the wire: order, case and duplicates kept. */
export const headerLinesSchema = headerLines(tokenSchema, headerValueSchema);

/** A raw response's header lines: as they go on the wire, placeholders aside. */
export const rawHeaderLinesSchema = headerLines(tokenSchema, placeholderValueSchema);

/** A redirect hop's raw lines: placeholders aside, `{{location}}` among them. */
export const hopRawHeaderLinesSchema = headerLines(
  tokenSchema,
  headerValueSchema
    .check(
      z.regex(HOP_LINE_PATTERN, {
        message: `has "{{" that starts no known placeholder; the known placeholders are ${KNOWN_HOP_PLACEHOLDERS}`,
      }),
    )
    .register(z.globalRegistry, {
      id: 'hopLineValue',
      description: `A header value of a redirect hop's raw lines, written byte for byte, in which these placeholders are replaced when the target writes it: ${KNOWN_HOP_PLACEHOLDERS}. Every other "{{" is refused; single braces are plain text.`,
    }),
);

/** `[Cc][Oo]...`: `word` in any case. A JSON Schema `pattern` has no flags, so no `/i`. */
const anyCase = (word: string): string =>
  word.replace(/[a-z]/g, (letter) => `[${letter.toUpperCase()}${letter}]`);
// https://www.rfc-editor.org/rfc/rfc9112#name-message-body-length
const FRAMING_NAME = new RegExp(
  `^(?!(?:${anyCase('content-length')}|${anyCase('transfer-encoding')})$)`,
);

/**
 * Extra lines of a response the target builds: it writes the framing (Content-Length)
 * itself, so another Content-Length, or a Transfer-Encoding beside it, would let a
 * keep-alive client read part of the body as the next response. Raw responses may.
 */
export const builtHeaderLinesSchema = headerLines(
  tokenSchema.check(
    z.regex(FRAMING_NAME, {
      message:
        'must not be Content-Length or Transfer-Encoding: the target frames a built response itself; write your own framing in a raw response (raw.preflight, raw.actual)',
    }),
  ),
  placeholderValueSchema,
);
