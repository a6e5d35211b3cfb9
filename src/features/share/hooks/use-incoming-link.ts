import { useEffect, useEffectEvent, useState } from 'react';
import { isShareFragment, openShareLink, type LinkProblem } from '../../../lib/share-link.ts';
import { describeState, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import { useLinkHold } from '../../../stores/use-hold-send.ts';

/** What became of a share link the page was opened with. */
export type LinkNotice =
  { kind: 'opened'; message: string } | { kind: 'problem'; problem: LinkProblem };

/**
 * Opens the share link in the page's URL, when it has one (at load, or when the fragment
 * changes), through `onOpen`. The fragment is taken off the URL first, so a reload keeps the
 * tab's own work rather than opening the link again. A link that cannot be opened changes
 * nothing; neither kind runs anything.
 */
export function useIncomingLink(onOpen: (state: PlaygroundState) => Promise<void>) {
  const [notice, setNotice] = useState<LinkNotice | undefined>(undefined);
  const hold = useLinkHold(isShareFragment(location.hash));

  const open = useEffectEvent(async (fragment: string) => {
    try {
      const opened = await openShareLink(fragment);
      if (!opened.ok) {
        setNotice({ kind: 'problem', problem: opened.problem });
        return;
      }
      await onOpen(opened.state);
      setNotice({
        kind: 'opened',
        message: `Opened a shared scenario in a new session: ${describeState(opened.state)}, with its server config. Nothing has been sent: press Send to run it.`,
      });
    } catch (error) {
      setNotice({
        kind: 'problem',
        problem: {
          kind: 'invalid',
          message: `The playground could not open this link: ${(error as Error).message}`,
          issues: [],
        },
      });
    }
  });

  useEffect(() => {
    const check = () => {
      const fragment = window.location.hash;
      if (!isShareFragment(fragment)) {
        hold.checked();
        return;
      }
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      void hold.opening(() => open(fragment));
    };
    check();
    addEventListener('hashchange', check);
    return () => removeEventListener('hashchange', check);
  }, [hold]);

  return { notice, dismiss: () => setNotice(undefined) };
}
