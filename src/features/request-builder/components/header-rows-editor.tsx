import { Fragment, useEffect, useId, useMemo, useRef } from 'react';
import { explainDroppedHeader, typeErrorMessage } from '../../../cors/explain.ts';
import { pageBrowser } from '../../../lib/page-browser.ts';
import { isCorsSafelistedRequestHeader } from '../../../cors/safelist.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { HeaderRow } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { headerRowFlags, type RowFlag } from '../lib/predict.ts';
import { targetBase } from '../../../scenario/request-url.ts';

const QUICK_PICKS: [name: string, value: string][] = [
  ['Authorization', 'Bearer token123'],
  ['Content-Type', 'application/json'],
  ['X-Custom', '1'],
  ['Content-Type', 'text/plain'],
];

function flagText(flag: RowFlag): string {
  return flag.kind === 'dropped'
    ? `Not sent: ${explainDroppedHeader(flag.header)}`
    : `fetch() throws here: ${typeErrorMessage(flag.error, pageBrowser().profile)}`;
}

interface HeaderRowViewProps {
  row: HeaderRow;
  /** 1-based, for the labels. */
  number: number;
  flag: RowFlag | undefined;
  nameRef: (element: HTMLInputElement | null) => void;
  onRemove: () => void;
}

function HeaderRowView({ row, number, flag, nameRef, onRemove }: HeaderRowViewProps) {
  const updateHeaderRow = useStore((state) => state.updateHeaderRow);
  const flagId = useId();
  const describedBy = flag === undefined ? undefined : flagId;
  return (
    <Fragment>
      <tr className={row.enabled ? undefined : 'rb-row-off'}>
        <td className="rb-cell-send">
          <input
            type="checkbox"
            aria-label={`Send header ${number}`}
            checked={row.enabled}
            onChange={(event) => updateHeaderRow(row.id, { enabled: event.target.checked })}
          />
        </td>
        <td>
          <input
            ref={nameRef}
            className="rb-input rb-mono"
            aria-label={`Header name ${number}`}
            aria-describedby={describedBy}
            aria-invalid={flag?.kind === 'type-error'}
            value={row.name}
            placeholder="X-Custom"
            onChange={(event) => updateHeaderRow(row.id, { name: event.target.value })}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
        </td>
        <td>
          <input
            className="rb-input rb-mono"
            aria-label={`Header value ${number}`}
            aria-describedby={describedBy}
            value={row.value}
            onChange={(event) => updateHeaderRow(row.id, { value: event.target.value })}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
          />
        </td>
        <td className="rb-cell-remove">
          <button
            type="button"
            className="rb-button rb-icon-button"
            aria-label={`Remove header ${number}`}
            title={`Remove header ${number}`}
            onClick={onRemove}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </td>
      </tr>
      {flag !== undefined && (
        <tr className="rb-flag-row">
          <td colSpan={4}>
            <p
              id={flagId}
              className={flag.kind === 'dropped' ? 'rb-flag' : 'rb-flag rb-flag-error'}
            >
              <span aria-hidden="true">{flag.kind === 'dropped' ? '⊘ ' : '✗ '}</span>
              {flagText(flag)}
            </p>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

interface HeaderRowsEditorProps {
  session: SessionInfo;
  pageOrigin: string;
}

/** The headers the page sets: each row can be switched off, and fetch()'s treatment shows. */
export function HeaderRowsEditor({ session, pageOrigin }: HeaderRowsEditorProps) {
  const rows = useStore((state) => state.draft.headerRows);
  const target = useStore((state) => state.draft.target);
  const mode = useStore((state) => state.draft.mode);
  const addHeaderRow = useStore((state) => state.addHeaderRow);
  const removeHeaderRow = useStore((state) => state.removeHeaderRow);
  const captionId = useId();

  const flags = useMemo(
    () => headerRowFlags(rows, { url: `${targetBase(session, target)}/`, pageOrigin, mode }),
    [rows, session, target, pageOrigin, mode],
  );

  // Focus follows the change: into a new row, or to a neighbour of a removed one.
  const nameInputs = useRef(new Map<string, HTMLInputElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const focusAfterRender = useRef<'last-row' | { index: number } | undefined>(undefined);
  useEffect(() => {
    const wanted = focusAfterRender.current;
    if (wanted === undefined) return;
    focusAfterRender.current = undefined;
    const index = wanted === 'last-row' ? rows.length - 1 : Math.min(wanted.index, rows.length - 1);
    const row = rows[index];
    const input = row === undefined ? undefined : nameInputs.current.get(row.id);
    (input ?? addButton.current)?.focus();
  }, [rows]);

  return (
    <div className="rb-headers">
      <div className="rb-table-wrap">
        <table className="rb-table" aria-labelledby={captionId}>
          <caption id={captionId}>Request headers</caption>
          <thead>
            <tr>
              <th scope="col" className="rb-cell-send">
                Send
              </th>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col" className="rb-cell-remove">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <HeaderRowView
                key={row.id}
                row={row}
                number={index + 1}
                flag={flags.get(row.id)}
                nameRef={(element) => {
                  if (element === null) nameInputs.current.delete(row.id);
                  else nameInputs.current.set(row.id, element);
                }}
                onRemove={() => {
                  focusAfterRender.current = { index };
                  removeHeaderRow(row.id);
                }}
              />
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={4} className="hint">
                  No headers set by the page.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <div className="rb-header-actions">
        <button
          ref={addButton}
          type="button"
          className="rb-button"
          onClick={() => {
            focusAfterRender.current = 'last-row';
            addHeaderRow();
          }}
        >
          <span aria-hidden="true">+ </span>Add header
        </button>
        <div role="group" aria-label="Quick picks" className="rb-quick-picks">
          <span className="hint" aria-hidden="true">
            Quick picks:
          </span>
          {QUICK_PICKS.map(([name, value]) => (
            <button
              key={`${name}: ${value}`}
              type="button"
              className="rb-button rb-chip"
              onClick={() => addHeaderRow(name, value)}
            >
              <code>
                {name}: {value}
              </code>
              {isCorsSafelistedRequestHeader(name, value) && (
                <span className="rb-tag"> (safelisted)</span>
              )}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
