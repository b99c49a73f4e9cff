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
 *  - in the slid try (place.ts tiePorts), per 2-input op's output point: a node p_v with edges
 *    v → p_v and p_v → v (weight 0) that hold it within v's width, and the terms of v's segments
 *    down reach p_v (len 0) instead of v (slidePoints);
 *  - per pair of rank neighbours p, v: p → v, len = the spacing, weight 0;
 *  - an anchor Z → the first node of one rank per connected part (weight 0), so the graph is
 *    connected, and → every step column (weight COLUMN_W: columns line up on the left).
 * Solved by network-simplex.ts.
 * Preconditions: attach points fixed (4a); a feasible x in G.nX (the sweeps', a warm start).
 * Postconditions: pav.ts's 1 (order and spacing) hold, and the x is optimal — every tree edge
 * tight and no cut value negative (re-checked under phaseChecks, counted as p4 violations) —
 * unless WORK or PIVOTS ran out: then it is feasible and no worse than after the tight tree. Returns
 * false (x untouched) for a group over MAX_NODES or an infeasible start (the caller keeps the
 * sweeps).
 * Cost: from the sweeps' start ~2 pivots per group on the benchmark graphs; WORK keeps a group
 * whose pivots each renumber most of the tree linear.
 */
import * as G from '../lgraph';
import { growI, growF, ld, st, add, sortByKey } from '../util';
import * as Checks from '../debug/checks';
import { isColumn, isGroup } from '../hierarchy';
import { gapBetween } from './pav';
import { segClass, SEG_INNER, SEG_SHORT } from './weights';
import * as NS from './network-simplex';
import { slideMargin } from './slide';

/** Largest group (nodes + unit segments) placed exactly; past it pivots get long, and the
 *  sweeps place it (a ResNet stage of 3,571 blocks, at 100k leaves). */
export const MAX_NODES: i32 = 20000;
/** Pivot work per group at most, in nodes visited per auxiliary node (and at most PIVOTS pivots):
 *  past it the x is kept as it is — feasible and near optimal, as the first pivots make the big
 *  moves. It keeps the simplex linear on graphs whose pivots each renumber most of the tree. */
const WORK: i32 = 40;
const PIVOTS: i32 = 200;
const COLUMN_W: f64 = 1000;
/** A box's drift from the identical box it feeds (a transformer's next layer, a ResNet stage's next
 *  block), per px: over the spine's and a lane's jog together, so a stack of identical blocks
 *  stays on one axis and the edge between two of them jogs instead (one jog a block, where the
 *  drift made a staircase as wide as the blocks' count times the in/out offset: GPT-2). */
const ALIGN_W: f64 = 8;
/** The tie between a group's one top and one bottom port (place.ts's tiePorts): over the spine's
 *  weight, and the segments at the tied ports weigh as much (in simplexX's slid try, the spine's
 *  too), so the content between them lines up and not just the edges next to the ports jog. */
export const TIE_W: f64 = 8;
/** A chain edge (leaf box, one edge out, into a leaf box, one edge in, both at the middle): a jog
 *  there is one slide.ts takes out by moving an end off its box's middle, so the jog a column
 *  needs goes to an edge out of a group or into a multi-input op instead (T5's `view#2 →
 *  transpose#2`; above TIE_W, so the slid try keeps it too). */
const CHAIN_W: f64 = 12;
let tTop: i32 = -1, tBot: i32 = -1, tSlid = false;

let uf = new Int32Array(16);
let tA = new Int32Array(16);
let tB = new Int32Array(16);
let tOA = new Float64Array(16);
let tOB = new Float64Array(16);
let tW = new Float64Array(16);
let segD = new Float64Array(16);
let segB = new Float64Array(16);
let segIdx = new Int32Array(16);
let segOA = new Float64Array(16);
let segOB = new Float64Array(16);

/** Places the group's x exactly (segment weights from weight()), with the ports tieTop and tieBottom
 *  tied when given; slid: the spine weighs as the tie and 2-input ops' outputs slide
 *  (slidePoints); false: not tried or failed, x untouched. */
export function simplexX(tieTop: i32 = -1, tieBottom: i32 = -1, slid: bool = false): bool {
  const n = G.nNodes, S = G.nSegs, R = G.nRanks;
  if (n + S + 1 > MAX_NODES || n == 0) return false;
  tTop = tieTop; tBot = tieBottom; tSlid = slid;
  let T = alignTerms(mergeTerms());
  if (tieTop >= 0) T = addTerm(T, tieTop, tieBottom, TIE_W);
  const Z = n + T;
  const K = slid ? slidePoints(Z + 1) : 0;
  NS.begin(Z + 1 + K, 2 * T + n + R + 2 * K);
  uf = growI(uf, n);
  for (let v = 0; v < n; v++) st(uf, v, v);
  for (let q = 0; q < T; q++) {
    const a = ld(tA, q), b = ld(tB, q);
    const p = K > 0 ? ld(segIdx, a) : -1;
    if (p >= 0) NS.addEdge(n + q, p, 0, ld(tW, q)); else NS.addEdge(n + q, a, -ld(tOA, q), ld(tW, q));
    NS.addEdge(n + q, b, -ld(tOB, q), ld(tW, q));
    union(a, b);
  }
  for (let v = 0; v < n && K > 0; v++) {
    const p = ld(segIdx, v), m = slideMargin(v);
    if (p >= 0) { NS.addEdge(v, p, m - ld(G.nL, v), 0.0); NS.addEdge(p, v, m - ld(G.nR, v), 0.0); st(NS.x, p, ld(G.nX, v) + ld(segB, v)); }
  }
  for (let r = 0; r < R; r++)
    for (let i = ld(G.rankStart, r) + 1; i < ld(G.rankStart, r + 1); i++) {
      const p = ld(G.rankNodes, i - 1), v = ld(G.rankNodes, i);
      NS.addEdge(p, v, ld(G.nR, p) + ld(G.nL, v) + gapBetween(p, v), 0.0);
      union(p, v);
    }
  // Z reaches every component once (a rank lies in one), and pins step columns to the left
  for (let r = 0; r < R; r++) {
    if (ld(G.rankStart, r) == ld(G.rankStart, r + 1)) continue;
    const f = ld(G.rankNodes, ld(G.rankStart, r));
    const col = ld(G.nKind, f) == G.NK_CHILD && ld(isColumn, ld(G.nRef, f)) != 0;
    const root = find(f);
    if (col || root >= 0) NS.addEdge(Z, f, ld(G.nL, f), col ? COLUMN_W : 0.0);
    if (root >= 0) st(uf, root, -1 - root); // marked: reached from Z
  }
  // warm start: the current x; segment nodes tight below their heads, Z left of everything
  let zx = Infinity;
  for (let v = 0; v < n; v++) { st(NS.x, v, ld(G.nX, v)); zx = Math.min(zx, ld(G.nX, v) - ld(G.nL, v)); }
  st(NS.x, Z, zx);
  termsTight(n, T);
  // an infeasible warm start (cannot happen from a placement, but cheap to rule out): the sweeps' x
  for (let e = 0; e < NS.nE; e++) if (NS.slack(e) < -NS.EPS) return false;
  const result = NS.solve(Z, PIVOTS, WORK * NS.nV + 1000);
  if (result == NS.FAILED) return false;
  if (Checks.checking) Checks.violations[4] += NS.verify(Z, result == NS.OPTIMAL);
  for (let v = 0; v < n; v++) st(G.nX, v, ld(NS.x, v));
  return true;
}

/** Each term's node at min(xa + oa, xb + ob): tight on one side. */
function termsTight(n: i32, T: i32): void {
  for (let q = 0; q < T; q++)
    st(NS.x, n + q, Math.min(ld(NS.x, ld(NS.eH, 2 * q)) - ld(NS.eLen, 2 * q), ld(NS.x, ld(NS.eH, 2 * q + 1)) - ld(NS.eLen, 2 * q + 1)));
}

/** The leaves with two or more points on top (a 2-input `add`) and one on the bottom:
 *  that point gets an aux node from `base` on, which the terms of its segments reach instead of
 *  the box (len 0) and the box holds within its width less slide.ts's margin, so the jog from an
 *  input slot (±8 px off the middle) to the output, which slide.ts takes out, costs nothing here
 *  (the tie's score, after the slide, has the last word: a self-loop or a side task may hold the
 *  point). In mergeTerms' scratch, free by now: segB the bottom point's offset (NaN: none yet,
 *  Infinity: several), segD the top one's, segIdx the aux node (or −1). Returns their number. */
function slidePoints(base: i32): i32 {
  const n = G.nNodes;
  segB = growF(segB, n); segD = growF(segD, n); segIdx = growI(segIdx, n);
  for (let v = 0; v < n; v++) { st(segB, v, NaN); st(segD, v, NaN); }
  for (let e = 0; e < G.nEdges; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e), o = ld(segB, u), t = ld(segD, v);
    st(segB, u, isNaN(o) || o == ld(G.eOffU, e) ? ld(G.eOffU, e) : Infinity);
    st(segD, v, isNaN(t) || t == ld(G.eOffV, e) ? ld(G.eOffV, e) : Infinity);
  }
  let K = 0;
  for (let v = 0; v < n; v++) {
    const o = ld(segB, v), m = slideMargin(v);
    st(segIdx, v, ld(segD, v) == Infinity && ld(G.nKind, v) == G.NK_CHILD && isGroup[ld(G.nRef, v)] == 0 && o >= m - ld(G.nL, v) && o <= ld(G.nR, v) - m ? base + K++ : -1);
  }
  return K;
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
 *  one term of the summed weight. A hyperedge's branches from one point of a into several points
 *  of b (a fan-out into ports of one group, nets.ts) are one term too, to their middle point (the
 *  one of the two middle ones nearer the span's centre): one branch runs straight and the trunk
 *  sits over the middle of the fan, where Σ |jog| would leave it anywhere between the two middle
 *  branches (the live LSTM's input over one end of the steps). Returns the number of terms. */
function mergeTerms(): i32 {
  const n = G.nNodes, S = G.nSegs;
  tA = growI(tA, S); tB = growI(tB, S); tOA = growF(tOA, S); tOB = growF(tOB, S); tW = growF(tW, S);
  segD = growF(segD, S); segB = growF(segB, S); segIdx = growI(segIdx, S); segOA = growF(segOA, S); segOB = growF(segOB, S);
  for (let s = 0; s < S; s++) {
    const a = ld(G.sUp, s), b = ld(G.sDown, s), e = ld(G.sEdge, s);
    st(segOA, s, a == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0);
    st(segOB, s, b == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0);
    st(segB, s, <f64>b);
  }
  for (let a = 0; a < n; a++) {
    const j0 = ld(G.downStart, a), j1 = ld(G.downStart, a + 1);
    if (j1 - j0 > 1) fanOuts(j0, j1);
  }
  for (let s = 0; s < S; s++) st(segD, s, ld(segOA, s) - ld(segOB, s));
  let T = 0;
  for (let a = 0; a < n; a++) {
    const j0 = ld(G.downStart, a), j1 = ld(G.downStart, a + 1);
    for (let j = j0; j < j1; j++) st(segIdx, j, ld(G.downList, j));
    if (j1 - j0 > 1) { sortByKey(segIdx, j0, j1, segD); sortByKey(segIdx, j0, j1, segB); } // by b, then the shift
    for (let j = j0; j < j1; j++) {
      const s = ld(segIdx, j), b = ld(G.sDown, s), w = weight(s);
      if (j > j0 && <i32>ld(segB, ld(segIdx, j - 1)) == b && Math.abs(ld(segD, ld(segIdx, j - 1)) - ld(segD, s)) <= 1e-9) { add(tW, T - 1, w); continue; }
      st(tA, T, a); st(tB, T, b); st(tW, T, w);
      st(tOA, T, ld(segOA, s)); st(tOB, T, ld(segOB, s));
      T++;
    }
  }
  return T;
}

/** Appends a term (u, v, 0, 0, ALIGN_W) per pair of child groups u → v joined by an edge (one
 *  with unit segments, so memo.ts's key covers it) whose boxes are identical (extents and height):
 *  their centres line up. Returns the number of terms. */
function alignTerms(T: i32): i32 {
  const T0 = T;
  for (let s = 0; s < G.nSegs; s++) {
    const e = ld(G.sEdge, s), u = ld(G.eU, e), v = ld(G.eV, e);
    if (!sameBox(u, v)) continue;
    let dup = false;
    for (let q = T0; q < T; q++) if (ld(tA, q) == u && ld(tB, q) == v) { dup = true; break; }
    if (dup) continue;
    T = addTerm(T, u, v, ALIGN_W);
  }
  return T;
}

/** Appends the term (u, v, 0, 0, w): u's and v's anchors line up. */
function addTerm(T: i32, u: i32, v: i32, w: f64): i32 {
  tA = growI(tA, T + 1); tB = growI(tB, T + 1); tOA = growF(tOA, T + 1); tOB = growF(tOB, T + 1); tW = growF(tW, T + 1);
  st(tA, T, u); st(tB, T, v); st(tOA, T, 0.0); st(tOB, T, 0.0); st(tW, T, w);
  return T + 1;
}

@inline function sameBox(u: i32, v: i32): bool {
  return u != v && ld(G.nKind, u) == G.NK_CHILD && ld(G.nKind, v) == G.NK_CHILD
    && isGroup[ld(G.nRef, u)] != 0 && isGroup[ld(G.nRef, v)] != 0
    && ld(G.nL, u) == ld(G.nL, v) && ld(G.nR, u) == ld(G.nR, v) && ld(G.nH, u) == ld(G.nH, v);
}

/** The segments down from one node (downList[j0..j1)) that leave one point of it for several
 *  points of one node below all aim at the middle one (segOB). */
function fanOuts(j0: i32, j1: i32): void {
  for (let j = j0; j < j1; j++) st(segIdx, j, ld(G.downList, j));
  sortByKey(segIdx, j0, j1, segOB); sortByKey(segIdx, j0, j1, segOA); sortByKey(segIdx, j0, j1, segB); // by b, oa, ob
  let i = j0;
  while (i < j1) {
    const s0 = ld(segIdx, i);
    let j = i + 1, k = 1;
    while (j < j1 && ld(segB, ld(segIdx, j)) == ld(segB, s0) && Math.abs(ld(segOA, ld(segIdx, j)) - ld(segOA, s0)) <= 1e-9) {
      if (ld(segOB, ld(segIdx, j)) - ld(segOB, ld(segIdx, j - 1)) > 1e-9) k++;
      j++;
    }
    if (k > 1) {
      const lo = ld(segOB, s0), hi = ld(segOB, ld(segIdx, j - 1)), c = (lo + hi) * 0.5;
      // the distinct points' middle ones: the (k-1)/2-th and k/2-th
      let m0 = lo, m1 = lo, d = 0;
      for (let q = i; q < j; q++) {
        const ob = ld(segOB, ld(segIdx, q));
        if (q > i && ob - ld(segOB, ld(segIdx, q - 1)) > 1e-9) d++;
        if (d == (k - 1) >> 1) m0 = ob;
        if (d == k >> 1) { m1 = ob; break; }
      }
      const mid = Math.abs(m1 - c) < Math.abs(m0 - c) - 1e-9 ? m1 : m0;
      for (let q = i; q < j; q++) st(segOB, ld(segIdx, q), mid);
    }
    i = j;
  }
}

/** ω of segment s (weights.ts): a long edge's lane 4, the spine 3 (a chain edge CHAIN_W), a long
 *  edge's turn into its lane 1; TIE_W next to a tied port, and on the spine in the slid try (above). */
@inline function weight(s: i32): f64 {
  if (tTop >= 0 && (ld(G.sUp, s) == tTop || ld(G.sDown, s) == tBot)) return TIE_W;
  const c = segClass(s), e = ld(G.sEdge, s);
  if (ld(G.sUp, s) == ld(G.eU, e) && ld(G.eTopU, e) == 2) return 0.01; // free: route.ts runs it across
  return c == SEG_INNER ? 4.0 : c == SEG_SHORT ? (chainSeg(s) ? CHAIN_W : tSlid ? TIE_W : 3.0) : 1.0;
}

/** A chain edge's segment: leaf box (one segment down, at its middle) straight into a leaf box
 *  (one segment up, at its middle). */
@inline function chainSeg(s: i32): bool {
  const e = ld(G.sEdge, s), a = ld(G.eU, e), b = ld(G.eV, e);
  return ld(G.nKind, a) == G.NK_CHILD && ld(G.nKind, b) == G.NK_CHILD && isGroup[ld(G.nRef, a)] == 0 && isGroup[ld(G.nRef, b)] == 0
    && ld(G.downStart, a + 1) - ld(G.downStart, a) == 1 && ld(G.upStart, b + 1) - ld(G.upStart, b) == 1
    && ld(G.eOffU, e) == 0.0 && ld(G.eOffV, e) == 0.0;
}
