import { useMemo } from 'react';
import { securityLints } from '../../../scenario/security-lints.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { requestDraftOf } from '../../../stores/request-draft-slice.ts';
import { useStore } from '../../../stores/store.ts';
import '../security-warnings.css';

const RESPONSE_NAMES = { preflight: 'the preflight', actual: 'the actual response' } as const;

/** The risks the server config carries, each with the attack it opens; nothing when none. */
export function SecurityWarnings({ config }: { config: ServerConfig | undefined }) {
  const draft = useStore((state) => state.draft);
  const lints = useMemo(
    () => (config === undefined ? [] : securityLints(config, requestDraftOf(draft))),
    [config, draft],
  );
  if (lints.length === 0) return null;
  return (
    <section aria-labelledby="security-warnings-heading" className="panel security-warnings">
      <h2 id="security-warnings-heading">Security warnings</h2>
      <ul>
        {lints.map((lint) => (
          <li key={lint.id}>
            <strong>{lint.warning}</strong>{' '}
            <span className="hint">(on {RESPONSE_NAMES[lint.response]})</span> {lint.why}
          </li>
        ))}
      </ul>
    </section>
  );
}
