import type { SpecStep } from '../cors/errors.ts';

/** Where a check comes from: the spec's algorithm and step, linked. */
export function SpecLink({ step }: { step: SpecStep }) {
  return (
    <p className="hint">
      Spec:{' '}
      <a href={step.url} target="_blank" rel="noreferrer">
        {step.algorithm}, step {step.number}
      </a>{' '}
      ({step.spec})
    </p>
  );
}
