/**
 * Phase 4b, exact: x by network simplex (Gansner, Koutsofios, North, Vo 1993, §4.2). Minimises
 * Σ ω · |jog| over all unit segments under the rank order and spacing — every edge at once,
 * where the sweeps of pav.ts settle rank by rank (a box that needs its neighbour pushed two
 * ranks away to line up never gets there).
 *
 * Auxiliary graph (constraint x[head] − x[tail] ≥ len, cost ω · (x[head] − x[tail])):
 *  - per unit segment s between a (above) and b (below) whose attach points are x + oa and x + ob:
 *    a node n_s with edges n_s → a (len −oa) and n_s → b (len −ob), weight ω_s; at the optimum
 *    n_s sits at min(xa + oa, xb + ob) and the pair costs ω_s · |xa + oa − xb − ob| (parallel
 *    segments that line up together share one such node, their weights summed);
 *  - per pair of rank neighbours p, v: p → v, len = the spacing, weight 0;
 *  - an anchor Z → the first node of one rank per connected part (weight 0), so the graph is
 *    connected, and → every step column (weight COLUMN_W: columns line up on the left).
 * Network simplex as in graphviz: a tight spanning tree from the warm start (grown along tight
 * edges, shifted by the least slack of a leaving edge from a heap), then pivots, each moving only
 * the subtree below the leaving edge, updating cut values along the cycle the entering edge
 * closes and renumbering the paths it touched.
 * Preconditions: attach points fixed (4a); a feasible x in G.nX (the sweeps', a warm start).
 * Postconditions: pav.ts's 1 (order and spacing) hold, and the x is optimal — every tree edge
 * tight and no cut value negative (re-checked under phaseChecks, counted as p4 violations) —
 * unless WORK or PIVOTS ran out: then it is feasible and no worse than after the tight tree. Returns
 * false (x untouched) for a group over MAX_NODES (the caller keeps the sweeps).
 * Cost: O(m log m) for the tree; each pivot is linear in the moved subtree and the renumbered
 * paths; from the sweeps' start ~2 pivots per group on the benchmark graphs.
 */
import * as G from '../lgraph';
import { growI, growF, ld, st, add, sortByKey } from '../util';
import * as Checks from '../debug/checks';
import { isColumn } from '../hierarchy';
import { gapBetween } from './pav';
import { segClass, SEG_INNER, SEG_SHORT } from './weights';

/** Largest group (nodes + unit segments) placed exactly; past it pivots get long, and the
 *  sweeps place it (a ResNet stage of 3,571 blocks, at 100k leaves). */
export const MAX_NODES: i32 = 20000;
/** Pivot work per group at most, in nodes visited per auxiliary node (and at most PIVOTS pivots):
 *  past it the x is kept as it is — feasible and near optimal, as the first pivots make the big
 *  moves. It keeps the simplex linear on graphs whose pivots each renumber most of the tree. */
const WORK: i32 = 40;
const PIVOTS: i32 = 200;
const COLUMN_W: f64 = 1000;
const EPS: f64 = 1e-7;

let nV: i32 = 0;
let nE: i32 = 0;
let eT = new Int32Array(16);
let eH = new Int32Array(16);
let eLen = new Float64Array(16);
let eW = new Float64Array(16);
let inTree = new Uint8Array(16);
let cut = new Float64Array(16);
let x = new Float64Array(16);
let adjStart = new Int32Array(16);
let adj = new Int32Array(16);
let parE = new Int32Array(16);
let low = new Int32Array(16);
let lim = new Int32Array(16);
let mark = new Uint8Array(16);
let uf = new Int32Array(16);
let tA = new Int32Array(16);
let tB = new Int32Array(16);
let tOA = new Float64Array(16);
let tOB = new Float64Array(16);
let tW = new Float64Array(16);
let segD = new Float64Array(16);
let segB = new Float64Array(16);
let segIdx = new Int32Array(16);
let stack = new Int32Array(16);
let iter = new Int32Array(16);
let byLim = new Int32Array(16);
let treeList = new Int32Array(16);
let treePos = new Int32Array(16);
let nTree: i32 = 0;
let leaveStart: i32 = 0;
let work: i32 = 0;
/** Tree edges with a negative cut value looked at before picking the most negative. */
const SEARCH: i32 = 30;

@inline function other(e: i32, v: i32): i32 { return ld(eT, e) == v ? ld(eH, e) : ld(eT, e); }
@inline function slack(e: i32): f64 { return ld(x, ld(eH, e)) - ld(x, ld(eT, e)) - ld(eLen, e); }

function addEdge(t: i32, h: i32, len: f64, w: f64): void {
  const e = nE++;
  st(eT, e, t); st(eH, e, h); st(eLen, e, len); st(eW, e, w);
}

/** Solves the group's x exactly (segment weights from weight()); false: gave up, x untouched. */
export function simplexX(): bool {
  const n = G.nNodes, S = G.nSegs, R = G.nRanks;
  if (n + S + 1 > MAX_NODES || n == 0) return false;
  const T = mergeTerms();
  nV = n + T + 1;
  const Z = nV - 1;
  const maxE = 2 * T + n + R;
  eT = growI(eT, maxE); eH = growI(eH, maxE); eLen = growF(eLen, maxE); eW = growF(eW, maxE);
  inTree = grow8(inTree, maxE); cut = growF(cut, maxE);
  x = growF(x, nV); adjStart = growI(adjStart, nV + 1); adj = growI(adj, 2 * maxE);
  parE = growI(parE, nV); low = growI(low, nV); lim = growI(lim, nV); mark = grow8(mark, nV);
  stack = growI(stack, nV); iter = growI(iter, nV); byLim = growI(byLim, nV);
  treeList = growI(treeList, nV); treePos = growI(treePos, maxE); uf = growI(uf, n);
  nE = 0;
  for (let v = 0; v < n; v++) st(uf, v, v);
  for (let q = 0; q < T; q++) {
    const a = ld(tA, q), b = ld(tB, q);
    addEdge(n + q, a, -ld(tOA, q), ld(tW, q)); addEdge(n + q, b, -ld(tOB, q), ld(tW, q));
    union(a, b);
  }
  for (let r = 0; r < R; r++)
    for (let i = ld(G.rankStart, r) + 1; i < ld(G.rankStart, r + 1); i++) {
      const p = ld(G.rankNodes, i - 1), v = ld(G.rankNodes, i);
      addEdge(p, v, ld(G.nR, p) + ld(G.nL, v) + gapBetween(p, v), 0.0);
      union(p, v);
    }
  // Z reaches every component once (a rank lies in one), and pins step columns to the left
  for (let r = 0; r < R; r++) {
    if (ld(G.rankStart, r) == ld(G.rankStart, r + 1)) continue;
    const f = ld(G.rankNodes, ld(G.rankStart, r));
    const col = ld(G.nKind, f) == G.NK_CHILD && ld(isColumn, ld(G.nRef, f)) != 0;
    const root = find(f);
    if (col || root >= 0) addEdge(Z, f, ld(G.nL, f), col ? COLUMN_W : 0.0);
    if (root >= 0) st(uf, root, -1 - root); // marked: reached from Z
  }
  // incidence lists
  for (let v = 0; v <= nV; v++) st(adjStart, v, 0);
  for (let e = 0; e < nE; e++) { add(adjStart, ld(eT, e) + 1, 1); add(adjStart, ld(eH, e) + 1, 1); }
  for (let v = 0; v < nV; v++) add(adjStart, v + 1, ld(adjStart, v));
  for (let v = 0; v < nV; v++) st(iter, v, ld(adjStart, v));
  for (let e = 0; e < nE; e++) {
    const t = ld(eT, e), h = ld(eH, e);
    st(adj, ld(iter, t), e); add(iter, t, 1); st(adj, ld(iter, h), e); add(iter, h, 1);
  }
  // warm start: the current x; segment nodes tight below their heads, Z left of everything
  let zx = Infinity;
  for (let v = 0; v < n; v++) { st(x, v, ld(G.nX, v)); zx = Math.min(zx, ld(x, v) - ld(G.nL, v)); }
  st(x, Z, zx);
  for (let q = 0; q < T; q++) st(x, n + q, Math.min(ld(x, ld(eH, 2 * q)) - ld(eLen, 2 * q), ld(x, ld(eH, 2 * q + 1)) - ld(eLen, 2 * q + 1)));
  // an infeasible warm start (cannot happen from a placement, but cheap to rule out): pack left
  let feasible = true;
  for (let e = 0; e < nE; e++) if (slack(e) < -EPS) { feasible = false; break; }
  if (!feasible) packLeft(Z);
  feasibleTree(Z);
  for (let v = 0; v < nV; v++) st(low, v, -1);
  dfsRange(Z, -1, 0);
  initCutValues(Z);
  let pivots = 0, optimal = true;
  work = 0;
  const budget = WORK * nV + 1000;
  leaveStart = 0;
  for (;;) {
    const leave = leaveEdge();
    if (leave < 0) break;
    if (++pivots > PIVOTS || work > budget) { optimal = false; break; } // feasible, no worse than where the pivots started
    const enter = enterEdge(leave);
    if (enter < 0) return false;
    update(leave, enter);
  }
  if (Checks.checking) Checks.violations[4] += verify(Z, optimal);
  for (let v = 0; v < n; v++) st(G.nX, v, ld(x, v));
  return true;
}

/** Debug: the optimality certificate — every edge feasible, every tree edge tight, the kept cut
 *  values equal to fresh ones and (when the pivots ran to the end) none negative. Returns the
 *  number of failures. */
function verify(root: i32, optimal: bool): i32 {
  let bad = 0;
  for (let e = 0; e < nE; e++) {
    if (slack(e) < -1e-6) bad++;
    if (ld(inTree, e) && Math.abs(slack(e)) > 1e-6) bad++;
  }
  const kept = new Float64Array(nE);
  for (let e = 0; e < nE; e++) st(kept, e, ld(cut, e));
  for (let v = 0; v < nV; v++) st(low, v, -1);
  dfsRange(root, -1, 0);
  initCutValues(root);
  for (let e = 0; e < nE; e++) if (ld(inTree, e) && (Math.abs(ld(kept, e) - ld(cut, e)) > 1e-6 * (1 + Math.abs(ld(cut, e))) || optimal && ld(cut, e) < -EPS)) bad++;
  return bad;
}

/** x packed to the left from Z (the aux graph is acyclic: segment nodes and Z are its sources). */
function packLeft(Z: i32): void {
  const n = G.nNodes;
  st(x, Z, 0);
  for (let r = 0; r < G.nRanks; r++) {
    let px = 0.0;
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
      const v = ld(G.rankNodes, i);
      px = i == ld(G.rankStart, r) ? ld(G.nL, v) : px + ld(G.nR, ld(G.rankNodes, i - 1)) + ld(G.nL, v) + gapBetween(ld(G.rankNodes, i - 1), v);
      st(x, v, px);
    }
  }
  for (let q = n; q < Z; q++) st(x, q, Math.min(ld(x, ld(eH, 2 * (q - n))) - ld(eLen, 2 * (q - n)), ld(x, ld(eH, 2 * (q - n) + 1)) - ld(eLen, 2 * (q - n) + 1)));
}

/** Union-find over the group's nodes (components of segments and rank neighbours). */
function find(v: i32): i32 {
  let r = v;
  while (ld(uf, r) >= 0 && ld(uf, r) != r) r = ld(uf, r);
  if (ld(uf, r) < 0) return -1; // component already reached from Z
  let a = v;
  while (ld(uf, a) != r) { const b = ld(uf, a); st(uf, a, r); a = b; }
  return r;
}

function union(a: i32, b: i32): void {
  const ra = find(a), rb = find(b);
  if (ra != rb) st(uf, ra < rb ? rb : ra, ra < rb ? ra : rb);
}

/** Unit segments as cost terms (a, b, oa, ob, ω): parallel segments between the same two nodes
 *  that run straight at the same relative x (the 555 edges from one RNN layer to the next) are
 *  one term of the summed weight. Returns the number of terms. */
function mergeTerms(): i32 {
  const n = G.nNodes, S = G.nSegs;
  tA = growI(tA, S); tB = growI(tB, S); tOA = growF(tOA, S); tOB = growF(tOB, S); tW = growF(tW, S);
  segD = growF(segD, S); segB = growF(segB, S); segIdx = growI(segIdx, S);
  for (let s = 0; s < S; s++) {
    const a = ld(G.sUp, s), b = ld(G.sDown, s), e = ld(G.sEdge, s);
    st(segD, s, (a == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0) - (b == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0));
    st(segB, s, <f64>b);
  }
  let T = 0;
  for (let a = 0; a < n; a++) {
    const j0 = ld(G.downStart, a), j1 = ld(G.downStart, a + 1);
    for (let j = j0; j < j1; j++) st(segIdx, j, ld(G.downList, j));
    if (j1 - j0 > 1) { sortByKey(segIdx, j0, j1, segD); sortByKey(segIdx, j0, j1, segB); } // by b, then the shift
    for (let j = j0; j < j1; j++) {
      const s = ld(segIdx, j), b = ld(G.sDown, s), w = weight(s);
      if (j > j0 && <i32>ld(segB, ld(segIdx, j - 1)) == b && Math.abs(ld(segD, ld(segIdx, j - 1)) - ld(segD, s)) <= 1e-9) { add(tW, T - 1, w); continue; }
      const e = ld(G.sEdge, s);
      st(tA, T, a); st(tB, T, b); st(tW, T, w);
      st(tOA, T, a == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0); st(tOB, T, b == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0);
      T++;
    }
  }
  return T;
}

/** ω of segment s (weights.ts): a long edge's lane 4, the spine 3, a long edge's turn into its lane 1. */
@inline function weight(s: i32): f64 {
  const c = segClass(s);
  return c == SEG_INNER ? 4.0 : c == SEG_SHORT ? 3.0 : 1.0;
}

/** A spanning tree of tight edges: grown from root along tight edges; when none is left, the
 *  whole tree shifts by the least slack of an edge leaving it (two heaps of those edges, keyed so
 *  that a shift is one offset D: a tree node's x is kept relative, x − D, until the end). */
function feasibleTree(root: i32): void {
  for (let v = 0; v < nV; v++) st(mark, v, 0);
  for (let e = 0; e < nE; e++) st(inTree, e, 0);
  hOut = growF(hOut, nE); hOutE = growI(hOutE, nE); hIn = growF(hIn, nE); hInE = growI(hInE, nE);
  nOut = 0; nIn = 0;
  let D = 0.0, size = 1, sp = 0;
  st(mark, root, 1); st(stack, sp++, root);
  for (;;) {
    while (sp > 0) {
      const v = ld(stack, --sp);
      for (let j = ld(adjStart, v); j < ld(adjStart, v + 1); j++) {
        const e = ld(adj, j), w = other(e, v);
        if (ld(mark, w)) continue;
        const t = ld(eT, e), h = ld(eH, e);
        const xt = ld(mark, t) ? ld(x, t) + D : ld(x, t), xh = ld(mark, h) ? ld(x, h) + D : ld(x, h);
        const sl = xh - xt - ld(eLen, e);
        if (Math.abs(sl) <= EPS) {
          st(mark, w, 1); st(x, w, ld(x, w) - D); st(inTree, e, 1); size++; st(stack, sp++, w);
        } else if (t == v) nOut = heapPush(hOut, hOutE, nOut, sl + D, e); // slack = key − D
        else nIn = heapPush(hIn, hInE, nIn, sl - D, e);                    // slack = key + D
      }
    }
    if (size >= nV) break;
    while (nOut > 0 && ld(mark, ld(eH, ld(hOutE, 0)))) nOut = heapPop(hOut, hOutE, nOut);
    while (nIn > 0 && ld(mark, ld(eT, ld(hInE, 0)))) nIn = heapPop(hIn, hInE, nIn);
    if (nOut == 0 && nIn == 0) break; // disconnected: cannot happen, Z reaches every part
    const so = nOut > 0 ? ld(hOut, 0) - D : Infinity, si = nIn > 0 ? ld(hIn, 0) + D : Infinity;
    let e: i32, w: i32;
    if (so <= si) { e = ld(hOutE, 0); w = ld(eH, e); D += so; nOut = heapPop(hOut, hOutE, nOut); }
    else { e = ld(hInE, 0); w = ld(eT, e); D -= si; nIn = heapPop(hIn, hInE, nIn); }
    st(mark, w, 1); st(x, w, ld(x, w) - D); st(inTree, e, 1); size++; st(stack, sp++, w);
  }
  for (let v = 0; v < nV; v++) if (ld(mark, v)) st(x, v, ld(x, v) + D);
}

let hOut = new Float64Array(16);
let hOutE = new Int32Array(16);
let hIn = new Float64Array(16);
let hInE = new Int32Array(16);
let nOut: i32 = 0;
let nIn: i32 = 0;

/** Binary min-heap of (key, edge) in k/ed[0..n); returns the new size. */
function heapPush(k: Float64Array, ed: Int32Array, n: i32, key: f64, e: i32): i32 {
  let i = n;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (ld(k, p) <= key) break;
    st(k, i, ld(k, p)); st(ed, i, ld(ed, p)); i = p;
  }
  st(k, i, key); st(ed, i, e);
  return n + 1;
}

function heapPop(k: Float64Array, ed: Int32Array, n: i32): i32 {
  const m = n - 1;
  if (m == 0) return 0;
  const key = ld(k, m), e = ld(ed, m);
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= m) break;
    if (c + 1 < m && ld(k, c + 1) < ld(k, c)) c++;
    if (ld(k, c) >= key) break;
    st(k, i, ld(k, c)); st(ed, i, ld(ed, c)); i = c;
  }
  st(k, i, key); st(ed, i, e);
  return m;
}

/** Parent edges and postorder numbers (lim; low = the least lim below) of root's subtree, numbered
 *  from `from`; byLim inverts lim. A child whose parent edge and low are as before is skipped
 *  whole (its numbers still hold: update() invalidated every node whose subtree changed).
 *  Returns the next free number. */
function dfsRange(root: i32, pe: i32, from: i32): i32 {
  let sp = 0, next = from;
  st(parE, root, pe); st(low, root, from); st(iter, root, ld(adjStart, root)); st(stack, sp++, root);
  while (sp > 0) {
    const v = ld(stack, sp - 1);
    let down = false;
    while (ld(iter, v) < ld(adjStart, v + 1)) {
      const e = ld(adj, ld(iter, v));
      st(iter, v, ld(iter, v) + 1);
      if (!ld(inTree, e) || e == ld(parE, v)) continue;
      const w = other(e, v);
      if (ld(parE, w) == e && ld(low, w) == next) { next = ld(lim, w) + 1; continue; }
      st(parE, w, e); st(low, w, next); st(iter, w, ld(adjStart, w)); st(stack, sp++, w);
      down = true;
      break;
    }
    if (down) continue;
    sp--;
    st(lim, v, next); st(byLim, next, v); next++;
  }
  work += next - from;
  return next;
}

/** Marks the tree path from v up to lca as renumbered (low = -1), before an exchange. */
function invalidatePath(lca: i32, v0: i32): void {
  let v = v0;
  for (;;) {
    if (ld(low, v) == -1) break;
    st(low, v, -1);
    const e = ld(parE, v);
    if (e < 0 || ld(lim, v) >= ld(lim, lca)) break;
    v = ld(lim, ld(eT, e)) > ld(lim, ld(eH, e)) ? ld(eT, e) : ld(eH, e);
  }
}

/** The cut value of v's parent edge from its children's (Gansner's local formula). */
function cutOf(v: i32): f64 {
  const pe = ld(parE, v);
  const childIsTail = ld(eT, pe) == v;
  let c = ld(eW, pe);
  for (let j = ld(adjStart, v); j < ld(adjStart, v + 1); j++) {
    const f = ld(adj, j);
    if (f == pe) continue;
    const pointsToHead = (ld(eT, f) == v) == childIsTail;
    c += pointsToHead ? ld(eW, f) : -ld(eW, f);
    if (ld(inTree, f)) c += pointsToHead ? -ld(cut, f) : ld(cut, f);
  }
  return c;
}

/** All cut values, children before parents (postorder), and the list of tree edges. */
function initCutValues(root: i32): void {
  let t = 0;
  for (let q = 0; q < nV; q++) {
    const v = ld(byLim, q);
    if (v == root) continue;
    const pe = ld(parE, v);
    st(cut, pe, cutOf(v));
    st(treeList, t, pe); st(treePos, pe, t); t++;
  }
  nTree = t;
}

@inline function isDesc(v: i32, root: i32): bool { return ld(low, root) <= ld(lim, v) && ld(lim, v) <= ld(lim, root); }

/** A tree edge with a negative cut value: the most negative of the first SEARCH found, looking
 *  round-robin from where the last search stopped. -1: optimal. */
function leaveEdge(): i32 {
  let best = -1, bestCut = -EPS, found = 0, at = 0;
  for (let q = 0; q < nTree; q++) {
    const i = (leaveStart + q) % nTree;
    const e = ld(treeList, i);
    if (ld(cut, e) < bestCut) { best = e; bestCut = ld(cut, e); at = i; if (++found >= SEARCH) break; }
  }
  if (best >= 0) leaveStart = at + 1;
  return best;
}

/** The non-tree edge of least slack from the leaving edge's head side to its tail side; it is
 *  searched from the side below the leaving edge (the one not holding the root). */
function enterEdge(leave: i32): i32 {
  const p = ld(eT, leave), q = ld(eH, leave);
  const tailSide = ld(lim, p) < ld(lim, q); // the subtree below is the tail side: edges into it
  const sub = tailSide ? p : q;
  let best = -1, bs = Infinity;
  work += ld(lim, sub) - ld(low, sub) + 1;
  for (let i = ld(low, sub); i <= ld(lim, sub); i++) {
    const v = ld(byLim, i);
    for (let j = ld(adjStart, v); j < ld(adjStart, v + 1); j++) {
      const f = ld(adj, j);
      if (ld(inTree, f)) continue;
      if (tailSide ? ld(eH, f) != v || isDesc(ld(eT, f), sub) : ld(eT, f) != v || isDesc(ld(eH, f), sub)) continue;
      const s = slack(f);
      if (s < bs) { bs = s; best = f; }
    }
  }
  return best;
}

/** Exchanges tree edges: the subtree below `leave` moves to make `enter` tight, cut values
 *  change along the cycle `enter` closes, and the least common ancestor's subtree is renumbered. */
function update(leave: i32, enter: i32): void {
  const delta = slack(enter);
  if (delta > 0) {
    const p = ld(eT, leave), q = ld(eH, leave);
    const tailSide = ld(lim, p) < ld(lim, q);
    const sub = tailSide ? p : q, d = tailSide ? -delta : delta;
    for (let i = ld(low, sub); i <= ld(lim, sub); i++) { const v = ld(byLim, i); st(x, v, ld(x, v) + d); }
  }
  const cv = ld(cut, leave);
  const lca = treeUpdate(ld(eT, enter), ld(eH, enter), cv, true);
  treeUpdate(ld(eH, enter), ld(eT, enter), cv, false);
  const lcaLow = ld(low, lca);
  invalidatePath(lca, ld(eH, enter)); invalidatePath(lca, ld(eT, enter));
  st(cut, enter, -cv); st(cut, leave, 0);
  st(inTree, leave, 0); st(inTree, enter, 1);
  const pos = ld(treePos, leave);
  st(treeList, pos, enter); st(treePos, enter, pos); st(treePos, leave, -1);
  dfsRange(lca, ld(parE, lca), lcaLow);
}

/** Walks from v up to the first ancestor of w, adding cv to the cut values on the way (signed by
 *  the edges' directions). Returns that ancestor. */
function treeUpdate(v0: i32, w: i32, cv: f64, dir: bool): i32 {
  let v = v0;
  while (!isDesc(w, v)) {
    const e = ld(parE, v);
    const d = v == ld(eT, e) ? dir : !dir;
    st(cut, e, d ? ld(cut, e) + cv : ld(cut, e) - cv);
    v = ld(lim, ld(eT, e)) > ld(lim, ld(eH, e)) ? ld(eT, e) : ld(eH, e);
  }
  return v;
}

function grow8(a: Uint8Array, n: i32): Uint8Array {
  if (a.length >= n) return a;
  return new Uint8Array(max(n, a.length * 2));
}
