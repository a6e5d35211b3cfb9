import { useId, useState } from 'react';
import { MAX_BODY_CHARS, type ServerConfig } from '../../../scenario/server-config.ts';
import { issueMap, useConfigEditor } from '../hooks/config-editor.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { headerValueProblem } from '../lib/header-text.ts';
import { keyOf, ok, type FieldErrors, type Parsed } from '../lib/parsed.ts';
import { TextField } from './text-field.tsx';

type Body = ServerConfig['actual']['body'];

interface BodyDraft {
  custom: boolean;
  /** Off: no Content-Type line at all, as a minimal server writes. */
  typed: boolean;
  contentType: string;
  text: string;
}

const TEXT_TYPE = 'text/plain; charset=utf-8';

const fromValue = (body: Body): BodyDraft =>
  body === undefined
    ? { custom: false, typed: true, contentType: TEXT_TYPE, text: '' }
    : {
        custom: true,
        typed: body.contentType !== null,
        contentType: body.contentType ?? TEXT_TYPE,
        text: body.text,
      };

function toValue(draft: BodyDraft): Parsed<Body> {
  if (!draft.custom) return ok(undefined);
  const errors: Record<string, string> = {};
  const problem = draft.typed ? headerValueProblem(draft.contentType) : undefined;
  if (problem !== undefined) errors.contentType = `Not a header value: ${problem}.`;
  if (draft.text.length > MAX_BODY_CHARS) {
    errors.text = `At most ${MAX_BODY_CHARS} characters.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return ok({ contentType: draft.typed ? draft.contentType : null, text: draft.text });
}

/** The actual response's body: the target's small JSON document, or one of your own. */
export function BodyField() {
  const { config, apply } = useConfigEditor();
  const value = config.actual.body;
  const [draft, setDraft] = useDraft({ value, fromValue, toValue });
  const [refused, setRefused] = useState<FieldErrors>({});
  const checkboxId = useId();
  const typedId = useId();
  const parsed = toValue(draft);
  const errors = parsed.ok ? refused : parsed.errors;

  const change = (patch: Partial<BodyDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    const read = toValue(next);
    if (!read.ok) setRefused({});
    else if (keyOf(read.value) !== keyOf(value)) {
      const body = read.value;
      const issues = apply('Body', (config) => {
        if (body === undefined) delete config.actual.body;
        else config.actual.body = body;
      });
      setRefused(issueMap(issues, 'actual.body'));
    }
  };

  return (
    <div className="sp-group">
      <label className="choice" htmlFor={checkboxId}>
        <input
          id={checkboxId}
          type="checkbox"
          checked={draft.custom}
          onChange={(event) => change({ custom: event.target.checked })}
        />
        <span>Custom body (else the default JSON document)</span>
      </label>
      {draft.custom && (
        <div className="sp-nested">
          <label className="choice" htmlFor={typedId}>
            <input
              id={typedId}
              type="checkbox"
              checked={draft.typed}
              onChange={(event) => change({ typed: event.target.checked })}
            />
            <span>Send a Content-Type line</span>
          </label>
          {draft.typed && (
            <TextField
              label="Body Content-Type"
              value={draft.contentType}
              onChange={(contentType) => change({ contentType })}
              error={errors.contentType}
            />
          )}
          <TextField
            label="Body text"
            value={draft.text}
            onChange={(text) => change({ text })}
            error={errors.text ?? errors['']}
            rows={4}
            hint="Sent as UTF-8."
          />
        </div>
      )}
    </div>
  );
}
