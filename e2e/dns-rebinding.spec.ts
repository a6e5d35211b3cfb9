import { CHROMIUM_ARGS, resolveChromium } from '../runner/chromium.ts';
import { expect, test } from './fixtures.ts';

// DNS rebinding: a page from rebind.test, whose name later resolves to 127.0.0.1, makes
// "same-origin" requests that reach the playground. Chromium's host resolver rules play
// the attacker's DNS here, so the browser really sends Host: rebind.test:<port>.
test.use({
  launchOptions: {
    executablePath: resolveChromium(),
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP rebind.test 127.0.0.1'],
  },
});

test('a rebound page can neither read nor change the playground', async ({
  page,
  playground,
  controlApi,
}) => {
  const session = await controlApi.createSession();
  const sessionsBefore = playground.sessions.size;
  const rebound = `http://rebind.test:${playground.ports.app}`;

  const pageLoad = await page.goto(`${rebound}/`);
  expect(pageLoad?.status()).toBe(403);

  const outcomes = await page.evaluate(async (id) => {
    const read = await fetch(`/_playground/api/sessions/${id}/config`);
    const write = await fetch('/_playground/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { read: [read.status, await read.text()], write: [write.status, await write.text()] };
  }, session.id);

  expect(outcomes.read[0]).toBe(403);
  expect(outcomes.read[1]).toContain(
    `Host \\"rebind.test:${playground.ports.app}\\" is not one of the playground's own addresses`,
  );
  expect(outcomes.write[0]).toBe(403);
  expect(playground.sessions.size).toBe(sessionsBefore);
});
