import { useId } from 'react';
import { MAX_BODY_CHARS } from '../../../scenario/server-config.ts';
import { useStore } from '../../../stores/store.ts';

/** Whether a body goes with the request, and what it says. */
export function BodyField() {
  const hasBody = useStore((state) => state.draft.hasBody);
  const body = useStore((state) => state.draft.body);
  const updateDraft = useStore((state) => state.updateDraft);
  const id = useId();

  return (
    <div className="rb-body">
      <label className="choice">
        <input
          type="checkbox"
          checked={hasBody}
          onChange={(event) => updateDraft({ hasBody: event.target.checked })}
        />
        <span>Send a body</span>
      </label>
      <label htmlFor={id} className="visually-hidden">
        Body
      </label>
      <textarea
        id={id}
        className="rb-input rb-mono rb-textarea"
        value={body}
        disabled={!hasBody}
        maxLength={MAX_BODY_CHARS}
        rows={3}
        placeholder={hasBody ? '{"hello": "world"}' : 'No body: tick “Send a body”'}
        onChange={(event) => updateDraft({ body: event.target.value })}
        spellCheck={false}
      />
    </div>
  );
}
