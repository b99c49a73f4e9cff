/** The layout engine for Node: benchmarks, tests and tools (`vz-graph/layout`, dist/layout.mjs). */
import type { LayoutResult, VzDocument } from '../../component/model/format.js';
import { engineOf, instantiateLayout, layoutArgs, type LayoutEngine, type LayoutExports } from './engine.js';
import { estimateMeasure, flatten, type FlattenOptions, type Measure } from './flatten.js';
import type { FlatGraph } from './types.js';

export { flatten, estimateMeasure, toLayoutResult } from './flatten.js';
export type { Measure, Flattened, FlattenOptions } from './flatten.js';
export { decodeLayout } from './engine.js';
export type { LayoutEngine } from './engine.js';
export * from './types.js';
import { toLayoutResult } from './flatten.js';

/** The engine with the Node build's debug exports (tests, benchmarks). */
export interface DebugLayoutEngine extends LayoutEngine {
  /** Debug: one layout with every phase's postconditions re-checked; violations per phase
   *  (index 1..6 = p1 cycles, p2 layers, p3 order, p4 place, p5 route, p6 rotate; 7 = pieces
   *  that do not meet at a group border). With `stopAfter` (1..5) every group stops after that
   *  phase and only the checks of the phases that ran count. */
  phaseChecks(g: FlatGraph, stopAfter?: number): Int32Array;
  /** Profiling: every group stops after phase `p` (0..6; 6, the default, is a full layout). */
  stopAfter(p: number): void;
  /** Milliseconds of the module's `layout` call alone (no result decoding; collects afterwards). */
  wasmMs(g: FlatGraph): number;
  /** The routed pieces of flat edge `e` in the last layout, one per group it crosses, as output.ts
   *  joins them: [internal group id, kind, count, x0, y0, …] in absolute coordinates. */
  edgePieces(e: number): Float64Array;
}

interface DebugExports extends LayoutExports {
  phaseChecks(...args: number[]): number;
  phaseChecksUntil(p: number, ...args: number[]): number;
  debugStopAfter(p: number): void;
  debugEdgePieces(e: number): number;
}

export async function createLayoutEngine(module?: WebAssembly.Module): Promise<DebugLayoutEngine> {
  const m = await instantiateLayout<DebugExports>(module);
  const ex = m.exports;
  return {
    ...engineOf(m),
    phaseChecks(g, stopAfter = 6) {
      const v = m.lift(stopAfter >= 6 ? m.call(ex.phaseChecks, ...layoutArgs(g)) : m.call(ex.phaseChecksUntil, stopAfter | 0, ...layoutArgs(g)), Int32Array);
      ex.collect();
      return v;
    },
    stopAfter: (p) => ex.debugStopAfter(p | 0),
    edgePieces: (e) => m.lift(ex.debugEdgePieces(e | 0), Float64Array),
    wasmMs(g) {
      const t0 = performance.now();
      m.call(ex.layout, ...layoutArgs(g));
      const ms = performance.now() - t0;
      ex.collect();
      return ms;
    },
  };
}

let shared: Promise<LayoutEngine> | undefined;

export interface LayoutDocumentOptions extends FlattenOptions {
  /** Expand every group (default true); otherwise honour each group's `collapsed`. */
  expandAll?: boolean;
  measure?: Measure;
  /** Reuse the groups that did not change since the previous call (default true; false: full layout). */
  incremental?: boolean;
}

/** Lays out a whole document; `ms` is the time of flatten + WASM layout + result conversion. */
export async function layoutDocument(doc: VzDocument, options: LayoutDocumentOptions = {}): Promise<LayoutResult & { ms: number }> {
  shared ??= createLayoutEngine();
  const engine = await shared;
  engine.setIncremental(options.incremental ?? true);
  const t0 = performance.now();
  const expandAll = options.expandAll ?? true;
  const collapsed = new Set<string>();
  if (!expandAll) for (const node of doc.nodes ?? []) if (node?.collapsed) collapsed.add(node.id);
  const f = flatten(doc, (id) => !collapsed.has(id), options.measure ?? estimateMeasure(), options);
  const out = engine.run(f.graph);
  const result = toLayoutResult(f, out, doc);
  return { ...result, ms: performance.now() - t0 };
}
