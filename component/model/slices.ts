/**
 * Long main-thread work in slices. Work over a large document (indexing it, validating it,
 * building its scene) is written as a generator that yields every few thousand items; it runs
 * here for about `sliceMs` of main-thread time at a time, then yields to the page, so input,
 * painting and the other slices get their turn: a task over 50 ms makes the page feel frozen.
 *
 * The first slice runs in the caller's task (small inputs finish there, with no task switch).
 * Cost: one task switch per slice, a few ms per 100,000 items in all.
 */

/** Resolves in a new task (a message to itself: no 4 ms timer clamp, not throttled like timers). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); resolve(); };
    channel.port2.postMessage(null);
  });
}

export interface SliceOptions {
  /** Main-thread time per slice, ms. */
  sliceMs?: number;
  /** Checked after each yield: true stops the work (a newer request came); the result is then undefined. */
  stale?: () => boolean;
  /** Called before each yield with the number of generator steps done so far. */
  progress?: (steps: number) => void;
}

/** Runs `it` to its end in slices; resolves to its return value, or undefined when `stale()` stopped it. */
export async function runInSlices<T>(it: Generator<unknown, T>, { sliceMs = 12, stale, progress }: SliceOptions = {}): Promise<T | undefined> {
  for (let steps = 0; ;) {
    const t0 = performance.now();
    let r = it.next();
    while (!r.done && performance.now() - t0 < sliceMs) { r = it.next(); steps++; }
    if (r.done) return r.value;
    progress?.(steps);
    await yieldToPage();
    if (stale?.()) { it.return(undefined as T); return undefined; }
  }
}
