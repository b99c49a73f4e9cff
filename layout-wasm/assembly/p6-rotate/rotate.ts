/**
 * Phase 6 — rotate: the pair of the canonical frame. Turns the group's canonical result into its
 * real direction and its own box: header band at the real top, padding around the content.
 *
 * Preconditions: the group's pieces, label boxes and ranks are final in the canonical frame.
 * Postconditions:
 *  1. W[g], H[g] set: content + 2·pad (+ header) and at least minW[g] wide (content centred),
 *     wider where a port through the top would fall on the header's button (its right end);
 *  2. every child's X, Y relative to g's top-left; pieces and labels in g's real local frame;
 *  3. border pieces end exactly on g's border, and tPortX/Y record that point for the parent.
 * down: identity; up: mirror y; right: transpose; left: transpose then mirror x.
 */
import * as G from '../lgraph';
import { W, H, X, Y, minW, headerH, flowDir, isColumn, ROOT, optPad, optEdgeGap } from '../hierarchy';
import { tPtStart, tPtCount, tLabelX, tLabelY, tPortX, tPortY, tKind, tEdge, eLW, eLH, groupTaskStart, groupTaskList, TASK_OUT, TASK_IN } from '../tasks';
import { pts, portSide } from '../pieces';
import { contentW, contentH } from '../p5-route/route';
import { canonW, canonH } from '../p0-prepare/build-graph';
import { dirVX, dirVY, ld, st } from '../util';

let d: i32 = 0;
let ox: f64 = 0;
let oy: f64 = 0;

function rx(x: f64, y: f64): f64 { return (d == 0 || d == 2 ? x : d == 1 ? y : contentH - y) + ox; }
function ry(x: f64, y: f64): f64 { return (d == 0 ? y : d == 2 ? contentH - y : x) + oy; }

/** Real y direction of canonical side s (0 bottom, 1 right, 2 top, 3 left) in a group flowing d. */
function realVY(s: i32): i32 {
  const cvx = s == 1 ? 1 : s == 3 ? -1 : 0, cvy = s == 0 ? 1 : s == 2 ? -1 : 0;
  return d == 0 ? cvy : d == 2 ? -cvy : cvx;
}

export function rotateGroup(g: i32): void {
  d = ld(flowDir, g);
  const plain = g == ROOT || ld(isColumn, g) != 0;
  const pad = plain ? 0.0 : optPad, header = plain ? 0.0 : ld(headerH, g);
  const rcw = d == 0 || d == 2 ? contentW : contentH, rch = d == 0 || d == 2 ? contentH : contentW;
  let w = Math.max(rcw + 2 * pad, ld(minW, g));
  // the header's right end holds the element's open/close button (about a header-height square):
  // a port through the top stays left of it, the group widening (content centred) when needed
  if (header > 0) {
    ox = 0; oy = 0;
    let xmax = -Infinity;
    for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
      const k = ld(groupTaskList, q), kind = ld(tKind, k), cnt = ld(tPtCount, k);
      if ((kind != TASK_OUT && kind != TASK_IN) || cnt == 0) continue;
      const i = kind == TASK_OUT ? ld(tPtStart, k) + cnt - 1 : ld(tPtStart, k);
      if (realVY(ld(portSide, k)) < 0) xmax = Math.max(xmax, rx(ld(pts, 2 * i), ld(pts, 2 * i + 1)));
    }
    if (xmax > -Infinity) w = Math.max(w, 2 * xmax - rcw + 2 * (header + optEdgeGap));
  }
  const h = rch + 2 * pad + header;
  st(W, g, w); st(H, g, h);
  ox = (w - rcw) * 0.5; oy = pad + header;
  for (let v = 0; v < G.nChildren; v++) {
    const c = ld(G.nRef, v);
    const cw = canonW(d, c), ch = canonH(d, c);
    const bx = ld(G.nX, v) - cw * 0.5, by = ld(G.rankTop, ld(G.nRank, v)) + (ld(G.rankHeight, ld(G.nRank, v)) - ch) * 0.5;
    st(X, c, Math.min(rx(bx, by), rx(bx + cw, by + ch)));
    st(Y, c, Math.min(ry(bx, by), ry(bx + cw, by + ch)));
  }
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
    const k = ld(groupTaskList, q);
    const a = ld(tPtStart, k), cnt = ld(tPtCount, k);
    for (let i = a; i < a + cnt; i++) {
      const x = ld(pts, 2 * i), y = ld(pts, 2 * i + 1);
      st(pts, 2 * i, rx(x, y)); st(pts, 2 * i + 1, ry(x, y));
    }
    if (!isNaN(ld(tLabelX, k))) {
      const e = ld(tEdge, k);
      const lw = d == 0 || d == 2 ? ld(eLW, e) : ld(eLH, e), lh = d == 0 || d == 2 ? ld(eLH, e) : ld(eLW, e);
      const x = ld(tLabelX, k), y = ld(tLabelY, k);
      st(tLabelX, k, Math.min(rx(x, y), rx(x + lw, y + lh)));
      st(tLabelY, k, Math.min(ry(x, y), ry(x + lw, y + lh)));
    }
    const kind = ld(tKind, k);
    if ((kind == TASK_OUT || kind == TASK_IN) && cnt > 0) {
      const i = kind == TASK_OUT ? a + cnt - 1 : a;
      // canonical side vector → real
      const s = ld(portSide, k);
      const cvx = s == 1 ? 1 : s == 3 ? -1 : 0, cvy = s == 0 ? 1 : s == 2 ? -1 : 0;
      const vx = d == 0 ? cvx : d == 2 ? cvx : d == 1 ? cvy : -cvy;
      const vy = realVY(s);
      if (vx > 0) st(pts, 2 * i, w); else if (vx < 0) st(pts, 2 * i, 0);
      if (vy > 0) st(pts, 2 * i + 1, h); else if (vy < 0) st(pts, 2 * i + 1, 0);
      st(tPortX, k, ld(pts, 2 * i)); st(tPortY, k, ld(pts, 2 * i + 1));
    }
  }
}
