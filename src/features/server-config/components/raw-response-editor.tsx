import { useId, useRef, useState } from 'react';
import {
  MAX_BODY_CHARS,
  type RawResponseConfig,
  type ServerConfig,
} from '../../../scenario/server-config.ts';
import { issueMap, useConfigEditor } from '../hooks/config-editor.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { usePreviewRequest } from '../hooks/use-preview-request.ts';
import {
  formatHeaderLines,
  headerValueProblem,
  parseHeaderLines,
  parseWholeNumber,
} from '../lib/header-text.ts';
import { keyOf, ok, type FieldErrors, type Parsed } from '../lib/parsed.ts';
import { previewActual, previewPreflight, utf8Bytes } from '../lib/response-preview.ts';
import { PlaceholderMenu } from './placeholder-menu.tsx';
import { TextField } from './text-field.tsx';

type Kind = 'preflight' | 'actual';

interface RawDraft {
  enabled: boolean;
  status: string;
  reason: string;
  headers: string;
  body: string;
}

const fromValue = (raw: RawResponseConfig | undefined): RawDraft =>
  raw === undefined
    ? { enabled: false, status: '', reason: '', headers: '', body: '' }
    : {
        enabled: true,
        status: String(raw.status),
        reason: raw.reason,
        headers: formatHeaderLines(raw.headers),
        body: raw.body,
      };

function beyondByte(text: string): string | undefined {
  return [...text].find((char) => (char.codePointAt(0) ?? 0) > 0xff);
}

/** Reads the editor; off, it reads as "no raw response" whatever it holds. */
function toValue(draft: RawDraft): Parsed<RawResponseConfig | undefined> {
  const errors: Record<string, string> = {};
  const status = parseWholeNumber(draft.status, 100, 999, 'The status');
  if (!status.ok) errors.status = Object.values(status.errors).join(' ');
  const reasonProblem = headerValueProblem(draft.reason);
  if (reasonProblem !== undefined)
    errors.reason = `Not allowed in a status line: ${reasonProblem}.`;
  const headers = parseHeaderLines(draft.headers);
  if (!headers.ok) errors.headers = Object.values(headers.errors).join(' ');
  const beyond = beyondByte(draft.body);
  if (beyond !== undefined) {
    errors.body = `“${beyond}” is not a byte: a raw body is bytes, one per character (U+0000 to U+00FF). Convert text to its UTF-8 bytes first.`;
  } else if (draft.body.length > MAX_BODY_CHARS) {
    errors.body = `At most ${MAX_BODY_CHARS} bytes.`;
  }
  if (!draft.enabled) return ok(undefined);
  if (!status.ok || !headers.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return ok({
    status: status.value,
    reason: draft.reason,
    headers: headers.value,
    body: draft.body,
  });
}

/** What the draft's problems are, on or off (off, they only keep it from being turned on). */
function problemsOf(draft: RawDraft): FieldErrors {
  const read = toValue({ ...draft, enabled: true });
  return read.ok ? {} : read.errors;
}

/** The raw responses with `kind`'s replaced (or, with `undefined`, taken out). */
function rawWith(
  current: ServerConfig['raw'],
  kind: Kind,
  raw: RawResponseConfig | undefined,
): ServerConfig['raw'] {
  const preflight = kind === 'preflight' ? raw : current?.preflight;
  const actual = kind === 'actual' ? raw : current?.actual;
  if (preflight === undefined && actual === undefined) return undefined;
  return {
    ...(preflight === undefined ? {} : { preflight }),
    ...(actual === undefined ? {} : { actual }),
  };
}

const LABELS: Record<Kind, string> = { preflight: 'preflight', actual: 'actual' };

/** An exact response for one kind of request, replacing the computed one when on. */
export function RawResponseEditor({ kind }: { kind: Kind }) {
  const { config, apply } = useConfigEditor();
  const request = usePreviewRequest();
  const value = config.raw?.[kind];
  const [draft, setDraft] = useDraft({ value, fromValue, toValue });
  const [refused, setRefused] = useState<FieldErrors>({});
  const toggleId = useId();
  const noteId = useId();
  const headersField = useRef<HTMLTextAreaElement>(null);
  const problems = draft.enabled || draft.status !== '' ? problemsOf(draft) : {};
  const errors = Object.keys(problems).length > 0 ? problems : refused;

  const change = (next: RawDraft) => {
    setDraft(next);
    const read = toValue(next);
    if (!read.ok) {
      setRefused({});
      return;
    }
    if (keyOf(read.value) === keyOf(value)) return;
    const raw = read.value;
    const issues = apply(`Raw ${LABELS[kind]} response`, (config) => {
      const next = rawWith(config.raw, kind, raw);
      if (next === undefined) delete config.raw;
      else config.raw = next;
    });
    setRefused(issueMap(issues, `raw.${kind}`));
  };

  const computed = (): RawDraft => {
    const base = { ...config, raw: rawWith(config.raw, kind, undefined) };
    const preview =
      kind === 'preflight' ? previewPreflight(base, request) : previewActual(base, request);
    return {
      enabled: draft.enabled,
      status: String(preview.status),
      reason: preview.reason,
      headers: formatHeaderLines(preview.headers),
      body: preview.body,
    };
  };

  const toggle = (enabled: boolean) => {
    const empty = draft.status === '' && draft.headers === '';
    change({ ...(enabled && empty ? computed() : draft), enabled });
  };

  const lengthLine = parseHeaderLines(draft.headers);
  const declared = lengthLine.ok
    ? lengthLine.value.find(([name]) => name.toLowerCase() === 'content-length')?.[1]
    : undefined;
  const bodyBytes = draft.body.length;

  return (
    <fieldset className="sp-row sp-raw">
      <legend>Raw {LABELS[kind]} response</legend>
      <label className="choice" htmlFor={toggleId}>
        <input
          id={toggleId}
          type="checkbox"
          checked={draft.enabled}
          aria-describedby={noteId}
          onChange={(event) => toggle(event.target.checked)}
        />
        <span>Replace the computed {LABELS[kind]} response</span>
      </label>
      <p id={noteId} className="sp-hint">
        {draft.enabled
          ? `On: every ${kind === 'preflight' ? 'preflight' : 'request but a preflight (after the redirect hops, if any)'} gets exactly this, and the settings above do not apply to it. Edits apply as you type.`
          : 'Off: the computed response is used. You can prepare this one first; nothing applies until it is on.'}
      </p>
      <div className="sp-row-grid">
        <TextField
          label="Status"
          value={draft.status}
          onChange={(status) => change({ ...draft, status })}
          error={errors.status}
          inputMode="numeric"
          placeholder="200"
        />
        <TextField
          label="Reason"
          value={draft.reason}
          onChange={(reason) => change({ ...draft, reason })}
          error={errors.reason}
          placeholder="OK"
        />
      </div>
      <TextField
        label="Header lines"
        value={draft.headers}
        onChange={(headers) => change({ ...draft, headers })}
        error={errors.headers}
        rows={6}
        textareaRef={headersField}
        hint="One per line, Name: value. Written exactly: order, case and duplicates kept, nothing added but placeholders replaced ({{origin}} is the page's origin)."
      />
      <PlaceholderMenu
        field={headersField}
        text={draft.headers}
        onChange={(headers) => change({ ...draft, headers })}
      />
      <TextField
        label="Body"
        value={draft.body}
        onChange={(body) => change({ ...draft, body })}
        error={errors.body}
        rows={3}
        hint={
          declared === undefined
            ? 'No Content-Length line: the body ends when the target closes the connection.'
            : declared.trim() === String(bodyBytes)
              ? `Content-Length: ${declared} matches the body.`
              : `Content-Length says ${declared}, the body is ${bodyBytes} bytes: deliberately off? The browser may wait for more, or cut the body.`
        }
      />
      <div className="sp-inline">
        <button
          type="button"
          className="sp-button sp-small"
          onClick={() => change({ ...computed(), enabled: draft.enabled })}
        >
          Start from the computed response
        </button>
        {errors.body !== undefined && beyondByte(draft.body) !== undefined && (
          <button
            type="button"
            className="sp-button sp-small"
            onClick={() => change({ ...draft, body: utf8Bytes(draft.body) })}
          >
            Convert the body to UTF-8 bytes
          </button>
        )}
      </div>
    </fieldset>
  );
}
