import { useId } from 'react';
import { NORMALIZED_METHODS, normalizeMethod } from '../../../cors/method.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import { draftBase } from '../../../lib/target-url.ts';
import { useStore } from '../../../stores/store.ts';
import { pathProblem } from '../lib/predict.ts';

/** Suggestions only: any method can be typed, as fetch() accepts any token. */
const METHOD_SUGGESTIONS: { value: string; note?: string }[] = [
  { value: 'GET' },
  { value: 'HEAD' },
  { value: 'POST' },
  { value: 'PUT' },
  { value: 'PATCH' },
  { value: 'DELETE' },
  { value: 'OPTIONS' },
  { value: 'patch', note: 'lower case' },
  { value: 'CHICKEN', note: 'custom method' },
];

/** How fetch() will send the typed method, from the model's normalization. */
function methodNote(method: string): string | undefined {
  if (method === '') return undefined;
  const normalized = normalizeMethod(method);
  if (normalized !== method) return `fetch() sends it as ${normalized}.`;
  if (method !== method.toUpperCase()) {
    return `fetch() sends it as typed: it upper-cases only ${NORMALIZED_METHODS.join(', ')}.`;
  }
  return undefined;
}

export function MethodField() {
  const method = useStore((state) => state.draft.method);
  const updateDraft = useStore((state) => state.updateDraft);
  const id = useId();
  const note = methodNote(method);

  return (
    <div className="rb-field rb-method">
      <label htmlFor={`${id}-input`}>Method</label>
      <input
        id={`${id}-input`}
        className="rb-input rb-mono"
        list={`${id}-list`}
        value={method}
        onChange={(event) => updateDraft({ method: event.target.value })}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-describedby={note === undefined ? undefined : `${id}-note`}
      />
      <datalist id={`${id}-list`}>
        {METHOD_SUGGESTIONS.map((suggestion) => (
          <option key={suggestion.value} value={suggestion.value}>
            {suggestion.note}
          </option>
        ))}
      </datalist>
      {note !== undefined && (
        <p id={`${id}-note`} className="hint rb-note">
          {note}
        </p>
      )}
    </div>
  );
}

export function PathField({ session }: { session: SessionInfo }) {
  const path = useStore((state) => state.draft.path);
  const target = useStore((state) => state.draft.target);
  const generation = useStore((state) => state.urlGeneration);
  const updateDraft = useStore((state) => state.updateDraft);
  const id = useId();
  const problem = pathProblem(path);

  return (
    <div className="rb-field rb-path">
      <label htmlFor={`${id}-input`}>Path</label>
      <input
        id={`${id}-input`}
        className="rb-input rb-mono"
        value={path}
        onChange={(event) => updateDraft({ path: event.target.value })}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        aria-invalid={problem !== undefined}
        aria-describedby={`${id}-hint${problem === undefined ? '' : ` ${id}-error`}`}
      />
      <p id={`${id}-hint`} className="hint rb-note">
        Path and query, after <code>{draftBase(session, target, generation)}</code>
      </p>
      {problem !== undefined && (
        <p id={`${id}-error`} className="rb-error">
          <span aria-hidden="true">⚠ </span>The path {problem}.
        </p>
      )}
    </div>
  );
}
