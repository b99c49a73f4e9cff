/**
 * Phase 4c — straighten: move single nodes sideways, within the room their rank neighbours leave,
 * to where more of their edges run straight (a local repair after place.ts: the sweeps' compromises
 * leave small jogs where a box has edges pulling two ways; the exact placement minimises jog
 * length, not the number of jogs, and now and then leaves one that a move removes).
 *
 * Preconditions: x placed (phase 4b); attach offsets final (phase 4a).
 * Postconditions: phase 4b's spacing and order still hold, min x − nL is 0; a move strictly increases the
 * moved node's straight segments (a neighbour's may drop: moves are greedy, in rank order); a child
 * group moves only when all its segments come out straight, or by at most 2 px.
 * Cost: two passes (none after a tie that leaves a leaf to slide.ts: place.ts tiePorts), O(deg²)
 * compares per node; nodes with more than 8 segments are left alone.
 */
import { ld, st } from '../util';
import * as G from '../lgraph';
import { optNodeGap, optEdgeGap, isColumn, isGroup } from '../hierarchy';

@inline function gapBetween(a: i32, b: i32): f64 {
  const ca = ld(G.nKind, a) == G.NK_CHILD, cb = ld(G.nKind, b) == G.NK_CHILD;
  if (ca && cb) return optNodeGap;
  if (ca || cb) return optNodeGap * 0.5;
  return optEdgeGap * 1.5;
}

/** The x of v that makes segment s straight (v is one end of s). */
@inline function target(v: i32, s: i32): f64 {
  const e = ld(G.sEdge, s), u = ld(G.sUp, s), w = ld(G.sDown, s);
  const offU = u == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0, offW = w == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0;
  return v == w ? ld(G.nX, u) + offU - offW : ld(G.nX, w) + offW - offU;
}

let cand = new Float64Array(8);
/** `passes` rounds of moves (0: only the shift to x = 0). */
export function straighten(passes: i32): void {
  for (let pass = 0; pass < passes; pass++) {
    for (let r = 0; r < G.nRanks; r++)
      for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) repair(ld(G.rankNodes, i), i, r);
  }
  let lo = Infinity;
  for (let v = 0; v < G.nNodes; v++) lo = Math.min(lo, ld(G.nX, v) - ld(G.nL, v));
  if (G.nNodes > 0) for (let v = 0; v < G.nNodes; v++) G.nX[v] -= lo;
}

function repair(v: i32, i: i32, r: i32): void {
  const deg = ld(G.upStart, v + 1) - ld(G.upStart, v) + ld(G.downStart, v + 1) - ld(G.downStart, v);
  if (deg == 0 || deg > 8) return;
  if (ld(G.nKind, v) == G.NK_CHILD && ld(isColumn, ld(G.nRef, v))) return; // step columns stay lined up
  // a child group moves only where all its edges run straight: lining up some of its ports and
  // not others shifts a chain of blocks a little further at each block (a staircase); a nudge of
  // up to 2 px that removes a tiny jog is allowed
  const all = ld(G.nKind, v) == G.NK_CHILD && ld(isGroup, ld(G.nRef, v)) != 0;
  // where each segment would be straight; a position's score = how many segments agree on it
  let k = 0;
  for (let j = ld(G.upStart, v); j < ld(G.upStart, v + 1); j++) st(cand, k++, target(v, ld(G.upList, j)));
  for (let j = ld(G.downStart, v); j < ld(G.downStart, v + 1); j++) st(cand, k++, target(v, ld(G.downList, j)));
  const x0 = ld(G.nX, v);
  let bestCount = 0;
  for (let a = 0; a < k; a++) if (Math.abs(ld(cand, a) - x0) < 0.01) bestCount++;
  if (bestCount == k) return;
  const lo = i > ld(G.rankStart, r) ? ld(G.nX, ld(G.rankNodes, i - 1)) + ld(G.nR, ld(G.rankNodes, i - 1)) + ld(G.nL, v) + gapBetween(ld(G.rankNodes, i - 1), v) : -Infinity;
  const hi = i + 1 < ld(G.rankStart, r + 1) ? ld(G.nX, ld(G.rankNodes, i + 1)) - ld(G.nL, ld(G.rankNodes, i + 1)) - ld(G.nR, v) - gapBetween(v, ld(G.rankNodes, i + 1)) : Infinity;
  let best = x0;
  for (let a = 0; a < k; a++) {
    const x = ld(cand, a);
    if (x < lo - 1e-9 || x > hi + 1e-9) continue;
    let c = 0;
    for (let b = 0; b < k; b++) if (Math.abs(ld(cand, b) - x) < 0.01) c++;
    if (c > bestCount && (!all || c == k || Math.abs(x - x0) <= 2.0)) { best = x; bestCount = c; }
  }
  st(G.nX, v, best);
}
