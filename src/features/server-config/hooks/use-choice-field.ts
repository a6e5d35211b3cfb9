import { useState } from 'react';
import type { Choice, FieldValue, TextChoice } from '../lib/choices.ts';
import { keyOf } from '../lib/parsed.ts';

interface ChoiceFieldOptions<T> {
  value: FieldValue<T>;
  choices: readonly Choice<T>[];
  /** Applies a value; returns why it was refused (and nothing was applied), if it was. */
  onApply: (value: FieldValue<T>) => readonly string[];
}

interface ChoiceState {
  /** The config value this state last followed. */
  syncedKey: string;
  /** A choice picked but not applied yet (its text is empty or invalid). */
  pending: string | undefined;
  texts: Readonly<Record<string, string>>;
  touched: Readonly<Record<string, boolean>>;
  refused: readonly string[];
}

function matchingChoice<T>(
  choices: readonly Choice<T>[],
  value: FieldValue<T>,
): Choice<T> | undefined {
  const key = keyOf(value);
  return choices.find((choice) =>
    choice.kind === 'fixed' ? keyOf(choice.value) === key : choice.matches(value),
  );
}

function textOf<T>(choice: TextChoice<T>, value: FieldValue<T>): string {
  // Only called when the choice matches, so the value is one of its own.
  return choice.format(value as T);
}

/**
 * One CORS field as a set of choices, some with text: picks apply at once; text applies as
 * typed when it is valid, and otherwise stays in the field with its error, applying nothing.
 */
export function useChoiceField<T>({ value, choices, onApply }: ChoiceFieldOptions<T>) {
  const key = keyOf(value);
  const initial = (): ChoiceState => {
    const match = matchingChoice(choices, value);
    return {
      syncedKey: key,
      pending: undefined,
      texts: match?.kind === 'text' ? { [match.key]: textOf(match, value) } : {},
      touched: {},
      refused: [],
    };
  };
  const [state, setState] = useState(initial);
  let current = state;
  if (state.syncedKey !== key) {
    // The config changed (applied, reset or rolled back): show it, keeping text that
    // already reads as it.
    const match = matchingChoice(choices, value);
    let texts = state.texts;
    if (match?.kind === 'text') {
      const typed = match.parse(texts[match.key] ?? '');
      if (!typed.ok || keyOf(typed.value) !== key) {
        texts = { ...texts, [match.key]: textOf(match, value) };
      }
    }
    current = { ...state, syncedKey: key, pending: undefined, texts, refused: [] };
    setState(current);
  }

  const selectedKey = current.pending ?? matchingChoice(choices, value)?.key;
  const selected = choices.find((choice) => choice.key === selectedKey);
  const update = (patch: Partial<ChoiceState>) =>
    setState((previous) => ({ ...previous, ...patch }));

  /** Applies a value; on refusal, shows why and keeps (text) or drops (fixed) the pick. */
  const tryApply = (next: FieldValue<T>, choiceKey: string, keepOnRefusal: boolean) => {
    const refused = onApply(next);
    const pending = refused.length === 0 || keepOnRefusal ? choiceKey : undefined;
    update({ pending, refused });
  };

  const select = (choiceKey: string) => {
    const choice = choices.find((candidate) => candidate.key === choiceKey);
    if (choice === undefined) return;
    if (choice.kind === 'fixed') {
      tryApply(choice.value, choiceKey, false);
      return;
    }
    const text = current.texts[choiceKey] ?? '';
    const parsed = choice.parse(text);
    // An untouched, empty field waits for typing rather than applying an empty value.
    if (!parsed.ok || (text === '' && current.touched[choiceKey] !== true)) {
      update({ pending: choiceKey, refused: [] });
      return;
    }
    tryApply(parsed.value, choiceKey, true);
  };

  const editText = (choiceKey: string, text: string) => {
    update({
      texts: { ...current.texts, [choiceKey]: text },
      touched: { ...current.touched, [choiceKey]: true },
      refused: [],
    });
    const choice = choices.find((candidate) => candidate.key === choiceKey);
    if (choice?.kind !== 'text' || selectedKey !== choiceKey) return;
    const parsed = choice.parse(text);
    // Text that reads as the value already applied ("PUT," for "PUT") changes nothing.
    if (parsed.ok && keyOf(parsed.value) !== key) tryApply(parsed.value, choiceKey, true);
  };

  let error: string | undefined;
  let waiting = false;
  if (selected?.kind === 'text') {
    const text = current.texts[selected.key] ?? '';
    const parsed = selected.parse(text);
    if (!parsed.ok && (text !== '' || current.touched[selected.key] === true)) {
      error = Object.values(parsed.errors).join(' ');
    }
    waiting = current.pending === selected.key && error === undefined;
  }
  if (current.refused.length > 0) error = current.refused.join(' ');

  return {
    selectedKey,
    selected,
    texts: current.texts,
    /** Why the typed text is not applied; the config keeps its value meanwhile. */
    error,
    /** A choice is picked whose text is still to be typed. */
    waiting,
    select,
    editText,
  };
}
