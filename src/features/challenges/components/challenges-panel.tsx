import { lazy, Suspense, useEffect, useState } from 'react';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import { useHoldSend } from '../../../stores/use-hold-send.ts';
import { challengeIdOf } from '../lib/challenge-link.ts';
import '../challenges.css';

const ChallengeWorkbench = lazy(() => import('./challenge-workbench.tsx'));

const LIST_ID = 'challenge-list';

/** While the challenges load for a #challenge= link, Send waits: the link opens a new session. */
function LoadingChallenges() {
  useHoldSend(challengeIdOf(location.hash) !== undefined);
  return <p role="status">Loading the challenges…</p>;
}

/** Broken-to-fixed exercises: a goal, checked against what the real browser did. */
export function ChallengesPanel({ onOpen }: { onOpen: (state: PlaygroundState) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  // Once opened, the workbench stays: the challenge under way outlives the list's closing.
  // A #challenge= link opens it too: the workbench starts the challenge it names.
  const linked = () => challengeIdOf(location.hash) !== undefined;
  const [opened, setOpened] = useState(linked);
  useEffect(() => {
    const check = () => {
      if (linked()) setOpened(true);
    };
    addEventListener('hashchange', check);
    return () => removeEventListener('hashchange', check);
  }, []);
  return (
    <section aria-labelledby="challenges-heading" className="panel challenges-panel">
      <h2 id="challenges-heading">Challenges</h2>
      <p className="hint">
        Start from something broken and change the server until the browser does what the goal asks.
        From a first GET to credentials and redirects.
      </p>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={LIST_ID}
        onClick={() => {
          setOpen(!open);
          setOpened(true);
        }}
      >
        {open ? 'Hide challenges' : 'Browse challenges'}
      </button>
      <div id={LIST_ID}>
        {opened && (
          <Suspense fallback={<LoadingChallenges />}>
            <ChallengeWorkbench listOpen={open} onOpen={onOpen} onStarted={() => setOpen(false)} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
