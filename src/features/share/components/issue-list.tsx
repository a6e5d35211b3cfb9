import type { ConfigIssue } from '../../../scenario/server-config.ts';

/** Each problem with a scenario, where it is and what is wrong. */
export function IssueList({ issues }: { issues: readonly ConfigIssue[] }) {
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
