// Frame-time benchmark of <vz-graph> in headless Chromium (playwright-core).
//   node benchmarks/frames.mjs [sizes…] [--dpr=1,2] [--frames=300] [--kind=transformer,rnn] [--only=first,pan,zoom,relayout] [--trace]
// Needs dist/vz-graph.js (npm run build). Graphs come from benchmarks/gen-graphs.mjs (generated on
// the fly into benchmarks/graphs/, gitignored), fully expanded. For each size it measures:
//  - first frame: from setting `el.graph` (the document already parsed) to the end of the first
//    paint showing the layout (the `vz-layout` event, then the paint in the next animation frame);
//    split into indexing the document (main thread, in slices), flatten + measure (main thread),
//    layout (worker; a large document is validated meanwhile) and scene + paint;
//  - the longest main-thread task (PerformanceObserver 'longtask') between setting the graph and
//    the first frame, and while a relayout (collapse all → expand all) runs;
//  - panning (scripted pointer drags, one move per frame) at the opening view and at the overview
//    (fit), and zooming (wheel in and out around the centre): the renderer's CPU draw time per
//    paint and the frame interval (requestAnimationFrame deltas), median and 95th percentile, and
//    the share of paints made at one backing pixel per CSS pixel (a heavy view while it moves).
// The browser runs with vsync and the frame-rate limit off, so a frame interval is what a frame
// costs, not 16.7 ms of waiting. Results: benchmarks/results/frames.json and frames.md (`--only` runs a
// subset of the scenarios, for quick before/after comparisons; skipped ones show as –).
// --trace records a Chromium trace of each run (best with --only=first) into the system's temp
// folder and prints the main-thread tasks over 50 ms with what ran inside them: garbage
// collections (kind, reason, heap before → after) and script. Open the file in DevTools
// (Performance → Load profile) or https://ui.perfetto.dev for the whole picture.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../scripts/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const sizes = args.filter((a) => !a.startsWith('--')).map(Number).filter(Boolean);
const SIZES = sizes.length ? sizes : [1000, 10000, 100000];
const DPRS = String(opt('dpr', '1,2')).split(',').map(Number).filter(Boolean);
const FRAMES = Number(opt('frames', 300));
const KINDS = String(opt('kind', 'transformer,rnn')).split(',');
const ONLY = String(opt('only', 'first,pan,zoom,relayout')).split(',');
const TRACE = args.includes('--trace');
// --bundle=FILE (a path inside the repository) loads another build of the element (before/after comparisons).
const BUNDLE = String(opt('bundle', 'dist/vz-graph.js'));
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink.user_timing', 'toplevel'];
const VIEW = { width: 1280, height: 800 };

const root = path.resolve(import.meta.dirname, '..');
const graphsDir = path.join(root, 'benchmarks/graphs');
const resultsDir = path.join(root, 'benchmarks/results');
if (!fs.existsSync(path.join(root, 'dist/vz-graph.js'))) throw new Error('dist/vz-graph.js is missing: run `npm run build` first');
for (const n of SIZES) {
  if (KINDS.some((kind) => !fs.existsSync(path.join(graphsDir, `${kind}-${n}.vz.json`)))) {
    execFileSync(process.execPath, [path.join(root, 'benchmarks/gen-graphs.mjs'), String(n)], { stdio: 'inherit' });
  }
}

// A tiny static server: the repository over loopback, plus the benchmark page.
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };
const page = `<!doctype html><meta charset="utf-8"><style>body{margin:0}vz-graph{width:${VIEW.width}px;height:${VIEW.height}px;border-radius:0}</style>
<script type="module" src="/${BUNDLE}"></script><vz-graph no-toolbar></vz-graph>`;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/') { res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end(page); }
  const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

// Frame-time measurement: no vsync or frame-rate cap, and no throttling of a page in the background.
const browser = await launchChromium(['--disable-gpu-vsync', '--disable-frame-rate-limit',
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'], { gpu: true });

/** Runs in the page: everything measured for one graph. */
async function measure({ url, frames, only }) {
  const el = document.querySelector('vz-graph');
  await customElements.whenDefined('vz-graph');
  const raf = () => new Promise((r) => requestAnimationFrame(r));
  const pct = (list, p) => { const s = [...list].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
  const summary = (list) => ({ p50: pct(list, 0.5), p95: pct(list, 0.95), max: Math.max(...list), n: list.length });
  const longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push({ start: e.startTime, ms: e.duration }); }).observe({ type: 'longtask' });
  const longestIn = (t0, t1) => Math.max(0, ...longTasks.filter((e) => e.start + e.ms >= t0 && e.start <= t1).map((e) => e.ms));
  // Tasks that started while the worker ran (the one that sends the layout off ends just after it starts).
  const longestStartedIn = (t0, t1) => Math.max(0, ...longTasks.filter((e) => e.start >= t0 && e.start <= t1).map((e) => e.ms));

  const text = await (await fetch(url)).text();
  const p0 = performance.now();
  const doc = JSON.parse(text);
  const parseMs = performance.now() - p0;
  await raf(); await raf();

  // Data → first frame.
  const t0 = performance.now();
  performance.clearMeasures();
  const laid = new Promise((resolve, reject) => {
    el.addEventListener('vz-layout', (e) => resolve({ ...e.detail, at: performance.now() }), { once: true });
    el.addEventListener('vz-error', (e) => reject(new Error(e.detail.message)), { once: true });
  });
  el.graph = doc;
  const tSet = performance.now();
  const layout = await laid; // the event's detail, and when it fired
  const tLayout = layout.at;
  const painted = el.frameStats.frames;
  while (el.frameStats.frames === painted) await raf();
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, 100)); // let the long-task observer report
  // The element's User Timing entries: when each phase of the last layout ran.
  const phase = (name) => performance.getEntriesByName(`vz-graph ${name}`, 'measure').at(-1);
  const workerStart = phase('worker').startTime, workerEnd = workerStart + phase('worker').duration;
  const index = phase('index');
  const first = {
    ms: t1 - t0, setGraphMs: tSet - t0, layoutEventMs: tLayout - t0, layoutMs: layout.ms, indexMs: index?.duration,
    prepareMs: layout.prepareMs, workerMs: layout.workerMs, sceneMs: layout.sceneMs, firstPaintMs: el.frameStats.lastDrawMs,
    nodes: layout.nodes, edges: layout.edges, longestTaskMs: longestIn(t0, t1),
    // While the worker lays out (validation of a large document runs then, in slices).
    longestTaskDuringWorkerMs: longestStartedIn(workerStart, workerEnd),
    // Long tasks from setting the graph to the first frame: [start after t0, duration].
    longTasks: longTasks.filter((e) => e.start + e.ms >= t0 && e.start <= t1).map((e) => [e.start - t0, e.ms]),
  };

  // Scripted input, one event per frame; returns draw times and frame intervals.
  const canvas = el.shadowRoot.querySelector('canvas');
  const rect = canvas.getBoundingClientRect();
  async function drive(step) {
    const draws = [], intervals = [];
    let last = -1, painted = el.frameStats.frames, low = 0;
    for (let f = 0; f < frames + 2; f++) {
      const now = await raf();
      const stats = el.frameStats;
      if (stats.frames !== painted) {
        painted = stats.frames;
        if (f > 1) { draws.push(stats.lastDrawMs); if (stats.pixelRatio < devicePixelRatio) low++; }
      }
      if (last >= 0 && f > 1) intervals.push(now - last);
      last = now;
      step(f);
    }
    // lowResShare: paints made at fewer backing pixels than the device's (a heavy view moving).
    return { drawMs: summary(draws), frameMs: summary(intervals), lowResShare: draws.length ? low / draws.length : 0 };
  }
  const cx = rect.left + rect.width / 2, cy = rect.top + rect.height / 2;
  const pointer = (type, x, y) => canvas.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, button: 0, pointerType: 'mouse', bubbles: true }));
  const pan = async () => {
    pointer('pointerdown', cx, cy);
    // A drag that wanders: 12 px per frame, turning every 40 frames (so the view stays near the graph).
    let x = cx, y = cy;
    const r = await drive((f) => {
      const dir = Math.floor(f / 40) % 4;
      x += [12, 0, -12, 0][dir]; y += [0, 12, 0, -12][dir];
      pointer('pointermove', x, y);
    });
    pointer('pointerup', x, y);
    return r;
  };
  const results = { first, parseMs };
  if (only.includes('pan')) {
    results.panOpening = await pan();
    el.fit();
    await raf(); await raf();
    results.panOverview = await pan();
  }
  if (only.includes('zoom')) {
    el.fit();
    await raf(); await raf();
    results.zoom = await drive((f) => {
      const dir = Math.floor(f / 50) % 2 ? 1 : -1; // 50 frames in, 50 out
      canvas.dispatchEvent(new WheelEvent('wheel', { clientX: cx + 80, clientY: cy + 40, deltaY: dir * 40, deltaMode: 0, bubbles: true, cancelable: true }));
    });
  }
  if (!only.includes('relayout')) return results;

  // A relayout while the page keeps drawing: collapse all, then expand all again.
  await el.expandAll(0);
  await raf();
  const r0 = performance.now();
  let prev = r0, done = false;
  const relaid = new Promise((resolve) => el.addEventListener('vz-layout', (e) => resolve({ ...e.detail, at: performance.now() }), { once: true }));
  const pending = el.expandAll();
  const during = [];
  pending.then(() => { done = true; });
  while (!done) { const now = await raf(); during.push(now - prev); prev = now; }
  const r1 = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  const rl = await relaid;
  const rWorker = phase('worker');
  results.relayout = { ms: r1 - r0, prepareMs: rl.prepareMs, workerMs: rl.workerMs, sceneMs: rl.sceneMs,
    longestTaskMs: longestIn(r0, r1), longestTaskDuringWorkerMs: longestStartedIn(rWorker.startTime, rWorker.startTime + rWorker.duration), longestFrameMs: Math.max(0, ...during) };
  return results;
}

const loadBefore = os.loadavg()[0];
const runs = [];
for (const KIND of KINDS) for (const DPR of DPRS) for (const n of SIZES) {
  const file = `benchmarks/graphs/${KIND}-${n}.vz.json`;
  const doc = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  const tab = await browser.newPage({ viewport: VIEW, deviceScaleFactor: DPR });
  tab.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await tab.goto(base);
  process.stdout.write(`${file} (${doc.nodes.length} nodes, ${doc.edges.length} edges) at device pixel ratio ${DPR}… `);
  if (TRACE) await browser.startTracing(tab, { categories: TRACE_CATEGORIES });
  const r = await tab.evaluate(measure, { url: `/${file}`, frames: FRAMES, only: ONLY });
  if (TRACE) {
    const out = path.join(os.tmpdir(), `vz-frames-${KIND}-${n}-dpr${DPR}.trace.json`);
    const trace = await browser.stopTracing();
    fs.writeFileSync(out, trace);
    console.log(`\ntrace: ${out}`);
    for (const line of longTasksIn(JSON.parse(trace.toString()))) console.log(line);
  }
  console.log(`first frame ${r.first.ms.toFixed(0)} ms`);
  runs.push({ kind: KIND, deviceScaleFactor: DPR, graph: file, documentNodes: doc.nodes.length, documentEdges: doc.edges.length, ...r });
  await tab.close();
}
await browser.close();
server.close();

/**
 * The renderer main thread's tasks over 50 ms in a trace (from setting the graph on), each with
 * the garbage collections inside it and the script it ran.
 */
function longTasksIn(trace) {
  const events = trace.traceEvents ?? trace;
  const start = events.find((e) => e.name === 'vz-graph index' && e.ph === 'b') ?? events.find((e) => e.name === 'vz-graph prepare' && e.ph === 'b');
  if (!start) return ['(no vz-graph timings in the trace)'];
  const main = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X');
  const ms = (us) => (us / 1000).toFixed(1);
  const lines = [];
  for (const task of main.filter((e) => e.name === 'RunTask' && e.dur > 50_000 && e.ts >= start.ts - 5_000)) {
    const inside = main.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur + 1);
    const source = inside.find((e) => e.name === 'ThreadControllerImpl::RunTask')?.args?.src_func ?? '';
    lines.push(`  task at +${ms(task.ts - start.ts)} ms: ${ms(task.dur)} ms ${source}`);
    for (const e of inside) {
      if (e.name === 'MajorGC' || e.name === 'MinorGC') {
        lines.push(`    ${e.name} ${ms(e.dur)} ms (${e.args?.type ?? ''}, ${Math.round(e.args.usedHeapSizeBefore / 1e6)} → ${Math.round(e.args.usedHeapSizeAfter / 1e6)} MB)`);
      } else if (e.name === 'FunctionCall' && e.dur > 5_000) {
        lines.push(`    script ${ms(e.dur)} ms ${e.args?.data?.functionName || '(anonymous)'} ${(e.args?.data?.url ?? '').split('/').at(-1)}:${e.args?.data?.lineNumber ?? ''}`);
      } else if (e.name === 'RunMicrotasks' && e.dur > 5_000) {
        lines.push(`    microtasks ${ms(e.dur)} ms`);
      }
    }
  }
  // Garbage collected on the main thread from setting the graph to the end of the trace (≈ what the load allocated and dropped).
  const gcs = main.filter((e) => (e.name === 'MajorGC' || e.name === 'MinorGC') && e.ts >= start.ts && e.args?.usedHeapSizeBefore !== undefined);
  const freed = gcs.reduce((sum, e) => sum + Math.max(0, e.args.usedHeapSizeBefore - e.args.usedHeapSizeAfter), 0);
  const last = gcs.at(-1);
  const summary = `  GCs: ${gcs.filter((e) => e.name === 'MinorGC').length} minor, ${gcs.filter((e) => e.name === 'MajorGC').length} major, ` +
    `${Math.round(freed / 1e6)} MB freed, longest ${ms(Math.max(0, ...gcs.map((e) => e.dur)))} ms` + (last ? `, heap after the last ${Math.round(last.args.usedHeapSizeAfter / 1e6)} MB` : '');
  return [...(lines.length ? lines : ['  no task over 50 ms']), summary];
}

const round = (v) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v);
const deep = (o) => (Array.isArray(o) ? o.map(deep) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).map(([k, v]) => [k, deep(v)])) : round(o));
const env = {
  date: new Date().toISOString(), chromium: browser.version?.() ?? '', cpu: os.cpus()[0]?.model, cores: os.cpus().length,
  loadAverage: { before: round(loadBefore), after: round(os.loadavg()[0]) },
  viewport: VIEW, deviceScaleFactors: DPRS, framesPerScenario: FRAMES, flags: '--disable-gpu-vsync --disable-frame-rate-limit (headless)',
};
const out = { env, targets: { firstFrame100kMs: 2000, panP50Ms: 16, panP95Ms: 33, longestTaskMs: 50 }, runs: deep(runs) };
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, 'frames.json'), JSON.stringify(out, null, 2) + '\n');

const f = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
const row = (cells) => `| ${cells.join(' | ')} |`;
const md = [
  `# Frame times of <vz-graph> (benchmarks/frames.mjs)`,
  '',
  `${env.date.slice(0, 10)}, headless Chromium ${env.chromium}, ${env.cpu} (${env.cores} cores, shared with other work: load average ${env.loadAverage.before} before, ${env.loadAverage.after} after), ` +
  `${VIEW.width}×${VIEW.height} CSS px at device pixel ratio ${DPRS.join(' and ')}, vsync and frame-rate limit off, ${FRAMES} frames per scenario. Graphs from ` +
  '`benchmarks/gen-graphs.mjs`, fully expanded: `transformer` (a tall column of blocks) and `rnn` (three LSTM layers unrolled over time, very wide). Times in ms; “draw” is the renderer\'s CPU time per paint, “frame” the ' +
  'interval between animation frames (what a frame really costs). Targets: first frame of 100k ≤ 2000, pan p50 ≤ 16 and ' +
  'p95 ≤ 33, no main-thread task over 50 while a layout runs.',
  '',
  row(['graph', 'dpr', 'nodes (visible)', 'edges', 'first frame', 'index (main)', 'prepare (main)', 'worker', 'scene (main)', 'first paint', 'longest task: while the worker runs / overall',
    'relayout (collapse all → expand all): longest task while the worker runs / overall']),
  row(['---', ...Array(11).fill('---:')]),
  ...runs.map((r) => row([r.kind, r.deviceScaleFactor, r.first.nodes.toLocaleString('en-US'), r.first.edges.toLocaleString('en-US'), f(r.first.ms), f(r.first.indexMs), f(r.first.prepareMs), f(r.first.workerMs),
    f(r.first.sceneMs), f(r.first.firstPaintMs), `${f(r.first.longestTaskDuringWorkerMs)} / ${f(r.first.longestTaskMs)}`,
    `${f(r.relayout?.longestTaskDuringWorkerMs)} / ${f(r.relayout?.longestTaskMs)}`])),
  '',
  row(['graph', 'dpr', 'nodes', 'pan (opening view) draw p50 / p95', 'frame p50 / p95', 'pan (overview) draw p50 / p95', 'frame p50 / p95', 'zoom draw p50 / p95', 'frame p50 / p95',
    'paints at 1 px per CSS px while moving: opening / overview / zoom']),
  row(['---', ...Array(9).fill('---:')]),
  ...runs.map((r) => row([r.kind, r.deviceScaleFactor, r.first.nodes.toLocaleString('en-US'),
    ...['panOpening', 'panOverview', 'zoom'].flatMap((k) => [`${f(r[k]?.drawMs.p50)} / ${f(r[k]?.drawMs.p95)}`, `${f(r[k]?.frameMs.p50)} / ${f(r[k]?.frameMs.p95)}`]),
    r.deviceScaleFactor > 1 ? ['panOpening', 'panOverview', 'zoom'].map((k) => (r[k] ? `${Math.round(100 * r[k].lowResShare)}%` : '–')).join(' / ') : '–'])),
  '',
].join('\n');
fs.writeFileSync(path.join(resultsDir, 'frames.md'), md);
console.log('\n' + md);
