/**
 * Phase 5b — route: orthogonal polylines for every piece, and the ranks' y coordinates.
 *
 * Preconditions: x placed (phase 4); runs collected and tracks assigned (phase 5a, driven here).
 * Postconditions (canonical frame, origin at the content's top-left):
 *  1. rankTop/rankHeight set; a channel is as tall as its tracks need, inner channels at least rankGap;
 *  2. each drawn task has a polyline in pieces.pts, in its real direction: it starts on the source
 *     box's border (bottom when leaving downwards) and ends on the target's (top), every segment
 *     horizontal or vertical, horizontals only inside channels, verticals only inside the x range
 *     of the own box or of a dummy slot, so no piece crosses a box of this group;
 *  3. border pieces end on the content edge (phase 6 extends them to the group border);
 *  4. self-loops are small loops on the box's right side, in the room phase 4a reserved;
 *  5. label boxes (tLabelX/Y) sit right of their edge's line inside the label dummy's slot.
 */
import * as G from '../lgraph';
import { optRankGap, optEdgeGap, flowDir } from '../hierarchy';
import { tEdge, tLabelX, tLabelY, eLW, eLH } from '../tasks';
import { resetRuns, addRun, assignTracks, csTrack, chTracks } from './tracks';
import { begin, pt, reversePiece, portSide } from '../pieces';
import { growI, growF, SIDE_BOTTOM, SIDE_TOP, SIDE_LEFT, SIDE_RIGHT } from '../util';
import { canonW } from '../p0-prepare/build-graph';

let segRun = new Int32Array(16);
let edgeRun = new Int32Array(16);
let sideRun = new Int32Array(16);
let detU = new Int32Array(16);   // run of the detour around U (its port faces the wrong way), else -1
let detV = new Int32Array(16);
let chTop = new Float64Array(16);
let chH = new Float64Array(16);
let loops = new Int32Array(16);
export let contentW: f64 = 0;
export let contentH: f64 = 0;

@inline function top(v: i32): f64 { return G.rankTop[G.nRank[v]] + (G.rankHeight[G.nRank[v]] - G.nH[v]) * 0.5; }
@inline function bottom(v: i32): f64 { return top(v) + G.nH[v]; }
@inline function trackY(run: i32, ch: i32): f64 { return chTop[ch] + chH[ch] * <f64>(csTrack[run] + 1) / <f64>(chTracks[ch] + 1); }

export function route(): void {
  const R = G.nRanks, n = G.nNodes, m = G.nEdges;
  contentW = 0;
  for (let v = 0; v < n; v++) contentW = Math.max(contentW, G.nX[v] + G.nR[v]);
  for (let r = 0; r < R; r++) {
    let h = 0.0;
    for (let i = G.rankStart[r]; i < G.rankStart[r + 1]; i++) h = Math.max(h, G.nH[G.rankNodes[i]]);
    G.rankHeight[r] = h;
  }
  // 1. runs
  resetRuns(R + 1);
  segRun = growI(segRun, G.nSegs); edgeRun = growI(edgeRun, m); sideRun = growI(sideRun, G.nSide + 1);
  detU = growI(detU, m); detV = growI(detV, m);
  for (let e = 0; e < m; e++) {
    detU[e] = -1; detV[e] = -1;
    if (G.eTask[e] < 0 || G.nRank[G.eU[e]] == G.nRank[G.eV[e]]) continue;
    const u = G.eU[e], v = G.eV[e];
    if (G.eFixU[e] && G.eTopU[e]) detU[e] = addRun(G.nRank[u], G.nX[u] + G.eOffU[e], aside(u));
    if (G.eFixV[e] && !G.eTopV[e]) detV[e] = addRun(G.nRank[v] + 1, aside(v), G.nX[v] + G.eOffV[e]);
    if (detU[e] >= 0) contentW = Math.max(contentW, aside(u) + optEdgeGap * 0.5);
    if (detV[e] >= 0) contentW = Math.max(contentW, aside(v) + optEdgeGap * 0.5);
  }
  for (let s = 0; s < G.nSegs; s++) {
    const a = G.sUp[s], b = G.sDown[s], e = G.sEdge[s];
    const xa = a == G.eU[e] ? (detU[e] >= 0 ? aside(a) : G.nX[a] + G.eOffU[e]) : G.nX[a];
    const xb = b == G.eV[e] ? (detV[e] >= 0 ? aside(b) : G.nX[b] + G.eOffV[e]) : G.nX[b];
    segRun[s] = Math.abs(xa - xb) > 0.01 ? addRun(G.nRank[a] + 1, xa, xb) : -1;
  }
  for (let e = 0; e < m; e++) {
    edgeRun[e] = -1;
    if (G.eTask[e] < 0 || G.nRank[G.eU[e]] != G.nRank[G.eV[e]]) continue;
    edgeRun[e] = addRun(G.nRank[G.eU[e]] + 1, G.nX[G.eU[e]] + G.eOffU[e], G.nX[G.eV[e]] + G.eOffV[e]);
  }
  for (let s = 0; s < G.nSide; s++) {
    const v = G.sideNode[s];
    const xa = G.nX[v] + G.sideOff[s], border = G.sideRight[s] ? contentW : 0.0;
    sideRun[s] = G.sideOut[s] ? addRun(G.nRank[v] + 1, xa, border) : addRun(G.nRank[v], border, xa);
  }
  assignTracks();
  // 2. channel heights and rank tops
  chTop = growF(chTop, R + 1); chH = growF(chH, R + 1);
  let y = 0.0;
  for (let c = 0; c <= R; c++) {
    const need = chTracks[c] > 0 ? <f64>(chTracks[c] + 1) * optEdgeGap : 0.0;
    // next to a rank of border ports only, a channel needs room for its tracks, not a full rank gap
    const gap = c > 0 && c < R ? (portsOnly(c - 1) || portsOnly(c) ? optEdgeGap * 2 : optRankGap) : 0.0;
    chH[c] = Math.max(gap, need);
    chTop[c] = y;
    y += chH[c];
    if (c < R) { G.rankTop[c] = y; y += G.rankHeight[c]; }
  }
  contentH = y;
  // 3. pieces
  for (let e = 0; e < m; e++) {
    const k = G.eTask[e];
    if (k < 0) continue;
    const u = G.eU[e], v = G.eV[e];
    const xu = G.nX[u] + G.eOffU[e], xv = G.nX[v] + G.eOffV[e];
    begin(k);
    if (detU[e] >= 0) {
      const ty = trackY(detU[e], G.nRank[u]);
      pt(k, xu, top(u)); pt(k, xu, ty); pt(k, aside(u), ty);
    } else pt(k, xu, bottom(u));
    if (edgeRun[e] >= 0) {
      const ty = trackY(edgeRun[e], G.nRank[u] + 1);
      pt(k, xu, ty); pt(k, xv, ty); pt(k, xv, bottom(v));
    } else {
      const c = G.eChain[e];
      // cur: the x of the vertical being drawn; runs under 0.01 px wide are not jogs, so snap to it
      let cur = detU[e] >= 0 ? aside(u) : xu;
      for (let i = 0; i + 1 < G.eChainLen[e]; i++) {
        const a = G.chain[c + i], b = G.chain[c + i + 1];
        const s = G.eSeg0[e] + i;
        if (segRun[s] < 0) continue;
        const ty = trackY(segRun[s], G.nRank[a] + 1);
        const xb = b == v ? (detV[e] >= 0 ? aside(b) : xv) : G.nX[b];
        pt(k, cur, ty); pt(k, xb, ty);
        cur = xb;
      }
      if (detV[e] >= 0) {
        const ty = trackY(detV[e], G.nRank[v] + 1);
        pt(k, cur, ty); pt(k, xv, ty); pt(k, xv, bottom(v));
      } else pt(k, cur, top(v));
      // the label rides on the first dummy
      if (G.eChainLen[e] > 2) {
        const d = G.chain[c + 1];
        if (G.nLabel[d] == e) {
          const left = G.nL[d] > G.nR[d]; // label on the left of the line (attach.ts)
          tLabelX[k] = left ? G.nX[d] - G.nL[d] + optEdgeGap * 0.5 : G.nX[d] + optEdgeGap;
          tLabelY[k] = top(d);
        }
      }
    }
    if (G.nKind[u] == G.NK_PORT_TOP) portSide[k] = SIDE_TOP;
    if (G.nKind[v] == G.NK_PORT_BOTTOM) portSide[k] = SIDE_BOTTOM;
    if (G.eRev[e]) reversePiece(k);
  }
  for (let s = 0; s < G.nSide; s++) {
    const k = G.sideTask[s], v = G.sideNode[s];
    const xa = G.nX[v] + G.sideOff[s], border = G.sideRight[s] ? contentW : 0.0;
    begin(k);
    if (G.sideOut[s]) {
      const ty = trackY(sideRun[s], G.nRank[v] + 1);
      pt(k, xa, bottom(v)); pt(k, xa, ty); pt(k, border, ty);
    } else {
      const ty = trackY(sideRun[s], G.nRank[v]);
      pt(k, border, ty); pt(k, xa, ty); pt(k, xa, top(v));
    }
    portSide[k] = G.sideRight[s] ? SIDE_RIGHT : SIDE_LEFT;
  }
  routeSelfLoops();
}

function portsOnly(r: i32): bool {
  for (let i = G.rankStart[r]; i < G.rankStart[r + 1]; i++) {
    const k = G.nKind[G.rankNodes[i]];
    if (k != G.NK_PORT_TOP && k != G.NK_PORT_BOTTOM) return false;
  }
  return true;
}

/** x of the free lane right of v (half way to its right neighbour): detours pass there. */
function aside(v: i32): f64 {
  const i = G.rankStart[G.nRank[v]] + G.nPos[v];
  const right = G.nX[v] + G.nR[v];
  if (i + 1 < G.rankStart[G.nRank[v] + 1]) {
    const w = G.rankNodes[i + 1];
    return (right + G.nX[w] - G.nL[w]) * 0.5;
  }
  return right + optEdgeGap;
}

function routeSelfLoops(): void {
  if (G.nSelf == 0) return;
  loops = growI(loops, G.nNodes);
  for (let s = 0; s < G.nSelf; s++) loops[G.selfNode[s]] = 0;
  const d = flowDir[G.group];
  for (let s = 0; s < G.nSelf; s++) {
    const k = G.selfTask[s], v = G.selfNode[s];
    const i = loops[v]++;
    const right = G.nX[v] + canonW(d, G.nRef[v]) * 0.5;
    const h = G.nH[v], t = top(v);
    const spread = Math.min(h * 0.45, optEdgeGap * <f64>(1 + i));
    const y1 = t + h * 0.5 - spread, y2 = t + h * 0.5 + spread;
    const out = right + optEdgeGap * <f64>(1 + i);
    begin(k);
    pt(k, right, y1); pt(k, out, y1); pt(k, out, y2); pt(k, right, y2);
    const e = tEdge[k];
    if (eLW[e] > 0) {
      const lh = d == 0 || d == 2 ? eLH[e] : eLW[e];
      tLabelX[k] = out + optEdgeGap * 0.5; tLabelY[k] = t + (h - lh) * 0.5;
    }
  }
}
