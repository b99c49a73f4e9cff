/**
 * The layout engine on the JS side: instantiates the WASM module (one instance per engine, reused
 * for every layout) and turns its single Float64Array result into a FlatLayout.
 * Memory: `collect` runs a full garbage collection after each layout, so a long-lived worker returns
 * to the same heap size (test/layout/memory.test.mjs). It is also the only collection point the
 * `minimal` AssemblyScript runtime needs, so the engine is correct under either runtime.
 */
import { instantiate } from '../build/layout.js';
import { loadLayoutModule } from './wasm-module.js';
import type { FlatGraph, FlatLayout } from './types.js';

export interface LayoutEngine {
  run(g: FlatGraph): FlatLayout;
  /** Incremental layout (default on): groups whose inputs did not change since the previous
   *  call are restored, not laid out again; the result is byte for byte the same. Off empties the
   *  cache (benchmarks of full layouts). */
  setIncremental(on: boolean): void;
  /** Bytes of the instance's linear memory (grows, never shrinks; stable across layouts). */
  memoryBytes(): number;
  /** Debug: one layout with every phase's postconditions re-checked; violations per phase
   *  (index 1..6 = p1 cycles, p2 layers, p3 order, p4 place, p5 route, p6 rotate; 7 = pieces
   *  that do not meet at a group border). With `stopAfter` (1..5) every group stops after that
   *  phase and only the checks of the phases that ran count. */
  phaseChecks(g: FlatGraph, stopAfter?: number): Int32Array;
}

interface LayoutExports {
  memory: WebAssembly.Memory;
  layout(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
    edges: Int32Array, edgeLabel: Float64Array, rootDirection: number, options: Float64Array): Float64Array;
  collect(): void;
  setIncremental(on: number): void;
  phaseChecks(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
    edges: Int32Array, edgeLabel: Float64Array, rootDirection: number, options: Float64Array): Int32Array;
  phaseChecksUntil(p: number, parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
    edges: Int32Array, edgeLabel: Float64Array, rootDirection: number, options: Float64Array): Int32Array;
}

export async function createLayoutEngine(module?: WebAssembly.Module): Promise<LayoutEngine> {
  const mod = module ?? (await loadLayoutModule());
  const exports = (await instantiate(mod, { env: {} })) as unknown as LayoutExports;
  return {
    run(g) {
      const n = g.parent.length, m = g.edges.length >> 2;
      const raw = exports.layout(g.parent, g.flags, g.size, g.step, g.align, g.edges, g.edgeLabel, g.rootDirection | 0, g.options);
      exports.collect();
      return decodeLayout(raw, n, m);
    },
    setIncremental: (on) => exports.setIncremental(on ? 1 : 0),
    memoryBytes: () => exports.memory.buffer.byteLength,
    phaseChecks(g, stopAfter = 6) {
      const v = stopAfter >= 6
        ? exports.phaseChecks(g.parent, g.flags, g.size, g.step, g.align, g.edges, g.edgeLabel, g.rootDirection | 0, g.options)
        : exports.phaseChecksUntil(stopAfter | 0, g.parent, g.flags, g.size, g.step, g.align, g.edges, g.edgeLabel, g.rootDirection | 0, g.options);
      exports.collect();
      return v;
    },
  };
}

/** Splits the raw result (layout order documented above FlatLayout in types.ts). Copies nothing twice:
 *  the views share one buffer, so transferring `boxes.buffer` transfers them all. */
export function decodeLayout(raw: Float64Array, n: number, m: number): FlatLayout {
  const L = 2 + 4 * n + 2 * m;
  const offsets = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) offsets[j] = raw[L + j];
  const P = L + m + 1;
  return {
    width: raw[0], height: raw[1],
    boxes: raw.subarray(2, 2 + 4 * n),
    labels: raw.subarray(2 + 4 * n, L),
    offsets,
    points: raw.subarray(P, P + 2 * offsets[m]),
  };
}
