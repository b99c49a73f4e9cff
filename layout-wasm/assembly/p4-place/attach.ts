/**
 * Phase 4a — attach points: where each edge meets its node's border, before coordinates.
 *
 * Preconditions: order fixed (phase 3).
 * Postconditions:
 *  1. eOffU/eOffV (relative to the anchor x) set for every drawn edge end on a child or port;
 *     ends fixed by a child group's port keep their offset; dummies attach at 0;
 *  2. on each side of a box the free attach points are in argument order (edge ports) when given,
 *     an edge that comes from (goes to) the group's side border included — it takes its argument's
 *     place even where that costs a crossing (v into attn @ v below softmax, argument 0); ends
 *     without a port in the order of the other ends (fewer crossings), side tasks at the end
 *     nearest their border; centred, portSpacing() apart (closer
 *     on a narrow box: w / (k + 1)) — the same offsets on boxes of different widths, so a spine
 *     through a 2-input add and a 2-output relu stays straight; a side whose edges all run
 *     straight to ports of one child group copies those ports' spacing instead (when it fits);
 *     the ends of one net (nets.ts: one tensor out of a port, or into one) share one point (their
 *     middle end's; a leaf's top in the middle when all its inputs are one net), and none lies on
 *     a port of a child group on the same side nor, moved off one, on the point of another net
 *     (nets.ts clearOfFixed);
 *  3. sideOff set for side tasks; boxes with self-loops are widened on the right for the loops;
 *  4. a label dummy that is first in its rank holds its label on the left (nL > nR).
 * Outgoing edges (and same-rank edges) use the canonical bottom, incoming ones the top.
 */
import * as G from '../lgraph';
import { growI, growF, sortByKey, ld, st } from '../util';
import { optEdgeGap, flowDir } from '../hierarchy';
import { tEdge, eLW, eLH, eSP, eTP } from '../tasks';
import { endNet, sideNet, collectFixed, clearOfFixed } from '../nets';

const KIND_U: i32 = 0, KIND_V: i32 = 1, KIND_SIDE: i32 = 2;
let aIdx = new Int32Array(16);
let aKey = new Float64Array(16);
let aKind = new Int32Array(16);
let aRef = new Int32Array(16);
let aNode = new Int32Array(16);
let aNet = new Float64Array(16);

export function attachPoints(): void {
  const m = G.nEdges;
  const cap = 2 * m + G.nSide + 1;
  aIdx = growI(aIdx, cap); aKey = growF(aKey, cap); aKind = growI(aKind, cap); aRef = growI(aRef, cap); aNode = growI(aNode, cap); aNet = growF(aNet, cap);
  let c = 0;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    const flat = ld(G.nRank, u) == ld(G.nRank, v);
    const len = ld(G.eChainLen, e);
    const nextU = ld(G.chain, ld(G.eChain, e) + 1), prevV = ld(G.chain, ld(G.eChain, e) + len - 2);
    // key: the argument order when given, else where the edge goes (with the far port's place
    // along its box when the far end is a group, so bundles into one group do not cross)
    if (ld(G.eBypass, e)) { // around the right side: attach rightmost
      if (!ld(G.eFixU, e)) add(c++, u, 0, 3999999, KIND_U, e, -1);
      if (!ld(G.eFixV, e)) add(c++, v, 1, 3999999, KIND_V, e, -1);
      continue;
    }
    if (ld(G.nKind, u) != G.NK_DUMMY && !ld(G.eFixU, e)) {
      const far = nextU == v && ld(G.eFixV, e) ? portFraction(v, ld(G.eOffV, e)) : 0.5;
      add(c++, u, 0, ld(G.eKeyU, e) >= 0 ? ld(G.eKeyU, e) + tie(nextU, far) : 1000 + <f64>ld(G.nPos, nextU) + far, KIND_U, e, endNet(e, true));
    }
    if (ld(G.nKind, v) != G.NK_DUMMY && !ld(G.eFixV, e)) {
      const far = prevV == u && ld(G.eFixU, e) ? portFraction(u, ld(G.eOffU, e)) : 0.5;
      add(c++, v, flat ? 0 : 1, ld(G.eKeyV, e) >= 0 ? ld(G.eKeyV, e) + tie(prevV, far) : 1000 + <f64>ld(G.nPos, prevV) + far, KIND_V, e, endNet(e, false));
    }
  }
  for (let s = 0; s < G.nSide; s++) {
    if (!isNaN(ld(G.sideOff, s))) continue;
    const se = ld(tEdge, ld(G.sideTask, s));
    const port = ld(G.sideOut, s) ? ld(eSP, se) : ld(eTP, se);
    const right = ld(G.sideRight, s);
    add(c++, ld(G.sideNode, s), ld(G.sideOut, s) ? 0 : 1, port >= 0 ? <f64>port + (right ? 0.99 : 0.01) : right ? 4000000 : -1, KIND_SIDE, s, sideNet(s, port));
  }
  sortByKey(aIdx, 0, c, aKey);
  const nf = collectFixed(c, aNode);
  let i = 0;
  while (i < c) {
    const v = ld(aNode, ld(aIdx, i));
    const groupKey = Math.floor(ld(aKey, ld(aIdx, i)) / 8388608.0);
    let j = i + 1;
    while (j < c && Math.floor(ld(aKey, ld(aIdx, j)) / 8388608.0) == groupKey) j++;
    const w = ld(G.nL, v) + ld(G.nR, v);
    // one point per net: consecutive ends of one net (net -1: never shared) take the slot of their
    // middle end (the lower median), so the edge that ran straight from its own slot still does;
    // a leaf's inputs that are all one net (no ports: pool and fc.weight into fc) meet in its middle,
    // in line with its output (a careful drawer's path runs through the box; on the out side the
    // slot stays: BERT's trunk runs from layer_norm's into `key`, off the middle)
    const k = j - i;
    const s = Math.min(w / <f64>(k + 1), portSpacing());
    const mid = (ld(G.nR, v) - ld(G.nL, v)) * 0.5;
    const mirror = k > 1 && mirrors(i, j, w);
    const f0 = mirror ? farOff(ld(aIdx, i)) : 0.0, f1 = mirror ? farOff(ld(aIdx, j - 1)) : 0.0;
    let a0 = i, prev = -Infinity;
    while (a0 < j) {
      let b0 = a0 + 1;
      while (b0 < j && sameNet(b0)) b0++;
      const qm = a0 + ((b0 - a0 - 1) >> 1);
      const one = b0 - a0 == k && (<i32>groupKey & 1) == 1 && ld(G.nKind, v) == G.NK_CHILD;
      let off = mirror ? mid + farOff(ld(aIdx, qm)) - (f0 + f1) * 0.5 : one ? mid : mid + s * (<f64>(qm - i) - <f64>(k - 1) * 0.5);
      if (nf > 0) prev = off = clearOfFixed(v, groupKey, off, nf, prev);
      for (let q = a0; q < b0; q++) {
        const a = ld(aIdx, q), kind = ld(aKind, a), ref = ld(aRef, a);
        if (kind == KIND_U) st(G.eOffU, ref, off);
        else if (kind == KIND_V) st(G.eOffV, ref, off);
        else st(G.sideOff, ref, off);
      }
      a0 = b0;
    }
    i = j;
  }
  // A label dummy first in its rank carries its label on the left, into free space, instead of
  // pushing its right neighbours (often the other edges of the same bundle) aside.
  for (let v = G.nChildren; v < G.nNodes; v++) {
    if (ld(G.nLabel, v) < 0 || ld(G.nPos, v) != 0 || ld(G.rankStart, ld(G.nRank, v) + 1) - ld(G.rankStart, ld(G.nRank, v)) < 2) continue;
    const r = ld(G.nR, v);
    st(G.nR, v, ld(G.nL, v)); st(G.nL, v, r);
  }
  // Self-loops: widen the box's right extent (loops, then their labels).
  const d = ld(flowDir, G.group);
  for (let s = 0; s < G.nSelf; s++) {
    const v = ld(G.selfNode, s);
    const e = ld(tEdge, ld(G.selfTask, s));
    const lw = d == 0 || d == 2 ? ld(eLW, e) : ld(eLH, e);
    G.nR[v] += optEdgeGap + (lw > 0 ? lw + optEdgeGap : 0);
  }
}

/** The child group at the far end of attach entry a when the edge goes straight to one of its
 *  fixed ports on the side facing this box (else -1). */
function farGroup(a: i32): i32 {
  const kind = ld(aKind, a), e = ld(aRef, a);
  if (kind == KIND_U) {
    const v = ld(G.eV, e);
    return ld(G.eFixV, e) && ld(G.eTopV, e) && ld(G.chain, ld(G.eChain, e) + 1) == v ? v : -1;
  }
  if (kind == KIND_V) {
    const u = ld(G.eU, e);
    return ld(G.eFixU, e) && !ld(G.eTopU, e) && ld(G.chain, ld(G.eChain, e) + ld(G.eChainLen, e) - 2) == u ? u : -1;
  }
  return -1;
}

/** The far port's offset from its group's anchor (entry a with farGroup(a) >= 0). */
@inline function farOff(a: i32): f64 { return ld(aKind, a) == KIND_U ? ld(G.eOffV, ld(aRef, a)) : ld(G.eOffU, ld(aRef, a)); }

/** Entries idx[i..j) of one box side all run straight to ports of one child group, in the order
 *  of those ports and within the box's width: they then copy the ports' spacing, so that one
 *  placement lines all of them up (q, k, v into the attention heads; the heads' outputs into cat). */
function mirrors(i: i32, j: i32, w: f64): bool {
  const g = farGroup(ld(aIdx, i));
  if (g < 0) return false;
  for (let q = i + 1; q < j; q++) {
    const a = ld(aIdx, q);
    if (farGroup(a) != g || farOff(a) <= farOff(ld(aIdx, q - 1)) + 1e-6) return false;
  }
  return farOff(ld(aIdx, j - 1)) - farOff(ld(aIdx, i)) <= w - 2.0 * optEdgeGap;
}

/** Distance between neighbouring attach points on one side of a box (less on a narrow box). */
@inline function portSpacing(): f64 { return Math.max(16.0, 2.0 * optEdgeGap); }

/** Breaks ties between equal argument keys (one output used twice: port 0 for both) by where the
 *  edges go, in [0, 0.9): the ends still follow the far ends left to right, so they do not cross. */
function tie(far: i32, frac: f64): f64 {
  const r = ld(G.nRank, far);
  const size = ld(G.rankStart, r + 1) - ld(G.rankStart, r);
  return 0.9 * (<f64>ld(G.nPos, far) + frac) / <f64>(size + 1);
}

/** Where along v's width (0..1) an attach offset lies. */
function portFraction(v: i32, off: f64): f64 {
  const w = ld(G.nL, v) + ld(G.nR, v);
  return w > 0 ? Math.min(0.99, Math.max(0.01, (off + ld(G.nL, v)) / w)) : 0.5;
}

/** Entry q (in sorted order, not the first of its node side) shares the point of entry q - 1:
 *  the same net, and a net at all. */
@inline function sameNet(q: i32): bool {
  const a = ld(aNet, ld(aIdx, q)), b = ld(aNet, ld(aIdx, q - 1));
  return a >= 0 && a == b;
}

/** key layout: (node, side) in the high part, the order key (< 2^23) in the low part. */
function add(i: i32, node: i32, side: i32, k: f64, kind: i32, ref: i32, net: f64): void {
  const kk = k < 0 ? 0 : k > 8000000 ? 8000000 : k;
  st(aIdx, i, i); st(aNode, i, node); st(aKind, i, kind); st(aRef, i, ref); st(aNet, i, net);
  st(aKey, i, (<f64>(node * 2 + side)) * 8388608.0 + kk + (k < 0 ? 0 : 1));
}
