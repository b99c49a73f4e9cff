/**
 * Finish: absolute coordinates and one Float64Array in the order types.ts documents.
 * Pieces of one edge are joined at the group borders; repeated points and the middle points of
 * straight runs are dropped, so each polyline has only its corners.
 */
import { N, T, ROOT, par, isGroup, W, H, X, Y, post, postCount, depth } from './hierarchy';
import { M, eS, eT, edgeTaskStart, tGroup, tPtStart, tPtCount, tLabelX, tLabelY } from './tasks';
import { pts } from './pieces';
import * as C from './debug/checks';
import { growF, ld, st } from './util';

export let ax = new Float64Array(16);
export let ay = new Float64Array(16);
let buf = new Float64Array(1024);

export function writeOutput(): Float64Array {
  ax = growF(ax, T); ay = growF(ay, T);
  // parents before children: reverse post-order over groups, children via par
  st(ax, ROOT, 0); st(ay, ROOT, 0);
  for (let i = postCount - 1; i >= 0; i--) {
    const g = ld(post, i);
    if (g != ROOT) { st(ax, g, ld(ax, ld(par, g)) + ld(X, g)); st(ay, g, ld(ay, ld(par, g)) + ld(Y, g)); }
  }
  for (let v = 0; v < T; v++) if (v != ROOT && !ld(isGroup, v)) { st(ax, v, ld(ax, ld(par, v)) + ld(X, v)); st(ay, v, ld(ay, ld(par, v)) + ld(Y, v)); }
  // joined polylines
  let total = 0;
  for (let e = 0; e < M; e++) {
    for (let k = ld(edgeTaskStart, e); k < ld(edgeTaskStart, e + 1); k++) total += ld(tPtCount, k);
    if (ld(edgeTaskStart, e) == ld(edgeTaskStart, e + 1)) total += 2;
  }
  const L = 2 + 4 * N + 2 * M, P = L + M + 1;
  const out = new Float64Array(P + 2 * total);
  st(out, 0, ld(W, ROOT)); st(out, 1, ld(H, ROOT));
  for (let v = 0; v < N; v++) {
    st(out, 2 + 4 * v, ld(ax, v)); st(out, 3 + 4 * v, ld(ay, v)); st(out, 4 + 4 * v, ld(W, v)); st(out, 5 + 4 * v, ld(H, v));
  }
  let p = 0;
  for (let e = 0; e < M; e++) {
    st(out, L + e, <f64>p);
    st(out, 2 + 4 * N + 2 * e, NaN); st(out, 3 + 4 * N + 2 * e, NaN);
    const k0 = ld(edgeTaskStart, e), k1 = ld(edgeTaskStart, e + 1);
    const start = p;
    if (k0 == k1) { p = stub(out, P, p, e); continue; }
    for (let k = k0; k < k1; k++) {
      const g = ld(tGroup, k);
      if (!isNaN(ld(tLabelX, k))) { st(out, 2 + 4 * N + 2 * e, ld(tLabelX, k) + ld(ax, g)); st(out, 3 + 4 * N + 2 * e, ld(tLabelY, k) + ld(ay, g)); }
      for (let i = ld(tPtStart, k); i < ld(tPtStart, k) + ld(tPtCount, k); i++) {
        const x = ld(pts, 2 * i) + ld(ax, g), y = ld(pts, 2 * i + 1) + ld(ay, g);
        // postcondition: consecutive pieces meet at the group border they share
        if (C.checking && k > k0 && i == ld(tPtStart, k) && p > start &&
          (Math.abs(ld(out, P + 2 * (p - 1)) - x) > 0.01 || Math.abs(ld(out, P + 2 * (p - 1) + 1) - y) > 0.01)) C.violations[7]++;
        p = push(out, P, start, p, x, y);
      }
    }
  }
  st(out, L + M, <f64>p);
  return out.subarray(0, P + 2 * p); // the bindings copy the view out; no second copy here
}

/** Appends a point unless it repeats the last one; drops the last one if it is between its neighbours
 *  on a straight line. A coordinate within 0.01 px of the last point's is snapped to it (route.ts
 *  treats such runs as straight too): pieces joined across groups (offsets summed in another order,
 *  sibling boxes placed ~1e-5 px apart) then stay exactly orthogonal without hair-thin steps, and a
 *  branch off a shared trunk meets it exactly (a T, never a hair-thin crossing). */
function push(out: Float64Array, P: i32, start: i32, p: i32, x: f64, y: f64): i32 {
  if (p > start) {
    const lx = ld(out, P + 2 * (p - 1)), ly = ld(out, P + 2 * (p - 1) + 1);
    if (Math.abs(lx - x) < 0.01) x = lx;
    if (Math.abs(ly - y) < 0.01) y = ly;
    if (x == lx && y == ly) return p;
    if (p - 1 > start) {
      const px = ld(out, P + 2 * (p - 2)), py = ld(out, P + 2 * (p - 2) + 1);
      if ((Math.abs(px - lx) < 1e-6 && Math.abs(lx - x) < 1e-6) || (Math.abs(py - ly) < 1e-6 && Math.abs(ly - y) < 1e-6)) p--;
    }
  }
  st(out, P + 2 * p, x); st(out, P + 2 * p + 1, y);
  return p + 1;
}

/** An edge between a group and a node inside it: a vertical stub from the inner node's top to the group's top. */
function stub(out: Float64Array, P: i32, p: i32, e: i32): i32 {
  const s = ld(eS, e), t = ld(eT, e);
  if (s < 0 || t < 0) return p;
  const inner = ld(depth, s) > ld(depth, t) ? s : t, outer = inner == s ? t : s;
  const cx = ld(ax, inner) + ld(W, inner) * 0.5;
  const y0 = inner == s ? ld(ay, inner) : ld(ay, outer), y1 = inner == s ? ld(ay, outer) : ld(ay, inner);
  st(out, P + 2 * p, cx); st(out, P + 2 * p + 1, y0);
  st(out, P + 2 * p + 2, cx); st(out, P + 2 * p + 3, y1);
  return p + 2;
}
