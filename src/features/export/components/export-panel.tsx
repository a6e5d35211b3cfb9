import { useId, useState, type KeyboardEvent } from 'react';
import {
  EXPORT_TARGETS,
  EXPORTERS,
  type ExportTarget,
} from '../../../scenario/exporters/exporters.ts';
import { securityLints } from '../../../scenario/security-lints.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { ImportOptions } from './import-options.tsx';
import '../export.css';

const DEFAULT_SERVER_ORIGIN = 'http://localhost:3000';

/** The exported code with a Copy button, or exactly what the server cannot express. */
function ExportResultView({
  target,
  config,
  origins,
}: {
  target: ExportTarget;
  config: ServerConfig;
  origins: { page: string; server: string };
}) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const { title, file, exporter } = EXPORTERS[target];
  const result = exporter(config, origins);
  if (!result.ok) {
    return (
      <>
        <p>{title} cannot send what this config sends, so nothing is written:</p>
        <ul aria-label={`What ${title} cannot express`}>
          {result.problems.map((problem) => (
            <li key={problem.path}>
              <code>{problem.path}</code>: {problem.reason}
            </li>
          ))}
        </ul>
      </>
    );
  }
  // The same warnings the code carries as comments on top.
  const lints = securityLints(config);
  const copy = () =>
    navigator.clipboard.writeText(result.code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        Copy the {title} code
      </button>
      <span role="status" aria-label={`Copying the ${title} code`} className="hint">
        {copied === true && ' Copied.'}
        {copied === false && ' The clipboard was refused: select the code and copy it.'}
      </span>
      {lints.length > 0 && (
        <ul aria-label={`Security warnings in the ${title} code`} className="export-warnings">
          {lints.map((lint) => (
            <li key={lint.id}>
              <strong>{lint.warning}</strong> {lint.why}
            </li>
          ))}
        </ul>
      )}
      {result.notes.length > 0 && (
        <ul aria-label={`Where ${title} differs, unseen by browsers`} className="hint">
          {result.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <pre className="export-code" tabIndex={0} aria-label={`${title} code (${file})`}>
        <code>{result.code}</code>
      </pre>
    </>
  );
}

/**
 * The server config as code for Express, Fastify, Hono, node:http, nginx, Apache and Caddy,
 * one tab each, and the way back: a middleware's options loaded as the config.
 */
export function ExportPanel({
  config,
  pageOrigin,
  onImport,
}: {
  config: ServerConfig | undefined;
  /** What `{{origin}}` stands for until the user says otherwise: this page's origin. */
  pageOrigin: string;
  onImport: (config: ServerConfig) => Promise<void>;
}) {
  const [selected, setSelected] = useState<ExportTarget>('express');
  const [page, setPage] = useState(pageOrigin);
  const [server, setServer] = useState(DEFAULT_SERVER_ORIGIN);
  const id = useId();
  const tabId = (target: ExportTarget) => `${id}-tab-${target}`;
  // Arrow keys move between tabs, as the ARIA tabs pattern has it.
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const index = EXPORT_TARGETS.indexOf(selected);
    const next = EXPORT_TARGETS[(index + step + EXPORT_TARGETS.length) % EXPORT_TARGETS.length];
    if (next === undefined) return;
    setSelected(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="panel export-panel">
      <h2 id={`${id}-heading`}>Your own server</h2>
      <p className="hint">
        This server config as code to paste into your server. Where a server cannot send what the
        config sends, it says why instead of writing something else.
      </p>
      <div className="export-origins">
        <label>
          Your page&apos;s origin (what {'{{origin}}'} stands for)
          <input type="url" value={page} onChange={(event) => setPage(event.target.value)} />
        </label>
        <label>
          Your server&apos;s origin (where it listens; {'{{target}}'})
          <input type="url" value={server} onChange={(event) => setServer(event.target.value)} />
        </label>
      </div>
      <div role="tablist" aria-label="Servers" className="export-tabs" onKeyDown={onKeyDown}>
        {EXPORT_TARGETS.map((target) => (
          <button
            key={target}
            type="button"
            role="tab"
            id={tabId(target)}
            aria-selected={target === selected}
            aria-controls={`${id}-panel`}
            tabIndex={target === selected ? 0 : -1}
            onClick={() => setSelected(target)}
          >
            {EXPORTERS[target].title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={tabId(selected)}>
        {config === undefined ? (
          <p className="hint">Loading the server config…</p>
        ) : (
          <ExportResultView
            key={selected}
            target={selected}
            config={config}
            origins={{ page, server }}
          />
        )}
      </div>
      <ImportOptions onImport={onImport} />
    </section>
  );
}
