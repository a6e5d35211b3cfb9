import { useId, useState } from 'react';
import {
  IMPORT_LIBRARIES,
  importCorsOptions,
  type ImportLibrary,
  type ImportProblem,
} from '../../../scenario/importers/cors-options.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';

type Outcome =
  | { kind: 'loaded'; library: ImportLibrary; notes: string[] }
  | { kind: 'refused'; problems: ImportProblem[] }
  | { kind: 'failed'; message: string };

/**
 * A CORS middleware's options, pasted as JSON or as written in code, loaded as the server
 * config with the library's own defaults; nothing in the text is run.
 */
export function ImportOptions({ onImport }: { onImport: (config: ServerConfig) => Promise<void> }) {
  const [library, setLibrary] = useState<ImportLibrary>('express');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const id = useId();
  const load = async () => {
    const imported = importCorsOptions(library, text);
    if (!imported.ok) return setOutcome({ kind: 'refused', problems: imported.problems });
    try {
      await onImport(imported.config);
      setOutcome({ kind: 'loaded', library, notes: imported.notes });
    } catch (error) {
      setOutcome({ kind: 'failed', message: (error as Error).message });
    }
  };
  return (
    <details className="import-options">
      <summary>Load what your server does today</summary>
      <p className="hint">
        Paste the options your CORS middleware takes, as JSON or as in your code (
        <code>cors({'{ origin: [...] }'})</code>); left out, an option takes the library&apos;s
        default. Loading opens a new session with that server config; nothing is sent.
      </p>
      <label>
        Library
        <select
          value={library}
          onChange={(event) => setLibrary(event.target.value as ImportLibrary)}
        >
          {Object.entries(IMPORT_LIBRARIES).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Options
        <textarea
          rows={5}
          value={text}
          spellCheck={false}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={`${id}-outcome`}
        />
      </label>
      <button type="button" onClick={() => void load()}>
        Load as the server config
      </button>
      <div id={`${id}-outcome`}>
        {outcome?.kind === 'loaded' && (
          <div role="status" aria-label="Loading the options">
            <p>Loaded: the server now answers as {IMPORT_LIBRARIES[outcome.library]} would.</p>
            {outcome.notes.length > 0 && (
              <ul className="hint">
                {outcome.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        {outcome?.kind === 'refused' && (
          <div role="alert">
            <p className="error">Nothing was loaded:</p>
            <ul>
              {outcome.problems.map((problem) => (
                <li key={`${problem.path}: ${problem.message}`}>
                  <code>{problem.path}</code> {problem.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {outcome?.kind === 'failed' && (
          <p role="alert" className="error">
            Nothing was loaded: {outcome.message}
          </p>
        )}
      </div>
    </details>
  );
}
