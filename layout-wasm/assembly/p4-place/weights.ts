/**
 * What a jog costs, per unit segment, for simplex.ts (its ω) and place.ts (its score). An edge
 * whose chain has no dummy but its label's is a short edge: a jog there bends the spine. A long
 * edge (a residual, a skip) jogs at its ends where it turns into its lane, which costs little,
 * and runs straight between them, which matters more than anything. A hyperedge (shared dummies,
 * p2-layers/share-dummies.ts) turns into its own lane where it branches off its trunk or joins
 * a bus: the segment below a fork or above a join is an end too, so a residual sharing the
 * first dummy of a labelled short edge (add → ln_2) does not pull the spine into its lane; unless
 * the trunk was a lane already (it came down from a dummy), where the branch that runs on stays a
 * lane (GPT-2's GELU input into `mul`, past the fork into `add`).
 */
import * as G from '../lgraph';
import { growI, ld, st } from '../util';

export const SEG_SHORT: i32 = 0;
export const SEG_END: i32 = 1;
export const SEG_INNER: i32 = 2;

/** Per node: 1 a dummy whose segments down reach two or more nodes, 2 one whose segments up
 *  come from two or more (both: 3). Set by markForks(). */
let fork = new Int32Array(16);

/** Marks the group's forks and joins (once per placement, before segClass is used). */
export function markForks(): void {
  const n = G.nNodes;
  fork = growI(fork, n);
  for (let v = 0; v < n; v++) {
    let f = 0;
    if (ld(G.nKind, v) == G.NK_DUMMY) {
      const d0 = ld(G.downStart, v), d1 = ld(G.downStart, v + 1);
      for (let j = d0 + 1; j < d1; j++) if (ld(G.sDown, ld(G.downList, j)) != ld(G.sDown, ld(G.downList, d0))) { f |= 1; break; }
      const u0 = ld(G.upStart, v), u1 = ld(G.upStart, v + 1);
      for (let j = u0 + 1; j < u1; j++) if (ld(G.sUp, ld(G.upList, j)) != ld(G.sUp, ld(G.upList, u0))) { f |= 2; break; }
    }
    st(fork, v, f);
  }
}

/** SEG_SHORT, SEG_END or SEG_INNER for unit segment s. */
export function segClass(s: i32): i32 {
  const e = ld(G.sEdge, s);
  const len = ld(G.eChainLen, e), c = ld(G.eChain, e);
  if (len <= 2 || (len == 3 && ld(G.nLabel, ld(G.chain, c + 1)) == e)) return SEG_SHORT;
  const a = ld(G.sUp, s), b = ld(G.sDown, s);
  if (ld(G.nKind, a) != G.NK_DUMMY || ld(G.nKind, b) != G.NK_DUMMY) return SEG_END;
  // below a fork, a lane that was a lane above it too (the trunk came down a dummy, not straight
  // out of a box) runs on: a jog there is two bends more, not the lane's turn (T5's RMSNorm: the
  // residual and `to` → `mul` share a lane that forked 4.5 px aside at mul)
  if ((ld(fork, a) & 1) != 0 && !laneAbove(a)) return SEG_END;
  if ((ld(fork, b) & 2) != 0 && !laneBelow(b)) return SEG_END;
  return SEG_INNER;
}

/** Dummy v's segments up all come from one dummy. */
function laneAbove(v: i32): bool {
  const j0 = ld(G.upStart, v);
  return (ld(fork, v) & 2) == 0 && ld(G.upStart, v + 1) > j0 && ld(G.nKind, ld(G.sUp, ld(G.upList, j0))) == G.NK_DUMMY;
}

/** Dummy v's segments down all go to one dummy. */
function laneBelow(v: i32): bool {
  const j0 = ld(G.downStart, v);
  return (ld(fork, v) & 1) == 0 && ld(G.downStart, v + 1) > j0 && ld(G.nKind, ld(G.sDown, ld(G.downList, j0))) == G.NK_DUMMY;
}
