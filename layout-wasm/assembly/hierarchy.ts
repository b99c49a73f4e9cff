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
import { growI } from './util';

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
  if (options.length > 0 && options[0] >= 0) optNodeGap = options[0]; else optNodeGap = 24;
  if (options.length > 1 && options[1] >= 0) optRankGap = options[1]; else optRankGap = 36;
  if (options.length > 2 && options[2] >= 0) optPad = options[2]; else optPad = 14;
  if (options.length > 3 && options[3] > 0) optEdgeGap = options[3]; else optEdgeGap = 6;

  // Sanitised parents: must be an earlier expanded group, else top level.
  const p0 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = unchecked(parent[i]);
    unchecked(p0[i] = p >= 0 && p < i && (unchecked(flags[p]) & 1) != 0 ? p : -1);
  }
  // Step columns: per group with stepped children, one column per distinct step (ascending).
  const hasSteps = new Uint8Array(n + 1);
  let stepped = 0;
  for (let i = 0; i < n; i++) if (unchecked(step[i]) >= 0) { hasSteps[p0[i] < 0 ? n : p0[i]] = 1; stepped++; }
  // column key: (group, step) → sort stepped nodes by group then step.
  const sIdx = new Int32Array(stepped);
  const sKey = new Float64Array(n);
  let c = 0;
  for (let i = 0; i < n; i++) if (unchecked(step[i]) >= 0) {
    sIdx[c++] = i;
    const g = p0[i] < 0 ? n : p0[i];
    sKey[i] = <f64>g * 4294967296.0 + <f64>step[i];
  }
  sortIdx(sIdx, sKey);
  const colOf = new Int32Array(n);
  let cols = 0;
  let lastKey: f64 = -1;
  for (let k = 0; k < stepped; k++) {
    const i = sIdx[k];
    if (sKey[i] != lastKey) { cols++; lastKey = sKey[i]; }
    colOf[i] = n + cols - 1;
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
    const g = (unchecked(flags[i]) & 1) != 0;
    isGroup[i] = g ? 1 : 0;
    flowDir[i] = (unchecked(flags[i]) >> 1) & 3;
    const w = unchecked(size[2 * i]), h = unchecked(size[2 * i + 1]);
    const ww = isFinite(w) && w > 0 ? w : 0, hh = isFinite(h) && h > 0 ? h : 0;
    if (g) { minW[i] = ww; headerH[i] = hh; } else { W[i] = ww; H[i] = hh; }
    alignId[i] = i < align.length ? align[i] : -1;
    par[i] = unchecked(step[i]) >= 0 ? colOf[i] : (p0[i] < 0 ? ROOT : p0[i]);
  }
  flowDir[ROOT] = rootDir;
  isGroup[ROOT] = 1;
  par[ROOT] = -1;
  alignId[ROOT] = -1;
  for (let k = 0; k < stepped; k++) {
    const i = sIdx[k];
    const col = colOf[i];
    const g = p0[i] < 0 ? ROOT : p0[i];
    par[col] = g; isGroup[col] = 1; isColumn[col] = 1; flowDir[col] = flowDir[g]; alignId[col] = -1;
  }
  // Groups with columns flow across: down/up → right, right/left → down.
  for (let g = 0; g <= n; g++) if (hasSteps[g]) {
    const id = g == n ? ROOT : g;
    const d = flowDir[id];
    flowDir[id] = (d == 0 || d == 2) ? 1 : 0;
  }
  // Children CSR (in id order: flat order, then columns in step order).
  childStart = new Int32Array(T + 1);
  for (let i = 0; i < T; i++) if (par[i] >= 0) childStart[par[i] + 1]++;
  for (let i = 0; i < T; i++) childStart[i + 1] += childStart[i];
  childList = new Int32Array(T);
  const fill = new Int32Array(T);
  for (let i = 0; i < T; i++) { const p = par[i]; if (p >= 0) { childList[childStart[p] + fill[p]] = i; fill[p]++; } }
  // Depth and post-order of groups (iterative DFS from ROOT).
  post = new Int32Array(T);
  postCount = 0;
  const stack = new Int32Array(T);
  const it = new Int32Array(T);
  let sp = 0;
  stack[sp++] = ROOT; depth[ROOT] = 0; it[ROOT] = childStart[ROOT];
  while (sp > 0) {
    const g = stack[sp - 1];
    if (it[g] < childStart[g + 1]) {
      const ch = childList[it[g]++];
      depth[ch] = depth[g] + 1;
      if (isGroup[ch]) { it[ch] = childStart[ch]; stack[sp++] = ch; }
    } else { sp--; post[postCount++] = g; }
  }
}

function sortIdx(idx: Int32Array, key: Float64Array): void {
  // heap-free: simple merge sort via util would import cycle-free; inline a shell sort (stable not needed: keys unique per node id tie-broken below)
  const k = idx.length;
  let gap = k >> 1;
  while (gap > 0) {
    for (let i = gap; i < k; i++) {
      const v = idx[i];
      let j = i;
      while (j >= gap && (key[idx[j - gap]] > key[v] || (key[idx[j - gap]] == key[v] && idx[j - gap] > v))) { idx[j] = idx[j - gap]; j -= gap; }
      idx[j] = v;
    }
    gap >>= 1;
  }
}

/** Lowest common group of a and b (both internal ids); -1 if one is an ancestor of the other. */
export function lowestCommonGroup(a: i32, b: i32): i32 {
  let x = a, y = b;
  while (depth[x] > depth[y]) x = par[x];
  while (depth[y] > depth[x]) y = par[y];
  if (x == y) return -1; // one end contains the other
  while (par[x] != par[y]) { x = par[x]; y = par[y]; }
  return par[x];
}

export { growI };
