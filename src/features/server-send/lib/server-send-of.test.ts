import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { defaultServerConfig } from '../../../scenario/server-config.ts';
import { serverSendOf } from './server-send-of.ts';

const SESSION: SessionInfo = {
  id: 'abc',
  appOrigin: 'http://localhost:5173',
  targets: {
    sameSite: 'http://localhost:5174/s/abc',
    crossSite: 'http://127.0.0.1:5174/s/abc',
    second: 'http://localhost:5175/s/abc',
  },
  config: defaultServerConfig,
};

const send = (url: string) =>
  serverSendOf({ method: 'patch', url, headers: [['X-A', '1']], body: 'b' }, SESSION);

describe('serverSendOf', () => {
  it.each([
    ['http://localhost:5174/s/abc/items?x=1', 'sameSite', '/items?x=1'],
    ['http://127.0.0.1:5174/s/abc/fresh-2/items', 'crossSite', '/fresh-2/items'],
    ['http://localhost:5175/s/abc', 'second', '/'],
    // The app origin serves the session's routes to fetch() alone: Node goes to the target.
    ['http://localhost:5173/s/abc/items', 'sameSite', '/items'],
  ])('sends %s to the %s target at %s', (url, target, path) => {
    expect(send(url)).toEqual({
      target,
      method: 'patch',
      path,
      headers: [['X-A', '1']],
      body: 'b',
    });
  });
});
