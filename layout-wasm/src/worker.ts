/**
 * The layout worker: one WASM instance, reused for every layout; results transferred, not copied.
 *
 * The element talks to it with `Comlink.wrap` (layout-controller.ts). This side answers Comlink's
 * wire protocol (v4, `comlink/src/protocol.ts`) for the two calls the element makes instead of
 * bundling a second copy of Comlink with `Comlink.expose`: the copy cost 1.0 KB of the gzipped
 * bundle (its proxy machinery is never used here), the difference between the element meeting its
 * 60 KB budget or not (benchmarks/results/bundle.md). What it answers:
 *  - APPLY of `layout` or `ping` (arguments as RAW wire values) → a RAW value, or Comlink's `throw`
 *    handler value when the call fails, which `wrap` rethrows as an Error with the same message;
 *  - RELEASE (the element's `releaseProxy` before terminating) → a RAW undefined;
 *  - anything else → a thrown Error naming the message type and path.
 * Every element test goes through this path; the protocol is pinned by `comlink`'s major version.
 */
import { createLayoutEngine, type LayoutEngine } from './engine.js';
import type { LayoutWorkerApi } from './worker-api.js';
import type { FlatGraph, FlatLayout } from './types.js';

let engine: Promise<LayoutEngine> | undefined;

const api: { [K in keyof LayoutWorkerApi]: (...args: never[]) => unknown } = {
  async layout(g: FlatGraph): Promise<FlatLayout> {
    engine ??= createLayoutEngine();
    return (await engine).run(g);
  },
  /** The first message: answers at once, and starts loading the engine so that the first layout
   *  does not wait for it (a failure surfaces in that layout). */
  ping() {
    engine ??= createLayoutEngine();
    engine.catch(() => undefined);
    return 'pong';
  },
};

/** A message from Comlink's `wrap`, as far as this worker reads it. */
interface Message {
  id?: string;
  type?: string;
  path?: string[];
  argumentList?: { type: string; value: unknown }[];
}

addEventListener('message', async (ev: MessageEvent<Message>) => {
  const { id, type, path = [], argumentList = [] } = ev.data ?? {};
  if (!id) return;
  let value: unknown;
  let transfer: Transferable[] = [];
  try {
    const fn = type === 'APPLY' && path.length === 1 ? api[path[0] as keyof LayoutWorkerApi] : undefined;
    if (fn) {
      value = await fn(...(argumentList.map((a) => a.value) as never[]));
      const out = value as Partial<FlatLayout>;
      if (out?.boxes) transfer = [...new Set([out.boxes.buffer as ArrayBuffer, out.offsets!.buffer as ArrayBuffer])];
    } else if (type !== 'RELEASE') {
      throw new Error(`The layout worker cannot answer ${type} ${path.join('.') || '(no path)'}`);
    }
    postMessage({ id, type: 'RAW', value }, transfer);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    postMessage({ id, type: 'HANDLER', name: 'throw', value: { isError: true, value: { message: error.message, name: error.name, stack: error.stack } } });
  }
});
