import { useMemo } from 'react';
import { judgeOnce } from '../../../scenario/judge.ts';
import { shownExchange } from '../../../stores/exchange-history-slice.ts';
import { useStore } from '../../../stores/store.ts';
import { sequenceOf, type Lane, type SequenceStep } from '../lib/sequence.ts';
import '../exchange-diagram.css';

const WIDTH = 720;
const LANE_X: Readonly<Record<Lane, number>> = { page: 70, browser: 330, server: 650 };
const LANE_NAMES: Readonly<Record<Lane, string>> = {
  page: 'Page',
  browser: 'Browser',
  server: 'Server',
};
const HEAD = 44;
const ROW = 30;
const LINE = 15;
/** About how many characters fit in a pixel span: header lines are 11px monospace. */
const charsIn = (pixels: number, perChar = 6.6): number => Math.floor(pixels / perChar);
/** A note on the browser's lane reaches back towards the page, for room (13px, maybe bold). */
const NOTE_LEFT = 210;

/** How far a header line's later rows are indented, so that they read as one line. */
const WRAP_INDENT = 12;

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;

/** Text cut into rows of at most `max` characters, after a space where one falls in a row. */
function wrap(text: string, max: number): string[] {
  const rows: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max - 1);
    const cut = space > 0 ? space + 1 : max;
    rows.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  rows.push(rest);
  return rows;
}

/**
 * A message's header lines as drawn: each whole (a value cut short could hide the very
 * character that fails a check), over as many rows as it needs between the two lanes.
 */
function drawnLines(step: SequenceStep): { failing: boolean; rows: string[] }[] {
  const span = Math.abs(LANE_X[step.to] - LANE_X[step.from]);
  return step.lines.map((line) => ({
    failing: line.failing,
    rows: wrap(
      `${line.failing ? '✗ ' : ''}${line.name}: ${line.value ?? '(missing)'}`,
      charsIn(span - 16 - WRAP_INDENT),
    ),
  }));
}

/** Where each step's arrow goes, one below the other, and the height they take. */
function layout(steps: readonly SequenceStep[]): { placed: number[]; height: number } {
  const placed: number[] = [];
  let y = HEAD + 24;
  for (const step of steps) {
    placed.push(y);
    const rows = drawnLines(step).reduce((sum, line) => sum + line.rows.length, 0);
    y += ROW + (rows + (step.detail === undefined ? 0 : 1)) * LINE;
  }
  return { placed, height: y };
}

/** One message as an arrow with its label and header lines, or a note on the browser's lane. */
function Step({ step, y, index }: { step: SequenceStep; y: number; index: number }) {
  const x1 = LANE_X[step.from];
  const x2 = LANE_X[step.to];
  const className = `seq-step${step.failing ? ' seq-failing' : ''}`;
  // Each step appears after the one before it (unless reduced motion is asked for: see CSS).
  const style = { animationDelay: `${index * 120}ms` };
  if (x1 === x2) {
    return (
      <g className={className} style={style}>
        <rect x={NOTE_LEFT} y={y - 14} width={WIDTH - NOTE_LEFT - 8} height={22} rx={4} />
        <text x={NOTE_LEFT + 8} y={y + 2}>
          {clip(
            `${step.kind === 'stop' ? '✗ ' : ''}${step.label}`,
            charsIn(WIDTH - NOTE_LEFT - 24, 8),
          )}
        </text>
      </g>
    );
  }
  const left = Math.min(x1, x2);
  const span = Math.abs(x2 - x1);
  const tip = x2 > x1 ? x2 - 2 : x2 + 2;
  const back = x2 > x1 ? -8 : 8;
  return (
    <g className={className} style={style}>
      <text x={left + span / 2} y={y - 6} textAnchor="middle">
        {clip(step.label, charsIn(span - 8, 8))}
      </text>
      {step.detail !== undefined && (
        <text className="seq-line" x={left + span / 2} y={y + 14} textAnchor="middle">
          {clip(step.detail, charsIn(span - 8))}
        </text>
      )}
      <line x1={x1} y1={y} x2={tip} y2={y} />
      <path d={`M${tip} ${y} l${back} -4 v8 z`} />
      {drawnLines(step)
        .flatMap(({ failing, rows }) => rows.map((row, n) => ({ failing, row, indent: n > 0 })))
        .map(({ failing, row, indent }, n) => (
          <text
            key={n}
            className={`seq-line${failing ? ' seq-failing' : ''}`}
            x={left + 8 + (indent ? WRAP_INDENT : 0)}
            y={y + 14 + n * LINE}
          >
            {row}
          </text>
        ))}
    </g>
  );
}

/**
 * The shown exchange as a sequence diagram (page, browser, server): the preflight and its
 * answer, each request and redirect hop, the preflight cache when it answered, and where the
 * browser stopped, with the failing header marked. The list below it says the same in words.
 */
export function ExchangeDiagram() {
  const exchange = useStore(shownExchange);
  const steps = useMemo(
    () => (exchange === undefined ? [] : sequenceOf(exchange, judgeOnce(exchange))),
    [exchange],
  );
  if (exchange === undefined) return null;
  const { placed, height } = layout(steps);
  return (
    <section aria-labelledby="exchange-diagram-heading" className="panel exchange-diagram">
      <h2 id="exchange-diagram-heading">The exchange, as a picture</h2>
      <figure>
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          role="img"
          aria-label={`Sequence diagram of exchange ${exchange.id} between the page, the browser and the server, in ${steps.length} steps: the list below says each one.`}
        >
          {(Object.keys(LANE_X) as Lane[]).map((lane) => (
            <g key={lane} className="seq-lane">
              <rect x={LANE_X[lane] - 50} y={8} width={100} height={28} rx={6} />
              <text x={LANE_X[lane]} y={27} textAnchor="middle">
                {LANE_NAMES[lane]}
              </text>
              <line x1={LANE_X[lane]} y1={HEAD} x2={LANE_X[lane]} y2={height - 8} />
            </g>
          ))}
          {steps.map((step, index) => (
            <Step key={index} step={step} y={placed[index] ?? 0} index={index} />
          ))}
        </svg>
        <figcaption>
          <ol aria-label="The exchange, step by step" className="seq-text">
            {steps.map((step, index) => (
              <li key={index} className={step.failing ? 'seq-failing' : undefined}>
                {step.text}
              </li>
            ))}
          </ol>
        </figcaption>
      </figure>
    </section>
  );
}
