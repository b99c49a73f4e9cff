/**
 * Phase 5b — route: orthogonal polylines for every piece, and the ranks' y coordinates.
 *
 * Preconditions: x placed (phase 4); runs collected and tracks assigned (phase 5a, driven here).
 * Postconditions (canonical frame, origin at the content's top-left):
 *  1. rankTop/rankHeight set; a channel is as tall as its tracks need, inner channels at least rankGap
 *     (beside a rank of border ports only: no minimum; beside a rank of labels only: 2 edge gaps, and
 *     the boxes on either side of a label rank at least rankGap apart);
 *  2. each drawn task has a polyline in pieces.pts, in its real direction: it starts on the source
 *     box's border (bottom when leaving downwards) and ends on the target's (top), every segment
 *     horizontal or vertical, horizontals only inside channels, verticals only inside the x range
 *     of the own box or of a dummy slot, so no piece crosses a box of this group; except a side
 *     task from a child's side port (sideY): straight across its rank band when the child is the
 *     outermost box of the rank on that side (over unlabelled dummies' lines), else along the free
 *     lane beside it to the channel;
 *     and likewise an edge out of a port on U's canonical right side (eTopU 2: a step column's
 *     bottom): across U's rank band to the x of its next point when only lines stand between,
 *     else to U's lane; and into such a port at V (eTopV 2: p1 reversed that edge) the same way
 *     back, so the piece ends on the port where V's own piece starts;
 *  3. border pieces end on the content edge (phase 6 extends them to the group border);
 *  4. self-loops are small loops on the box's right side, in the room phase 4a reserved;
 *  5. label boxes (tLabelX/Y) sit right of their edge's line inside the label dummy's slot;
 *  6. the pieces of one hyperedge (nets.ts) share their common segments exactly (one track per net,
 *     straight chains snapped to one x); no other two pieces overlap, detours round one box each
 *     and the nets through side ports have a lane of their own (laneX; a chain's run that tracks.ts
 *     splits for a cycle of vertical constraints is drawn with a dogleg: along; except where
 *     runs of other kinds form such a cycle: see tracks.ts).
 */
import * as G from '../lgraph';
import { optRankGap, optEdgeGap, flowDir, isColumn, isGroup, par } from '../hierarchy';
import { tEdge, tLabelX, tLabelY, eLW, eLH, eS, eSP, colLead } from '../tasks';
import { resetRuns, addRun, keyRun, assignTracks, csTrack, chTracks, csNext, csX2 } from './tracks';
import { pointKey } from '../nets';
import { begin, pt, reversePiece, portSide } from '../pieces';
import { growI, growF, sortByKey, SIDE_BOTTOM, SIDE_TOP, SIDE_LEFT, SIDE_RIGHT, ld, st } from '../util';
import { canonW, canonY } from '../p0-prepare/build-graph';

let segRun = new Int32Array(16);
let edgeRun = new Int32Array(16);
let sideRun = new Int32Array(16);
let detU = new Int32Array(16);   // run of the detour around U (its port faces the wrong way), else -1
let detV = new Int32Array(16);
let laneU = new Float64Array(16); // detour lane x of U's end (laneX), else -1
let laneV = new Float64Array(16);
let laneN = new Int32Array(16);   // lanes in the room right of each node: detours, side ports
let sideAt = new Int32Array(16);  // side task → its lane there (sideLane)
let sKey = new Float64Array(16);
let nLanes: i32 = 0;
let lane = new Float64Array(16);  // bypass edges: x of their vertical lane right of the content
let laneRun1 = new Int32Array(16);
let laneRun2 = new Int32Array(16);
let chTop = new Float64Array(16);
let chH = new Float64Array(16);
let loops = new Int32Array(16);
export let contentW: f64 = 0;
export let contentH: f64 = 0;

// top, bottom, trackY, called at ~40 places: out of line, 0.2 KB less bundle (~5% slower route)
function top(v: i32): f64 { return ld(G.rankTop, ld(G.nRank, v)) + (ld(G.rankHeight, ld(G.nRank, v)) - ld(G.nH, v)) * 0.5; }
function bottom(v: i32): f64 { return top(v) + ld(G.nH, v); }
/** Canonical y of task pk's port on the side of v's child group (v's own piece of the edge), from
 *  v's top (portOff) or the group's (portY). */
function portOff(v: i32, pk: i32): f64 { return canonY(ld(flowDir, G.group), ld(G.nRef, v), pk); }
function portY(v: i32, pk: i32): f64 { return top(v) + portOff(v, pk); }
/** The task of edge e's own piece inside the child at its U end (atU) or V end: an edge's tasks run
 *  from its source to its target, so U's is the one before e's task, or after it when p1 reversed e. */
function endTask(e: i32, atU: bool): i32 { return ld(G.eTask, e) + ((ld(G.eRev, e) != 0) == atU ? 1 : -1); }
function trackY(run: i32, ch: i32): f64 { return ld(chTop, ch) + ld(chH, ch) * <f64>(ld(csTrack, run) + 1) / <f64>(ld(chTracks, ch) + 1); }

export function route(): void {
  const R = G.nRanks, n = G.nNodes, m = G.nEdges;
  snapStraight();
  contentW = 0;
  for (let v = 0; v < n; v++) contentW = Math.max(contentW, ld(G.nX, v) + ld(G.nR, v));
  for (let r = 0; r < R; r++) {
    let h = 0.0;
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) h = Math.max(h, ld(G.nH, ld(G.rankNodes, i)));
    st(G.rankHeight, r, h);
  }
  // 0. lanes for bypass edges (phase 2b): one vertical lane each right of the content, shared
  //    by edges whose channel ranges do not touch (interval colouring through tracks.ts)
  lane = growF(lane, m); laneRun1 = growI(laneRun1, m); laneRun2 = growI(laneRun2, m);
  let bypass = 0;
  resetRuns(1);
  for (let e = 0; e < m; e++) {
    st(laneRun1, e, -1);
    // (dir 2: no lines at a lane's ends, so no vertical constraints between lanes)
    if (ld(G.eTask, e) >= 0 && ld(G.eBypass, e)) { st(laneRun1, e, addRun(0, <f64>(ld(G.nRank, ld(G.eU, e)) + 1), <f64>ld(G.nRank, ld(G.eV, e)), 2)); bypass++; }
  }
  if (bypass > 0) {
    assignTracks();
    for (let e = 0; e < m; e++) if (ld(laneRun1, e) >= 0) st(lane, e, contentW + optEdgeGap * <f64>(ld(csTrack, ld(laneRun1, e)) + 1));
    contentW += optEdgeGap * <f64>(ld(chTracks, 0) + 1);
  }
  // 1. runs
  resetRuns(R + 1);
  segRun = growI(segRun, G.nSegs); edgeRun = growI(edgeRun, m); sideRun = growI(sideRun, G.nSide + 1);
  detU = growI(detU, m); detV = growI(detV, m);
  // detours: an end whose port faces the wrong way goes round its box through a lane beside it;
  // each detour round one box has a lane of its own (laneX), and so has each side port's net
  laneU = growF(laneU, m); laneV = growF(laneV, m); laneN = growI(laneN, n);
  for (let v = 0; v < n; v++) st(laneN, v, 0);
  sortSideLanes();
  sideSlots(1);
  for (let e = 0; e < m; e++) {
    st(laneU, e, -1); st(laneV, e, -1);
    if (ld(G.eTask, e) < 0 || ld(G.eBypass, e)) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    // a same-rank edge enters V from below, so there a port on V's top is the wrong side
    const flat = ld(G.nRank, u) == ld(G.nRank, v);
    if (ld(G.eFixU, e) && ld(G.eTopU, e)) st(laneU, e, <f64>(laneN[u]++));
    // a port on V's canonical right side (eTopV 2: p1 reversed an edge out of a step column's bottom)
    // is entered from the side, like U's (below)
    if (ld(G.eFixV, e) && (flat ? ld(G.eTopV, e) != 0 : ld(G.eTopV, e) != 1)) st(laneV, e, <f64>(laneN[v]++));
  }
  sideSlots(0);
  for (let e = 0; e < m; e++) {
    st(detU, e, -1); st(detV, e, -1);
    const u = ld(G.eU, e), v = ld(G.eV, e);
    if (ld(laneU, e) >= 0) {
      let x = laneX(u, <i32>ld(laneU, e));
      if (ld(G.eTopU, e) == 2) {
        // out of U's side port across to the line it runs on along, when nothing stands between;
        // else down the lane beside U (its run into that line: below)
        const xn = ld(G.eChainLen, e) > 2 ? ld(G.nX, ld(G.chain, ld(G.eChain, e) + 1)) : ld(G.nX, v) + ld(G.eOffV, e);
        if (clearRight(u, xn, false)) x = xn;
      } else st(detU, e, addRun(ld(G.nRank, u), ld(G.nX, u) + ld(G.eOffU, e), x, 1)); // from U's top, down the lane
      st(laneU, e, x);
      contentW = Math.max(contentW, x + optEdgeGap * 0.5);
    }
    if (ld(laneV, e) >= 0) {
      const flat = ld(G.nRank, u) == ld(G.nRank, v);
      let x = laneX(v, <i32>ld(laneV, e));
      if (!flat && ld(G.eTopV, e) == 2) {
        // into V's side port from the line it comes down along, when nothing stands between;
        // else down the lane beside V (its run from that line: above, in the segment into V)
        const xp = ld(G.eChainLen, e) > 2 ? ld(G.nX, ld(G.chain, ld(G.eChain, e) + ld(G.eChainLen, e) - 2))
          : ld(laneU, e) >= 0 ? ld(laneU, e) : ld(G.nX, u) + ld(G.eOffU, e);
        if (clearRight(v, xp, true)) x = xp;
        // up the lane into V's bottom; a same-rank edge's: down the lane from the channel above into V's top
      } else st(detV, e, addRun(ld(G.nRank, v) + (flat ? 0 : 1), x, ld(G.nX, v) + ld(G.eOffV, e), flat ? 1 : 2));
      st(laneV, e, x);
      contentW = Math.max(contentW, x + optEdgeGap * 0.5);
    }
  }
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0 || !ld(G.eBypass, e)) continue;
    st(laneRun1, e, addRun(ld(G.nRank, ld(G.eU, e)) + 1, ld(G.nX, ld(G.eU, e)) + ld(G.eOffU, e), ld(lane, e)));
    st(laneRun2, e, addRun(ld(G.nRank, ld(G.eV, e)), ld(lane, e), ld(G.nX, ld(G.eV, e)) + ld(G.eOffV, e)));
  }
  for (let s = 0; s < G.nSegs; s++) {
    const a = ld(G.sUp, s), b = ld(G.sDown, s), e = ld(G.sEdge, s);
    const atU = a == ld(G.eU, e), atV = b == ld(G.eV, e);
    const xa = atU ? (ld(laneU, e) >= 0 ? ld(laneU, e) : ld(G.nX, a) + ld(G.eOffU, e)) : ld(G.nX, a);
    const xb = atV ? (ld(laneV, e) >= 0 ? ld(laneV, e) : ld(G.nX, b) + ld(G.eOffV, e)) : ld(G.nX, b);
    st(segRun, s, -1);
    if (Math.abs(xa - xb) <= 0.01) continue;
    const r = addRun(ld(G.nRank, a) + 1, xa, xb, 4);
    st(segRun, s, r);
    // the points it joins: one net's runs share them, and a track (tracks.ts)
    // (a port on the node's canonical right side, eTop 2: named by its y, as a side task's)
    keyRun(r, atU && ld(detU, e) >= 0 ? NaN : atU && ld(G.eTopU, e) == 2 ? pointKey(a, 3, portOff(a, endTask(e, true))) : pointKey(a, 0, atU ? ld(G.eOffU, e) : 0),
      atV && ld(detV, e) >= 0 ? NaN : atV && ld(G.eTopV, e) == 2 ? pointKey(b, 3, portOff(b, endTask(e, false))) : pointKey(b, 1, atV ? ld(G.eOffV, e) : 0));
  }
  for (let e = 0; e < m; e++) {
    st(edgeRun, e, -1);
    if (ld(G.eTask, e) < 0 || ld(G.nRank, ld(G.eU, e)) != ld(G.nRank, ld(G.eV, e))) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    const from = ld(laneU, e) >= 0 ? ld(laneU, e) : ld(G.nX, u) + ld(G.eOffU, e), to = ld(detV, e) >= 0 ? ld(laneV, e) : ld(G.nX, v) + ld(G.eOffV, e);
    st(edgeRun, e, addRun(ld(G.nRank, u) + 1, from, to, 2)); // up into V (or its lane)
  }
  for (let s = 0; s < G.nSide; s++) {
    const v = ld(G.sideNode, s);
    const xa = ld(G.nX, v) + ld(G.sideOff, s), border = ld(G.sideRight, s) ? contentW : 0.0;
    st(sideRun, s, -1);
    if (straightSide(s)) continue;
    const port = !isNaN(ld(G.sideY, s));
    const from = port ? sideLane(s) : xa; // a side port: down the lane beside v first
    const r = ld(G.sideOut, s) ? addRun(ld(G.nRank, v) + 1, from, border) : addRun(ld(G.nRank, v), border, from);
    st(sideRun, s, r);
    // its point on v (a side port: by its place on the side), and where it crosses the border: one
    // tensor entering through one border point, a hyperedge's trunk;
    // in a step column the runs into one leaf from one border comb into it along one track, through
    // one border port (a bus of steps)
    const at = port ? pointKey(v, 2 + ld(G.sideRight, s), ld(G.sideY, s)) : pointKey(v, ld(G.sideOut, s) ? 0 : 1, ld(G.sideOff, s));
    const e = ld(tEdge, ld(G.sideTask, s));
    if (ld(G.sideOut, s)) keyRun(r, at, NaN);
    else keyRun(r, borderKey(ld(eS, e), ld(eSP, e), ld(G.sideRight, s)),
      !port && isColumn[G.group] && !isGroup[ld(G.nRef, v)] ? pointKey(v, 3, ld(G.sideRight, s) ? 1 : 0) - 4194304.0 : at);
  }
  assignTracks();
  // 2. channel heights and rank tops
  chTop = growF(chTop, R + 1); chH = growF(chH, R + 1);
  let y = 0.0;
  // step columns: the same room above the first row of content in every sibling column (tasks.ts
  // colLead), whether or not a column's edges come in through its top (a rank of border ports)
  const leadCh = R > 1 && portsOnly(0) ? 1 : 0;
  for (let c = 0; c <= R; c++) {
    const need = ld(chTracks, c) > 0 ? <f64>(ld(chTracks, c) + 1) * optEdgeGap : 0.0;
    // next to a rank of border ports only, a channel needs room for its tracks only (none when every
    // edge runs straight through it): the group padding already keeps the box off the border, as in
    // elk. Beside a rank of edge labels only, twice the edge gap (elk's edge-node spacing), or more
    // so the boxes above and below stay a rank gap apart: the label's rank is room between them
    // too. Costs a label closer to its boxes (12 px, not 36); saves 24-48 px per group and label.
    const gap = c > 0 && c < R ? (portsOnly(c - 1) || portsOnly(c) ? 0.0
      : labelsOnly(c - 1) || labelsOnly(c) ? Math.max(optEdgeGap * 2, (optRankGap - labelBand(c)) * 0.5) : optRankGap) : 0.0;
    const lead = c == leadCh && isColumn[G.group] ? <f64>(colLead[par[G.group]] + 1) * optEdgeGap : 0.0;
    st(chH, c, Math.max(Math.max(gap, need), lead));
    st(chTop, c, y);
    y += ld(chH, c);
    if (c < R) { st(G.rankTop, c, y); y += ld(G.rankHeight, c); }
  }
  contentH = y;
  // 3. pieces
  for (let e = 0; e < m; e++) {
    const k = ld(G.eTask, e);
    if (k < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    const xu = ld(G.nX, u) + ld(G.eOffU, e), xv = ld(G.nX, v) + ld(G.eOffV, e);
    begin(k);
    if (ld(G.eBypass, e)) {
      const y1 = trackY(ld(laneRun1, e), ld(G.nRank, u) + 1), y2 = trackY(ld(laneRun2, e), ld(G.nRank, v));
      pt(k, xu, bottom(u)); pt(k, xu, y1); pt(k, ld(lane, e), y1); pt(k, ld(lane, e), y2); pt(k, xv, y2); pt(k, xv, top(v));
      if (ld(G.nKind, u) == G.NK_PORT_TOP) st(portSide, k, SIDE_TOP);
      if (ld(G.nKind, v) == G.NK_PORT_BOTTOM) st(portSide, k, SIDE_BOTTOM);
      if (ld(G.eRev, e)) reversePiece(k);
      continue;
    }
    if (ld(detU, e) >= 0) {
      const ty = trackY(ld(detU, e), ld(G.nRank, u));
      pt(k, xu, top(u)); pt(k, xu, ty); pt(k, ld(laneU, e), ty);
    } else if (ld(laneU, e) >= 0) { // out of U's side port, across to the line it goes on along
      // the port is where U's own piece of the edge ends
      const y = portY(u, endTask(e, true));
      pt(k, xu, y); pt(k, ld(laneU, e), y);
    } else pt(k, xu, bottom(u));
    if (ld(edgeRun, e) >= 0) { // same rank: along the channel below, up into V (or round it to a top port)
      const ty = trackY(ld(edgeRun, e), ld(G.nRank, u) + 1);
      const from = ld(laneU, e) >= 0 ? ld(laneU, e) : xu;
      if (ld(detV, e) >= 0) {
        const tv = trackY(ld(detV, e), ld(G.nRank, v));
        pt(k, from, ty); pt(k, ld(laneV, e), ty); pt(k, ld(laneV, e), tv); pt(k, xv, tv); pt(k, xv, top(v));
      } else { pt(k, from, ty); pt(k, xv, ty); pt(k, xv, bottom(v)); }
    } else {
      const c = ld(G.eChain, e);
      // cur: the x of the vertical being drawn; runs under 0.01 px wide are not jogs, so snap to it
      let cur = ld(laneU, e) >= 0 ? ld(laneU, e) : xu;
      for (let i = 0; i + 1 < ld(G.eChainLen, e); i++) {
        const a = ld(G.chain, c + i), b = ld(G.chain, c + i + 1);
        const s = ld(G.eSeg0, e) + i;
        if (ld(segRun, s) < 0) continue;
        const xb = b == v ? (ld(laneV, e) >= 0 ? ld(laneV, e) : xv) : ld(G.nX, b);
        along(k, ld(segRun, s), ld(G.nRank, a) + 1, cur, xb);
        cur = xb;
      }
      if (ld(detV, e) >= 0) {
        const ty = trackY(ld(detV, e), ld(G.nRank, v) + 1);
        pt(k, cur, ty); pt(k, xv, ty); pt(k, xv, bottom(v));
      } else if (ld(laneV, e) >= 0) { // into V's side port: where V's own piece starts
        const y = portY(v, endTask(e, false));
        pt(k, cur, y); pt(k, xv, y);
      } else pt(k, cur, top(v));
      // the label rides on the first dummy
      if (ld(G.eChainLen, e) > 2) {
        const d = ld(G.chain, c + 1);
        if (ld(G.nLabel, d) == e) {
          const left = ld(G.nL, d) > ld(G.nR, d); // label on the left of the line (attach.ts)
          st(tLabelX, k, left ? ld(G.nX, d) - ld(G.nL, d) + optEdgeGap * 0.5 : ld(G.nX, d) + optEdgeGap);
          st(tLabelY, k, top(d));
        }
      }
    }
    if (ld(G.nKind, u) == G.NK_PORT_TOP) st(portSide, k, SIDE_TOP);
    if (ld(G.nKind, v) == G.NK_PORT_BOTTOM) st(portSide, k, SIDE_BOTTOM);
    if (ld(G.eRev, e)) reversePiece(k);
  }
  for (let s = 0; s < G.nSide; s++) {
    const k = ld(G.sideTask, s), v = ld(G.sideNode, s);
    const xa = ld(G.nX, v) + ld(G.sideOff, s), border = ld(G.sideRight, s) ? contentW : 0.0;
    begin(k);
    if (ld(sideRun, s) < 0) { // straight across from the child's side port (straightSide)
      const half = canonW(ld(flowDir, G.group), ld(G.nRef, v)) * 0.5; // nR may include self-loop room
      const y = top(v) + ld(G.sideY, s), x = ld(G.sideRight, s) ? ld(G.nX, v) + half : ld(G.nX, v) - half;
      if (ld(G.sideOut, s)) { pt(k, x, y); pt(k, border, y); } else { pt(k, border, y); pt(k, x, y); }
    } else if (!isNaN(ld(G.sideY, s))) { // side port, a box beside it: along the lane to the channel
      const half = canonW(ld(flowDir, G.group), ld(G.nRef, v)) * 0.5;
      const y = top(v) + ld(G.sideY, s), x = ld(G.sideRight, s) ? ld(G.nX, v) + half : ld(G.nX, v) - half, lx = sideLane(s);
      const ty = trackY(ld(sideRun, s), ld(G.nRank, v) + (ld(G.sideOut, s) ? 1 : 0));
      if (ld(G.sideOut, s)) { pt(k, x, y); pt(k, lx, y); pt(k, lx, ty); pt(k, border, ty); }
      else { pt(k, border, ty); pt(k, lx, ty); pt(k, lx, y); pt(k, x, y); }
    } else if (ld(G.sideOut, s)) {
      const ty = trackY(ld(sideRun, s), ld(G.nRank, v) + 1);
      pt(k, xa, bottom(v)); pt(k, xa, ty); pt(k, border, ty);
    } else {
      const ty = trackY(ld(sideRun, s), ld(G.nRank, v));
      pt(k, border, ty); pt(k, xa, ty); pt(k, xa, top(v));
    }
    st(portSide, k, ld(G.sideRight, s) ? SIDE_RIGHT : SIDE_LEFT);
  }
  routeSelfLoops();
}

/** Piece k along run r of channel ch from x1 to x2: on its track, or with a dogleg (tracks.ts csNext)
 *  on its first track to the split's x, across to the second run's track and on along that. */
function along(k: i32, r: i32, ch: i32, x1: f64, x2: f64): void {
  let ty = trackY(r, ch);
  pt(k, x1, ty);
  const q = ld(csNext, r);
  if (q >= 0) { pt(k, ld(csX2, r), ty); ty = trackY(q, ch); pt(k, ld(csX2, r), ty); }
  pt(k, x2, ty);
}

/** A dummy (or bottom border port) within 0.01 px of where a segment from above meets it takes
 *  that x exactly, rank by rank down: a chain that runs straight is one exact line, and the chains
 *  of a shared bus agree to the bit (placement leaves differences of ~1e-5 px, which would show as
 *  hair-thin steps where a branch joins the bus). */
function snapStraight(): void {
  for (let r = 1; r < G.nRanks; r++)
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
      const d = ld(G.rankNodes, i), k = ld(G.nKind, d);
      if (k != G.NK_DUMMY && k != G.NK_PORT_BOTTOM) continue;
      for (let j = ld(G.upStart, d); j < ld(G.upStart, d + 1); j++) {
        const q = ld(G.upList, j), a = ld(G.sUp, q), e = ld(G.sEdge, q);
        const xa = a == ld(G.eU, e) ? ld(G.nX, a) + ld(G.eOffU, e) : ld(G.nX, a);
        if (a == ld(G.eU, e) && ld(G.eFixU, e) && ld(G.eTopU, e)) continue; // a detour: starts from its lane
        if (Math.abs(xa - ld(G.nX, d)) <= 0.01) { st(G.nX, d, xa); break; }
      }
    }
}

/** Key of the border point of the runs of one net crossing a border (below every pointKey). */
function borderKey(node: i32, port: i32, right: i32): f64 {
  return -1.0 - (<f64>node * 2048.0 + <f64>min(max(port + 1, 0), 2047)) * 2.0 - <f64>right;
}

/** Side task s leaves (enters) its child through a port on the child's side facing the border,
 *  and only lines stand between: the last (first) box of its rank, unlabelled dummies aside. Then
 *  it runs straight across, over those lines: the channel below would cross the same chains, and
 *  costs two bends (an LSTM cell's state out of `add` past the output gate's line). */
function straightSide(s: i32): bool {
  if (isNaN(ld(G.sideY, s))) return false;
  const v = ld(G.sideNode, s), r = ld(G.nRank, v), at = ld(G.rankStart, r) + ld(G.nPos, v);
  const right = ld(G.sideRight, s), end = right ? ld(G.rankStart, r + 1) : at;
  for (let i = right ? at + 1 : ld(G.rankStart, r); i < end; i++) {
    const w = ld(G.rankNodes, i);
    if (ld(G.nKind, w) != G.NK_DUMMY || ld(G.nLabel, w) >= 0) return false;
  }
  return true;
}

/** Side tasks through a port on their child's side that cannot run straight across (straightSide),
 *  in sideRun[0, nLanes): by node side, incoming before outgoing; incoming ones from the highest
 *  port, outgoing ones from the lowest; one key per net (sKey: its ends share one point). */
function sortSideLanes(): void {
  const m = G.nSide;
  sideAt = growI(sideAt, m); sKey = growF(sKey, m);
  let c = 0;
  for (let s = 0; s < m; s++) {
    if (isNaN(ld(G.sideY, s)) || straightSide(s)) continue;
    const out = ld(G.sideOut, s), y = ld(G.sideY, s);
    st(sKey, s, <f64>(4 * ld(G.sideNode, s) + 2 * ld(G.sideRight, s) + out) * 1e7 + (out ? 5e6 - y : y));
    st(sideRun, c++, s);
  }
  sortByKey(sideRun, 0, c, sKey);
  nLanes = c;
}

/** A lane per net of the side tasks sortSideLanes lists, on the right (right = 1, before the
 *  detours: v's first lanes) or left (after its left neighbour's detours: its last) of their node,
 *  numbered outwards from the node in that order, so that their runs do not cross: the incoming one
 *  from the highest port takes the top track in the channel above; the outgoing one from the lowest
 *  turns into the channel below first, the highest, outermost, takes the top track there. */
function sideSlots(right: i32): void {
  for (let q = 0; q < nLanes; q++) {
    const i = right ? q : nLanes - 1 - q, s = ld(sideRun, i);
    if (ld(G.sideRight, s) != right) continue;
    const p = ld(sideRun, right ? i - 1 : i + 1); // the one before, in this order
    if (q > 0 && ld(sKey, p) == ld(sKey, s)) st(sideAt, s, ld(sideAt, p));
    else st(sideAt, s, laneN[gapNode(s)]++);
  }
}

/** The node whose room on the right holds side task s's lane: its own node or that one's left neighbour. */
function gapNode(s: i32): i32 {
  const v = ld(G.sideNode, s);
  return ld(G.sideRight, s) ? v : ld(G.rankNodes, ld(G.rankStart, ld(G.nRank, v)) + ld(G.nPos, v) - 1);
}

/** The lane of side task s (a port on its child's side, a box beside it): from the port to the channel. */
@inline function sideLane(s: i32): f64 { return laneX(gapNode(s), ld(sideAt, s)); }

function portsOnly(r: i32): bool {
  for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
    const k = ld(G.nKind, ld(G.rankNodes, i));
    if (k != G.NK_PORT_TOP && k != G.NK_PORT_BOTTOM) return false;
  }
  return true;
}

/** Rank r holds edge labels and nothing else but long-edge dummies. */
function labelsOnly(r: i32): bool {
  let label = false;
  for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
    const v = ld(G.rankNodes, i);
    if (ld(G.nKind, v) != G.NK_DUMMY) return false;
    if (ld(G.nLabel, v) >= 0) label = true;
  }
  return label;
}

/** Height of the label rank(s) beside channel c (0 < c < R): the smaller one when both are. */
function labelBand(c: i32): f64 {
  const a = labelsOnly(c - 1), b = labelsOnly(c);
  if (a && b) return Math.min(ld(G.rankHeight, c - 1), ld(G.rankHeight, c));
  return a ? ld(G.rankHeight, c - 1) : ld(G.rankHeight, c);
}

/** A vertical at x passes right of v and of every box after it in v's rank (dummies aside; with
 *  dummy set, an edge into v's side port: but for one whose line lies at x, as the vertical down to
 *  the port would; out of u's port not checked: that cost lstm_unrolled12 20 bends, not analysed). */
function clearRight(v: i32, x: f64, dummy: bool): bool {
  const r = ld(G.nRank, v);
  if (x <= ld(G.nX, v) + ld(G.nR, v)) return false;
  for (let i = ld(G.rankStart, r) + ld(G.nPos, v) + 1; i < ld(G.rankStart, r + 1); i++) {
    const w = ld(G.rankNodes, i);
    if (ld(G.nKind, w) != G.NK_DUMMY ? ld(G.nX, w) - ld(G.nL, w) <= x : dummy && Math.abs(ld(G.nX, w) - x) < 0.5) return false;
  }
  return true;
}

/** x of the i-th of laneN[v] lanes right of v: spread evenly over the room before its right
 *  neighbour (one lane: half way), or an edge gap apart right of the content when v is the last
 *  box of its rank. */
function laneX(v: i32, i: i32): f64 {
  const r = ld(G.nRank, v), at = ld(G.rankStart, r) + ld(G.nPos, v);
  const right = ld(G.nX, v) + ld(G.nR, v);
  if (at + 1 < ld(G.rankStart, r + 1)) {
    const w = ld(G.rankNodes, at + 1);
    return right + (ld(G.nX, w) - ld(G.nL, w) - right) * <f64>(i + 1) / <f64>(ld(laneN, v) + 1);
  }
  return right + optEdgeGap * <f64>(i + 1);
}

/** A port on v's canonical right side (eTopU/eTopV 2, a side task's sideY) lies at y (0.5 px). */
function rightPort(v: i32, y: f64): bool {
  for (let e = 0; e < G.nEdges; e++) {
    if (ld(G.eTask, e) < 0) continue;
    if (ld(G.eU, e) == v && ld(G.eFixU, e) && ld(G.eTopU, e) == 2 && Math.abs(portY(v, endTask(e, true)) - y) < 0.5) return true;
    if (ld(G.eV, e) == v && ld(G.eFixV, e) && ld(G.eTopV, e) == 2 && Math.abs(portY(v, endTask(e, false)) - y) < 0.5) return true;
  }
  for (let s = 0; s < G.nSide; s++)
    if (ld(G.sideNode, s) == v && ld(G.sideRight, s) && Math.abs(top(v) + ld(G.sideY, s) - y) < 0.5) return true;
  return false;
}

function routeSelfLoops(): void {
  if (G.nSelf == 0) return;
  loops = growI(loops, G.nNodes);
  for (let s = 0; s < G.nSelf; s++) st(loops, ld(G.selfNode, s), 0);
  const d = ld(flowDir, G.group);
  for (let s = 0; s < G.nSelf; s++) {
    const k = ld(G.selfTask, s), v = ld(G.selfNode, s);
    const i = loops[v]++;
    const right = ld(G.nX, v) + canonW(d, ld(G.nRef, v)) * 0.5;
    const h = ld(G.nH, v), t = top(v);
    let spread = Math.min(h * 0.45, optEdgeGap * <f64>(1 + i));
    // off the ports on that side (a step column's bottom): else the loop's ends lie on their edges
    while (spread + optEdgeGap * 0.5 < h * 0.5 && (rightPort(v, t + h * 0.5 - spread) || rightPort(v, t + h * 0.5 + spread))) spread += optEdgeGap * 0.5;
    const y1 = t + h * 0.5 - spread, y2 = t + h * 0.5 + spread;
    const out = right + optEdgeGap * <f64>(1 + i);
    begin(k);
    pt(k, right, y1); pt(k, out, y1); pt(k, out, y2); pt(k, right, y2);
    const e = ld(tEdge, k);
    if (ld(eLW, e) > 0) {
      const lh = d == 0 || d == 2 ? ld(eLH, e) : ld(eLW, e);
      st(tLabelX, k, out + optEdgeGap * 0.5); st(tLabelY, k, t + (h - lh) * 0.5);
    }
  }
}
