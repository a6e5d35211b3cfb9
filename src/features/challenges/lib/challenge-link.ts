/**
 * A challenge's link: `#challenge=<id>`, in the fragment beside `#preset=` and `#share=`, which
 * are told apart by key. It names the exercise, not the learner's attempt: it stays while the
 * challenge is under way, and whoever opens it starts from the challenge's start.
 */
const FRAGMENT_KEY = '#challenge=';

/** Which challenge this tab has under way, so that a reload resumes it rather than restarting. */
const UNDER_WAY_KEY = 'cors-playground.challenge';

/** The challenge id a URL fragment names, or undefined when it is not a challenge link. */
export function challengeIdOf(fragment: string): string | undefined {
  if (!fragment.startsWith(FRAGMENT_KEY)) return undefined;
  return fragment.slice(FRAGMENT_KEY.length);
}

/** Names the challenge in the address, and remembers in this tab that it is under way. */
export function markUnderWay(id: string): void {
  // The ids are file names ([0-9a-z-]+), which need no escaping.
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${FRAGMENT_KEY}${id}`,
  );
  try {
    sessionStorage.setItem(UNDER_WAY_KEY, id);
  } catch {
    // Storage refused: a reload starts the challenge again, which is the worst it can do.
  }
}

/** Whether this tab already has that challenge under way (the page was reloaded). */
export function isUnderWay(id: string): boolean {
  try {
    return sessionStorage.getItem(UNDER_WAY_KEY) === id;
  } catch {
    return false;
  }
}

/** Takes a link the playground cannot follow out of the address. */
export function dropChallengeLink(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}
