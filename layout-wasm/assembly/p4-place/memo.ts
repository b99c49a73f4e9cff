/**
 * Memo of phases 4b–4d: x and the attach offsets slide.ts leaves are a pure function of the
 * group's layered graph after 4a (ranks, order, node kinds and extents, unit segments with their
 * attach offsets, the gaps), so groups that repeat — the blocks of a ResNet stage, a transformer's
 * layers, an unrolled RNN's cells — are placed once and the others copy both. Exact: the key is compared in full, so the result
 * is bit for bit the one a fresh placement gives (test/layout/incremental.test.mjs, fuzz).
 * Scope: one layout (emptied after the root, the last group), so a full layout stays a full
 * layout; the cache (cache.ts) is what reuses groups across layouts. Memory: at most MAX_FLOATS
 * stored; past it the memo starts again empty.
 */
import * as G from '../lgraph';
import { ld, st } from '../util';
import { Key } from '../key';
import { optNodeGap, optEdgeGap, isColumn, isGroup } from '../hierarchy';

const MAX_FLOATS: i32 = 1 << 20;

/** One placed group: its key, and in x the nodes' x then each edge's two attach offsets as
 *  slide.ts left them (4d, after x). */
class Entry {
  constructor(public key: Float64Array, public x: Float64Array) {}
}

export let enabled = true;
export function setEnabled(on: bool): void { enabled = on; clear(); }
export function clear(): void { table.clear(); stored = 0; }

const table = new Map<u64, Entry>();
let stored: i32 = 0;
const key = new Key();
let hash: u64 = 0;
let last: Entry = new Entry(new Float64Array(0), new Float64Array(0));

@inline function push(v: f64): void { key.push(v); }

function buildKey(): void {
  key.start();
  const n = G.nNodes, R = G.nRanks, S = G.nSegs;
  push(<f64>n); push(<f64>R); push(<f64>S); push(optNodeGap); push(optEdgeGap);
  for (let r = 0; r <= R; r++) push(<f64>ld(G.rankStart, r));
  for (let i = 0; i < n; i++) push(<f64>ld(G.rankNodes, i));
  for (let v = 0; v < n; v++) {
    const k = ld(G.nKind, v);
    const c = k == G.NK_CHILD ? ld(G.nRef, v) : -1;
    push(<f64>(k * 4 + (c >= 0 && ld(isColumn, c) ? 1 : 0) + (c >= 0 && ld(isGroup, c) ? 2 : 0)));
    push(ld(G.nL, v)); push(ld(G.nR, v)); push(ld(G.nH, v));
  }
  for (let s = 0; s < S; s++) {
    const e = ld(G.sEdge, s);
    push(<f64>ld(G.sUp, s)); push(<f64>ld(G.sDown, s)); push(<f64>ld(G.eU, e)); push(<f64>ld(G.eV, e));
    push(ld(G.eOffU, e)); push(ld(G.eOffV, e)); push(<f64>ld(G.eTopU, e)); // 2: free (simplex.ts weight)
    push(<f64>(ld(G.eTopV, e) * 4 + ld(G.eFixV, e) * 2 + ld(G.eFixU, e))); // the sides and ends slide.ts moves
  }
  hash = key.hash();
}

/** Restores x when this graph was placed before; false: place it, then call store(). */
export function restore(): bool {
  if (!enabled) return false;
  buildKey();
  if (!table.has(hash)) return false;
  const ent = table.get(hash);
  if (!key.equals(ent.key)) return false;
  last = ent;
  for (let v = 0; v < G.nNodes; v++) st(G.nX, v, ld(ent.x, v));
  return true;
}

/** After restore(): the attach offsets as slide.ts left them. */
export function restoreOffsets(): void {
  const x = last.x, n = G.nNodes;
  for (let e = 0; e < G.nEdges; e++) { st(G.eOffU, e, ld(x, n + 2 * e)); st(G.eOffV, e, ld(x, n + 2 * e + 1)); }
}

/** Keeps the x and attach offsets just placed under the key restore() built. */
export function store(): void {
  if (!enabled) return;
  const n = G.nNodes, len = n + 2 * G.nEdges;
  if (stored + key.len + len > MAX_FLOATS) { table.clear(); stored = 0; }
  const x = new Float64Array(len);
  for (let v = 0; v < n; v++) st(x, v, ld(G.nX, v));
  for (let e = 0; e < G.nEdges; e++) { st(x, n + 2 * e, ld(G.eOffU, e)); st(x, n + 2 * e + 1, ld(G.eOffV, e)); }
  table.set(hash, new Entry(key.copy(), x));
  stored += key.len + len;
}
