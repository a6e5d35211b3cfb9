import { describe, expect, it } from 'vitest';
import { defaultServerConfig, type ServerConfig } from '../../../scenario/server-config.ts';
import { configAsWritten, previewActual, previewPreflight } from './response-preview.ts';

describe('previews', () => {
  const origin = 'http://localhost:5173';
  const config = (change: (draft: ServerConfig) => void): ServerConfig => {
    const draft = structuredClone(defaultServerConfig);
    change(draft);
    return draft;
  };

  it('the default actual response: no CORS lines, the default JSON body', () => {
    expect(previewActual(defaultServerConfig, { origin }).headers).toEqual([
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Content-Length', '36'],
    ]);
  });

  it('a preflight: CORS lines, extra lines, then Content-Length unless 204', () => {
    const preview = previewPreflight(
      config((draft) => {
        draft.cors.allowOrigin = 'reflect';
        draft.cors.allowMethods = ['PUT'];
        draft.preflight.handling = { kind: 'answer', status: 200 };
        draft.preflight.headers = [['Cache-Control', 'no-store']];
      }),
      { origin },
    );
    expect(preview.headers).toEqual([
      ['Access-Control-Allow-Origin', origin],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Vary', 'Origin'],
      ['Cache-Control', 'no-store'],
      ['Content-Length', '0'],
    ]);
  });

  it('a raw response replaces the computed one, lines as written', () => {
    const raw = {
      status: 200,
      reason: 'OK',
      headers: [
        ['A', '1'],
        ['a', '1'],
      ] as [string, string][],
      body: '',
    };
    const preview = previewActual(
      config((draft) => {
        draft.raw = { actual: raw };
      }),
      { origin },
    );
    expect(preview.raw).toBe(true);
    expect(preview.headers).toEqual(raw.headers);
  });

  it('a hop written in raw lines is named so', () => {
    const preview = previewActual(
      config((draft) => {
        draft.actual.redirects = [
          {
            status: 308,
            to: 'second',
            cors: true,
            headers: [],
            raw: { reason: '', headers: [['Location', '{{location}}']] },
          },
        ];
      }),
      { origin },
    );
    expect(preview.notes[0]).toBe(
      'First the redirects: 308 to the second target (in raw lines). The request after the last one gets this.',
    );
  });

  it('a raw response comes after the redirect hops, which the notes still list', () => {
    const preview = previewActual(
      config((draft) => {
        draft.actual.redirects = [
          { status: 302, to: 'second', cors: { allowOrigin: '*' }, headers: [] },
          { status: 307, to: 'crossSite', cors: false, headers: [] },
        ];
        draft.raw = { actual: { status: 200, reason: '', headers: [], body: '' } };
      }),
      { origin },
    );
    expect(preview.notes[0]).toBe(
      'First the redirects: 302 to the second target (with its own CORS headers), then 307 to the cross-site target (without CORS headers). The request after the last one gets this.',
    );
  });

  it('shows placeholders as the target writes them, {{target}} as written', () => {
    const written = configAsWritten(
      config((draft) => {
        draft.actual.headers = [
          ['X-Page', '{{origin}}/'],
          ['X-Target', '{{target}}'],
        ];
      }),
      origin,
    );
    expect(previewActual(written, { origin }).headers.slice(0, 2)).toEqual([
      ['X-Page', `${origin}/`],
      ['X-Target', '{{target}}'],
    ]);
  });
});
