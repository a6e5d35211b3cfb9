import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const challenge = (page: Page) => page.getByRole('article');
const status = (page: Page) => page.getByRole('status', { name: 'Challenge status' });

async function startChallenge(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Browse challenges' }).click();
  await page.getByRole('button', { name: title }).click();
  await expect(challenge(page).getByRole('heading', { level: 3 })).toContainText(title);
}

test('a challenge met by the right fix, with a hint on request, and kept as met', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await startChallenge(page, 'Let the page read the products');
  await challenge(page).getByRole('button', { name: 'Show a hint' }).click();
  await expect(challenge(page).getByRole('list', { name: 'Hints' })).toContainText(
    'what the browser misses is one response header',
  );
  await ui.send();
  await expect(status(page)).toContainText('✗ Not yet: fetch() resolves');

  // The last request is sent again once the server changes: the goal is checked on that.
  await ui.setAllowOrigin('Any origin');
  await expect(status(page)).toContainText('Goal met. A minimal correct answer:');
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const { violations } = await new AxeBuilder({ page })
    .include('.challenges-panel')
    .withTags(tags)
    .analyze();
  expect(violations.map(({ id }) => id)).toEqual([]);

  await page.reload();
  await page.getByRole('button', { name: 'Browse challenges' }).click();
  await expect(page.getByText(/^1 of \d+ challenges met in this browser\.$/)).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Let the page read the products' }),
  ).toContainText('✓ Met');
});

test('a * shortcut does not meet a goal that asks for the page origin; the exact origin does', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await startChallenge(page, 'Allow the page, and only the page');
  await ui.send();
  await expect(status(page)).toContainText('✗ Not yet: fetch() resolves');

  await ui.setAllowOrigin('Any origin');
  await expect(status(page)).toContainText('✓ Met: fetch() resolves');
  await expect(status(page)).toContainText(
    "✗ Not yet: Access-Control-Allow-Origin names the page's origin",
  );
  await expect(status(page)).not.toContainText('Goal met');

  await ui.setAllowOrigin("The page's origin");
  await expect(status(page)).toContainText('Goal met.');
});

test('a challenge is named in the URL while under way: a link starts it, a reload resumes it', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  await startChallenge(page, 'Let the page read the products');
  await expect(page).toHaveURL(/#challenge=01-first-get$/);

  // A link starts the challenge it names from its start, in a new session.
  const session = () => page.evaluate(() => sessionStorage.getItem('cors-playground.session'));
  const before = await session();
  await page.evaluate(() => {
    location.hash = '#challenge=02-only-this-origin';
  });
  await expect(challenge(page).getByRole('heading', { level: 3 })).toHaveText(
    'Challenge 2: Allow the page, and only the page',
  );
  expect(await session()).not.toBe(before);

  // Under way, the learner's server is theirs: a reload keeps it and the challenge.
  await ui.setAllowOrigin('Any origin');
  const during = await session();
  await page.reload();
  await expect(challenge(page).getByRole('heading', { level: 3 })).toHaveText(
    'Challenge 2: Allow the page, and only the page',
  );
  expect(await session()).toBe(during);
  await expect(ui.allowOrigin('Any origin')).toBeChecked();
  await expect(page).toHaveURL(/#challenge=02-only-this-origin$/);

  await page.evaluate(() => {
    location.hash = '#challenge=99-no-such-challenge';
  });
  await expect(page.getByRole('alert')).toContainText('"99-no-such-challenge"');
  await expect(page).not.toHaveURL(/#challenge=/);
});
