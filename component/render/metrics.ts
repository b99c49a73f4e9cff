/**
 * What a node box holds and how big it is (its text lines), and where its attachments go (a card
 * beside the box, outside the layout, so metrics never cause a relayout). One place for the numbers, so measuring (before layout), drawing on the canvas and the
 * SVG export agree. Sizes are in layout units (CSS pixels at zoom 1).
 */
import type { VzAttachment, VzNode } from '../model/format.js';
import type { Measure } from '../../layout-wasm/src/flatten.js';

export const FONT_SIZE = 12;
export const SMALL_SIZE = 10.5;
export const EDGE_FONT_SIZE = 10;
export const PAD_X = 10;
export const PAD_Y = 6;
export const LINE = 16;
export const SMALL_LINE = 14;
export const HEADER = 26;
export const TOGGLE = 14;
export const RADIUS = 6;
export const MIN_WIDTH = 56;

export const labelFont = (family: string) => `600 ${FONT_SIZE}px ${family}`;
export const smallFont = (family: string) => `${SMALL_SIZE}px ${family}`;
export const edgeFont = (family: string) => `${EDGE_FONT_SIZE}px ${family}`;

/**
 * Text longer than this is drawn cut, with an ellipsis: a huge label (a pasted tensor, a long
 * generated name) must not make a box thousands of pixels wide. Nothing is lost: the document
 * keeps the whole text, and the tooltip shows up to TOOLTIP_CHARS of it.
 */
export const MAX_LABEL_CHARS = 60;
export const MAX_EDGE_LABEL_CHARS = 40;
export const TOOLTIP_CHARS = 400;
export const clip = (text: string, max: number = MAX_LABEL_CHARS) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

export const labelOf = (n: VzNode) => clip(String(n.label ?? n.id));
export const edgeLabelOf = (label: unknown) => (typeof label === 'string' && label ? clip(label, MAX_EDGE_LABEL_CHARS) : undefined);

const shapeText = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) ? (v.every((x) => typeof x === 'string') ? v.join(', ') : `[${v.join(', ')}]`) : undefined;

/**
 * What tells this node apart besides its label: the module type when it differs from the label,
 * else its qualified name (a tracer labels modules by class: "Conv2d" in "layer1.0.conv1").
 */
export function subtitleOf(n: VzNode): string | undefined {
  const a = n.attrs ?? {};
  if (typeof a.type === 'string' && a.type !== n.label) return clip(a.type);
  if (typeof a.qualname === 'string' && a.qualname && a.qualname !== n.label) return clip(a.qualname);
  return undefined;
}

/** The secondary line of a box: the subtitle, else the output shape; plus a collapsed group's child count. */
export function secondaryOf(n: VzNode, childCount: number): string {
  const parts: string[] = [];
  const sub = subtitleOf(n) ?? shapeText(n.attrs?.shape) ?? shapeText(n.attrs?.out_shapes);
  if (sub) parts.push(sub);
  if (childCount > 0) parts.push(`${childCount} ${childCount === 1 ? 'child' : 'children'}`);
  return clip(parts.join(' · '));
}

/** Shown in an expanded group's header after its label. */
export const groupTypeOf = subtitleOf;

/** Height of one attachment row. */
export function attachmentHeight(a: VzAttachment): number {
  return a.type === 'line' || a.type === 'histogram' ? 26 : a.type === 'image' ? 40 : SMALL_LINE;
}

/** Width of the attachment card, and its gap from the node. */
export const CARD_WIDTH = 132;
export const CARD_GAP = 6;

/**
 * The card of a node's attachments: right of the box when the graph flows down or up, below it
 * when it flows right or left (beside the flow, where neighbours are fewer). x, y, w, h.
 */
export function cardBox(box: ArrayLike<number>, i: number, list: VzAttachment[], direction: number): [number, number, number, number] {
  let h = 2 * PAD_Y - 2;
  for (const a of list) h += attachmentHeight(a) + 2;
  const x = box[4 * i], y = box[4 * i + 1], w = box[4 * i + 2], bh = box[4 * i + 3];
  return direction % 2 === 0 ? [x + w + CARD_GAP, y, CARD_WIDTH, h] : [x, y + bh + CARD_GAP, CARD_WIDTH, h];
}

export interface TextWidth { (text: string, font: string): number }

/** A canvas-backed text measurer with a cache per font (labels repeat: "Conv2d", "relu"…). */
export function canvasTextWidth(): TextWidth {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const caches = new Map<string, Map<string, number>>();
  let font = '', cache = new Map<string, number>(), size = 0;
  return (text, f) => {
    if (f !== font) {
      font = f;
      cache = caches.get(f) ?? new Map();
      caches.set(f, cache);
    }
    let w = cache.get(text);
    if (w === undefined) {
      if (ctx.font !== f) ctx.font = f;
      w = ctx.measureText(text).width;
      if (++size > 50_000) { for (const c of caches.values()) c.clear(); size = 1; }
      cache.set(text, w);
    }
    return w;
  };
}

/**
 * The Measure flatten() asks for: boxes for leaves and collapsed groups, header bands for
 * expanded groups, label boxes for edges. `childCount(id)` > 0 marks a group.
 */
export function makeMeasure(width: TextWidth, family: string, mono: string, childCount: (id: string) => number): Measure {
  const lf = labelFont(family), sf = smallFont(family), ef = edgeFont(mono);
  return {
    node(n, expanded) {
      const kids = childCount(n.id);
      const label = width(labelOf(n), lf);
      if (expanded) {
        const type = groupTypeOf(n);
        return { width: Math.ceil(label + 2 * PAD_X + TOGGLE + 8 + (type ? width(type, sf) + 16 : 0)), height: HEADER };
      }
      const second = secondaryOf(n, kids);
      let w = Math.max(label, second ? width(second, sf) : 0) + 2 * PAD_X + (kids ? TOGGLE + 8 : 0);
      let h = 2 * PAD_Y + LINE + (second ? SMALL_LINE : 0);
      if (kids) { w += 3; h += 3; } // the card stack of a collapsed group
      return { width: Math.ceil(Math.max(MIN_WIDTH, w)), height: Math.ceil(h) };
    },
    edgeLabel(text) {
      return { width: Math.ceil(width(edgeLabelOf(text) ?? '', ef) + 8), height: EDGE_FONT_SIZE + 6 };
    },
  };
}
