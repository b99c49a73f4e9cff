/**
 * LayoutController: owns this element's layout worker (one per element, so elements on one
 * page share nothing) and runs layouts in it.
 *
 * - flatten() and label measuring run on the main thread (they need the canvas), in slices of
 *   about SLICE_MS (model/slices.ts) with a yield to the page between them (as one task, 100k nodes block
 *   the page for 0.2–0.5 s); a newer request stops a stale preparation at its next slice. The
 *   FlatGraph's buffers are transferred to the worker, and the result's buffers transferred back.
 * - A newer request wins: results of older requests are dropped. A run that has been going for
 *   a while when a newer one arrives is cancelled for real by restarting the worker (WASM cannot
 *   be interrupted); a short one is left to finish, which is cheaper than a restart.
 * - A worker that cannot start (a page whose Content-Security-Policy lacks `worker-src blob:`
 *   blocks Blob workers, often silently) is detected with a ping and a timeout, and reported
 *   with the fix.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as Comlink from 'comlink';
import workerSource from 'virtual:vz-layout-worker';
import type { VzDocument } from '../model/format.js';
import type { LayoutWorkerApi } from '../../layout-wasm/src/worker-api.js';
import type { FlatGraph, FlatLayout } from '../../layout-wasm/src/types.js';
import { flattenSteps, type Flattened, type Measure } from '../../layout-wasm/src/flatten.js';
import { runInSlices } from '../model/slices.js';

export interface LayoutRun {
  flat: Flattened; out: FlatLayout; doc: VzDocument;
  /** From the request to the result; of it, preparing the input (flatten and measure, main thread) and the rest (worker start, layout, transfers). */
  ms: number; prepareMs: number; workerMs: number;
}

/** How long a new worker may take to answer its first ping. */
const START_TIMEOUT_MS = 5000;
/** A run older than this is cancelled (worker restarted) when a newer request arrives. */
const RESTART_AFTER_MS = 250;

export const WORKER_BLOCKED =
  'The layout worker could not start. If this page sets a Content-Security-Policy, it must allow ' +
  'workers from blob: URLs: add "worker-src blob:" (or "script-src blob:" when there is no worker-src) to the policy.';

class Superseded extends Error {}

export class LayoutController implements ReactiveController {
  /** Nodes in the run in progress, 0 when idle. */
  busyNodes = 0;
  /** When the run in progress started (performance.now()). */
  startedAt = 0;
  #worker: Worker | undefined;
  #api: Comlink.Remote<LayoutWorkerApi> | undefined;
  #ready: Promise<void> | undefined;
  #seq = 0;
  /** The preparation in progress (flatten in slices), if any. */
  #preparing: Promise<Flattened | undefined> | undefined;
  /** Runs sent to the worker and not answered yet: how to reject each, by request number. */
  readonly #pending = new Map<number, (e: Error) => void>();
  /** When the oldest pending run (the one the worker is busy with) was sent. */
  #oldestSent = 0;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected() {}

  hostDisconnected() {
    this.#stop(new Superseded());
  }

  /**
   * Lays out `doc` with the groups `isExpanded` says are open. Resolves to undefined when a
   * newer request superseded this one; rejects when the worker cannot start or layout fails.
   */
  async run(doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure): Promise<LayoutRun | undefined> {
    const seq = ++this.#seq;
    const t0 = performance.now();
    // A new worker unpacks and compiles the engine (~20–60 ms) while this thread prepares the
    // graph; a failed start is reported by the `await this.start()` below.
    if (!this.#ready) this.#start().catch(() => undefined);
    const preparing = (this.#preparing = this.#prepare(seq, doc, isExpanded, measure));
    const flat = await preparing.finally(() => { if (this.#preparing === preparing) this.#preparing = undefined; });
    if (!flat) return undefined; // a newer request came while preparing
    const prepared = performance.now();
    // User Timing entries (DevTools' performance panel, benchmarks/frames.mjs) for each phase.
    performance.measure('vz-graph prepare', { start: t0, end: prepared });
    if (this.#pending.size && performance.now() - this.#oldestSent > RESTART_AFTER_MS) this.#stop(new Superseded());
    this.busyNodes = flat.ids.length;
    this.startedAt = t0;
    this.#host.requestUpdate();
    try {
      const api = await this.#start();
      const g = flat.graph;
      if (!this.#pending.size) this.#oldestSent = performance.now();
      const out = await new Promise<FlatLayout>((resolve, reject) => {
        this.#pending.set(seq, reject);
        api.layout(Comlink.transfer(g, transferables(g))).then(resolve, reject);
      }).finally(() => {
        this.#pending.delete(seq);
        this.#oldestSent = performance.now(); // the worker moves on to the next one
      });
      if (seq !== this.#seq) return undefined;
      const now = performance.now();
      performance.measure('vz-graph worker', { start: prepared, end: now });
      return { flat, out, ms: now - t0, prepareMs: prepared - t0, workerMs: now - prepared, doc };
    } catch (e) {
      if (e instanceof Superseded || seq !== this.#seq) return undefined;
      throw e instanceof Error ? e : new Error(String(e));
    } finally {
      if (seq === this.#seq) this.busyNodes = 0;
      this.#host.requestUpdate();
    }
  }

  /**
   * Resolves when no preparation runs, counting runs requested later in the caller's task: other
   * sliced main-thread work (a large document's validation) waits with it, so that it does not
   * share the main thread with the preparation and delay the worker; it runs while the worker does.
   */
  async prepared(): Promise<void> {
    await undefined;
    while (this.#preparing) await this.#preparing.catch(() => undefined);
  }

  /**
   * flatten() in slices, yielding to the page between them. The first slice runs in the caller's
   * task (a small graph is done there, with no yield). Undefined when a newer request came.
   * Costs a few ms in total at 100k nodes (generator steps, one task switch per slice).
   */
  async #prepare(seq: number, doc: VzDocument, isExpanded: (id: string) => boolean, measure: Measure): Promise<Flattened | undefined> {
    return runInSlices(flattenSteps(doc, isExpanded, measure), { stale: () => seq !== this.#seq });
  }

  /** Starts the worker once and checks that it answers. */
  #start(): Promise<Comlink.Remote<LayoutWorkerApi>> {
    if (!this.#ready) {
      this.#ready = new Promise<void>((resolve, reject) => {
        let url = '';
        let started = false;
        const fail = (why: string) => {
          reject(new Error(`${WORKER_BLOCKED} (${why})`));
          this.#stop(undefined);
          // A worker that started and crashed later is started again by the next run.
          if (started) this.#ready = undefined;
        };
        try {
          url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
          this.#worker = new Worker(url);
        } catch (e) {
          return fail(e instanceof Error ? e.message : String(e));
        } finally {
          if (url) setTimeout(() => URL.revokeObjectURL(url), 60_000);
        }
        const timer = setTimeout(() => fail(`no answer after ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
        this.#worker.addEventListener('error', (ev) => {
          clearTimeout(timer);
          const why = ev.message || 'the worker script was blocked or failed to load';
          for (const reject of this.#pending.values()) reject(new Error(`The layout worker failed: ${why}`));
          fail(why);
        });
        this.#api = Comlink.wrap<LayoutWorkerApi>(this.#worker);
        this.#api.ping().then(() => { clearTimeout(timer); started = true; resolve(); }, (e: unknown) => { clearTimeout(timer); fail(String(e)); });
      });
    }
    return this.#ready.then(() => this.#api!);
  }

  /** Terminates the worker; the next run starts a new one. */
  #stop(reason: Error | undefined) {
    if (reason) for (const reject of this.#pending.values()) reject(reason);
    this.#pending.clear();
    this.#api?.[Comlink.releaseProxy]();
    this.#worker?.terminate();
    this.#worker = undefined;
    this.#api = undefined;
    if (reason) this.#ready = undefined; // a failed start stays failed (no retry storm)
  }
}

/**
 * The buffers moved to the worker: those the scene does not read afterwards. The scene's (parent,
 * flags, edges, edgeLabel: ~6 MB at 100k nodes) are copied by postMessage instead, outside the
 * JS heap. Copying them with slice() before a transfer made as many new ArrayBuffers on the main
 * thread, and at 100k nodes that allocation tipped V8 into a full garbage collection of the whole
 * document, 60-70 ms in one task ("external memory pressure").
 */
function transferables(g: FlatGraph): Transferable[] {
  const set = new Set<ArrayBuffer>();
  for (const a of [g.size, g.step, g.align, g.options]) set.add(a.buffer as ArrayBuffer);
  for (const a of [g.parent, g.flags, g.edges, g.edgeLabel]) set.delete(a.buffer as ArrayBuffer);
  return [...set];
}
