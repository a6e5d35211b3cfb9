import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { HeaderList } from '../../../components/header-list.tsx';
import type { ServerSendResult, SessionInfo } from '../../../scenario/control-api.ts';
import { curlCommand } from '../../../scenario/curl.ts';
import type { ExchangeRecord } from '../../../scenario/exchange.ts';
import { jsOutcomeText } from '../../../scenario/js-outcome.ts';
import { judgeOnce } from '../../../scenario/judge.ts';
import {
  browserRequests,
  type BrowserRequest,
  type OutgoingRequest,
} from '../../../scenario/outgoing-request.ts';
import { shownExchange } from '../../../stores/exchange-history-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { sendFromServer } from '../api/send-from-server.ts';
import { serverSendOf } from '../lib/server-send-of.ts';
import '../without-browser.css';

/** The preflight and the request, each under the name the panel gives it. */
type Part = { name: 'preflight' | 'request'; title: string; sent: BrowserRequest };

function partsOf(exchange: ExchangeRecord): Part[] {
  const { preflight, actual } = browserRequests(exchange, judgeOnce(exchange).verdict);
  const parts: Part[] = [];
  if (preflight !== undefined)
    parts.push({ name: 'preflight', title: 'The preflight', sent: preflight });
  if (actual !== undefined) parts.push({ name: 'request', title: 'The request', sent: actual });
  return parts;
}

/** One request as a curl command, with a button that copies it. */
function CurlCommand({ part }: { part: Part }) {
  const [copied, setCopied] = useState<boolean | undefined>(undefined);
  const command = curlCommand(part.sent.request);
  const copy = () =>
    navigator.clipboard.writeText(command).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="curl-command">
      <p>
        <strong>{part.title}</strong>,{' '}
        {part.sent.source === 'sent'
          ? 'exactly as the browser sent it'
          : 'as the browser would have sent it: it did not send this one (its CORS lines; the browser adds its usual ones)'}
        :
      </p>
      <pre className="code" aria-label={`${part.title} as curl`}>
        {command}
      </pre>
      <button type="button" onClick={() => void copy()}>
        Copy the {part.name} as curl
      </button>{' '}
      <span role="status" aria-label={`Copying the ${part.name}`} className="hint">
        {copied === true && 'Copied.'}
        {copied === false && 'The clipboard was refused: select the command and copy it.'}
      </span>
    </div>
  );
}

/** What Node received for one request, every line of it. */
function NodeResponse({ title, result }: { title: string; result: ServerSendResult }) {
  return (
    <div className="node-response">
      <h5>{title}</h5>
      <HeaderList
        label={`Response headers Node read for ${title.toLowerCase()}`}
        startLine={`${result.status} ${result.statusText}`}
        headers={result.headers}
      />
      <pre className="code node-body" aria-label={`Body Node read for ${title.toLowerCase()}`}>
        {result.body === '' ? '(empty body)' : result.body}
      </pre>
    </div>
  );
}

/** What JavaScript in the page got for the same request. */
function BrowserSide({ exchange }: { exchange: ExchangeRecord }) {
  const { js } = exchange;
  return (
    <section aria-label="In the browser" className="side">
      <h4>In the browser</h4>
      <p>
        <code>{jsOutcomeText(js)}</code>
      </p>
      {js.kind === 'resolved' ? (
        <HeaderList label="Response headers JavaScript could read" headers={js.headers} />
      ) : (
        <p className="hint">JavaScript got no response to read: no status, no header, no body.</p>
      )}
    </section>
  );
}

interface Sent {
  exchangeId: number;
  results: { title: string; result: ServerSendResult }[];
}

/**
 * The shown exchange without a browser: its preflight and request as curl commands, and sent
 * again from the playground server (Node), whose answer shows beside what the page's
 * JavaScript got. Only a browser enforces CORS: Node reads every answer whole.
 */
export function WithoutBrowserPanel({ session }: { session: SessionInfo }) {
  const exchange = useStore(shownExchange);
  const parts = useMemo(() => (exchange === undefined ? [] : partsOf(exchange)), [exchange]);
  const send = useMutation({
    mutationFn: async (shown: ExchangeRecord): Promise<Sent> => {
      const results: Sent['results'] = [];
      // One after the other, as the browser would; but Node sends the request whatever the
      // preflight's answer, since no CORS check applies outside a browser.
      for (const part of partsOf(shown)) {
        const request: OutgoingRequest = part.sent.request;
        results.push({
          title: part.title,
          result: await sendFromServer(session.id, serverSendOf(request, session)),
        });
      }
      return { exchangeId: shown.id, results };
    },
  });
  const sent = send.data?.exchangeId === exchange?.id ? send.data : undefined;

  return (
    <section aria-labelledby="without-browser-heading" className="panel without-browser">
      <h2 id="without-browser-heading">Without a browser</h2>
      <p className="hint">
        curl, webhooks, cron jobs and other servers never meet CORS: only a browser enforces it.
      </p>
      {exchange === undefined || parts.length === 0 ? (
        <p className="hint">
          {exchange === undefined
            ? 'Send a request first; then repeat it here as curl, or from the server.'
            : 'fetch() refused this request before sending anything, so there is nothing to repeat.'}
        </p>
      ) : (
        <>
          <h3>Copy as curl</h3>
          {parts.map((part) => (
            <CurlCommand key={`${exchange.id}-${part.name}`} part={part} />
          ))}
          <h3>Send from the server</h3>
          <p className="hint">
            The playground server sends{' '}
            {parts.length > 1 ? 'the preflight, then the request,' : 'the request'} from Node, as
            above, and shows every line it gets back beside what the page&apos;s JavaScript got.
            {exchange.draft.target === 'sameOrigin' &&
              " Node sends to the same-site target, whose routes answer alike: the page's own origin serves them to fetch() alone."}
          </p>
          <button type="button" onClick={() => send.mutate(exchange)} disabled={send.isPending}>
            {send.isPending ? 'Sending from the server…' : 'Send from the server'}
          </button>
          {send.isError && (
            <p role="alert" className="error">
              The server could not send it: {send.error.message}
            </p>
          )}
          {sent !== undefined && (
            <div className="side-by-side">
              <BrowserSide exchange={exchange} />
              <section aria-label="From the server" className="side">
                <h4>From the server (Node, no CORS)</h4>
                {sent.results.map(({ title, result }) => (
                  <NodeResponse key={title} title={title} result={result} />
                ))}
              </section>
            </div>
          )}
        </>
      )}
    </section>
  );
}
