import type { HeaderLines } from '../scenario/cors-headers.ts';

interface HeaderListProps {
  /** Names the list for assistive technology, e.g. "Response headers". */
  label: string;
  /** A start line (request or status line) shown above the headers. */
  startLine?: string;
  headers: HeaderLines;
  /** Header names (lower case) to draw attention to. */
  highlight?: ReadonlySet<string>;
}

/** Raw header lines as they crossed the wire: order, case and duplicates kept. */
export function HeaderList({ label, startLine, headers, highlight }: HeaderListProps) {
  return (
    <div className="http-message">
      {startLine !== undefined && <p className="start-line">{startLine}</p>}
      <ul className="header-list" aria-label={label}>
        {headers.map(([name, value], index) => {
          const marked = highlight?.has(name.toLowerCase()) ?? false;
          return (
            <li key={index} className={marked ? 'marked' : undefined}>
              <code>
                <span className="header-name">{name}</span>: {value}
              </code>
              {marked && <span className="visually-hidden"> (look here)</span>}
            </li>
          );
        })}
        {headers.length === 0 && <li className="empty">(no headers)</li>}
      </ul>
    </div>
  );
}
