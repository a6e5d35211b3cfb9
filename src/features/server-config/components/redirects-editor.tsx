import { useId, useRef, useState } from 'react';
import { LOCATION_PLACEHOLDER, PLACEHOLDERS } from '../../../scenario/placeholders.ts';
import type { RedirectHop } from '../../../scenario/server-config.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { formatHeaderLines, parseHeaderLines } from '../lib/header-text.ts';
import { REDIRECT_STATUSES } from '../lib/http-status.ts';
import { keyOf } from '../lib/parsed.ts';
import { StatusSelect, TargetSelect } from './http-selects.tsx';
import { PlaceholderMenu } from './placeholder-menu.tsx';
import { TextField } from './text-field.tsx';

const MAX_HOPS = 25;

type RawHop = NonNullable<RedirectHop['raw']>;

/** Where a hop written in raw lines starts: a bare redirect, as a proxy writes one. */
const RAW_HOP_START: RawHop = {
  reason: '',
  headers: [
    ['Location', LOCATION_PLACEHOLDER.text],
    ['Content-Length', '0'],
  ],
};

const HOP_PLACEHOLDERS = [LOCATION_PLACEHOLDER, ...PLACEHOLDERS];

/** A hop's exact header lines, one per line; `{{location}}` is where the hop leads. */
function HopRawLines({
  number,
  raw,
  onChange,
}: {
  number: number;
  raw: RawHop;
  onChange: (raw: RawHop) => void;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useDraft({
    value: raw.headers,
    fromValue: formatHeaderLines,
    toValue: parseHeaderLines,
  });
  const parsed = parseHeaderLines(text);
  const change = (next: string) => {
    setText(next);
    const read = parseHeaderLines(next);
    if (read.ok && keyOf(read.value) !== keyOf(raw.headers)) {
      onChange({ ...raw, headers: read.value });
    }
  };
  return (
    <div className="sp-field">
      <TextField
        label={`Raw lines of hop ${number}`}
        value={text}
        onChange={change}
        error={parsed.ok ? undefined : Object.values(parsed.errors).join(' ')}
        rows={3}
        textareaRef={textarea}
        hint="Exactly these lines after the status line, in order, case and duplicates kept. {{location}} is the URL the hop leads to."
      />
      <PlaceholderMenu
        field={textarea}
        text={text}
        onChange={change}
        placeholders={HOP_PLACEHOLDERS}
      />
    </div>
  );
}

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
            checked={hop.raw !== undefined}
            onChange={(event) => {
              // Raw lines are the whole response: the built hop's settings go with the switch.
              const { status, to } = hop;
              onChange(
                event.target.checked
                  ? { status, to, cors: true, headers: [], raw: RAW_HOP_START }
                  : { status, to, cors: true, headers: [] },
              );
            }}
          />
          <span>In raw lines</span>
        </label>
        {hop.raw === undefined && (
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
        )}
        <button type="button" className="sp-button sp-small" onClick={onRemove}>
          Remove hop {number}
        </button>
      </div>
      {hop.raw !== undefined && (
        <HopRawLines number={number} raw={hop.raw} onChange={(raw) => onChange({ ...hop, raw })} />
      )}
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
