// End to end, all real: Python traces PyTorch models with vz_pytorch and serves them over its own
// SSE server on loopback; Chromium (driven by playwright-core) loads the page and the element
// draws them; metrics and a new graph arrive live. Also checks the cross-origin embed: a page on
// another origin loads the bundle and the stream from the Python server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import readline from 'node:readline';
import { launchChromium } from '../../scripts/chromium.mjs';

const PYTHON = process.env.VZ_PYTHON ?? '.venv/bin/python';
let py, lines, ready, browser, crossOrigin;

function nextLine() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('python helper did not answer in 120 s')), 120_000);
    lines.once('line', (l) => { clearTimeout(timer); resolve(JSON.parse(l)); });
  });
}
async function send(cmd) { py.stdin.write(cmd + '\n'); return nextLine(); }

/** Visible nodes by the document's own collapse state, computed independently of the element. */
function visibleIds(doc) {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const hasChildren = new Set(doc.nodes.filter((n) => n.parent).map((n) => n.parent));
  const visible = (n) => { for (let p = n.parent; p; p = byId.get(p).parent) if (hasChildren.has(p) && byId.get(p).collapsed) return false; return true; };
  return doc.nodes.filter(visible).map((n) => n.id).sort();
}

function siblingOverlaps(doc, layout) {
  const byParent = new Map();
  for (const n of doc.nodes) if (layout.nodes[n.id]) {
    const k = n.parent ?? '';
    if (!byParent.has(k)) byParent.set(k, []);
    byParent.get(k).push(layout.nodes[n.id]);
  }
  let overlaps = 0;
  for (const boxes of byParent.values())
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps++;
    }
  return overlaps;
}

async function layoutOf(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('vz-graph');
    for (let i = 0; i < 600 && !(el.layout && Object.keys(el.layout.nodes).length); i++) await new Promise((r) => setTimeout(r, 50));
    return { layout: el.layout, graph: el.graph };
  });
}

before(async () => {
  py = spawn(PYTHON, ['test/e2e/serve_model.py'], { stdio: ['pipe', 'pipe', 'inherit'] });
  lines = readline.createInterface({ input: py.stdout });
  ready = await nextLine();
  browser = await launchChromium();
  // A page on another origin that embeds the element from the Python server.
  crossOrigin = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><script type="module" src="${ready.url}vz-graph.js"></script>
      <vz-graph src="${ready.url}events" style="display:block;width:900px;height:600px"></vz-graph>`);
  });
  await new Promise((r) => crossOrigin.listen(0, '127.0.0.1', r));
});

after(async () => {
  await browser?.close();
  crossOrigin?.close();
  if (py) { py.stdin.end('quit\n'); py.kill(); }
});

test('the Python server binds to loopback and serves the page, the bundle and the graph', async () => {
  assert.match(ready.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const js = await fetch(ready.url + 'vz-graph.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
  const doc = await (await fetch(ready.url + 'graph.vz.json')).json();
  assert.equal(doc.format, 'vz-graph');
  assert.equal(doc.nodes.length, ready.nodes);
});

test('Chromium shows the traced LSTM live, then a metric and a new graph arrive over SSE', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(ready.url);
  const { layout, graph } = await layoutOf(page);
  assert.ok(layout, 'the element produced a layout');
  assert.deepEqual(Object.keys(layout.nodes).sort(), visibleIds(graph), 'every visible node is laid out, no other');
  assert.equal(graph.nodes.length, ready.nodes);
  assert.equal(siblingOverlaps(graph, layout), 0, 'no sibling boxes overlap');
  for (const e of layout.edges)
    for (let i = 1; i < e.points.length; i++)
      assert.ok(e.points[i][0] === e.points[i - 1][0] || e.points[i][1] === e.points[i - 1][1], `edge ${e.source}→${e.target} is orthogonal`);

  // A metric: attached to a node without a relayout.
  const nodeId = ready.node_ids.find((id) => id.endsWith('readout')) ?? ready.node_ids[0];
  await page.evaluate(() => { window.__layouts = 0; document.querySelector('vz-graph').addEventListener('vz-layout', () => window.__layouts++); });
  await send(`attach ${nodeId} 0.5`);
  await send(`attach ${nodeId} 0.25`);
  const values = await page.evaluate(async (id) => {
    const el = document.querySelector('vz-graph');
    for (let i = 0; i < 200; i++) {
      const a = el.graph.nodes.find((n) => n.id === id)?.attachments?.find((x) => x.id === 'loss');
      if (a && a.values.length >= 2) return a.values;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }, nodeId);
  assert.deepEqual(values, [0.5, 0.25], 'appended values arrive in order');
  assert.equal(await page.evaluate(() => window.__layouts), 0, 'a metric does not relayout');

  // A new graph replaces the old one.
  const published = await send('publish gpt2');
  const after = await page.evaluate(async (n) => {
    const el = document.querySelector('vz-graph');
    for (let i = 0; i < 600 && el.graph.nodes.length !== n; i++) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 600 && window.__layouts < 1; i++) await new Promise((r) => setTimeout(r, 50));
    return { count: el.graph.nodes.length, title: el.graph.title, laidOut: Object.keys(el.layout.nodes).length };
  }, published.nodes);
  assert.equal(after.count, published.nodes);
  assert.ok(after.laidOut > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a page on another origin embeds the bundle and the stream from the Python server', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${crossOrigin.address().port}/`);
  const { layout, graph } = await layoutOf(page);
  assert.ok(layout && Object.keys(layout.nodes).length > 0, 'the cross-origin element drew the graph');
  assert.deepEqual(Object.keys(layout.nodes).sort(), visibleIds(graph));
  assert.deepEqual(errors, []);
  await page.close();
});
