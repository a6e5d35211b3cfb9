import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

test('the checklist answers from the result, and its links load the preset that shows the mistake', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.goto('/#preset=preflights/cron-dashboard-options-404');
  await expect(page.getByRole('article')).toContainText('Missing OPTIONS handler');
  const checklist = page.getByRole('region', { name: 'Debug checklist' });
  const preflight = checklist.getByRole('listitem').filter({ hasText: 'Is the preflight handled' });
  await expect(preflight).toContainText('Check it yourself: Send the request');

  await ui.send();
  await expect(preflight).toContainText(
    'From this result: a problem: No: the OPTIONS got 404 Not Found.',
  );
  await expect(checklist.getByRole('listitem').first()).toContainText(
    'From this result: The browser: the request arrived with Origin:',
  );
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  const { violations } = await new AxeBuilder({ page })
    .include('.debug-checklist')
    .withTags(tags)
    .analyze();
  expect(violations.map(({ id }) => id)).toEqual([]);

  await checklist
    .getByRole('link', { name: 'A proxy adds a second Access-Control-Allow-Origin' })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 3 })).toHaveText(
    'A proxy adds a second Access-Control-Allow-Origin',
  );
  await expect(page).toHaveURL(/#preset=proxies\/proxy-doubles-allow-origin$/);
  await ui.send();
  await expect(checklist.getByRole('listitem').last()).toContainText(
    'Doubled: 2 Access-Control-Allow-Origin lines arrived',
  );
});
