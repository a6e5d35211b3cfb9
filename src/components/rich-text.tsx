import { Fragment } from 'react';

/**
 * Text from the explain layer, where `backticks` mark header names, values and code:
 * shown as code, the rest as plain text (never as HTML).
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}
