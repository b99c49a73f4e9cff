/**
 * Network simplex (Gansner, Koutsofios, North, Vo 1993; the update scheme of graphviz's ns.c):
 * minimises Σ w·(x[head] − x[tail]) over edges with x[head] − x[tail] ≥ len, from a feasible x.
 * simplex.ts builds the graph (begin, addEdge, incidence) and the start; solve() runs:
 *  1. a tight spanning tree, grown from the root along tight edges; when none is left, the whole
 *     tree shifts by the least slack of an edge leaving it (two heaps of those edges, keyed so
 *     that a shift is one running offset: a tree node's x is kept relative until the end);
 *  2. pivots: a tree edge with a negative cut value leaves, the non-tree edge of least slack
 *     across the cut enters; the subtree below the leaving edge moves by that slack, cut values
 *     change along the cycle the entering edge closes, and only the tree paths it touched are
 *     renumbered (postorder lim/low, for the subtree tests).
 * Postconditions: x feasible, every tree edge tight; optimal (no negative cut value) unless the
 * work bound stopped the pivots, which then leave an x no worse than the tree's.
 * Cost: O(m log m) for the tree; a pivot is linear in the moved subtree and the renumbered paths.
 */
import { growI, growF, ld, st, add } from '../util';

export let nV: i32 = 0;
export let nE: i32 = 0;
export let eT = new Int32Array(16);
export let eH = new Int32Array(16);
export let eLen = new Float64Array(16);
let eW = new Float64Array(16);
/** The solution (and the feasible start the caller writes before solve()). */
export let x = new Float64Array(16);
let inTree = new Uint8Array(16);
let cut = new Float64Array(16);
let adjStart = new Int32Array(16);
let adj = new Int32Array(16);
let parE = new Int32Array(16);
let low = new Int32Array(16);
let lim = new Int32Array(16);
let mark = new Uint8Array(16);
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
/** Slack and cut values within this of zero count as zero (simplex.ts's feasibility check too). */
export const EPS: f64 = 1e-7;

export const OPTIMAL: i32 = 1;
export const STOPPED: i32 = 0;
export const FAILED: i32 = -1;

@inline function other(e: i32, v: i32): i32 { return ld(eT, e) == v ? ld(eH, e) : ld(eT, e); }
@inline export function slack(e: i32): f64 { return ld(x, ld(eH, e)) - ld(x, ld(eT, e)) - ld(eLen, e); }

/** An empty graph of n nodes with room for m edges. */
export function begin(n: i32, m: i32): void {
  nV = n; nE = 0;
  eT = growI(eT, m); eH = growI(eH, m); eLen = growF(eLen, m); eW = growF(eW, m);
  inTree = grow8(inTree, m); cut = growF(cut, m); treePos = growI(treePos, m);
  x = growF(x, n); adjStart = growI(adjStart, n + 1); adj = growI(adj, 2 * m);
  parE = growI(parE, n); low = growI(low, n); lim = growI(lim, n); mark = grow8(mark, n);
  stack = growI(stack, n); iter = growI(iter, n); byLim = growI(byLim, n); treeList = growI(treeList, n);
}

export function addEdge(t: i32, h: i32, len: f64, w: f64): void {
  const e = nE++;
  st(eT, e, t); st(eH, e, h); st(eLen, e, len); st(eW, e, w);
}

/** Solves from the feasible x; pivots stop after maxPivots or maxWork nodes visited. The graph
 *  must be connected. Returns OPTIMAL, STOPPED (feasible, bounds reached) or FAILED. */
export function solve(root: i32, maxPivots: i32, maxWork: i32): i32 {
  incidence();
  feasibleTree(root);
  for (let v = 0; v < nV; v++) st(low, v, -1);
  dfsRange(root, -1, 0);
  initCutValues(root);
  let pivots = 0;
  work = 0; leaveStart = 0;
  let leave = leaveEdge();
  while (leave >= 0) {
    if (++pivots > maxPivots || work > maxWork) return STOPPED;
    const enter = enterEdge(leave);
    if (enter < 0) return FAILED;
    update(leave, enter);
    leave = leaveEdge();
  }
  return OPTIMAL;
}

function incidence(): void {
  for (let v = 0; v <= nV; v++) st(adjStart, v, 0);
  for (let e = 0; e < nE; e++) { add(adjStart, ld(eT, e) + 1, 1); add(adjStart, ld(eH, e) + 1, 1); }
  for (let v = 0; v < nV; v++) add(adjStart, v + 1, ld(adjStart, v));
  for (let v = 0; v < nV; v++) st(iter, v, ld(adjStart, v));
  for (let e = 0; e < nE; e++) {
    const t = ld(eT, e), h = ld(eH, e);
    st(adj, ld(iter, t), e); add(iter, t, 1); st(adj, ld(iter, h), e); add(iter, h, 1);
  }
}

/** Debug: the optimality certificate — every edge feasible, every tree edge tight, the kept cut
 *  values equal to fresh ones and (when the pivots ran to the end) none negative. Returns the
 *  number of failures. */
export function verify(root: i32, optimal: bool): i32 {
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
