import { RichText } from './rich-text.tsx';

/** Why the browser did it, and what to change, as the explain layer words them. */
export function WhyAndFix({ why, fix }: { why: string; fix?: string | undefined }) {
  return (
    <>
      <p>
        <strong>Why: </strong>
        <RichText text={why} />
      </p>
      {fix !== undefined && (
        <p>
          <strong>Fix: </strong>
          <RichText text={fix} />
        </p>
      )}
    </>
  );
}
