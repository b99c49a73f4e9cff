/**
 * A uniform grid over the layout's bounds: which items (boxes) touch a rectangle, in about the
 * time it takes to list them. Cells are sized for ~2 items each on average. Items that would
 * span more than BIG_CELLS cells (large groups, long edges) go to one list checked every query,
 * so no item fills thousands of cells. Query results come back sorted by item number (the
 * scene numbers items in drawing order) and without duplicates.
 */

const BIG_CELLS = 64;

export class SpatialGrid {
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cells: number[][];
  private readonly big: number[] = [];
  private readonly bounds: Float64Array;
  private readonly stamp: Uint32Array;
  private tick = 0;

  constructor(width: number, height: number, capacity: number) {
    const w = Math.max(1, width), h = Math.max(1, height);
    this.cell = Math.max(48, Math.sqrt((w * h) / Math.max(1, capacity / 2)));
    this.cols = Math.max(1, Math.ceil(w / this.cell));
    this.rows = Math.max(1, Math.ceil(h / this.cell));
    this.cells = Array.from({ length: this.cols * this.rows }, () => []);
    this.bounds = new Float64Array(4 * capacity);
    this.stamp = new Uint32Array(capacity);
  }

  insert(item: number, x: number, y: number, w: number, h: number) {
    const b = 4 * item;
    this.bounds[b] = x; this.bounds[b + 1] = y; this.bounds[b + 2] = x + w; this.bounds[b + 3] = y + h;
    const [c0, r0, c1, r1] = this.span(x, y, x + w, y + h);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > BIG_CELLS) { this.big.push(item); return; }
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.cells[r * this.cols + c].push(item);
  }

  /** Items whose bounds meet the rectangle [x0, x1] × [y0, y1], ascending. */
  query(x0: number, y0: number, x1: number, y1: number): Int32Array {
    if (++this.tick === 0xffffffff) { this.stamp.fill(0); this.tick = 1; }
    const tick = this.tick, stamp = this.stamp, bounds = this.bounds;
    const found: number[] = [];
    const take = (item: number) => {
      if (stamp[item] === tick) return;
      stamp[item] = tick;
      const b = 4 * item;
      if (bounds[b] <= x1 && bounds[b + 2] >= x0 && bounds[b + 1] <= y1 && bounds[b + 3] >= y0) found.push(item);
    };
    for (const item of this.big) take(item);
    const [c0, r0, c1, r1] = this.span(x0, y0, x1, y1);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) for (const item of this.cells[r * this.cols + c]) take(item);
    return Int32Array.from(found).sort();
  }

  private span(x0: number, y0: number, x1: number, y1: number): [number, number, number, number] {
    const clampC = (v: number) => Math.min(this.cols - 1, Math.max(0, Math.floor(v / this.cell)));
    const clampR = (v: number) => Math.min(this.rows - 1, Math.max(0, Math.floor(v / this.cell)));
    return [clampC(x0), clampR(y0), clampC(x1), clampR(y1)];
  }
}
