// Layout benchmark: node benchmarks/layout.mjs FILE.vz.json --engine vz|elk|elk-ports|dagre|dot [--out result.jsonl] [--layout drawing.json] [--runs N] [--warmup N]
//   --phases (vz only): where the time goes — flatten (JS), then the WASM layout stopped after each
//   phase in every group (debugStopAfter), each phase's share = the difference of the fastest runs
//   (the minimum resists a loaded machine better than the median); `setup+p0+output` is
//   hierarchy, tasks, p0 prepare and output.ts (stop after phase 0); toggleFull / toggleIncremental:
//   WASM ms to lay out the graph with its middle group collapsed right after the all-expanded
//   layout, without / with the cache (incremental relayout). Adds "phases" to the line.
// Prints one JSON line: engine, nodes, edges, ms (median wall time of runs), cpuMs (median CPU time of
// this process: steadier than wall time on a shared machine), crossings, bends, length, area,
// overlaps, through (edge segments through boxes that are not an end or an ancestor of one).
// Every engine gets the same visible graph: flatten() of the document with all groups expanded
// (edges lifted and merged), the same node sizes (estimateMeasure) and the same gaps.
// Peers: ELK layered (hierarchical, orthogonal), dagre (compound; no edges to groups), Graphviz dot
// (clusters, splines=ortho; no edges to clusters). Step columns and align sets are vz-only cues.
// elk-ports: ELK with vz's argument ports (elkPorts below), so both engines solve the same problem;
// plain elk may reorder a node's inputs freely, which vz never does.
import fs from 'node:fs';
import { flatten, estimateMeasure, layoutDocument, createLayoutEngine, DEFAULT_OPTIONS } from '../dist/layout.mjs';
import { metrics } from './metrics.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1]?.startsWith('--') !== true);
const engine = opt('engine', 'vz');
const runs = Number(opt('runs', 0)) || 0;
if (!file) { console.error('usage: node benchmarks/layout.mjs FILE.vz.json --engine vz|elk|elk-ports|dagre|dot [--out result.jsonl] [--layout drawing.json] [--runs N]'); process.exit(2); }
const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
const [NODE_GAP, RANK_GAP, PAD, EDGE_GAP] = DEFAULT_OPTIONS;
const DIRS = ['down', 'right', 'up', 'left'];

function visible() {
  const f = flatten(doc, () => true, estimateMeasure());
  const g = f.graph, n = f.ids.length;
  const kids = Array.from({ length: n }, () => []), roots = [];
  for (let i = 0; i < n; i++) (g.parent[i] < 0 ? roots : kids[g.parent[i]]).push(i);
  return { f, g, n, kids, roots, isGroup: (i) => (g.flags[i] & 1) === 1 && kids[i].length > 0, dir: (i) => DIRS[(g.flags[i] >> 1) & 3] };
}

async function runVz() {
  return layoutDocument(doc, { incremental: false }); // full layouts: the cache would turn runs 2+ into restores
}

/**
 * ELK ports that pin each edge end with an argument port to that port, as vz draws it: on a leaf,
 * one port per distinct input index on the side edges enter (NORTH in a DOWN-flowing parent) and
 * one per distinct output index on the opposite side, FIXED_ORDER, ascending left to right (top to
 * bottom in a RIGHT or LEFT flow) in every direction, as vz does. Ends without a port and ends on
 * groups stay on the node. Not mirrored: in step structures vz moves some leaf ports to a side
 * (build-graph.ts leafSidePorts); ELK sees no steps, so its ports stay on the flow sides. Returns node index -> ELK ports, and per flat edge its source and target
 * ids (a port id or the node id).
 */
function elkPorts(v) {
  const m = v.f.edges.length, E = v.g.edges;
  const IN = { down: 'NORTH', up: 'SOUTH', right: 'WEST', left: 'EAST' };
  const OUT = { down: 'SOUTH', up: 'NORTH', right: 'EAST', left: 'WEST' };
  const wanted = new Map(); // node -> Map(port id -> { side, p })
  const ends = new Array(m);
  const end = (i, p, out) => {
    if (p < 0 || v.isGroup(i)) return String(i);
    const flow = v.g.parent[i] < 0 ? DIRS[v.g.rootDirection] ?? 'down' : v.dir(v.g.parent[i]);
    const id = `${i}${out ? '.o' : '.i'}${p}`;
    if (!wanted.has(i)) wanted.set(i, new Map());
    wanted.get(i).set(id, { side: (out ? OUT : IN)[flow], p });
    return id;
  };
  for (let j = 0; j < m; j++) ends[j] = [end(E[4 * j], E[4 * j + 2], true), end(E[4 * j + 1], E[4 * j + 3], false)];
  // elk.port.index runs clockwise from the top-left corner: NORTH left to right, EAST top to bottom,
  // SOUTH right to left, WEST bottom to top; so argument order is the index order on NORTH and EAST
  // and its reverse on SOUTH and WEST
  const SIDES = ['NORTH', 'EAST', 'SOUTH', 'WEST'];
  const key = (q) => SIDES.indexOf(q.side) * 1e6 + (q.side === 'SOUTH' || q.side === 'WEST' ? -q.p : q.p);
  const ports = new Map();
  for (const [i, byId] of wanted) {
    const list = [...byId].sort((a, b) => key(a[1]) - key(b[1]));
    ports.set(i, list.map(([id, q], k) => ({ id, width: 0, height: 0, layoutOptions: { 'elk.port.side': q.side, 'elk.port.index': String(k) } })));
  }
  return { ports, ends };
}

/** ELK layered on the visible graph; withPorts: edge ends at argument ports (elkPorts). */
async function runElk(v, withPorts = false) {
  const ELK = (await import('elkjs/lib/elk.bundled.js')).default;
  const elk = new ELK();
  const elkDir = { down: 'DOWN', right: 'RIGHT', up: 'UP', left: 'LEFT' };
  const pinned = withPorts ? elkPorts(v) : null;
  const build = (i) => {
    const node = { id: String(i), width: v.g.size[2 * i], height: v.g.size[2 * i + 1] };
    if (v.isGroup(i)) {
      node.children = v.kids[i].map(build);
      node.layoutOptions = { 'elk.direction': elkDir[v.dir(i)], 'elk.padding': `[top=${PAD + v.g.size[2 * i + 1]},left=${PAD},bottom=${PAD},right=${PAD}]` };
      delete node.width; delete node.height;
    } else if (pinned?.ports.has(i)) {
      node.ports = pinned.ports.get(i);
      node.layoutOptions = { 'elk.portConstraints': 'FIXED_ORDER' };
    }
    return node;
  };
  const edges = v.f.edges.map((e, j) => {
    const [s, t] = pinned ? pinned.ends[j] : [String(v.g.edges[4 * j]), String(v.g.edges[4 * j + 1])];
    const edge = { id: `e${j}`, sources: [s], targets: [t] };
    if (v.g.edgeLabel[2 * j] > 0) edge.labels = [{ text: 'l', width: v.g.edgeLabel[2 * j], height: v.g.edgeLabel[2 * j + 1] }];
    return edge;
  });
  const graph = {
    id: 'root', children: v.roots.map(build), edges,
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': elkDir[DIRS[v.g.rootDirection]] ?? 'DOWN', 'elk.edgeRouting': 'ORTHOGONAL',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.json.shapeCoords': 'ROOT', 'elk.json.edgeCoords': 'ROOT',
      'elk.spacing.nodeNode': String(NODE_GAP), 'elk.layered.spacing.nodeNodeBetweenLayers': String(RANK_GAP),
      'elk.spacing.edgeEdge': String(EDGE_GAP), 'elk.layered.spacing.edgeNodeBetweenLayers': String(EDGE_GAP * 2),
    },
  };
  const out = await elk.layout(graph);
  const nodes = {};
  const walk = (list) => { for (const c of list ?? []) { nodes[v.f.ids[+c.id]] = { x: c.x, y: c.y, width: c.width, height: c.height }; walk(c.children); } };
  walk(out.children);
  const outEdges = [];
  const collect = (container) => {
    for (const e of container.edges ?? []) {
      const j = +e.id.slice(1);
      const pts = [];
      for (const s of e.sections ?? []) { pts.push([s.startPoint.x, s.startPoint.y]); for (const b of s.bendPoints ?? []) pts.push([b.x, b.y]); pts.push([s.endPoint.x, s.endPoint.y]); }
      outEdges.push({ source: v.f.edges[j].source, target: v.f.edges[j].target, points: pts });
    }
    for (const c of container.children ?? []) collect(c);
  };
  collect(out);
  return { width: out.width, height: out.height, nodes, edges: outEdges };
}

async function runDagre(v) {
  const dagre = (await import('dagre')).default;
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  const rankdir = { down: 'TB', right: 'LR', up: 'BT', left: 'RL' }[DIRS[v.g.rootDirection]] ?? 'TB';
  g.setGraph({ rankdir, nodesep: NODE_GAP, ranksep: RANK_GAP, edgesep: EDGE_GAP });
  g.setDefaultEdgeLabel(() => ({}));
  for (let i = 0; i < v.n; i++) {
    if (v.isGroup(i)) g.setNode(String(i), { label: v.f.ids[i], paddingTop: PAD + v.g.size[2 * i + 1] });
    else g.setNode(String(i), { width: v.g.size[2 * i], height: v.g.size[2 * i + 1] });
    if (v.g.parent[i] >= 0) g.setParent(String(i), String(v.g.parent[i]));
  }
  const kept = [];
  v.f.edges.forEach((e, j) => {
    const s = v.g.edges[4 * j], t = v.g.edges[4 * j + 1];
    if (v.isGroup(s) || v.isGroup(t)) return; // dagre cannot attach edges to clusters
    g.setEdge(String(s), String(t), { width: v.g.edgeLabel[2 * j], height: v.g.edgeLabel[2 * j + 1] }, `e${j}`);
    kept.push(j);
  });
  dagre.layout(g);
  const nodes = {};
  for (let i = 0; i < v.n; i++) { const d = g.node(String(i)); nodes[v.f.ids[i]] = { x: d.x - d.width / 2, y: d.y - d.height / 2, width: d.width, height: d.height }; }
  const edges = kept.map((j) => ({ source: v.f.edges[j].source, target: v.f.edges[j].target, points: g.edge({ v: String(v.g.edges[4 * j]), w: String(v.g.edges[4 * j + 1]), name: `e${j}` }).points.map((p) => [p.x, p.y]) }));
  const gg = g.graph();
  return { width: gg.width, height: gg.height, nodes, edges, skipped: v.f.edges.length - kept.length };
}

async function runDot(v) {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  const inch = (px) => (px / 72).toFixed(4);
  const lines = [`digraph G { rankdir=${{ down: 'TB', right: 'LR', up: 'BT', left: 'RL' }[DIRS[v.g.rootDirection]] ?? 'TB'}; splines=ortho; nodesep=${inch(NODE_GAP)}; ranksep=${inch(RANK_GAP)}; node [shape=box, fixedsize=true, label=""];`];
  const emit = (i) => {
    if (v.isGroup(i)) { lines.push(`subgraph "cluster_${i}" { margin=${PAD}; label=" "; `); v.kids[i].forEach(emit); lines.push('}'); }
    else lines.push(`"${i}" [width=${inch(v.g.size[2 * i])}, height=${inch(v.g.size[2 * i + 1])}];`);
  };
  v.roots.forEach(emit);
  const kept = [];
  v.f.edges.forEach((e, j) => {
    const s = v.g.edges[4 * j], t = v.g.edges[4 * j + 1];
    if (v.isGroup(s) || v.isGroup(t)) return;
    lines.push(`"${s}" -> "${t}";`); kept.push(j);
  });
  lines.push('}');
  const json = JSON.parse(graphviz.layout(lines.join('\n'), 'json', 'dot'));
  const [, , W, H] = json.bb.split(',').map(Number);
  const nodes = {};
  for (const o of json.objects ?? []) {
    if (o.name?.startsWith('cluster_')) {
      const [x0, y0, x1, y1] = o.bb.split(',').map(Number);
      nodes[v.f.ids[+o.name.slice(8)]] = { x: x0, y: H - y1, width: x1 - x0, height: y1 - y0 };
    } else if (o.pos) {
      const [x, y] = o.pos.split(',').map(Number), w = o.width * 72, h = o.height * 72;
      nodes[v.f.ids[+o.name]] = { x: x - w / 2, y: H - y - h / 2, width: w, height: h };
    }
  }
  const edges = (json.edges ?? []).map((e, k) => {
    const parts = (e.pos ?? '').split(' ');
    let end = null;
    const pts = [];
    for (const p of parts) {
      if (p.startsWith('e,')) { const [x, y] = p.slice(2).split(',').map(Number); end = [x, H - y]; continue; }
      if (p.startsWith('s,')) continue;
      const [x, y] = p.split(',').map(Number);
      if (!pts.length || pts[pts.length - 1][0] !== x || pts[pts.length - 1][1] !== H - y) pts.push([x, H - y]);
    }
    if (end) pts.push(end);
    const j = kept[k];
    return { source: v.f.edges[j].source, target: v.f.edges[j].target, points: pts };
  });
  return { width: W, height: H, nodes, edges, skipped: v.f.edges.length - kept.length };
}

/** Fastest ms of flatten and of each WASM phase over max(count, 7) runs (see --phases above). */
async function phaseTimes(count) {
  const ex = await createLayoutEngine();
  ex.setIncremental(false); // phases of full layouts
  const med = (a) => Math.min(...a);
  count = Math.max(count, 7);
  const flat = [];
  let g;
  for (let i = 0; i < count + 2; i++) { const t0 = performance.now(); g = flatten(doc, () => true, estimateMeasure()).graph; if (i >= 2) flat.push(performance.now() - t0); }
  const upTo = [];
  for (let p = 0; p <= 6; p++) {
    ex.stopAfter(p);
    const t = [];
    for (let i = 0; i < count + 2; i++) {
      const ms = ex.wasmMs(g);
      if (i >= 2) t.push(ms);
    }
    upTo.push(med(t));
  }
  ex.stopAfter(6);
  // a toggle: collapse the middle group after an all-expanded layout, full vs incremental (WASM ms)
  const groups = [...new Set(doc.nodes.map((n) => n.parent).filter(Boolean))];
  const tog = groups[groups.length >> 1];
  const g1 = flatten(doc, (id) => id !== tog, estimateMeasure()).graph;
  const L = (x) => ex.wasmMs(x);
  const toggle = {};
  for (const inc of [0, 1]) {
    ex.setIncremental(inc === 1);
    const t = [];
    for (let i = 0; i < count; i++) { L(g); t.push(L(g1)); }
    toggle[inc ? 'toggleIncremental' : 'toggleFull'] = med(t);
  }
  ex.setIncremental(true);
  const r = (x) => Math.round(Math.max(0, x) * 100) / 100;
  const names = ['setup+p0+output', 'p1 cycles', 'p2 layers', 'p3 order', 'p4 place', 'p5 route', 'p6 rotate'];
  const out = { flatten: r(med(flat)) };
  names.forEach((n, p) => { out[n] = r(p === 0 ? upTo[0] : upTo[p] - upTo[p - 1]); });
  out.wasmTotal = r(upTo[6]);
  out.toggleFull = r(toggle.toggleFull); out.toggleIncremental = r(toggle.toggleIncremental);
  return out;
}

const v = visible();
const run = { vz: runVz, elk: (x) => runElk(x), 'elk-ports': (x) => runElk(x, true), dagre: runDagre, dot: runDot }[engine];
if (!run) { console.error(`unknown engine ${engine}: use vz, elk, elk-ports, dagre or dot`); process.exit(2); }
const count = runs || (v.n > 20000 ? 3 : v.n > 2000 ? 5 : 9);
// warm-up runs are not timed: WASM starts in V8's baseline tier and JITs warm up (--warmup 0: cold)
const warmup = Number(opt('warmup', 2));
for (let i = 0; i < warmup; i++) await run(v);
const times = [], cpu = [];
let result;
for (let i = 0; i < count; i++) {
  const c0 = process.cpuUsage(), t0 = performance.now();
  result = await run(v);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
let phases;
if (opt('phases', null) !== null || args.includes('--phases')) phases = await phaseTimes(count);
const line = {
  engine, file: file.split('/').pop(), nodes: v.n, edges: v.f.edges.length, ms: Math.round(times[times.length >> 1] * 10) / 10,
  cpuMs: Math.round(cpu[cpu.length >> 1] * 10) / 10, runs: count, warmup,
  ...metrics(result, doc), ...(result.skipped ? { skippedEdges: result.skipped } : {}), ...(phases ? { phases } : {}),
};
console.log(JSON.stringify(line));
const out = opt('out');
if (out) fs.writeFileSync(out, JSON.stringify(line) + '\n', { flag: 'a' });
// --layout FILE: the last run's drawing ({ width, height, nodes: {id: box}, edges: [{source, target, points}] }), to look at
const drawn = opt('layout');
if (drawn) fs.writeFileSync(drawn, JSON.stringify(result));
