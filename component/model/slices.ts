/**
 * Long main-thread work in slices. Work over a large document (indexing it, validating it,
 * building its scene) is written as a generator that yields every few thousand items; it runs
 * here for about `sliceMs` of main-thread time at a time, then yields to the page, so input,
 * painting and the other slices get their turn: a task over 50 ms makes the page feel frozen.
 *
 * The first slice runs in the caller's task (small inputs finish there, with no task switch).
 * Cost: one task switch per slice, a few ms per 100,000 items in all.
 */

/**
 * Main-thread time per slice, ms. A garbage collection that falls inside a slice adds to it: while
 * a 100k document's indexes grow, V8's young-generation collections take 15-45 ms on the shared
 * test machine, and a full collection's last pause 30-60 ms; 8 ms slices keep most such tasks
 * under 50 ms. Smaller slices cost only task switches (~0.1 ms each).
 */
export const SLICE_MS = 8;

/** Resolves in a new task (a message to itself: no 4 ms timer clamp, not throttled like timers). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

export interface SliceOptions {
  /** Main-thread time per slice, ms (default SLICE_MS). */
  sliceMs?: number;
  /** Checked after each yield: true stops the work (a newer request came); the result is then undefined. */
  stale?: () => boolean;
  /** Called before each yield with the number of generator steps done so far. */
  progress?: (steps: number) => void;
}

/**
 * When the current task's slicing began. Sliced works that follow one another in microtasks of one
 * task (indexing, then preparing the layout, then validating) share one slice: each on its own
 * budget, three small documents' works made one 50–60 ms task on a cold page.
 */
let taskStart = -1;

function sliceStart(): number {
  if (taskStart < 0) {
    taskStart = performance.now();
    setTimeout(() => { taskStart = -1; }); // in a later task, after every microtask of this one (a work that yields resets it sooner)
  }
  return taskStart;
}

/** Runs `it` to its end in slices; resolves to its return value, or undefined when `stale()` stopped it. */
export async function runInSlices<T>(it: Generator<unknown, T>, { sliceMs = SLICE_MS, stale, progress }: SliceOptions = {}): Promise<T | undefined> {
  for (let steps = 0; ;) {
    const t0 = sliceStart();
    let r = it.next();
    while (!r.done && performance.now() - t0 < sliceMs) { r = it.next(); steps++; }
    if (r.done) return r.value;
    progress?.(steps);
    await yieldToPage();
    taskStart = -1; // a new task
    if (stale?.()) { it.return(undefined as T); return undefined; }
  }
}
