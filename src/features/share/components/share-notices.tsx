import { describeState, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useCurrentState } from '../../../stores/use-current-state.ts';
import { useIncomingLink } from '../hooks/use-incoming-link.ts';
import { useLastState } from '../hooks/use-last-state.ts';
import { RefusalText } from './issue-list.tsx';

/** How long ago a time was, in words. */
function ago(time: number, now: number): string {
  const minutes = Math.round((now - time) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/**
 * What became of a share link the page was opened with, and the offer to start from the last
 * state another tab left. Neither runs anything: the user presses Send.
 */
export function ShareNotices({
  config,
  onOpen,
}: {
  /** The server's config as the panel shows it; undefined while it loads. */
  config: ServerConfig | undefined;
  onOpen: (state: PlaygroundState) => Promise<void>;
}) {
  const link = useIncomingLink(onOpen);
  const last = useLastState(useCurrentState(config));
  const { notice } = link;
  const { offer } = last;
  const now = useNow(offer !== undefined);
  return (
    <>
      <div role="status" aria-label="Shared scenario">
        {notice?.kind === 'opened' && (
          <div className="card">
            <p>{notice.message}</p>
            <button type="button" onClick={link.dismiss}>
              Dismiss
            </button>
          </div>
        )}
        {notice === undefined && offer !== undefined && (
          <div className="card">
            <p>
              Another tab left {describeState(offer.state)}, with its server config (
              {ago(offer.savedAt, now)}).
            </p>
            <button
              type="button"
              onClick={() => {
                last.dismiss();
                void onOpen(offer.state);
              }}
            >
              Start from the last state
            </button>{' '}
            <button type="button" onClick={last.dismiss}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {notice?.kind === 'problem' && (
        <div role="alert" className="card error">
          <RefusalText
            message={notice.problem.message}
            issues={notice.problem.kind === 'invalid' ? notice.problem.issues : []}
          />
          <button type="button" onClick={link.dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
