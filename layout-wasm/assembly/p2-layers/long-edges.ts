/**
 * Phase 2b — long edges: split every edge spanning more than one rank into a chain of dummy nodes,
 * one per rank crossed (ELK's LongEdgeSplitter). Its pair, the joiner, is route.ts's walk along
 * each chain that emits one polyline per edge: the dummies never leave the group's layout.
 *
 * Preconditions: ranks assigned (phase 2a).
 * Postconditions:
 *  1. each drawn edge e has chain[eChain[e] .. + eChainLen[e]) = U, dummies…, V on consecutive ranks
 *     (a same-rank edge: U, V); constraint edges have no chain;
 *  2. a labelled edge's first dummy is wide and tall enough for its label (nLabel = the edge);
 *  3. unit segments (consecutive chain pairs) are indexed by upper and lower node (CSR);
 *  4. rankStart/rankNodes group nodes by rank (order fixed by phase 3).
 */
import * as G from '../lgraph';
import { tEdge, tKind, TASK_LCG } from '../tasks';
import { eLW, eLH } from '../tasks';
import { optEdgeGap, flowDir } from '../hierarchy';
import { growI } from '../util';

let fill = new Int32Array(16);

export function splitLongEdges(): void {
  const m = G.nEdges;
  let chainTotal = 0, extra = 0;
  for (let e = 0; e < m; e++) {
    if (G.eTask[e] < 0) continue;
    const span = G.nRank[G.eV[e]] - G.nRank[G.eU[e]];
    chainTotal += span > 0 ? span + 1 : 2;
    if (span > 1) extra += span - 1;
  }
  G.reserveChain(chainTotal);
  G.reserveNodes(G.nNodes + extra + 1);
  G.chainLen = 0;
  for (let e = 0; e < m; e++) {
    if (G.eTask[e] < 0) continue;
    const u = G.eU[e], v = G.eV[e];
    const span = G.nRank[v] - G.nRank[u];
    G.eChain[e] = G.chainLen;
    G.chain[G.chainLen++] = u;
    for (let r = 1; r < span; r++) {
      const d = G.addNode(G.NK_DUMMY, e, 0, optEdgeGap / 2, optEdgeGap / 2);
      G.nRank[d] = G.nRank[u] + r;
      if (r == 1) {
        const fe = tEdge[G.eTask[e]];
        if (eLW[fe] > 0 && tKind[G.eTask[e]] == TASK_LCG) {
          const across = flowDir[G.group] == 0 || flowDir[G.group] == 2;
          G.nLabel[d] = e; G.nR[d] = (across ? eLW[fe] : eLH[fe]) + optEdgeGap; G.nH[d] = across ? eLH[fe] : eLW[fe];
        }
      }
      G.chain[G.chainLen++] = d;
    }
    G.chain[G.chainLen++] = v;
    G.eChainLen[e] = G.chainLen - G.eChain[e];
  }
  const n = G.nNodes;
  // unit segments
  let segs = 0;
  for (let e = 0; e < m; e++) if (G.eTask[e] >= 0 && G.nRank[G.eV[e]] > G.nRank[G.eU[e]]) segs += G.eChainLen[e] - 1;
  G.reserveSegs(segs);
  G.nSegs = 0;
  for (let e = 0; e < m; e++) {
    if (G.eTask[e] < 0 || G.nRank[G.eV[e]] <= G.nRank[G.eU[e]]) continue;
    const c = G.eChain[e];
    G.eSeg0[e] = G.nSegs;
    for (let i = 0; i + 1 < G.eChainLen[e]; i++) {
      const s = G.nSegs++;
      G.sUp[s] = G.chain[c + i]; G.sDown[s] = G.chain[c + i + 1]; G.sEdge[s] = e;
    }
  }
  fill = growI(fill, n + 1);
  csr(G.sUp, G.downStart, G.downList, n);
  csr(G.sDown, G.upStart, G.upList, n);
  // rank buckets (order inside a rank is set by phase 3)
  const R = G.nRanks;
  G.reserveRanks(R + 1);
  for (let r = 0; r <= R; r++) G.rankStart[r] = 0;
  for (let v = 0; v < n; v++) G.rankStart[G.nRank[v] + 1]++;
  for (let r = 0; r < R; r++) G.rankStart[r + 1] += G.rankStart[r];
  G.rankNodes = growI(G.rankNodes, n);
  for (let r = 0; r < R; r++) fill[r] = G.rankStart[r];
  for (let v = 0; v < n; v++) { const r = G.nRank[v]; G.rankNodes[fill[r]++] = v; }
}

function csr(key: Int32Array, start: Int32Array, list: Int32Array, n: i32): void {
  for (let v = 0; v <= n; v++) unchecked(start[v] = 0);
  for (let s = 0; s < G.nSegs; s++) unchecked(start[unchecked(key[s]) + 1]++);
  for (let v = 0; v < n; v++) unchecked(start[v + 1] += unchecked(start[v]));
  for (let v = 0; v < n; v++) unchecked(fill[v] = unchecked(start[v]));
  for (let s = 0; s < G.nSegs; s++) { const v = unchecked(key[s]); unchecked(list[fill[v]++] = s); }
}
