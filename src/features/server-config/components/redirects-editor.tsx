import { useId, useState } from 'react';
import type { RedirectHop } from '../../../scenario/server-config.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { REDIRECT_STATUSES } from '../lib/http-status.ts';
import { StatusSelect, TargetSelect } from './http-selects.tsx';

const MAX_HOPS = 25;

function HopRow({
  number,
  hop,
  onChange,
  onRemove,
}: {
  number: number;
  hop: RedirectHop;
  onChange: (hop: RedirectHop) => void;
  onRemove: () => void;
}) {
  return (
    <fieldset className="sp-row">
      <legend>Redirect hop {number}</legend>
      <div className="sp-row-grid">
        <StatusSelect
          label="Status"
          statuses={REDIRECT_STATUSES}
          value={hop.status}
          onChange={(status) => onChange({ ...hop, status })}
        />
        <TargetSelect label="To" value={hop.to} onChange={(to) => onChange({ ...hop, to })} />
      </div>
      <div className="sp-inline">
        <label className="choice">
          <input
            type="checkbox"
            checked={hop.cors !== false}
            onChange={(event) => onChange({ ...hop, cors: event.target.checked })}
          />
          <span>
            {typeof hop.cors === 'object'
              ? 'With its own CORS headers (from the config file; unticking removes them)'
              : 'With CORS headers'}
          </span>
        </label>
        <button type="button" className="sp-button sp-small" onClick={onRemove}>
          Remove hop {number}
        </button>
      </div>
    </fieldset>
  );
}

/** Redirects answered before the actual response, one per request, in order. */
export function RedirectsEditor() {
  const { config, apply } = useConfigEditor();
  const hops = config.actual.redirects;
  const [refused, setRefused] = useState<readonly string[]>([]);
  const headingId = useId();
  const set = (next: RedirectHop[]) =>
    setRefused(
      issuesAt(
        apply('Redirect hops', (draft) => {
          draft.actual.redirects = next;
        }),
        'actual.redirects',
      ),
    );

  return (
    <div className="sp-group" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="sp-subheading">
        Redirects before the response
      </h3>
      {hops.length === 0 ? (
        <p className="sp-hint">None: the request gets the response at once.</p>
      ) : (
        <p className="sp-hint">
          Each hop answers one request with a redirect to the same path on the chosen target; the
          request after the last hop gets the response.
        </p>
      )}
      {hops.map((hop, index) => (
        <HopRow
          key={index}
          number={index + 1}
          hop={hop}
          onChange={(changed) => set(hops.map((old, at) => (at === index ? changed : old)))}
          onRemove={() => set(hops.filter((_, at) => at !== index))}
        />
      ))}
      {refused.length > 0 && <p className="sp-error">Not applied: {refused.join(' ')}</p>}
      <button
        type="button"
        className="sp-button"
        disabled={hops.length >= MAX_HOPS}
        onClick={() => set([...hops, { status: 302, to: 'second', cors: true, headers: [] }])}
      >
        Add a redirect hop
      </button>
    </div>
  );
}
