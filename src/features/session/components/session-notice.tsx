import type { SessionNotice as Notice } from '../hooks/use-session-renewal.ts';

/**
 * Tells the user that this tab's session was replaced, or could not be. The live region is
 * always there, so that screen readers announce the message when it appears in it.
 */
export function SessionNotice({
  notice,
  onDismiss,
}: {
  notice: Notice | undefined;
  onDismiss: () => void;
}) {
  return (
    <div role="status" aria-label="Session">
      {notice !== undefined && (
        <div className={notice.kind === 'failed' ? 'card error' : 'card'}>
          <p>{notice.message}</p>
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
