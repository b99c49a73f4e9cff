/**
 * Phase 1 — cycles: make the graph among the group's children acyclic.
 *
 * Preconditions: LG built (phase 0); align sets are represented by nRep.
 * Postconditions:
 *  1. the graph of representatives, over edges with eMin > 0, is acyclic;
 *  2. every reversed edge has U/V swapped and eRev toggled (it is still drawn in its real
 *     direction: routing reverses its points back);
 *  3. an edge inside one align set gets eMin = 0 (a same-rank edge).
 * The feedback set is the DFS back edges, visiting nodes and edges in index order: deterministic
 * and linear, not minimal (a greedy Eades–Lin–Smyth order would reverse fewer edges).
 */
import * as G from '../lgraph';
import { growI, ld, st, add } from '../util';

export let outStart = new Int32Array(16);
export let outList = new Int32Array(16);
let state = new Int32Array(16);
let stack = new Int32Array(16);
let iter = new Int32Array(16);

/** CSR over representatives: edges (with eMin > 0) leaving each node's representative. */
export function buildRepCSR(): void {
  const n = G.nNodes, m = G.nEdges;
  outStart = growI(outStart, n + 1); outList = growI(outList, m);
  for (let v = 0; v <= n; v++) st(outStart, v, 0);
  for (let e = 0; e < m; e++) if (ld(G.eMin, e) > 0) add(outStart, ld(G.nRep, ld(G.eU, e)) + 1, 1);
  for (let v = 0; v < n; v++) add(outStart, v + 1, ld(outStart, v));
  iter = growI(iter, n + 1);
  for (let v = 0; v < n; v++) st(iter, v, ld(outStart, v));
  for (let e = 0; e < m; e++) if (ld(G.eMin, e) > 0) {
    const r = ld(G.nRep, ld(G.eU, e));
    st(outList, iter[r]++, e);
  }
}

export function breakCycles(): void {
  const n = G.nNodes, m = G.nEdges;
  for (let e = 0; e < m; e++) {
    if (ld(G.eU, e) < G.nChildren && ld(G.eV, e) < G.nChildren && ld(G.nRep, ld(G.eU, e)) == ld(G.nRep, ld(G.eV, e))) st(G.eMin, e, 0);
  }
  buildRepCSR();
  state = growI(state, n); stack = growI(stack, n); iter = growI(iter, n + 1);
  for (let v = 0; v < n; v++) { st(state, v, 0); st(iter, v, ld(outStart, v)); }
  for (let root = 0; root < n; root++) {
    if (ld(G.nRep, root) != root || ld(state, root) != 0) continue;
    let sp = 0;
    st(stack, sp++, root); st(state, root, 1);
    while (sp > 0) {
      const v = ld(stack, sp - 1);
      if (ld(iter, v) < ld(outStart, v + 1)) {
        const e = ld(outList, iter[v]++);
        const w = ld(G.nRep, ld(G.eV, e));
        if (ld(state, w) == 1) { // back edge: reverse it
          const u = ld(G.eU, e); st(G.eU, e, ld(G.eV, e)); st(G.eV, e, u); G.eRev[e] ^= 1;
          const k = ld(G.eKeyU, e); st(G.eKeyU, e, ld(G.eKeyV, e)); st(G.eKeyV, e, k);
          const o = ld(G.eOffU, e); st(G.eOffU, e, ld(G.eOffV, e)); st(G.eOffV, e, o);
          const f = ld(G.eFixU, e); st(G.eFixU, e, ld(G.eFixV, e)); st(G.eFixV, e, f);
          const t = ld(G.eTopU, e); st(G.eTopU, e, ld(G.eTopV, e)); st(G.eTopV, e, t);
        } else if (ld(state, w) == 0) { st(state, w, 1); st(stack, sp++, w); }
      } else { st(state, v, 2); sp--; }
    }
  }
}
