import { describe, expect, it } from 'vitest';
import {
  ChromiumNotFoundError,
  resolveChromium,
  SYSTEM_CHROMIUM,
  SYSTEM_HEADLESS_SHELL,
} from './chromium.ts';

const MANAGED = '/home/me/.cache/ms-playwright/chromium/chrome';
const lookup = (env: Record<string, string>, present: string[]) => ({
  env,
  exists: (path: string) => present.includes(path),
  playwrightPath: () => MANAGED,
});

describe('resolveChromium', () => {
  it.each([
    [
      'CHROMIUM_PATH first',
      { CHROMIUM_PATH: '/opt/chrome' },
      ['/opt/chrome', MANAGED, SYSTEM_CHROMIUM],
      '/opt/chrome',
    ],
    [
      "then Playwright's own browser",
      {},
      [MANAGED, SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM],
      MANAGED,
    ],
    [
      "then Debian's headless shell",
      {},
      [SYSTEM_HEADLESS_SHELL, SYSTEM_CHROMIUM],
      SYSTEM_HEADLESS_SHELL,
    ],
    ["then Debian's chromium", {}, [SYSTEM_CHROMIUM], SYSTEM_CHROMIUM],
    [
      'an empty CHROMIUM_PATH counts as unset',
      { CHROMIUM_PATH: '' },
      [SYSTEM_CHROMIUM],
      SYSTEM_CHROMIUM,
    ],
  ])('%s', (_name, env, present, expected) => {
    expect(resolveChromium(lookup(env, present))).toBe(expected);
  });

  it('refuses a CHROMIUM_PATH that points nowhere rather than testing another browser', () => {
    expect(() => resolveChromium(lookup({ CHROMIUM_PATH: '/nope' }, [SYSTEM_CHROMIUM]))).toThrow(
      new ChromiumNotFoundError('CHROMIUM_PATH is set to /nope, but there is no file there.'),
    );
  });

  it('says how to install one when there is none', () => {
    expect(() => resolveChromium(lookup({}, []))).toThrow(
      /No Chromium found[\s\S]*apt-get install chromium-headless-shell[\s\S]*npx playwright install chromium/,
    );
  });
});
