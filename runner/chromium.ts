import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { ChromiumLaunchError, ChromiumNotFoundError } from './browser-errors.ts';

/** Debian's packages; see README for other systems. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** The same Chromium without its UI: same verdicts, about 3x faster to start contexts. */
export const SYSTEM_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

const HOW_TO_GET_ONE = [
  '  Debian/Ubuntu:  sudo apt-get install chromium-headless-shell   (or chromium)',
  '  anywhere else:  npx playwright install chromium',
  '  or point CHROMIUM_PATH at a Chromium or Chrome executable.',
].join('\n');

export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  /** Where Playwright keeps the browser `npx playwright install chromium` downloads. */
  playwrightPath?: () => string;
}

/**
 * The Chromium the tests and the runner drive, in this order: `CHROMIUM_PATH`, the
 * browser Playwright downloaded (where `npx playwright install` works), then Debian's
 * `/usr/bin/chromium-headless-shell` (everything here runs headless, and it starts
 * contexts about three times faster), then `/usr/bin/chromium`. A CHROMIUM_PATH that does
 * not exist is an error, not a fallback: it would silently test another browser.
 */
export function resolveChromium(lookup: ChromiumLookup = {}): string {
  const env = lookup.env ?? process.env;
  const exists = lookup.exists ?? existsSync;
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') {
    if (exists(explicit)) return explicit;
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is set to ${explicit}, but there is no file there. To get a Chromium:\n${HOW_TO_GET_ONE}`,
    );
  }
  const managed = (lookup.playwrightPath ?? (() => chromium.executablePath()))();
  if (exists(managed)) return managed;
  if (exists(SYSTEM_HEADLESS_SHELL)) return SYSTEM_HEADLESS_SHELL;
  if (exists(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  throw new ChromiumNotFoundError(
    `No Chromium found. The tests drive a real Chromium; install one of:\n${HOW_TO_GET_ONE}`,
  );
}

/** Flags for every launch: QUIC is off so each request is plain HTTP/1.1 on loopback. */
export const CHROMIUM_ARGS = ['--disable-quic'];

/**
 * Launches the Chromium resolveChromium finds, with `extraArgs` after CHROMIUM_ARGS. One that
 * does not start is a ChromiumLaunchError with Playwright's reason, what the browser printed
 * (a missing shared library, say), and how to get one that runs.
 */
export async function launchChromium(
  lookup: ChromiumLookup = {},
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  const executablePath = resolveChromium(lookup);
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
  } catch (error) {
    const message = (error as Error).message;
    // Playwright's message: its reason, then "Browser logs:" with the browser's own stderr
    // as `[pid=N][err] ...` lines, then a "Call log:" that repeats them.
    const [reason = ''] = message.split('\n');
    const [logs = ''] = message.split('Call log:');
    const printed = logs
      .split('\n')
      .flatMap((line) => /^\[pid=\d+\]\[err\] (.*)$/.exec(line)?.slice(1) ?? [])
      .slice(0, 5);
    throw new ChromiumLaunchError(
      [
        `Chromium at ${executablePath} did not start: ${reason}`,
        ...printed.map((line) => `  ${line}`),
        `To get a Chromium that runs:\n${HOW_TO_GET_ONE}`,
      ].join('\n'),
    );
  }
}
