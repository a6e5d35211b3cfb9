import { useId, useMemo, useState } from 'react';
import { securityLints } from '../../../scenario/security-lints.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import '../security-warnings.css';

const RESPONSE_NAMES = { preflight: 'the preflight', actual: 'the actual response' } as const;

// Per tab, as the rest of the tab's work: a reload keeps the mark.
const SENSITIVE_KEY = 'cors-playground.sensitive';

/** The risks the server config carries, each with the attack it opens. */
export function SecurityWarnings({ config }: { config: ServerConfig | undefined }) {
  const [sensitive, setSensitive] = useState(() => sessionStorage.getItem(SENSITIVE_KEY) === '1');
  const headingId = useId();
  const lints = useMemo(
    () => (config === undefined ? [] : securityLints(config, { sensitive })),
    [config, sensitive],
  );
  const mark = (on: boolean) => {
    setSensitive(on);
    sessionStorage.setItem(SENSITIVE_KEY, on ? '1' : '0');
  };
  return (
    <section
      aria-labelledby={headingId}
      className={lints.length > 0 ? 'panel security-warnings risky' : 'panel security-warnings'}
    >
      <h2 id={headingId}>Security warnings</h2>
      {lints.length === 0 ? (
        <p className="hint">None for this server config.</p>
      ) : (
        <ul>
          {lints.map((lint) => (
            <li key={lint.id}>
              <strong>{lint.warning}</strong>{' '}
              <span className="hint">(on {RESPONSE_NAMES[lint.response]})</span> {lint.why}
            </li>
          ))}
        </ul>
      )}
      <label className="choice">
        <input
          type="checkbox"
          checked={sensitive}
          onChange={(event) => mark(event.target.checked)}
        />
        <span>The response carries private data</span>
      </label>
    </section>
  );
}
