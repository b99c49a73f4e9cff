/**
 * The model store: the document the element shows, its indexes (by id, children, depth), which
 * groups are expanded, and the streaming updates (DESIGN.md "Streaming") applied by id.
 *
 * A patch is applied to a copy and validated with the one validator before it replaces the
 * document, so a bad patch never leaves the element half-updated.
 */
import type { VzAttachment, VzDocument, VzEdge, VzNode } from './format.js';
import { checkAttachment, checkPatched, validate } from './validate.js';
import type { Problem } from './validate.js';

export interface Patch { nodes?: VzNode[]; edges?: VzEdge[]; remove?: string[] }
export interface AttachEvent { node: string; attachment: VzAttachment; append?: boolean }

/** What an update changed: `layout` when the visible structure or sizes may differ, else only a redraw. */
export type Change = { problems: Problem[]; relayout: boolean };

/** Key of an edge for upserts: its id, or its ends and ports when it has none. */
export const edgeKey = (e: VzEdge) => e.id ?? `${e.source}>${e.target}:${e.sourcePort ?? ''}:${e.targetPort ?? ''}`;

export class GraphStore {
  doc: VzDocument | undefined;
  byId = new Map<string, VzNode>();
  /** Children ids of each node id; '' holds the top-level nodes. */
  children = new Map<string, string[]>();
  /** Depth of each group: top-level groups are 1. */
  depth = new Map<string, number>();
  expanded = new Set<string>();
  /** Increases on every change; lets views know when to rebuild. */
  version = 0;

  /** Groups deeper than this start collapsed; undefined: each node's own `collapsed` decides. */
  expandDepth: number | undefined;

  /**
   * Replaces the document. Returns the validation problems (the document is not taken if any).
   * `keep`: groups already known keep their expanded state (a stream resending its graph).
   */
  setDocument(doc: unknown, keep = false): Problem[] {
    const problems = validate(doc);
    if (problems.length) return problems;
    this.adopt(doc as VzDocument, keep);
    return [];
  }

  /**
   * Takes `doc` without validating it (the caller validates it later, in slices: see
   * validateInSlices). Returns false, and changes nothing, when `doc` is not indexable: a node
   * is not an object with a string id (the validator says what is wrong).
   */
  adopt(doc: VzDocument, keep = false): boolean {
    return runSteps(this.adoptSteps(doc, keep));
  }

  /**
   * adopt() as steps (run them in slices: indexing 100,000 nodes takes ~50 ms). The indexes are
   * built aside and replace the old ones in the last step, so until then the store keeps showing
   * the previous document whole, and a stopped run leaves no trace.
   */
  *adoptSteps(doc: VzDocument, keep = false): Generator<void, boolean> {
    const next = yield* indexSteps(doc);
    if (!next) return false;
    // Keep what the user opened or closed when a new `graph` event resends known groups.
    const expanded = new Set<string>();
    let work = 0;
    for (const id of next.children.keys()) {
      if (++work % STEP === 0) yield;
      if (id === '') continue;
      if (keep && this.children.has(id) ? this.expanded.has(id) : this.#initiallyExpanded(id, next)) expanded.add(id);
    }
    this.#take(next);
    this.expanded = expanded;
    return true;
  }

  /** Forgets the document (after an error that replaces it). */
  clear() {
    this.doc = undefined;
    this.byId = new Map();
    this.children = new Map();
    this.depth = new Map();
    this.#maxDepth = -1;
    this.expanded = new Set();
    this.version++;
  }

  /** Applies a `patch` event: upserts nodes and edges by id, removes ids (nodes take their subtree). */
  applyPatch(patch: unknown): Change {
    if (!this.doc) return { problems: [{ path: '', message: 'a patch arrived before any graph' }], relayout: false };
    const p = (patch ?? {}) as Patch;
    const problems: Problem[] = [];
    for (const key of ['nodes', 'edges', 'remove'] as const) {
      if (p[key] !== undefined && !Array.isArray(p[key])) problems.push({ path: `patch.${key}`, message: 'must be an array' });
    }
    if (problems.length) return { problems, relayout: false };

    const doc = this.doc;
    const removed = new Set<string>();
    for (const id of p.remove ?? []) removed.add(id);
    // A removed node takes its descendants with it.
    const stack = [...removed];
    while (stack.length) for (const c of this.children.get(stack.pop()!) ?? []) if (!removed.has(c)) { removed.add(c); stack.push(c); }

    // The patched document, in one pass over each list (no validation or re-indexing of the rest):
    // an upserted node or edge keeps its place, a new one goes at the end (the last of equal ids wins).
    const upserts = new Map<unknown, VzNode>();
    for (const n of p.nodes ?? []) upserts.set(n?.id, n);
    let nodes: VzNode[];
    const touched: Array<[VzNode, number]> = [];
    const replaced = [...upserts.keys()].filter((id) => typeof id === 'string' && this.byId.has(id) && !removed.has(id)) as string[];
    if (!removed.size && replaced.length <= 8) {
      // The usual stream patch (new nodes, a few changed ones): a copy, and a native search per change.
      nodes = doc.nodes.slice();
      for (const id of replaced) { const at = nodes.indexOf(this.byId.get(id)!); nodes[at] = upserts.get(id)!; touched.push([nodes[at], at]); }
    } else {
      nodes = [];
      for (const n of doc.nodes) {
        if (removed.has(n.id)) continue;
        const u = upserts.get(n.id);
        if (u) touched.push([u, nodes.length]);
        nodes.push(u ?? n);
      }
    }
    for (const [id, n] of upserts) if (typeof id !== 'string' || !this.byId.has(id) || removed.has(id)) { touched.push([n, nodes.length]); nodes.push(n); }
    const has = (id: string) => (upserts.has(id) && !!upserts.get(id)) || (this.byId.has(id) && !removed.has(id));
    const nodeOf = (id: string) => upserts.get(id) ?? (removed.has(id) ? undefined : this.byId.get(id));
    const edgeUpserts = new Map<string, VzEdge>();
    const idlessSources = new Set<unknown>();
    for (const e of p.edges ?? []) if (e && typeof e === 'object') { edgeUpserts.set(edgeKey(e), e); if (e.id === undefined) idlessSources.add(e.source); }
    const live = (e: VzEdge) => typeof e.source === 'string' && typeof e.target === 'string' && has(e.source) && has(e.target);
    let edges: VzEdge[];
    const newEdges: Array<[VzEdge, number]> = [];
    const placed = new Set<string>();
    if (!removed.size && !edgeUpserts.size) edges = doc.edges.slice();
    else {
      edges = [];
      for (const e of doc.edges) {
        // The document was valid: its edges lose an end only to a removal.
        if (removed.size && (removed.has(e.id ?? '') || removed.has(e.source) || removed.has(e.target))) continue;
        // An edge's key is its id; one without an id is keyed (a string built) only when an upsert could match it.
        const key = edgeUpserts.size ? e.id ?? (idlessSources.has(e.source) ? edgeKey(e) : undefined) : undefined;
        const u = key === undefined ? undefined : edgeUpserts.get(key);
        if (u) {
          if (placed.has(key!)) continue;
          placed.add(key!);
          if (!live(u)) continue;
          newEdges.push([u, edges.length]);
        }
        edges.push(u ?? e);
      }
    }
    for (const [key, e] of edgeUpserts) if (!placed.has(key) && live(e)) { newEdges.push([e, edges.length]); edges.push(e); }
    const align = removed.size ? doc.align?.map((set) => set.filter((id) => has(id))).filter((set) => set.length) : doc.align;
    const next: VzDocument = { ...doc, nodes, edges, ...(align ? { align } : {}) };

    const found = checkPatched(touched, newEdges, has, (id) => nodeOf(id)?.parent);
    if (found.length) return { problems: found.map((q) => ({ path: `patch → ${q.path}`, message: q.message })), relayout: false };
    this.#reindex(next, removed, touched.map(([n]) => n));
    return { problems: [], relayout: true };
  }

  /**
   * Updates the indexes in place for a patch: `removed` ids (whole subtrees) went, `upserted`
   * nodes came or changed. Costs what the patch touches, except one pass over the nodes when a
   * node changed its parent (the child lists keep document order).
   */
  #reindex(next: VzDocument, removed: Set<string>, upserted: VzNode[]) {
    const { byId, children, depth } = this;
    const parentKey = (n: VzNode | undefined) => n?.parent ?? '';
    const drop = (list: string[] | undefined, id: string) => { const k = list ? list.indexOf(id) : -1; if (k >= 0) list!.splice(k, 1); };
    const emptied = new Set<string>();
    for (const id of removed) {
      const n = byId.get(id);
      if (!n) continue;
      if (!removed.has(parentKey(n))) { drop(children.get(parentKey(n)), id); emptied.add(parentKey(n)); }
      byId.delete(id);
      children.delete(id);
      depth.delete(id);
    }
    // Parents whose child list changed order, and nodes whose ancestry changed (their groups' depth).
    const reorder = new Set<string>();
    const moved: string[] = [];
    for (const n of upserted) {
      const old = byId.get(n.id);
      byId.set(n.id, n);
      if (old && parentKey(old) === parentKey(n)) continue;
      if (old) { drop(children.get(parentKey(old)), n.id); emptied.add(parentKey(old)); reorder.add(parentKey(n)); }
      else {
        let list = children.get(parentKey(n));
        if (!list) children.set(parentKey(n), (list = []));
        list.push(n.id); // a new node is the document's last
      }
      moved.push(n.id);
    }
    const created = new Set<string>();
    for (const n of upserted) if (!children.has(parentKey(n))) created.add(parentKey(n));
    if (reorder.size) {
      for (const key of reorder) children.set(key, []);
      for (const n of next.nodes) if (reorder.has(parentKey(n))) children.get(parentKey(n))!.push(n.id);
    }
    for (const key of emptied) if (key && children.get(key)?.length === 0) { children.delete(key); depth.delete(key); }
    // Depth of the groups in moved subtrees and of new groups, walking up (memoised).
    const stale: string[] = [...created].filter((id) => id && children.has(id));
    for (const id of moved) {
      const todo = [id];
      while (todo.length) {
        const c = todo.pop()!;
        if (!children.has(c)) continue;
        depth.delete(c);
        stale.push(c);
        for (const k of children.get(c)!) todo.push(k);
      }
    }
    const path: string[] = [], onPath = new Set<string>();
    for (const id of stale) if (byId.has(id)) fillDepth(id, byId, depth, path, onPath);
    this.doc = next;
    this.#maxDepth = -1;
    this.version++;
    for (const id of created) if (id && children.has(id) && this.#initiallyExpanded(id)) this.expanded.add(id);
    for (const id of [...emptied, ...removed]) if (!children.has(id)) this.expanded.delete(id);
  }

  /** Applies an `attach` event. Attachments are drawn beside their node, so it never needs a relayout. */
  attach(event: unknown): Change {
    const ev = (event ?? {}) as AttachEvent;
    const problems: Problem[] = [];
    const node = typeof ev.node === 'string' ? this.byId.get(ev.node) : undefined;
    if (!node) problems.push({ path: 'attach.node', message: `unknown node ${JSON.stringify(ev.node)}` });
    checkAttachment(ev.attachment, 'attach.attachment', (path, message) => problems.push({ path, message }));
    if (problems.length || !node) return { problems, relayout: false };
    const list = (node.attachments ??= []);
    const i = list.findIndex((a) => a.id === ev.attachment.id);
    this.version++;
    if (i < 0) list.push({ ...ev.attachment });
    else list[i] = ev.append ? appendAttachment(list[i], ev.attachment) : { ...ev.attachment };
    return { problems, relayout: false };
  }

  isGroup(id: string) { return this.children.has(id); }
  isExpanded = (id: string) => this.expanded.has(id);

  /** Expands or collapses one group. Returns false when `id` is not a group or nothing changed. */
  setExpanded(id: string, expanded: boolean): boolean {
    if (!this.isGroup(id) || this.expanded.has(id) === expanded) return false;
    if (expanded) this.expanded.add(id); else this.expanded.delete(id);
    this.version++;
    return true;
  }

  /** Expands every group at depth <= `depth` (all when undefined) and collapses the deeper ones. */
  expandAll(depth = Infinity) {
    this.expanded.clear();
    for (const id of this.children.keys()) if (id && this.depth.get(id)! <= depth) this.expanded.add(id);
    this.version++;
  }

  /** The depth of the deepest group (0: no groups). */
  maxGroupDepth(): number {
    if (this.#maxDepth < 0) for (const d of this.depth.values()) this.#maxDepth = Math.max(this.#maxDepth, d, 0);
    return Math.max(0, this.#maxDepth);
  }
  #maxDepth = -1;

  /** Expands the ancestors of `id` so that it becomes visible. Returns whether anything changed. */
  reveal(id: string): boolean {
    let changed = false;
    for (let p = this.byId.get(id)?.parent; p; p = this.byId.get(p)?.parent) {
      if (!this.expanded.has(p)) { this.expanded.add(p); changed = true; }
    }
    if (changed) this.version++;
    return changed;
  }

  /** The nearest visible node for `id`: itself, or its outermost collapsed ancestor. */
  visibleFor(id: string): string {
    let visible = id;
    for (let p = this.byId.get(id)?.parent; p; p = this.byId.get(p)?.parent) if (!this.expanded.has(p)) visible = p;
    return visible;
  }

  /** Ids whose id, label or attrs.type contain `query` (case-insensitive), in document order. */
  find(query: string): string[] { return findIn(this.doc, query); }

  #initiallyExpanded(id: string, ix: Pick<Indexes, 'byId' | 'depth'> = this) {
    if (this.expandDepth !== undefined) return ix.depth.get(id)! <= this.expandDepth;
    return !ix.byId.get(id)!.collapsed;
  }

  /** Takes the document of `next` in: its indexes replace the old ones at once. */
  #take(next: Indexes) {
    this.doc = next.doc;
    this.byId = next.byId;
    this.children = next.children;
    this.depth = next.depth;
    this.#maxDepth = -1;
    this.version++;
  }
}

/** Steps between two yields of indexSteps() and adoptSteps(). */
const STEP = 2048;

interface Indexes { doc: VzDocument; byId: Map<string, VzNode>; children: Map<string, string[]>; depth: Map<string, number> }

function runSteps<T>(it: Generator<void, T>): T {
  for (;;) { const r = it.next(); if (r.done) return r.value; }
}

/** The indexes of `doc`, yielding every STEP nodes; undefined when a node is not an object with a string id. */
function* indexSteps(doc: VzDocument): Generator<void, Indexes | undefined> {
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.nodes) || (doc.edges !== undefined && !Array.isArray(doc.edges))) return undefined;
  if (!doc.edges) doc = { ...doc, edges: [] };
  const byId = new Map<string, VzNode>(), children = new Map<string, string[]>(), depth = new Map<string, number>();
  const nodes = doc.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (typeof n !== 'object' || n === null || typeof n.id !== 'string') return undefined;
    byId.set(n.id, n);
    if (i % STEP === STEP - 1) yield;
  }
  children.set('', []);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i], p = n.parent ?? '';
    let list = children.get(p);
    if (!list) children.set(p, (list = []));
    list.push(n.id);
    if (i % STEP === STEP - 1) yield;
  }
  // Depth of the groups only (what expanding by depth needs): walk up from each, memoised.
  const path: string[] = [], onPath = new Set<string>();
  let work = 0;
  for (const id of children.keys()) {
    if (++work % STEP === 0) yield;
    if (id && byId.has(id)) fillDepth(id, byId, depth, path, onPath);
  }
  return { doc, byId, children, depth };
}

/**
 * Sets the depth of `id` and of each ancestor whose depth is not known yet, walking up to one
 * that is (memoised; a root has depth 1). Nodes on a parent cycle get 0: the validator rejects
 * such a document. `path` and `onPath` are scratch space, reused across calls.
 */
function fillDepth(id: string, byId: Map<string, VzNode>, depth: Map<string, number>, path: string[], onPath: Set<string>) {
  if (depth.has(id)) return;
  path.length = 0;
  onPath.clear();
  let cur: string | undefined = id;
  while (cur !== undefined && !depth.has(cur) && !onPath.has(cur)) {
    path.push(cur);
    onPath.add(cur);
    const p: string | null | undefined = byId.get(cur)!.parent;
    cur = p && byId.has(p) ? p : undefined;
  }
  if (cur !== undefined && onPath.has(cur)) { for (const c of path) depth.set(c, 0); return; }
  let d = cur === undefined ? 0 : depth.get(cur)!;
  for (let k = path.length - 1; k >= 0; k--) depth.set(path[k], ++d);
}

/** Ids in `doc` whose id, label or attrs.type contain `query` (case-insensitive), in document order. */
export function findIn(doc: VzDocument | undefined, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q || !doc) return [];
  return doc.nodes.filter((n) => n.id.toLowerCase().includes(q) || (n.label ?? '').toLowerCase().includes(q) ||
    String(n.attrs?.type ?? '').toLowerCase().includes(q)).map((n) => n.id);
}

/** Appends the values of `add` to `old` (line values, histogram counts, text), else replaces it. */
function appendAttachment(old: VzAttachment, add: VzAttachment): VzAttachment {
  const a = old as Record<string, unknown>;
  const b = add as Record<string, unknown>;
  if (Array.isArray(a.values) && Array.isArray(b.values)) return { ...a, ...b, values: [...a.values, ...b.values] } as unknown as VzAttachment;
  if (typeof a.text === 'string' && typeof b.text === 'string') return { ...a, ...b, text: a.text + b.text } as unknown as VzAttachment;
  return { ...add };
}
