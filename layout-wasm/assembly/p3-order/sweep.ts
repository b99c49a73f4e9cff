/**
 * Phase 3 — order: crossing minimisation inside each rank.
 *
 * Preconditions: unit segments and rank buckets built (phase 2b).
 * Postconditions:
 *  1. rankNodes[rankStart[r] ..) lists rank r left → right and nPos[v] is v's index there;
 *  2. the order kept is the one with the fewest crossings seen over the sweeps.
 * Initial order: depth-first discovery order (keeps chains together), with two permutations that
 * bring in the parent's context (the parent is laid out later, so only the edges' argument ports
 * outside are known): unconnected parts ordered by p0's sidePref, and a node's outgoing border
 * ports by their far ends' arguments. Sweeps keep them unless crossings inside pull otherwise
 * (they only run on crossings, and ties keep their place): a cheap stand-in for a second bottom-up
 * pass. Then alternating down/up sweeps sorting each rank by the barycenter of its neighbours in the previous rank; nodes with no
 * neighbour there keep their place. Barycenters and crossing counts see where an edge meets its
 * node when that is known before placement: a child group's fixed port, or the argument order
 * (edge ports), so the branches feeding q, k, v come in argument order. Sweep count is capped by graph size so big groups stay
 * ~linear: fewer sweeps cost crossings, never time. transpose.ts then swaps neighbours.
 */
import * as G from '../lgraph';
import { tKind, tEdge, eTP, TASK_OUT } from '../tasks';
import { growI, growF, sortByKey, ld, st, add } from '../util';

let key = new Float64Array(16);
let best = new Int32Array(16);
let stack = new Int32Array(16);
let it = new Int32Array(16);
let bit = new Int32Array(16);
let segIdx = new Int32Array(16);
let segKey = new Float64Array(16);
let lowRank = new Int32Array(16);
let treeStart = new Int32Array(16);
let treeOf = new Int32Array(16);
let pPref = new Float64Array(16);
let pIdx = new Int32Array(16);   // scratch of the two initial permutations: items, preferences, slots
let pSlot = new Int32Array(16);

export function orderRanks(): void {
  const n = G.nNodes, R = G.nRanks;
  key = growF(key, n); stack = growI(stack, n); it = growI(it, n); best = growI(best, n);
  treeStart = growI(treeStart, n + 1);
  // Initial: DFS discovery order along downward segments.
  for (let v = 0; v < n; v++) st(key, v, -1);
  let count = 0;
  let nTrees = 0;
  for (let root = 0; root < n; root++) {
    if (ld(key, root) >= 0) continue;
    st(treeStart, nTrees++, count);
    let sp = 0;
    st(stack, sp++, root); st(key, root, <f64>(count++)); st(it, root, ld(G.downStart, root));
    while (sp > 0) {
      const v = ld(stack, sp - 1);
      if (ld(it, v) < ld(G.downStart, v + 1)) {
        const w = ld(G.sDown, ld(G.downList, it[v]++));
        if (ld(key, w) < 0) { st(key, w, <f64>(count++)); st(it, w, ld(G.downStart, w)); st(stack, sp++, w); }
      } else sp--;
    }
  }
  st(treeStart, nTrees, count);
  orderTreesBySidePref(nTrees);
  orderOutPortsByFarArg();
  for (let r = 0; r < R; r++) sortRank(r);
  if (R < 2) return;
  let bestCross = countAll();
  for (let v = 0; v < n; v++) st(best, v, ld(G.rankNodes, v));
  const size = n + G.nSegs;
  const sweeps = size <= 2000 ? 10 : size <= 20000 ? 6 : size <= 100000 ? 4 : 2;
  let stale = 0;
  for (let s = 0; s < sweeps && bestCross > 0 && stale < 3; s++) {
    if ((s & 1) == 0) { for (let r = 1; r < R; r++) sweepRank(r, true); }
    else { for (let r = R - 2; r >= 0; r--) sweepRank(r, false); }
    const c = countAll();
    if (c < bestCross) { bestCross = c; stale = 0; for (let v = 0; v < n; v++) st(best, v, ld(G.rankNodes, v)); } else stale++;
  }
  for (let v = 0; v < n; v++) st(G.rankNodes, v, ld(best, v));
  for (let r = 0; r < R; r++) for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) st(G.nPos, ld(G.rankNodes, i), i - ld(G.rankStart, r));
}

/** Unconnected parts (DFS trees) whose nodes carry a side preference (p0's sidePref: an argument
 *  port outside, e.g. attention heads feeding cat) are permuted among themselves into that order;
 *  the other trees keep their slots. Sweeps never swap unconnected chains, so only this start
 *  can line the group's border ports up with its parent. Connected groups are left unchanged. */
function orderTreesBySidePref(nTrees: i32): void {
  if (nTrees < 2 || G.nSide < 2) return;
  const n = G.nNodes;
  treeOf = growI(treeOf, n); pPref = growF(pPref, nTrees); pIdx = growI(pIdx, nTrees); pSlot = growI(pSlot, nTrees);
  for (let t = 0; t < nTrees; t++) st(pPref, t, NaN);
  // each tree is a contiguous range of discovery numbers
  for (let v = 0; v < n; v++) st(treeOf, v, treeOfKey(<i32>ld(key, v), nTrees));
  for (let s = 0; s < G.nSide; s++) {
    const p = ld(G.sidePref, s);
    if (isNaN(p)) continue;
    const t = ld(treeOf, ld(G.sideNode, s));
    const q = ld(pPref, t);
    if (isNaN(q) || p < q) st(pPref, t, p);
  }
  // trees with a preference, in slot order; then sorted by preference (stable: ties keep order)
  let k = 0;
  for (let t = 0; t < nTrees; t++) if (!isNaN(ld(pPref, t))) { st(pIdx, k, t); st(pSlot, k, t); k++; }
  if (k < 2) return;
  sortByKey(pIdx, 0, k, pPref);
  // tree pIdx[i] moves into slot pSlot[i]: new discovery numbers, sizes permuted
  for (let i = 0; i < nTrees; i++) st(it, i, ld(treeStart, i + 1) - ld(treeStart, i)); // sizes
  const newStart = stack; // reuse: start of each tree after the permutation
  const order = best;     // order[slot] = tree placed there
  for (let t = 0; t < nTrees; t++) st(order, t, t);
  for (let i = 0; i < k; i++) st(order, ld(pSlot, i), ld(pIdx, i));
  let c = 0;
  for (let sl = 0; sl < nTrees; sl++) { const t = ld(order, sl); st(newStart, t, c); c += ld(it, t); }
  for (let v = 0; v < n; v++) {
    const t = ld(treeOf, v);
    st(key, v, ld(key, v) - <f64>ld(treeStart, t) + <f64>ld(newStart, t));
  }
}

/** A node's outgoing border ports (bottom port dummies right below it) start in the order their
 *  edges enter their far ends: argument 0 (left of its target's centre) before an edge without
 *  argument ports (the centre), then arguments 1, 2, …. A residual add2 → next block {add1 port 0,
 *  ln1} so leaves on the left, where the next block's skip lane runs, instead of crossing the
 *  ln1 edge between the blocks. A guess from the edge alone (the far end is laid out later). */
function orderOutPortsByFarArg(): void {
  const n = G.nNodes;
  pIdx = growI(pIdx, n); pPref = growF(pPref, n); pSlot = growI(pSlot, n);
  for (let u = 0; u < n; u++) {
    let k = 0, anyArg = false;
    for (let j = ld(G.downStart, u); j < ld(G.downStart, u + 1); j++) {
      const w = ld(G.sDown, ld(G.downList, j));
      if (ld(G.nKind, w) != G.NK_PORT_BOTTOM || ld(G.sUp, ld(G.downList, j)) != u) continue;
      const t = ld(G.nRef, w);
      if (ld(tKind, t) != TASK_OUT) continue;
      const a = ld(eTP, ld(tEdge, t));
      if (a >= 0) anyArg = true;
      st(pIdx, k, w); st(pPref, k, a < 0 ? 0.0 : a == 0 ? -1.0 : <f64>a); k++;
    }
    if (k < 2 || !anyArg) continue;
    // slots: the ports' current keys, ascending; then ports by (pref, key), insertion sort
    for (let i = 0; i < k; i++) st(pSlot, i, i);
    for (let i = 1; i < k; i++) {
      const x = ld(pSlot, i); let j = i - 1;
      while (j >= 0 && before(x, ld(pSlot, j))) { st(pSlot, j + 1, ld(pSlot, j)); j--; }
      st(pSlot, j + 1, x);
    }
    // current keys sorted ascending are the slots; the i-th port in pref order takes the i-th
    for (let i = 0; i < k; i++) st(stack, i, <i32>ld(key, ld(pIdx, i)));
    for (let i = 1; i < k; i++) {
      const x = ld(stack, i); let j = i - 1;
      while (j >= 0 && ld(stack, j) > x) { st(stack, j + 1, ld(stack, j)); j--; }
      st(stack, j + 1, x);
    }
    for (let i = 0; i < k; i++) st(it, i, ld(pIdx, ld(pSlot, i)));
    for (let i = 0; i < k; i++) st(key, ld(it, i), <f64>ld(stack, i));
  }
}

/** Port a goes before port b (indexes into pIdx/pPref): by preference, then current key. */
@inline function before(a: i32, b: i32): bool {
  const pa = ld(pPref, a), pb = ld(pPref, b);
  return pa < pb || (pa == pb && ld(key, ld(pIdx, a)) < ld(key, ld(pIdx, b)));
}

/** Index of the tree whose discovery range holds c (binary search over treeStart). */
function treeOfKey(c: i32, nTrees: i32): i32 {
  let lo = 0, hi = nTrees - 1;
  while (lo < hi) { const m = (lo + hi + 1) >> 1; if (ld(treeStart, m) <= c) lo = m; else hi = m - 1; }
  return lo;
}

function sortRank(r: i32): void {
  const a = ld(G.rankStart, r), b = ld(G.rankStart, r + 1);
  sortByKey(G.rankNodes, a, b, key);
  for (let i = a; i < b; i++) st(G.nPos, ld(G.rankNodes, i), i - a);
}

/** Barycenter of v's neighbours in the rank above (down) or below (!down). */
function sweepRank(r: i32, down: bool): void {
  const a = ld(G.rankStart, r), b = ld(G.rankStart, r + 1);
  for (let i = a; i < b; i++) {
    const v = ld(G.rankNodes, i);
    let sum = 0.0, c = 0;
    if (down) {
      for (let j = ld(G.upStart, v); j < ld(G.upStart, v + 1); j++) { const q = ld(G.upList, j); sum += <f64>ld(G.nPos, ld(G.sUp, q)) + portFrac(q, true); c++; }
    } else {
      for (let j = ld(G.downStart, v); j < ld(G.downStart, v + 1); j++) { const q = ld(G.downList, j); sum += <f64>ld(G.nPos, ld(G.sDown, q)) + portFrac(q, false); c++; }
    }
    // scaled so a node without neighbours keeps its relative place among the others
    st(key, v, c > 0 ? sum / <f64>c : <f64>(i - a) * (<f64>0.999999));
  }
  sortRank(r);
}

/** Where segment q meets its far end, within that node (-0.45..0.45 of a position), when the end
 *  is a child group's fixed port, or an argument-ordered port (ELK's port-aware barycenter): the
 *  branches feeding q, k, v then line up in argument order instead of tying. */
function portFrac(q: i32, up: bool): f64 {
  const e = ld(G.sEdge, q);
  const u = up ? ld(G.sUp, q) : ld(G.sDown, q);
  const atEnd = up ? u == ld(G.eU, e) : u == ld(G.eV, e);
  if (!atEnd) return 0;
  const fixed = up ? ld(G.eFixU, e) != 0 : ld(G.eFixV, e) != 0;
  if (fixed) {
    const w = ld(G.nL, u) + ld(G.nR, u);
    return w > 0 ? 0.9 * (up ? ld(G.eOffU, e) : ld(G.eOffV, e)) / w : 0;
  }
  // argument order (edge ports): attach.ts will spread the ends in key order along the side
  const key = up ? ld(G.eKeyU, e) : ld(G.eKeyV, e);
  if (key < 0) return 0;
  const deg = up ? ld(G.downStart, u + 1) - ld(G.downStart, u) : ld(G.upStart, u + 1) - ld(G.upStart, u);
  if (deg < 2) return 0;
  return 0.9 * (Math.min(key, <f64>(deg - 1)) / <f64>(deg - 1) - 0.5);
}

/** Crossings between all consecutive ranks (segments sorted by upper then lower position; BIT). */
export function countAll(): i64 {
  let total: i64 = 0;
  for (let r = 0; r + 1 < G.nRanks; r++) total += countBetween(r);
  return total;
}

function countBetween(r: i32): i64 {
  const a = ld(G.rankStart, r), b = ld(G.rankStart, r + 1);
  let k = 0;
  for (let i = a; i < b; i++) { const v = ld(G.rankNodes, i); k += ld(G.downStart, v + 1) - ld(G.downStart, v); }
  if (k < 2) return 0;
  segIdx = growI(segIdx, k); segKey = growF(segKey, G.nSegs); lowRank = growI(lowRank, G.nSegs);
  // lower ends ranked by position, then by where the segment meets the node (argument order / port)
  let c = 0;
  for (let i = a; i < b; i++) {
    const v = ld(G.rankNodes, i);
    for (let j = ld(G.downStart, v); j < ld(G.downStart, v + 1); j++) {
      const s = ld(G.downList, j);
      st(segIdx, c++, s);
      st(segKey, s, <f64>ld(G.nPos, ld(G.sDown, s)) + portFrac(s, false));
    }
  }
  sortByKey(segIdx, 0, k, segKey);
  let rank = 0;
  for (let i = 0; i < k; i++) {
    if (i == 0 || ld(segKey, ld(segIdx, i)) > ld(segKey, ld(segIdx, i - 1))) rank++;
    st(lowRank, ld(segIdx, i), rank);
  }
  // then in upper order (ties: lower rank ascending, so they never count as crossings)
  for (let i = 0; i < k; i++) {
    const s = ld(segIdx, i);
    st(segKey, s, (<f64>ld(G.nPos, ld(G.sUp, s)) + portFrac(s, true) + 0.5) * 1048576.0 + <f64>ld(lowRank, s));
  }
  sortByKey(segIdx, 0, k, segKey);
  const width = rank;
  bit = growI(bit, width + 1);
  for (let i = 0; i <= width; i++) st(bit, i, 0);
  let cross: i64 = 0, seen = 0;
  for (let i = 0; i < k; i++) {
    const p = ld(lowRank, ld(segIdx, i));
    // count already-seen segments whose lower end is right of p
    let le = 0, q = p;
    while (q > 0) { le += ld(bit, q); q -= q & -q; }
    cross += <i64>(seen - le);
    q = p;
    while (q <= width) { add(bit, q, 1); q += q & -q; }
    seen++;
  }
  return cross;
}
