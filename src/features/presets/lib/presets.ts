import { parseScenario, type Lesson } from '../../../scenario/scenario.ts';
import { stateOf, type PlaygroundState } from '../../../scenario/scenario-file.ts';

/**
 * The presets: scenario files in presets/<group>/, which `npm run test:scenarios` plays in
 * Chromium, so every preset the gallery offers is proven there. Bundled with the gallery's
 * lazy chunk, not the first screen's.
 */
const files = import.meta.glob<unknown>('../../../../presets/*/*.scenario.json', {
  eager: true,
  import: 'default',
});

/** The groups, by where people meet them, in the order a learner meets them. */
export const PRESET_GROUPS = [
  { id: 'first-request', title: 'My first cross-origin request' },
  { id: 'preflights', title: 'Preflights' },
  { id: 'credentials', title: 'Credentials and cookies' },
  { id: 'reading-headers', title: 'Reading headers' },
  { id: 'redirects', title: 'Redirects' },
  { id: 'caching', title: 'Caching' },
  { id: 'proxies', title: 'Proxies and misconfigured servers' },
  { id: 'webhooks', title: 'Webhooks and server-to-server' },
  { id: 'security', title: 'Security mistakes' },
] as const;
export type PresetGroupId = (typeof PRESET_GROUPS)[number]['id'];

export interface Preset {
  /** `<group>/<name>`, as in the URL's `#preset=` and the file's path under presets/. */
  id: string;
  group: PresetGroupId;
  title: string;
  lesson: Lesson;
  /** What loading it gives the playground: the first step's request and server. */
  state: PlaygroundState;
}

function presetOf(path: string, json: unknown): Preset {
  const match = /\/presets\/([^/]+)\/([^/]+)\.scenario\.json$/.exec(path);
  const group = PRESET_GROUPS.find(({ id }) => id === match?.[1]);
  if (match === null || group === undefined) {
    throw new Error(`${path}: a preset lives in presets/<group>/, one of the PRESET_GROUPS`);
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) {
    throw new Error(`${path}: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
  }
  const { title, lesson } = parsed.value;
  if (lesson === undefined) throw new Error(`${path}: a preset needs a lesson`);
  return {
    id: `${group.id}/${match[2]}`,
    group: group.id,
    title,
    lesson,
    state: stateOf(parsed.value),
  };
}

/** Every preset, by group (in PRESET_GROUPS' order), then by id. */
export const PRESETS: readonly Preset[] = Object.entries(files)
  .map(([path, json]) => presetOf(path, json))
  .sort(
    (a, b) =>
      PRESET_GROUPS.findIndex(({ id }) => id === a.group) -
        PRESET_GROUPS.findIndex(({ id }) => id === b.group) || a.id.localeCompare(b.id),
  );

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/** Lower case, with runs of anything but letters and digits as one space. */
const normalized = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');

/**
 * The presets whose text holds every word of the query, anywhere (title, group, story, what
 * to notice, the fix), so "allow-origin slash" finds the trailing slash.
 */
export function searchPresets(presets: readonly Preset[], query: string): Preset[] {
  const words = normalized(query).split(' ').filter(Boolean);
  return presets.filter((preset) => {
    const group = PRESET_GROUPS.find(({ id }) => id === preset.group)?.title ?? '';
    const { story, notice, fix } = preset.lesson;
    const text = ` ${normalized([preset.title, group, story, notice, fix].join(' '))} `;
    return words.every((word) => text.includes(word));
  });
}
