import { useId } from 'react';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { RequestTarget } from '../../../scenario/request-draft.ts';
import { useStore } from '../../../stores/store.ts';
import { originRelation } from '../lib/origin-relation.ts';
import { targetBase } from '../../../scenario/request-url.ts';

const TARGETS: { value: RequestTarget; label: string }[] = [
  { value: 'sameSite', label: 'Same-site (another port)' },
  { value: 'crossSite', label: 'Cross-site (127.0.0.1)' },
  { value: 'second', label: 'Second origin' },
  { value: 'sameOrigin', label: 'Same origin (the app)' },
];

interface TargetFieldProps {
  session: SessionInfo;
  pageOrigin: string;
}

/** Where the request goes, and how that origin relates to the page's. */
export function TargetField({ session, pageOrigin }: TargetFieldProps) {
  const target = useStore((state) => state.draft.target);
  const updateDraft = useStore((state) => state.updateDraft);
  const name = useId();
  const targetOrigin = new URL(targetBase(session, target)).origin;

  return (
    <div className="rb-target">
      <fieldset className="control rb-target-choices">
        <legend>Target</legend>
        {TARGETS.map((option) => {
          const origin = new URL(targetBase(session, option.value)).origin;
          return (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={target === option.value}
                onChange={() => updateDraft({ target: option.value })}
              />
              <span>
                {option.label} <code className="rb-muted">{origin}</code>
              </span>
            </label>
          );
        })}
      </fieldset>
      <dl className="facts rb-origins">
        <dt>Page origin</dt>
        <dd>
          <code aria-label="Page origin">{pageOrigin}</code>
        </dd>
        <dt>Target origin</dt>
        <dd>
          <code aria-label="Target origin">{targetOrigin}</code>{' '}
          <span className="rb-relation">({originRelation(pageOrigin, targetOrigin)})</span>
        </dd>
      </dl>
      <p className="hint">
        Your own server? Send to any URL in{' '}
        {/* Features meet only through the URL: the panel is another feature's. */}
        <a href="#own-api-heading">Your own API</a>, at the end of the page.
      </p>
    </div>
  );
}
