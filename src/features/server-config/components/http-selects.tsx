import { useId } from 'react';
import { reasonPhrase } from '../../../scenario/response-parts.ts';
import type { TargetRef } from '../../../scenario/server-config.ts';
import { TARGET_LABELS } from '../lib/response-preview.ts';

interface SelectProps<T> {
  label: string;
  value: T;
  onChange: (value: T) => void;
}

/** A labelled select whose options carry typed values (compared by their text). */
function LabeledSelect<T extends string | number>({
  label,
  value,
  onChange,
  options,
}: SelectProps<T> & { options: readonly { value: T; text: string }[] }) {
  const id = useId();
  return (
    <div className="sp-field">
      <label htmlFor={id} className="sp-label">
        {label}
      </label>
      <select
        id={id}
        className="sp-select"
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => String(option.value) === event.target.value);
          if (chosen !== undefined) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A status code picked from a list, each shown with its reason phrase. */
export function StatusSelect<S extends number>({
  statuses,
  ...props
}: SelectProps<S> & { statuses: readonly S[] }) {
  const options = statuses.map((status) => ({
    value: status,
    text: `${status} ${reasonPhrase(status)}`.trimEnd(),
  }));
  return <LabeledSelect {...props} options={options} />;
}

const TARGET_OPTIONS = Object.entries(TARGET_LABELS).map(([value, text]) => ({
  value: value as TargetRef,
  text,
}));

/** Which of the playground's targets a redirect points to. */
export function TargetSelect(props: SelectProps<TargetRef>) {
  return <LabeledSelect {...props} options={TARGET_OPTIONS} />;
}
