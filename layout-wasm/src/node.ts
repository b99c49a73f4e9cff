/** The layout engine for Node: benchmarks, tests and tools (`vz-graph/layout`, dist/layout.mjs). */
import type { LayoutResult, VzDocument } from '../../component/model/format.js';
import { createLayoutEngine, type LayoutEngine } from './engine.js';
import { estimateMeasure, flatten, type FlattenOptions, type Measure } from './flatten.js';

export { flatten, estimateMeasure, toLayoutResult } from './flatten.js';
export type { Measure, Flattened, FlattenOptions } from './flatten.js';
export { createLayoutEngine, decodeLayout } from './engine.js';
export type { LayoutEngine } from './engine.js';
export * from './types.js';
import { toLayoutResult } from './flatten.js';

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
