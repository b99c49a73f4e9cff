/**
 * Edge tasks: every edge is cut into pieces, one per group it crosses, each routed in that
 * group's own frame and joined at group borders at the end (output.ts).
 *
 *  - TASK_LCG: in the lowest common group L, between the two children of L that hold the ends;
 *  - TASK_OUT: in each group strictly between the source and L, from the child holding the source
 *    to the group's border (the port the parent sees);
 *  - TASK_IN:  likewise on the target side, from the border to the child holding the target;
 *  - TASK_SELF: a self-loop, in the node's parent;
 *  - an edge whose one end contains the other gets no task (output.ts draws a short stub).
 *
 * Postconditions: edgeTask CSR lists each edge's tasks in drawing order (source → target);
 * groupTask CSR lists each group's tasks; tShare[k] is the first task of k's group and kind (OUT or
 * IN) whose edge has k's source and source port (k itself when none): one tensor crossing a
 * group's border, which p0 draws through one border port (a hyperedge's trunk).
 */
import { ld, st, sortByKey } from './util';
import { N, T, par, depth, isColumn, lowestCommonGroup } from './hierarchy';

export const TASK_LCG: i32 = 0;
export const TASK_OUT: i32 = 1;
export const TASK_IN: i32 = 2;
export const TASK_SELF: i32 = 3;

export let M: i32 = 0;
export let eS = new Int32Array(0);
export let eT = new Int32Array(0);
export let eSP = new Int32Array(0);
export let eTP = new Int32Array(0);
export let eLW = new Float64Array(0);
export let eLH = new Float64Array(0);

export let K: i32 = 0;            // task count
export let colLead = new Int32Array(0);
export let tGroup = new Int32Array(0);
export let tEdge = new Int32Array(0);
export let tKind = new Int32Array(0);
export let tA = new Int32Array(0); // child of the group holding the source side (or the only child)
export let tB = new Int32Array(0); // LCG only: child holding the target
export let edgeTaskStart = new Int32Array(0);
export let groupTaskStart = new Int32Array(0);
export let groupTaskList = new Int32Array(0);
/** Per task: where its piece's points are (output.ts), in the group's real local frame. */
export let tPtStart = new Int32Array(0);
export let tPtCount = new Int32Array(0);
/** Per task: label box top-left in the group's local frame (NaN when none). */
export let tLabelX = new Float64Array(0);
export let tLabelY = new Float64Array(0);
/** Per task (OUT/IN): the port on the group's border, real local frame, and its real side. */
export let tPortX = new Float64Array(0);
export let tPortY = new Float64Array(0);
/** Per task: the first task of its group and kind whose edge leaves the same source port (see above). */
export let tShare = new Int32Array(0);
let stamp = new Int32Array(0);
let stampRep = new Int32Array(0);

export function buildTasks(edges: Int32Array, edgeLabel: Float64Array): void {
  const m = edges.length >> 2;
  M = m;
  eS = new Int32Array(m); eT = new Int32Array(m); eSP = new Int32Array(m); eTP = new Int32Array(m);
  eLW = new Float64Array(m); eLH = new Float64Array(m);
  edgeTaskStart = new Int32Array(m + 1);
  // First pass: count tasks per edge.
  let total = 0;
  for (let e = 0; e < m; e++) {
    let s = ld(edges, 4 * e), t = ld(edges, 4 * e + 1);
    if (s < 0 || s >= N || t < 0 || t >= N) { s = -1; t = -1; }
    st(eS, e, s); st(eT, e, t);
    st(eSP, e, ld(edges, 4 * e + 2)); st(eTP, e, ld(edges, 4 * e + 3));
    const lw = 2 * e + 1 < edgeLabel.length ? ld(edgeLabel, 2 * e) : 0, lh = 2 * e + 1 < edgeLabel.length ? ld(edgeLabel, 2 * e + 1) : 0;
    st(eLW, e, isFinite(lw) && lw > 0 ? lw : 0); st(eLH, e, isFinite(lh) && lh > 0 ? lh : 0);
    let c = 0;
    if (s >= 0) {
      if (s == t) c = 1;
      else {
        const L = lowestCommonGroup(s, t);
        if (L >= 0) {
          c = 1;
          let x = ld(par, s); while (x != L) { c++; x = ld(par, x); }
          x = ld(par, t); while (x != L) { c++; x = ld(par, x); }
        } else c = abs(ld(depth, s) - ld(depth, t)); // one end contains the other: border pieces only
      }
    }
    st(edgeTaskStart, e + 1, ld(edgeTaskStart, e) + c);
    total += c;
  }
  K = total;
  tGroup = new Int32Array(K); tEdge = new Int32Array(K); tKind = new Int32Array(K); tA = new Int32Array(K); tB = new Int32Array(K);
  tPtStart = new Int32Array(K); tPtCount = new Int32Array(K);
  tLabelX = new Float64Array(K); tLabelY = new Float64Array(K); tPortX = new Float64Array(K); tPortY = new Float64Array(K);
  for (let e = 0; e < m; e++) {
    let k = ld(edgeTaskStart, e);
    const end = ld(edgeTaskStart, e + 1);
    if (k == end) continue;
    const s = ld(eS, e), t = ld(eT, e);
    if (s == t) { set(k, ld(par, s), e, TASK_SELF, s, s); continue; }
    const L = lowestCommonGroup(s, t);
    if (L < 0) {
      // s contains t: IN pieces from s's border down to t; t contains s: OUT pieces up to t's border
      if (ld(depth, s) < ld(depth, t)) {
        let q = end - 1, prev = t, x = ld(par, t);
        while (q >= k) { set(q--, x, e, TASK_IN, prev, prev); prev = x; x = ld(par, x); }
      } else {
        let prev = s, x = ld(par, s);
        while (k < end) { set(k++, x, e, TASK_OUT, prev, prev); prev = x; x = ld(par, x); }
      }
      continue;
    }
    let prev = s, x = ld(par, s);
    while (x != L) { set(k++, x, e, TASK_OUT, prev, prev); prev = x; x = ld(par, x); }
    const a = prev;
    // target side: written from the far end backwards so the order is L-first … deepest-last
    let q = end - 1;
    prev = t; x = ld(par, t);
    while (x != L) { set(q--, x, e, TASK_IN, prev, prev); prev = x; x = ld(par, x); }
    set(k, L, e, TASK_LCG, a, prev);
  }
  // Group CSR.
  groupTaskStart = new Int32Array(T + 1);
  for (let k = 0; k < K; k++) groupTaskStart[ld(tGroup, k) + 1]++;
  for (let g = 0; g < T; g++) groupTaskStart[g + 1] += ld(groupTaskStart, g);
  groupTaskList = new Int32Array(K);
  const fill = new Int32Array(T);
  for (let k = 0; k < K; k++) { const g = ld(tGroup, k); st(groupTaskList, ld(groupTaskStart, g) + ld(fill, g), k); fill[g]++; }
  // Sibling step columns reserve the same room above their content for incoming runs, so their
  // first rows line up: colLead[group] = the most IN pieces any of its columns has.
  colLead = new Int32Array(T);
  const ins = new Int32Array(T);
  for (let k = 0; k < K; k++) if (ld(tKind, k) == TASK_IN && ld(isColumn, ld(tGroup, k))) ins[tGroup[k]]++;
  for (let g = 0; g < T; g++) if (ld(isColumn, g)) { const p = ld(par, g); st(colLead, p, max(ld(colLead, p), ld(ins, g))); }
  shareBySource();
}

/** tShare (postcondition above): edges bucketed by source node (CSR), each bucket sorted by
 *  source port; per run of one (source, port) with two or more edges, the first task per
 *  (group, kind) seen is the representative. Linear in tasks (plus the sort of each bucket). */
function shareBySource(): void {
  tShare = new Int32Array(K);
  for (let k = 0; k < K; k++) st(tShare, k, k);
  const start = new Int32Array(N + 1);
  for (let e = 0; e < M; e++) if (ld(eS, e) >= 0) start[ld(eS, e) + 1]++;
  for (let v = 0; v < N; v++) start[v + 1] += ld(start, v);
  const list = new Int32Array(start[N]);
  const fill = new Int32Array(N);
  for (let e = 0; e < M; e++) { const s = ld(eS, e); if (s >= 0) { st(list, ld(start, s) + ld(fill, s), e); fill[s]++; } }
  const key = new Float64Array(M);
  for (let e = 0; e < M; e++) st(key, e, <f64>ld(eSP, e));
  stamp = new Int32Array(2 * T); stampRep = new Int32Array(2 * T);
  let mark = 0;
  for (let v = 0; v < N; v++) {
    const a = ld(start, v), b = ld(start, v + 1);
    if (b - a < 2) continue;
    sortByKey(list, a, b, key);
    let i = a;
    while (i < b) {
      let j = i + 1;
      while (j < b && ld(eSP, ld(list, j)) == ld(eSP, ld(list, i))) j++;
      if (j - i >= 2) {
        mark++;
        for (let q = i; q < j; q++) {
          const e = ld(list, q);
          for (let k = ld(edgeTaskStart, e); k < ld(edgeTaskStart, e + 1); k++) {
            const kind = ld(tKind, k);
            if (kind != TASK_OUT && kind != TASK_IN) continue;
            const slot = 2 * ld(tGroup, k) + (kind == TASK_IN ? 1 : 0);
            if (ld(stamp, slot) == mark) st(tShare, k, ld(stampRep, slot));
            else { st(stamp, slot, mark); st(stampRep, slot, k); }
          }
        }
      }
      i = j;
    }
  }
}

/** The group holding edge e's piece between its two ends' branches (TASK_LCG), -1 when one end
 *  contains the other. */
export function lcgGroupOf(e: i32): i32 {
  for (let k = ld(edgeTaskStart, e); k < ld(edgeTaskStart, e + 1); k++) if (ld(tKind, k) == TASK_LCG) return ld(tGroup, k);
  return -1;
}

function set(k: i32, g: i32, e: i32, kind: i32, a: i32, b: i32): void {
  st(tGroup, k, g); st(tEdge, k, e); st(tKind, k, kind); st(tA, k, a); st(tB, k, b);
  st(tLabelX, k, NaN); st(tLabelY, k, NaN);
}
