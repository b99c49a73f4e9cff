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
 *     lowest common one, or its step column), gets no label box (size 0, 0). The layout draws such
 *     a fan-out as one trunk that branches off to each target (layout-wasm nets.ts, p5), so the
 *     shape is written once, on the trunk.
 */
import type { LayoutResult, VzDocument, VzEdge, VzNode } from '../../component/model/format.js';
import { DEFAULT_OPTIONS, FLAG_DIR_SHIFT, FLAG_GROUP, Opt, type FlatGraph, type FlatLayout } from './types.js';

export interface Measure {
  /** group = true: the node is an *expanded* group; return its header band (width = the group's
   *  minimum width, height = the band's height). group = false: the box of a leaf or collapsed group. */
  node(node: VzNode, group: boolean): { width: number; height: number };
  edgeLabel(text: string): { width: number; height: number };
}

/**
 * flatten()'s result. Flat edge j is `graph.edges[4j..4j+3]` (source, target, ports), drawn for
 * document edge `edgeDoc[j]`, with `edgeCount[j]` document edges merged into it. Typed arrays, not
 * an object per edge: at 100k nodes those were ~166k long-lived objects on the main thread's heap.
 */
export class Flattened {
  #list?: Array<{ edge: number; count: number; source: string; target: string }>;
  constructor(
    readonly graph: FlatGraph,
    /** flat node i ↔ ids[i] */
    readonly ids: string[],
    readonly edgeDoc: Int32Array,
    readonly edgeCount: Int32Array,
  ) {}

  /** The flat edges as objects, built on first use (tools and tests; hot paths read the arrays). */
  get edges(): Array<{ edge: number; count: number; source: string; target: string }> {
    if (!this.#list) {
      const e = this.graph.edges;
      this.#list = Array.from(this.edgeDoc, (edge, j) => ({ edge, count: this.edgeCount[j], source: this.ids[e[4 * j]], target: this.ids[e[4 * j + 1]] }));
    }
    return this.#list;
  }
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
  const f = new Flattener(doc, isExpanded, measure, options);
  while (!f.step(1 << 30));
  return f.result!;
}

/** flattenSteps() yields once per this many items (nodes walked or measured, edges lifted). */
const STEP = 1024;

/**
 * flatten() that can be paused: it yields about every STEP items, so a caller on the main thread
 * can run it in slices (see LayoutController) instead of one long task (0.4 s at 100k nodes).
 * Its result is flatten()'s. A change to the document or to isExpanded() while it is paused gives
 * a mixed (never crashing) result: drop it (LayoutController does: such a change comes with a
 * newer request, which stops the stale one at its next slice).
 * The generator holds only a Flattener: its state lives in the object's fields and typed arrays,
 * so pausing boxes nothing.
 */
export function* flattenSteps(doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure, options: FlattenOptions = {}): Generator<void, Flattened> {
  const f = new Flattener(doc, isExpanded, measure, options);
  while (!f.step(STEP)) yield;
  return f.result!;
}

const enum Phase { Index, Parents, Children, Walk, Measure, Edges, Done }

/** `a` cut to `length` (a copy only when it is shorter: no merged or dropped edges, no hidden nodes → none). */
function fit<T extends Int32Array | Float64Array>(a: T, length: number): T {
  return (a.length === length ? a : a.slice(0, length)) as T;
}

/** No lifted end known yet (liftOf). */
const UNKNOWN = -2;

/**
 * flatten() as a state machine: `step(budget)` does about `budget` items of work and returns true
 * when `result` is ready. Nodes are numbered once (u: first occurrence of each id, in document
 * order) and everything after that is typed arrays indexed by u or by flat index: children as
 * offsets into one list (no array per group), the walk's stack, the lifted ends, and the edge
 * merge table (open addressing over the numeric edge keys). Allocation per call: one Map (id → u),
 * `ids`, the measure's return values, and the output arrays.
 */
class Flattener {
  result: Flattened | undefined;
  #phase = Phase.Index;
  #cursor = 0;
  readonly #nodes: VzNode[];
  readonly #docEdges: VzEdge[];
  /** id → u (first occurrence) and u → node */
  readonly #byId = new Map<string, number>();
  readonly #uNode: VzNode[] = [];
  /** per u: the parent that makes it a child (-1: a root); the parent walked up when lifting (-1: none) */
  #parentU!: Int32Array;
  #upU!: Int32Array;
  /** children of u: childList[childStart[u] .. childStart[u + 1]), document order */
  #childStart!: Int32Array;
  #childList!: Int32Array;
  #childFill!: Int32Array;
  /** the depth-first walk: stack of (u, flat parent) */
  #stackU!: Int32Array;
  #stackParent!: Int32Array;
  #top = 0;
  /** per u: flat index (-1: not visible); nearest visible ancestor (UNKNOWN, -1: none) */
  #flatOf!: Int32Array;
  #liftOf!: Int32Array;
  #seen!: Int32Array;
  #stamp = 0;
  #path!: Int32Array;
  /** per flat node */
  readonly #ids: string[] = [];
  #uOf!: Int32Array;
  #parentIdx!: Int32Array;
  #open!: Uint8Array;
  #flags!: Int32Array;
  #size!: Float64Array;
  #stepCol!: Int32Array;
  #align!: Int32Array;
  /** per flat edge, and the merge table (slot → flat edge + 1) with each flat edge's numeric key */
  #m = 0;
  #edgeList!: Int32Array;
  #labels!: Float64Array;
  #edgeDoc!: Int32Array;
  #edgeCount!: Int32Array;
  #edgeKey!: Float64Array;
  #table!: Int32Array;
  #mask = 0;
  readonly #wide = new Map<string, number>();
  /** postcondition 4: per (source, source port) the labelled edges kept so far, chained through
   *  labelNext, each with where it is routed (labelRoute); only distinct (route, text) pairs join */
  readonly #labelHead = new Map<number, number>();
  #labelNext!: Int32Array;
  #labelRoute!: Float64Array;

  readonly #doc: VzDocument;
  readonly #isExpanded: (id: string) => boolean;
  readonly #measure: Measure;
  readonly #options: FlattenOptions;

  constructor(doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure, options: FlattenOptions) {
    this.#doc = doc;
    this.#isExpanded = isExpanded;
    this.#measure = measure;
    this.#options = options;
    this.#nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
    this.#docEdges = Array.isArray(doc.edges) ? doc.edges : [];
  }

  step(budget: number): boolean {
    while (budget > 0) {
      switch (this.#phase) {
        case Phase.Index: budget = this.#index(budget); break;
        case Phase.Parents: budget = this.#parents(budget); break;
        case Phase.Children: budget = this.#children(budget); break;
        case Phase.Walk: budget = this.#walk(budget); break;
        case Phase.Measure: budget = this.#sizes(budget); break;
        case Phase.Edges: budget = this.#edges(budget); break;
        case Phase.Done: return true;
      }
    }
    return this.#phase === Phase.Done;
  }

  #next(phase: Phase) { this.#phase = phase; this.#cursor = 0; }

  #index(budget: number): number {
    const nodes = this.#nodes, byId = this.#byId, uNode = this.#uNode;
    let i = this.#cursor;
    for (; i < nodes.length && budget > 0; i++, budget--) {
      const node = nodes[i];
      if (node && typeof node.id === 'string' && !byId.has(node.id)) { byId.set(node.id, uNode.length); uNode.push(node); }
    }
    this.#cursor = i;
    if (i >= nodes.length) {
      const u = uNode.length;
      this.#parentU = new Int32Array(u); this.#upU = new Int32Array(u);
      this.#childStart = new Int32Array(u + 1); this.#childList = new Int32Array(u); this.#childFill = new Int32Array(u);
      this.#flatOf = new Int32Array(u).fill(-1);
      this.#next(Phase.Parents);
    }
    return budget;
  }

  #parents(budget: number): number {
    const uNode = this.#uNode, byId = this.#byId, parentU = this.#parentU, upU = this.#upU, count = this.#childStart;
    let u = this.#cursor;
    for (; u < uNode.length && budget > 0; u++, budget--) {
      const node = uNode[u], p = node.parent;
      const pu = typeof p === 'string' ? byId.get(p) : undefined;
      upU[u] = pu ?? -1;
      if (pu !== undefined && p !== node.id) { parentU[u] = pu; count[pu + 1]++; } else parentU[u] = -1;
    }
    this.#cursor = u;
    if (u >= uNode.length) {
      for (let k = 0; k < uNode.length; k++) count[k + 1] += count[k];
      this.#next(Phase.Children);
    }
    return budget;
  }

  #children(budget: number): number {
    const n = this.#uNode.length, parentU = this.#parentU, start = this.#childStart, list = this.#childList, fill = this.#childFill;
    let u = this.#cursor;
    for (; u < n && budget > 0; u++, budget--) {
      const p = parentU[u];
      if (p >= 0) list[start[p] + fill[p]++] = u;
    }
    this.#cursor = u;
    if (u >= n) {
      // Depth-first walk in document order, roots first; each u is pushed at most once (by its one parent).
      this.#stackU = new Int32Array(n); this.#stackParent = new Int32Array(n);
      let top = 0;
      for (let k = n - 1; k >= 0; k--) if (parentU[k] < 0) { this.#stackU[top] = k; this.#stackParent[top++] = -1; }
      this.#top = top;
      this.#uOf = new Int32Array(n); this.#parentIdx = new Int32Array(n); this.#open = new Uint8Array(n);
      this.#next(Phase.Walk);
    }
    return budget;
  }

  #walk(budget: number): number {
    const stackU = this.#stackU, stackParent = this.#stackParent, flatOf = this.#flatOf, ids = this.#ids;
    const start = this.#childStart, list = this.#childList, uNode = this.#uNode;
    let top = this.#top;
    for (; top > 0 && budget > 0; budget--) {
      const u = stackU[--top], parent = stackParent[top];
      if (flatOf[u] >= 0) continue;
      const i = ids.length;
      flatOf[u] = i;
      ids.push(uNode[u].id);
      this.#uOf[i] = u;
      this.#parentIdx[i] = parent;
      const a = start[u], b = start[u + 1];
      const open = b > a && this.#isExpanded(uNode[u].id);
      this.#open[i] = open ? 1 : 0;
      if (open) for (let k = b - 1; k >= a; k--) { stackU[top] = list[k]; stackParent[top++] = i; }
    }
    this.#top = top;
    if (top === 0) {
      const n = ids.length;
      this.#flags = new Int32Array(n); this.#size = new Float64Array(2 * n); this.#stepCol = new Int32Array(n); this.#align = new Int32Array(n).fill(-1);
      this.#next(Phase.Measure);
    }
    return budget;
  }

  #sizes(budget: number): number {
    const n = this.#ids.length, flags = this.#flags, size = this.#size, stepCol = this.#stepCol, measure = this.#measure;
    let i = this.#cursor;
    for (; i < n && budget > 0; i++, budget--) {
      const node = this.#uNode[this.#uOf[i]];
      const open = this.#open[i] === 1;
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
      stepCol[i] = finite(node.step) ? Math.max(-1, Math.floor(node.step)) : -1;
    }
    this.#cursor = i;
    if (i >= n) {
      this.#alignSets();
      const u = this.#uNode.length, m = this.#docEdges.length;
      this.#liftOf = new Int32Array(u).fill(UNKNOWN); this.#seen = new Int32Array(u); this.#path = new Int32Array(u);
      this.#edgeList = new Int32Array(4 * m); this.#labels = new Float64Array(2 * m);
      this.#edgeDoc = new Int32Array(m); this.#edgeCount = new Int32Array(m); this.#edgeKey = new Float64Array(m);
      this.#labelNext = new Int32Array(m); this.#labelRoute = new Float64Array(m);
      let cap = 16;
      while (cap < 2 * m) cap *= 2;
      this.#table = new Int32Array(cap); this.#mask = cap - 1;
      this.#next(Phase.Edges);
    }
    return budget;
  }

  #alignSets() {
    if (!Array.isArray(this.#doc.align)) return;
    let set = 0;
    for (const list of this.#doc.align) {
      if (!Array.isArray(list)) continue;
      for (const id of list) {
        const i = this.#visibleIndex(id);
        if (i >= 0) this.#align[i] = set;
      }
      set++;
    }
  }

  /** The flat index of a visible node's id, else -1. */
  #visibleIndex(id: unknown): number {
    const u = typeof id === 'string' ? this.#byId.get(id) : undefined;
    return u === undefined ? -1 : this.#flatOf[u];
  }

  /** Nearest visible ancestor of a document node, -1 for none or an unknown id (memoised walk up; guards parent cycles). */
  #lift(id: string): number {
    const u0 = this.#byId.get(id);
    if (u0 === undefined) return -1;
    const flatOf = this.#flatOf, liftOf = this.#liftOf, seen = this.#seen, path = this.#path, up = this.#upU;
    if (flatOf[u0] >= 0) return flatOf[u0];
    if (liftOf[u0] !== UNKNOWN) return liftOf[u0];
    const stamp = ++this.#stamp;
    let found = -1, len = 0;
    for (let cur = u0; cur >= 0 && seen[cur] !== stamp; cur = up[cur]) {
      seen[cur] = stamp;
      const hit = flatOf[cur] >= 0 ? flatOf[cur] : liftOf[cur];
      if (hit !== UNKNOWN) { found = hit; break; }
      path[len++] = cur;
    }
    for (let k = 0; k < len; k++) liftOf[path[k]] = found;
    return found;
  }

  #edges(budget: number): number {
    const docEdges = this.#docEdges, ids = this.#ids, n = ids.length;
    const table = this.#table, mask = this.#mask, key = this.#edgeKey, count = this.#edgeCount;
    let e = this.#cursor;
    for (; e < docEdges.length && budget > 0; e++, budget--) {
      const edge = docEdges[e];
      if (!edge || typeof edge.source !== 'string' || typeof edge.target !== 'string') continue;
      const s = this.#lift(edge.source), t = this.#lift(edge.target); // -1 for unknown ids
      if (s < 0 || t < 0) continue;
      if (s === t && edge.source !== edge.target) continue;
      const sp = ids[s] === edge.source && finite(edge.sourcePort) ? edge.sourcePort : -1;
      const tp = ids[t] === edge.target && finite(edge.targetPort) ? edge.targetPort : -1;
      const m = this.#m;
      if (sp < 63 && tp < 63) {
        // numeric keys while they stay exact (ports < 63): merged when the keys are equal
        const k = (s * n + t) * 4096 + (sp + 1) * 64 + (tp + 1);
        const lo = k >>> 0, hi = (k / 4294967296) >>> 0;
        let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
        h = (h ^ (h >>> 15)) & mask;
        let at = -1;
        for (;;) {
          const slot = table[h];
          if (slot === 0) { table[h] = m + 1; break; }
          if (key[slot - 1] === k) { at = slot - 1; break; }
          h = (h + 1) & mask;
        }
        if (at >= 0) { count[at]++; continue; }
        key[m] = k;
      } else {
        const k = `${s} ${t} ${sp} ${tp}`;
        const at = this.#wide.get(k);
        if (at !== undefined) { count[at]++; continue; }
        this.#wide.set(k, m);
      }
      this.#edgeDoc[m] = e;
      count[m] = 1;
      const el = this.#edgeList;
      el[4 * m] = s; el[4 * m + 1] = t; el[4 * m + 2] = sp; el[4 * m + 3] = tp;
      if (typeof edge.label === 'string' && edge.label.length > 0 && this.#firstLabel(m, s, t, sp, edge.label)) {
        const size = this.#measure.edgeLabel(edge.label);
        this.#labels[2 * m] = finite(size.width) ? size.width : 0;
        this.#labels[2 * m + 1] = finite(size.height) ? size.height : 0;
      }
      this.#m = m + 1;
    }
    this.#cursor = e;
    if (e >= docEdges.length) { this.#finish(); this.#next(Phase.Done); }
    return budget;
  }

  /** Postcondition 4: is flat edge m (s → t, from port sp) the first with this label text from that
   *  source port, routed in the same place? If so it joins the source port's chain. */
  #firstLabel(m: number, s: number, t: number, sp: number, text: string): boolean {
    const key = s * 64 + Math.min(sp + 1, 63), route = this.#routedIn(s, t);
    const head = this.#labelHead.get(key);
    for (let j = head ?? -1; j >= 0; j = this.#labelNext[j]) {
      if (this.#labelRoute[j] === route && this.#docEdges[this.#edgeDoc[j]].label === text) return false;
    }
    this.#labelRoute[m] = route;
    this.#labelNext[m] = head ?? -1;
    this.#labelHead.set(key, m);
    return true;
  }

  /** Where the layout routes the edge a → b: the lowest common group (or the end that contains the
   *  other), and inside it the step column when both ends lie in children of one step (the layout's
   *  virtual columns). A number: group × 2^21 + step + 1 (0: no column). */
  #routedIn(a: number, b: number): number {
    const parent = this.#parentIdx, step = this.#stepCol;
    const code = (g: number, col: number) => (g + 1) * 2097152 + col;
    if (a === b) return code(a, 0);
    let da = 0, db = 0;
    for (let p = parent[a]; p >= 0; p = parent[p]) da++;
    for (let p = parent[b]; p >= 0; p = parent[p]) db++;
    while (da > db) { a = parent[a]; da--; }
    while (db > da) { b = parent[b]; db--; }
    if (a === b) return code(a, 0);
    while (parent[a] !== parent[b]) { a = parent[a]; b = parent[b]; }
    return code(parent[a], step[a] >= 0 && step[a] === step[b] ? Math.min(step[a] + 1, 2097151) : 0);
  }

  #finish() {
    const n = this.#ids.length, m = this.#m, options = this.#options, doc = this.#doc;
    const opt = new Float64Array(DEFAULT_OPTIONS);
    if (finite(options.nodeGap)) opt[Opt.NodeGap] = options.nodeGap;
    if (finite(options.rankGap)) opt[Opt.RankGap] = options.rankGap;
    if (finite(options.groupPad)) opt[Opt.GroupPad] = options.groupPad;
    if (finite(options.edgeGap)) opt[Opt.EdgeGap] = options.edgeGap;
    const graph: FlatGraph = {
      parent: fit(this.#parentIdx, n), flags: this.#flags, size: this.#size, step: this.#stepCol, align: this.#align,
      edges: fit(this.#edgeList, 4 * m), edgeLabel: fit(this.#labels, 2 * m),
      rootDirection: DIR_CODE[doc.direction as string] ?? 0, options: opt,
    };
    this.result = new Flattened(graph, this.#ids, fit(this.#edgeDoc, m), fit(this.#edgeCount, m));
  }
}

/** FlatLayout → DESIGN.md's result form: absolute coordinates, origin top-left, y down. */
export function toLayoutResult(f: Flattened, out: FlatLayout, doc: VzDocument): LayoutResult {
  const nodes: LayoutResult['nodes'] = {};
  const b = out.boxes;
  for (let i = 0; i < f.ids.length; i++) nodes[f.ids[i]] = { x: b[4 * i], y: b[4 * i + 1], width: b[4 * i + 2], height: b[4 * i + 3] };
  const edges: LayoutResult['edges'] = [];
  const docEdges = Array.isArray(doc.edges) ? doc.edges : [];
  const ge = f.graph.edges;
  for (let j = 0; j < f.edgeDoc.length; j++) {
    const points: Array<[number, number]> = [];
    for (let p = out.offsets[j]; p < out.offsets[j + 1]; p++) points.push([out.points[2 * p], out.points[2 * p + 1]]);
    const item: LayoutResult['edges'][number] = { source: f.ids[ge[4 * j]], target: f.ids[ge[4 * j + 1]], points };
    const id = docEdges[f.edgeDoc[j]]?.id;
    if (typeof id === 'string') item.id = id;
    const lx = out.labels[2 * j], ly = out.labels[2 * j + 1];
    if (!Number.isNaN(lx)) item.label = { x: lx, y: ly, width: f.graph.edgeLabel[2 * j], height: f.graph.edgeLabel[2 * j + 1] };
    edges.push(item);
  }
  return { width: out.width, height: out.height, nodes, edges };
}
