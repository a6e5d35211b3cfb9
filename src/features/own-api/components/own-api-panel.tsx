import { useId, useMemo, useState } from 'react';
import { HeaderList } from '../../../components/header-list.tsx';
import { RichText } from '../../../components/rich-text.tsx';
import { SpecLink } from '../../../components/spec-link.tsx';
import { WhyAndFix } from '../../../components/why-and-fix.tsx';
import { STAGE_WORDS } from '../../../cors/errors.ts';
import { api } from '../../../lib/api-client.ts';
import { pageBrowser } from '../../../lib/page-browser.ts';
import { runFetch } from '../../../scenario/run-fetch.ts';
import type { RepeatRequest, RepeatResult, SessionInfo } from '../../../scenario/control-api.ts';
import { jsOutcomeText } from '../../../scenario/js-outcome.ts';
import type { Judgement } from '../../../scenario/judge.ts';
import { absoluteUrlProblem, fetchInit, type UrlDraft } from '../../../scenario/request-draft.ts';
import { isPreflightEntry } from '../../../scenario/wire-hops.ts';
import type { Verdict } from '../../../cors/evaluate.ts';
import { pendingWords, redirectWords } from '../lib/answer-words.ts';
import { allowedOtherOrigin, runnerScenario } from '../lib/frontend-origin.ts';
import {
  judgeRepeat,
  originSent,
  repeatExchange,
  type BrowserSide,
  type NodeSide,
} from '../lib/repeat-exchange.ts';
import '../own-api.css';

/** A request the page can make to any server: what the form holds. */
interface OwnRequest {
  url: string;
  method: string;
  /** `Name: value`, one header a line. */
  headers: string;
  /** Empty: no body. */
  body: string;
  credentials: UrlDraft['credentials'];
}

const EMPTY: OwnRequest = {
  url: '',
  method: 'GET',
  headers: '',
  body: '',
  credentials: 'same-origin',
};

/** The form as a draft, or what is wrong with it. */
function draftOf(form: OwnRequest): UrlDraft | { problem: string } {
  const url = form.url.trim();
  const problem = absoluteUrlProblem(url);
  if (problem !== undefined) return { problem: `The URL ${problem}.` };
  const headers: [string, string][] = [];
  for (const line of form.headers.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      return { problem: `The header line "${line}" has no "Name:" before its value.` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return {
    url,
    method: form.method.trim() === '' ? 'GET' : form.method.trim(),
    headers,
    ...(form.body === '' ? {} : { body: form.body }),
    mode: 'cors',
    credentials: form.credentials,
    redirect: 'follow',
    cache: 'default',
  };
}

const repeatFromNode =
  (session: SessionInfo) =>
  (request: RepeatRequest): Promise<RepeatResult> =>
    api<RepeatResult>(`/sessions/${encodeURIComponent(session.id)}/repeat`, {
      method: 'POST',
      body: request,
    });

/** One request as Node sent it and the answer it got, every line. */
function NodeAnswer({
  result,
  side,
  verdict,
}: {
  result: RepeatResult;
  side: BrowserSide;
  verdict: Verdict;
}) {
  const { request, response } = result.entry;
  const redirect = redirectWords(result, side.draft.url, side.pageOrigin, verdict);
  return (
    <div className="own-api-answer">
      <HeaderList
        label={`Request Node sent: ${request.method}`}
        startLine={`${request.method} ${request.target} HTTP/1.1`}
        headers={request.headers}
      />
      <HeaderList
        label={`Response Node got to ${request.method}`}
        startLine={`${response.status} ${response.reason}`}
        headers={response.headers}
      />
      {result.body !== '' && (
        <pre
          className="code"
          aria-label={`Body Node got to ${request.method}`}
          // It scrolls when long, so the keyboard must reach it.
          tabIndex={0}
        >
          {result.body.slice(0, 2000)}
          {result.body.length > 2000 || result.cut ? '\n… (cut)' : ''}
        </pre>
      )}
      {redirect !== undefined && <p className="hint">{redirect}</p>}
    </div>
  );
}

/** The model, reading Node's answers: the same words as a result on the playground's target. */
function ModelView({
  judgement,
  pageOrigin,
  draft,
}: {
  judgement: Judgement;
  pageOrigin: string;
  draft: UrlDraft;
}) {
  const { verdict, explanation, disagreements } = judgement;
  const frontend = allowedOtherOrigin(verdict);
  return (
    <section aria-label="The model, from Node's answer" className="verdict">
      <h3>The model, from Node&apos;s answer</h3>
      <p className="verdict-headline">
        <RichText text={explanation.headline} />
      </p>
      {verdict.outcome === 'blocked' && (
        <p>
          Failing check: <code>{verdict.failure.corsError}</code> ({STAGE_WORDS[verdict.stage]})
          {verdict.failure.failedParameter !== '' && (
            <>
              , value <code>{verdict.failure.failedParameter}</code>
            </>
          )}
        </p>
      )}
      <WhyAndFix why={explanation.why} fix={explanation.fix} />
      {explanation.step !== undefined && <SpecLink step={explanation.step} />}
      {disagreements.length === 0 ? (
        <p className="badge agree" role="note" aria-label="Agreement">
          ✓ Read from Node&apos;s answer, the model agrees with what the browser did.
        </p>
      ) : (
        <div className="badge disagree" role="alert" aria-label="Agreement">
          <p>
            ✗ Read from Node&apos;s answer, the model disagrees with what the browser did. Your
            server may answer the browser differently (its cookies, a cached preflight, a proxy in
            between, or an answer that changed since):
          </p>
          <ul>
            {disagreements.map((difference) => (
              <li key={difference}>{difference}</li>
            ))}
          </ul>
        </div>
      )}
      {frontend !== undefined && (
        <FrontendOnly frontend={frontend} pageOrigin={pageOrigin} draft={draft} />
      )}
    </section>
  );
}

/** The server allows only its real frontend: two ways to test it as it is. */
function FrontendOnly({
  frontend,
  pageOrigin,
  draft,
}: {
  frontend: string;
  pageOrigin: string;
  draft: UrlDraft;
}) {
  return (
    <div className="card">
      <p>
        Your server allows <code>{frontend}</code>, probably your real frontend, and this page runs
        on <code>{pageOrigin}</code>. Two ways to test the request as your frontend makes it:
      </p>
      <ul>
        <li>
          Play it in the runner, which serves its page at any origin, so your server sees{' '}
          <code>Origin: {frontend}</code>: save this as <code>api.scenario.json</code> and run{' '}
          <code>npx cors-playground run api.scenario.json</code>.
          <pre className="code" aria-label="Scenario file for the runner" tabIndex={0}>
            {JSON.stringify(runnerScenario(draft, frontend), null, 2)}
          </pre>
        </li>
        <li>
          Or add <code>{pageOrigin}</code> to your server&apos;s allowed origins while you test here
          (and take it out after: every origin on that list can read your API&apos;s responses, with
          your users&apos; cookies when credentials are allowed).
        </li>
      </ul>
    </div>
  );
}

type Run =
  | { state: 'sending' }
  | { state: 'repeating'; side: BrowserSide }
  | { state: 'done'; side: BrowserSide; node: NodeSide }
  | { state: 'unreachable'; side: BrowserSide; message: string };

/**
 * "Your own API": a real fetch() from this page to any URL, then the same exchange repeated
 * from Node, since the browser hides a blocked answer from the page, side by side.
 */
export function OwnApiPanel({
  session,
  initial,
}: {
  session: SessionInfo;
  initial?: UrlDraft | undefined;
}) {
  const pageOrigin = window.location.origin;
  const [form, setForm] = useState<OwnRequest>(() =>
    initial === undefined
      ? EMPTY
      : {
          url: initial.url,
          method: initial.method,
          headers: initial.headers.map(([name, value]) => `${name}: ${value}`).join('\n'),
          body: initial.body ?? '',
          credentials: initial.credentials,
        },
  );
  const [run, setRun] = useState<Run | undefined>(undefined);
  const draft = useMemo(() => draftOf(form), [form]);
  const ids = {
    url: useId(),
    method: useId(),
    headers: useId(),
    body: useId(),
    credentials: useId(),
  };
  const repeat = repeatFromNode(session);

  const nodeSide = async (side: BrowserSide, unsafeToo: boolean) => {
    setRun({ state: 'repeating', side });
    try {
      setRun({ state: 'done', side, node: await repeatExchange(side, repeat, unsafeToo) });
    } catch (error) {
      setRun({ state: 'unreachable', side, message: (error as Error).message });
    }
  };
  const send = async () => {
    if ('problem' in draft) return;
    setRun({ state: 'sending' });
    const sentAt = Date.now();
    const started = performance.now();
    const js = await runFetch({ url: draft.url, init: fetchInit(draft) });
    const durationMs = performance.now() - started;
    await nodeSide(
      { draft, pageOrigin, browser: pageBrowser().profile, sentAt, durationMs, js },
      false,
    );
  };
  const update = (patch: Partial<OwnRequest>) => setForm((old) => ({ ...old, ...patch }));
  const target = 'problem' in draft ? undefined : new URL(draft.url).origin;
  const origin =
    'problem' in draft
      ? pageOrigin
      : originSent({ draft, pageOrigin, browser: pageBrowser().profile });
  const judgement = run?.state === 'done' ? judgeRepeat(run.side, run.node) : undefined;

  return (
    <section aria-labelledby="own-api-heading" className="panel own-api">
      <h2 id="own-api-heading">Your own API</h2>
      <p className="hint">
        A real <code>fetch()</code> from this page to any URL, such as your API on{' '}
        <code>http://localhost:3000</code>; then the playground server sends the same request from
        Node, where CORS does not apply, to show what your server answered.
      </p>
      <div className="own-api-form">
        <label htmlFor={ids.url}>URL</label>
        <input
          id={ids.url}
          type="url"
          placeholder="http://localhost:3000/api/items"
          value={form.url}
          onChange={(event) => update({ url: event.target.value })}
        />
        <label htmlFor={ids.method}>Method</label>
        <input
          id={ids.method}
          value={form.method}
          onChange={(event) => update({ method: event.target.value })}
        />
        <label htmlFor={ids.headers}>Headers (Name: value, one a line)</label>
        <textarea
          id={ids.headers}
          rows={2}
          value={form.headers}
          onChange={(event) => update({ headers: event.target.value })}
        />
        <label htmlFor={ids.body}>Body (empty: none)</label>
        <textarea
          id={ids.body}
          rows={2}
          value={form.body}
          onChange={(event) => update({ body: event.target.value })}
        />
        <label htmlFor={ids.credentials}>Credentials</label>
        <select
          id={ids.credentials}
          value={form.credentials}
          onChange={(event) =>
            update({ credentials: event.target.value as UrlDraft['credentials'] })
          }
        >
          <option value="omit">omit</option>
          <option value="same-origin">same-origin</option>
          <option value="include">include (send cookies)</option>
        </select>
      </div>
      <dl className="facts" aria-label="Origins">
        <dt>The page runs on</dt>
        <dd>
          <code>{pageOrigin}</code>, the playground&apos;s origin, not your frontend&apos;s
        </dd>
        <dt>Your server will see</dt>
        <dd>
          {origin === undefined ? (
            'no Origin line: the browser sends none for a same-origin GET or HEAD'
          ) : (
            <code>Origin: {origin}</code>
          )}
          {target !== undefined && target === pageOrigin && ' (same origin: no CORS at all)'}
        </dd>
      </dl>
      {form.url !== '' && 'problem' in draft && (
        <p role="alert" className="error">
          {draft.problem}
        </p>
      )}
      <button
        type="button"
        onClick={() => void send()}
        disabled={'problem' in draft || run?.state === 'sending' || run?.state === 'repeating'}
      >
        Send to your server
      </button>
      <div role="status" className="hint">
        {run?.state === 'sending' && 'Sending from the page…'}
        {run?.state === 'repeating' && 'Repeating it from the server…'}
      </div>
      {run !== undefined && run.state !== 'sending' && (
        <div className="side-by-side own-api-result">
          <section aria-label="In the browser" className="side">
            <h3>In the browser</h3>
            <p>
              <code>{jsOutcomeText(run.side.js)}</code>
            </p>
            {run.side.js.kind === 'resolved' ? (
              <HeaderList
                label="Response headers JavaScript could read"
                headers={run.side.js.headers}
              />
            ) : (
              <p className="hint">
                JavaScript gets no status, no header and no body: the browser hides why. The answer
                beside it is how your server answered the same request from Node.
              </p>
            )}
          </section>
          <section aria-label="As your server answered the same request from Node" className="side">
            <h3>As your server answered the same request from Node</h3>
            {run.state === 'repeating' && <p className="hint">Waiting for your server…</p>}
            {run.state === 'unreachable' && (
              <p role="alert" className="error">
                {run.message}
              </p>
            )}
            {run.state === 'done' &&
              judgement !== undefined &&
              run.node.results.map((result, index) => (
                <NodeAnswer
                  key={index}
                  result={result}
                  side={run.side}
                  verdict={judgement.verdict}
                />
              ))}
            {run.state === 'done' &&
              run.node.results.some(({ entry }) => isPreflightEntry(entry)) && (
                <p className="hint">
                  Node keeps no preflight cache, so it sends the preflight every time. The browser
                  may have answered it from its cache instead (5 s by default, longer with
                  Access-Control-Max-Age), without asking your server again.
                </p>
              )}
            {run.state === 'done' && run.node.pending !== undefined && (
              <p>
                {pendingWords(run.node.results, run.node.pending.method)}{' '}
                <button type="button" onClick={() => void nodeSide(run.side, true)}>
                  Repeat the {run.node.pending.method} from the server too
                </button>
              </p>
            )}
          </section>
        </div>
      )}
      {run?.state === 'done' && run.node.pending === undefined && judgement !== undefined && (
        <ModelView judgement={judgement} pageOrigin={pageOrigin} draft={run.side.draft} />
      )}
    </section>
  );
}
