import type { RefObject } from 'react';
import { PLACEHOLDERS } from '../../../scenario/placeholders.ts';

interface PlaceholderMenuProps {
  /** The field the placeholder goes into, at its caret (or at its end). */
  field: RefObject<HTMLTextAreaElement | null>;
  text: string;
  onChange: (text: string) => void;
  /** What the field accepts: every value takes PLACEHOLDERS; a hop's raw lines more. */
  placeholders?: readonly { text: string; means: string }[];
}

/**
 * Inserts a placeholder (src/scenario/placeholders.ts) where the caret is, so a value can
 * name the page's origin or the target's, whose ports are chosen when the playground runs.
 */
export function PlaceholderMenu({
  field,
  text,
  onChange,
  placeholders = PLACEHOLDERS,
}: PlaceholderMenuProps) {
  const insert = (placeholder: string) => {
    const element = field.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + placeholder + text.slice(end));
    if (element === null) return;
    // After React has written the new text: put the caret after the placeholder.
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };
  return (
    <select
      className="sp-input sp-small"
      aria-label="Insert a placeholder"
      value=""
      onChange={(event) => {
        if (event.target.value !== '') insert(event.target.value);
      }}
    >
      <option value="">Insert a placeholder…</option>
      {placeholders.map(({ text: placeholder, means }) => (
        <option key={placeholder} value={placeholder}>
          {`${placeholder}: ${means}`}
        </option>
      ))}
    </select>
  );
}
