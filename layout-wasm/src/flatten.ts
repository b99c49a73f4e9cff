/**
 * flatten(): a format-v1 document + which groups are expanded → the FlatGraph the WASM layout reads.
 *
 * Preconditions: the document passed the validator (but odd input never crashes or hangs here:
 * unknown ids are skipped, parent cycles make the nodes on them invisible).
 * Postconditions:
 *  1. flat node i ↔ ids[i] is a visible node: every ancestor is an expanded group;
 *  2. parents come before children (a depth-first walk in document order);
 *  3. every edge end is its nearest visible ancestor; an edge whose lifted ends coincide is dropped
 *     unless it is a true self-loop; duplicates after lifting are merged (`count`);
 *     a lifted end loses its port (the port belonged to the hidden node);
 *  4. a label is measured once per tensor and place: an edge whose label text equals that of an
 *     earlier edge from the same (lifted) source and source port, routed in the same group (the
 *     lowest common one, or its step column), gets no label box (size 0, 0). The layout draws such a fan-out as one trunk that
 *     branches off to each target (layout-wasm p2b/p5), so the shape is written once, on the trunk.
 */
import type { LayoutResult, VzDocument, VzNode } from '../../component/model/format.js';
import { DEFAULT_OPTIONS, FLAG_DIR_SHIFT, FLAG_GROUP, Opt, type FlatGraph, type FlatLayout } from './types.js';

export interface Measure {
  /** group = true: the node is an *expanded* group; return its header band (width = the group's
   *  minimum width, height = the band's height). group = false: the box of a leaf or collapsed group. */
  node(node: VzNode, group: boolean): { width: number; height: number };
  edgeLabel(text: string): { width: number; height: number };
}

export interface Flattened {
  graph: FlatGraph;
  /** flat node i ↔ ids[i] */
  ids: string[];
  edges: Array<{ edge: number; count: number; source: string; target: string }>;
}

export type FlattenOptions = Partial<{ nodeGap: number; rankGap: number; groupPad: number; edgeGap: number }>;

const DIR_CODE: Record<string, number> = { down: 0, right: 1, up: 2, left: 3 };

/** No DOM: about 7 px per character at 12 px, for Node (benchmarks, tests, tools). */
export function estimateMeasure(): Measure {
  const text = (s: string) => Math.ceil(s.length * 7);
  return {
    node(node, group) {
      const label = String(node.label ?? node.id);
      if (group) return { width: text(label) + 24, height: 24 };
      return { width: Math.max(48, text(label) + 20), height: 30 };
    },
    edgeLabel(s) {
      return { width: text(s) + 6, height: 16 };
    },
  };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function flatten(doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure, options: FlattenOptions = {}): Flattened {
  const it = flattenSteps(doc, isExpanded, measure, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** flattenSteps() yields once per this many items (nodes walked or measured, edges lifted). */
const STEP = 1024;

/**
 * flatten() that can be paused: it yields about every STEP items, so a caller on the main thread
 * can run it in slices (see LayoutController) instead of one long task (0.4 s at 100k nodes).
 * Its result is flatten()'s. A change to the document or to isExpanded() while it is paused gives
 * a mixed (never crashing) result: drop it (LayoutController does: such a change comes with a
 * newer request, which stops the stale one at its next slice).
 */
export function* flattenSteps(doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure, options: FlattenOptions = {}): Generator<void, Flattened> {
  let work = 0;
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const docEdges = Array.isArray(doc.edges) ? doc.edges : [];
  const byId = new Map<string, VzNode>();
  for (const node of nodes) {
    if (node && typeof node.id === 'string' && !byId.has(node.id)) byId.set(node.id, node);
    if (++work % STEP === 0) yield;
  }
  const children = new Map<string, VzNode[]>();
  const roots: VzNode[] = [];
  for (const node of byId.values()) {
    const p = node.parent;
    if (typeof p === 'string' && byId.has(p) && p !== node.id) {
      let list = children.get(p);
      if (!list) children.set(p, (list = []));
      list.push(node);
    } else roots.push(node);
    if (++work % STEP === 0) yield;
  }

  // Depth-first walk in document order; only reachable nodes (parent cycles are never reached).
  const ids: string[] = [];
  const index = new Map<string, number>();
  const parentIdx: number[] = [];
  const expandedGroup: boolean[] = [];
  const visible: VzNode[] = [];
  const stackNode: VzNode[] = [], stackParent: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) { stackNode.push(roots[i]); stackParent.push(-1); }
  while (stackNode.length) {
    const node = stackNode.pop()!, parent = stackParent.pop()!;
    if (index.has(node.id)) continue;
    const i = ids.length;
    index.set(node.id, i);
    ids.push(node.id);
    visible.push(node);
    parentIdx.push(parent);
    const kids = children.get(node.id);
    const open = !!kids && kids.length > 0 && isExpanded(node.id);
    expandedGroup.push(open);
    if (open) for (let k = kids!.length - 1; k >= 0; k--) { stackNode.push(kids![k]); stackParent.push(i); }
    if (++work % STEP === 0) yield;
  }

  const n = ids.length;
  const flags = new Int32Array(n), size = new Float64Array(2 * n), step = new Int32Array(n), align = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const node = visible[i];
    const open = expandedGroup[i];
    const dir = DIR_CODE[node.direction as string] ?? 0;
    flags[i] = (open ? FLAG_GROUP : 0) | (dir << FLAG_DIR_SHIFT);
    const m = measure.node(node, open);
    let w = finite(m.width) ? m.width : 0, h = finite(m.height) ? m.height : 0;
    if (!open) {
      if (finite(node.width)) w = Math.max(w, node.width);
      if (finite(node.height)) h = Math.max(h, node.height);
    }
    size[2 * i] = Math.max(0, w);
    size[2 * i + 1] = Math.max(0, h);
    step[i] = finite(node.step) ? Math.max(-1, Math.floor(node.step)) : -1;
    if (++work % STEP === 0) yield;
  }
  if (Array.isArray(doc.align)) {
    let set = 0;
    for (const list of doc.align) {
      if (!Array.isArray(list)) continue;
      for (const id of list) {
        const i = typeof id === 'string' ? index.get(id) : undefined;
        if (i !== undefined) align[i] = set;
      }
      set++;
    }
  }

  // Nearest visible ancestor of every document node (memoised walk up; guards parent cycles).
  const lifted = new Map<string, number>();
  const lift = (id: string): number => {
    const direct = index.get(id);
    if (direct !== undefined) return direct;
    const known = lifted.get(id);
    if (known !== undefined) return known;
    const path: string[] = [];
    let cur: string | undefined = id;
    let found = -1;
    const seen = new Set<string>();
    while (cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      const hit = index.get(cur) ?? lifted.get(cur);
      if (hit !== undefined) { found = hit; break; }
      path.push(cur);
      const p: unknown = byId.get(cur)?.parent;
      cur = typeof p === 'string' && byId.has(p) ? p : undefined;
    }
    for (const p of path) lifted.set(p, found);
    return found;
  };

  const out: Flattened['edges'] = [];
  const edgeList: number[] = [];
  const labels: number[] = [];
  const merged = new Map<number | string, number>();
  const labelled = new Set<string>(); // source, source port, where the edge is routed, text (postcondition 4)
  const depthOf = (i: number) => { let d = 0; for (let p = parentIdx[i]; p >= 0; p = parentIdx[p]) d++; return d; };
  /** Where the layout routes the edge s → t: the lowest common group, and inside it the step
   *  column when both ends lie in children of one step (the layout's virtual columns). */
  const routedIn = (a: number, b: number) => {
    if (a === b) return `${a}`;
    let da = depthOf(a), db = depthOf(b);
    while (da > db) { a = parentIdx[a]; da--; }
    while (db > da) { b = parentIdx[b]; db--; }
    if (a === b) return `${a}`; // one end contains the other
    while (parentIdx[a] !== parentIdx[b]) { a = parentIdx[a]; b = parentIdx[b]; }
    return step[a] >= 0 && step[a] === step[b] ? `${parentIdx[a]}:${step[a]}` : `${parentIdx[a]}`;
  };
  for (let e = 0; e < docEdges.length; e++) {
    if (++work % STEP === 0) yield;
    const edge = docEdges[e];
    if (!edge || typeof edge.source !== 'string' || typeof edge.target !== 'string') continue;
    const s = lift(edge.source), t = lift(edge.target); // -1 for unknown ids
    if (s < 0 || t < 0) continue;
    if (s === t && edge.source !== edge.target) continue;
    const sp = ids[s] === edge.source && finite(edge.sourcePort) ? edge.sourcePort : -1;
    const tp = ids[t] === edge.target && finite(edge.targetPort) ? edge.targetPort : -1;
    // numeric keys while they stay exact (ports < 63), else a string
    const key = sp < 63 && tp < 63 ? (s * n + t) * 4096 + (sp + 1) * 64 + (tp + 1) : `${s} ${t} ${sp} ${tp}`;
    const at = merged.get(key);
    if (at !== undefined) { out[at].count++; continue; }
    merged.set(key, out.length);
    out.push({ edge: e, count: 1, source: ids[s], target: ids[t] });
    edgeList.push(s, t, sp, tp);
    const text = typeof edge.label === 'string' ? edge.label : '';
    const labelKey = text ? `${s} ${sp} ${routedIn(s, t)} ${text}` : '';
    if (labelKey && !labelled.has(labelKey)) {
      labelled.add(labelKey);
      const m = measure.edgeLabel(text);
      labels.push(finite(m.width) ? m.width : 0, finite(m.height) ? m.height : 0);
    } else labels.push(0, 0);
  }

  const opt = new Float64Array(DEFAULT_OPTIONS);
  if (finite(options.nodeGap)) opt[Opt.NodeGap] = options.nodeGap;
  if (finite(options.rankGap)) opt[Opt.RankGap] = options.rankGap;
  if (finite(options.groupPad)) opt[Opt.GroupPad] = options.groupPad;
  if (finite(options.edgeGap)) opt[Opt.EdgeGap] = options.edgeGap;
  const graph: FlatGraph = {
    parent: Int32Array.from(parentIdx), flags, size, step, align,
    edges: Int32Array.from(edgeList), edgeLabel: Float64Array.from(labels),
    rootDirection: DIR_CODE[doc.direction as string] ?? 0, options: opt,
  };
  return { graph, ids, edges: out };
}

/** FlatLayout → DESIGN.md's result form: absolute coordinates, origin top-left, y down. */
export function toLayoutResult(f: Flattened, out: FlatLayout, doc: VzDocument): LayoutResult {
  const nodes: LayoutResult['nodes'] = {};
  const b = out.boxes;
  for (let i = 0; i < f.ids.length; i++) nodes[f.ids[i]] = { x: b[4 * i], y: b[4 * i + 1], width: b[4 * i + 2], height: b[4 * i + 3] };
  const edges: LayoutResult['edges'] = [];
  const docEdges = Array.isArray(doc.edges) ? doc.edges : [];
  for (let j = 0; j < f.edges.length; j++) {
    const e = f.edges[j];
    const points: Array<[number, number]> = [];
    for (let p = out.offsets[j]; p < out.offsets[j + 1]; p++) points.push([out.points[2 * p], out.points[2 * p + 1]]);
    const item: LayoutResult['edges'][number] = { source: e.source, target: e.target, points };
    const id = docEdges[e.edge]?.id;
    if (typeof id === 'string') item.id = id;
    const lx = out.labels[2 * j], ly = out.labels[2 * j + 1];
    if (!Number.isNaN(lx)) item.label = { x: lx, y: ly, width: f.graph.edgeLabel[2 * j], height: f.graph.edgeLabel[2 * j + 1] };
    edges.push(item);
  }
  return { width: out.width, height: out.height, nodes, edges };
}
