/**
 * Draws a scene in world coordinates through a Painter (the screen canvas, a PNG canvas or the
 * SVG recorder). Only items meeting the frame's rectangle are drawn (spatial grid), with less
 * detail as the zoom `k` falls: node labels first, then edge labels and arrowheads, then group
 * insides (drawn as plain boxes, see scene.ts INSIDE_PX). `full` draws everything (exports).
 *
 * Order: expanded groups showing their insides (outer first), edges, highlighted edges, leaves,
 * collapsed groups and plain groups (opaque, over the edge ends inside them), edge labels,
 * selection and hover outlines. Line widths are in screen pixels (divided by k): hairlines at
 * every zoom.
 */
import { Kind, type Scene } from './scene.js';
import type { Painter } from './painter.js';
import { kindFill, kindStripe, type Theme } from './theme.js';
import { drawAttachments } from './attachments.js';
import {
  FONT_SIZE, HEADER, LINE, PAD_X, PAD_Y, RADIUS, SMALL_LINE, TOGGLE,
  CARD_GAP, CARD_WIDTH, cardBox, edgeFont, edgeLabelOf, groupTypeOf, labelFont, labelOf, secondaryOf, smallFont,
} from './metrics.js';

export interface Frame {
  /** The world rectangle to draw. */
  x0: number; y0: number; x1: number; y1: number;
  /** Zoom: screen pixels per layout unit. */
  k: number;
  hover: number;
  selected: number;
  /** A point to mark (world coordinates): the sparkline sample under the pointer. */
  mark?: [number, number];
  /** Search matches (1 per matching scene node): an accent outline. */
  marked?: Uint8Array;
  /** The node with keyboard focus: a dashed ring outside its box. */
  focused?: number;
  /** Everything at full detail (exports). */
  full?: boolean;
}

/** Zoom below which node labels are not drawn (they would be under ~5 px tall). */
export const TEXT_K = 5 / FONT_SIZE;
const EDGE_LABEL_K = 0.6;
const ARROW_K = 0.3;

/** Draws the scene; returns how many items (nodes and edges) met the frame's rectangle. */
export function drawScene(ctx: Painter, s: Scene, t: Theme, f: Frame): number {
  const k = f.full ? 1 : f.k;
  // A little beyond the view's top-left: attachment cards of nodes just outside may show.
  const items = s.grid.query(f.x0 - CARD_WIDTH - CARD_GAP, f.y0 - 160, f.x1, f.y1);
  const shown = (item: number) => f.full || s.showScale[item] <= k;
  const text = f.full || k >= TEXT_K;
  const hot = new Set<number>();
  if (f.hover >= 0) for (let a = s.adjStart[f.hover]; a < s.adjStart[f.hover + 1]; a++) hot.add(s.adj[a]);
  ctx.lineJoin = 'round';

  for (const i of items) if (i < s.n && s.kind[i] === Kind.Group && shown(i) && !plain(s, i, k, f)) drawGroup(ctx, s, t, i, k, text);

  ctx.strokeStyle = t.edge;
  ctx.fillStyle = t.edge;
  ctx.lineWidth = 1.25 / k;
  const arrows = f.full || k >= ARROW_K;
  const edges = visibleEdges(s, items, k, f, shown);
  ctx.beginPath();
  for (const j of edges) if (!hot.has(j)) edgePath(ctx, s, j);
  ctx.stroke();
  if (arrows) {
    ctx.beginPath();
    for (const j of edges) if (!hot.has(j)) arrowPath(ctx, s, j);
    ctx.fill();
  }
  if (hot.size) {
    ctx.strokeStyle = ctx.fillStyle = t.accent;
    ctx.lineWidth = 2.25 / k;
    ctx.beginPath();
    for (const j of hot) edgePath(ctx, s, j);
    ctx.stroke();
    ctx.beginPath();
    for (const j of hot) arrowPath(ctx, s, j);
    ctx.fill();
  }

  // Group titles over the edges that enter their groups, with a halo so a crossing line never runs through the letters.
  if (text) for (const i of items) if (i < s.n && s.kind[i] === Kind.Group && shown(i) && !plain(s, i, k, f)) groupTitle(ctx, s, t, i);

  // Leaves, collapsed groups, and groups too small to show their insides (opaque: they cover
  // the ends of edges routed inside them; none of them overlap). Far out there are thousands of
  // small ones: those are batched, one path per colour, since one draw call each is slow to raster.
  const blocks = new Map<string, number[]>(), plains: number[] = [];
  for (const i of items) {
    if (i >= s.n || !shown(i)) continue;
    if (s.kind[i] === Kind.Group) { if (plain(s, i, k, f)) plains.push(i); continue; }
    if (s.boxes[4 * i + 2] * k >= FAR_PX) { drawNode(ctx, s, t, i, k, text); continue; }
    const colour = s.kind[i] === Kind.Collapsed ? t.textMuted : kindStripe(t, s.nodes[i].kind);
    let list = blocks.get(colour);
    if (!list) blocks.set(colour, (list = []));
    list.push(i);
  }
  drawPlainGroups(ctx, s, t, plains, k);
  ctx.globalAlpha = 0.7; // far away: plain blocks in the kind's strong colour, like a minimap
  for (const [colour, list] of blocks) {
    ctx.beginPath();
    for (const i of list) ctx.rect(s.boxes[4 * i], s.boxes[4 * i + 1], s.boxes[4 * i + 2], s.boxes[4 * i + 3]);
    ctx.fillStyle = colour;
    ctx.fill();
  }
  ctx.globalAlpha = 1;

  // Attachment cards, over everything else (they sit outside the layout, beside their node).
  if (text) {
    for (const i of items) {
      const list = i < s.n && shown(i) ? s.nodes[i].attachments : undefined;
      if (!list?.length) continue;
      const [x, y, w, h] = cardBox(s.boxes, i, list, s.direction);
      ctx.beginPath();
      ctx.roundRect(x, y, w, h, 4);
      ctx.fillStyle = t.bg;
      ctx.fill();
      ctx.strokeStyle = t.nodeStroke;
      ctx.lineWidth = 1 / k;
      ctx.setLineDash([3 / k, 2 / k]);
      ctx.stroke();
      ctx.setLineDash([]);
      drawAttachments(ctx, list, x + PAD_X - 2, y + PAD_Y - 1, w - 2 * PAD_X + 4, t);
    }
  }

  if (f.full || k >= EDGE_LABEL_K) {
    ctx.font = edgeFont(t.monoFamily);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const i of items) {
      const j = i - s.n;
      if (j < 0 || !shown(i) || Number.isNaN(s.labels[4 * j])) continue;
      const label = edgeLabelOf(s.edgeDoc[j]?.label);
      if (!label) continue;
      const [x, y, w, h] = s.labels.subarray(4 * j, 4 * j + 4);
      ctx.fillStyle = t.bg;
      ctx.globalAlpha = 0.85;
      ctx.beginPath();
      ctx.roundRect(x, y, w, h, 3);
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.fillStyle = hot.has(j) ? t.accent : t.edgeLabel;
      ctx.fillText(label, x + w / 2, y + h / 2 + 0.5);
    }
  }

  if (f.marked) { // search matches: one accent path for all those in view
    ctx.strokeStyle = t.accent;
    ctx.lineWidth = 2 / k;
    ctx.globalAlpha = 0.6;
    ctx.beginPath();
    for (const i of items) if (i < s.n && f.marked[i] && shown(i)) ctx.roundRect(s.boxes[4 * i] - 2 / k, s.boxes[4 * i + 1] - 2 / k, s.boxes[4 * i + 2] + 4 / k, s.boxes[4 * i + 3] + 4 / k, RADIUS + 1);
    ctx.stroke();
    ctx.globalAlpha = 1;
  }
  if (f.mark && text) { // the hovered sparkline sample
    ctx.beginPath();
    ctx.roundRect(f.mark[0] - 2.5, f.mark[1] - 2.5, 5, 5, 2.5);
    ctx.fillStyle = t.accent;
    ctx.fill();
    ctx.strokeStyle = t.bg;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  const fi = f.focused ?? -1;
  if (fi >= 0 && fi < s.n) { // keyboard focus: a ring 3 px outside the box, visible on any fill
    const [x, y, w, h] = s.boxes.subarray(4 * fi, 4 * fi + 4);
    const o = 4 / k;
    ctx.strokeStyle = t.accent;
    ctx.lineWidth = 2 / k;
    ctx.setLineDash([5 / k, 3 / k]);
    ctx.beginPath();
    ctx.roundRect(x - o, y - o, w + 2 * o, h + 2 * o, RADIUS + 3);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const [i, colour, width] of [[f.selected, t.accent, 2.5], [f.hover, t.accent, 1.5]] as const) {
    if (i < 0 || i >= s.n || !shown(i)) continue;
    const [x, y, w, h] = s.boxes.subarray(4 * i, 4 * i + 4);
    ctx.strokeStyle = colour;
    ctx.lineWidth = width / k;
    ctx.beginPath();
    ctx.roundRect(x - 1 / k, y - 1 / k, w + 2 / k, h + 2 / k, RADIUS);
    ctx.stroke();
  }
  return items.length;
}

/** More edges than this in view: those joining two nodes under FAR_PX on screen are left out. */
const EDGE_BUDGET = 1000;

/**
 * The edges to draw. Far out, a dense graph can put tens of thousands of edges in view, each a
 * hairline between two dots, together a grey smear that takes hundreds of ms to raster; over
 * EDGE_BUDGET, edges whose two ends are both under FAR_PX wide on screen are not drawn.
 */
function visibleEdges(s: Scene, items: Int32Array, k: number, f: Frame, shown: (item: number) => boolean): number[] {
  const list: number[] = [];
  for (const i of items) if (i >= s.n && shown(i)) list.push(i - s.n);
  if (f.full || list.length <= EDGE_BUDGET) return list;
  const big = (i: number) => Math.max(s.boxes[4 * i + 2], s.boxes[4 * i + 3]) * k >= FAR_PX;
  return list.filter((j) => big(s.edgeSource[j]) || big(s.edgeTarget[j]));
}

/** An expanded group too small on screen to show its insides. */
const plain = (s: Scene, i: number, k: number, f: Frame) => !f.full && k < s.insideScale[i];

/** Leaves narrower than this on screen (px) are drawn as plain blocks. */
const FAR_PX = 12;
/** Plain groups narrower than this on screen (px) are drawn as solid marks, without outline. */
const TINY_PX = 4;

/** Groups drawn as plain boxes (insides hidden): one path for all, one for the tiny ones. */
function drawPlainGroups(ctx: Painter, s: Scene, t: Theme, list: number[], k: number) {
  if (!list.length) return;
  const b = s.boxes;
  for (const tiny of [false, true]) {
    ctx.beginPath();
    let any = false;
    for (const i of list) {
      if ((b[4 * i + 2] * k < TINY_PX) !== tiny) continue;
      any = true;
      if (tiny) ctx.rect(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
      else ctx.roundRect(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3], RADIUS + 2);
    }
    if (!any) continue;
    ctx.fillStyle = tiny ? t.groupStroke : t.collapsedFill;
    ctx.fill();
    if (tiny) continue;
    ctx.strokeStyle = t.groupStroke;
    ctx.lineWidth = 1 / k;
    ctx.stroke();
  }
}

function drawGroup(ctx: Painter, s: Scene, t: Theme, i: number, k: number, detail: boolean) {
  const [x, y, w, h] = s.boxes.subarray(4 * i, 4 * i + 4);
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, RADIUS + 2);
  ctx.fillStyle = t.groupFill;
  ctx.fill();
  ctx.strokeStyle = t.groupStroke;
  ctx.lineWidth = 1 / k;
  ctx.stroke();
  if (!detail) return;
  ctx.beginPath();
  ctx.roundRect(x, y, w, HEADER, [RADIUS + 2, RADIUS + 2, 0, 0]);
  ctx.fillStyle = t.groupHeader;
  ctx.fill();
  toggle(ctx, t, x + w - PAD_X - TOGGLE, y + (HEADER - TOGGLE) / 2, false, k);
}

/** An expanded group's label and type in its header band. */
function groupTitle(ctx: Painter, s: Scene, t: Theme, i: number) {
  const [x, y, w] = s.boxes.subarray(4 * i, 4 * i + 3);
  ctx.font = labelFont(t.fontFamily);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const label = labelOf(s.nodes[i]);
  haloText(ctx, t, label, x + PAD_X, y + HEADER / 2, t.text);
  const type = groupTypeOf(s.nodes[i]);
  if (type) {
    const lw = ctx.measureText(label).width;
    ctx.font = smallFont(t.fontFamily);
    if (PAD_X + lw + 10 + ctx.measureText(type).width + 6 + TOGGLE + PAD_X <= w) haloText(ctx, t, type, x + PAD_X + lw + 10, y + HEADER / 2, t.textMuted);
  }
}

/** Text with a soft outline in the background colour (lines under it stop short of the letters). */
function haloText(ctx: Painter, t: Theme, text: string, x: number, y: number, colour: string) {
  ctx.strokeStyle = t.bg;
  ctx.lineWidth = 3.5;
  ctx.globalAlpha = 0.8;
  ctx.strokeText(text, x, y);
  ctx.globalAlpha = 1;
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/** The expand/collapse affordance: a small square with + (collapsed) or − (expanded). */
function toggle(ctx: Painter, t: Theme, x: number, y: number, plus: boolean, k: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, TOGGLE, TOGGLE, 3);
  ctx.strokeStyle = t.textMuted;
  ctx.lineWidth = 1 / k;
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x + 3.5, y + TOGGLE / 2);
  ctx.lineTo(x + TOGGLE - 3.5, y + TOGGLE / 2);
  if (plus) { ctx.moveTo(x + TOGGLE / 2, y + 3.5); ctx.lineTo(x + TOGGLE / 2, y + TOGGLE - 3.5); }
  ctx.lineWidth = 1.5 / Math.max(k, 0.75);
  ctx.stroke();
}

function drawNode(ctx: Painter, s: Scene, t: Theme, i: number, k: number, text: boolean) {
  const [x, y, w, h] = s.boxes.subarray(4 * i, 4 * i + 4);
  const node = s.nodes[i];
  const collapsed = s.kind[i] === Kind.Collapsed;
  ctx.lineWidth = 1 / k;
  // A collapsed group is a small stack of cards (there is more inside), within its layout box.
  const d = collapsed ? 3 : 0;
  if (collapsed) {
    ctx.beginPath();
    ctx.roundRect(x + d, y + d, w - d, h - d, RADIUS);
    ctx.fillStyle = t.collapsedFill;
    ctx.fill();
    ctx.strokeStyle = t.groupStroke;
    ctx.stroke();
  }
  ctx.beginPath();
  ctx.roundRect(x, y, w - d, h - d, RADIUS);
  ctx.fillStyle = collapsed ? t.collapsedFill : kindFill(t, node.kind);
  ctx.fill();
  ctx.strokeStyle = collapsed ? t.groupStroke : t.nodeStroke;
  ctx.stroke();
  if (!collapsed) { // kind stripe on the left edge
    ctx.beginPath();
    ctx.roundRect(x, y, 4, h, [RADIUS, 0, 0, RADIUS]);
    ctx.fillStyle = kindStripe(t, node.kind);
    ctx.fill();
  }
  if (!text) return;
  const second = secondaryOf(node, collapsed ? s.childCount[i] : 0);
  const lines = LINE + (second ? SMALL_LINE : 0);
  const textH = Math.max(lines, h - d - 2 * PAD_Y);
  const top = y + PAD_Y + (textH - lines) / 2;
  const left = x + PAD_X + (collapsed ? 0 : 2);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = labelFont(t.fontFamily);
  ctx.fillStyle = t.text;
  ctx.fillText(labelOf(node), left, top + LINE / 2);
  if (second) {
    ctx.font = smallFont(t.fontFamily);
    ctx.fillStyle = t.textMuted;
    ctx.fillText(second, left, top + LINE + SMALL_LINE / 2 - 1);
  }
  if (collapsed) toggle(ctx, t, x + w - d - PAD_X - TOGGLE, top + (LINE - TOGGLE) / 2, true, k);
}

function edgePath(ctx: Painter, s: Scene, j: number) {
  const o0 = s.offsets[j], o1 = s.offsets[j + 1];
  if (o1 - o0 < 2) return;
  const p = s.points;
  ctx.moveTo(p[2 * o0], p[2 * o0 + 1]);
  // Stop the line at the arrowhead's base so the tip stays sharp.
  for (let q = o0 + 1; q < o1 - 1; q++) ctx.lineTo(p[2 * q], p[2 * q + 1]);
  const [bx, by] = arrowBase(s, j);
  ctx.lineTo(bx, by);
}

const ARROW = 7;
function arrowBase(s: Scene, j: number): [number, number] {
  const p = s.points, q = s.offsets[j + 1] - 1;
  const tx = p[2 * q], ty = p[2 * q + 1], px = p[2 * q - 2], py = p[2 * q - 1];
  const len = Math.hypot(tx - px, ty - py) || 1;
  const a = Math.min(ARROW, len);
  return [tx - ((tx - px) / len) * a, ty - ((ty - py) / len) * a];
}

function arrowPath(ctx: Painter, s: Scene, j: number) {
  const o0 = s.offsets[j], q = s.offsets[j + 1] - 1;
  if (q - o0 < 1) return;
  const p = s.points;
  const tx = p[2 * q], ty = p[2 * q + 1];
  const [bx, by] = arrowBase(s, j);
  const len = Math.hypot(tx - bx, ty - by) || 1;
  const nx = (-(ty - by) / len) * 3.5, ny = ((tx - bx) / len) * 3.5;
  ctx.moveTo(tx, ty);
  ctx.lineTo(bx + nx, by + ny);
  ctx.lineTo(bx - nx, by - ny);
  ctx.closePath();
}

