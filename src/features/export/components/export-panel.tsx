import { useId, useState, type KeyboardEvent } from 'react';
import {
  EXPORT_TARGETS,
  EXPORTERS,
  type ExportTarget,
} from '../../../scenario/exporters/exporters.ts';
import { exportPlaywrightTest } from '../../../scenario/exporters/playwright-test.ts';
import type { ExportResult } from '../../../scenario/exporters/portable.ts';
import { scenarioOf } from '../../../scenario/scenario-file.ts';
import { parseScenario } from '../../../scenario/scenario.ts';
import { securityLints, type SecurityLint } from '../../../scenario/security-lints.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useCurrentState } from '../../../stores/use-current-state.ts';
import { useLastResult } from '../../../stores/use-last-result.ts';
import { ImportOptions } from './import-options.tsx';
import '../export.css';

const DEFAULT_SERVER_ORIGIN = 'http://localhost:3000';

/** The tab beside the servers': the test that pins the last result, as `--to playwright`. */
const PLAYWRIGHT = { title: 'Playwright test', file: 'pin-cors.spec.ts' } as const;

type Tab = ExportTarget | 'playwright';
const TABS: readonly Tab[] = [...EXPORT_TARGETS, 'playwright'];
const tabTitle = (tab: Tab): string =>
  tab === 'playwright' ? PLAYWRIGHT.title : EXPORTERS[tab].title;

/** The exported code with a Copy button, or exactly what the target cannot express. */
function CodeView({
  title,
  file,
  result,
  lints,
  refused = `${title} cannot send what this config sends, so nothing is written:`,
}: {
  title: string;
  file: string;
  result: ExportResult;
  /** What the list of problems follows, when there is no code. */
  refused?: string;
  /** The config's security warnings, which the code carries as comments on top. */
  lints: readonly SecurityLint[];
}) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  if (!result.ok) {
    return (
      <>
        <p>{refused}</p>
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

/** One server's code for the config, with the security warnings it carries. */
function ServerCode({
  target,
  config,
  origins,
}: {
  target: ExportTarget;
  config: ServerConfig;
  origins: { page: string; server: string };
}) {
  const { title, file, exporter } = EXPORTERS[target];
  return (
    <CodeView
      title={title}
      file={file}
      result={exporter(config, origins)}
      lints={securityLints(config)}
    />
  );
}

/**
 * The Playwright test that pins the last result on the project's fixture: this request
 * against this server, with what the last Send found as its expectations.
 */
function PlaywrightCode({ config }: { config: ServerConfig }) {
  const current = useCurrentState(config);
  const last = useLastResult(current);
  if (current === undefined) return null;
  if ('refusal' in last) {
    return (
      <p className="hint">
        The test pins the last result, which is not available: {last.refusal}. Press Send, then come
        back.
      </p>
    );
  }
  const { request } = current;
  const scenario = parseScenario(
    scenarioOf(current, `${request.method} ${request.path}`, last.expect),
  );
  const result: ExportResult = scenario.ok
    ? exportPlaywrightTest(scenario.value)
    : {
        ok: false,
        problems: scenario.issues.map((issue) => ({ path: issue.path, reason: issue.message })),
      };
  return (
    <CodeView
      {...PLAYWRIGHT}
      result={result}
      lints={[]}
      refused="A Playwright test cannot pin this, so nothing is written:"
    />
  );
}

/**
 * The server config as code for Express, Fastify, Hono, node:http, nginx, Apache and Caddy,
 * one tab each, a Playwright test pinning the last result, and the way back: a middleware's options loaded as the config.
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
  const [selected, setSelected] = useState<Tab>('express');
  const [page, setPage] = useState(pageOrigin);
  const [server, setServer] = useState(DEFAULT_SERVER_ORIGIN);
  const id = useId();
  const tabId = (target: Tab) => `${id}-tab-${target}`;
  // Arrow keys move between tabs, as the ARIA tabs pattern has it.
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const index = TABS.indexOf(selected);
    const next = TABS[(index + step + TABS.length) % TABS.length];
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
        {TABS.map((target) => (
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
            {tabTitle(target)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={tabId(selected)}>
        {config === undefined ? (
          <p className="hint">Loading the server config…</p>
        ) : selected === 'playwright' ? (
          <PlaywrightCode key={selected} config={config} />
        ) : (
          <ServerCode key={selected} target={selected} config={config} origins={{ page, server }} />
        )}
      </div>
      <ImportOptions onImport={onImport} />
    </section>
  );
}
