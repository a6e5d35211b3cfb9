import { useId, useMemo } from 'react';
import { RESPONSE_NAMES, securityLints } from '../../../scenario/security-lints.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useStore } from '../../../stores/store.ts';
import '../security-warnings.css';

/** The risks the server config carries, each with the attack it opens. */
export function SecurityWarnings({ config }: { config: ServerConfig | undefined }) {
  // Per tab, as the rest of the tab's work: a reload keeps the mark.
  const sensitive = useStore((state) => state.privateData);
  const setSensitive = useStore((state) => state.setPrivateData);
  const headingId = useId();
  const lints = useMemo(
    () => (config === undefined ? [] : securityLints(config, { sensitive })),
    [config, sensitive],
  );
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
          onChange={(event) => setSensitive(event.target.checked)}
        />
        <span>The response carries private data</span>
      </label>
    </section>
  );
}
