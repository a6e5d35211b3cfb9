import { describe, expect, it } from 'vitest';
import { corsHeadersFor } from './cors-headers.ts';
import { placeholdersIn, resolvePlaceholders } from './config-placeholders.ts';
import { placeholderKey, substitutePlaceholders, type PlaceholderValues } from './placeholders.ts';
import { parseServerConfig, serverConfigSchema } from './server-config.ts';

const PAGE = 'http://localhost:5173';
const values: PlaceholderValues = {
  origin: PAGE,
  target: 'http://127.0.0.1:5174',
  requestOrigin: 'null',
};

describe('substitutePlaceholders', () => {
  it.each([
    ['{{origin}}/', `${PAGE}/`],
    [' {{origin}} ', ` ${PAGE} `],
    ['{{origin}}?', `${PAGE}?`],
    ['{{origin}}:80', `${PAGE}:80`],
    ['{{origin}}, {{origin}}', `${PAGE}, ${PAGE}`],
    ['* {{origin}}', `* ${PAGE}`],
    ['{{origin:upper}}', 'HTTP://LOCALHOST:5173'],
    ['{{target}}', 'http://127.0.0.1:5174'],
    ['{{request-origin}}, https://b.example', 'null, https://b.example'],
    ['no placeholder', 'no placeholder'],
    // Single braces are text, as in JSON or URI templates.
    ['{"a":{"b":1}} {id}', '{"a":{"b":1}} {id}'],
    // `{{{{}}` writes a literal `{{`, so any text can be written.
    ['{{{{}}origin}}', '{{origin}}'],
    ['a{{{{}}}', 'a{{}'],
  ])('%j becomes %j', (value, written) => {
    expect(substitutePlaceholders(value, values)).toBe(written);
  });

  it('leaves a value using {{request-origin}} out when the request has no Origin', () => {
    const noOrigin = { ...values, requestOrigin: undefined };
    expect(substitutePlaceholders('{{request-origin}}', noOrigin)).toBeUndefined();
    expect(substitutePlaceholders('{{origin}}', noOrigin)).toBe(PAGE);
  });
});

describe('validation', () => {
  it.each([
    ['{{origin}', 'a placeholder not closed'],
    ['{{page}}', 'an unknown name'],
    ['{{ origin }}', 'spaces inside'],
    ['{{ORIGIN}}', 'another case'],
    ['{{{origin}}', 'three braces'],
    ['{{', 'two braces alone'],
  ])('refuses %j (%s), naming the field and the known placeholders', (value) => {
    const result = parseServerConfig({
      version: 1,
      actual: { headers: [['X-Origin', value]] },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toBe('actual.headers.0.1');
    const message = result.issues[0]?.message ?? '';
    for (const known of ['{{origin}}', '{{origin:upper}}', '{{target}}', '{{request-origin}}']) {
      expect(message).toContain(known);
    }
    expect(message).toContain('{{{{}}');
  });

  it.each([
    { cors: { allowOrigin: { value: '{{origin}}/' } } },
    { cors: { allowOrigin: { allowList: ['{{origin}}'] } } },
    { cors: { allowCredentials: { value: '{{target}}' } } },
    { preflight: { cors: { allowHeaders: { value: '{{request-origin}}' } } } },
    { preflight: { headers: [['X-Origin', '{{origin:upper}}']] } },
    { raw: { actual: { status: 200, headers: [['access-control-allow-origin', '{{origin}}']] } } },
  ])('accepts placeholders in literal, allow-list, extra and raw values: %j', (input) => {
    expect(parseServerConfig({ version: 1, ...input }).ok).toBe(true);
  });

  it('refuses an unknown placeholder in a literal, with its path', () => {
    const result = parseServerConfig({ version: 1, cors: { allowOrigin: { value: '{{host}}' } } });
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContain(
      'cors.allowOrigin.value',
    );
  });
});

describe('resolvePlaceholders', () => {
  const config = serverConfigSchema.parse({
    version: 1,
    cors: {
      allowOrigin: { allowList: ['{{origin}}', '{{request-origin}}'] },
      exposeHeaders: { value: '{{target}}' },
    },
    preflight: { cors: { allowOrigin: { value: '{{request-origin}}' } } },
    actual: {
      headers: [
        ['X-Page', '{{origin:upper}}'],
        ['X-Echo', '{{request-origin}}'],
      ],
    },
    raw: { preflight: { status: 204, headers: [['X-Page', '{{origin}}']] } },
  });

  it('replaces placeholders in every field that may hold them', () => {
    const resolved = resolvePlaceholders(config, { ...values, requestOrigin: PAGE });
    expect(resolved.cors.allowOrigin).toEqual({ allowList: [PAGE, PAGE] });
    expect(resolved.cors.exposeHeaders).toEqual({ value: values.target });
    expect(resolved.preflight.cors.allowOrigin).toEqual({ value: PAGE });
    expect(resolved.actual.headers).toEqual([
      ['X-Page', 'HTTP://LOCALHOST:5173'],
      ['X-Echo', PAGE],
    ]);
    expect(resolved.raw?.preflight?.headers).toEqual([['X-Page', PAGE]]);
  });

  it('without an Origin, leaves out the lines and values that reflect it', () => {
    const resolved = resolvePlaceholders(config, { ...values, requestOrigin: undefined });
    expect(resolved.cors.allowOrigin).toEqual({ allowList: [PAGE] });
    // An override not sent is null, so that the shared value does not apply either.
    expect(resolved.preflight.cors.allowOrigin).toBeNull();
    expect(resolved.actual.headers).toEqual([['X-Page', 'HTTP://LOCALHOST:5173']]);
    expect(corsHeadersFor(resolved, 'preflight', { origin: undefined })).toEqual([]);
  });

  it('knows which placeholders a config uses, and keys the values by those alone', () => {
    expect([...placeholdersIn(config)].sort()).toEqual([
      '{{origin:upper}}',
      '{{origin}}',
      '{{request-origin}}',
      '{{target}}',
    ]);
    const onlyPage = serverConfigSchema.parse({
      version: 1,
      actual: { headers: [['X-Page', '{{origin}}']] },
    });
    const used = placeholdersIn(onlyPage);
    expect(placeholderKey(used, values)).toBe(
      placeholderKey(used, { ...values, target: 'http://other', requestOrigin: undefined }),
    );
    expect(placeholderKey(used, values)).not.toBe(
      placeholderKey(used, { ...values, origin: 'http://other' }),
    );
  });
});
