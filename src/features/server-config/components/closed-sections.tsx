import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { CORS_FIELDS } from '../lib/config-edit.ts';
import { parseWholeNumber } from '../lib/header-text.ts';
import { BodyField } from './body-field.tsx';
import { CookiesEditor } from './cookies-editor.tsx';
import { CorsFieldControl } from './cors-field-control.tsx';
import { HeaderLinesField } from './header-lines-field.tsx';
import { PreflightHandlingField } from './preflight-handling-field.tsx';
import { RawResponseEditor } from './raw-response-editor.tsx';
import { RedirectsEditor } from './redirects-editor.tsx';
import { ValueTextField } from './value-text-field.tsx';

// The fields of the sections that start closed, in a chunk of their own (server-config-panel.tsx).

const QUICK_ADDS = [
  ['ETag', '"v1"'],
  ['Link', '</items?page=2>; rel="next"'],
  ['X-RateLimit-Remaining', '59'],
] as const;

export function PreflightFields() {
  return (
    <>
      <PreflightHandlingField />
      <h3 className="sp-subheading">CORS headers on the preflight only</h3>
      <p className="sp-hint">
        “Same as shared” takes the CORS headers section; “Not sent” leaves the header off the
        preflight alone.
      </p>
      {CORS_FIELDS.preflight.map((field) => (
        <CorsFieldControl key={field} scope="preflight" field={field} />
      ))}
      <HeaderLinesField kind="preflight" />
    </>
  );
}

export function ActualFields() {
  const { config, apply } = useConfigEditor();
  return (
    <>
      <ValueTextField
        label="Status"
        value={config.actual.status}
        format={String}
        parse={(text) => parseWholeNumber(text, 200, 999, 'The status')}
        onApply={(status) =>
          issuesAt(
            apply('Status', (draft) => {
              draft.actual.status = status;
            }),
            'actual.status',
          )
        }
        inputMode="numeric"
        hint="200 to 999 (a 1xx only in a raw response). A CORS check passes on any status; only ok statuses let JavaScript think all went well."
      />
      <BodyField />
      <h3 className="sp-subheading">CORS headers on the actual response only</h3>
      {CORS_FIELDS.actual.map((field) => (
        <CorsFieldControl key={field} scope="actual" field={field} />
      ))}
      <HeaderLinesField kind="actual" quickAdds={QUICK_ADDS} />
      <CookiesEditor />
      <RedirectsEditor />
      <ValueTextField
        label="Delay (ms)"
        value={config.actual.delayMs}
        format={String}
        parse={(text) => parseWholeNumber(text, 0, 30_000, 'The delay')}
        onApply={(delayMs) =>
          issuesAt(
            apply('Delay', (draft) => {
              draft.actual.delayMs = delayMs;
            }),
            'actual.delayMs',
          )
        }
        inputMode="numeric"
        hint="Wait this long before answering (0 to 30000)."
      />
    </>
  );
}

export function RawFields() {
  return (
    <>
      <p className="sp-hint">
        A raw response replaces the computed one entirely: the target writes this status line, these
        header lines exactly as typed (order, case and duplicates kept, nothing added, not even
        Content-Length) and this body. Use it for what no setting can express, such as two
        Access-Control-Allow-Origin lines.
      </p>
      <RawResponseEditor kind="preflight" />
      <RawResponseEditor kind="actual" />
    </>
  );
}
