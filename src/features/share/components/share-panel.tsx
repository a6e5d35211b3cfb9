import { useId, useState, type DragEvent } from 'react';
import { makeShareLink, MAX_SCENARIO_BYTES } from '../../../lib/share-link.ts';
import { scenarioOf, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useCurrentState } from '../../../stores/use-current-state.ts';
import { useImport } from '../hooks/use-import.ts';
import { useLastResult } from '../../../stores/use-last-result.ts';
import { download } from '../lib/download.ts';
import { RefusalText } from './issue-list.tsx';
import '../share.css';

const FILE_NAME = 'cors-playground.scenario.json';

type LinkState =
  { kind: 'made'; url: string; copied: boolean } | { kind: 'refused'; message: string };

/** A link to this page holding the current state, copied to the clipboard where allowed. */
function ShareLink({ current }: { current: PlaygroundState | undefined }) {
  const [link, setLink] = useState<LinkState | undefined>(undefined);
  const share = async () => {
    if (current === undefined) return;
    const made = await makeShareLink(current);
    if (!made.ok) return setLink({ kind: 'refused', message: made.problem.message });
    const url = `${location.origin}${location.pathname}${made.fragment}`;
    // The clipboard may be refused (a permission, an insecure origin): the box still has it.
    const copied = await navigator.clipboard.writeText(url).then(
      () => true,
      () => false,
    );
    setLink({ kind: 'made', url, copied });
  };
  return (
    <div className="share-part">
      <h3>Share</h3>
      <p className="hint">
        A link that holds this request and this server config. Whoever opens it gets them in a
        session of their own; nothing runs until they press Send.
      </p>
      <button type="button" onClick={() => void share()} disabled={current === undefined}>
        Copy share link
      </button>
      <div role="status" aria-label="Share link status">
        {link?.kind === 'made' && (
          <p className="hint">
            {link.copied ? 'Copied to the clipboard.' : 'Copy the link from the box.'}
          </p>
        )}
      </div>
      {link?.kind === 'made' && (
        <input
          className="share-link"
          type="text"
          readOnly
          aria-label="Share link"
          value={link.url}
          onFocus={(event) => event.target.select()}
        />
      )}
      {link?.kind === 'refused' && (
        <p role="alert" className="error">
          {link.message}
        </p>
      )}
    </div>
  );
}

/** The current state as a scenario file, with the last result as expectations if wanted. */
function Export({ current }: { current: PlaygroundState | undefined }) {
  const [withResult, setWithResult] = useState(false);
  const result = useLastResult(current);
  const reasonId = useId();
  const expect = 'expect' in result && withResult ? result.expect : undefined;
  const exportFile = () => {
    if (current === undefined) return;
    const { request } = current;
    const scenario = scenarioOf(current, `${request.method} ${request.path}`, expect);
    download(FILE_NAME, `${JSON.stringify(scenario, null, 2)}\n`, 'application/json');
  };
  return (
    <div className="share-part">
      <h3>Export</h3>
      <p className="hint">
        A scenario file, the format <code>npx cors-playground run</code> plays.
      </p>
      <label className="choice">
        <input
          type="checkbox"
          checked={'expect' in result && withResult}
          disabled={'refusal' in result}
          aria-describedby={'refusal' in result ? reasonId : undefined}
          onChange={(event) => setWithResult(event.target.checked)}
        />
        <span>With the last result as expectations</span>
      </label>
      {'refusal' in result && (
        <p id={reasonId} className="hint">
          Not available: {result.refusal}.
        </p>
      )}
      <button type="button" onClick={exportFile} disabled={current === undefined}>
        Export scenario file
      </button>
    </div>
  );
}

/** A scenario file by picker, drop or paste, or a pasted share link. */
function Import({ onOpen }: { onOpen: (state: PlaygroundState) => Promise<void> }) {
  const { load, refuse, notice, busy } = useImport(onOpen);
  const [pasted, setPasted] = useState('');
  const [dragging, setDragging] = useState(false);

  const loadFile = async (file: File | undefined) => {
    if (file === undefined) return;
    if (file.size > MAX_SCENARIO_BYTES) {
      return refuse(
        `${file.name} has ${file.size} bytes; a scenario file may have at most ${MAX_SCENARIO_BYTES}.`,
      );
    }
    await load(await file.text(), file.name);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void loadFile(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={dragging ? 'share-part drop-zone dragging' : 'share-part drop-zone'}
      onDragOver={(event) => {
        // Accepting the drag is what makes the drop land here rather than open the file.
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h3>Import</h3>
      <p className="hint">
        A scenario file (pick one, or drop it here), or a scenario or share link pasted below. It
        opens in a new session; nothing is sent.
      </p>
      <label className="control">
        <span>Scenario file</span>
        <input
          type="file"
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => {
            void loadFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </label>
      <label className="control">
        <span>Scenario or share link</span>
        <textarea
          className="code"
          rows={3}
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
        />
      </label>
      <button
        type="button"
        disabled={busy || pasted.trim() === ''}
        onClick={() => void load(pasted, 'the pasted text')}
      >
        Load
      </button>
      <div role="status" aria-label="Import status">
        {notice?.kind === 'loaded' && <p>{notice.message}</p>}
      </div>
      {notice?.kind === 'refused' && (
        <div role="alert" className="error">
          <RefusalText message={notice.message} issues={notice.issues} />
        </div>
      )}
    </div>
  );
}

/** Share the current state as a link, export it as a scenario file, or import one. */
export function SharePanel({
  config,
  onOpen,
}: {
  /** The server's config as the panel shows it; undefined while it loads. */
  config: ServerConfig | undefined;
  onOpen: (state: PlaygroundState) => Promise<void>;
}) {
  const current = useCurrentState(config);
  return (
    <section aria-labelledby="share-heading" className="panel share-panel">
      <h2 id="share-heading">Share and keep</h2>
      <div className="share-parts">
        <ShareLink current={current} />
        <Export current={current} />
        <Import onOpen={onOpen} />
      </div>
    </section>
  );
}
