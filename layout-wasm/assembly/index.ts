/**
 * layout-wasm: the nested layered layout with orthogonal edge routing.
 * One call per layout; only typed arrays cross the boundary (encoding: layout-wasm/src/types.ts).
 */
import { runLayout } from './pipeline';

export function layout(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Float64Array {
  return runLayout(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options);
}

/** A full garbage collection; the engine calls it after every layout so memory stays flat
 *  (and it is the only collection point under the `minimal` runtime). */
export function collect(): void {
  __collect();
}

export { debugStopAfter, debugCounts, phaseChecks, phaseChecksUntil, debugEdgePieces, setIncremental, debugCacheStats } from './debug/exports';
