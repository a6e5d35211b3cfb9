import { describe, expect, it } from 'vitest';
import { defaultServerConfig, type ServerConfig } from '../../../scenario/server-config.ts';
import { sharedHint } from './shared-hint.ts';

const config = (change: (draft: ServerConfig) => void): ServerConfig => {
  const draft = structuredClone(defaultServerConfig);
  change(draft);
  return draft;
};

describe('the hint under an override left on "Same as shared"', () => {
  // Vary: auto is a rule, not a value; the hint says what it sends on this response.
  it('Vary auto with a reflected Origin: both responses send Vary: Origin', () => {
    const reflect = config((draft) => {
      draft.cors.allowOrigin = 'reflect';
    });
    expect(sharedHint(reflect, 'preflight', 'vary')).toBe(
      'Shared: auto, which sends Vary: Origin here.',
    );
    expect(sharedHint(reflect, 'actual', 'vary')).toBe(
      'Shared: auto, which sends Vary: Origin here.',
    );
  });

  it("Vary auto follows this response's own overrides", () => {
    const both = config((draft) => {
      draft.cors.allowOrigin = '*';
      draft.preflight.cors.allowOrigin = 'reflect';
      draft.preflight.cors.allowHeaders = 'reflect';
    });
    expect(sharedHint(both, 'preflight', 'vary')).toBe(
      'Shared: auto, which sends Vary: Origin, Access-Control-Request-Headers here.',
    );
    expect(sharedHint(both, 'actual', 'vary')).toBe(
      'Shared: auto, which sends no Vary here (nothing in this response depends on the request).',
    );
  });

  it('Vary off sends none', () => {
    const off = config((draft) => {
      draft.cors.allowOrigin = 'reflect';
      draft.cors.vary = 'off';
    });
    expect(sharedHint(off, 'actual', 'vary')).toBe('Shared: off, so no Vary is sent.');
  });

  // Every other field is sent as the shared section holds it.
  it('other fields: the shared value in a few words', () => {
    const shared = config((draft) => {
      draft.cors.allowOrigin = { allowList: ['https://a.example', 'https://b.example'] };
      draft.cors.allowMethods = ['PUT', 'PATCH'];
      draft.cors.allowCredentials = true;
      draft.cors.exposeHeaders = { value: 'X-A' };
    });
    expect(sharedHint(shared, 'actual', 'allowOrigin')).toBe(
      'Shared: the allow-list https://a.example, https://b.example.',
    );
    expect(sharedHint(shared, 'preflight', 'allowMethods')).toBe('Shared: PUT, PATCH.');
    expect(sharedHint(shared, 'actual', 'allowCredentials')).toBe('Shared: true.');
    expect(sharedHint(shared, 'actual', 'exposeHeaders')).toBe('Shared: the literal “X-A”.');
    expect(sharedHint(shared, 'preflight', 'maxAge')).toBe('Shared: not sent.');
  });
});
