/**
 * Phase 4b, sweeps — x coordinates (anchor x) of every node, rank by rank (place.ts runs it for
 * every group, and simplex.ts after it on small ones).
 *
 * Preconditions: order and attach points fixed (phases 3, 4a).
 * Postconditions:
 *  1. in each rank, consecutive nodes keep their order and are at least
 *     nR[a] + nL[b] + gap apart (gap: nodeGap between boxes, less next to dummies);
 *  2. x is not normalised (straighten.ts, which runs last, is).
 * Method: sweeps down and up, then a last sweep down only (a chain hangs straight from its top:
 * the two-sided last sweep left compromises — a jog at every merge of a residual block). Each node
 * wants the median of the positions that would make its edges to the neighbouring rank vertical
 * (an even count of wishes takes the lower median, not the mean: one straight edge beats two bent
 * ones; of two, the edge from a box with inputs, then a dummy's, then a source's: a parameter or
 * constant comes in from the side of the path it feeds); each rank is then solved exactly as a weighted isotonic regression under the spacing
 * constraints (pool-adjacent-violators, linear per rank). A group aims its centre at the far ends
 * of its edges (through dummies), while dummies and leaves aim at the group's ports: aligning
 * ports on both sides makes chains of blocks drift into a staircase. A long edge's inner segments
 * weigh half a box and its end segments almost nothing: a box on the main path stays in line and
 * the long edge (a residual) jogs once beside it and runs straight on.
 * Trade-off: linear per sweep but only a local optimum (a box that needs a neighbour two ranks
 * away moved to line up never gets there); place.ts follows it with simplex.ts where affordable.
 */
import * as G from '../lgraph';
import { growI, growF, sortByKey, ld, st, add } from '../util';
import { optNodeGap, optEdgeGap, isColumn, isGroup } from '../hierarchy';

/** Weight of a long edge's inner segment against a box's (1). */
const DUMMY_W: f64 = 0.5;
let tgt = new Float64Array(16);
let wt = new Float64Array(16);
let S = new Float64Array(16);
let blkW = new Float64Array(16);
let blkS = new Float64Array(16);
let blkN = new Int32Array(16);
let vals = new Float64Array(16);
let valIdx = new Int32Array(16);
let valReal = new Int32Array(16); // the wish's far end: 1 a box with inputs, 0 a dummy or port, -1 a source

@inline export function gapBetween(a: i32, b: i32): f64 {
  const ca = ld(G.nKind, a) == G.NK_CHILD, cb = ld(G.nKind, b) == G.NK_CHILD;
  if (ca && cb) return optNodeGap;
  if (ca || cb) return optNodeGap * 0.5;
  return optEdgeGap * 1.5;
}

/** The sweeps, from every rank packed to the left (x is normalised by straighten.ts). */
export function sweepX(): void {
  const n = G.nNodes, R = G.nRanks;
  tgt = growF(tgt, n); wt = growF(wt, n); S = growF(S, n + 1);
  blkW = growF(blkW, n); blkS = growF(blkS, n); blkN = growI(blkN, n);
  for (let r = 0; r < R; r++) {
    let x = 0.0;
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
      const v = ld(G.rankNodes, i);
      if (i > ld(G.rankStart, r)) x += ld(G.nR, ld(G.rankNodes, i - 1)) + ld(G.nL, v) + gapBetween(ld(G.rankNodes, i - 1), v);
      st(G.nX, v, x);
    }
  }
  const size = n + G.nSegs;
  const rounds = size <= 200 ? 3 : 2;
  for (let k = 0; k < rounds; k++) {
    for (let r = 1; r < R; r++) solveRank(r, 1);
    for (let r = R - 2; r >= 0; r--) solveRank(r, 2);
  }
  for (let r = 0; r < R; r++) solveRank(r, 1);
}

/** dirs: 1 = neighbours above, 2 = below, 3 = both. */
function solveRank(r: i32, dirs: i32): void {
  const a = ld(G.rankStart, r), b = ld(G.rankStart, r + 1);
  const k = b - a;
  if (k == 0) return;
  for (let i = a; i < b; i++) {
    const v = ld(G.rankNodes, i);
    const grp = ld(G.nKind, v) == G.NK_CHILD && ld(isGroup, ld(G.nRef, v)) != 0;
    let c = 0;
    if (dirs & 1) for (let j = ld(G.upStart, v); j < ld(G.upStart, v + 1); j++) {
      const s = ld(G.upList, j);
      const u = ld(G.sUp, s), e = ld(G.sEdge, s);
      if (grp) { c = push(c, ld(G.nX, ld(G.eU, e)), 1); continue; } // centre on the far end
      const offU = u == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0;
      const offV = v == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0;
      c = push(c, ld(G.nX, u) + offU - offV, ld(G.nKind, u) != G.NK_CHILD ? 0 : ld(G.upStart, u + 1) > ld(G.upStart, u) ? 1 : -1);
    }
    if (dirs & 2) for (let j = ld(G.downStart, v); j < ld(G.downStart, v + 1); j++) {
      const s = ld(G.downList, j);
      const w = ld(G.sDown, s), e = ld(G.sEdge, s);
      if (grp) { c = push(c, ld(G.nX, ld(G.eV, e)), 1); continue; }
      const offU = v == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0;
      const offV = w == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0;
      c = push(c, ld(G.nX, w) + offV - offU, ld(G.nKind, w) == G.NK_CHILD ? 1 : 0);
    }
    const isDummy = ld(G.nKind, v) != G.NK_CHILD;
    // step columns line up at the start of the flow, whatever their edges pull towards
    if (!isDummy && ld(isColumn, ld(G.nRef, v))) { st(tgt, i - a, ld(G.nL, v)); st(wt, i - a, 1e6); }
    else if (c == 0) { st(tgt, i - a, ld(G.nX, v)); st(wt, i - a, 0.01); }
    else {
      // a long edge's inner segments weigh most (they come out straight); its first and last
      // segments weigh less than a box, so the edge jogs beside a box instead of pushing it off line
      let reals = 0;
      for (let q = 0; q < c; q++) reals += ld(valReal, q) != 0 ? 1 : 0;
      st(tgt, i - a, median(c)); st(wt, i - a, isDummy ? DUMMY_W * <f64>(c - reals) + 1e-5 * <f64>reals : <f64>c);
    }
  }
  // spacing offsets S: x_i = y_i + S_i with y non-decreasing
  st(S, 0, 0);
  for (let i = 1; i < k; i++) {
    const p = ld(G.rankNodes, a + i - 1), v = ld(G.rankNodes, a + i);
    st(S, i, ld(S, i - 1) + ld(G.nR, p) + ld(G.nL, v) + gapBetween(p, v));
  }
  // pool adjacent violators on y-targets tgt - S
  let nb = 0;
  for (let i = 0; i < k; i++) {
    const w = ld(wt, i);
    st(blkW, nb, w); st(blkS, nb, w * (ld(tgt, i) - ld(S, i))); st(blkN, nb, 1); nb++;
    while (nb > 1 && ld(blkS, nb - 2) / ld(blkW, nb - 2) > ld(blkS, nb - 1) / ld(blkW, nb - 1)) {
      add(blkW, nb - 2, ld(blkW, nb - 1)); add(blkS, nb - 2, ld(blkS, nb - 1)); add(blkN, nb - 2, ld(blkN, nb - 1)); nb--;
    }
  }
  let i = 0;
  for (let q = 0; q < nb; q++) {
    const y = ld(blkS, q) / ld(blkW, q);
    for (let t = 0; t < ld(blkN, q); t++) { st(G.nX, ld(G.rankNodes, a + i), y + ld(S, i)); i++; }
  }
}

@inline function push(c: i32, x: f64, real: i32): i32 {
  if (vals.length <= c) { vals = growF(vals, c + 1); valIdx = growI(valIdx, c + 1); valReal = growI(valReal, c + 1); }
  st(vals, c, x); st(valReal, c, real);
  return c + 1;
}

function median(c: i32): f64 {
  if (c == 1) return ld(vals, 0);
  // one straight edge beats two half-bent ones; straighten the edge to a real box first, and one
  // from a source (no inputs: fc.weight beside `pool` → fc's label) last — the simplex sees a tie
  if (c == 2) return ld(valReal, 1) > ld(valReal, 0) ? ld(vals, 1) : ld(vals, 0);
  for (let i = 0; i < c; i++) st(valIdx, i, i);
  sortByKey(valIdx, 0, c, vals);
  return (c & 1) ? ld(vals, ld(valIdx, c >> 1)) : ld(vals, ld(valIdx, (c >> 1) - 1));
}
