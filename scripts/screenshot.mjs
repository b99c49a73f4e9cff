// Takes a screenshot of a page in headless Chromium, to look at the diagrams as a user would.
//   node scripts/screenshot.mjs URL OUT.png [--width 1400] [--height 900] [--wait 1500] [--eval "js"]
import { launchChromium } from './chromium.mjs';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1400' }, height: { type: 'string', default: '900' },
    wait: { type: 'string', default: '1500' }, eval: { type: 'string' }, scale: { type: 'string', default: '1' } },
});
const [url, out] = positionals;
if (!url || !out) { console.error('usage: node scripts/screenshot.mjs URL OUT.png [--eval js]'); process.exit(2); }
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: +values.width, height: +values.height }, deviceScaleFactor: +values.scale });
page.on('console', (m) => console.log(`[page] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[page error] ${e}`));
await page.goto(url);
await page.waitForTimeout(+values.wait);
if (values.eval) { console.log(await page.evaluate(values.eval)); await page.waitForTimeout(+values.wait); }
await page.screenshot({ path: out });
await browser.close();
