import { z } from 'zod';

// https://fetch.spec.whatwg.org/#header-value: no leading or trailing HTTP whitespace,
// no 0x00, 0x0A or 0x0D. We keep leading/trailing whitespace writable on purpose (real
// misconfigured servers send it) and refuse only what would break HTTP framing.
const breaksFraming = (value: string): boolean =>
  value.includes('\r') || value.includes('\n') || value.includes('\0');
// The target writes header bytes as Latin-1, one byte per code unit.
const BEYOND_LATIN1 = /[\u0100-\uffff]/;
// https://www.rfc-editor.org/rfc/rfc9110#name-tokens
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A header value the target can write byte for byte. */
export const headerValueSchema = z
  .string()
  .refine((value) => !breaksFraming(value), {
    message: 'must not contain CR, LF or NUL: they would break HTTP framing',
  })
  .refine((value) => !BEYOND_LATIN1.test(value), {
    message: 'must contain only bytes 0x00-0xFF (Latin-1): a header value is bytes, not text',
  });

/** An HTTP token: a method, or a header name. */
export const tokenSchema = z.string().regex(TOKEN, {
  message: "must be an HTTP token: letters, digits and !#$%&'*+-.^_`|~, no spaces or colons",
});

/** Header lines as they go on the wire: order, case and duplicates kept. */
export const headerLinesSchema = z.array(z.tuple([tokenSchema, headerValueSchema])).max(100);
