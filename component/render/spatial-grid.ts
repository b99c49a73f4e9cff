/**
 * A uniform grid over the layout's bounds: which items (boxes) touch a rectangle, in about the
 * time it takes to list them. Cells are sized for ~2 items each on average. Items that would
 * span more than BIG_CELLS cells (large groups, long edges) go to one list checked every query,
 * so no item fills thousands of cells. Query results come back sorted by item number (the
 * scene numbers items in drawing order) and without duplicates.
 *
 * Storage: the cells' item lists live in one Int32Array (compressed rows: cell c holds
 * items[start[c] .. start[c + 1])), built by seal() from the inserts, not one JS array per cell:
 * a 100,000-node scene has ~50,000 cells and ~300,000 entries.
 */

const BIG_CELLS = 64;
/** sealSteps() yields about once per this many items (times 5: each pending entry has five numbers). */
const STEP_ITEMS = 5 * 2048;

export class SpatialGrid {
  readonly #cell: number;
  readonly #cols: number;
  readonly #rows: number;
  /**
   * Inserted items with their cell spans (item, c0, r0, c1, r1), which seal() indexes. A typed
   * array outside the JS heap: as a JS array, a 100k scene kept 11 MB of numbers that every full
   * garbage collection walked.
   */
  #pending: Int32Array;
  #inserted = 0;
  #start: Int32Array | undefined;
  #items = new Int32Array(0);
  readonly #big: number[] = [];
  readonly #bounds: Float64Array;
  readonly #stamp: Uint32Array;
  #tick = 0;

  constructor(width: number, height: number, capacity: number) {
    const w = Math.max(1, width), h = Math.max(1, height);
    this.#cell = Math.max(48, Math.sqrt((w * h) / Math.max(1, capacity / 2)));
    this.#cols = Math.max(1, Math.ceil(w / this.#cell));
    this.#rows = Math.max(1, Math.ceil(h / this.#cell));
    this.#bounds = new Float64Array(4 * capacity);
    this.#stamp = new Uint32Array(capacity);
    this.#pending = new Int32Array(5 * Math.max(1, capacity));
  }

  insert(item: number, x: number, y: number, w: number, h: number) {
    const b = 4 * item;
    this.#bounds[b] = x; this.#bounds[b + 1] = y; this.#bounds[b + 2] = x + w; this.#bounds[b + 3] = y + h;
    // Cells by hand, not span(): at 100k nodes + edges its arrays were ~11 MB of garbage per scene.
    const c0 = this.#col(x), r0 = this.#row(y), c1 = this.#col(x + w), r1 = this.#row(y + h);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > BIG_CELLS) { this.#big.push(item); return; }
    let p = this.#pending;
    if (this.#inserted === p.length) {
      p = new Int32Array(2 * p.length + 5);
      p.set(this.#pending);
      this.#pending = p;
    }
    p[this.#inserted] = item; p[this.#inserted + 1] = c0; p[this.#inserted + 2] = r0; p[this.#inserted + 3] = c1; p[this.#inserted + 4] = r1;
    this.#inserted += 5;
    this.#start = undefined;
  }

  /** Indexes the inserted items by cell (query() does it when needed). */
  seal() {
    const it = this.sealSteps();
    while (!it.next().done);
  }

  /**
   * seal() in steps, yielding every few thousand items or cells (100k nodes + edges take ~30 ms).
   * The loops run in sealStep(), a plain method, not in this generator's body: V8 does not
   * optimise a loop inside a generator while it runs (no on-stack replacement), so there the
   * prefix sum over ~150,000 cells alone took 40-80 ms in one step.
   */
  *sealSteps(): Generator<void> {
    if (this.#start) return;
    const seal = { phase: 0, k: 0, start: new Int32Array(this.#cols * this.#rows + 1), at: new Int32Array(0), items: new Int32Array(0) };
    while (!this.#sealStep(seal, STEP_ITEMS)) yield;
    this.#start = seal.start;
    this.#items = seal.items;
  }

  /** About `budget` numbers of sealing; true when done. Phases: count per cell, prefix sums, fill. */
  #sealStep(s: { phase: number; k: number; start: Int32Array; at: Int32Array; items: Int32Array }, budget: number): boolean {
    const cols = this.#cols, p = this.#pending, end = this.#inserted, start = s.start;
    let k = s.k;
    if (s.phase === 0) {
      for (; k < end && budget > 0; k += 5, budget -= 5) {
        for (let r = p[k + 2]; r <= p[k + 4]; r++) for (let c = p[k + 1]; c <= p[k + 3]; c++) start[r * cols + c + 1]++;
      }
      if (k < end) { s.k = k; return false; }
      s.phase = 1; k = 1;
    }
    if (s.phase === 1) {
      for (const stop = Math.min(start.length, k + 16 * budget); k < stop; k++) start[k] += start[k - 1];
      if (k < start.length) { s.k = k; return false; }
      s.at = start.slice(0, start.length - 1);
      s.items = new Int32Array(start[start.length - 1]);
      s.phase = 2; s.k = 0;
      return false;
    }
    const at = s.at, items = s.items;
    for (; k < end && budget > 0; k += 5, budget -= 5) {
      for (let r = p[k + 2]; r <= p[k + 4]; r++) for (let c = p[k + 1]; c <= p[k + 3]; c++) items[at[r * cols + c]++] = p[k];
    }
    s.k = k;
    return k >= end;
  }

  /** Items whose bounds meet the rectangle [x0, x1] × [y0, y1], ascending. */
  query(x0: number, y0: number, x1: number, y1: number): Int32Array {
    if (++this.#tick === 0xffffffff) { this.#stamp.fill(0); this.#tick = 1; }
    const tick = this.#tick, stamp = this.#stamp, bounds = this.#bounds;
    const found: number[] = [];
    const take = (item: number) => {
      if (stamp[item] === tick) return;
      stamp[item] = tick;
      const b = 4 * item;
      if (bounds[b] <= x1 && bounds[b + 2] >= x0 && bounds[b + 1] <= y1 && bounds[b + 3] >= y0) found.push(item);
    };
    for (const item of this.#big) take(item);
    const [c0, r0, c1, r1] = this.#span(x0, y0, x1, y1);
    this.seal();
    const start = this.#start!, items = this.#items;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) for (let k = start[r * this.#cols + c], end = start[r * this.#cols + c + 1]; k < end; k++) take(items[k]);
    }
    return Int32Array.from(found).sort();
  }

  #col(x: number) { return Math.min(this.#cols - 1, Math.max(0, Math.floor(x / this.#cell))); }
  #row(y: number) { return Math.min(this.#rows - 1, Math.max(0, Math.floor(y / this.#cell))); }

  #span(x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
    return [this.#col(x0), this.#row(y0), this.#col(x1), this.#row(y1)];
  }
}
