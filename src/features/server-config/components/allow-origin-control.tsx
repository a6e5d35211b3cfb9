import { useId } from 'react';
import { corsHeadersFor } from '../../../scenario/cors-headers.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { useChoiceField } from '../hooks/use-choice-field.ts';
import { notSentHint, ownChoices, sharedChoices } from '../lib/choices.ts';
import { setCorsValue } from '../lib/config-edit.ts';
import { TextField } from './text-field.tsx';

const HEADER = 'Access-Control-Allow-Origin';

/** One response's Access-Control-Allow-Origin line, or that there is none. */
function SentLine({ line }: { line: readonly [string, string] | undefined }) {
  if (line === undefined) return <em>no {HEADER} header</em>;
  return (
    <>
      <code>
        {line[0]}: {line[1]}
      </code>
      {line[1] === '' && ' (an empty value)'}
    </>
  );
}

/** The shared `Access-Control-Allow-Origin`, as radios: the first thing people change. */
export function AllowOriginControl() {
  const { config, pageOrigin, apply } = useConfigEditor();
  const hintId = useId();
  const name = useId();
  const field = useChoiceField({
    value: config.cors.allowOrigin,
    choices: sharedChoices(ownChoices(pageOrigin).allowOrigin),
    notSent: undefined,
    onApply: (value) =>
      issuesAt(
        apply(HEADER, (draft) => setCorsValue(draft, 'shared', 'allowOrigin', value)),
        'cors.allowOrigin',
      ),
  });
  // Each response may override the shared value: say what each one carries when they differ.
  const [preflight, actual] = (['preflight', 'actual'] as const).map((kind) =>
    corsHeadersFor(config, kind, { origin: pageOrigin }).find(
      ([header]) => header.toLowerCase() === HEADER.toLowerCase(),
    ),
  );
  const same = preflight?.[1] === actual?.[1];

  return (
    <fieldset className="control sp-control" aria-describedby={hintId}>
      <legend>{HEADER}</legend>
      {sharedChoices(ownChoices(pageOrigin).allowOrigin).map((choice) => (
        <div key={choice.key}>
          <label className="choice">
            <input
              type="radio"
              name={name}
              value={choice.key}
              checked={field.selectedKey === choice.key}
              onChange={() => field.select(choice.key)}
            />
            <span>
              {choice.label}{' '}
              {choice.kind === 'fixed' && choice.detail !== undefined && (
                <code>{choice.detail}</code>
              )}
            </span>
          </label>
          {choice.kind === 'text' && field.selectedKey === choice.key && (
            <div className="sp-nested">
              <TextField
                label={choice.inputLabel}
                value={field.texts[choice.key] ?? ''}
                onChange={(text) => field.editText(choice.key, text)}
                error={field.error}
                hint={field.notSent ? notSentHint(HEADER) : choice.hint}
                placeholder={choice.placeholder}
              />
            </div>
          )}
        </div>
      ))}
      {field.selected?.kind === 'fixed' && field.error !== undefined && (
        <p role="alert" className="sp-error">
          Not applied: {field.error}
        </p>
      )}
      <p id={hintId} className="hint">
        The target will send: <SentLine line={actual} />
        {!same && (
          <>
            {' '}
            on the actual response, and <SentLine line={preflight} /> on the preflight (an override
            applies)
          </>
        )}
      </p>
    </fieldset>
  );
}
