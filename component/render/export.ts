/**
 * Exports of the current view's whole layout (every visible node, not only the viewport), at full
 * detail, drawn by the same routine as the screen: toSVG() through the SvgPainter (vector boxes
 * and paths, labels as escaped <text>), toPNG() on an offscreen canvas.
 * Both add EXPORT_PAD layout units of margin around the layout.
 */
import { drawScene } from './draw.js';
import { SvgPainter, escapeXml } from './painter.js';
import type { Scene } from './scene.js';
import type { Theme } from './theme.js';
import { cardBox } from './metrics.js';

export const EXPORT_PAD = 16;
/** Browsers refuse canvases much larger than this many pixels a side. */
const MAX_SIDE = 16384;

const full = (s: Scene) => ({ x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity, k: 1, hover: -1, selected: -1, full: true });

/** The drawing's size: the layout, and the attachment cards that stick out of it. */
function extent(s: Scene): [number, number] {
  let w = s.width, h = s.height;
  for (let i = 0; i < s.n; i++) {
    const list = s.nodes[i].attachments;
    if (!list?.length) continue;
    const [x, y, cw, ch] = cardBox(s.boxes, i, list, s.direction);
    w = Math.max(w, x + cw);
    h = Math.max(h, y + ch);
  }
  return [w, h];
}

export function sceneToSvg(s: Scene, t: Theme, title: string): string {
  const measurer = document.createElement('canvas').getContext('2d')!;
  const painter = new SvgPainter(measurer);
  drawScene(painter, s, t, full(s));
  const [sw, sh] = extent(s);
  const w = Math.ceil(sw + 2 * EXPORT_PAD), h = Math.ceil(sh + 2 * EXPORT_PAD);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="${escapeXml(t.bg)}"/>` +
    `<g transform="translate(${EXPORT_PAD} ${EXPORT_PAD})">${painter.parts.join('')}</g></svg>`;
}

/** The PNG's pixel size for a scene at `scale`: ceil((drawing + 2 × pad) × scale), capped. */
export function pngSize(s: Scene, scale: number): { width: number; height: number; scale: number } {
  const [w, h] = extent(s);
  const fitScale = Math.min(scale, MAX_SIDE / (w + 2 * EXPORT_PAD), MAX_SIDE / (h + 2 * EXPORT_PAD));
  return { width: Math.ceil((w + 2 * EXPORT_PAD) * fitScale), height: Math.ceil((h + 2 * EXPORT_PAD) * fitScale), scale: fitScale };
}

export function sceneToPng(s: Scene, t: Theme, scale: number): Promise<Blob> {
  const size = pngSize(s, scale);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = t.bg;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.setTransform(size.scale, 0, 0, size.scale, EXPORT_PAD * size.scale, EXPORT_PAD * size.scale);
  drawScene(ctx, s, t, full(s));
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}
