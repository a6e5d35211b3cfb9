import { useState } from 'react';
import type { Choice, FieldValue, TextChoice } from '../lib/choices.ts';
import { keyOf } from '../lib/parsed.ts';

interface ChoiceFieldOptions<T> {
  value: FieldValue<T>;
  choices: readonly Choice<T>[];
  /** Applies a value; returns why it was refused (and nothing was applied), if it was. */
  onApply: (value: FieldValue<T>) => readonly string[];
  /** The value that leaves the header off this response (`undefined` shared, `null` override). */
  notSent: FieldValue<T>;
}

interface ChoiceState {
  /** The config value this state last followed. */
  syncedKey: string;
  /**
   * A text choice picked whose text is blank or invalid: meanwhile the header is not sent, so
   * the panel never shows one choice while the target sends another's value.
   */
  pending: string | undefined;
  texts: Readonly<Record<string, string>>;
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
export function useChoiceField<T>({ value, choices, onApply, notSent }: ChoiceFieldOptions<T>) {
  const key = keyOf(value);
  const notSentKey = keyOf(notSent);
  const initial = (): ChoiceState => {
    const match = matchingChoice(choices, value);
    return {
      syncedKey: key,
      pending: undefined,
      texts: match?.kind === 'text' ? { [match.key]: textOf(match, value) } : {},
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
    // A picked choice still waiting for its text stays picked while its header is off.
    const pending = key === notSentKey ? state.pending : undefined;
    current = { ...state, syncedKey: key, pending, texts, refused: [] };
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

  /** Leaves the header off until the picked choice's text reads as a value. */
  const waitForText = (choiceKey: string) => {
    if (key === notSentKey) update({ pending: choiceKey, refused: [] });
    else tryApply(notSent, choiceKey, true);
  };

  const select = (choiceKey: string) => {
    const choice = choices.find((candidate) => candidate.key === choiceKey);
    if (choice === undefined) return;
    if (choice.kind === 'fixed') {
      tryApply(choice.value, choiceKey, false);
      return;
    }
    const parsed = choice.parse(current.texts[choiceKey] ?? '');
    if (parsed.ok) tryApply(parsed.value, choiceKey, true);
    else waitForText(choiceKey);
  };

  const editText = (choiceKey: string, text: string) => {
    update({ texts: { ...current.texts, [choiceKey]: text }, refused: [] });
    const choice = choices.find((candidate) => candidate.key === choiceKey);
    if (choice?.kind !== 'text' || selectedKey !== choiceKey) return;
    const parsed = choice.parse(text);
    // Text that reads as the value already applied ("PUT," for "PUT") changes nothing.
    if (parsed.ok) {
      if (keyOf(parsed.value) !== key) tryApply(parsed.value, choiceKey, true);
    } else if (text.trim() === '') {
      // An emptied list allows nothing: the header goes, as the empty box says.
      waitForText(choiceKey);
    }
    // Other invalid text applies nothing: the last value stays, and the error says so.
  };

  let error: string | undefined;
  if (selected?.kind === 'text') {
    const text = current.texts[selected.key] ?? '';
    const parsed = selected.parse(text);
    // A blank box is no mistake: it sends no header, as `notSent` tells.
    if (!parsed.ok && text.trim() !== '') error = Object.values(parsed.errors).join(' ');
  }
  if (current.refused.length > 0) error = current.refused.join(' ');

  return {
    selectedKey,
    selected,
    texts: current.texts,
    /** Why the typed text is not applied; the config keeps its value meanwhile. */
    error,
    /** The picked choice's text is blank or invalid, so the header is not sent meanwhile. */
    notSent: selected?.kind === 'text' && current.pending === selected.key,
    select,
    editText,
  };
}
