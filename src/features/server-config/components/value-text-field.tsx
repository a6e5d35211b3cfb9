import { useState } from 'react';
import { useDraft } from '../hooks/use-draft.ts';
import { keyOf, type Parsed } from '../lib/parsed.ts';
import { TextField } from './text-field.tsx';

interface ValueTextFieldProps<V> {
  label: string;
  value: V;
  format: (value: V) => string;
  parse: (text: string) => Parsed<V>;
  /** Applies a value; returns why it was refused (nothing applied), if it was. */
  onApply: (value: V) => readonly string[];
  hint?: string;
  placeholder?: string;
  rows?: number;
  mono?: boolean;
  inputMode?: 'numeric' | 'text';
}

/** A config value typed as text: applied as typed when valid, else kept with its error. */
export function ValueTextField<V>({
  label,
  value,
  format,
  parse,
  onApply,
  ...textProps
}: ValueTextFieldProps<V>) {
  const [text, setText] = useDraft({ value, fromValue: format, toValue: parse });
  const [refused, setRefused] = useState<readonly string[]>([]);
  const parsed = parse(text);
  let error: string | undefined;
  if (!parsed.ok) error = Object.values(parsed.errors).join(' ');
  else if (refused.length > 0) error = refused.join(' ');

  const change = (next: string) => {
    setText(next);
    const read = parse(next);
    if (!read.ok) setRefused([]);
    // Text that reads as the value already applied ("PUT," for "PUT") changes nothing.
    else if (keyOf(read.value) !== keyOf(value)) setRefused(onApply(read.value));
  };
  return <TextField label={label} value={text} onChange={change} error={error} {...textProps} />;
}
