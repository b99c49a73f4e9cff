/**
 * The part of CanvasRenderingContext2D the renderer uses, and SvgPainter, which records the
 * same calls as SVG elements. One drawing routine therefore serves the screen, toPNG() and
 * toSVG(): the export shows exactly what the canvas shows. Text stays text (<text>, escaped).
 */

export type Painter = Pick<CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'lineWidth' | 'font' | 'textAlign' | 'textBaseline' | 'globalAlpha' | 'lineJoin' |
  'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'roundRect' | 'rect' | 'fill' | 'stroke' | 'fillRect' |
  'fillText' | 'strokeText' | 'measureText' | 'setLineDash'>;

/** Escapes text for SVG/XML content and attribute values. */
export const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const num = (v: number) => String(Math.round(v * 100) / 100);

export class SvgPainter implements Painter {
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  globalAlpha = 1;
  lineJoin: CanvasLineJoin = 'miter';
  readonly parts: string[] = [];
  #d = '';
  #dash = '';
  /** A strokeText() waiting for the fillText() of the same text: one <text> with a halo (paint-order stroke). */
  #halo: { text: string; x: number; y: number; attrs: string } | undefined;

  readonly #measurer: CanvasRenderingContext2D;

  constructor(measurer: CanvasRenderingContext2D) { this.#measurer = measurer; }

  beginPath() { this.#d = ''; }
  moveTo(x: number, y: number) { this.#d += `M${num(x)} ${num(y)}`; }
  lineTo(x: number, y: number) { this.#d += `L${num(x)} ${num(y)}`; }
  closePath() { this.#d += 'Z'; }
  rect(x: number, y: number, w: number, h: number) { this.#d += `M${num(x)} ${num(y)}h${num(w)}v${num(h)}h${num(-w)}Z`; }
  roundRect(x: number, y: number, w: number, h: number, radii?: number | DOMPointInit | Iterable<number | DOMPointInit>) {
    const list = typeof radii === 'number' ? [radii, radii, radii, radii] : [...((radii as Iterable<number>) ?? [0])] as number[];
    const [tl, tr, br, bl] = list.length === 1 ? [list[0], list[0], list[0], list[0]] : list.length === 4 ? list : [0, 0, 0, 0];
    this.#d += `M${num(x + tl)} ${num(y)}H${num(x + w - tr)}` + (tr ? `A${tr} ${tr} 0 0 1 ${num(x + w)} ${num(y + tr)}` : '') +
      `V${num(y + h - br)}` + (br ? `A${br} ${br} 0 0 1 ${num(x + w - br)} ${num(y + h)}` : '') +
      `H${num(x + bl)}` + (bl ? `A${bl} ${bl} 0 0 1 ${num(x)} ${num(y + h - bl)}` : '') +
      `V${num(y + tl)}` + (tl ? `A${tl} ${tl} 0 0 1 ${num(x + tl)} ${num(y)}` : '') + 'Z';
  }
  fill() { this.parts.push(`<path d="${this.#d}" fill="${this.#colour(this.fillStyle)}"${this.#alpha()}/>`); }
  stroke() {
    this.parts.push(`<path d="${this.#d}" fill="none" stroke="${this.#colour(this.strokeStyle)}" stroke-width="${num(this.lineWidth)}"` +
      `${this.#dash ? ` stroke-dasharray="${this.#dash}"` : ''}${this.lineJoin !== 'miter' ? ` stroke-linejoin="${this.lineJoin}"` : ''}${this.#alpha()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number) {
    this.parts.push(`<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${this.#colour(this.fillStyle)}"${this.#alpha()}/>`);
  }
  strokeText(text: string, x: number, y: number) {
    this.#halo = { text, x, y, attrs: ` stroke="${this.#colour(this.strokeStyle)}" stroke-width="${num(this.lineWidth)}"` +
      `${this.globalAlpha < 1 ? ` stroke-opacity="${num(this.globalAlpha)}"` : ''} stroke-linejoin="round" paint-order="stroke"` };
  }
  fillText(text: string, x: number, y: number) {
    const h = this.#halo;
    this.#halo = undefined;
    const halo = h && h.text === text && h.x === x && h.y === y ? h.attrs : '';
    const m = /^(?:(\d{3}|bold|normal)\s+)?([\d.]+)px\s+(.*)$/.exec(this.font);
    const weight = m?.[1] && m[1] !== 'normal' ? ` font-weight="${m[1]}"` : '';
    const anchor = this.textAlign === 'center' ? 'middle' : this.textAlign === 'right' || this.textAlign === 'end' ? 'end' : 'start';
    const base = this.textBaseline === 'middle' ? 'central' : this.textBaseline === 'top' ? 'hanging' : 'alphabetic';
    this.parts.push(`<text x="${num(x)}" y="${num(y)}" font-size="${m?.[2] ?? 10}" font-family="${escapeXml(m?.[3] ?? 'sans-serif')}"${weight}` +
      ` text-anchor="${anchor}" dominant-baseline="${base}" fill="${this.#colour(this.fillStyle)}"${this.#alpha()}${halo}>${escapeXml(text)}</text>`);
  }
  measureText(text: string) {
    this.#measurer.font = this.font;
    return this.#measurer.measureText(text);
  }
  setLineDash(segments: number[]) { this.#dash = segments.map(num).join(' '); }

  #colour(c: unknown) { return escapeXml(typeof c === 'string' ? c : '#000'); }
  #alpha() { return this.globalAlpha < 1 ? ` opacity="${num(this.globalAlpha)}"` : ''; }
}
