/**
 * Phase 3b — transpose: swap neighbours in a rank while that removes crossings (ELK's greedy
 * switch, one-sided counts on both adjacent ranks).
 *
 * Preconditions: a complete order (phase 3a); nPos consistent with rankNodes.
 * Postconditions: as phase 3a; no adjacent pair can be swapped to lower the crossings their
 * edges make with the ranks above and below (within the pass cap).
 * Cost: O(deg(v)·deg(w)) per pair; pairs whose degree product exceeds 256 are left alone, and
 * groups above 5,000 nodes+segments skip the phase: big ranks keep the sweeps' order.
 */
import { ld, st } from '../util';
import * as G from '../lgraph';

export function transpose(): void {
  if (G.nNodes + G.nSegs > 5000) return;
  for (let pass = 0; pass < 4; pass++) {
    let improved = false;
    for (let r = 0; r < G.nRanks; r++) {
      for (let i = ld(G.rankStart, r); i + 1 < ld(G.rankStart, r + 1); i++) {
        const v = ld(G.rankNodes, i), w = ld(G.rankNodes, i + 1);
        const keep = cross(v, w), swap = cross(w, v);
        if (swap < keep) {
          st(G.rankNodes, i, w); st(G.rankNodes, i + 1, v);
          st(G.nPos, w, i - ld(G.rankStart, r)); st(G.nPos, v, i + 1 - ld(G.rankStart, r));
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
}

/** Crossings between the edges of a (placed left) and b (placed right), above and below. */
function cross(a: i32, b: i32): i32 {
  let c = 0;
  const ua = ld(G.upStart, a + 1) - ld(G.upStart, a), ub = ld(G.upStart, b + 1) - ld(G.upStart, b);
  if (ua * ub <= 256) {
    for (let i = ld(G.upStart, a); i < ld(G.upStart, a + 1); i++) {
      const pa = ld(G.nPos, ld(G.sUp, ld(G.upList, i)));
      for (let j = ld(G.upStart, b); j < ld(G.upStart, b + 1); j++) if (ld(G.nPos, ld(G.sUp, ld(G.upList, j))) < pa) c++;
    }
  }
  const da = ld(G.downStart, a + 1) - ld(G.downStart, a), db = ld(G.downStart, b + 1) - ld(G.downStart, b);
  if (da * db <= 256) {
    for (let i = ld(G.downStart, a); i < ld(G.downStart, a + 1); i++) {
      const pa = ld(G.nPos, ld(G.sDown, ld(G.downList, i)));
      for (let j = ld(G.downStart, b); j < ld(G.downStart, b + 1); j++) if (ld(G.nPos, ld(G.sDown, ld(G.downList, j))) < pa) c++;
    }
  }
  return c;
}
