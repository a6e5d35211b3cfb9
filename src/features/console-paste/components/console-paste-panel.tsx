import { useId, useMemo, useState } from 'react';
import { RichText } from '../../../components/rich-text.tsx';
import { SpecLink } from '../../../components/spec-link.tsx';
import { WhyAndFix } from '../../../components/why-and-fix.tsx';
import { STAGE_WORDS } from '../../../cors/errors.ts';
import { targetOriginsOf } from '../../../lib/target-url.ts';
import type { SessionInfo } from '../../../scenario/control-api.ts';
import type { UrlDraft } from '../../../scenario/request-draft.ts';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import {
  ENGINE_NAMES,
  parseConsoleMessage,
  type ConsoleParse,
  type ConsoleReading,
} from '../lib/console-message.ts';
import { explainReading, UNNAMED_ORIGIN } from '../lib/explain-reading.ts';
import { reproduce, requestToOwnServer } from '../lib/reproduce.ts';
import '../console-paste.css';

/** What the message says, each fact only where it says it. */
function ReadingFacts({ reading }: { reading: ConsoleReading }) {
  const [first, ...others] = reading.corsErrors;
  return (
    <dl className="facts" aria-label="What the message says">
      <dt>Browser</dt>
      <dd>{ENGINE_NAMES[reading.engine]}</dd>
      <dt>URL</dt>
      <dd>{reading.url === undefined ? 'not named' : <code>{reading.url}</code>}</dd>
      {reading.redirectedFrom !== undefined && (
        <>
          <dt>Redirected from</dt>
          <dd>
            <code>{reading.redirectedFrom}</code>
          </dd>
        </>
      )}
      <dt>Page origin</dt>
      <dd>{reading.pageOrigin === undefined ? 'not named' : <code>{reading.pageOrigin}</code>}</dd>
      {reading.method !== undefined && (
        <>
          <dt>Method</dt>
          <dd>
            <code>{reading.method}</code>
          </dd>
        </>
      )}
      {reading.status !== undefined && (
        <>
          <dt>Status</dt>
          <dd>{reading.status}</dd>
        </>
      )}
      {first !== undefined && (
        <>
          <dt>Failing check</dt>
          <dd>
            <code>{first}</code>
            {others.length > 0 && (
              <>
                {' '}
                (or{' '}
                {others.map((code, index) => (
                  <span key={code}>
                    {index > 0 && ', '}
                    <code>{code}</code>
                  </span>
                ))}
                )
              </>
            )}
          </dd>
        </>
      )}
      {reading.failedParameter !== undefined && (
        <>
          <dt>Offending value</dt>
          <dd>
            <code>
              {reading.failedParameter === '' ? "'' (empty or absent)" : reading.failedParameter}
            </code>
          </dd>
        </>
      )}
    </dl>
  );
}

/** A recognised message: its facts, the model's explanation, and the request to replay it. */
function Recognised({
  reading,
  session,
  onOpen,
  onTryUrl,
}: {
  reading: ConsoleReading;
  session: SessionInfo;
  onOpen: (state: PlaygroundState) => Promise<void>;
  onTryUrl: (request: UrlDraft) => void;
}) {
  const [opened, setOpened] = useState<'opening' | 'opened' | Error | undefined>(undefined);
  const replay = useMemo(() => reproduce(reading), [reading]);
  const own = useMemo(() => requestToOwnServer(reading, replay), [reading, replay]);
  const [handed, setHanded] = useState(false);
  const explanation = useMemo(
    () =>
      'state' in replay
        ? explainReading(reading, replay.state, {
            pageOrigin: window.location.origin,
            targetUrl: `${session.targets.sameSite}${replay.state.request.path}`,
            origins: targetOriginsOf(session),
          })
        : undefined,
    [reading, replay, session],
  );
  const open = (state: PlaygroundState) => {
    setOpened('opening');
    onOpen(state).then(
      () => setOpened('opened'),
      (error: unknown) => setOpened(error instanceof Error ? error : new Error(String(error))),
    );
  };
  return (
    <div className="console-reading">
      <p className="badge agree" role="status">
        Recognised: a CORS message from {ENGINE_NAMES[reading.engine]}.
      </p>
      <ReadingFacts reading={reading} />
      {reading.network !== undefined && (
        <p className="badge disagree">
          Not a CORS failure: {reading.network}. No header on the server will fix it; check that the
          server runs and is reachable at that address (and, for https, its certificate).
        </p>
      )}
      {reading.gaps.length > 0 && (
        <ul className="hint" aria-label="What the message leaves open">
          {reading.gaps.map((gap) => (
            <li key={gap}>{gap}</li>
          ))}
        </ul>
      )}
      {explanation !== undefined && (
        <div className="verdict">
          <p className="verdict-headline">
            <RichText text={explanation.headline} />
          </p>
          <p className="hint">Where: {STAGE_WORDS[explanation.stage]}.</p>
          <WhyAndFix why={explanation.why} fix={explanation.fix} />
          {reading.pageOrigin === undefined && (
            <p className="hint">
              {UNNAMED_ORIGIN} is the origin of your page, which {ENGINE_NAMES[reading.engine]} does
              not print.
            </p>
          )}
          {explanation.profileNote !== undefined && (
            <p className="hint">{explanation.profileNote}</p>
          )}
          <SpecLink step={explanation.step} />
        </div>
      )}
      {own !== undefined && (
        <>
          <h3>Send it to your server</h3>
          <p className="hint">
            The same request to <code>{own.url}</code>, from this page (its origin is{' '}
            {window.location.origin}), with your server&apos;s answer repeated from Node beside what
            the browser did.
          </p>
          <button
            type="button"
            onClick={() => {
              onTryUrl(own);
              setHanded(true);
            }}
          >
            Put it in Your own API
          </button>
          <span role="status" className="hint">
            {handed &&
              ' Ready in Your own API, at the end of the page: press Send to your server there.'}
          </span>
        </>
      )}
      <h3>Reproduce it here</h3>
      {'reason' in replay ? (
        <p className="hint">{replay.reason}</p>
      ) : (
        <>
          <p className="hint">
            A request and a server for the playground&apos;s own target that fail the same way,
            everything else allowed. It opens in a new session; nothing is sent until you press
            Send. This page runs on {window.location.origin}, not on{' '}
            {reading.pageOrigin ?? "your page's origin"}
            {replay.keepsOrigin ? (
              <>
                : the setup says <code>{'{{origin}}'}</code> wherever the message named your
                page&apos;s origin, and the target writes this page&apos;s there.
              </>
            ) : (
              <>
                ; the answer at fault names neither origin in Access-Control-Allow-Origin, so it
                fails this page as it failed yours.
              </>
            )}
          </p>
          {replay.assumed.length > 0 && (
            <ul aria-label="What the reproduction assumes">
              {replay.assumed.map((assumption) => (
                <li key={assumption}>{assumption}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => open(replay.state)} disabled={opened === 'opening'}>
            Set up this request on the playground&apos;s target
          </button>
          <span role="status" className="hint">
            {opened === 'opened' &&
              ` Loaded: ${replay.state.request.method} ${replay.state.request.path}. Press Send to see it fail.`}
          </span>
          {opened instanceof Error && (
            <p role="alert" className="error">
              Could not open it: {opened.message}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function NotRecognised({ parse }: { parse: Extract<ConsoleParse, { ok: false }> }) {
  return (
    <div role="alert" className="console-reading">
      <p className="error">{parse.reason}</p>
      <p className="hint">The box reads these messages:</p>
      <ul className="hint">
        {parse.expected.map((form) => (
          <li key={form}>
            <code>{form}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "Reproduce my bug": a console message pasted in, read (never rendered as HTML), explained by
 * the model, and replayed on the playground's target.
 */
export function ConsolePastePanel({
  session,
  onOpen,
  onTryUrl,
}: {
  session: SessionInfo;
  onOpen: (state: PlaygroundState) => Promise<void>;
  /** Hands the message's request, for its own URL, to "Your own API". */
  onTryUrl: (request: UrlDraft) => void;
}) {
  const [text, setText] = useState('');
  const parse = useMemo(() => (text.trim() === '' ? undefined : parseConsoleMessage(text)), [text]);
  const boxId = useId();
  return (
    <section aria-labelledby="console-paste-heading" className="panel console-paste">
      <h2 id="console-paste-heading">Paste a console error</h2>
      <p className="hint">
        Paste the CORS message your browser&apos;s console printed (Chromium, Firefox or Safari):
        the playground reads the URL, the page&apos;s origin and the value at fault, explains it,
        and sets up a request that fails the same way.
      </p>
      <label htmlFor={boxId}>Console message</label>
      <textarea
        id={boxId}
        rows={4}
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {parse?.ok === true && (
        // Keyed by the message: another message starts with nothing opened.
        <Recognised
          key={parse.reading.matched}
          reading={parse.reading}
          session={session}
          onOpen={onOpen}
          onTryUrl={onTryUrl}
        />
      )}
      {parse?.ok === false && <NotRecognised parse={parse} />}
    </section>
  );
}
