import { useId, useState } from 'react';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { PREFLIGHT_STATUSES, REDIRECT_STATUSES } from '../lib/http-status.ts';
import { StatusSelect, TargetSelect } from './http-selects.tsx';
import { FieldError } from './text-field.tsx';

type Handling = ServerConfig['preflight']['handling'];

const KIND_LABELS: Record<Handling['kind'], string> = {
  answer: 'Answer with a status',
  fallthrough: 'Fall through to the route (no OPTIONS handler)',
  redirect: 'Redirect',
};

function withCurrent(statuses: readonly number[], current: number | undefined): number[] {
  return current === undefined || statuses.includes(current)
    ? [...statuses]
    : [...statuses, current].sort((a, b) => a - b);
}

/** How the target answers OPTIONS: a status, no handler at all, or a redirect. */
export function PreflightHandlingField() {
  const { config, apply } = useConfigEditor();
  const { handling } = config.preflight;
  const [refused, setRefused] = useState<readonly string[]>([]);
  const kindId = useId();
  const errorId = useId();
  const set = (next: Handling) =>
    setRefused(
      issuesAt(
        apply('Preflight handling', (draft) => {
          draft.preflight.handling = next;
        }),
        'preflight.handling',
      ),
    );
  const setKind = (kind: Handling['kind']) => {
    if (kind === 'answer') set({ kind, status: 204 });
    else if (kind === 'fallthrough') set({ kind });
    else set({ kind, status: 307, to: 'second' });
  };

  return (
    <div className="sp-group">
      <div className="sp-field">
        <label htmlFor={kindId} className="sp-label">
          How OPTIONS is answered
        </label>
        <select
          id={kindId}
          className="sp-select"
          value={handling.kind}
          onChange={(event) => setKind(event.target.value as Handling['kind'])}
          aria-describedby={refused.length > 0 ? errorId : undefined}
        >
          {Object.entries(KIND_LABELS).map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
        {refused.length > 0 && <FieldError id={errorId}>{refused.join(' ')}</FieldError>}
      </div>
      {handling.kind === 'answer' && (
        <StatusSelect
          label="Preflight status"
          statuses={withCurrent(PREFLIGHT_STATUSES, handling.status)}
          value={handling.status}
          onChange={(status) => set({ kind: 'answer', status })}
        />
      )}
      {handling.kind === 'answer' && (handling.status < 200 || handling.status > 299) && (
        <p className="sp-hint">
          Not an OK status (200–299): the preflight fails whatever the headers.
        </p>
      )}
      {handling.kind === 'fallthrough' && (
        <p className="sp-hint">
          The OPTIONS request gets the actual response below, as on a server whose framework has no
          OPTIONS route.
        </p>
      )}
      {handling.kind === 'redirect' && (
        <>
          <StatusSelect
            label="Redirect status"
            statuses={REDIRECT_STATUSES}
            value={handling.status}
            onChange={(status) => set({ ...handling, status })}
          />
          <TargetSelect
            label="Redirect to"
            value={handling.to}
            onChange={(to) => set({ ...handling, to })}
          />
        </>
      )}
    </div>
  );
}
