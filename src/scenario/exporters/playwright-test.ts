import { fetchInit, isUrlDraft, type RequestDraft } from '../request-draft.ts';
import type { Scenario } from '../scenario.ts';
import type { ExportProblem, ExportResult } from './portable.ts';

// A scenario as a Playwright test on the project's fixture (`cors-playground/playwright`):
// the playground serves the scenario's server, the page runs each step's fetch(), and the test
// pins what each step expects: whether fetch() resolved, and the headers JavaScript can read.

const json = (value: unknown, indent: string): string =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

/** Whether JavaScript sees fetch() resolve for an expected outcome. */
const resolves = (outcome: string): boolean => outcome === 'allowed';

/** The URL expression of a step's fetch(): its own URL, or one on the fixture's targets. */
const stepUrl = (request: RequestDraft): string =>
  isUrlDraft(request)
    ? json(request.url, '')
    : `corsPlayground.url(${json(request.path, '')}, ${json(request.target, '')})`;

export function exportPlaywrightTest(scenario: Scenario): ExportResult {
  const problems: ExportProblem[] = [];
  scenario.steps.forEach((step, index) => {
    if (step.expect?.outcome === undefined) {
      problems.push({
        path: `steps.${index}.expect.outcome`,
        reason: 'the step expects no outcome, so there is nothing to pin',
      });
    }
    if (!isUrlDraft(step.request) && step.request.target === 'sameOrigin') {
      problems.push({
        path: `steps.${index}.request.target`,
        reason: "the fixture's URLs are on its targets, not on the page's own origin",
      });
    }
  });
  if (scenario.page !== undefined) {
    problems.push({
      path: 'page.origin',
      reason:
        "the fixture's page is on the playground's own origin; only the runner serves a page at another",
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const steps = scenario.steps.flatMap((step, index) => {
    const { outcome, readable, hidden } = step.expect ?? {};
    const name = `step${index + 1}`;
    return [
      `  // ${index + 1}. ${step.request.method} ${isUrlDraft(step.request) ? step.request.url : step.request.path}: ${outcome ?? ''}`,
      ...(step.waitMs > 0 ? [`  await page.waitForTimeout(${step.waitMs});`] : []),
      ...(step.server === undefined
        ? []
        : [`  corsPlayground.configure(${json(step.server, '  ')});`]),
      `  const ${name} = await run(${stepUrl(step.request)}, ${json(fetchInit(step.request), '  ')});`,
      `  expect(${name}.resolved).toBe(${String(resolves(outcome ?? ''))});`,
      ...(readable === undefined
        ? []
        : [
            `  expect(${name}.readable).toEqual(expect.arrayContaining(${json(
              readable.map((header) => header.toLowerCase()),
              '  ',
            )}));`,
          ]),
      ...(hidden ?? []).map(
        (header) => `  expect(${name}.readable).not.toContain(${json(header.toLowerCase(), '')});`,
      ),
    ];
  });

  const code = [
    "import { expect, test } from 'cors-playground/playwright';",
    '',
    `test.use({ corsServer: ${json(scenario.server, '')} });`,
    '',
    `test(${json(scenario.title, '')}, async ({ page, corsPlayground }) => {`,
    '  await page.goto(corsPlayground.pageUrl);',
    '  // What JavaScript sees of one fetch(): whether it resolved, and the headers it can read.',
    '  const run = (url: string, init: RequestInit) =>',
    '    page.evaluate(',
    '      ([url, init]) =>',
    '        fetch(url, init).then(',
    '          (response) => ({ resolved: true, readable: [...response.headers.keys()] }),',
    '          () => ({ resolved: false, readable: [] as string[] }),',
    '        ),',
    '      [url, init] as const,',
    '    );',
    '',
    ...steps,
    '});',
    '',
  ].join('\n');
  return { ok: true, code, notes: [] };
}
