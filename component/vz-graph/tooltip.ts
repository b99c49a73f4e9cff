/**
 * The hover card of a node: what it is (type, qualified name), what flows out of it (shape,
 * dtype), its parameters and where it is in the source. Returned as plain strings; the element
 * renders them as text nodes (never HTML).
 */
import { Kind, type Scene } from '../render/scene.js';
import { formatNumber } from '../render/attachments.js';
import { TEXT_K } from '../render/draw.js';
import { CARD_GAP, CARD_WIDTH, PAD_X, PAD_Y, TOOLTIP_CHARS, attachmentHeight, cardBox, clip } from '../render/metrics.js';
import { grouped } from './progress.js';

export interface Tip {
  x: number; y: number; lines: Array<[string, string]>;
  /** A point to mark on the diagram (world coordinates): the sparkline sample shown. */
  mark?: [number, number];
}

/**
 * A number as toLocaleString('en-US') writes it ("36,864", "0.125": grouped, at most 3 decimals),
 * by hand: the first toLocaleString() in a page sets up ICU number formatting, ~25 ms on the first
 * hover. Counts (parameters, children) are whole numbers and take grouped() directly.
 */
export function decimal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isSafeInteger(v)) return grouped(v);
  if (Math.abs(v) >= 1e21) return String(v);
  const r = Math.round(Math.abs(v) * 1000) / 1000;
  const whole = Math.floor(r), frac = Math.round((r - whole) * 1000);
  const sign = v < 0 ? '-' : '';
  return sign + grouped(whole) + (frac ? '.' + String(frac).padStart(3, '0').replace(/0+$/, '') : '');
}

const text = (v: unknown): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  if (typeof v === 'number') return decimal(v);
  return clip(typeof v === 'object' ? JSON.stringify(v) : String(v), TOOLTIP_CHARS);
};

export function tooltipFor(s: Scene, i: number, px: number, py: number, width: number, height: number): Tip {
  const node = s.nodes[i];
  const a = node.attrs ?? {};
  const lines: Array<[string, string]> = [['', clip(String(node.label ?? node.id), TOOLTIP_CHARS)]];
  const add = (key: string, v: unknown) => { const t = text(v); if (t !== undefined) lines.push([key, t]); };
  add('type', a.type ?? node.kind);
  add('name', a.qualname || node.id);
  const inputs: string[] = Array.isArray(a.in_shapes) ? a.in_shapes.map(String) : [];
  for (let k = s.adjStart[i]; k < s.adjStart[i + 1] && !inputs.length; k++) {
    const j = s.adj[k];
    const label = s.edgeDoc[j]?.label;
    if (s.edgeTarget[j] === i && label) inputs.push(label);
  }
  if (inputs.length) add('in', inputs.slice(0, 4).join('  '));
  add('out', a.shape ?? (Array.isArray(a.out_shapes) ? a.out_shapes.slice(0, 4).join('  ') : a.out_shapes));
  add('dtype', a.dtype);
  add('params', a.params_total && a.params_total !== a.params ? `${text(a.params_total)} in all` : a.params || undefined);
  add('source', a.source);
  if (s.kind[i] !== Kind.Leaf) add(s.kind[i] === Kind.Collapsed ? 'collapsed' : 'children', `${grouped(s.childCount[i])} children`);
  for (const att of node.attachments ?? []) {
    const r = att as Record<string, unknown>;
    const values = Array.isArray(r.values) ? r.values : undefined;
    const v = values ? values[values.length - 1] : r.value ?? r.text;
    if (v !== undefined) add(String(att.label ?? att.id), typeof v === 'number' ? formatNumber(v) : v);
  }
  // Beside the pointer, kept inside the element.
  const x = px + 320 + 16 > width ? Math.max(4, px - 336) : px + 14;
  const y = Math.min(py + 14, Math.max(4, height - 24 * lines.length));
  return { x, y, lines };
}

/**
 * The card of a line attachment under world point (wx, wy): the value of the sparkline at the
 * pointer (nearest sample), its step and the series' range. undefined when the pointer is not on one.
 */
export function attachmentTip(s: Scene, wx: number, wy: number, px: number, py: number, width: number, height: number, k: number): Tip | undefined {
  if (k < TEXT_K) return undefined; // cards are not drawn this far out
  for (const i of s.grid.query(wx - CARD_WIDTH - CARD_GAP, wy - 400, wx, wy)) {
    const list = i < s.n && s.showScale[i] <= k ? s.nodes[i].attachments : undefined;
    if (!list?.length) continue;
    const [cx, cy, cw, ch] = cardBox(s.boxes, i, list, s.direction);
    if (wx < cx || wx > cx + cw || wy < cy || wy > cy + ch) continue;
    // Rows as drawAttachments lays them out.
    const x = cx + PAD_X - 2, w = cw - 2 * PAD_X + 4;
    let y = cy + PAD_Y - 1;
    for (const a of list) {
      const h = attachmentHeight(a);
      const values = (a as { values?: unknown }).values;
      if (a.type === 'line' && Array.isArray(values) && values.length && wy >= y && wy <= y + h) {
        const at = Math.max(0, Math.min(values.length - 1, Math.round(((wx - x) / w) * (values.length - 1))));
        const nums = values.filter((v): v is number => typeof v === 'number');
        const lo = Math.min(...nums), hi = Math.max(...nums), v = Number(values[at]);
        // Where drawAttachments' sparkline puts this sample (its plot spans y + 12 .. y + h - 1).
        const mark: [number, number] | undefined = Number.isFinite(v) && values.length > 1
          ? [x + (at / (values.length - 1)) * w, y + 12 + (h - 13) - ((v - lo) / (hi - lo || 1)) * (h - 13)] : undefined;
        const lines: Array<[string, string]> = [['', clip(`${s.nodes[i].label ?? s.ids[i]} · ${a.label ?? a.id}`, TOOLTIP_CHARS)],
          ['step', `${at + 1} of ${values.length}`], ['value', formatNumber(values[at])],
          ['range', `${formatNumber(lo)} … ${formatNumber(hi)}`]];
        return { x: Math.min(px + 14, Math.max(4, width - 220)), y: Math.min(py + 14, Math.max(4, height - 24 * lines.length)), lines, mark };
      }
      y += h + 2;
    }
  }
  return undefined;
}
