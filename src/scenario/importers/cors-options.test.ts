import { describe, expect, it } from 'vitest';
import { importCorsOptions } from './cors-options.ts';
import { parseOptionsLiteral, RegExpLiteral } from './object-literal.ts';

describe('parseOptionsLiteral', () => {
  it('reads the object literal people write: unquoted keys, single quotes, trailing commas, comments', () => {
    expect(
      parseOptionsLiteral(`{
        // who may call
        origin: ['https://a.example', "https://b.example",],
        credentials: true, /* cookies */ maxAge: 0x10, methods: \`GET\`,
      }`),
    ).toEqual({
      ok: true,
      value: {
        origin: ['https://a.example', 'https://b.example'],
        credentials: true,
        maxAge: 16,
        methods: 'GET',
      },
    });
  });

  it('takes the options from the call they are passed to, and a call without them as the defaults', () => {
    expect(parseOptionsLiteral("app.use(cors({ origin: 'https://a.example' }))")).toEqual({
      ok: true,
      value: { origin: 'https://a.example' },
    });
    expect(parseOptionsLiteral('fastify.register(cors, { origin: true })')).toEqual({
      ok: true,
      value: { origin: true },
    });
    expect(parseOptionsLiteral('app.use(cors())')).toEqual({ ok: true, value: {} });
    expect(parseOptionsLiteral('  ')).toEqual({ ok: true, value: {} });
  });

  it('keeps a regular expression as text, never compiled', () => {
    const parsed = parseOptionsLiteral('{ origin: /\\.example\\.com$/i }');
    expect(parsed).toEqual({
      ok: true,
      value: { origin: new RegExpLiteral('\\.example\\.com$', 'i') },
    });
  });

  // Nothing is run: every expression that is not a literal is refused, with where it is.
  it.each([
    ['{ origin: process.env.ORIGIN }', '"process" is not a literal value'],
    ['{ origin: (o, cb) => cb(null, true) }', 'unexpected "("'],
    ['{ origin: `https://${host}` }', 'a template with ${...} is not a literal value'],
    ['{ origin }', 'expected ":" after "origin"'],
    ['{ __proto__: { polluted: true } }', '"__proto__" is not an option'],
    ['{ origin: "https://a.example" ', 'expected "}"'],
    [`{ a: ${'['.repeat(40)} }`, 'nested deeper than 32 levels'],
    ["{ origin: '\\u{FFFFFF}' }", 'a \\u escape beyond U+10FFFF'],
  ])('refuses %s', (text, message) => {
    const parsed = parseOptionsLiteral(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toContain(message);
  });

  it('says where the problem is', () => {
    expect(parseOptionsLiteral('{\n  origin: foo,\n}')).toEqual({
      ok: false,
      error: expect.stringContaining('at line 2, column 11') as string,
    });
  });
});

describe('importCorsOptions: each library with no options sends its own defaults', () => {
  it('Express cors(): *, its six methods, the requested headers reflected, 204', () => {
    const result = importCorsOptions('express', 'cors()');
    expect(result.ok && result.config.cors).toEqual({
      allowOrigin: '*',
      allowMethods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      allowHeaders: 'reflect',
    });
    expect(result.ok && result.config.preflight.handling).toEqual({ kind: 'answer', status: 204 });
  });

  it('@fastify/cors: *, GET, HEAD and POST, the requested headers reflected, 204', () => {
    const result = importCorsOptions('fastify', '{}');
    expect(result.ok && result.config.cors).toEqual({
      allowOrigin: '*',
      allowMethods: ['GET', 'HEAD', 'POST'],
      allowHeaders: 'reflect',
    });
  });

  it("Hono's cors(): *, seven methods with QUERY, the requested headers reflected, 204", () => {
    const result = importCorsOptions('hono', 'cors()');
    expect(result.ok && result.config.cors).toEqual({
      allowOrigin: '*',
      allowMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY'],
      allowHeaders: 'reflect',
    });
  });
});

describe('importCorsOptions: options the config cannot hold are refused, by name', () => {
  it.each([
    [
      'express',
      "{ origin: [/\\.example\\.com$/, 'https://a.example'] }",
      'origin.0',
      'is a pattern',
    ],
    ['express', '{ preflightContinue: true }', 'preflightContinue', 'hands the preflight on'],
    ['fastify', '{ preflight: false }', 'preflight', 'hands the preflight on'],
    ['fastify', '{ origin: /x/ }', 'origin', 'is a pattern'],
    ['hono', '{ allowMethod: ["GET"] }', 'allowMethod', "is not an option of Hono's cors()"],
    ['express', '{ optionsSuccessStatus: 600 }', 'optionsSuccessStatus', 'from 200 to 599'],
    ['express', "{ allowedHeaders: ['X A'] }", 'cors.allowHeaders.0', ''],
  ] as const)('%s %s', (library, text, path, message) => {
    const result = importCorsOptions(library, text);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toContainEqual({
      path,
      message: expect.stringContaining(message) as string,
    });
  });
});
