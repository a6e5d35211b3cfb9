import {
  readScenario,
  scenarioOf,
  stateOf,
  type PlaygroundState,
} from '../../../scenario/scenario-file.ts';

// Shared by every tab of this browser (sessionStorage holds each tab's own state).
const STORAGE_KEY = 'cors-playground.last-state';

/** The state a tab last worked on, and when, kept for a new tab to start from. */
export interface LastState {
  state: PlaygroundState;
  savedAt: number;
}

export function saveLastState(state: PlaygroundState, now: number): void {
  const saved = { savedAt: now, scenario: scenarioOf(state, 'Last state') };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(saved));
}

/**
 * The last state saved, read with the scenario schema: a value written by an older (or newer)
 * playground, or by hand, is ignored rather than trusted.
 */
export function readLastState(): LastState | undefined {
  const text = localStorage.getItem(STORAGE_KEY);
  if (text === null) return undefined;
  try {
    const saved = JSON.parse(text) as { savedAt?: unknown; scenario?: unknown };
    const read = readScenario(JSON.stringify(saved.scenario));
    if (!read.ok || typeof saved.savedAt !== 'number') return undefined;
    return { state: stateOf(read.value), savedAt: saved.savedAt };
  } catch {
    return undefined;
  }
}

/** Calls `listener` when another tab saves its state. Returns the unsubscribe. */
export function onLastStateSaved(listener: () => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  addEventListener('storage', handler);
  return () => removeEventListener('storage', handler);
}
