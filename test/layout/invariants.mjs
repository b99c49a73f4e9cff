// Whole-layout invariants, shared by the layout tests, the fuzz test and the benchmark.
import { flatten, estimateMeasure, toLayoutResult, createLayoutEngine, DEFAULT_OPTIONS } from '../../dist/layout.mjs';

let enginePromise;
export const engine = () => (enginePromise ??= createLayoutEngine());
const EPS = 0.01;

/** Flatten + layout + result. expanded: predicate, default all expanded. */
export async function run(doc, { isExpanded = () => true, options = {} } = {}) {
  const f = flatten(doc, isExpanded, estimateMeasure(), options);
  const out = (await engine()).run(f.graph);
  return { f, out, result: toLayoutResult(f, out, doc) };
}

/** Raw bytes of a layout, for determinism checks. */
export function bytes(out) {
  return Buffer.concat([out.boxes, out.labels, out.offsets, out.points].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))).toString('base64');
}

const onBorder = (p, b) => {
  const [x, y] = p;
  const inX = x >= b.x - EPS && x <= b.x + b.width + EPS, inY = y >= b.y - EPS && y <= b.y + b.height + EPS;
  if (!inX || !inY) return false;
  return Math.abs(x - b.x) < EPS || Math.abs(x - b.x - b.width) < EPS || Math.abs(y - b.y) < EPS || Math.abs(y - b.y - b.height) < EPS;
};

/** Does the axis-parallel segment a→b pass through the interior of box? */
function crosses(a, b, box) {
  const x0 = Math.min(a[0], b[0]), x1 = Math.max(a[0], b[0]), y0 = Math.min(a[1], b[1]), y1 = Math.max(a[1], b[1]);
  return x1 > box.x + 0.5 && x0 < box.x + box.width - 0.5 && y1 > box.y + 0.5 && y0 < box.y + box.height - 0.5;
}

/** Spatial grid over boxes so the through-box check stays fast on big layouts. */
function grid(boxes, cell) {
  const map = new Map();
  boxes.forEach((b, i) => {
    for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.width) / cell); gx++)
      for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.height) / cell); gy++) {
        const k = gx * 100003 + gy;
        let l = map.get(k); if (!l) map.set(k, (l = [])); l.push(i);
      }
  });
  return (a, b) => {
    const out = new Set();
    for (let gx = Math.floor(Math.min(a[0], b[0]) / cell); gx <= Math.floor(Math.max(a[0], b[0]) / cell); gx++)
      for (let gy = Math.floor(Math.min(a[1], b[1]) / cell); gy <= Math.floor(Math.max(a[1], b[1]) / cell); gy++)
        for (const i of map.get(gx * 100003 + gy) ?? []) out.add(i);
    return out;
  };
}

/**
 * Segments of different edges that lie on one line and overlap (more than half a pixel), as pairs
 * [i, j] of edge indexes. Parallel runs get separate tracks, except one hyperedge's: edges that
 * leave one source port (a fan-out's trunk) or enter one target (a bus, a comb into it) share them.
 */
export function sharedSegments({ result }) {
  const lines = new Map();
  result.edges.forEach((e, j) => {
    const p = e.points;
    for (let k = 0; k + 1 < p.length; k++) {
      const [a, b] = [p[k], p[k + 1]];
      const v = Math.abs(a[0] - b[0]) < 1e-6;
      if (!v && Math.abs(a[1] - b[1]) >= 1e-6) continue;
      const at = v ? a[0] : a[1], lo = Math.min(v ? a[1] : a[0], v ? b[1] : b[0]), hi = Math.max(v ? a[1] : a[0], v ? b[1] : b[0]);
      const key = `${v ? 'v' : 'h'}${Math.round(at * 1000)}`;
      let l = lines.get(key); if (!l) lines.set(key, (l = [])); l.push([lo, hi, j]);
    }
  });
  const pairs = [];
  for (const l of lines.values()) {
    l.sort((x, y) => x[0] - y[0]);
    for (let a = 0; a < l.length; a++)
      for (let b = a + 1; b < l.length && l[b][0] < l[a][1] - 0.5; b++)
        if (l[a][2] !== l[b][2] && Math.min(l[a][1], l[b][1]) - l[b][0] > 0.5) pairs.push([l[a][2], l[b][2]]);
  }
  return pairs;
}

/** Are flat edges i and j one hyperedge: the same source and source port, or the same target? */
export function related(f, i, j) {
  const E = f.graph.edges;
  return (E[4 * i] === E[4 * j] && E[4 * i + 2] === E[4 * j + 2]) || E[4 * i + 1] === E[4 * j + 1];
}

/**
 * Checks a layout. Returns { problems: string[] (hard failures), throughBoxes, labelOverlaps, shared, unrelated }.
 * Hard: sibling overlap, child outside parent padding / under header, non-orthogonal edge,
 * endpoints off their boxes' borders. Counted: segments through foreign boxes, labels on boxes,
 * overlapping segment pairs of one hyperedge (shared: allowed) and of unrelated edges (unrelated:
 * must be 0 on the fixtures, the models and the fuzz corpus).
 */
export function check({ f, out, result }, options = {}) {
  const pad = options.groupPad ?? DEFAULT_OPTIONS[2];
  const problems = [];
  const n = f.ids.length;
  const box = (i) => ({ x: out.boxes[4 * i], y: out.boxes[4 * i + 1], width: out.boxes[4 * i + 2], height: out.boxes[4 * i + 3] });
  const boxes = Array.from({ length: n }, (_, i) => box(i));
  const parent = f.graph.parent;
  for (let i = 0; i < n; i++) {
    const b = boxes[i];
    if (![b.x, b.y, b.width, b.height].every(Number.isFinite)) problems.push(`node ${f.ids[i]}: non-finite box`);
  }
  // siblings
  const kids = new Map();
  for (let i = 0; i < n; i++) { const p = parent[i]; if (!kids.has(p)) kids.set(p, []); kids.get(p).push(i); }
  for (const [p, list] of kids) {
    const sorted = [...list].sort((a, b) => boxes[a].x - boxes[b].x);
    for (let a = 0; a < sorted.length; a++) {
      const A = boxes[sorted[a]];
      for (let b = a + 1; b < sorted.length; b++) {
        const B = boxes[sorted[b]];
        if (B.x >= A.x + A.width - 0.5) break;
        if (B.y < A.y + A.height - 0.5 && A.y < B.y + B.height - 0.5) problems.push(`overlap: ${f.ids[sorted[a]]} and ${f.ids[sorted[b]]}`);
      }
    }
    if (p >= 0) {
      const P = boxes[p], header = f.graph.size[2 * p + 1];
      for (const c of list) {
        const C = boxes[c];
        if (C.x < P.x + pad - EPS || C.x + C.width > P.x + P.width - pad + EPS || C.y < P.y + header + pad - EPS || C.y + C.height > P.y + P.height - pad + EPS)
          problems.push(`child ${f.ids[c]} not inside ${f.ids[p]} with padding`);
      }
    }
  }
  // edges
  const index = new Map(f.ids.map((id, i) => [id, i]));
  const ancestors = (i) => { const s = new Set(); for (let p = i; p >= 0; p = parent[p]) s.add(p); return s; };
  const near = grid(boxes, 200);
  let throughBoxes = 0, labelOverlaps = 0;
  result.edges.forEach((e, j) => {
    const pts = e.points;
    const s = index.get(e.source), t = index.get(e.target);
    if (pts.length < 2) { problems.push(`edge ${j} ${e.source}→${e.target}: ${pts.length} points`); return; }
    for (let k = 0; k + 1 < pts.length; k++) {
      const [a, b] = [pts[k], pts[k + 1]];
      if (!(Math.abs(a[0] - b[0]) < 1e-6 || Math.abs(a[1] - b[1]) < 1e-6)) { problems.push(`edge ${j} ${e.source}→${e.target}: segment ${k} not orthogonal`); break; }
      if (!pts.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) { problems.push(`edge ${j}: non-finite point`); break; }
    }
    if (!onBorder(pts[0], boxes[s])) problems.push(`edge ${j} ${e.source}→${e.target}: first point not on the source border`);
    if (!onBorder(pts[pts.length - 1], boxes[t])) problems.push(`edge ${j} ${e.source}→${e.target}: last point not on the target border`);
    const own = new Set([...ancestors(s), ...ancestors(t)]);
    for (let k = 0; k + 1 < pts.length; k++) {
      for (const i of near(pts[k], pts[k + 1])) if (!own.has(i) && crosses(pts[k], pts[k + 1], boxes[i])) { throughBoxes++; if (options.verbose) console.log('through', e.source, e.target, f.ids[i]); }
    }
    if (e.label) {
      const L = e.label;
      for (const i of near([L.x, L.y], [L.x + L.width, L.y + L.height])) {
        if (own.has(i) && (i !== s && i !== t)) continue;
        const B = boxes[i];
        if (L.x < B.x + B.width - 0.5 && B.x < L.x + L.width - 0.5 && L.y < B.y + B.height - 0.5 && B.y < L.y + L.height - 0.5) labelOverlaps++;
      }
    }
  });
  let shared = 0, unrelated = 0;
  for (const [i, j] of sharedSegments({ result })) {
    if (related(f, i, j)) shared++;
    else { unrelated++; if (options.verbose) console.log('overlap', result.edges[i].source, result.edges[i].target, result.edges[j].source, result.edges[j].target); }
  }
  return { problems, throughBoxes, labelOverlaps, shared, unrelated };
}
