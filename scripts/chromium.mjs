// One way to start Chromium for the scripts, benchmarks and end-to-end tests (playwright-core
// drives Debian's /usr/bin/chromium, or CHROME_PATH; npm tools cannot download browsers here).
// As root Chromium needs --no-sandbox; without the background-networking flags it tries to reach
// Google's hosts at every start, which this machine's closed network refuses.
import { chromium } from 'playwright-core';

export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** `gpu: true` keeps Chromium's GPU process (the frame-time benchmark measures with it). */
export function launchChromium(extraArgs = [], { gpu = false } = {}) {
  return chromium.launch({
    executablePath: CHROME_PATH,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', ...(gpu ? [] : ['--disable-gpu']), ...extraArgs],
  });
}
