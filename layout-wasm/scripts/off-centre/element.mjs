// Off-centre chain edges in the element's own layouts (real text measure): node layout-wasm/scripts/off-centre/element.mjs
// (run from the repository root, after npm run build): the README and layout screenshot docs and the benchmark models as they come.
// Counts off-centre chain edges in the element's own layouts (real text measure) of the screenshot docs.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../../scripts/chromium.mjs';
import { excerpt as excerptOf } from '../excerpt.mjs';
import { offCentre } from './count.mjs';
const root = process.cwd();
const shots = [
  { name: 'nested', file: 'test/fixtures/docs/nested.vz.json' },
  { name: 'resnet-stage', model: 'resnet18', root: 'layer1', expand: ['layer1', 'layer1.0', 'layer1.1'] },
  { name: 'transformer-block', model: 'gpt2_tiny', root: 'transformer.h.0', expand: ['transformer.h.0', 'transformer.h.0.attn', 'transformer.h.0.mlp'] },
  { name: 'lstm', model: 'lstm_loop', expand: 'all' },
  { name: 'lstm-collapsed', model: 'lstm_live' },
  ...['bert_base', 'gpt2_12', 't5_small', 'vit_b16', 'resnet50'].map((m) => ({ name: m, file: `benchmarks/graphs/models/${m}.vz.json` })),
  ...['gpt2_tiny', 'resnet18', 'mlp'].map((m) => ({ name: m, file: `test/fixtures/models/${m}.vz.json` })),
];
const docs = new Map(shots.map((s) => {
  if (s.file) return [s.name, fs.readFileSync(path.join(root, s.file), 'utf8')];
  const doc = JSON.parse(fs.readFileSync(`${root}/test/fixtures/models/${s.model}.vz.json`, 'utf8'));
  if (!s.root) return [s.name, JSON.stringify(s.expand === 'all' ? { ...doc, nodes: doc.nodes.map((n) => ({ ...n, collapsed: false })) } : doc)];
  const part = excerptOf(doc, s.root);
  return [s.name, JSON.stringify({ ...part, nodes: part.nodes.map((n) => ({ ...n, collapsed: s.expand.includes(n.id) ? false : n.collapsed })) })];
}));
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') { res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<!doctype html><meta charset="utf-8"><style>body{margin:0}vz-graph{height:100vh}</style><script type="module" src="/dist/vz-graph.js"></script><vz-graph src="/doc/${url.searchParams.get('name')}.vz.json" theme="light"></vz-graph>`); }
  if (url.pathname.startsWith('/doc/')) { res.writeHead(200, { 'Content-Type': 'application/json' }); return res.end(docs.get(path.basename(url.pathname, '.vz.json'))); }
  const file = path.join(root, path.normalize(url.pathname));
  if (!url.pathname.startsWith('/dist/') || !fs.existsSync(file)) { res.writeHead(404); return res.end('nf'); }
  res.writeHead(200, { 'Content-Type': 'text/javascript' }); fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await launchChromium();
let T = 0, O = 0;
for (const s of shots) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/?name=${s.name}`);
  const result = await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('vz-graph');
    const done = () => resolve(JSON.parse(JSON.stringify(el.layout)));
    if (el.layout) return done();
    el.addEventListener('vz-layout', done, { once: true });
  }));
  const doc = JSON.parse(docs.get(s.name));
  const par = new Map(doc.nodes.map((n) => [n.id, n.parent ?? null]));
  const r = offCentre(result, (id) => par.get(id) ?? null);
  T += r.total; O += r.off;
  console.log(s.name, r.off, '/', r.total); for (const l of r.list.slice(0, 12)) console.log('   ', l);
  await page.close();
}
console.log('TOTAL', O, '/', T);
await browser.close(); server.close();
