import { useId } from 'react';
import { useChoiceField } from '../hooks/use-choice-field.ts';
import { notSentHint, type Choice, type FieldValue } from '../lib/choices.ts';
import { FieldError, TextField } from './text-field.tsx';

interface SelectChoiceFieldProps<T> {
  /** The header's name, which labels the select. */
  label: string;
  value: FieldValue<T>;
  choices: readonly Choice<T>[];
  onApply: (value: FieldValue<T>) => readonly string[];
  /** The value that leaves the header off (see useChoiceField). */
  notSent: FieldValue<T>;
  hint?: string;
}

export function choiceText<T>(choice: Choice<T>): string {
  if (choice.kind === 'text' || choice.detail === undefined || choice.detail === choice.label) {
    return choice.label;
  }
  return `${choice.label} (${choice.detail})`;
}

/** A CORS field as a select of its kinds of value, with a text input for typed ones. */
export function SelectChoiceField<T>({
  label,
  value,
  choices,
  onApply,
  notSent,
  hint,
}: SelectChoiceFieldProps<T>) {
  const field = useChoiceField({ value, choices, onApply, notSent });
  const selectId = useId();
  const hintId = useId();
  const errorId = useId();
  const { selected } = field;
  const typed = selected?.kind === 'text' ? selected : undefined;
  return (
    <div className="sp-field">
      <label htmlFor={selectId} className="sp-label sp-mono">
        {label}
      </label>
      <select
        id={selectId}
        className="sp-select"
        value={field.selectedKey ?? ''}
        onChange={(event) => field.select(event.target.value)}
        aria-describedby={
          [typed === undefined && field.error !== undefined ? errorId : '', hint ? hintId : '']
            .filter((id) => id !== '')
            .join(' ') || undefined
        }
      >
        {field.selectedKey === undefined && <option value="">(unknown)</option>}
        {choices.map((choice) => (
          <option key={choice.key} value={choice.key}>
            {choiceText(choice)}
          </option>
        ))}
      </select>
      {typed !== undefined && (
        <TextField
          label={typed.inputLabel}
          value={field.texts[typed.key] ?? ''}
          onChange={(text) => field.editText(typed.key, text)}
          error={field.error}
          hint={field.notSent ? notSentHint(label) : typed.hint}
          placeholder={typed.placeholder}
        />
      )}
      {typed === undefined && field.error !== undefined && (
        <FieldError id={errorId}>{field.error}</FieldError>
      )}
      {hint !== undefined && (
        <p id={hintId} className="sp-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
