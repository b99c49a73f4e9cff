/**
 * layout-wasm: the nested layered layout with orthogonal edge routing.
 * One call per layout; only typed arrays cross the boundary (encoding: layout-wasm/src/types.ts).
 */
import { runLayout, setStopAfter } from './pipeline';
export { setStopAfter };

export function layout(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Float64Array {
  return runLayout(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options);
}

/** A full garbage collection; the engine calls it after every layout so memory stays flat. */
export function collect(): void {
  __collect();
}

import { ptCount } from './pieces';
import { T } from './hierarchy';
import { K } from './tasks';
import * as G from './lgraph';
/** Debug: sizes of the last layout's internal buffers (internal nodes, tasks, piece points). */
export function debugCounts(): Float64Array {
  const out = new Float64Array(6);
  out[0] = <f64>T; out[1] = <f64>K; out[2] = <f64>ptCount;
  out[3] = <f64>G.statNodes; out[4] = <f64>G.statRanks; out[5] = <f64>G.statSegs;
  return out;
}

import { setChecking, violations } from './debug/checks';
/** Debug: lays out with every phase's postconditions re-checked; returns violations per phase
 *  (index 1..6 = p1 cycles … p6 rotate), all zero when the contracts hold. */
export function phaseChecks(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Int32Array {
  setChecking(true);
  runLayout(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options);
  const out = new Int32Array(8);
  for (let i = 0; i < 8; i++) out[i] = violations[i];
  setChecking(false);
  return out;
}
