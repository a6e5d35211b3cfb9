import { useId, useState } from 'react';
import type { Cookie } from '../../../scenario/server-config.ts';
import { issueMap, useConfigEditor } from '../hooks/config-editor.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { headerValueProblem, tokenProblem } from '../lib/header-text.ts';
import { keyOf, ok, type FieldErrors, type Parsed } from '../lib/parsed.ts';
import { TextField } from './text-field.tsx';

const MAX_COOKIES = 20;
const SAME_SITE = ['', 'Strict', 'Lax', 'None'] as const;
type SameSite = (typeof SAME_SITE)[number];

interface CookieDraft {
  name: string;
  value: string;
  path: string;
  maxAge: string;
  sameSite: SameSite;
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
}

const fromCookie = (cookie: Cookie): CookieDraft => ({
  name: cookie.name,
  value: cookie.value,
  path: cookie.path ?? '',
  maxAge: cookie.maxAge === undefined ? '' : String(cookie.maxAge),
  sameSite: cookie.sameSite ?? '',
  secure: cookie.secure === true,
  httpOnly: cookie.httpOnly === true,
  partitioned: cookie.partitioned === true,
});

const fromValue = (cookies: Cookie[]): CookieDraft[] => cookies.map(fromCookie);

function attributeProblem(value: string): string | undefined {
  if (value.includes(';')) return 'it contains “;”, which would start a cookie attribute';
  return headerValueProblem(value);
}

function toValue(drafts: readonly CookieDraft[]): Parsed<Cookie[]> {
  const errors: Record<string, string> = {};
  const cookies = drafts.map((draft, index): Cookie => {
    const nameProblem = tokenProblem(draft.name);
    if (nameProblem !== undefined) errors[`${index}.name`] = `Not a cookie name: ${nameProblem}.`;
    const valueProblem = attributeProblem(draft.value);
    if (valueProblem !== undefined)
      errors[`${index}.value`] = `Not a cookie value: ${valueProblem}.`;
    const pathProblem = draft.path === '' ? undefined : attributeProblem(draft.path);
    if (pathProblem !== undefined) errors[`${index}.path`] = `Not a path: ${pathProblem}.`;
    const maxAge = draft.maxAge.trim();
    if (maxAge !== '' && !/^-?\d+$/.test(maxAge)) {
      errors[`${index}.maxAge`] = 'Max-Age is whole seconds (0 or less deletes the cookie).';
    }
    const cookie: Cookie = { name: draft.name, value: draft.value };
    if (draft.path !== '') cookie.path = draft.path;
    if (maxAge !== '') cookie.maxAge = Number(maxAge);
    if (draft.sameSite !== '') cookie.sameSite = draft.sameSite;
    if (draft.secure) cookie.secure = true;
    if (draft.httpOnly) cookie.httpOnly = true;
    if (draft.partitioned) cookie.partitioned = true;
    return cookie;
  });
  return Object.keys(errors).length > 0 ? { ok: false, errors } : ok(cookies);
}

interface CookieRowProps {
  number: number;
  draft: CookieDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<CookieDraft>) => void;
  onRemove: () => void;
}

function CookieRow({ number, draft, errors, onChange, onRemove }: CookieRowProps) {
  const sameSiteId = useId();
  const index = number - 1;
  const flags = [
    ['secure', 'Secure'],
    ['httpOnly', 'HttpOnly'],
    ['partitioned', 'Partitioned'],
  ] as const;
  return (
    <fieldset className="sp-row">
      <legend>Cookie {number}</legend>
      <div className="sp-row-grid">
        <TextField
          label="Name"
          value={draft.name}
          onChange={(name) => onChange({ name })}
          error={errors[`${index}.name`]}
        />
        <TextField
          label="Value"
          value={draft.value}
          onChange={(value) => onChange({ value })}
          error={errors[`${index}.value`]}
        />
        <TextField
          label="Path"
          value={draft.path}
          onChange={(path) => onChange({ path })}
          error={errors[`${index}.path`]}
          placeholder="(none)"
        />
        <TextField
          label="Max-Age"
          value={draft.maxAge}
          onChange={(maxAge) => onChange({ maxAge })}
          error={errors[`${index}.maxAge`]}
          placeholder="(session)"
          inputMode="numeric"
        />
        <div className="sp-text-field">
          <label htmlFor={sameSiteId} className="sp-label">
            SameSite
          </label>
          <select
            id={sameSiteId}
            className="sp-select"
            value={draft.sameSite}
            onChange={(event) => onChange({ sameSite: event.target.value as SameSite })}
          >
            {SAME_SITE.map((option) => (
              <option key={option} value={option}>
                {option === '' ? '(not set)' : option}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="sp-inline">
        {flags.map(([flag, label]) => (
          <label key={flag} className="choice">
            <input
              type="checkbox"
              checked={draft[flag]}
              onChange={(event) => onChange({ [flag]: event.target.checked })}
            />
            <span>{label}</span>
          </label>
        ))}
        <button type="button" className="sp-button sp-small" onClick={onRemove}>
          Remove cookie {number}
        </button>
      </div>
      {errors[String(index)] !== undefined && (
        <p className="sp-error">Not applied: {errors[String(index)]}</p>
      )}
    </fieldset>
  );
}

/** The actual response's Set-Cookie lines, built from their parts. */
export function CookiesEditor() {
  const { config, apply } = useConfigEditor();
  const value = config.actual.cookies;
  const [drafts, setDrafts] = useDraft({ value, fromValue, toValue });
  const [refused, setRefused] = useState<FieldErrors>({});
  const headingId = useId();
  const parsed = toValue(drafts);
  const errors = parsed.ok ? refused : parsed.errors;

  const change = (next: CookieDraft[]) => {
    setDrafts(next);
    const read = toValue(next);
    if (!read.ok) setRefused({});
    else if (keyOf(read.value) !== keyOf(value)) {
      const cookies = read.value;
      const issues = apply('Set-Cookie lines', (draft) => {
        draft.actual.cookies = cookies;
      });
      setRefused(issueMap(issues, 'actual.cookies'));
    }
  };

  return (
    <div className="sp-group" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="sp-subheading">
        Set-Cookie
      </h3>
      {drafts.length === 0 && <p className="sp-hint">No cookies.</p>}
      {drafts.map((draft, index) => (
        <CookieRow
          // Rows have no identity but their place; removing one renumbers the rest.
          key={index}
          number={index + 1}
          draft={draft}
          errors={errors}
          onChange={(patch) =>
            change(drafts.map((row, at) => (at === index ? { ...row, ...patch } : row)))
          }
          onRemove={() => change(drafts.filter((_, at) => at !== index))}
        />
      ))}
      <button
        type="button"
        className="sp-button"
        disabled={drafts.length >= MAX_COOKIES}
        onClick={() =>
          change([
            ...drafts,
            {
              ...fromCookie({ name: `cookie${drafts.length + 1}`, value: '1', path: '/' }),
              sameSite: 'Lax',
            },
          ])
        }
      >
        Add a cookie
      </button>
    </div>
  );
}
