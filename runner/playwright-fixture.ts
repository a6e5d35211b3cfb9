/**
 * A Playwright fixture for pinning CORS behaviour in your own end-to-end tests: each test
 * gets a session on a real playground server (started once per worker, on free ports)
 * configured as you say, its target URLs, and the log of what the server received.
 *
 * ```ts
 * import { test, expect } from 'cors-playground/playwright';
 * test.use({ corsServer: { cors: { allowOrigin: 'reflect' } } });
 * test('reads the API', async ({ page, corsPlayground }) => { ... });
 * ```
 * @module
 */
import { test as base, expect } from '@playwright/test';
import { RUNNER_PAGE, startPlayground, type Playground } from '../mock-server/playground.ts';
import type { ExchangeLogEntry } from '../src/scenario/control-api.ts';
import { sessionBase } from '../src/scenario/request-url.ts';
import {
  serverConfigSchema,
  type ServerConfig,
  type TargetRef,
} from '../src/scenario/server-config.ts';
import type { z } from 'zod';

/** A server config as you would write it, without `version`. */
export type CorsServerConfig = Omit<z.input<typeof serverConfigSchema>, 'version'>;

function validConfig(config: CorsServerConfig): ServerConfig {
  const parsed = serverConfigSchema.safeParse({ version: 1, ...config });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new Error(`Invalid corsServer config:\n  ${problems.join('\n  ')}`);
}

/** One test's session on the playground. */
export interface CorsPlayground {
  /** A blank page on the playground's app origin, to run fetch() from in a test. */
  readonly pageUrl: string;
  /** The app origin, e.g. `http://localhost:43127`: what `Origin` such a page sends. */
  readonly appOrigin: string;
  /** A URL on one of the session's targets (`sameSite` by default) for `path`. */
  url(path?: string, target?: TargetRef): string;
  /** Everything the targets received and answered in this session, oldest first. */
  log(): ExchangeLogEntry[];
  /** Replaces the server config, e.g. between two steps of a test. */
  configure(config: CorsServerConfig): void;
}

export const test = base.extend<
  { corsServer: CorsServerConfig; corsPlayground: CorsPlayground },
  { corsPlaygroundServer: Playground }
>({
  corsServer: [{}, { option: true }],
  corsPlaygroundServer: [
    // Playwright reads a fixture's dependencies from its destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const playground = await startPlayground({
        ports: { app: 0, target: 0, second: 0 },
        app: (_request, response) => {
          response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(`Nothing here; open ${RUNNER_PAGE} or your own page.\n`);
        },
      });
      await use(playground);
      await playground.close();
    },
    { scope: 'worker' },
  ],
  corsPlayground: async ({ corsServer, corsPlaygroundServer: playground }, use) => {
    const session = playground.sessions.create(validConfig(corsServer));
    await use({
      pageUrl: `${playground.origins.app}${RUNNER_PAGE}`,
      appOrigin: playground.origins.app,
      url: (path = '/', target = 'sameSite') =>
        `${sessionBase(playground.origins[target], session.id)}${path}`,
      log: () => session.log.list().entries,
      configure: (config) => session.configure(validConfig(config)),
    });
  },
});

export { expect };
