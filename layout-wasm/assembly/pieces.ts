/** The points of every edge piece (tasks.ts), appended group by group; joined by output.ts. */
import { growF, growI, ld, st, add } from './util';
import { tPtStart, tPtCount } from './tasks';

export let pts = new Float64Array(1024);
export let ptCount: i32 = 0;           // points (pairs)
/** Per task, the canonical side of the border port (OUT/IN tasks), set while routing. */
export let portSide = new Int32Array(16);

export function resetPieces(tasks: i32): void { ptCount = 0; portSide = growI(portSide, tasks + 1); }

export function begin(task: i32): void { st(tPtStart, task, ptCount); st(tPtCount, task, 0); }

export function pt(task: i32, x: f64, y: f64): void {
  if (pts.length < 2 * ptCount + 2) pts = growF(pts, 2 * ptCount + 2);
  st(pts, 2 * ptCount, x); st(pts, 2 * ptCount + 1, y);
  ptCount++;
  add(tPtCount, task, 1);
}

/** Reverses a piece in place (edges drawn against the layering direction). */
export function reversePiece(task: i32): void {
  let a = ld(tPtStart, task), b = a + ld(tPtCount, task) - 1;
  while (a < b) {
    const x = ld(pts, 2 * a), y = ld(pts, 2 * a + 1);
    st(pts, 2 * a, ld(pts, 2 * b)); st(pts, 2 * a + 1, ld(pts, 2 * b + 1));
    st(pts, 2 * b, x); st(pts, 2 * b + 1, y);
    a++; b--;
  }
}
