import { useId } from 'react';
import type { RequestDraft } from '../../../scenario/request-draft.ts';
import { useStore } from '../../../stores/store.ts';

type OptionName = 'mode' | 'credentials' | 'redirect' | 'cache';

/** Each option's values, the default first (as fetch() has them). */
const OPTIONS: { [K in OptionName]: readonly RequestDraft[K][] } = {
  mode: ['cors', 'no-cors', 'same-origin'],
  credentials: ['same-origin', 'omit', 'include'],
  redirect: ['follow', 'error', 'manual'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
};

function OptionSelect<K extends OptionName>({ option }: { option: K }) {
  const value = useStore((state) => state.draft[option]);
  const updateDraft = useStore((state) => state.updateDraft);
  const id = useId();
  const values = OPTIONS[option];
  return (
    <div className="rb-field">
      <label htmlFor={id} className="rb-mono">
        {option}
      </label>
      <select
        id={id}
        className="rb-input rb-mono"
        value={value}
        onChange={(event) => {
          const chosen = values.find((candidate) => candidate === event.target.value);
          if (chosen !== undefined) updateDraft({ [option]: chosen });
        }}
      >
        {values.map((candidate, index) => (
          <option key={candidate} value={candidate}>
            {index === 0 ? `${candidate} (default)` : candidate}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The fetch() init options besides method, headers and body. */
export function FetchOptions() {
  return (
    <fieldset className="control rb-options">
      <legend>fetch() options</legend>
      <OptionSelect option="mode" />
      <OptionSelect option="credentials" />
      <OptionSelect option="redirect" />
      <OptionSelect option="cache" />
    </fieldset>
  );
}
