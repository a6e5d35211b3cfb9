import { useState } from 'react';
import { openShareLink, type LinkProblem } from '../../../lib/share-link.ts';
import {
  describeState,
  readScenario,
  stateOf,
  type PlaygroundState,
} from '../../../scenario/scenario-file.ts';
import type { ConfigIssue } from '../../../scenario/server-config.ts';

/** What became of the last import. */
export type ImportNotice =
  { kind: 'loaded'; message: string } | { kind: 'refused'; message: string; issues: ConfigIssue[] };

const FRAGMENT_START = '#share=';

function refusedLink(problem: LinkProblem): ImportNotice {
  return {
    kind: 'refused',
    message: problem.message,
    issues: problem.kind === 'invalid' ? problem.issues : [],
  };
}

/**
 * Loads a scenario (file text or a pasted share link) through `onOpen`, after validating it
 * with the runner's schema. Anything refused changes nothing and says where it is wrong.
 */
export function useImport(onOpen: (state: PlaygroundState) => Promise<void>) {
  const [notice, setNotice] = useState<ImportNotice | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const load = async (text: string, source: string): Promise<void> => {
    setBusy(true);
    try {
      const at = text.indexOf(FRAGMENT_START);
      let state: PlaygroundState;
      let more = '';
      if (at >= 0 && !text.trimStart().startsWith('{')) {
        const opened = await openShareLink(text.slice(at).trim());
        if (!opened.ok) return setNotice(refusedLink(opened.problem));
        state = opened.state;
      } else {
        const read = readScenario(text);
        if (!read.ok) {
          return setNotice({
            kind: 'refused',
            message: `The playground cannot load ${source}, which is not a valid scenario:`,
            issues: read.issues,
          });
        }
        state = stateOf(read.value);
        const steps = read.value.steps.length;
        if (steps > 1) {
          more = ` It has ${steps} steps; the first is loaded (npx cors-playground run plays them all).`;
        }
      }
      await onOpen(state);
      setNotice({
        kind: 'loaded',
        message: `Loaded ${source} in a new session: ${describeState(state)}, with its server config.${more} Nothing has been sent: press Send to run it.`,
      });
    } catch (error) {
      setNotice({
        kind: 'refused',
        message: `The playground could not load ${source}: ${(error as Error).message}`,
        issues: [],
      });
    } finally {
      setBusy(false);
    }
  };

  /** Refuses input before reading it (e.g. a file too large to be a scenario). */
  const refuse = (message: string) => setNotice({ kind: 'refused', message, issues: [] });

  return { load, refuse, notice, busy };
}
