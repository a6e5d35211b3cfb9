import { useId, useState, type ReactNode } from 'react';

interface ConfigSectionProps {
  title: string;
  /** A few words on what is inside, shown next to the title. */
  summary?: string;
  defaultOpen?: boolean;
  children: ReactNode;
}

/** A collapsible group of settings; <details> gives keyboard and screen reader support. */
export function ConfigSection({
  title,
  summary,
  defaultOpen = false,
  children,
}: ConfigSectionProps) {
  const [open, setOpen] = useState(defaultOpen);
  const titleId = useId();
  return (
    <details
      className="sp-section"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-labelledby={titleId}
    >
      <summary className="sp-section-summary">
        <span id={titleId} className="sp-section-title">
          {title}
        </span>
        {summary !== undefined && <span className="sp-section-detail">{summary}</span>}
      </summary>
      <div className="sp-section-body">{children}</div>
    </details>
  );
}
