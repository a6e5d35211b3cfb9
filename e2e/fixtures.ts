import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startPlayground, type Playground } from '../mock-server/playground.ts';
import { createStaticHandler } from '../mock-server/static-files.ts';
import { API_PREFIX, type SessionInfo } from '../src/scenario/control-api.ts';
import type { RequestDraftInput } from '../src/scenario/request-draft.ts';
import type { ServerConfig, ServerConfigInput } from '../src/scenario/server-config.ts';
import { initialDraft, type RequestDraftState } from '../src/stores/request-draft-slice.ts';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** The playground's main screen, through the roles and names a person would use. */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.sendButton).toBeEnabled();
  }

  get sendButton(): Locator {
    return this.page.getByRole('button', { name: 'Send', exact: true });
  }

  allowOrigin(choice: 'Not sent' | "The page's origin" | 'Any origin'): Locator {
    return this.page
      .getByRole('group', { name: 'Access-Control-Allow-Origin' })
      .getByRole('radio', { name: choice });
  }

  /** Picks an Access-Control-Allow-Origin option and waits until the server has it. */
  async setAllowOrigin(choice: 'Not sent' | "The page's origin" | 'Any origin'): Promise<void> {
    const applied = this.page.waitForResponse(
      (response) => response.url().endsWith('/config') && response.request().method() === 'PUT',
    );
    await this.allowOrigin(choice).check();
    expect((await applied).ok()).toBe(true);
  }

  async send(): Promise<void> {
    await this.sendButton.click();
    await expect(this.sendButton).toHaveText('Send');
  }

  get jsSaw(): Locator {
    return this.page.getByRole('region', { name: 'What JavaScript saw' });
  }

  get wire(): Locator {
    return this.page.getByRole('region', { name: 'On the wire' });
  }

  get lesson(): Locator {
    return this.page.getByRole('status').filter({ hasText: /browser|reached/ });
  }

  get verdict(): Locator {
    return this.page.getByRole('region', { name: 'Verdict' });
  }

  get agreement(): Locator {
    return this.verdict.getByLabel('Agreement');
  }

  requestHeaders(method: string): Locator {
    return this.wire.getByRole('list', { name: `Request headers of ${method}` });
  }

  responseHeaders(method: string): Locator {
    return this.wire.getByRole('list', { name: `Response headers to ${method}` });
  }
}

/** Talks to the control API as the app does: same Host, app Origin, JSON. */
export class ControlApi {
  constructor(readonly playground: Playground) {}

  async call<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.playground.origins.app}${API_PREFIX}${path}`, {
      method: init.method ?? 'GET',
      headers: { Origin: this.playground.origins.app, 'Content-Type': 'application/json' },
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async createSession(config?: ServerConfig): Promise<SessionInfo> {
    const { status, body } = await this.call<SessionInfo>('/sessions', {
      method: 'POST',
      body: config === undefined ? {} : { config },
    });
    expect(status).toBe(201);
    return body;
  }
}

/** Starts the page with this request already drafted, as a reload keeps a draft. */
export async function withDraft(page: Page, draft: RequestDraftInput): Promise<void> {
  const { headers = [], body, ...rest } = draft;
  const state: RequestDraftState = {
    ...initialDraft,
    ...rest,
    headerRows: headers.map(([name, value], index) => ({
      id: `h${index}`,
      name,
      value,
      enabled: true,
    })),
    hasBody: body !== undefined,
    body: body ?? '',
  };
  await page.addInitScript(
    (value) => {
      if (sessionStorage.getItem('cors-playground.tab') === null) {
        sessionStorage.setItem('cors-playground.tab', value);
      }
    },
    JSON.stringify({ state: { draft: state, exchanges: [] }, version: 2 }),
  );
}

/**
 * Holds back the page's control API requests with this method whose path (after the API
 * prefix) `path` matches, from the `nth` such request on, until `release` is called: for specs
 * of what the page does while it waits. Never for a CORS request: Playwright would answer it.
 */
export async function holdControlApi(
  page: Page,
  method: string,
  path: RegExp,
  nth = 1,
): Promise<{ release: () => void; seen: () => number }> {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let seen = 0;
  await page.route(
    (url) =>
      url.pathname.startsWith(API_PREFIX) && path.test(url.pathname.slice(API_PREFIX.length)),
    async (route) => {
      if (route.request().method() === method && ++seen >= nth) await held;
      await route.continue();
    },
  );
  return { release, seen: () => seen };
}

/** Gives the page's own session this server config, through the control API. */
export async function configure(
  page: Page,
  controlApi: ControlApi,
  config: Omit<ServerConfigInput, 'version'>,
): Promise<void> {
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  const { status } = await controlApi.call(`/sessions/${id}/config`, {
    method: 'PUT',
    body: { version: 1, ...config },
  });
  expect(status).toBe(200);
}

export const test = base.extend<
  { playgroundPage: PlaygroundPage; controlApi: ControlApi },
  { playground: Playground }
>({
  // One playground per worker, on free ports, so workers run side by side.
  playground: [
    // Playwright reads a fixture's dependencies from its destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const playground = await startPlayground({
        ports: { app: 0, target: 0, second: 0 },
        app: createStaticHandler(DIST),
      });
      await use(playground);
      await playground.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ playground }, use) => use(playground.origins.app),
  playgroundPage: async ({ page }, use) => use(new PlaygroundPage(page)),
  controlApi: async ({ playground }, use) => use(new ControlApi(playground)),
});

export { expect };
