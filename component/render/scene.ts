/**
 * The scene: one layout of the visible graph in flat arrays, ready to draw and to hit-test.
 * Built once per layout (not per frame). Items are the nodes 0..n-1 and then the edges n..n+m-1.
 *
 * Level of detail: a group whose larger side is under INSIDE_PX on screen is drawn as a plain box,
 * without its insides. `showScale[item]` is the smallest zoom at which the item is drawn, so a frame
 * skips hidden insides with one comparison.
 */
import type { VzEdge, VzNode } from '../model/format.js';
import type { Flattened } from '../../layout-wasm/src/flatten.js';
import type { FlatLayout } from '../../layout-wasm/src/types.js';
import { FLAG_GROUP } from '../../layout-wasm/src/types.js';
import { SpatialGrid } from './spatial-grid.js';
import { runInSlices, SLICE_MS } from '../model/slices.js';

/** A group whose larger side is under this many screen pixels is drawn as a plain box. */
export const INSIDE_PX = 40;

export const enum Kind { Leaf = 0, Group = 1, Collapsed = 2 }

export interface Scene {
  n: number;
  m: number;
  /** Root flow direction code (0 down, 1 right, 2 up, 3 left). */
  direction: number;
  width: number;
  height: number;
  ids: string[];
  index: Map<string, number>;
  nodes: VzNode[];
  kind: Uint8Array;
  parent: Int32Array;
  /** Number of children in the document (collapsed groups show it). */
  childCount: Int32Array;
  boxes: Float64Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** How many document edges each drawn edge stands for (merged after lifting). */
  edgeCount: Int32Array;
  edgeDoc: Array<VzEdge | undefined>;
  offsets: Int32Array;
  points: Float64Array;
  /** Label box per edge: x, y, w, h (NaN x: no label). */
  labels: Float64Array;
  /** Edges at each node (CSR): edges of node i are adj[adjStart[i]..adjStart[i+1]). */
  adjStart: Int32Array;
  adj: Int32Array;
  showScale: Float32Array;
  /** Groups: the smallest zoom at which their insides are drawn. */
  insideScale: Float32Array;
  grid: SpatialGrid;
}

export function buildScene(f: Flattened, out: FlatLayout, nodes: Map<string, VzNode>, docEdges: VzEdge[],
  children: Map<string, string[]>): Scene {
  const it = sceneSteps(f, out, nodes, docEdges, children);
  for (;;) { const r = it.next(); if (r.done) return r.value; }
}

/**
 * buildScene() in slices of about `sliceMs` of main-thread time, yielding to the page between them:
 * a 100,000-node scene takes ~100 ms to build, too long for one task.
 */
export async function buildSceneInSlices(f: Flattened, out: FlatLayout, nodes: Map<string, VzNode>, docEdges: VzEdge[],
  children: Map<string, string[]>, sliceMs = SLICE_MS, progress?: (fraction: number) => void): Promise<Scene> {
  // sceneSteps yields about once per SLICE nodes or edges: five passes over the nodes, three over
  // the edges, and the grid's two over both at twice the rate.
  const steps = Math.max(1, (9 * f.ids.length + 7 * f.edgeDoc.length) / SLICE);
  const it = sceneSteps(f, out, nodes, docEdges, children);
  return (await runInSlices(it, { sliceMs, progress: (done) => progress?.(Math.min(1, done / steps)) }))!;
}

/** Items between two yields of sceneSteps(). */
const SLICE = 4096;

function* sceneSteps(f: Flattened, out: FlatLayout, nodes: Map<string, VzNode>, docEdges: VzEdge[],
  children: Map<string, string[]>): Generator<void, Scene> {
  const n = f.ids.length, m = f.edgeDoc.length;
  const g = f.graph;
  const kind = new Uint8Array(n), childCount = new Int32Array(n);
  const list: VzNode[] = new Array(n);
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = f.ids[i];
    index.set(id, i);
    list[i] = nodes.get(id)!;
    childCount[i] = children.get(id)?.length ?? 0;
    kind[i] = g.flags[i] & FLAG_GROUP ? Kind.Group : childCount[i] > 0 ? Kind.Collapsed : Kind.Leaf;
    if (i % SLICE === SLICE - 1) yield;
  }
  const boxes = out.boxes;
  const showScale = new Float32Array(n + m);
  // Parents come before children, so one forward pass computes each group's inside scale.
  const insideScale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = g.parent[i];
    showScale[i] = p >= 0 ? insideScale[p] : 0;
    if (kind[i] === Kind.Group) insideScale[i] = Math.max(showScale[i], INSIDE_PX / Math.max(1, boxes[4 * i + 2], boxes[4 * i + 3]));
    if (i % SLICE === SLICE - 1) yield;
  }

  const depth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    depth[i] = g.parent[i] >= 0 ? depth[g.parent[i]] + 1 : 0;
    if (i % SLICE === SLICE - 1) yield;
  }
  const edgeSource = new Int32Array(m), edgeTarget = new Int32Array(m), edgeCount = new Int32Array(m);
  const edgeDoc: Array<VzEdge | undefined> = new Array(m);
  const labels = new Float64Array(4 * m);
  const degree = new Int32Array(n + 1);
  for (let j = 0; j < m; j++) {
    const s = g.edges[4 * j], t = g.edges[4 * j + 1];
    edgeSource[j] = s; edgeTarget[j] = t;
    edgeCount[j] = f.edgeCount[j];
    edgeDoc[j] = docEdges[f.edgeDoc[j]];
    degree[s]++;
    if (t !== s) degree[t]++;
    labels[4 * j] = out.labels[2 * j];
    labels[4 * j + 1] = out.labels[2 * j + 1];
    labels[4 * j + 2] = g.edgeLabel[2 * j];
    labels[4 * j + 3] = g.edgeLabel[2 * j + 1];
    // An edge is routed inside the lowest group holding both ends: it is drawn when that group's
    // insides are. Where an end is hidden (inside a group drawn plain), the plain box covers it.
    const lca = commonGroup(g.parent, depth, s, t);
    showScale[n + j] = lca < 0 ? 0 : insideScale[lca];
    if (j % SLICE === SLICE - 1) yield;
  }
  const adjStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    adjStart[i + 1] = adjStart[i] + degree[i];
    if (i % SLICE === SLICE - 1) yield;
  }
  const fill = adjStart.slice(0, n);
  const adj = new Int32Array(adjStart[n]);
  for (let j = 0; j < m; j++) {
    adj[fill[edgeSource[j]]++] = j;
    if (edgeTarget[j] !== edgeSource[j]) adj[fill[edgeTarget[j]]++] = j;
    if (j % SLICE === SLICE - 1) yield;
  }

  const grid = new SpatialGrid(out.width, out.height, n + m);
  for (let i = 0; i < n; i++) {
    grid.insert(i, boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    if (i % SLICE === SLICE - 1) yield;
  }
  for (let j = 0; j < m; j++) {
    insertEdge(grid, out, labels, n, j);
    if (j % SLICE === SLICE - 1) yield;
  }
  yield* grid.sealSteps();
  yield;
  return {
    n, m, direction: g.rootDirection, width: out.width, height: out.height, ids: f.ids, index, nodes: list, kind, parent: g.parent, childCount, boxes,
    edgeSource, edgeTarget, edgeCount, edgeDoc, offsets: out.offsets, points: out.points, labels, adjStart, adj, showScale, insideScale, grid,
  };
}

/**
 * Puts edge j (its route and label box) in the grid. A function of its own, not inline in
 * sceneSteps: number variables of a generator are boxed at every write, ~10 MB of garbage at 100k.
 */
function insertEdge(grid: SpatialGrid, out: FlatLayout, labels: Float64Array, n: number, j: number) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let p = out.offsets[j]; p < out.offsets[j + 1]; p++) {
    const x = out.points[2 * p], y = out.points[2 * p + 1];
    if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  if (!Number.isNaN(labels[4 * j])) {
    x0 = Math.min(x0, labels[4 * j]); y0 = Math.min(y0, labels[4 * j + 1]);
    x1 = Math.max(x1, labels[4 * j] + labels[4 * j + 2]); y1 = Math.max(y1, labels[4 * j + 1] + labels[4 * j + 3]);
  }
  if (x0 <= x1) grid.insert(n + j, x0 - 6, y0 - 6, x1 - x0 + 12, y1 - y0 + 12);
}

/** The lowest expanded group containing both a and b (a node contains itself if it is a group), -1: the root. */
function commonGroup(parent: Int32Array, depth: Int32Array, a: number, b: number): number {
  if (a === b) return parent[a];
  while (depth[a] > depth[b]) a = parent[a];
  while (depth[b] > depth[a]) b = parent[b];
  while (a !== b) { a = parent[a]; b = parent[b]; }
  return a;
}

/** The topmost drawn node at world point (x, y) at zoom k, or -1. Leaves win over the groups around them. */
export function hitTest(s: Scene, x: number, y: number, k: number): number {
  let best = -1;
  for (const item of s.grid.query(x, y, x, y)) {
    if (item >= s.n || s.showScale[item] > k) continue;
    const b = 4 * item;
    if (x < s.boxes[b] || y < s.boxes[b + 1] || x > s.boxes[b] + s.boxes[b + 2] || y > s.boxes[b + 1] + s.boxes[b + 3]) continue;
    // Later nodes are deeper (parents come first), so the largest index is the innermost.
    if (item > best) best = item;
  }
  return best;
}

/** What a press at world point (x, y) means: open or close a group, select a node, or clear. */
export type Pick = { action: 'toggle'; id: string; expanded: boolean } | { action: 'select'; id: string } | { action: 'clear' };

/** A collapsed group opens anywhere; an expanded group closes by its header band; the rest selects. */
export function pick(s: Scene, x: number, y: number, k: number, header: number): Pick {
  const i = hitTest(s, x, y, k);
  if (i < 0) return { action: 'clear' };
  const id = s.ids[i];
  if (s.kind[i] === Kind.Collapsed) return { action: 'toggle', id, expanded: true };
  if (s.kind[i] === Kind.Group && y - s.boxes[4 * i + 1] <= header && k >= s.insideScale[i]) return { action: 'toggle', id, expanded: false };
  return { action: 'select', id };
}
