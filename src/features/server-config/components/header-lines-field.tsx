import { useId, useRef, useState } from 'react';
import type { HeaderLines } from '../../../scenario/cors-headers.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { useDraft } from '../hooks/use-draft.ts';
import { formatHeaderLines, parseHeaderLines } from '../lib/header-text.ts';
import { keyOf } from '../lib/parsed.ts';
import { PlaceholderMenu } from './placeholder-menu.tsx';
import { TextField } from './text-field.tsx';

interface HeaderLinesFieldProps {
  /** Which response's extra lines. */
  kind: 'preflight' | 'actual';
  /** One-click lines to append, e.g. ETag. */
  quickAdds?: readonly (readonly [name: string, value: string])[];
}

/** More header lines for one response, written after its CORS lines, one per line. */
export function HeaderLinesField({ kind, quickAdds = [] }: HeaderLinesFieldProps) {
  const { config, apply } = useConfigEditor();
  const value = config[kind].headers;
  const [text, setText] = useDraft({
    value,
    fromValue: formatHeaderLines,
    toValue: parseHeaderLines,
  });
  const [refused, setRefused] = useState<readonly string[]>([]);
  const quickId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const parsed = parseHeaderLines(text);
  let error: string | undefined;
  if (!parsed.ok) error = Object.values(parsed.errors).join(' ');
  else if (refused.length > 0) error = refused.join(' ');

  const change = (next: string) => {
    setText(next);
    const read = parseHeaderLines(next);
    if (!read.ok) setRefused([]);
    else if (keyOf(read.value) !== keyOf(value)) {
      const lines: HeaderLines = read.value;
      setRefused(
        issuesAt(
          apply(`Extra ${kind} header lines`, (draft) => {
            draft[kind].headers = lines;
          }),
          `${kind}.headers`,
        ),
      );
    }
  };

  return (
    <div className="sp-field">
      <TextField
        label="Extra header lines"
        value={text}
        onChange={change}
        error={error}
        rows={3}
        textareaRef={textarea}
        placeholder={kind === 'preflight' ? 'Cache-Control: no-store' : 'ETag: "v1"'}
        hint="One per line, as Name: value, written after the CORS lines in this order. {{origin}} is the page's origin."
      />
      <PlaceholderMenu field={textarea} text={text} onChange={change} />
      {quickAdds.length > 0 && (
        <div role="group" aria-labelledby={quickId} className="sp-quick">
          <span id={quickId} className="sp-hint">
            Quick adds:
          </span>
          {quickAdds.map(([name, lineValue]) => (
            <button
              key={name}
              type="button"
              className="sp-button sp-small"
              onClick={() => {
                const before = text.replace(/\s+$/, '');
                const line = `${name}: ${lineValue}`;
                change(before === '' ? line : `${before}\n${line}`);
              }}
            >
              {`Add ${name}`}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
