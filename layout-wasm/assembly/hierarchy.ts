/**
 * The nesting, read once per layout from the flat input.
 *
 * Internal node ids: [0, N) the flat nodes; then one virtual *column* per distinct step inside a
 * group with stepped children (direction = the group's, no header, no padding); ROOT = T - 1.
 * A group with step columns lays out in the perpendicular direction (columns across its flow).
 *
 * Postconditions: par, isGroup, flowDir, depth set for all T ids; children CSR; `post` lists the
 * groups children-first (each group is laid out after all groups inside it).
 */
import { growI, ld, st } from './util';

export let N: i32 = 0;
export let T: i32 = 0;
export let ROOT: i32 = 0;
export let par = new Int32Array(0);
export let isGroup = new Uint8Array(0);
export let isColumn = new Uint8Array(0);
/** Direction the group's own children are laid out in (DirCode). */
export let flowDir = new Int32Array(0);
export let depth = new Int32Array(0);
export let alignId = new Int32Array(0);
/** Real size (leaves: input; groups: computed) and position relative to the parent's top-left. */
export let W = new Float64Array(0);
export let H = new Float64Array(0);
export let X = new Float64Array(0);
export let Y = new Float64Array(0);
export let headerH = new Float64Array(0);
export let minW = new Float64Array(0);
export let childStart = new Int32Array(0);
export let childList = new Int32Array(0);
export let post = new Int32Array(0);
export let postCount: i32 = 0;

export let optNodeGap: f64 = 24;
export let optRankGap: f64 = 36;
export let optPad: f64 = 14;
export let optEdgeGap: f64 = 6;

export function buildHierarchy(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  rootDirection: i32, options: Float64Array): void {
  const n = parent.length;
  N = n;
  if (options.length > 0 && ld(options, 0) >= 0) optNodeGap = ld(options, 0); else optNodeGap = 24;
  if (options.length > 1 && ld(options, 1) >= 0) optRankGap = ld(options, 1); else optRankGap = 36;
  if (options.length > 2 && ld(options, 2) >= 0) optPad = ld(options, 2); else optPad = 14;
  if (options.length > 3 && ld(options, 3) > 0) optEdgeGap = ld(options, 3); else optEdgeGap = 6;

  // Sanitised parents: must be an earlier expanded group, else top level.
  const p0 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = ld(parent, i);
    st(p0, i, p >= 0 && p < i && (ld(flags, p) & 1) != 0 ? p : -1);
  }
  // Step columns: per group with stepped children, one column per distinct step (ascending).
  const hasSteps = new Uint8Array(n + 1);
  let stepped = 0;
  for (let i = 0; i < n; i++) if (ld(step, i) >= 0) { st(hasSteps, ld(p0, i) < 0 ? n : ld(p0, i), 1); stepped++; }
  // column key: (group, step) → sort stepped nodes by group then step.
  const sIdx = new Int32Array(stepped);
  const sKey = new Float64Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) if (ld(step, i) >= 0) {
    st(sIdx, c++, i);
    const g = ld(p0, i) < 0 ? n : ld(p0, i);
    st(sKey, i, <f64>g * 4294967296.0 + <f64>ld(step, i));
  }
  sortIdx(sIdx, sKey);
  const colOf = new Int32Array(n);
  let cols = 0;
  let lastKey: f64 = -1;
  for (let k = 0; k < stepped; k++) {
    const i = ld(sIdx, k);
    if (ld(sKey, i) != lastKey) { cols++; lastKey = ld(sKey, i); }
    st(colOf, i, n + cols - 1);
  }
  T = n + cols + 1;
  ROOT = T - 1;
  par = new Int32Array(T);
  isGroup = new Uint8Array(T);
  isColumn = new Uint8Array(T);
  flowDir = new Int32Array(T);
  depth = new Int32Array(T);
  alignId = new Int32Array(T);
  W = new Float64Array(T); H = new Float64Array(T); X = new Float64Array(T); Y = new Float64Array(T);
  headerH = new Float64Array(T); minW = new Float64Array(T);
  const rootDir = rootDirection & 3;
  for (let i = 0; i < n; i++) {
    const g = (ld(flags, i) & 1) != 0;
    st(isGroup, i, g ? 1 : 0);
    st(flowDir, i, (ld(flags, i) >> 1) & 3);
    const w = ld(size, 2 * i), h = ld(size, 2 * i + 1);
    const ww = isFinite(w) && w > 0 ? w : 0, hh = isFinite(h) && h > 0 ? h : 0;
    if (g) { st(minW, i, ww); st(headerH, i, hh); } else { st(W, i, ww); st(H, i, hh); }
    st(alignId, i, i < align.length ? ld(align, i) : -1);
    st(par, i, ld(step, i) >= 0 ? ld(colOf, i) : (ld(p0, i) < 0 ? ROOT : ld(p0, i)));
  }
  st(flowDir, ROOT, rootDir);
  st(isGroup, ROOT, 1);
  st(par, ROOT, -1);
  st(alignId, ROOT, -1);
  for (let k = 0; k < stepped; k++) {
    const i = ld(sIdx, k);
    const col = ld(colOf, i);
    const g = ld(p0, i) < 0 ? ROOT : ld(p0, i);
    st(par, col, g); st(isGroup, col, 1); st(isColumn, col, 1); st(flowDir, col, ld(flowDir, g)); st(alignId, col, -1);
  }
  // Groups with columns flow across: down/up → right, right/left → down.
  for (let g = 0; g <= n; g++) if (ld(hasSteps, g)) {
    const id = g == n ? ROOT : g;
    const d = ld(flowDir, id);
    st(flowDir, id, (d == 0 || d == 2) ? 1 : 0);
  }
  // Children CSR (in id order: flat order, then columns in step order).
  childStart = new Int32Array(T + 1);
  for (let i = 0; i < T; i++) if (ld(par, i) >= 0) childStart[ld(par, i) + 1]++;
  for (let i = 0; i < T; i++) childStart[i + 1] += ld(childStart, i);
  childList = new Int32Array(T);
  const fill = new Int32Array(T);
  for (let i = 0; i < T; i++) { const p = ld(par, i); if (p >= 0) { st(childList, ld(childStart, p) + ld(fill, p), i); fill[p]++; } }
  // Depth and post-order of groups (iterative DFS from ROOT).
  post = new Int32Array(T);
  postCount = 0;
  const stack = new Int32Array(T);
  const it = new Int32Array(T);
  let sp = 0;
  st(stack, sp++, ROOT); st(depth, ROOT, 0); st(it, ROOT, ld(childStart, ROOT));
  while (sp > 0) {
    const g = ld(stack, sp - 1);
    if (ld(it, g) < ld(childStart, g + 1)) {
      const ch = ld(childList, it[g]++);
      st(depth, ch, ld(depth, g) + 1);
      if (ld(isGroup, ch)) { st(it, ch, ld(childStart, ch)); st(stack, sp++, ch); }
    } else { sp--; st(post, postCount++, g); }
  }
}

function sortIdx(idx: Int32Array, key: Float64Array): void {
  // heap-free: simple merge sort via util would import cycle-free; inline a shell sort (stable not needed: keys unique per node id tie-broken below)
  const k = idx.length;
  let gap = k >> 1;
  while (gap > 0) {
    for (let i = gap; i < k; i++) {
      const v = ld(idx, i);
      let j = i;
      while (j >= gap && (ld(key, ld(idx, j - gap)) > ld(key, v) || (ld(key, ld(idx, j - gap)) == ld(key, v) && ld(idx, j - gap) > v))) { st(idx, j, ld(idx, j - gap)); j -= gap; }
      st(idx, j, v);
    }
    gap >>= 1;
  }
}

/** Lowest common group of a and b (both internal ids); -1 if one is an ancestor of the other. */
export function lowestCommonGroup(a: i32, b: i32): i32 {
  let x = a, y = b;
  while (ld(depth, x) > ld(depth, y)) x = ld(par, x);
  while (ld(depth, y) > ld(depth, x)) y = ld(par, y);
  if (x == y) return -1; // one end contains the other
  while (ld(par, x) != ld(par, y)) { x = ld(par, x); y = ld(par, y); }
  return ld(par, x);
}

export { growI };
