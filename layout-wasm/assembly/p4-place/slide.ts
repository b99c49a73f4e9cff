/**
 * Phase 4d — slide: move attach points along their box side, now that x is known, to where more
 * of their segments run straight. 4a spaces the points around the box's middle before x exists,
 * so a line that the placement could not line up (a box pushed a few px aside by its neighbours or
 * by a label, a 2-input op whose inputs sit ±8 px off its middle) jogs on its way into the box,
 * where a careful drawer would meet the box off-centre with a straight line (BERT's view →
 * transpose: a 7 px kink each; GPT-2's transpose → cat).
 *
 * Preconditions: x final (4b, 4c); attach offsets from 4a.
 * Postconditions: 4a's 1, 2 (on the box, argument order, one point per net) still hold: a point
 * (all ends of one side at one offset) moves as one, stays at least margin(v) inside its box and at
 * least its current distance (up to the port spacing) from the points beside it, never past one;
 * a point moves only when strictly more of its segments come out straight. Ends on child groups'
 * fixed ports, side tasks, bypass and same-rank edges, and boxes with self-loops never move (they
 * still bound the others).
 * Node x is untouched, so the memo (memo.ts) stays exact: this runs after a restore too.
 * Cost: one sort of the edge ends, then O(deg²) per point.
 */
import * as G from '../lgraph';
import { growI, growF, sortByKey, ld, st } from '../util';
import { optEdgeGap } from '../hierarchy';

let eIdx = new Int32Array(16);
let eKey = new Float64Array(16);
let eRef = new Int32Array(16);   // edge (>= 0), or -1 - side task
let eMov = new Int32Array(16);   // 1: movable end
let tgt = new Float64Array(16);
let loop = new Int32Array(16);   // per node: 1 has self-loops (attach.ts widened nR past its box)

/** Sort key: (node, side) high, offset low; offsets are within ±2^21 of the anchor. */
@inline function keyOf(v: i32, side: i32, off: f64): f64 { return <f64>(v * 2 + side) * 4194304.0 + (off + 2097152.0); }

export function slide(): void {
  const m = G.nEdges;
  const cap = 2 * m + G.nSide + 1;
  eIdx = growI(eIdx, cap); eKey = growF(eKey, cap); eRef = growI(eRef, cap); eMov = growI(eMov, cap); tgt = growF(tgt, cap);
  loop = growI(loop, G.nNodes);
  for (let v = 0; v < G.nNodes; v++) st(loop, v, 0);
  for (let s = 0; s < G.nSelf; s++) st(loop, ld(G.selfNode, s), 1);
  let c = 0;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    if (u == v) continue;
    const flat = ld(G.nRank, u) == ld(G.nRank, v);
    const still = flat || ld(G.eBypass, e) != 0 || ld(loop, u) != 0 || ld(loop, v) != 0;
    // a fixed port on the side it is on (eTopU/V, as nets.ts collectFixed reads them): a top port of U bounds the points on U's top
    if (ld(G.nKind, u) == G.NK_CHILD) c = end(c, u, ld(G.eTopU, e) ? 1 : 0, ld(G.eOffU, e), e, still || ld(G.eFixU, e) != 0);
    if (ld(G.nKind, v) == G.NK_CHILD) c = end(c, v, ld(G.eFixV, e) ? (ld(G.eTopV, e) ? 1 : 0) : flat ? 0 : 1, ld(G.eOffV, e), -2 - e, still || ld(G.eFixV, e) != 0);
  }
  for (let s = 0; s < G.nSide; s++) {
    if (isNaN(ld(G.sideOff, s))) continue;
    c = end(c, ld(G.sideNode, s), ld(G.sideOut, s) ? 0 : 1, ld(G.sideOff, s), 0x40000000 + s, true);
  }
  sortByKey(eIdx, 0, c, eKey);
  let i = 0;
  while (i < c) { // one node side: entries i..j
    const side = Math.floor(ld(eKey, ld(eIdx, i)) / 4194304.0);
    let j = i + 1;
    while (j < c && Math.floor(ld(eKey, ld(eIdx, j)) / 4194304.0) == side) j++;
    slideSide(i, j);
    i = j;
  }
}

function end(c: i32, v: i32, side: i32, off: f64, ref: i32, still: bool): i32 {
  st(eIdx, c, c); st(eKey, c, keyOf(v, side, off)); st(eRef, c, ref); st(eMov, c, still ? 0 : 1);
  return c + 1;
}

@inline function offOf(a: i32): f64 {
  const r = ld(eRef, a);
  return r >= 0x40000000 ? ld(G.sideOff, r - 0x40000000) : r >= 0 ? ld(G.eOffU, r) : ld(G.eOffV, -2 - r);
}

/** x at which entry a's first segment away from its box runs straight. */
function farX(a: i32): f64 {
  const r = ld(eRef, a);
  const e = r >= 0 ? r : -2 - r;
  if (r >= 0) {
    const b = ld(G.chain, ld(G.eChain, e) + 1);
    return ld(G.nX, b) + (b == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0);
  }
  const b = ld(G.chain, ld(G.eChain, e) + ld(G.eChainLen, e) - 2);
  return ld(G.nX, b) + (b == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0);
}

/** The points of one node side, entries idx[i..j) sorted by offset, left to right. */
function slideSide(i: i32, j: i32): void {
  const a0 = ld(eIdx, i);
  const r0 = ld(eRef, a0);
  const v = r0 >= 0x40000000 ? ld(G.sideNode, r0 - 0x40000000) : r0 >= 0 ? ld(G.eU, r0) : ld(G.eV, -2 - r0);
  const x = ld(G.nX, v), L = ld(G.nL, v), R = ld(G.nR, v);
  const margin = slideMargin(v);
  const spacing = Math.max(16.0, 2.0 * optEdgeGap);
  let p = i;
  let prevOff = -Infinity;
  while (p < j) {
    const off = offOf(ld(eIdx, p));
    let q = p + 1;
    let mov = ld(eMov, ld(eIdx, p));
    while (q < j && Math.abs(offOf(ld(eIdx, q)) - off) < 1e-9) { mov &= ld(eMov, ld(eIdx, q)); q++; }
    const nextOff = q < j ? offOf(ld(eIdx, q)) : Infinity;
    if (mov) {
      let before = 0;
      for (let k = p; k < q; k++) {
        const t = farX(ld(eIdx, k)) - x;
        st(tgt, k, t);
        if (Math.abs(t - off) < 0.01) before++;
      }
      if (before < q - p) {
        const lo = Math.max(-L + margin, prevOff + Math.min(spacing, off - prevOff));
        const hi = Math.min(R - margin, nextOff - Math.min(spacing, nextOff - off));
        let best = off, bestCount = before;
        for (let k = p; k < q; k++) {
          const t = ld(tgt, k);
          if (t < lo - 1e-9 || t > hi + 1e-9) continue;
          let n = 0;
          for (let h = p; h < q; h++) if (Math.abs(ld(tgt, h) - t) < 0.01) n++;
          if (n > bestCount) { best = t; bestCount = n; }
        }
        if (best != off) for (let k = p; k < q; k++) setOff(ld(eIdx, k), best);
        prevOff = best;
      } else prevOff = off;
    } else prevOff = off;
    p = q;
  }
}

/** How far inside its box an attach point that slides stays (simplex.ts's slid try holds it there too). */
export function slideMargin(v: i32): f64 { return Math.min(8.0, (ld(G.nL, v) + ld(G.nR, v)) * 0.25); }

@inline function setOff(a: i32, off: f64): void {
  const r = ld(eRef, a);
  if (r >= 0) st(G.eOffU, r, off); else st(G.eOffV, -2 - r, off);
}
