/**
 * Incremental layout: per-group results kept between calls, keyed by everything the group's
 * layout reads (its structural key). Expanding or collapsing one group changes the keys of that
 * group and its ancestors only (their children's sizes and ports change); every other group is
 * restored from the cache instead of running phases 0–6 again.
 *
 * Key of group g (a Float64Array, compared bit for bit; a 64-bit hash finds the entry):
 *   options; g's own flow, its parent's and (inside a step column) its grandparent's flow; root,
 *   column, header height, minimum width, the column lead; per child in order: size, group and
 *   column flags, align set (as the index of its first member); per edge task in order: kind, the
 *   local indexes of its ends, argument ports, label size, which ends continue inside a child, the
 *   neighbouring tasks' kinds and border ports (the child groups' layouts, already final), the
 *   direction it crosses g's border in (p0 crossDir: reads where the edge's pieces meet) and the
 *   task whose border port it shares (tasks.ts tShare, as a local index).
 * Value: g's size, its children's positions, and per task its piece, label and port.
 * Postcondition: a restored group is bit-identical to a fresh layout of it (test/layout/
 * incremental.test.mjs checks whole layouts byte for byte). Entries not used by the latest
 * layout are dropped after it, so the cache holds one layout's groups at most.
 */
import { ld, st, growI } from './util';
import { Key } from './key';
import { ROOT, W, H, X, Y, par, flowDir, isGroup, isColumn, alignId, headerH, minW, childStart, childList,
  optNodeGap, optRankGap, optPad, optEdgeGap } from './hierarchy';
import { K, tKind, tA, tB, tEdge, eS, eT, eSP, eTP, eLW, eLH, edgeTaskStart, groupTaskStart, groupTaskList,
  colLead, tPtStart, tPtCount, tLabelX, tLabelY, tPortX, tPortY, tShare, lcgGroupOf, TASK_OUT, TASK_IN } from './tasks';
import { crossDir } from './p0-prepare/build-graph';
import { pts, portSide, begin, pt } from './pieces';

class Entry {
  constructor(public key: Float64Array, public value: Float64Array, public gen: i32) {}
}

export let enabled = true;
export function setEnabled(on: bool): void { enabled = on; if (!on) table.clear(); }
/** Groups restored / laid out in the latest layout (debug). */
export let hits: i32 = 0;
export let misses: i32 = 0;

const table = new Map<u64, Entry>();
let gen: i32 = 0;
const key = new Key();
let keyHash: u64 = 0;
let local = new Int32Array(16);
let localTask = new Int32Array(16);

@inline function push(v: f64): void { key.push(v); }

function buildKey(g: i32): void {
  key.start();
  push(optNodeGap); push(optRankGap); push(optPad); push(optEdgeGap);
  const root = g == ROOT;
  const col = !root && ld(isColumn, ld(par, g)) != 0;
  push(root ? 1 : 0); push(<f64>ld(flowDir, g)); push(root ? -1 : <f64>ld(flowDir, ld(par, g)));
  push(col ? <f64>ld(flowDir, ld(par, ld(par, g))) : -1);
  push(<f64>ld(isColumn, g)); push(ld(headerH, g)); push(ld(minW, g));
  push(ld(isColumn, g) ? <f64>ld(colLead, ld(par, g)) : -1);
  const c0 = ld(childStart, g), c1 = ld(childStart, g + 1);
  if (local.length < W.length) local = new Int32Array(W.length);
  push(<f64>(c1 - c0));
  for (let i = c0; i < c1; i++) {
    const c = ld(childList, i);
    st(local, c, i - c0);
    push(ld(W, c)); push(ld(H, c)); push(<f64>ld(isGroup, c)); push(<f64>ld(isColumn, c));
    let a = -1;
    if (ld(alignId, c) >= 0) for (let j = c0; j <= i; j++) if (ld(alignId, ld(childList, j)) == ld(alignId, c)) { a = j - c0; break; }
    push(<f64>a);
  }
  const t0 = ld(groupTaskStart, g), t1 = ld(groupTaskStart, g + 1);
  push(<f64>(t1 - t0));
  if (localTask.length < K) localTask = new Int32Array(K);
  for (let q = t0; q < t1; q++) st(localTask, ld(groupTaskList, q), q - t0);
  for (let q = t0; q < t1; q++) {
    const k = ld(groupTaskList, q), e = ld(tEdge, k);
    const kind = ld(tKind, k);
    if (kind == TASK_OUT || kind == TASK_IN) { push(<f64>crossDir(g, lcgGroupOf(e), e)); push(<f64>ld(localTask, ld(tShare, k))); }
    push(<f64>ld(tKind, k)); push(<f64>ld(local, ld(tA, k))); push(<f64>ld(local, ld(tB, k)));
    push(<f64>ld(eSP, e)); push(<f64>ld(eTP, e)); push(ld(eLW, e)); push(ld(eLH, e));
    push(ld(tA, k) != ld(eS, e) ? 1 : 0); push(ld(tA, k) != ld(eT, e) ? 1 : 0); push(ld(tB, k) != ld(eT, e) ? 1 : 0);
    for (let d = -1; d <= 1; d += 2) {
      const nk = k + d;
      if (nk < ld(edgeTaskStart, e) || nk >= ld(edgeTaskStart, e + 1)) { push(-1); continue; }
      push(<f64>ld(tKind, nk)); push(ld(tPortX, nk)); push(ld(tPortY, nk));
    }
  }
  keyHash = key.hash();
}

/** Restores g from the cache when its key is there; false: lay it out (then call store). */
export function restore(g: i32): bool {
  buildKey(g);
  if (!table.has(keyHash)) { misses++; return false; }
  const ent = table.get(keyHash);
  if (!key.equals(ent.key)) { misses++; return false; }
  ent.gen = gen;
  hits++;
  const v = ent.value;
  let o = 0;
  st(W, g, ld(v, o++)); st(H, g, ld(v, o++));
  for (let i = ld(childStart, g); i < ld(childStart, g + 1); i++) { const c = ld(childList, i); st(X, c, ld(v, o++)); st(Y, c, ld(v, o++)); }
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
    const k = ld(groupTaskList, q);
    st(tLabelX, k, ld(v, o++)); st(tLabelY, k, ld(v, o++)); st(tPortX, k, ld(v, o++)); st(tPortY, k, ld(v, o++));
    st(portSide, k, <i32>ld(v, o++));
    const n = <i32>ld(v, o++);
    begin(k);
    for (let i = 0; i < n; i++) { pt(k, ld(v, o), ld(v, o + 1)); o += 2; }
  }
  return true;
}

/** Keeps g's fresh layout under the key restore() just built for it. */
export function store(g: i32): void {
  let n = 2 + 2 * (ld(childStart, g + 1) - ld(childStart, g));
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) n += 6 + 2 * ld(tPtCount, ld(groupTaskList, q));
  const v = new Float64Array(n);
  let o = 0;
  st(v, o++, ld(W, g)); st(v, o++, ld(H, g));
  for (let i = ld(childStart, g); i < ld(childStart, g + 1); i++) { const c = ld(childList, i); st(v, o++, ld(X, c)); st(v, o++, ld(Y, c)); }
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
    const k = ld(groupTaskList, q);
    st(v, o++, ld(tLabelX, k)); st(v, o++, ld(tLabelY, k)); st(v, o++, ld(tPortX, k)); st(v, o++, ld(tPortY, k));
    st(v, o++, <f64>ld(portSide, k));
    const a = ld(tPtStart, k), c = ld(tPtCount, k);
    st(v, o++, <f64>c);
    for (let i = a; i < a + c; i++) { st(v, o++, ld(pts, 2 * i)); st(v, o++, ld(pts, 2 * i + 1)); }
  }
  table.set(keyHash, new Entry(key.copy(), v, gen));
}

/** After a layout: drop the entries it did not use (they belong to groups no longer visible as they were). */
export function endLayout(): void {
  const keys = table.keys();
  for (let i = 0; i < keys.length; i++) if (table.get(keys[i]).gen != gen) table.delete(keys[i]);
  gen++;
}

export function beginLayout(): void { hits = 0; misses = 0; }
export { growI };
