/**
 * Attachments drawn on a card beside their node (metrics.ts cardBox): text, scalar, a sparkline for
 * `line` { values }, bars for `histogram` { bins, counts }, a heat map for `image`
 * { width, height, data }. Drawn through the Painter subset, so the SVG export draws them too.
 */
import type { VzAttachment } from '../model/format.js';
import type { Painter } from './painter.js';
import type { Theme } from './theme.js';
import { attachmentHeight, smallFont } from './metrics.js';

const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : []);

export function formatNumber(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v ?? '');
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return String(Math.round(v * 1000) / 1000);
}

/** Draws the attachments of one node from (x, y) in a column `w` wide. */
export function drawAttachments(ctx: Painter, list: VzAttachment[], x: number, y: number, w: number, t: Theme) {
  ctx.font = smallFont(t.fontFamily);
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const a of list) {
    const h = attachmentHeight(a);
    const name = String(a.label ?? a.id);
    const r = a as Record<string, unknown>;
    ctx.fillStyle = t.textMuted;
    if (a.type === 'line') {
      const values = nums(r.values);
      const text = `${name} ${values.length ? formatNumber(values[values.length - 1]) : ''}`;
      ctx.fillText(text, x, y + 6);
      spark(ctx, values, x, y + 12, w, h - 13, t.accent);
    } else if (a.type === 'histogram') {
      ctx.fillText(name, x, y + 6);
      bars(ctx, nums(r.counts), x, y + 12, w, h - 13, t.accent);
    } else if (a.type === 'image') {
      ctx.fillText(name, x, y + 6);
      const lw = Math.min(w / 2, ctx.measureText(name).width + 8);
      heat(ctx, r, x + lw, y + 1, w - lw, h - 2, t);
    } else if (a.type === 'scalar') {
      ctx.fillText(`${name}: ${formatNumber(r.value)}`, x, y + h / 2);
    } else {
      const text = String(r.text ?? r.value ?? '');
      ctx.fillText(fit(ctx, a.type === 'text' ? text : `${name}: ${text}`, w), x, y + h / 2);
    }
    y += h + 2;
  }
}

/** `text` cut with an ellipsis to fit `w`. */
function fit(ctx: Painter, text: string, w: number): string {
  const line = text.split('\n').pop()!;
  if (ctx.measureText(line).width <= w) return line;
  let lo = 0, hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(line.slice(0, mid) + '…').width <= w) lo = mid; else hi = mid - 1;
  }
  return line.slice(0, lo) + '…';
}

function spark(ctx: Painter, v: number[], x: number, y: number, w: number, h: number, colour: string) {
  if (v.length < 2) return;
  let lo = Infinity, hi = -Infinity;
  for (const a of v) { if (a < lo) lo = a; if (a > hi) hi = a; }
  const span = hi - lo || 1;
  // At most one point per unit of width: long training curves stay cheap to draw.
  const step = Math.max(1, Math.floor(v.length / Math.max(2, w)));
  ctx.beginPath();
  for (let i = 0; i < v.length; i += step) {
    const px = x + (i / (v.length - 1)) * w, py = y + h - ((v[i] - lo) / span) * h;
    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
  }
  ctx.lineTo(x + w, y + h - ((v[v.length - 1] - lo) / span) * h);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.25;
  ctx.stroke();
}

function bars(ctx: Painter, counts: number[], x: number, y: number, w: number, h: number, colour: string) {
  if (!counts.length) return;
  const hi = Math.max(...counts) || 1;
  const bw = w / counts.length;
  ctx.fillStyle = colour;
  ctx.globalAlpha = 0.75;
  counts.forEach((c, i) => {
    const bh = (c / hi) * h;
    ctx.fillRect(x + i * bw + bw * 0.1, y + h - bh, bw * 0.8, bh);
  });
  ctx.globalAlpha = 1;
}

/** A heat map of a width × height array, at most 32 cells a side (larger images are sampled). */
function heat(ctx: Painter, r: Record<string, unknown>, x: number, y: number, w: number, h: number, t: Theme) {
  const iw = Number(r.width) | 0, ih = Number(r.height) | 0;
  const data = nums(r.data);
  if (iw <= 0 || ih <= 0 || data.length < iw * ih) return;
  let lo = Infinity, hi = -Infinity;
  for (const a of data) { if (a < lo) lo = a; if (a > hi) hi = a; }
  const span = hi - lo || 1;
  const cols = Math.min(iw, 32), rows = Math.min(ih, 32);
  const cell = Math.min(w / cols, h / rows);
  ctx.fillStyle = t.accent;
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const v = data[Math.floor((row * ih) / rows) * iw + Math.floor((col * iw) / cols)];
      ctx.globalAlpha = 0.08 + 0.92 * ((v - lo) / span);
      ctx.fillRect(x + col * cell, y + row * cell, cell + 0.02, cell + 0.02);
    }
  }
  ctx.globalAlpha = 1;
}
