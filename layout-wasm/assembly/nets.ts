/**
 * Hyperedges: which edge ends are one point. A tensor used by several ops leaves its source port
 * once and branches off to each target (ELK's mergeEdges, Model Explorer's fan-outs); edges into
 * one target port arrive through one point too. Read by p2b (shared dummies), p4a (one attach
 * point per net) and p5 (runs of one net share a track).
 *
 * A net key names an end's point on its node: the real role of the end (0 source, 1 target) and
 * its port (-1: none, one point for all such ends); the ends of a border-port dummy are one net.
 * Ends fixed by a child group's port (eFixU/eFixV) are points already: their offset names them.
 */
import * as G from './lgraph';
import { ld } from './util';

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
