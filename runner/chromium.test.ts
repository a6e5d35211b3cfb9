import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChromiumLaunchError, ChromiumNotFoundError } from './browser-errors.ts';
import {
  launchChromium,
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
      ChromiumNotFoundError,
    );
    expect(() => resolveChromium(lookup({ CHROMIUM_PATH: '/nope' }, [SYSTEM_CHROMIUM]))).toThrow(
      /^CHROMIUM_PATH is set to \/nope, but there is no file there\. To get a Chromium:\n.*apt-get install/,
    );
  });

  it('says how to install one when there is none', () => {
    expect(() => resolveChromium(lookup({}, []))).toThrow(
      /No Chromium found[\s\S]*apt-get install chromium-headless-shell[\s\S]*npx playwright install chromium/,
    );
  });
});

describe('launchChromium', () => {
  let folder: string;
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('says what the browser printed and how to get one that runs, when it does not start', async () => {
    folder = await mkdtemp(join(tmpdir(), 'chromium-'));
    // In Chromium's place, a script that fails as one missing a library does.
    const broken = join(folder, 'chrome');
    await writeFile(
      broken,
      '#!/bin/sh\necho "chrome: error while loading shared libraries: libnss3.so" >&2\nexit 127\n',
      { mode: 0o755 },
    );
    const launch = launchChromium({ env: { CHROMIUM_PATH: broken } });
    await expect(launch).rejects.toThrow(ChromiumLaunchError);
    await expect(launch).rejects.toThrow(
      new RegExp(
        `^Chromium at ${broken} did not start: browserType\\.launch: .*\n` +
          '  chrome: error while loading shared libraries: libnss3\\.so\n' +
          'To get a Chromium that runs:\n.*apt-get install',
      ),
    );
  });
});
