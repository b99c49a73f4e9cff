/**
 * Phase 2a — layers: rank every node.
 *
 * Preconditions: acyclic over representatives (phase 1).
 * Postconditions:
 *  1. rank(V) >= rank(U) + eMin for every edge; align sets share a rank;
 *  2. children ranks start at 0 (or 1 when top border ports exist, which take rank 0);
 *     bottom border ports take the last rank; nRanks set.
 * Longest path (linear) then a greedy pass that pulls nodes with more edges below than above
 * down to their lowest successor: it shortens edges from sources (inputs, constants) that longest
 * path leaves at the top. Cheaper than network simplex and often the same on NN graphs; not optimal.
 */
import * as G from '../lgraph';
import { buildRepCSR, outStart, outList } from '../p1-cycles/break-cycles';
import { growI, ld, st, add } from '../util';

let indeg = new Int32Array(16);
let topo = new Int32Array(16);
let degIn = new Int32Array(16);

export function assignRanks(): void {
  const n = G.nNodes, m = G.nEdges;
  buildRepCSR();
  indeg = growI(indeg, n); topo = growI(topo, n); degIn = growI(degIn, n);
  for (let v = 0; v < n; v++) { st(indeg, v, 0); st(degIn, v, 0); st(G.nRank, v, 0); }
  for (let e = 0; e < m; e++) if (ld(G.eMin, e) > 0 && ld(G.eU, e) < G.nChildren && ld(G.eV, e) < G.nChildren) { const w = ld(G.nRep, ld(G.eV, e)); add(indeg, w, 1); add(degIn, w, 1); }
  let head = 0, tail = 0;
  for (let v = 0; v < n; v++) if (ld(G.nRep, v) == v && ld(indeg, v) == 0 && ld(G.nKind, v) == G.NK_CHILD) st(topo, tail++, v);
  while (head < tail) {
    const v = ld(topo, head++);
    const r = ld(G.nRank, v);
    for (let i = ld(outStart, v); i < ld(outStart, v + 1); i++) {
      const e = ld(outList, i);
      const w = ld(G.nRep, ld(G.eV, e));
      if (ld(G.nKind, w) != G.NK_CHILD) continue;
      const need = r + ld(G.eMin, e);
      if (need > ld(G.nRank, w)) st(G.nRank, w, need);
      if (--indeg[w] == 0) st(topo, tail++, w);
    }
  }
  // Pull down: reverse topological order, successors already final.
  for (let i = tail - 1; i >= 0; i--) {
    const v = ld(topo, i);
    let outs = 0, lowest = i32.MAX_VALUE;
    for (let j = ld(outStart, v); j < ld(outStart, v + 1); j++) {
      const e = ld(outList, j);
      const w = ld(G.nRep, ld(G.eV, e));
      if (ld(G.nKind, w) != G.NK_CHILD) continue;
      outs++;
      const lim = ld(G.nRank, w) - ld(G.eMin, e);
      if (lim < lowest) lowest = lim;
    }
    if (outs > ld(degIn, v) && lowest != i32.MAX_VALUE && lowest > ld(G.nRank, v)) st(G.nRank, v, lowest);
  }
  let hasTop = 0, maxRank = 0;
  for (let v = 0; v < n; v++) if (ld(G.nKind, v) == G.NK_PORT_TOP) hasTop = 1;
  for (let v = 0; v < G.nChildren; v++) st(degIn, v, ld(G.nRank, ld(G.nRep, v)) + hasTop);
  for (let v = 0; v < G.nChildren; v++) {
    const r = ld(degIn, v);
    st(G.nRank, v, r);
    if (r > maxRank) maxRank = r;
  }
  let hasBottom = 0;
  for (let v = G.nChildren; v < n; v++) {
    const k = ld(G.nKind, v);
    if (k == G.NK_PORT_TOP) st(G.nRank, v, 0);
    else if (k == G.NK_PORT_BOTTOM) { st(G.nRank, v, maxRank + 1); hasBottom = 1; }
  }
  G.nRanks = G.nChildren > 0 || hasTop ? maxRank + 1 + hasBottom : hasBottom;
  if (G.nRanks == 0 && n > 0) G.nRanks = 1;
}
