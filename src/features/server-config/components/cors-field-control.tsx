import type { Cors } from '../../../scenario/server-config.ts';
import { issuesAt, useConfigEditor } from '../hooks/config-editor.ts';
import { overrideChoices, ownChoices, sharedChoices, type Choice } from '../lib/choices.ts';
import {
  corsPath,
  corsValue,
  HEADER_NAMES,
  setCorsValue,
  type CorsScope,
} from '../lib/config-edit.ts';
import { sharedHint } from '../lib/shared-hint.ts';
import { SelectChoiceField } from './select-choice-field.tsx';

const HINTS: Partial<Record<keyof Cors, string>> = {
  vary: 'Auto adds Vary: Origin when the answer depends on the Origin (reflect, allow-list), and Vary: Access-Control-Request-Headers when those are reflected. Off never does: a classic caching bug.',
};

/** One CORS header, shared or overridden for one response; applies at once. */
export function CorsFieldControl({ scope, field }: { scope: CorsScope; field: keyof Cors }) {
  const { config, pageOrigin, apply } = useConfigEditor();
  const own: readonly Choice<unknown>[] = ownChoices(pageOrigin)[field];
  let choices: Choice<unknown>[];
  let value = corsValue(config, scope, field);
  if (scope !== 'shared') {
    choices = overrideChoices(own, { nullable: field !== 'vary' });
  } else if (field === 'vary') {
    // Vary is never "not sent" as a setting: left out, it is auto.
    choices = [...own];
    value ??= 'auto';
  } else {
    choices = sharedChoices(own);
  }
  const header = HEADER_NAMES[field];
  const what = scope === 'shared' ? header : `${header} (${scope} override)`;
  let hint = scope === 'shared' ? HINTS[field] : undefined;
  if (scope !== 'shared' && value === undefined) {
    hint = sharedHint(config, scope, field);
  }
  return (
    <SelectChoiceField
      label={header}
      value={value}
      choices={choices}
      hint={hint}
      notSent={scope === 'shared' ? undefined : null}
      onApply={(next) =>
        issuesAt(
          apply(what, (draft) => setCorsValue(draft, scope, field, next)),
          corsPath(scope, field),
        )
      }
    />
  );
}
