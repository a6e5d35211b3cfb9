// The published JSON Schemas must accept exactly what the playground accepts, or an editor
// passes a file the server then refuses (issue 11, defect 16). Seeded generated values,
// validated by ajv (a draft 2020-12 validator that is not zod) and by the playground: the
// control API's parser for configs (and, for a sample, the control API over a real socket),
// the runner's parser for scenario files.
// Each run draws a new seed; a failure names it, and `ROBUSTNESS_SEED=<seed>` replays it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioJsonSchema, serverConfigJsonSchema } from '../src/scenario/json-schema.ts';
import { parseScenario } from '../src/scenario/scenario.ts';
import { parseServerConfig } from '../src/scenario/server-config.ts';
import type { Playground } from './playground.ts';
import { runSeed, SeededRandom } from './robustness/seeded-random.ts';
import { callApi, startTestPlayground } from './testing.ts';

// Characters at the edges of what the server accepts somewhere: token characters and
// separators, HTTP whitespace, the bytes that break framing, Latin-1 and beyond it (BMP,
// astral, a lone surrogate), and what a cookie, a path or a URL treats specially.
const CHARS = [
  ...'aZ09-_!~',
  ...' \t\u000b\u007f',
  ...'\r\n\0',
  ...';:,="\\/?#%',
  ...'\u00e9\u00ff\u0100\u20ac',
  '\u{1f600}',
  '\ud800',
];
// Whole words some field treats specially.
const WORDS = [
  'Content-Length',
  'transfer-ENCODING',
  'Content-Length-X',
  '*',
  'reflect',
  '{{location}}',
];

function edgeString(random: SeededRandom): string {
  if (random.chance(0.15)) return random.pick(WORDS);
  return Array.from({ length: random.int(0, 5) }, () => random.pick(CHARS)).join('');
}

/** Every place of a server config that holds a string the user writes. */
const CONFIG_SLOTS: ((text: string) => Record<string, unknown>)[] = [
  (text) => ({ cors: { allowOrigin: { value: text } } }),
  (text) => ({ cors: { allowOrigin: { allowList: [text] } } }),
  (text) => ({ cors: { allowCredentials: { value: text } } }),
  (text) => ({ cors: { allowMethods: [text] } }),
  (text) => ({ cors: { allowHeaders: [text] } }),
  (text) => ({ cors: { exposeHeaders: [text] } }),
  (text) => ({ cors: { maxAge: { value: text } } }),
  (text) => ({ preflight: { cors: { allowOrigin: { value: text } } } }),
  (text) => ({ preflight: { headers: [[text, 'v']] } }),
  (text) => ({ preflight: { headers: [['X-A', text]] } }),
  (text) => ({ actual: { headers: [[text, 'v']] } }),
  (text) => ({ actual: { headers: [['X-A', text]] } }),
  (text) => ({ actual: { body: { contentType: text, text } } }),
  (text) => ({ actual: { cookies: [{ name: text, value: 'v' }] } }),
  (text) => ({ actual: { cookies: [{ name: 'n', value: text }] } }),
  (text) => ({ actual: { cookies: [{ name: 'n', value: 'v', path: text }] } }),
  (text) => ({ raw: { actual: { status: 200, reason: text, headers: [] } } }),
  (text) => ({ raw: { preflight: { status: 204, headers: [[text, text]] } } }),
  (text) => ({ raw: { actual: { status: 200, headers: [], body: text } } }),
  (text) => ({
    actual: { redirects: [{ status: 302, to: 'second', raw: { headers: [['L', text]] } }] },
  }),
  // A hop's raw lines with its built ones: refused, unless they change nothing.
  (text) => ({
    actual: {
      redirects: [{ status: 302, to: 'second', cors: true, raw: { reason: text, headers: [] } }],
    },
  }),
  (text) => ({
    actual: {
      redirects: [{ status: 302, to: 'second', headers: [['X', text]], raw: { headers: [] } }],
    },
  }),
];

/** The parts of a scenario step's request that hold a string. */
const REQUEST_SLOTS: ((text: string) => Record<string, unknown>)[] = [
  (text) => ({ path: `/${text}` }),
  (text) => ({ method: text }),
  (text) => ({ headers: [[text, text]] }),
];

const seed = runSeed();
const replay = `Replay with ROBUSTNESS_SEED=${seed} npx vitest run mock-server/schema-agreement.test.ts`;
const ajv = new Ajv2020({ strict: true });

describe(`the published JSON Schemas agree with the playground (seed ${seed})`, () => {
  let playground: Playground;
  beforeAll(async () => {
    playground = await startTestPlayground();
  });
  afterAll(() => playground.close());

  it('server config: schema-valid ⇔ the playground accepts it', async () => {
    const valid = ajv.compile(serverConfigJsonSchema());
    const random = new SeededRandom(seed);
    const id = (await callApi(playground, '/sessions', { method: 'POST', body: '{}' })).body
      .id as string;
    const disagreements: unknown[] = [];
    let accepted = 0;
    const runs = 2000;
    for (let run = 0; run < runs; run += 1) {
      const config = { version: 1, ...random.pick(CONFIG_SLOTS)(edgeString(random)) };
      const server = parseServerConfig(config).ok;
      if (server) accepted += 1;
      if (valid(config) !== server) disagreements.push({ run, config, server });
      // Every 20th also through the control API, which must answer as its parser does.
      if (run % 20 === 0) {
        const { status } = await callApi(playground, `/sessions/${id}/config`, {
          method: 'PUT',
          body: JSON.stringify(config),
        });
        if (status !== (server ? 200 : 400)) disagreements.push({ run, config, status });
      }
    }
    expect(disagreements, replay).toEqual([]);
    // Both answers must come often, or agreement proves little.
    expect(accepted).toBeGreaterThan(runs / 5);
    expect(accepted).toBeLessThan((runs * 4) / 5);
  }, 30_000);

  it('scenario: schema-valid ⇔ the runner accepts the file', () => {
    const valid = ajv.compile(scenarioJsonSchema());
    const random = new SeededRandom(seed).fork(1);
    const disagreements: unknown[] = [];
    for (let run = 0; run < 1000; run += 1) {
      const scenario = {
        version: 1,
        title: 't',
        server: random.pick(CONFIG_SLOTS)(edgeString(random)),
        steps: [{ request: random.pick(REQUEST_SLOTS)(edgeString(random)) }],
      };
      const accepted = parseScenario(scenario).ok;
      if (valid(scenario) !== accepted) disagreements.push({ run, scenario, accepted });
    }
    expect(disagreements, replay).toEqual([]);
  });
});
