/**
 * What a jog costs, per unit segment, for simplex.ts (its ω) and place.ts (its score). An edge
 * whose chain has no dummy but its label's is a short edge: a jog there bends the spine. A long
 * edge (a residual, a skip) jogs at its ends where it turns into its lane, which costs little,
 * and runs straight between them, which matters more than anything.
 */
import * as G from '../lgraph';
import { ld } from '../util';

export const SEG_SHORT: i32 = 0;
export const SEG_END: i32 = 1;
export const SEG_INNER: i32 = 2;

/** SEG_SHORT, SEG_END or SEG_INNER for unit segment s. */
export function segClass(s: i32): i32 {
  const e = ld(G.sEdge, s);
  const len = ld(G.eChainLen, e), c = ld(G.eChain, e);
  if (len <= 2 || (len == 3 && ld(G.nLabel, ld(G.chain, c + 1)) == e)) return SEG_SHORT;
  const a = ld(G.sUp, s), b = ld(G.sDown, s);
  return ld(G.nKind, a) == G.NK_DUMMY && ld(G.nKind, b) == G.NK_DUMMY ? SEG_INNER : SEG_END;
}
