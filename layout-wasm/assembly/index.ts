/**
 * layout-wasm: the nested layered layout with orthogonal edge routing.
 * One call per layout; only typed arrays cross the boundary (encoding: layout-wasm/src/types.ts).
 *
 * The release entry: what the element ships (asconfig.json's `release` target, inlined into
 * dist/vz-graph.js). The debug exports (phase checks, counts, pieces) live in debug/index.ts, the
 * entry of the `node` and `debug` targets (dist/layout.mjs: tests, benchmarks, tools), so their
 * code stays out of the element's bundle.
 */
import { runLayout } from './pipeline';
import * as Cache from './cache';

export function layout(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Float64Array {
  return runLayout(parent, flags, size, step, align, edges, edgeLabel, rootDirection, options);
}

/** A full garbage collection; the engine calls it after every layout so memory stays flat
 *  (and it is the only collection point under the `minimal` runtime). */
export function collect(): void {
  __collect();
}

/** Class ids of the typed arrays `layout` takes, for the JS side to make them (layout-wasm/src/abi.ts). */
export const INT32_ARRAY_ID = idof<Int32Array>();
export const FLOAT64_ARRAY_ID = idof<Float64Array>();

/** Incremental layout on (default) or off (off also empties the cache); see cache.ts. */
export function setIncremental(on: bool): void { Cache.setEnabled(on); }
