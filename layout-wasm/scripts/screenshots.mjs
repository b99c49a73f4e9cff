// The layout screenshots of docs/screenshots/ through the real element (benchmarks/results/layout.md):
//   node layout-wasm/scripts/screenshots.mjs [out-dir]      (needs dist/vz-graph.js: npm run build)
// Each is one group of a traced model with its outside replaced by stand-ins (an `x` per node an
// edge comes in from, an `out` per node one goes out to), the named groups expanded, everything
// else as the model has it (collapsed modules show their "+"); light theme, fitted. A shot without
// a root is the whole document as it comes (`expand: 'all'`: every group expanded).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../scripts/chromium.mjs';
import { excerpt as excerptOf } from './excerpt.mjs';

const outDir = process.argv[2] ?? 'docs/screenshots';
const shots = [
  { name: 'layout-resnet-stage', model: 'resnet18', root: 'layer1', expand: ['layer1', 'layer1.0', 'layer1.1'], width: 800, height: 1900 },
  { name: 'layout-transformer-block', model: 'gpt2_tiny', root: 'transformer.h.0', expand: ['transformer.h.0', 'transformer.h.0.attn', 'transformer.h.0.mlp'], width: 1000, height: 2400 },
  // the traced LSTM loop with every group expanded: six cells in step columns, wide but readable
  { name: 'layout-lstm', model: 'lstm_loop', expand: 'all', width: 2600, height: 820 },
  // the live demo's LSTM as it opens: the whole document, collapsed as it comes
  { name: 'layout-lstm-collapsed', model: 'lstm_live', width: 1400, height: 900 },
];

/** The subtree under `root` with stand-ins for its outside ends, `expand` expanded. */
function excerpt(doc, root, expand) {
  const part = excerptOf(doc, root);
  return { ...part, nodes: part.nodes.map((n) => ({ ...n, collapsed: expand.includes(n.id) ? false : n.collapsed })) };
}

const docs = new Map(shots.map((s) => {
  const doc = JSON.parse(fs.readFileSync(`test/fixtures/models/${s.model}.vz.json`, 'utf8'));
  const all = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, collapsed: false })) };
  return [s.name, JSON.stringify(s.root ? excerpt(doc, s.root, s.expand) : s.expand === 'all' ? all : doc)];
}));
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<!doctype html><meta charset="utf-8"><style>body{margin:0;background:#fff}vz-graph{height:100vh;border-radius:0}</style>
      <script type="module" src="/dist/vz-graph.js"></script><vz-graph src="/doc/${url.searchParams.get('name')}.vz.json" theme="light"></vz-graph>`);
  }
  if (url.pathname.startsWith('/doc/')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(docs.get(path.basename(url.pathname, '.vz.json')));
  }
  const file = path.join(process.cwd(), path.normalize(url.pathname));
  if (!url.pathname.startsWith('/dist/') || !fs.existsSync(file)) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200, { 'Content-Type': 'text/javascript' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
fs.mkdirSync(outDir, { recursive: true });
for (const s of shots) {
  const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
  page.on('pageerror', (e) => console.error(`${s.name}: page error: ${e.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/?name=${s.name}`);
  await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('vz-graph');
    if (el.layout) return resolve();
    el.addEventListener('vz-layout', resolve, { once: true });
    el.addEventListener('vz-error', resolve, { once: true });
  }));
  await page.evaluate(() => document.querySelector('vz-graph').fit());
  await page.waitForTimeout(600);
  const file = path.join(outDir, `${s.name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
  await page.close();
}
await browser.close();
server.close();
