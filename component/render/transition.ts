/**
 * The move from one layout to the next after a group opens or closes: boxes and edge routes
 * slide from where they were (on screen) to where they go, over TRANSITION_MS, eased.
 *
 * Start positions, per node of the new scene: its old box when it was shown; else (a child
 * appearing as its group opens) its nearest ancestor's old box, so children grow out of the
 * group. Edges whose route has as many points as before move point by point; the others follow
 * their ends (each point shifts like the source at the start of the route and like the target
 * at its end). Nodes that disappear (their group closed) are not drawn: the group shrinks over them.
 * Large scenes are not animated (they are redrawn once: a frame of 100k items is not free).
 */
import type { Scene } from './scene.js';

export const TRANSITION_MS = 200;
/** Scenes with more nodes + edges than this change without animation. */
export const MAX_ANIMATED = 6000;

export interface Transition {
  start: number;
  ms: number;
  fromBoxes: Float64Array;
  fromPoints: Float64Array;
  /** The scene drawn during the move: the final scene with boxes and points in between. */
  frame: Scene;
}

/**
 * The transition from `old` to `next`. (dx, dy): how far old world coordinates moved under the new
 * view transform (old positions + (dx, dy) are where they were on screen).
 */
export function makeTransition(old: Scene, next: Scene, dx: number, dy: number, now: number, ms = TRANSITION_MS): Transition | undefined {
  if (next.n + next.m > MAX_ANIMATED || old.n + old.m > MAX_ANIMATED) return undefined;
  const from = new Float64Array(next.boxes.length);
  for (let i = 0; i < next.n; i++) {
    let o = old.index.get(next.ids[i]);
    for (let p = next.parent[i]; o === undefined && p >= 0; p = next.parent[p]) o = old.index.get(next.ids[p]);
    if (o === undefined) { from.set(next.boxes.subarray(4 * i, 4 * i + 4), 4 * i); continue; }
    const same = old.ids[o] === next.ids[i];
    const ob = old.boxes;
    // A child growing out of its group starts as a small box at the group's top-left corner.
    from[4 * i] = ob[4 * o] + dx;
    from[4 * i + 1] = ob[4 * o + 1] + dy;
    from[4 * i + 2] = same ? ob[4 * o + 2] : Math.min(next.boxes[4 * i + 2], ob[4 * o + 2]);
    from[4 * i + 3] = same ? ob[4 * o + 3] : Math.min(next.boxes[4 * i + 3], ob[4 * o + 3]);
  }
  // Old routes by their ends' ids.
  const oldRoute = new Map<string, number>();
  for (let j = 0; j < old.m; j++) oldRoute.set(`${old.ids[old.edgeSource[j]]}\u0000${old.ids[old.edgeTarget[j]]}`, j);
  const fromPoints = new Float64Array(next.points.length);
  for (let j = 0; j < next.m; j++) {
    const p0 = next.offsets[j], p1 = next.offsets[j + 1];
    const o = oldRoute.get(`${next.ids[next.edgeSource[j]]}\u0000${next.ids[next.edgeTarget[j]]}`);
    if (o !== undefined && old.offsets[o + 1] - old.offsets[o] === p1 - p0) {
      for (let q = 0; q < p1 - p0; q++) {
        fromPoints[2 * (p0 + q)] = old.points[2 * (old.offsets[o] + q)] + dx;
        fromPoints[2 * (p0 + q) + 1] = old.points[2 * (old.offsets[o] + q) + 1] + dy;
      }
      continue;
    }
    const s = next.edgeSource[j], t = next.edgeTarget[j];
    const sdx = from[4 * s] - next.boxes[4 * s], sdy = from[4 * s + 1] - next.boxes[4 * s + 1];
    const tdx = from[4 * t] - next.boxes[4 * t], tdy = from[4 * t + 1] - next.boxes[4 * t + 1];
    for (let q = p0; q < p1; q++) {
      const f = p1 - p0 > 1 ? (q - p0) / (p1 - p0 - 1) : 0;
      fromPoints[2 * q] = next.points[2 * q] + sdx + (tdx - sdx) * f;
      fromPoints[2 * q + 1] = next.points[2 * q + 1] + sdy + (tdy - sdy) * f;
    }
  }
  // Edge labels are hidden while moving (NaN x), shown again at the end.
  const frame: Scene = { ...next, boxes: from.slice(), points: fromPoints.slice(), labels: new Float64Array(next.labels.length).fill(NaN) };
  return { start: now, ms, fromBoxes: from, fromPoints, frame };
}

/** Moves `tr.frame` to time `now`; returns false once the transition is over. */
export function stepTransition(tr: Transition, final: Scene, now: number): boolean {
  const t = Math.min(1, Math.max(0, (now - tr.start) / tr.ms));
  const e = t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2; // ease in-out (cubic)
  lerp(tr.frame.boxes as Float64Array, tr.fromBoxes, final.boxes, e);
  lerp(tr.frame.points, tr.fromPoints, final.points, e);
  return t < 1;
}

function lerp(out: Float64Array, a: Float64Array, b: Float64Array, e: number) {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + (b[i] - a[i]) * e;
}
