import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import { useStore } from '../../../stores/store.ts';
import { useLinkHold } from '../../../stores/use-hold-send.ts';
import { useProgress } from '../hooks/use-progress.ts';
import {
  challengeIdOf,
  dropChallengeLink,
  isUnderWay,
  markUnderWay,
} from '../lib/challenge-link.ts';
import { CHALLENGES, type Challenge } from '../lib/challenges.ts';
import { goalResults } from '../lib/goal.ts';

/** The challenge under way: its goal, each part checked against the last result, hints. */
function ActiveChallenge({
  challenge,
  number,
  onMet,
  onNext,
}: {
  challenge: Challenge;
  number: number;
  onMet: () => void;
  onNext: (() => void) | undefined;
}) {
  const [hints, setHints] = useState(0);
  // Loading a challenge starts a new history, so the last exchange is one sent for it.
  const last = useStore((state) => state.exchanges.at(-1));
  const results =
    last === undefined ? undefined : goalResults(challenge.checks, challenge.start.request, last);
  const met = results?.every((result) => result.met) === true;
  useEffect(() => {
    if (met) onMet();
  }, [met, onMet]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [challenge]);
  return (
    <article aria-labelledby="challenge-heading" className="card challenge">
      <h3 id="challenge-heading" ref={heading} tabIndex={-1}>
        Challenge {number}: {challenge.title}
      </h3>
      <p>{challenge.goal}</p>
      <h4>The goal, checked against what the browser did</h4>
      <div role="status" aria-label="Challenge status">
        {results === undefined ? (
          <p className="hint">Press Send, then change the server until every part is met.</p>
        ) : (
          <ul className="challenge-checks">
            {results.map((result) => (
              <li key={result.text} className={result.met ? 'met' : 'unmet'}>
                {result.met ? '✓ Met: ' : '✗ Not yet: '}
                {result.text}
              </li>
            ))}
          </ul>
        )}
        {met && (
          <div className="challenge-success">
            <p>
              <strong>Goal met.</strong> A minimal correct answer: {challenge.answer}
            </p>
          </div>
        )}
      </div>
      {met && onNext !== undefined && (
        <button type="button" onClick={onNext}>
          Next challenge
        </button>
      )}
      {hints > 0 && (
        <ol className="challenge-hints" aria-label="Hints">
          {challenge.hints.slice(0, hints).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
      )}
      {!met && hints < challenge.hints.length && (
        <button type="button" onClick={() => setHints(hints + 1)}>
          {hints === 0 ? 'Show a hint' : 'Show another hint'}
        </button>
      )}
    </article>
  );
}

/**
 * The challenges, in order, with progress kept locally, and the one under way. The default
 * export is for React.lazy: the challenge files come with this chunk.
 */
export default function ChallengeWorkbench({
  listOpen,
  onOpen,
  onStarted,
}: {
  listOpen: boolean;
  onOpen: (state: PlaygroundState) => Promise<void>;
  onStarted: () => void;
}) {
  const { done, markDone } = useProgress();
  const [active, setActive] = useState<number | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  /** Starts a challenge from its start state, or takes it up as the tab holds it (`resume`). */
  const start = async (index: number, resume = false) => {
    const challenge = CHALLENGES[index];
    if (challenge === undefined) return;
    if (!resume) {
      try {
        await onOpen(challenge.start);
      } catch (error) {
        setProblem(`The playground could not start this challenge: ${(error as Error).message}`);
        return;
      }
    }
    markUnderWay(challenge.id);
    setProblem(undefined);
    setActive(index);
    onStarted();
  };
  const challenge = active === undefined ? undefined : CHALLENGES[active];

  // A link holds Send until its challenge has started (the panel held it while this loaded).
  const hold = useLinkHold(challengeIdOf(location.hash) !== undefined);
  const openLinked = useEffectEvent(async () => {
    const id = challengeIdOf(location.hash);
    if (id === undefined || id === challenge?.id) {
      hold.checked();
      return;
    }
    const index = CHALLENGES.findIndex((item) => item.id === id);
    if (index < 0) {
      dropChallengeLink();
      setProblem(
        `This link names a challenge this playground does not have ("${id}"). Nothing was changed.`,
      );
      hold.checked();
      return;
    }
    // A reload finds the learner's attempt in the tab's session: it goes on from there.
    await hold.opening(() => start(index, isUnderWay(id)));
  });
  // The link the page was opened with, and any followed later.
  useEffect(() => {
    const check = () => void openLinked();
    check();
    addEventListener('hashchange', check);
    return () => removeEventListener('hashchange', check);
  }, []);
  return (
    <>
      <p className="hint">
        {done.size} of {CHALLENGES.length} challenges met in this browser.
      </p>
      {listOpen && (
        <ol className="challenge-list">
          {CHALLENGES.map((item, index) => (
            <li key={item.id}>
              <button type="button" className="link" onClick={() => void start(index)}>
                {item.title}
              </button>
              {done.has(item.id) && <span className="challenge-done"> ✓ Met</span>}
              <p className="hint">{item.goal}</p>
            </li>
          ))}
        </ol>
      )}
      {problem !== undefined && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {challenge !== undefined && active !== undefined && (
        <ActiveChallenge
          key={challenge.id}
          challenge={challenge}
          number={active + 1}
          onMet={() => markDone(challenge.id)}
          onNext={active + 1 < CHALLENGES.length ? () => void start(active + 1) : undefined}
        />
      )}
    </>
  );
}
