/**
 * Phase 4c — straighten: move single nodes sideways, within the room their rank neighbours leave,
 * to where more of their edges run straight (a local repair after place.ts: the sweeps' compromises
 * leave small jogs where a box has edges pulling two ways; the exact placement minimises jog
 * length, not the number of jogs, and now and then leaves one that a move removes).
 *
 * Preconditions: x placed (phase 4b); attach offsets final (phase 4a).
 * Postconditions: phase 4b's spacing and order still hold, min x − nL is 0; a move strictly increases the
 * moved node's straight segments (a neighbour's may drop: moves are greedy, in rank order); a child
 * group moves only when all its segments come out straight, or by at most 2 px; then a run of
 * one-in one-out leaves and dummies lined up on one x moves as one when both its ends jog, to
 * straighten one of them (moveRuns), within the drawing's width.
 * Cost: two passes and one over the runs (none after a tie that leaves a leaf to slide.ts:
 * place.ts tiePorts), O(deg²) compares per node; nodes with more than 8 segments are left alone.
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
function target(v: i32, s: i32): f64 {
  const e = ld(G.sEdge, s), u = ld(G.sUp, s), w = ld(G.sDown, s);
  const offU = u == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0, offW = w == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0;
  return v == w ? ld(G.nX, u) + offU - offW : ld(G.nX, w) + offW - offU;
}

let cand = new Float64Array(8);
/** `passes` rounds of moves (0: only the shift to x = 0). */
export function straighten(passes: i32): void {
  for (let pass = 0; pass < passes; pass++) {
    for (let r = 0; r < G.nRanks; r++)
      for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) repair(ld(G.rankNodes, i));
  }
  if (passes > 0) moveRuns();
  let lo = Infinity;
  for (let v = 0; v < G.nNodes; v++) lo = Math.min(lo, ld(G.nX, v) - ld(G.nL, v));
  if (G.nNodes > 0) for (let v = 0; v < G.nNodes; v++) G.nX[v] -= lo;
}

function repair(v: i32): void {
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
  let best = x0;
  for (let a = 0; a < k; a++) {
    const x = ld(cand, a);
    if (!fits(v, x, -Infinity, Infinity)) continue;
    let c = 0;
    for (let b = 0; b < k; b++) if (Math.abs(ld(cand, b) - x) < 0.01) c++;
    if (c > bestCount && (!all || c == k || Math.abs(x - x0) <= 2.0)) { best = x; bestCount = c; }
  }
  st(G.nX, v, best);
}

/** v has one segment up and one down, and is a leaf or a dummy (not a column). */
function single(v: i32): bool {
  const k = ld(G.nKind, v);
  return (k == G.NK_DUMMY || k == G.NK_CHILD && ld(isGroup, ld(G.nRef, v)) == 0 && ld(isColumn, ld(G.nRef, v)) == 0)
    && ld(G.upStart, v + 1) - ld(G.upStart, v) == 1 && ld(G.downStart, v + 1) - ld(G.downStart, v) == 1;
}

/** How far v would move to make its one segment up (down) straight. */
function shift(v: i32, down: bool): f64 { return target(v, down ? ld(G.downList, ld(G.downStart, v)) : ld(G.upList, ld(G.upStart, v))) - ld(G.nX, v); }
@inline function below(v: i32): i32 { return ld(G.sDown, ld(G.downList, ld(G.downStart, v))); }

/** Runs of single nodes lined up on one x (a box and the label dummies of its edges above and
 *  below) whose end segments both jog move as one to where one end runs straight: repair() moves
 *  one node, and the run's nodes hold each other in line (GPT-2's query column: `view` and its two
 *  labels jogged into `transpose`, 121 px aside). Within the rank neighbours' room and the
 *  drawing's width; a move makes one more segment straight and none less. */
function moveRuns(): void {
  let minX = Infinity, maxX = -Infinity;
  for (let v = 0; v < G.nNodes; v++) { minX = Math.min(minX, ld(G.nX, v) - ld(G.nL, v)); maxX = Math.max(maxX, ld(G.nX, v) + ld(G.nR, v)); }
  for (let v = 0; v < G.nNodes; v++) {
    if (!single(v) || Math.abs(shift(v, false)) < 0.01) continue;
    let w = v, len = 1;
    while (Math.abs(shift(w, true)) < 0.01 && single(below(w))) { w = below(w); len++; }
    if (len < 2 || Math.abs(shift(w, true)) < 0.01) continue;
    for (let c = 0; c < 2; c++) {
      const d = c == 0 ? shift(w, true) : shift(v, false);
      let ok = true;
      for (let u = v, q = 0; q < len && ok; q++, u = below(u)) ok = fits(u, ld(G.nX, u) + d, minX, maxX);
      if (!ok) continue;
      for (let u = v, q = 0; q < len; q++, u = below(u)) G.nX[u] += d;
      break;
    }
  }
}

/** v at x keeps its rank's order and spacing and stays within [minX, maxX]. */
function fits(v: i32, x: f64, minX: f64, maxX: f64): bool {
  if (x - ld(G.nL, v) < minX - 1e-9 || x + ld(G.nR, v) > maxX + 1e-9) return false;
  const r = ld(G.nRank, v), i = ld(G.rankStart, r) + ld(G.nPos, v);
  if (i > ld(G.rankStart, r)) { const p = ld(G.rankNodes, i - 1); if (x - ld(G.nL, v) < ld(G.nX, p) + ld(G.nR, p) + gapBetween(p, v) - 1e-9) return false; }
  if (i + 1 < ld(G.rankStart, r + 1)) { const q = ld(G.rankNodes, i + 1); if (x + ld(G.nR, v) > ld(G.nX, q) - ld(G.nL, q) - gapBetween(v, q) + 1e-9) return false; }
  return true;
}
