import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { publishedSchemas, scenarioJsonSchema, serverConfigJsonSchema } from './json-schema.ts';
import { parseScenario } from './scenario.ts';
import { parseServerConfig } from './server-config.ts';

describe('published JSON Schemas', () => {
  it.each(Object.entries(publishedSchemas))(
    'schemas/%s matches the zod schema (npm run schemas)',
    (file, schema) => {
      const published: unknown = JSON.parse(
        readFileSync(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'),
      );
      expect(published).toEqual(schema());
    },
  );
});

// mulberry32: a small seeded generator, so a disagreement is reproducible from its seed.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters at the edges of what the server accepts somewhere: token characters and
// separators, HTTP whitespace, the bytes that break framing, Latin-1 and beyond it (BMP,
// astral, a lone surrogate), and what a cookie, a path or a URL treats specially.
const CHARS = [
  ...'aZ09-_!~',
  ...' \t\u000b\u007f',
  ...'\r\n\0',
  ...';:,="\\/?#%',
  ...'\u00e9\u00ff\u0100\u20ac',
  '\u{1f600}',
  '\ud800',
];
// Whole words the server treats specially in some field.
const WORDS = ['Content-Length', 'transfer-ENCODING', 'Content-Length-X', '*', 'reflect'];

function makeString(next: () => number): string {
  if (next() < 0.15) return WORDS[Math.floor(next() * WORDS.length)] ?? '';
  let text = '';
  for (let length = Math.floor(next() * 6); length > 0; length -= 1) {
    text += CHARS[Math.floor(next() * CHARS.length)] ?? '';
  }
  return text;
}

/** Every place of a server config that holds a string the user writes. */
const SLOTS: ((text: string) => Record<string, unknown>)[] = [
  (text) => ({ cors: { allowOrigin: { value: text } } }),
  (text) => ({ cors: { allowOrigin: { allowList: [text] } } }),
  (text) => ({ cors: { allowCredentials: { value: text } } }),
  (text) => ({ cors: { allowMethods: [text] } }),
  (text) => ({ cors: { allowHeaders: [text] } }),
  (text) => ({ cors: { exposeHeaders: [text] } }),
  (text) => ({ cors: { maxAge: { value: text } } }),
  (text) => ({ preflight: { cors: { allowOrigin: { value: text } } } }),
  (text) => ({ preflight: { headers: [[text, 'v']] } }),
  (text) => ({ preflight: { headers: [['X-A', text]] } }),
  (text) => ({ actual: { headers: [[text, 'v']] } }),
  (text) => ({ actual: { headers: [['X-A', text]] } }),
  (text) => ({ actual: { body: { contentType: text, text } } }),
  (text) => ({ actual: { cookies: [{ name: text, value: 'v' }] } }),
  (text) => ({ actual: { cookies: [{ name: 'n', value: text }] } }),
  (text) => ({ actual: { cookies: [{ name: 'n', value: 'v', path: text }] } }),
  (text) => ({ raw: { actual: { status: 200, reason: text, headers: [] } } }),
  (text) => ({ raw: { preflight: { status: 204, headers: [[text, text]] } } }),
  (text) => ({ raw: { actual: { status: 200, headers: [], body: text } } }),
];

const SEED = 20261206;
const RUNS = 3000;

describe('the published JSON Schemas agree with the server on generated values', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  const validConfig = ajv.compile(serverConfigJsonSchema());
  const validScenario = ajv.compile(scenarioJsonSchema());

  it(`server config: schema-valid ⇔ server-valid, ${RUNS} values from seed ${SEED}`, () => {
    const next = random(SEED);
    const disagreements: unknown[] = [];
    let refused = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const slot = SLOTS[Math.floor(next() * SLOTS.length)];
      const input = { version: 1, ...slot?.(makeString(next)) };
      const server = parseServerConfig(input).ok;
      if (!server) refused += 1;
      if (validConfig(input) !== server) disagreements.push({ run, input, server });
    }
    expect(disagreements).toEqual([]);
    // The generator must reach both answers often, or agreement proves little.
    expect(refused).toBeGreaterThan(RUNS / 5);
    expect(refused).toBeLessThan((RUNS * 4) / 5);
  });

  it(`scenario: schema-valid ⇔ server-valid, ${RUNS} values from seed ${SEED}`, () => {
    const next = random(SEED + 1);
    const disagreements: unknown[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const text = makeString(next);
      const request = [{ path: `/${text}` }, { method: text }, { headers: [[text, text]] }][
        Math.floor(next() * 3)
      ];
      const slot = SLOTS[Math.floor(next() * SLOTS.length)];
      const input = {
        version: 1,
        title: 't',
        server: slot?.(makeString(next)),
        steps: [{ request }],
      };
      const server = parseScenario(input).ok;
      if (validScenario(input) !== server) disagreements.push({ run, input, server });
    }
    expect(disagreements).toEqual([]);
  });
});
