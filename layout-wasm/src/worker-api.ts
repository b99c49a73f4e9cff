/** The layout worker's API as the element sees it through Comlink (types only: importing this
 *  file never pulls the worker or the WASM module into the main bundle). */
import type { FlatGraph, FlatLayout } from './types.js';

export interface LayoutWorkerApi {
  /** One layout; the result's buffers are transferred (boxes/labels/points share one buffer). */
  layout(g: FlatGraph): Promise<FlatLayout>;
  ping(): 'pong';
}
