import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { sameValue, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { useLinkHold } from '../../../stores/use-hold-send.ts';
import { presetFragment, presetIdOf } from '../lib/preset-link.ts';
import type { Preset } from '../lib/presets.ts';

const withoutFragment = (): string => `${location.pathname}${location.search}`;

/**
 * Loads presets (from the gallery, or the `#preset=` link the page was opened with) through
 * `onOpen`, and keeps the URL naming the loaded preset while the playground holds exactly its
 * request and server: a teacher can copy the address, and a reload does not undo the learner's
 * changes by loading it again.
 */
export function usePresets(
  config: ServerConfig | undefined,
  configFailed: boolean,
  onOpen: (state: PlaygroundState) => Promise<void>,
) {
  const [loaded, setLoaded] = useState<Preset | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const draft = useStore((state) => state.draft);
  const current = useMemo(
    () => (config === undefined ? undefined : { config, request: requestDraftOf(draft) }),
    [config, draft],
  );
  const holdsLoaded =
    loaded !== undefined && current !== undefined && sameValue(current, loaded.state);
  // The request and the config arrive through different stores, so for a render or two after a
  // load the playground can hold the preset's request with the old session's config. Only a
  // change after it has held the preset whole counts, or the URL would lose the preset's name.
  const [held, setHeld] = useState<Preset | undefined>(undefined);
  if (holdsLoaded && held !== loaded) setHeld(loaded);
  const changed = loaded !== undefined && held === loaded && current !== undefined && !holdsLoaded;

  const load = async (preset: Preset): Promise<void> => {
    setProblem(undefined);
    try {
      await onOpen(preset.state);
    } catch (error) {
      setProblem(`The playground could not load this preset: ${(error as Error).message}`);
      return;
    }
    history.replaceState(history.state, '', `${withoutFragment()}${presetFragment(preset.id)}`);
    setLoaded(preset);
  };

  const hold = useLinkHold(presetIdOf(location.hash) !== undefined);
  const openLinked = useEffectEvent(async () => {
    const id = presetIdOf(location.hash);
    if (id === undefined || id === loaded?.id) {
      hold.checked();
      return;
    }
    await hold.opening(async () => {
      const { presetById } = await import('../lib/presets.ts');
      const preset = presetById(id);
      if (preset === undefined) {
        history.replaceState(history.state, '', withoutFragment());
        setProblem(
          `This link names a preset this playground does not have ("${id}"). Nothing was changed.`,
        );
        return;
      }
      // A reload of a tab still holding the preset resumes its session as it is.
      if (current !== undefined && sameValue(current, preset.state)) setLoaded(preset);
      else await load(preset);
    });
  });

  // Once the config is known (to tell a reload from a new link) or could not be read (then the
  // link opens in a new session), and whenever the link changes.
  const ready = config !== undefined || configFailed;
  useEffect(() => {
    if (!ready) return;
    const check = () => void openLinked();
    check();
    addEventListener('hashchange', check);
    return () => removeEventListener('hashchange', check);
  }, [ready]);

  // Once the learner changes the request or the server, the URL no longer names the preset.
  useEffect(() => {
    if (changed && presetIdOf(location.hash) === loaded.id) {
      history.replaceState(history.state, '', withoutFragment());
    }
  }, [changed, loaded]);

  return { loaded, changed, problem, load, dismissProblem: () => setProblem(undefined) };
}
