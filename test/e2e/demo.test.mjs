// The demo, as a person uses it (issue 5's "done means"): run `demo/run.py`, open the gallery in
// Chromium, find a layer of the live GPT-2 by name with the search box, expand it, watch its
// metric grow over the stream, switch to dark, and export an SVG that opens in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { launchChromium } from '../../scripts/chromium.mjs';

const PYTHON = process.env.VZ_PYTHON ?? '.venv/bin/python';
let demo, url, browser;

before(async () => {
  demo = spawn(PYTHON, ['demo/run.py', '--port', '0', '--models', 'lstm,resnet18'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: demo.stdout });
  url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo did not print its URL in 180 s')), 180_000);
    lines.on('line', (line) => {
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/)gallery\.html/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    demo.on('exit', (code) => reject(new Error(`the demo exited with ${code}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  demo?.kill('SIGINT');
});

const until = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 60_000, polling: 100 });

test('find a GPT-2 layer by name, expand it, watch its metric update, go dark, export an SVG', async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 850 }, acceptDownloads: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + 'gallery.html');
  await page.getByRole('listitem').filter({ hasText: 'Live: GPT-2' }).click();
  await until(page, () => document.querySelector('vz-graph').graph?.title?.startsWith('GPT-2'));
  await until(page, () => Object.keys(document.querySelector('vz-graph').layout?.nodes ?? {}).length > 0);

  // Find the layer by name in the toolbar's search box: the view moves to it.
  const before = await page.evaluate(() => document.querySelector('vz-graph').viewTransform);
  const search = page.locator('vz-graph input[type=search]');
  await search.fill('transformer.h.2');
  await search.press('Enter');
  await until(page, (b) => { const v = document.querySelector('vz-graph').viewTransform; return v.x !== b.x || v.y !== b.y || v.scale !== b.scale; }, before);
  const block = 'transformer.h.2';
  const onScreen = await page.evaluate((id) => {
    const el = document.querySelector('vz-graph');
    const box = el.layout.nodes[id], v = el.viewTransform;
    const cx = (box.x + box.width / 2) * v.scale + v.x, cy = (box.y + box.height / 2) * v.scale + v.y;
    return cx > 0 && cy > 0 && cx < el.clientWidth && cy < el.clientHeight;
  }, block);
  assert.ok(onScreen, 'the found layer is in view');

  // Expand it: its children are laid out inside it.
  const childCount = await page.evaluate((id) => document.querySelector('vz-graph').graph.nodes.filter((n) => n.parent === id).length, block);
  assert.ok(childCount > 0);
  await page.evaluate((id) => document.querySelector('vz-graph').expand(id), block);
  await until(page, (id) => {
    const el = document.querySelector('vz-graph');
    return el.graph.nodes.filter((n) => n.parent === id).every((n) => el.layout.nodes[n.id]);
  }, block);

  // Its metric (the block's gradient norm) grows while the model trains, without a relayout.
  const count = `document.querySelector('vz-graph').graph.nodes.find((n) => n.id === '${block}')
    .attachments?.find((a) => a.id === 'grad')?.values.length ?? 0`;
  await page.evaluate(() => { window.__layouts = 0; document.querySelector('vz-graph').addEventListener('vz-layout', () => window.__layouts++); });
  const first = await page.evaluate(count);
  await until(page, `(${count}) >= ${first + 2}`); // two more training reports (one every 5 steps)
  assert.equal(await page.evaluate(() => window.__layouts), 0, 'metrics arrive without a relayout');

  // Dark theme: the background really changes.
  const bg = () => page.evaluate(() => getComputedStyle(document.querySelector('vz-graph')).getPropertyValue('--vz-bg').trim());
  const light = await bg();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await until(page, () => document.querySelector('vz-graph').getAttribute('theme') === 'dark');
  assert.notEqual(await bg(), light);

  // Export an SVG with the toolbar button, and open it in the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('vz-graph').getByRole('button', { name: 'Download SVG' }).click()]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vz-')), 'graph.svg');
  await download.saveAs(file);
  const viewer = await browser.newPage();
  await viewer.goto('file://' + file);
  const svg = await viewer.evaluate(() => ({ root: document.documentElement.tagName, texts: [...document.querySelectorAll('text')].map((t) => t.textContent) }));
  assert.equal(svg.root, 'svg');
  assert.ok(svg.texts.includes('GPT2Block'), 'labels are SVG text');
  assert.deepEqual(errors, []);
});
