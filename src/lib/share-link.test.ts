// The share link codec: every state it makes a link of comes back equal, over seeded
// generated scenarios (the robustness suite's configs, and drafts with any characters); and
// every link it cannot open says why. Each run draws a new seed; `ROBUSTNESS_SEED` replays one.
import { describe, expect, it } from 'vitest';
import { validConfig } from '../../mock-server/robustness/fuzz.ts';
import { runSeed, SeededRandom } from '../../mock-server/robustness/seeded-random.ts';
import { targetDraftSchema } from '../scenario/request-draft.ts';
import type { PlaygroundState } from '../scenario/scenario-file.ts';
import { defaultServerConfig, parseServerConfig } from '../scenario/server-config.ts';
import {
  isShareFragment,
  makeShareLink,
  MAX_LINK_CHARS,
  MAX_SCENARIO_BYTES,
  openShareLink,
} from './share-link.ts';

// Token characters, quotes and separators, whitespace, Latin-1, beyond it and astral.
const CHARS = [...'aZ09-_!~ \t;:,="\\/?%', '\u00e9', '\u00ff', '\u20ac', '\u{1f600}'];

function text(random: SeededRandom, max: number): string {
  return Array.from({ length: random.int(0, max) }, () => random.pick(CHARS)).join('');
}

/** A state from generated values; undefined when the schema refuses the config drawn. */
function generatedState(random: SeededRandom): PlaygroundState | undefined {
  // The generator draws from what the schema allows, but now and then past a limit.
  const config = parseServerConfig(validConfig(random));
  if (!config.ok) return undefined;
  const request = targetDraftSchema.parse({
    target: random.pick(['sameSite', 'crossSite', 'second', 'sameOrigin']),
    method: random.pick(['GET', 'patch', 'PUT', 'CHICKEN', text(random, 8) || 'GET']),
    path: `/${random.string('abc/?=&%', random.int(0, 20))}`,
    headers: Array.from({ length: random.int(0, 4) }, () => [text(random, 10), text(random, 30)]),
    ...(random.chance(0.4) ? { body: text(random, random.chance(0.1) ? 20_000 : 200) } : {}),
    mode: random.pick(['cors', 'no-cors', 'same-origin']),
    credentials: random.pick(['omit', 'same-origin', 'include']),
    redirect: random.pick(['follow', 'error', 'manual']),
    cache: random.pick(['default', 'no-store', 'reload', 'only-if-cached']),
  });
  return { config: config.value, request };
}

/** A fragment with this text as its payload, compressed as a link's is. */
async function fragmentOf(json: string, version = 1): Promise<string> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  const payload = Buffer.from(bytes).toString('base64url');
  return `#share=v${version}.${payload}`;
}

describe('share links', () => {
  it('give back every state they hold, or say it is too large (seeded)', async () => {
    const seed = runSeed();
    const random = new SeededRandom(seed);
    let made = 0;
    for (let index = 0; index < 300; index += 1) {
      const state = generatedState(random.fork(index));
      if (state === undefined) continue;
      const link = await makeShareLink(state);
      const context = `seed ${seed}, case ${index}`;
      if (!link.ok) {
        expect(link.problem.kind, context).toBe('too-large');
        continue;
      }
      made += 1;
      expect(link.fragment.length, context).toBeLessThanOrEqual(MAX_LINK_CHARS);
      expect(isShareFragment(link.fragment), context).toBe(true);
      expect(await openShareLink(link.fragment), context).toEqual({ ok: true, state });
    }
    // Most generated states fit in a link; the test is about them.
    expect(made).toBeGreaterThan(200);
  });

  it('refuses a link from a newer link format, saying so', async () => {
    const link = await makeShareLink({
      config: defaultServerConfig,
      request: targetDraftSchema.parse({}),
    });
    if (!link.ok) throw new Error('made no link');
    const opened = await openShareLink(link.fragment.replace('#share=v1.', '#share=v2.'));
    expect(opened).toMatchObject({ ok: false, problem: { kind: 'newer-version' } });
  });

  it('refuses a scenario of a newer format inside a link, saying so', async () => {
    const fragment = await fragmentOf(JSON.stringify({ version: 2, title: 't', steps: [] }));
    expect(await openShareLink(fragment)).toMatchObject({
      ok: false,
      problem: { kind: 'newer-version', message: expect.stringContaining('format 2') },
    });
  });

  it('refuses a link longer than a link may be, before reading it', async () => {
    const opened = await openShareLink(`#share=v1.${'A'.repeat(MAX_LINK_CHARS)}`);
    expect(opened).toMatchObject({ ok: false, problem: { kind: 'too-large' } });
  });

  it('refuses a small link that inflates past the limit', async () => {
    const fragment = await fragmentOf(' '.repeat(MAX_SCENARIO_BYTES + 1));
    expect(fragment.length).toBeLessThan(2000);
    expect(await openShareLink(fragment)).toMatchObject({
      ok: false,
      problem: { kind: 'too-large' },
    });
  });

  it.each([
    ['no version', '#share=abc'],
    ['a version 0', '#share=v0.abc'],
    ['characters outside base64url', '#share=v1.ab+/'],
    ['data that does not inflate', '#share=v1.AAAAAAAA'],
  ])('refuses a damaged link: %s', async (_name, fragment) => {
    expect(await openShareLink(fragment)).toMatchObject({
      ok: false,
      problem: { kind: 'invalid', message: expect.stringContaining('damaged') },
    });
  });

  it('refuses a link whose scenario the schema refuses, with each path', async () => {
    const fragment = await fragmentOf(
      JSON.stringify({
        version: 1,
        title: 'x',
        server: { cors: { maxAge: -1 } },
        steps: [{ request: { method: '' } }],
      }),
    );
    const opened = await openShareLink(fragment);
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.problem.kind).toBe('invalid');
    expect(opened.problem.kind === 'invalid' && opened.problem.issues.map((i) => i.path)).toEqual([
      'server.cors.maxAge',
      'steps.0.request.method',
    ]);
  });

  it('opens a scenario with several steps at its first step, with that step’s server', async () => {
    const fragment = await fragmentOf(
      JSON.stringify({
        version: 1,
        title: 'two steps',
        server: { actual: { status: 201 } },
        steps: [
          { server: { actual: { status: 418 } }, request: { method: 'PUT' } },
          { request: { method: 'DELETE' } },
        ],
      }),
    );
    const opened = await openShareLink(fragment);
    expect(opened.ok && [opened.state.request.method, opened.state.config.actual.status]).toEqual([
      'PUT',
      418,
    ]);
  });
});
