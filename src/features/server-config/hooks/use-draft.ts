import { useState } from 'react';
import { keyOf, type Parsed } from '../lib/parsed.ts';

interface DraftOptions<D, V> {
  /** The value the server config holds now. */
  value: V;
  /** The text (or texts) that show a value. */
  fromValue: (value: V) => D;
  /** Reads the draft back; a failure keeps the draft as typed. */
  toValue: (draft: D) => Parsed<V>;
}

/**
 * What the person typed into a field, kept apart from the config so invalid text is never
 * lost. When the config's value changes (applied, reset, rolled back), the draft follows it,
 * unless the draft already reads as that value: then it stays as typed ("PUT,DELETE" is not
 * rewritten to "PUT, DELETE" while someone types).
 */
export function useDraft<D, V>({ value, fromValue, toValue }: DraftOptions<D, V>) {
  const key = keyOf(value);
  const [state, setState] = useState(() => ({ draft: fromValue(value), key }));
  let current = state;
  if (state.key !== key) {
    const parsed = toValue(state.draft);
    const same = parsed.ok && keyOf(parsed.value) === key;
    current = { draft: same ? state.draft : fromValue(value), key };
    setState(current);
  }
  const setDraft = (draft: D) => setState((previous) => ({ draft, key: previous.key }));
  return [current.draft, setDraft] as const;
}
