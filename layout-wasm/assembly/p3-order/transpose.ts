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
import * as G from '../lgraph';

export function transpose(): void {
  if (G.nNodes + G.nSegs > 5000) return;
  for (let pass = 0; pass < 4; pass++) {
    let improved = false;
    for (let r = 0; r < G.nRanks; r++) {
      for (let i = G.rankStart[r]; i + 1 < G.rankStart[r + 1]; i++) {
        const v = G.rankNodes[i], w = G.rankNodes[i + 1];
        const keep = cross(v, w), swap = cross(w, v);
        if (swap < keep) {
          G.rankNodes[i] = w; G.rankNodes[i + 1] = v;
          G.nPos[w] = i - G.rankStart[r]; G.nPos[v] = i + 1 - G.rankStart[r];
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
  const ua = G.upStart[a + 1] - G.upStart[a], ub = G.upStart[b + 1] - G.upStart[b];
  if (ua * ub <= 256) {
    for (let i = G.upStart[a]; i < G.upStart[a + 1]; i++) {
      const pa = G.nPos[G.sUp[G.upList[i]]];
      for (let j = G.upStart[b]; j < G.upStart[b + 1]; j++) if (G.nPos[G.sUp[G.upList[j]]] < pa) c++;
    }
  }
  const da = G.downStart[a + 1] - G.downStart[a], db = G.downStart[b + 1] - G.downStart[b];
  if (da * db <= 256) {
    for (let i = G.downStart[a]; i < G.downStart[a + 1]; i++) {
      const pa = G.nPos[G.sDown[G.downList[i]]];
      for (let j = G.downStart[b]; j < G.downStart[b + 1]; j++) if (G.nPos[G.sDown[G.downList[j]]] < pa) c++;
    }
  }
  return c;
}
