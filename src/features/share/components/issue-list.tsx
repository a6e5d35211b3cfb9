import type { ConfigIssue } from '../../../scenario/server-config.ts';

/** Each problem with a scenario, where it is and what is wrong. */
function IssueList({ issues }: { issues: readonly ConfigIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issue-list">
      {issues.map((issue, index) => (
        <li key={index}>
          <code>{issue.path}</code>: {issue.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * Why something was refused: the message, the problems it introduces (a message with
 * problems ends in a colon), then that nothing changed.
 */
export function RefusalText({
  message,
  issues,
}: {
  message: string;
  issues: readonly ConfigIssue[];
}) {
  return (
    <>
      <p>{message}</p>
      <IssueList issues={issues} />
      <p>Nothing was changed.</p>
    </>
  );
}
