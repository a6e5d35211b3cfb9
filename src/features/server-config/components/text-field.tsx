import { useId, type ReactNode, type Ref } from 'react';

/** An inline problem of a field; its id goes in the field's aria-describedby. */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="sp-error">
      <strong>Not applied:</strong> {children}
    </p>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Why the text is not applied; marks the field invalid. */
  error?: string | undefined;
  hint?: string | undefined;
  placeholder?: string | undefined;
  /** A textarea of this many rows rather than one line. */
  rows?: number;
  /** Monospace, for header values and code. */
  mono?: boolean;
  inputMode?: 'numeric' | 'text';
  /** The textarea (with `rows`), e.g. to insert at its caret. */
  textareaRef?: Ref<HTMLTextAreaElement> | undefined;
}

/** One text input with its label, hint and inline error, wired for assistive technology. */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder,
  rows,
  mono = true,
  inputMode,
  textareaRef,
}: TextFieldProps) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy =
    [error === undefined ? '' : errorId, hint === undefined ? '' : hintId]
      .filter((part) => part !== '')
      .join(' ') || undefined;
  const common = {
    id,
    value,
    placeholder,
    className: mono ? 'sp-input sp-mono' : 'sp-input',
    'aria-invalid': error === undefined ? undefined : true,
    'aria-describedby': describedBy,
    autoComplete: 'off',
    autoCapitalize: 'off',
    spellCheck: false,
  } as const;
  return (
    <div className="sp-text-field">
      <label htmlFor={id} className="sp-label">
        {label}
      </label>
      {rows === undefined ? (
        <input
          {...common}
          type="text"
          inputMode={inputMode}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <textarea
          {...common}
          ref={textareaRef}
          rows={rows}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {error !== undefined && <FieldError id={errorId}>{error}</FieldError>}
      {hint !== undefined && (
        <p id={hintId} className="sp-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
