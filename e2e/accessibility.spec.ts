import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the main screen, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('has no accessibility violations, before and after a Send', async ({
      page,
      playgroundPage: ui,
    }) => {
      await ui.goto();
      const before = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      expect(before.violations).toEqual([]);

      await ui.send();
      await expect(ui.agreement).toBeVisible();
      const after = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
        .analyze();
      expect(after.violations).toEqual([]);
    });
  });
}

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

test('fits half a laptop screen without horizontal scrolling', async ({
  page,
  playgroundPage: ui,
}) => {
  await page.setViewportSize({ width: 720, height: 900 });
  await ui.goto();
  await ui.send();
  await expect(ui.agreement).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
