// Regenerates docs/screenshot.png: the main screen after a blocked request, the first
// lesson the playground teaches. Run with `npm run screenshot`.
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../mock-server/build.ts';
import { PortInUseError } from '../mock-server/listen.ts';
import { startPlayground } from '../mock-server/playground.ts';
import { createStaticHandler } from '../mock-server/static-files.ts';
import { CHROMIUM_ARGS, resolveChromium } from '../runner/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
await ensureBuilt(root);
const app = createStaticHandler(`${root}/dist`);
// The usual ports make the picture match what a reader will see; free ones if taken.
const playground = await startPlayground({
  ports: { app: 5173, target: 5174, second: 5175 },
  app,
}).catch((error: unknown) => {
  if (!(error instanceof PortInUseError)) throw error;
  return startPlayground({ ports: { app: 0, target: 0, second: 0 }, app });
});
const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
  });
  await page.goto(playground.origins.app);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('region', { name: 'What JavaScript saw' }).locator('output').waitFor();
  // From the request to what crossed the wire: the lesson, without the panels below it.
  const top = await page.getByRole('heading', { name: 'Request', exact: true }).boundingBox();
  const bottom = await page.getByRole('region', { name: 'On the wire' }).boundingBox();
  if (top === null || bottom === null) throw new Error('The result is not on the page.');
  // Send moves the focus, and so the scroll, to the result; the clip is in page coordinates.
  const scrollY = await page.evaluate(() => window.scrollY);
  const y = Math.max(0, top.y + scrollY - 16);
  await page.screenshot({
    path: `${root}/docs/screenshot.png`,
    fullPage: true,
    clip: { x: 0, y, width: 1280, height: bottom.y + scrollY + bottom.height + 16 - y },
  });
  console.log('Wrote docs/screenshot.png');
} finally {
  await browser.close();
  await playground.close();
}
