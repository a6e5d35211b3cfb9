import { describe, expect, it } from 'vitest';
import type { SessionInfo } from './control-api.ts';
import { defaultServerConfig } from './server-config.ts';
import { requestUrl, sessionBase } from './request-url.ts';

describe('request URLs', () => {
  const session: SessionInfo = {
    id: 'abc',
    appOrigin: 'http://localhost:5173',
    targets: {
      sameSite: sessionBase('http://localhost:5174', 'abc'),
      crossSite: sessionBase('http://127.0.0.1:5174', 'abc'),
      second: sessionBase('http://localhost:5175', 'abc'),
    },
    config: defaultServerConfig,
  };

  it.each([
    ['sameSite', 'http://localhost:5174/s/abc/items?x=1'],
    ['crossSite', 'http://127.0.0.1:5174/s/abc/items?x=1'],
    ['second', 'http://localhost:5175/s/abc/items?x=1'],
    ['sameOrigin', 'http://localhost:5173/s/abc/items?x=1'],
  ] as const)('%s: the target origin, the session prefix, then the path', (target, url) => {
    expect(requestUrl(session, target, '/items?x=1')).toBe(url);
  });
});
