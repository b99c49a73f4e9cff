// Screenshots of the element for docs/screenshots/ (and for looking at while working on it):
//   node test/browser/screenshots.mjs [fixture] [out-dir] [WIDTHxHEIGHT] [attributes] [name]
// (attributes: extra attributes for the element, e.g. 'expand-depth="2"'; name: file prefix, default "element")
// Serves the repository over loopback, opens a page with <vz-graph src=fixture> in light and dark,
// and saves element-light.png and element-dark.png. Needs dist/vz-graph.js (npm run build).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';

const fixture = process.argv[2] ?? 'test/fixtures/docs/nested.vz.json';
const outDir = process.argv[3] ?? 'docs/screenshots';
const [width, height] = (process.argv[4] ?? '1100x760').split('x').map(Number);
const extra = process.argv[5] ?? '';
const name = process.argv[6] ?? 'element';
const root = process.cwd();
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<!doctype html><meta charset="utf-8"><style>body{margin:0;background:${url.searchParams.get('bg')}}
      vz-graph{height:100vh;border-radius:0}</style>
      <script type="module" src="/dist/vz-graph.js"></script>
      <vz-graph src="/${fixture}" theme="${url.searchParams.get('theme')}" ${url.searchParams.get('extra') ?? ''}></vz-graph>`);
  }
  const file = path.join(root, path.normalize(url.pathname));
  if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await launchChromium();
fs.mkdirSync(outDir, { recursive: true });
for (const [theme, bg] of [['light', '#fff'], ['dark', '#0f1419']]) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 2 });
  page.on('console', (m) => console.log(`[${theme}] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[${theme}] page error: ${e.message}`));
  await page.goto(`${base}?theme=${theme}&bg=${encodeURIComponent(bg)}&extra=${encodeURIComponent(extra)}`);
  await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('vz-graph');
    if (el.layout) return resolve();
    el.addEventListener('vz-layout', resolve, { once: true });
    el.addEventListener('vz-error', resolve, { once: true });
  }));
  await page.waitForTimeout(150);
  const file = path.join(outDir, `${name}-${theme}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
  await page.close();
}
await browser.close();
server.close();
