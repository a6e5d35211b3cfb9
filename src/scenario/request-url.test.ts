import { describe, expect, it } from 'vitest';
import type { SessionInfo } from './control-api.ts';
import { defaultServerConfig } from './server-config.ts';
import {
  freshCachePrefix,
  hopUrl,
  pagePath,
  parseTargetRoute,
  sessionBase,
  targetBase,
} from './request-url.ts';

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
    expect(`${targetBase(session, target)}/items?x=1`).toBe(url);
  });
});

describe('target routes', () => {
  it.each([
    ['/s/abc/items?x=1', { sessionId: 'abc', hop: 0, rest: '/items?x=1' }],
    ['/s/abc', { sessionId: 'abc', hop: 0, rest: '' }],
    ['/s/abc/_hop/2/items', { sessionId: 'abc', hop: 2, rest: '/items' }],
    ['/s/abc/_hop/2?q', { sessionId: 'abc', hop: 2, rest: '?q' }],
    // Not a hop segment: part of the user's path.
    ['/s/abc/_hop/2x', { sessionId: 'abc', hop: 0, rest: '/_hop/2x' }],
  ])('%s', (target, route) => {
    expect(parseTargetRoute(target)).toEqual(route);
  });

  it('is undefined outside the session routes', () => {
    expect(parseTargetRoute('/items')).toBeUndefined();
  });

  it('a redirect leads to the next hop on its origin, with the same path', () => {
    const route = { sessionId: 'abc', hop: 0, rest: '/items?x=1' };
    expect(hopUrl('http://localhost:5175', route, 1)).toBe(
      'http://localhost:5175/s/abc/_hop/1/items?x=1',
    );
    expect(parseTargetRoute(new URL(hopUrl('http://x', route, 1)).pathname + '?x=1')).toEqual({
      ...route,
      hop: 1,
    });
  });
});

describe('the page path of a route', () => {
  it.each([
    [`/s/abc${freshCachePrefix(3)}/items?x=1`, '/items?x=1'],
    [`/s/abc/_hop/2${freshCachePrefix(12)}?q`, '?q'],
    [`/s/abc${freshCachePrefix(0)}/items`, '/items'],
    // Only the one prefix the page's requests go under; the rest is the user's path.
    ['/s/abc/fresh-1/fresh-2/items', '/fresh-2/items'],
    ['/s/abc/fresh-2x/items', '/fresh-2x/items'],
  ])('%s', (target, path) => {
    const route = parseTargetRoute(target);
    expect(route && pagePath(route)).toBe(path);
  });
});
