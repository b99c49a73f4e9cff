/**
 * Phase 2b, with long-edges.ts — shared dummies: long edges of one net (nets.ts) run through the
 * same dummies while they run together, so a hyperedge is one line until it branches.
 *  - a source trunk: edges leaving one point share their dummies from the source down to the rank
 *    where all but one have ended (each target branches off the trunk, the last runs on alone);
 *  - a target bus: edges entering one point share theirs from the rank where the second one has
 *    started (each source joins the bus on its way).
 * A dummy is shared one way only, so a trunk and a bus never meet in one dummy (that would join two
 * edges that share neither end). A shared dummy carries at most one label: a labelled edge whose
 * first dummy already carries another keeps a dummy of its own there.
 *
 * Preconditions: ranks assigned, bypass edges marked (long-edges.ts).
 * Postconditions: srcLimit[e] (last rank of e's source-shared dummies; rank(U) for none),
 *   tgtFrom[e] (first rank of its target-shared ones; rank(V) for none), slot(e, r) the table cell
 *   of e's shared dummy at rank r (-1: a dummy of its own).
 * Cost: two stable sorts of the long edges per end; the table holds one cell per shared rank.
 */
import * as G from '../lgraph';
import { endNet } from '../nets';
import { growI, growF, sortByKey, ld, st } from '../util';

export let srcLimit = new Int32Array(16);
export let tgtFrom = new Int32Array(16);
export let table = new Int32Array(16);
let srcGroup = new Int32Array(16);
let tgtGroup = new Int32Array(16);
let grpBase = new Int32Array(16);
let grpR0 = new Int32Array(16);
let idx = new Int32Array(16);
let key = new Float64Array(16);
let nGroups = 0;
let tableLen = 0;

@inline function rankU(e: i32): i32 { return ld(G.nRank, ld(G.eU, e)); }
@inline function rankV(e: i32): i32 { return ld(G.nRank, ld(G.eV, e)); }

/** The point an end is: its net, or a child group's fixed port (its side and offset). */
function pointOf(e: i32, atU: bool): f64 {
  if (!(atU ? ld(G.eFixU, e) : ld(G.eFixV, e))) return endNet(e, atU);
  const off = atU ? ld(G.eOffU, e) : ld(G.eOffV, e), top = atU ? ld(G.eTopU, e) : ld(G.eTopV, e);
  return (top ? 7e7 : 3e7) + off;
}

export function planSharing(): void {
  const m = G.nEdges;
  srcLimit = growI(srcLimit, m); tgtFrom = growI(tgtFrom, m); srcGroup = growI(srcGroup, m); tgtGroup = growI(tgtGroup, m);
  idx = growI(idx, m); key = growF(key, m);
  let k = 0;
  for (let e = 0; e < m; e++) {
    st(srcGroup, e, -1); st(tgtGroup, e, -1);
    if (ld(G.eTask, e) < 0) continue;
    st(srcLimit, e, rankU(e)); st(tgtFrom, e, rankV(e));
    if (!ld(G.eBypass, e) && rankV(e) - rankU(e) >= 2) st(idx, k++, e);
  }
  nGroups = 0; tableLen = 0;
  if (k < 2) return;
  for (let end = 0; end < 2; end++) {
    const atU = end == 0;
    // group by (node, point): stable sorts by point, then by node
    for (let i = 0; i < k; i++) { const e = ld(idx, i); st(key, e, pointOf(e, atU)); }
    sortByKey(idx, 0, k, key);
    for (let i = 0; i < k; i++) { const e = ld(idx, i); st(key, e, <f64>(atU ? ld(G.eU, e) : ld(G.eV, e))); }
    sortByKey(idx, 0, k, key);
    let i = 0;
    while (i < k) {
      const a = ld(idx, i);
      let j = i + 1;
      while (j < k && ld(key, ld(idx, j)) == ld(key, a) && pointOf(ld(idx, j), atU) == pointOf(a, atU)) j++;
      if (j - i >= 2) atU ? sourceGroup(i, j) : targetGroup(i, j);
      i = j;
    }
  }
  table = growI(table, tableLen);
  for (let i = 0; i < tableLen; i++) st(table, i, -1);
}

/** idx[i..j): edges from one point. They share the ranks below it that two of them still cross. */
function sourceGroup(i: i32, j: i32): void {
  let max1 = -1, max2 = -1;
  for (let q = i; q < j; q++) {
    const r = rankV(ld(idx, q));
    if (r > max1) { max2 = max1; max1 = r; } else if (r > max2) max2 = r;
  }
  const r0 = rankU(ld(idx, i)) + 1;
  if (max2 - 1 < r0) return;
  const g = newGroup(r0, max2 - r0);
  for (let q = i; q < j; q++) {
    const e = ld(idx, q);
    st(srcGroup, e, g); st(srcLimit, e, min(rankV(e), max2) - 1);
  }
}

/** idx[i..j): edges into one point. They share the ranks above it that two of them already cross. */
function targetGroup(i: i32, j: i32): void {
  let min1 = i32.MAX_VALUE, min2 = i32.MAX_VALUE;
  for (let q = i; q < j; q++) {
    const r = rankU(ld(idx, q));
    if (r < min1) { min2 = min1; min1 = r; } else if (r < min2) min2 = r;
  }
  const r0 = min2 + 1, rv = rankV(ld(idx, i));
  if (r0 > rv - 1) return;
  const g = newGroup(r0, rv - r0);
  for (let q = i; q < j; q++) {
    const e = ld(idx, q);
    st(tgtGroup, e, g); st(tgtFrom, e, max(r0, rankU(e) + 1));
  }
}

function newGroup(r0: i32, len: i32): i32 {
  const g = nGroups++;
  grpBase = growI(grpBase, nGroups); grpR0 = growI(grpR0, nGroups);
  st(grpBase, g, tableLen); st(grpR0, g, r0);
  tableLen += len;
  return g;
}

/** Table cell of edge e's shared dummy at rank r, -1 when e has a dummy of its own there. */
export function slot(e: i32, r: i32): i32 {
  if (r <= ld(srcLimit, e)) { const g = ld(srcGroup, e); return ld(grpBase, g) + r - ld(grpR0, g); }
  const g = ld(tgtGroup, e);
  if (g >= 0 && r >= ld(tgtFrom, e) && r > ld(srcLimit, e)) return ld(grpBase, g) + r - ld(grpR0, g);
  return -1;
}

/** A labelled edge whose first dummy would be a shared one that already carries a label gives up
 *  sharing there: source sharing altogether (a trunk is shared from its start), or the first rank
 *  of the target bus. */
export function keepOwnLabel(e: i32): void {
  const r = rankU(e) + 1;
  for (let tries = 0; tries < 2; tries++) {
    const c = slot(e, r);
    if (c < 0 || ld(table, c) < 0 || ld(G.nLabel, ld(table, c)) < 0) return;
    if (r <= ld(srcLimit, e)) st(srcLimit, e, rankU(e)); else st(tgtFrom, e, r + 1);
  }
}
