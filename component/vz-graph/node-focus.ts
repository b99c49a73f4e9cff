/**
 * Keyboard focus on the diagram's nodes: which node the arrow keys land on next, and what a
 * screen reader hears about it. Arrows move in space (Down follows a downward flow, Right a
 * rightward one): the nearest drawn node whose anchor lies in that direction, in a 45° cone
 * when there is one, sideways distance counting double, and siblings preferred (a step that
 * stays in the same group costs less). An expanded group's anchor is its header band.
 */
import { Kind, type Scene } from '../render/scene.js';
import { HEADER, labelOf } from '../render/metrics.js';

export type Direction = 'up' | 'down' | 'left' | 'right';

const VECTORS: Record<Direction, [number, number]> = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] };

/** Where a node "is" for keyboard moves: its centre, or the middle of an expanded group's header. */
function anchor(s: Scene, i: number): [number, number] {
  const b = s.boxes;
  const x = b[4 * i] + b[4 * i + 2] / 2;
  return [x, s.kind[i] === Kind.Group ? b[4 * i + 1] + HEADER / 2 : b[4 * i + 1] + b[4 * i + 3] / 2];
}

/** The node to focus after pressing `dir` on node `from`, or -1 when there is none that way. */
export function nextNode(s: Scene, from: number, dir: Direction): number {
  const [dx, dy] = VECTORS[dir];
  const [fx, fy] = anchor(s, from);
  let best = -1, bestScore = Infinity;
  for (let pass = 0; pass < 2 && best < 0; pass++) { // first inside the cone, then anywhere on that side
    for (let i = 0; i < s.n; i++) {
      if (i === from) continue;
      const [x, y] = anchor(s, i);
      const along = (x - fx) * dx + (y - fy) * dy;
      const across = Math.abs((x - fx) * dy - (y - fy) * dx);
      if (along <= 0.5 || (pass === 0 && across > along)) continue;
      const score = (along + 2 * across) * (s.parent[i] === s.parent[from] ? 1 : 1.5);
      if (score < bestScore) { bestScore = score; best = i; }
    }
  }
  return best;
}

/** The first node to focus when the diagram gets the keyboard: the first top-level node in the flow. */
export function firstNode(s: Scene): number {
  let best = -1, bx = Infinity, by = Infinity;
  for (let i = 0; i < s.n; i++) {
    if (s.parent[i] >= 0) continue;
    const [x, y] = anchor(s, i);
    const [a, b] = s.direction % 2 === 0 ? [y, x] : [x, y];
    if (a < by || (a === by && b < bx)) { by = a; bx = b; best = i; }
  }
  return best;
}

/** What a screen reader announces for node i: label, type, and group state. */
export function describeNode(s: Scene, i: number): string {
  const node = s.nodes[i];
  const type = String(node.attrs?.type ?? node.kind ?? 'node');
  const parts = [labelOf(node), type !== labelOf(node) ? type : ''];
  if (s.kind[i] === Kind.Collapsed) parts.push(`collapsed group of ${s.childCount[i]}, press Enter to expand`);
  else if (s.kind[i] === Kind.Group) parts.push(`expanded group of ${s.childCount[i]}, press Enter to collapse`);
  const shape = node.attrs?.shape;
  if (shape !== undefined) parts.push(`output ${Array.isArray(shape) ? `[${shape.join(', ')}]` : String(shape)}`);
  return parts.filter(Boolean).join(', ');
}
