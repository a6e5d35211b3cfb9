import { expect, test } from './fixtures.ts';

// A placeholder typed through the server panel's menu goes on the wire as the page's origin,
// in the preview first and then in the bytes the target wrote.
test('a raw Access-Control-Allow-Origin built with the placeholder menu', async ({
  page,
  playgroundPage: ui,
  playground,
}) => {
  await ui.goto();
  const panel = page.getByRole('region', { name: 'Server', exact: true });
  const raw = panel.getByRole('group', { name: 'Advanced: raw responses', exact: true });
  await raw.getByText('Advanced: raw responses', { exact: true }).click();
  const editor = raw.getByRole('group', { name: 'Raw actual response' });
  await editor.getByRole('checkbox', { name: 'Replace the computed actual response' }).check();

  const lines = editor.getByRole('textbox', { name: 'Header lines' });
  await lines.fill('Content-Length: 0\nAccess-Control-Allow-Origin: ');
  await editor.getByRole('combobox', { name: 'Insert a placeholder' }).selectOption('{{origin}}');
  await expect(lines).toBeFocused();
  await page.keyboard.type('/');
  await expect(lines).toHaveValue('Content-Length: 0\nAccess-Control-Allow-Origin: {{origin}}/');

  const written = `Access-Control-Allow-Origin: ${playground.origins.app}/`;
  await expect(
    page
      .getByRole('region', { name: 'Headers the target will send' })
      .getByRole('list', { name: 'Actual response lines' }),
  ).toContainText(written);

  await ui.send();
  await expect(ui.agreement).toHaveText('✓ The model agrees with what the browser did.');
  await expect(ui.wire).toContainText(written);
  await expect(ui.verdict.getByText('AllowOriginMismatch')).toBeVisible();
});

test('an unknown placeholder is refused, naming the known ones', async ({
  page,
  playgroundPage: ui,
}) => {
  await ui.goto();
  const panel = page.getByRole('region', { name: 'Server', exact: true });
  const actual = panel.getByRole('group', { name: 'Actual response', exact: true });
  await actual.getByText('Actual response', { exact: true }).click();
  const lines = actual.getByRole('textbox', { name: 'Extra header lines' });
  await lines.fill('X-Origin: {{page}}');
  await expect(lines).toHaveAccessibleDescription(
    /no known placeholder.*\{\{origin\}\}.*\{\{target\}\}/,
  );
});
