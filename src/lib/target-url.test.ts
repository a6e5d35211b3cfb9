import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../scenario/control-api.ts';
import { defaultServerConfig } from '../scenario/server-config.ts';
import { draftBase, draftUrl, targetOriginsOf } from './target-url.ts';

const session: SessionInfo = {
  id: 'abc',
  appOrigin: 'http://localhost:5173',
  targets: {
    sameSite: 'http://localhost:5174/s/abc',
    crossSite: 'http://127.0.0.1:5174/s/abc',
    second: 'http://localhost:5175/s/abc',
  },
  config: defaultServerConfig,
};

describe('the URLs the page fetches', () => {
  it('start under the session, and under a new prefix for each fresh preflight cache', () => {
    expect(draftUrl(session, 'sameSite', '/items?x=1', 0)).toBe(
      'http://localhost:5174/s/abc/items?x=1',
    );
    expect(draftUrl(session, 'sameSite', '/items?x=1', 2)).toBe(
      'http://localhost:5174/s/abc/fresh-2/items?x=1',
    );
    expect(draftBase(session, 'sameOrigin', 1)).toBe('http://localhost:5173/s/abc/fresh-1');
  });

  it('name each target by its origin', () => {
    expect(targetOriginsOf(session)).toEqual({
      sameSite: 'http://localhost:5174',
      crossSite: 'http://127.0.0.1:5174',
      second: 'http://localhost:5175',
    });
  });
});
