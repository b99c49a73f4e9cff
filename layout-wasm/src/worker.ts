/** The layout worker: one WASM instance, reused for every layout; results transferred, not copied. */
import * as Comlink from 'comlink';
import { createLayoutEngine, type LayoutEngine } from './engine.js';
import type { LayoutWorkerApi } from './worker-api.js';
import type { FlatGraph, FlatLayout } from './types.js';

let engine: Promise<LayoutEngine> | undefined;

const api: LayoutWorkerApi = {
  async layout(g: FlatGraph): Promise<FlatLayout> {
    engine ??= createLayoutEngine();
    const result = (await engine).run(g);
    const buffers = new Set<ArrayBuffer>([result.boxes.buffer as ArrayBuffer, result.offsets.buffer as ArrayBuffer]);
    return Comlink.transfer(result, [...buffers]);
  },
  /** The first message: answers at once, and starts loading the engine so that the first layout
   *  does not wait for it (a failure surfaces in that layout). */
  ping() {
    engine ??= createLayoutEngine();
    engine.catch(() => undefined);
    return 'pong';
  },
};

Comlink.expose(api);
