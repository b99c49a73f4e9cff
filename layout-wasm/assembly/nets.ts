/**
 * Hyperedges: which edge ends are one point. A tensor used by several ops leaves its source port
 * once and branches off to each target (ELK's mergeEdges, Model Explorer's fan-outs); edges into
 * one target port arrive through one point too. Read by p2b (shared dummies), p4a (one attach
 * point per net) and p5 (runs of one net share a track).
 *
 * A net key names an end's point on its node: the real role of the end (0 source, 1 target) and
 * its port (-1: none, one point for all such ends); the ends of a border-port dummy are one net.
 * Ends fixed by a child group's port (eFixU/eFixV) are points already: their offset names them,
 * and a free end never takes one of them (clearOfFixed: an edge ending at a group itself beside an
 * unrelated one running on inside it through a port there would leave one point).
 */
import * as G from './lgraph';
import { optEdgeGap, isGroup } from './hierarchy';
import { growI, growF, sortByKey, ld, st } from './util';

/** Net of LG edge e's U end (atU) or V end. */
export function endNet(e: i32, atU: bool): f64 {
  const v = atU ? ld(G.eU, e) : ld(G.eV, e);
  const k = ld(G.nKind, v);
  const role = atU ? ld(G.eRev, e) : 1 - ld(G.eRev, e);
  if (k == G.NK_PORT_TOP || k == G.NK_PORT_BOTTOM) return <f64>role * 1e7;
  return <f64>role * 1e7 + Math.max(-1, Math.floor(atU ? ld(G.eKeyU, e) : ld(G.eKeyV, e))) + 2;
}

/** Net of side task s's end on its node (an outgoing end is a source port, an incoming one a target port). */
export function sideNet(s: i32, port: i32): f64 {
  return <f64>(ld(G.sideOut, s) ? 0 : 1) * 1e7 + <f64>max(-1, port) + 2;
}

/** Key of a point on LG node v at canonical offset off (relative to v's anchor): equal keys,
 *  equal points (offsets of one net are computed the same way, so they compare exactly; points
 *  a quarter pixel apart or less share a key). kind separates points on different sides. */
export function pointKey(v: i32, kind: i32, off: f64): f64 {
  const q = Math.round(off * 4.0) + 4194304.0; // 2^22: offsets within ±1 M px
  return (<f64>v * 4.0 + <f64>kind) * 8388608.0 + Math.min(8388607.0, Math.max(0.0, q));
}

let fKey = new Float64Array(16);
let fOff = new Float64Array(16);
let fIdx = new Int32Array(16);

/** Ports of child groups (fixed ends, and side tasks through a port on a child's top or bottom) by
 *  node side, sorted, when one of the c free ends (their nodes: aNode) lies on a group (phase 4a). */
export function collectFixed(c: i32, aNode: Int32Array): i32 {
  let any = false;
  for (let q = 0; q < c && !any; q++) { const v = ld(aNode, q); any = ld(G.nKind, v) == G.NK_CHILD && ld(isGroup, ld(G.nRef, v)) != 0; }
  if (!any) return 0;
  const m = G.nEdges;
  fKey = growF(fKey, 2 * m + G.nSide); fOff = growF(fOff, 2 * m + G.nSide); fIdx = growI(fIdx, 2 * m + G.nSide);
  let n = 0;
  for (let s = 0; s < G.nSide; s++) { // a side task through a port on the top or bottom of its child group
    if (isNaN(ld(G.sideOff, s)) || !isNaN(ld(G.sideY, s))) continue;
    st(fKey, n, <f64>(ld(G.sideNode, s) * 2 + (ld(G.sideOut, s) ? 0 : 1))); st(fOff, n, ld(G.sideOff, s)); st(fIdx, n, n); n++;
  }
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    if (ld(G.eFixU, e)) { st(fKey, n, <f64>(ld(G.eU, e) * 2 + (ld(G.eTopU, e) ? 1 : 0))); st(fOff, n, ld(G.eOffU, e)); st(fIdx, n, n); n++; }
    if (ld(G.eFixV, e)) { st(fKey, n, <f64>(ld(G.eV, e) * 2 + (ld(G.eTopV, e) ? 1 : 0))); st(fOff, n, ld(G.eOffV, e)); st(fIdx, n, n); n++; }
  }
  sortByKey(fIdx, 0, n, fOff);
  sortByKey(fIdx, 0, n, fKey); // by node side, then offset
  return n;
}

/** A free end's offset moved off any fixed port on the same side of v (a group child), so two
 *  unrelated edges never leave one point: an edge ending at the group itself beside one that runs
 *  on inside it through a port there. Past the ports above it, or below it, to the nearer place
 *  (a row of ports an edge gap apart: past all of them) that stays on the box; where neither does,
 *  it keeps its place. On a side with ports it also stays past prev, the side's point before it
 *  (offsets ascend): two points moved from either side of a port onto one place would be one
 *  point of two nets (randomDoc(1623): a group's output beside reversed inputs on its bottom). */
export function clearOfFixed(v: i32, side: f64, off: f64, n: i32, prev: f64): f64 {
  const want = <f64>(v * 2) + (side - Math.floor(side / 2) * 2);
  let lo = 0, hi = n;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ld(fKey, ld(fIdx, mid)) < want) lo = mid + 1; else hi = mid; }
  if (lo == n || ld(fKey, ld(fIdx, lo)) != want) return off;
  const floor = prev + optEdgeGap * 0.5;
  let up = off < floor ? prev + optEdgeGap : off, down = off, q = lo;
  for (; q < n && ld(fKey, ld(fIdx, q)) == want; q++) { const f = ld(fOff, ld(fIdx, q)); if (Math.abs(up - f) < optEdgeGap * 0.5) up = f + optEdgeGap; }
  while (--q >= lo) { const f = ld(fOff, ld(fIdx, q)); if (Math.abs(down - f) < optEdgeGap * 0.5) down = f - optEdgeGap; }
  const upFits = up <= ld(G.nR, v) + 1e-9, downFits = down >= -ld(G.nL, v) - 1e-9 && down >= floor;
  return upFits && (!downFits || up - off <= off - down) ? up : downFits ? down : off;
}
