import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { configure, expect, test, withDraft, type PlaygroundPage } from './fixtures.ts';

/** Every WCAG 2.0, 2.1 and 2.2 A/AA rule axe has, and its best practices. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(
    violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target).join(' | ')}`),
    state,
  ).toEqual([]);
}

/** Opens every section of the server panel. */
async function openEverySection(page: Page): Promise<void> {
  const server = page.getByRole('region', { name: 'Server', exact: true });
  for (const name of ['Preflight (OPTIONS)', 'Actual response', 'Advanced: raw responses']) {
    const section = server.getByRole('group', { name, exact: true });
    await section.getByText(name, { exact: true }).click();
    await expect(section).toHaveAttribute('open', '');
  }
}

/** No sideways scrolling: the page is no wider than the screen. */
async function expectNoHorizontalScroll(page: Page, state: string): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, state).toBeLessThanOrEqual(0);
}

/**
 * Walks the states the app can be in: before any Send; a blocked result; a result the server
 * changed under, whose preflight the cache answers, with every server section open; a
 * prediction the browser refuted; a request still pending.
 */
async function walkStates(
  page: Page,
  ui: PlaygroundPage,
  check: (state: string) => Promise<void>,
  configureBehindTheBack: (config: object) => Promise<void>,
): Promise<void> {
  await ui.goto();
  await check('before any Send');
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  await check('after a blocked Send');
  await page.getByRole('checkbox', { name: /^Re-send the last request/ }).uncheck();
  await ui.setAllowOrigin('Any origin');
  await expect(page.getByText('The server changed since this request was sent.')).toBeVisible();
  await openEverySection(page);
  const actual = page.getByRole('group', { name: 'Actual response', exact: true });
  await actual.getByRole('button', { name: 'Add a cookie' }).click();
  await actual.getByRole('button', { name: 'Add a redirect hop' }).click();
  await expect(actual.getByRole('group', { name: 'Cookie 1' })).toBeVisible();
  await check('a stale result, every server section open, a cookie and a redirect added');
  // The page still believes the server sends Access-Control-Allow-Origin: *.
  await configureBehindTheBack({ cors: {}, actual: { delayMs: 20_000 } });
  await ui.sendButton.click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await check('a request pending');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await configureBehindTheBack({ cors: {} });
  await ui.send();
  await expect(page.getByRole('alert', { name: 'Prediction' })).toBeVisible();
  await check('a prediction the browser refuted');
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the main screen, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('has no accessibility violations in any state', async ({
      page,
      playgroundPage: ui,
      controlApi,
    }) => {
      // Five full axe runs over a large page take a while on a busy machine.
      test.slow();
      await walkStates(
        page,
        ui,
        (state) => expectNoViolations(page, state),
        (config) => configure(page, controlApi, config),
      );
    });
  });
}

test('on a 390 px phone: no sideways scrolling, no violations, and Send always in view', async ({
  page,
  playgroundPage: ui,
  controlApi,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await walkStates(
    page,
    ui,
    async (state) => {
      await expectNoHorizontalScroll(page, state);
      // The phone layout's own parts (the Send bar) once; every state runs above at full width.
      if (state === 'after a blocked Send') await expectNoViolations(page, state);
      // The server panel comes first; Send waits at the bottom of the screen all the same.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(page.getByRole('button', { name: /^(Send|Sending…)$/ })).toBeInViewport();
    },
    (config) => configure(page, controlApi, config),
  );
});

test('on a 390 px phone, the fields of Your own API are as wide as the panel, not squeezed beside their labels', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await ui.goto();
  const panel = page.getByRole('region', { name: 'Your own API' });
  await panel.scrollIntoViewIfNeeded();
  const panelWidth = (await panel.boundingBox())?.width ?? 0;
  for (const label of ['URL', 'Method', 'Credentials']) {
    const field = panel.getByLabel(label, { exact: true });
    expect((await field.boundingBox())?.width ?? 0, label).toBeGreaterThan(panelWidth * 0.8);
  }
});

test('works with the keyboard alone: Tab reaches Send, and Enter sends', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  for (let presses = 0; presses < 80; presses += 1) {
    await page.keyboard.press('Tab');
    if (await ui.sendButton.evaluate((button) => button === document.activeElement)) break;
  }
  await expect(ui.sendButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ui.agreement).toBeVisible();
});

test('after Send the focus moves to the result’s heading, which names the outcome', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await ui.send();
  const heading = page.getByRole('heading', { name: /^#1 GET \/hello: blocked/ });
  await expect(heading).toBeFocused();
  await expect(heading).toContainText('MissingAllowOriginHeader');
});

test('a skip link leads to the result', async ({ page, playgroundPage: ui }) => {
  await ui.goto();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the result' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Result', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(ui.sendButton).toBeFocused();
});

test('Ctrl+Enter sends from anywhere, as the button says', async ({ page, playgroundPage: ui }) => {
  await withDraft(page, { path: '/from-the-keyboard' });
  await ui.goto();
  await expect(ui.sendButton).toHaveAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
  await expect(ui.sendButton).toHaveAccessibleDescription('or Ctrl+Enter');
  await page.getByRole('textbox', { name: 'Path' }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: /^#1 GET \/from-the-keyboard/ })).toBeFocused();
});

test('fits half a laptop screen without horizontal scrolling', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.setViewportSize({ width: 720, height: 900 });
  await ui.goto();
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  await expectNoHorizontalScroll(page, 'after a Send');
});
