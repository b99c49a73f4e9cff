/**
 * Debug exports (not used by the element; exported by debug/index.ts, not by the release entry):
 * phase timing hooks, buffer sizes, postcondition checks.
 */
import { ld, st } from '../util';
import { runLayout, setStopAfter } from '../pipeline';
import { ptCount } from '../pieces';
import { T } from '../hierarchy';
import { K } from '../tasks';
import * as G from '../lgraph';
import { setChecking, violations } from './checks';

/** Profiling: each group stops after phase p (0..6; 6 = full layout, the default). */
export function debugStopAfter(p: i32): void { setStopAfter(p); }

/** Sizes of the last layout: internal nodes, tasks, piece points, and LG nodes / ranks / unit
 *  segments summed over all groups. */
export function debugCounts(): Float64Array {
  const out = new Float64Array(6);
  st(out, 0, <f64>T); st(out, 1, <f64>K); st(out, 2, <f64>ptCount);
  st(out, 3, <f64>G.statNodes); st(out, 4, <f64>G.statRanks); st(out, 5, <f64>G.statSegs);
  return out;
}

/** Lays out with every phase's postconditions re-checked; returns violations per phase
 *  (index 1..6 = p1 cycles … p6 rotate; 7 = pieces that do not meet at a group border),
 *  all zero when the contracts hold. */
export function phaseChecks(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Int32Array {
  setChecking(true);
  runLayout(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options); // includes output.ts (violations[7])
  const out = new Int32Array(8);
  for (let i = 0; i < 8; i++) st(out, i, ld(violations, i));
  setChecking(false);
  return out;
}

import { edgeTaskStart, tGroup, tKind, tPtStart, tPtCount } from '../tasks';
import { pts } from '../pieces';
/** The pieces of edge e of the last layout: per task [group, kind, count, x0, y0, …] (absolute
 *  coordinates, as output.ts joins them; group is the internal id). */
export function debugEdgePieces(e: i32): Float64Array {
  let n = 0;
  for (let k = edgeTaskStart[e]; k < edgeTaskStart[e + 1]; k++) n += 3 + 2 * tPtCount[k];
  const out = new Float64Array(n);
  let o = 0;
  for (let k = edgeTaskStart[e]; k < edgeTaskStart[e + 1]; k++) {
    const g = tGroup[k];
    out[o++] = <f64>g; out[o++] = <f64>tKind[k]; out[o++] = <f64>tPtCount[k];
    for (let i = tPtStart[k]; i < tPtStart[k] + tPtCount[k]; i++) { out[o++] = pts[2 * i] + Out.ax[g]; out[o++] = pts[2 * i + 1] + Out.ay[g]; }
  }
  return out;
}

/** The phase-by-phase runner (test/layout/phase-runner.test.mjs): every group stops after phase p
 *  (1..6), and the checks of phases 1..p are counted as in phaseChecks. Parents of a stopped group
 *  see it without a size (phase 6 never ran), which the checks of phases <= p do not depend on. */
export function phaseChecksUntil(p: i32, parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Int32Array {
  setStopAfter(p);
  const out = phaseChecks(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options);
  setStopAfter(6);
  return out;
}

import * as Cache from '../cache';
import * as Out from '../output';
/** Groups restored from the cache / laid out, in the latest layout. */
export function debugCacheStats(): Int32Array { const o = new Int32Array(2); o[0] = Cache.hits; o[1] = Cache.misses; return o; }
