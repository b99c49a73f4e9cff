/**
 * The layout engine on the JS side: instantiates the WASM module (one instance per engine, reused
 * for every layout) and turns its single Float64Array result into a FlatLayout.
 * Memory: `collect` runs a full garbage collection after each layout, so a long-lived worker returns
 * to the same heap size (test/layout/memory.test.mjs). It is also the only collection point the
 * `minimal` AssemblyScript runtime needs, so the engine is correct under either runtime.
 */
import { instantiateModule, type Module, type ModuleExports } from './abi.js';
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
}

/** What every build of the module exports (the Node build adds debug exports: see node.ts). */
export interface LayoutExports extends ModuleExports {
  layout(...args: number[]): number;
  collect(): void;
  setIncremental(on: number): void;
}

/** Instantiates the module (the inlined one unless `module` is given). */
export async function instantiateLayout<E extends LayoutExports = LayoutExports>(module?: WebAssembly.Module): Promise<Module<E>> {
  return instantiateModule<E>(module ?? (await loadLayoutModule()));
}

/** The arguments of `layout` (and of the debug exports that lay out), in the module's order. */
export function layoutArgs(g: FlatGraph): (Int32Array | Float64Array | number)[] {
  return [g.parent, g.flags, g.size, g.step, g.align, g.edges, g.edgeLabel, g.rootDirection | 0, g.options];
}

/** The engine over an instance. */
export function engineOf(m: Module<LayoutExports>): LayoutEngine {
  const ex = m.exports;
  return {
    run(g) {
      const raw = m.lift(m.call(ex.layout, ...layoutArgs(g)), Float64Array);
      ex.collect();
      return decodeLayout(raw, g.parent.length, g.edges.length >> 2);
    },
    setIncremental: (on) => ex.setIncremental(on ? 1 : 0),
    memoryBytes: () => ex.memory.buffer.byteLength,
  };
}

export async function createLayoutEngine(module?: WebAssembly.Module): Promise<LayoutEngine> {
  return engineOf(await instantiateLayout(module));
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
