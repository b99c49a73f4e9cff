/**
 * Phase 5a — tracks: every horizontal run of an edge lies in a channel (the free band between two
 * ranks, or above the first / below the last); runs whose x ranges touch get different tracks,
 * unless they are one net: runs that leave one point on a node above (one tensor fanning out) or
 * else enter one point below (edges into one port) share a track, so a hyperedge is one horizontal
 * line with its branches (nets.ts; the runs carry the points' keys, NaN for none). A run in a
 * fan-out never also joins a fan-in: that would join two edges that share neither end.
 * Where one run's line goes up from x and another's goes down at the same x (a box above, another
 * below at one x), the first takes the higher track, or both lines would lie on one vertical
 * between the tracks (channel routing's vertical constraint; constraints). Where such constraints
 * form a cycle (two runs that swap places, three in a ring), one run takes a dogleg, as in dot's
 * and ELK's channel routers: it is split in two (csNext), the first above the second, with a short
 * vertical between them half an edge gap into the widest gap between the channel's line ends there
 * (costs two bends; lines that cross the channel without a run there are not seen).
 *
 * Preconditions: x coordinates and attach points final (phase 4).
 * Postconditions:
 *  1. csTrack[i] for every run i; two runs of one channel sharing any x have different tracks
 *     unless they share an end point (then the same track);
 *  2. chTracks[c] = number of tracks used in channel c;
 *  3. at one x of a channel, a run whose line goes up lies above one whose line goes down, except
 *     where runs that may not take a dogleg (addRun's dir bit 2: route.ts draws those of chains
 *     only) form a cycle, or a split run's cycle remains;
 *  4. csNext[i] >= 0: run i ends at csX2[i], where run csNext[i] goes on, on a lower track (a dogleg).
 * Order: runs heading right are stacked with the one starting furthest right on top, runs heading
 * left mirrored; for two runs that overlap this is the order with fewer crossings. A net counts as
 * one run from its shared point to its farthest other end. Each takes the lowest track above every
 * earlier overlapping one (a max segment tree over the channel's x coordinates: O(k log k) per
 * channel; nets: two stable sorts per key). A violated vertical constraint moves the upper run's
 * net just before the lower one in that order, scan by scan over the sorted run ends until none
 * does (at most 32 scans: a cycle never settles); then, after a dogleg, once more from the start.
 */
import { growI, growF, sortByKey, ld, st } from '../util';
import { optEdgeGap } from '../hierarchy';

export let nCS: i32 = 0;
export let csCh = new Int32Array(16);
export let csX1 = new Float64Array(16);   // where the edge arrives from above (or its start)
export let csX2 = new Float64Array(16);   // where it leaves downwards (or its end)
export let csA = new Float64Array(16);    // key of the point it arrives from (NaN: none)
export let csB = new Float64Array(16);    // key of the point it leaves to (NaN: none)
export let csTrack = new Int32Array(16);
export let csNext = new Int32Array(16);   // a dogleg's second run (its first: to csX2), -1 none, -3 none allowed
export let chTracks = new Int32Array(16);

// items: one per net (a run alone is its own net)
let nIt: i32 = 0;
let itCh = new Int32Array(16);
let itX1 = new Float64Array(16);
let itX2 = new Float64Array(16);
let itLo = new Float64Array(16);
let itHi = new Float64Array(16);
let itTrack = new Int32Array(16);
let netOf = new Int32Array(16);   // run → union-find parent
let runItem = new Int32Array(16); // run → its net's item
let pri = new Float64Array(16);

let idx = new Int32Array(16);
let key = new Float64Array(16);
let xs = new Float64Array(16);
let xsIdx = new Int32Array(16);
let treeMax = new Int32Array(16);
let uniqBuf = new Float64Array(16);
let treeTag = new Int32Array(16);
let ends = new Int32Array(16);     // run ends (2 run + 0 at x1, + 1 at x2), sorted by endKey
let endKey = new Float64Array(16); // per end: channel, x, a line going up before one going down

export function resetRuns(channels: i32): void {
  nCS = 0;
  chTracks = growI(chTracks, channels);
  for (let c = 0; c < channels; c++) st(chTracks, c, 0);
}

/** A run in channel ch from x1 to x2. Its line at x1 comes from above and the one at x2 goes on
 *  down, unless dir says otherwise (bit 0: the one at x1 goes down; bit 1: the one at x2 goes up):
 *  a detour round a box (both down, or both up), a same-rank edge (both up); bit 2: route.ts draws
 *  it with a dogleg where tracks.ts splits it (csNext). */
export function addRun(ch: i32, x1: f64, x2: f64, dir: i32 = 0): i32 {
  const i = nCS++;
  if (csCh.length < nCS) {
    csCh = growI(csCh, nCS); csX1 = growF(csX1, nCS); csX2 = growF(csX2, nCS); csTrack = growI(csTrack, nCS);
    csA = growF(csA, nCS); csB = growF(csB, nCS); csNext = growI(csNext, nCS);
  }
  endKey = growF(endKey, 2 * nCS);
  st(csCh, i, ch); st(csX1, i, x1); st(csX2, i, x2); st(csTrack, i, 0); st(csA, i, NaN); st(csB, i, NaN); st(csNext, i, dir & 4 ? -1 : -3);
  st(endKey, 2 * i, endAt(ch, x1, dir & 1)); st(endKey, 2 * i + 1, endAt(ch, x2, (~dir >> 1) & 1));
  return i;
}

/** Sort key of a run end: channel, x (1/64 px), a line going up before one going down (down = 1). */
function endAt(ch: i32, x: f64, down: i32): f64 {
  return (<f64>ch * 4294967296.0 + Math.round(x * 64.0) + 2147483648.0) * 2.0 + <f64>down;
}

/** Names run i's end points (nets.ts pointKey; NaN: a point no other run shares). */
export function keyRun(i: i32, a: f64, b: f64): void { st(csA, i, a); st(csB, i, b); }

function find(i: i32): i32 {
  let r = i;
  while (ld(netOf, r) != r) r = ld(netOf, r);
  while (ld(netOf, i) != r) { const n = ld(netOf, i); st(netOf, i, r); i = n; }
  return r;
}

/** Unions runs of one channel with equal keys (k: csA or csB); with `free`, only runs that are
 *  still alone (a run joins the fan-out of its start or else the fan-in of its end, never both:
 *  two nets joined through one run would put two unrelated edges on one track). */
function unite(k: Float64Array, free: bool): void {
  if (free) {
    for (let i = 0; i < nCS; i++) st(runItem, i, 0);
    for (let i = 0; i < nCS; i++) runItem[find(i)]++;
  }
  let c = 0;
  for (let i = 0; i < nCS; i++) if (!isNaN(ld(k, i)) && (!free || ld(runItem, find(i)) == 1)) { st(idx, c++, i); st(key, i, ld(k, i)); }
  if (c < 2) return;
  sortByKey(idx, 0, c, key);
  for (let i = 0; i < c; i++) { const r = ld(idx, i); st(key, r, <f64>ld(csCh, r)); }
  sortByKey(idx, 0, c, key);
  for (let i = 1; i < c; i++) {
    const a = ld(idx, i - 1), b = ld(idx, i);
    if (ld(csCh, a) == ld(csCh, b) && ld(k, a) == ld(k, b)) { const ra = find(a), rb = find(b); if (ra != rb) st(netOf, max(ra, rb), min(ra, rb)); }
  }
}

export function assignTracks(): void {
  if (nCS == 0) return;
  for (let pass = 0; ; pass++) {
    const k = nCS;
    sortEnds();
    idx = growI(idx, k); key = growF(key, k); netOf = growI(netOf, k); runItem = growI(runItem, k);
    itCh = growI(itCh, k); itX1 = growF(itX1, k); itX2 = growF(itX2, k); itLo = growF(itLo, k); itHi = growF(itHi, k); itTrack = growI(itTrack, k);
    pri = growF(pri, k);
    for (let i = 0; i < k; i++) st(netOf, i, i);
    unite(csA, false); unite(csB, true);
    // one item per net: the union of its runs' x ranges; for the stacking order, a run from its
    // shared point (the common start, else the common end) to the farthest other end
    nIt = 0;
    for (let i = 0; i < k; i++) {
      if (find(i) != i) continue;
      const t = nIt++;
      st(runItem, i, t);
      st(itCh, t, ld(csCh, i)); st(itX1, t, ld(csX1, i)); st(itX2, t, ld(csX2, i));
      st(itLo, t, Math.min(ld(csX1, i), ld(csX2, i))); st(itHi, t, Math.max(ld(csX1, i), ld(csX2, i)));
    }
    for (let i = 0; i < k; i++) {
      const r = find(i);
      if (r == i) continue;
      const t = ld(runItem, r);
      st(runItem, i, t);
      st(itLo, t, Math.min(ld(itLo, t), Math.min(ld(csX1, i), ld(csX2, i))));
      st(itHi, t, Math.max(ld(itHi, t), Math.max(ld(csX1, i), ld(csX2, i))));
      if (Math.abs(ld(csX1, i) - ld(itX1, t)) < 1e-9) { // a common start: the farthest end
        if (Math.abs(ld(csX2, i) - ld(itX1, t)) > Math.abs(ld(itX2, t) - ld(itX1, t))) st(itX2, t, ld(csX2, i));
      } else if (Math.abs(ld(csX2, i) - ld(itX2, t)) < 1e-9) { // a common end: the farthest start
        if (Math.abs(ld(csX1, i) - ld(itX2, t)) > Math.abs(ld(itX1, t) - ld(itX2, t))) st(itX1, t, ld(csX1, i));
      }
    }
    assignItems();
    if (pass > 0 || !constraints(true)) break;
    // doglegs (constraints): each first run now ends where its second starts, above it
    for (let i = 0; i < k; i++) {
      const j = ld(csNext, i);
      if (j < 0) continue;
      st(csB, j, ld(csB, i)); st(csB, i, NaN); st(csX2, i, ld(csX1, j)); st(endKey, 2 * i + 1, endAt(ld(csCh, i), ld(csX1, j), 0));
    }
  }
  for (let i = 0; i < nCS; i++) st(csTrack, i, ld(itTrack, ld(runItem, i)));
}

function sortEnds(): void {
  const n = 2 * nCS;
  ends = growI(ends, n);
  for (let i = 0; i < n; i++) st(ends, i, i);
  sortByKey(ends, 0, n, endKey);
}

/** The stacking order, then the segment-tree assignment channel by channel, over items. */
function assignItems(): void {
  const k = nIt;
  for (let i = 0; i < k; i++) {
    const x1 = ld(itX1, i), x2 = ld(itX2, i);
    // same start: the run that reaches further goes on top (its drop then crosses nothing)
    const p = x1 <= x2 ? 1073741824.0 - x1 - x2 * 1e-7 : 2147483648.0 + x1 + x2 * 1e-7;
    st(pri, i, <f64>ld(itCh, i) * 4294967296.0 + p);
  }
  // the vertical constraints: an item whose line at some x a later one's would overlap moves just
  // before it, scan by scan until none does (a chain of n such items: at most n scans, each linear
  // in the run ends; a cycle never settles: 32 scans, then assignTracks gives it a dogleg)
  order();
  let scan = 0;
  while (scan < 32 && constraints(false)) scan++;
  if (scan > 0) order();
  let a = 0;
  while (a < k) {
    const ch = ld(itCh, ld(idx, a));
    let b = a + 1;
    while (b < k && ld(itCh, ld(idx, b)) == ch) b++;
    assignChannel(idx, a, b, ch);
    a = b;
  }
}

/** idx: the items sorted by pri; pri: their channel, then their rank times 2. */
function order(): void {
  for (let i = 0; i < nIt; i++) st(idx, i, i);
  sortByKey(idx, 0, nIt, pri);
  for (let i = 0; i < nIt; i++) { const t = ld(idx, i); st(pri, t, <f64>ld(itCh, t) * 4294967296.0 + <f64>(2 * i)); }
}

/** Where the line of one item goes up from x and another's goes down at the same x (a run from a
 *  box above, one into a box below), the first must take the higher track, else both lines lie on
 *  one vertical between the two tracks (channel routing's vertical constraint). Each violated one
 *  moves its up item just before the down item in the order (pri): true when any moved.
 *  With split (after the assignment: what is still violated lies on a cycle): the up run, else the
 *  down one, if it may and neither has one yet, takes a dogleg: a second run (csNext) from half an
 *  edge gap into the widest gap between the channel's line ends from here to its other end (from
 *  the side met first, so that two runs split in one gap from either side keep apart), on to that
 *  end (assignTracks then ends the first run there). True when any did. */
function constraints(split: bool): bool {
  let moved = false;
  const n = 2 * nCS;
  for (let g = 0; g < n;) { // one channel and x: ends going up [g, d0), then going down [d0, h)
    const k = ld(endKey, ld(ends, g));
    let d0 = g + 1;
    while (d0 < n && ld(endKey, ld(ends, d0)) == k) d0++;
    let h = d0;
    if (Math.floor(k * 0.5) * 2.0 == k) while (h < n && ld(endKey, ld(ends, h)) == k + 1.0) h++;
    for (let u = g; u < d0; u++) {
      const a = ld(ends, u) >> 1, A = ld(runItem, a);
      for (let d = d0; d < h; d++) {
        const b = ld(ends, d) >> 1, B = ld(runItem, b);
        if (A == B || ld(pri, A) < ld(pri, B)) continue;
        if (!split) { st(pri, A, ld(pri, B) - 1.0); moved = true; continue; }
        // a cycle: a dogleg for the up run, else the down one, split in the widest gap between
        // the channel's line ends from here to its other end
        if (ld(csNext, a) >= 0 || ld(csNext, b) >= 0) continue;
        let p = ld(csNext, a) == -1 ? u : ld(csNext, b) == -1 ? d : -1;
        if (p < 0) continue;
        const e = ld(ends, p), i = e >> 1, o = Math.floor(ld(endKey, e ^ 1) * 0.5);
        let prev = Math.floor(ld(endKey, e) * 0.5), gap = 0.0, xm = (prev + o) * 0.5;
        while (prev != o) {
          p += o > prev ? 1 : -1;
          const q = Math.floor(ld(endKey, ld(ends, p)) * 0.5);
          if (Math.abs(q - prev) > gap) { gap = Math.abs(q - prev); xm = prev + (q > prev ? 0.5 : -0.5) * Math.min(gap, optEdgeGap * 64.0); }
          prev = q;
        }
        const ch = ld(csCh, i), j = addRun(ch, (xm - <f64>ch * 4294967296.0 - 2147483648.0) / 64.0, ld(csX2, i), 1); // down at xm
        st(csNext, i, j); // (after addRun, which may grow csNext)
        moved = true;
      }
    }
    g = h;
  }
  return moved;
}

function assignChannel(order: Int32Array, a: i32, b: i32, ch: i32): void {
  const cnt = b - a;
  if (cnt == 1) { st(itTrack, ld(order, a), 0); st(chTracks, ch, 1); return; }
  // compressed coordinates
  xs = growF(xs, 2 * cnt); xsIdx = growI(xsIdx, 2 * cnt);
  for (let i = 0; i < cnt; i++) { const r = ld(order, a + i); st(xs, 2 * i, ld(itLo, r)); st(xs, 2 * i + 1, ld(itHi, r)); }
  for (let i = 0; i < 2 * cnt; i++) st(xsIdx, i, i);
  sortByKey(xsIdx, 0, 2 * cnt, xs);
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
    const r = ld(order, a + i);
    const l = search(uniq, u, ld(itLo, r)), h = search(uniq, u, ld(itHi, r));
    const t = query(1, 0, size - 1, l, h) + 1;
    st(itTrack, r, t);
    if (t + 1 > most) most = t + 1;
    update(1, 0, size - 1, l, h, t);
  }
  st(chTracks, ch, most);
}

function search(uniq: Float64Array, u: i32, v: f64): i32 {
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
