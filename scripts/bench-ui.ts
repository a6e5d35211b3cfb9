// The time from a click on Send to the rendered verdict (all three views), beside a bare
// fetch() of the same request from the same page, for a simple and a preflighted request;
// the JavaScript the app loads first, gzipped; and how soon a fresh tab is ready. Against npm
// start's build, in headless Chromium. Run with
// `npm run bench:ui [-- --runs N] [-- --loads N] [-- --baseline <another build's dist>]`.
import { chromium, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from '../mock-server/build.ts';
import { startPlayground } from '../mock-server/playground.ts';
import { createStaticHandler } from '../mock-server/static-files.ts';
import { CHROMIUM_ARGS, resolveChromium } from '../runner/chromium.ts';
import type { RequestDraftState } from '../src/stores/request-draft-slice.ts';
import { initialDraft } from '../src/stores/request-draft-slice.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '60' },
    loads: { type: 'string', default: '20' },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
const loads = Number(values.loads);
const root = fileURLToPath(new URL('..', import.meta.url));

interface Build {
  name: string;
  dist: string;
  playground: Awaited<ReturnType<typeof startPlayground>>;
}
const serve = async (name: string, dist: string): Promise<Build> => ({
  name,
  dist,
  playground: await startPlayground({
    ports: { app: 0, target: 0, second: 0 },
    app: createStaticHandler(dist),
  }),
});

await ensureBuilt(root);
const builds = [await serve('this build', join(root, 'dist'))];
// Another build of the app (e.g. of an earlier commit), served by this server code and timed
// in the same run, interleaved: figures from one run share the machine's load.
if (values.baseline !== undefined) {
  builds.push(await serve(`baseline ${values.baseline}`, resolve(values.baseline)));
}
const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });

/** Clicks Send and resolves, in the page, when the new exchange's verdict is on screen. */
async function timeSend(page: Page): Promise<number> {
  return page.evaluate(async () => {
    // The exchange whose views are on screen.
    const shown = () =>
      document.querySelector('[data-exchange]')?.getAttribute('data-exchange') ?? '';
    const before = shown();
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Send');
    if (button === undefined) throw new Error('no Send button');
    const started = performance.now();
    return new Promise<number>((resolve) => {
      const done = () => {
        const views = ['Verdict', 'What JavaScript saw', 'On the wire'].every((name) =>
          [...document.querySelectorAll('section h3')].some(
            (heading) => heading.textContent === name,
          ),
        );
        if (
          shown() !== before &&
          views &&
          document.querySelector('[aria-label="Agreement"]') !== null
        ) {
          observer.disconnect();
          resolve(performance.now() - started);
        }
      };
      const observer = new MutationObserver(done);
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      button.click();
    });
  });
}

/** The same request as a bare fetch() from the same page, body read. */
async function timeBareFetch(page: Page, url: string, method: string): Promise<number> {
  return page.evaluate(
    async ({ url, method }) => {
      const started = performance.now();
      await fetch(url, { method }).then((response) => response.text());
      return performance.now() - started;
    },
    { url, method },
  );
}

const quantile = (list: number[], q: number): number => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/** A page of one build with its session set up for `method`, and the bare fetch()'s URL. */
async function openPage(build: Build, method: string) {
  const { playground } = build;
  const context = await browser.newContext();
  const page = await context.newPage();
  // tsx names inner functions with a `__name` helper that pages do not have.
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  const draft: RequestDraftState = { ...initialDraft, method, path: '/bench' };
  await page.addInitScript(
    (state) => {
      if (sessionStorage.getItem('cors-playground.tab') === null)
        sessionStorage.setItem('cors-playground.tab', state);
    },
    JSON.stringify({ state: { draft, exchanges: [] }, version: 2 }),
  );
  await page.goto(playground.origins.app);
  await page.getByRole('button', { name: 'Send', exact: true }).waitFor();
  const id = await page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  const session = playground.sessions.get(id ?? '');
  if (session === undefined) throw new Error('no session');
  // Max-Age 0: every preflighted request really sends its preflight, both ways.
  session.configure({
    ...session.config,
    cors: { allowOrigin: 'reflect', allowMethods: ['PUT'], maxAge: 0 },
  });
  const url = `${playground.origins.sameSite}/s/${session.id}/bench`;
  return { build, context, page, url, sends: [] as number[], bare: [] as number[] };
}

async function measure(kind: string, method: string): Promise<void> {
  const pages = [];
  for (const build of builds) pages.push(await openPage(build, method));
  for (let i = 0; i < 5; i += 1) {
    for (const { page, url } of pages) {
      await timeSend(page);
      await timeBareFetch(page, url, method);
    }
  }
  for (let i = 0; i < runs; i += 1) {
    // Each build goes first every other run, so neither always follows the other.
    for (const subject of i % 2 === 0 ? pages : [...pages].reverse()) {
      subject.sends.push(await timeSend(subject.page));
      subject.bare.push(await timeBareFetch(subject.page, subject.url, method));
    }
  }
  const row = (name: string, list: number[]) =>
    `${name.padEnd(22)} ${quantile(list, 0.5).toFixed(1).padStart(7)} ms ${quantile(list, 0.95).toFixed(1).padStart(7)} ms`;
  for (const { build, context, sends, bare } of pages) {
    const overhead = quantile(sends, 0.95) - quantile(bare, 0.95);
    console.log(
      `\n${kind} (${method}), ${build.name}, ${runs} interleaved runs          median       p95`,
    );
    console.log(row('bare fetch()', bare));
    console.log(row('Send -> verdict shown', sends));
    console.log(
      `overhead at p95: ${overhead.toFixed(1)} ms (median ${(quantile(sends, 0.5) - quantile(bare, 0.5)).toFixed(1)} ms); target <= 8 ms: ${overhead <= 8 ? 'met' : 'NOT met'}`,
    );
    await context.close();
  }
}

async function initialJavaScript({ name, dist }: Build): Promise<void> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
    (match) => match[1] ?? '',
  );
  let gzipped = 0;
  for (const file of files) gzipped += gzipSync(await readFile(join(dist, file))).length;
  console.log(
    `\nInitial JavaScript, ${name} (${files.length} file${files.length === 1 ? '' : 's'}): ${(gzipped / 1024).toFixed(1)} KB gzipped; target <= 110 KB: ${gzipped <= 110 * 1024 ? 'met' : 'NOT met'}`,
  );
}

/**
 * Fresh tabs of each build, interleaved: the time from navigation to the Send button (the first
 * screen works), and to the last panel in place (none still waiting for its chunk: aria-busy).
 */
async function pageStart(): Promise<void> {
  const context = await browser.newContext();
  // Noted in the page from its very start, as the DOM changes.
  await context.addInitScript(() => {
    const marks: Record<string, number> = {};
    Object.assign(globalThis, { benchMarks: marks });
    new MutationObserver(() => {
      const send = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Send');
      if (send) marks.send ??= performance.now();
      if (send && document.querySelector('[aria-busy="true"]') === null)
        marks.settled ??= performance.now();
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const times = builds.map(() => ({ send: [] as number[], settled: [] as number[] }));
  // The first two loads of each fill the caches, as a returning user's browser has them.
  for (let i = 0; i < loads + 2; i += 1) {
    for (const [index, { playground }] of builds.entries()) {
      const page = await context.newPage();
      await page.goto(playground.origins.app);
      const marks = await page.waitForFunction(() => {
        const { benchMarks } = globalThis as unknown as { benchMarks: Record<string, number> };
        return benchMarks.settled === undefined ? undefined : benchMarks;
      });
      const { send, settled } = (await marks.jsonValue()) as Record<string, number>;
      if (i >= 2) {
        times[index]?.send.push(send ?? 0);
        times[index]?.settled.push(settled ?? 0);
      }
      await page.close();
    }
  }
  const row = (name: string, list: number[]) =>
    `${name.padEnd(26)} ${quantile(list, 0.5).toFixed(1).padStart(7)} ms ${quantile(list, 0.95).toFixed(1).padStart(7)} ms`;
  for (const [index, { name }] of builds.entries()) {
    console.log(`\nA fresh tab, ${name}, ${loads} interleaved loads     median       p95`);
    console.log(row('navigation -> Send button', times[index]?.send ?? []));
    console.log(row('navigation -> every panel', times[index]?.settled ?? []));
  }
  await context.close();
}

try {
  console.log(`Chromium: ${resolveChromium()}; Node ${process.version}`);
  await measure('Simple request', 'GET');
  await measure('Preflighted request', 'PUT');
  for (const build of builds) await initialJavaScript(build);
  await pageStart();
} finally {
  await browser.close();
  for (const { playground } of builds) await playground.close();
}
