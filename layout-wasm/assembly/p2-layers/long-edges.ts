/**
 * Phase 2b — long edges: split every edge spanning more than one rank into a chain of dummy nodes,
 * one per rank crossed (ELK's LongEdgeSplitter). Its pair, the joiner, is route.ts's walk along
 * each chain that emits one polyline per edge: the dummies never leave the group's layout.
 *
 * Preconditions: ranks assigned (phase 2a).
 * Postconditions:
 *  1. each drawn edge e has chain[eChain[e] .. + eChainLen[e]) = U, dummies…, V on consecutive ranks
 *     (a same-rank edge: U, V); constraint edges have no chain; edges of one net share dummies
 *     while they run together (share-dummies.ts), so a dummy may lie on several chains;
 *  2. a labelled edge's first dummy is wide and tall enough for its label (nLabel = the edge);
 *  3. unit segments (consecutive chain pairs) are indexed by upper and lower node (CSR);
 *  4. rankStart/rankNodes group nodes by rank (order fixed by phase 3);
 *  5. dummies stay within a budget (8·(nodes+edges) + 2000): past it the longest edges are marked
 *     eBypass (chain U, V, no dummies) and route.ts takes them around the group's right side.
 *     Only dense cyclic input gets there; it trades their straightness for linear size.
 */
import * as G from '../lgraph';
import { tEdge, tKind, TASK_LCG } from '../tasks';
import { eLW, eLH } from '../tasks';
import { optEdgeGap, flowDir } from '../hierarchy';
import { growI, ld, st, add } from '../util';
import { planSharing, keepOwnLabel, slot, table } from './share-dummies';

let fill = new Int32Array(16);

export function splitLongEdges(): void {
  const m = G.nEdges;
  let chainTotal = 0, extra = 0;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const span = ld(G.nRank, ld(G.eV, e)) - ld(G.nRank, ld(G.eU, e));
    chainTotal += span > 0 ? span + 1 : 2;
    if (span > 1) extra += span - 1;
  }
  const budget = 8 * (G.nNodes + m) + 2000;
  let maxSpan = i32.MAX_VALUE;
  if (extra > budget) maxSpan = spanLimit(budget);
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0 || ld(G.nRank, ld(G.eV, e)) - ld(G.nRank, ld(G.eU, e)) <= maxSpan) continue;
    // an end whose port faces the wrong way needs the detour that only chains get (route.ts)
    if ((ld(G.eFixU, e) && ld(G.eTopU, e)) || (ld(G.eFixV, e) && ld(G.eTopV, e) != 1)) continue;
    st(G.eBypass, e, 1);
    const span = ld(G.nRank, ld(G.eV, e)) - ld(G.nRank, ld(G.eU, e));
    chainTotal -= span - 1; extra -= span - 1;
  }
  G.reserveChain(chainTotal);
  G.reserveNodes(G.nNodes + extra + 1);
  planSharing();
  G.chainLen = 0;
  const across = ld(flowDir, G.group) == 0 || ld(flowDir, G.group) == 2;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    const span = ld(G.eBypass, e) ? 1 : ld(G.nRank, v) - ld(G.nRank, u);
    const fe = ld(tEdge, ld(G.eTask, e));
    const labelled = ld(eLW, fe) > 0 && ld(tKind, ld(G.eTask, e)) == TASK_LCG;
    if (labelled && span > 1) keepOwnLabel(e);
    st(G.eChain, e, G.chainLen);
    st(G.chain, G.chainLen++, u);
    for (let r = 1; r < span; r++) {
      const rank = ld(G.nRank, u) + r;
      const c = slot(e, rank); // a dummy shared with the edge's hyperedge (share-dummies.ts), or its own
      let d = c >= 0 ? ld(table, c) : -1;
      if (d < 0) {
        d = G.addNode(G.NK_DUMMY, e, 0, optEdgeGap / 2, optEdgeGap / 2);
        st(G.nRank, d, rank);
        if (c >= 0) st(table, c, d);
      }
      if (r == 1 && labelled && ld(G.nLabel, d) < 0) {
        st(G.nLabel, d, e); st(G.nR, d, (across ? ld(eLW, fe) : ld(eLH, fe)) + optEdgeGap); st(G.nH, d, across ? ld(eLH, fe) : ld(eLW, fe));
      }
      st(G.chain, G.chainLen++, d);
    }
    st(G.chain, G.chainLen++, v);
    st(G.eChainLen, e, G.chainLen - ld(G.eChain, e));
  }
  const n = G.nNodes;
  // unit segments
  let segs = 0;
  for (let e = 0; e < m; e++) if (ld(G.eTask, e) >= 0 && !ld(G.eBypass, e) && ld(G.nRank, ld(G.eV, e)) > ld(G.nRank, ld(G.eU, e))) segs += ld(G.eChainLen, e) - 1;
  G.reserveSegs(segs);
  G.nSegs = 0;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0 || ld(G.eBypass, e) || ld(G.nRank, ld(G.eV, e)) <= ld(G.nRank, ld(G.eU, e))) continue;
    const c = ld(G.eChain, e);
    st(G.eSeg0, e, G.nSegs);
    for (let i = 0; i + 1 < ld(G.eChainLen, e); i++) {
      const s = G.nSegs++;
      st(G.sUp, s, ld(G.chain, c + i)); st(G.sDown, s, ld(G.chain, c + i + 1)); st(G.sEdge, s, e);
    }
  }
  fill = growI(fill, n + 1);
  csr(G.sUp, G.downStart, G.downList, n);
  csr(G.sDown, G.upStart, G.upList, n);
  // rank buckets (order inside a rank is set by phase 3)
  const R = G.nRanks;
  G.reserveRanks(R + 1);
  for (let r = 0; r <= R; r++) st(G.rankStart, r, 0);
  for (let v = 0; v < n; v++) add(G.rankStart, ld(G.nRank, v) + 1, 1);
  for (let r = 0; r < R; r++) add(G.rankStart, r + 1, ld(G.rankStart, r));
  G.rankNodes = growI(G.rankNodes, n);
  for (let r = 0; r < R; r++) st(fill, r, ld(G.rankStart, r));
  for (let v = 0; v < n; v++) { const r = ld(G.nRank, v); st(G.rankNodes, fill[r]++, v); }
}

/** The largest span whose edges, with all shorter ones, fit the dummy budget (counting by span). */
function spanLimit(budget: i32): i32 {
  const R = G.nRanks;
  fill = growI(fill, R + 1);
  for (let s = 0; s <= R; s++) st(fill, s, 0);
  for (let e = 0; e < G.nEdges; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const span = ld(G.nRank, ld(G.eV, e)) - ld(G.nRank, ld(G.eU, e));
    if (span > 1) fill[span]++;
  }
  let used = 0;
  for (let s = 2; s <= R; s++) {
    if (used + ld(fill, s) * (s - 1) > budget) return s - 1;
    used += ld(fill, s) * (s - 1);
  }
  return R;
}

function csr(key: Int32Array, start: Int32Array, list: Int32Array, n: i32): void {
  for (let v = 0; v <= n; v++) st(start, v, 0);
  for (let s = 0; s < G.nSegs; s++) add(start, ld(key, s) + 1, 1);
  for (let v = 0; v < n; v++) add(start, v + 1, ld(start, v));
  for (let v = 0; v < n; v++) st(fill, v, ld(start, v));
  for (let s = 0; s < G.nSegs; s++) { const v = ld(key, s); st(list, fill[v]++, s); }
}
