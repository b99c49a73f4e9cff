/**
 * Phase 5a — tracks: every horizontal run of an edge lies in a channel (the free band between two
 * ranks, or above the first / below the last); runs whose x ranges touch get different tracks.
 *
 * Preconditions: x coordinates and attach points final (phase 4).
 * Postconditions:
 *  1. csTrack[i] for every run i; two runs of one channel sharing any x have different tracks;
 *  2. chTracks[c] = number of tracks used in channel c.
 * Order: runs heading right are stacked with the one starting furthest right on top, runs heading
 * left mirrored; for two runs that overlap this is the order with fewer crossings. Each run takes
 * the lowest track above every earlier overlapping run (a max segment tree over the channel's
 * x coordinates: O(k log k) per channel).
 */
import { growI, growF, sortByKey, ld, st } from '../util';

export let nCS: i32 = 0;
export let csCh = new Int32Array(16);
export let csX1 = new Float64Array(16);   // where the edge arrives from above (or its start)
export let csX2 = new Float64Array(16);   // where it leaves downwards (or its end)
export let csTrack = new Int32Array(16);
export let chTracks = new Int32Array(16);

let idx = new Int32Array(16);
let key = new Float64Array(16);
let xs = new Float64Array(16);
let xsIdx = new Int32Array(16);
let treeMax = new Int32Array(16);
let uniqBuf = new Float64Array(16);
let treeTag = new Int32Array(16);

export function resetRuns(channels: i32): void {
  nCS = 0;
  chTracks = growI(chTracks, channels);
  for (let c = 0; c < channels; c++) st(chTracks, c, 0);
}

export function addRun(ch: i32, x1: f64, x2: f64): i32 {
  const i = nCS++;
  if (csCh.length < nCS) { csCh = growI(csCh, nCS); csX1 = growF(csX1, nCS); csX2 = growF(csX2, nCS); csTrack = growI(csTrack, nCS); }
  st(csCh, i, ch); st(csX1, i, x1); st(csX2, i, x2); st(csTrack, i, 0);
  return i;
}

export function assignTracks(): void {
  const k = nCS;
  if (k == 0) return;
  idx = growI(idx, k); key = growF(key, k);
  for (let i = 0; i < k; i++) {
    st(idx, i, i);
    const x1 = ld(csX1, i), x2 = ld(csX2, i);
    // same start: the run that reaches further goes on top (its drop then crosses nothing)
    const pri = x1 <= x2 ? 1073741824.0 - x1 - x2 * 1e-7 : 2147483648.0 + x1 + x2 * 1e-7;
    st(key, i, <f64>ld(csCh, i) * 4294967296.0 + pri);
  }
  sortByKey(idx, 0, k, key);
  let a = 0;
  while (a < k) {
    const ch = ld(csCh, ld(idx, a));
    let b = a + 1;
    while (b < k && ld(csCh, ld(idx, b)) == ch) b++;
    assignChannel(a, b, ch);
    a = b;
  }
}

function assignChannel(a: i32, b: i32, ch: i32): void {
  const cnt = b - a;
  if (cnt == 1) { st(csTrack, ld(idx, a), 0); st(chTracks, ch, 1); return; }
  // compressed coordinates
  xs = growF(xs, 2 * cnt); xsIdx = growI(xsIdx, 2 * cnt);
  for (let i = 0; i < cnt; i++) { const r = ld(idx, a + i); st(xs, 2 * i, ld(csX1, r)); st(xs, 2 * i + 1, ld(csX2, r)); }
  for (let i = 0; i < 2 * cnt; i++) st(xsIdx, i, i);
  sortByKey(xsIdx, 0, 2 * cnt, xs);
  // unique sorted values into key-free buffer: reuse treeTag region later; store in uniq
  let u = 0;
  uniqBuf = growF(uniqBuf, 2 * cnt);
  const uniq = uniqBuf;
  for (let i = 0; i < 2 * cnt; i++) {
    const v = ld(xs, ld(xsIdx, i));
    if (u == 0 || v - ld(uniq, u - 1) > 0.01) st(uniq, u++, v);
  }
  let size = 1;
  while (size < u) size <<= 1;
  treeMax = growI(treeMax, 2 * size); treeTag = growI(treeTag, 2 * size);
  for (let i = 0; i < 2 * size; i++) { st(treeMax, i, -1); st(treeTag, i, -1); }
  let most = 0;
  for (let i = 0; i < cnt; i++) {
    const r = ld(idx, a + i);
    const lo = Math.min(ld(csX1, r), ld(csX2, r)), hi = Math.max(ld(csX1, r), ld(csX2, r));
    const l = find(uniq, u, lo), h = find(uniq, u, hi);
    const t = query(1, 0, size - 1, l, h) + 1;
    st(csTrack, r, t);
    if (t + 1 > most) most = t + 1;
    update(1, 0, size - 1, l, h, t);
  }
  st(chTracks, ch, most);
}

function find(uniq: Float64Array, u: i32, v: f64): i32 {
  let lo = 0, hi = u - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ld(uniq, mid) < v - 0.01) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function query(node: i32, nl: i32, nr: i32, l: i32, r: i32): i32 {
  if (r < nl || nr < l) return -1;
  if (l <= nl && nr <= r) return ld(treeMax, node);
  const mid = (nl + nr) >> 1;
  const best = max(query(2 * node, nl, mid, l, r), query(2 * node + 1, mid + 1, nr, l, r));
  return max(best, ld(treeTag, node));
}

function update(node: i32, nl: i32, nr: i32, l: i32, r: i32, v: i32): void {
  if (r < nl || nr < l) return;
  if (l <= nl && nr <= r) { st(treeMax, node, max(ld(treeMax, node), v)); st(treeTag, node, max(ld(treeTag, node), v)); return; }
  const mid = (nl + nr) >> 1;
  update(2 * node, nl, mid, l, r, v);
  update(2 * node + 1, mid + 1, nr, l, r, v);
  st(treeMax, node, max(ld(treeMax, node), max(ld(treeMax, 2 * node), ld(treeMax, 2 * node + 1))));
}
