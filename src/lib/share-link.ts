import {
  readScenario,
  scenarioOf,
  stateOf,
  type PlaygroundState,
} from '../scenario/scenario-file.ts';
import type { ConfigIssue } from '../scenario/server-config.ts';

/**
 * A share link holds the playground's state in the URL's fragment, which the browser never
 * sends to a server: `#share=v<version>.<payload>`, the payload being a one-step scenario
 * file (the runner's format, with its own `version`) compressed with raw DEFLATE and written
 * in base64url. The link's version names that encoding; the scenario's names its content.
 */
const FRAGMENT_KEY = '#share=';
export const SHARE_LINK_VERSION = 1;

/**
 * The longest fragment made or read. Chromium takes URLs of 2 MiB, but a link must survive
 * being pasted into chat and trackers: a GitHub comment holds 65 536 characters.
 */
export const MAX_LINK_CHARS = 32 * 1024;

/**
 * The most a payload may inflate to: the control API's body limit (MAX_API_BODY_BYTES), since
 * a larger config could not be applied anyway. Stops a small link inflating without end.
 */
export const MAX_SCENARIO_BYTES = 256 * 1024;

const TITLE = 'Shared from CORS Playground';

/** Why a link could not be opened. Nothing is changed in any case. */
export type LinkProblem =
  | { kind: 'too-large'; message: string }
  | { kind: 'newer-version'; message: string }
  | { kind: 'invalid'; message: string; issues: ConfigIssue[] };

export type MadeLink = { ok: true; fragment: string } | { ok: false; problem: LinkProblem };
export type OpenedLink = { ok: true; state: PlaygroundState } | { ok: false; problem: LinkProblem };

/** Whether a URL fragment is a share link at all (of any version, valid or not). */
export function isShareFragment(fragment: string): boolean {
  return fragment.startsWith(FRAGMENT_KEY);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates at most `limit` bytes: undefined past it, an error for damaged data. */
async function inflate(
  bytes: Uint8Array<ArrayBuffer>,
  limit: number,
): Promise<Uint8Array | undefined> {
  const reader = new Blob([bytes])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** The fragment (`#share=v1.…`) that holds this state. */
export async function makeShareLink(state: PlaygroundState): Promise<MadeLink> {
  const json = JSON.stringify(scenarioOf(state, TITLE));
  const payload = toBase64Url(await deflate(new TextEncoder().encode(json)));
  const fragment = `${FRAGMENT_KEY}v${SHARE_LINK_VERSION}.${payload}`;
  if (fragment.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      problem: {
        kind: 'too-large',
        message: `The link would be ${fragment.length} characters long, more than the ${MAX_LINK_CHARS} a link may have (a large body or raw response?). Export a scenario file instead.`,
      },
    };
  }
  return { ok: true, fragment };
}

const damaged = (why: string): OpenedLink => ({
  ok: false,
  problem: { kind: 'invalid', message: `This share link is damaged: ${why}.`, issues: [] },
});

/** The state a share link's fragment holds, or why it cannot be opened. */
export async function openShareLink(fragment: string): Promise<OpenedLink> {
  if (fragment.length > MAX_LINK_CHARS) {
    return {
      ok: false,
      problem: {
        kind: 'too-large',
        message: `This share link is ${fragment.length} characters long; a link may have at most ${MAX_LINK_CHARS}.`,
      },
    };
  }
  const match = /^v(\d{1,9})\.(.*)$/s.exec(fragment.slice(FRAGMENT_KEY.length));
  if (!isShareFragment(fragment) || match === null) {
    return damaged('it does not start with "#share=v<version>."');
  }
  const version = Number(match[1]);
  if (version > SHARE_LINK_VERSION) {
    return {
      ok: false,
      problem: {
        kind: 'newer-version',
        message: `This share link was made by a newer CORS Playground (link format ${version}); this one reads format ${SHARE_LINK_VERSION}. Open it in a newer playground.`,
      },
    };
  }
  if (version !== SHARE_LINK_VERSION) return damaged(`there is no link format ${version}`);
  const compressed = fromBase64Url(match[2] ?? '');
  if (compressed === undefined) return damaged('it holds characters base64url does not use');
  let bytes: Uint8Array | undefined;
  try {
    bytes = await inflate(compressed, MAX_SCENARIO_BYTES);
  } catch {
    return damaged('its data does not decompress (was it cut short?)');
  }
  if (bytes === undefined) {
    return {
      ok: false,
      problem: {
        kind: 'too-large',
        message: `This share link unpacks to more than ${MAX_SCENARIO_BYTES} bytes, more than a server config may hold.`,
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return damaged('its data is not UTF-8 text');
  }
  const read = readScenario(text);
  if (read.ok) return { ok: true, state: stateOf(read.value) };
  if (read.newer !== undefined) {
    return {
      ok: false,
      problem: {
        kind: 'newer-version',
        message: `This share link holds a scenario from a newer CORS Playground (format ${read.newer}). Open it in a newer playground.`,
      },
    };
  }
  return {
    ok: false,
    problem: {
      kind: 'invalid',
      message: 'This share link holds a scenario this playground cannot use:',
      issues: read.issues,
    },
  };
}
