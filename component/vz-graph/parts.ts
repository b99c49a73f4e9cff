/**
 * The element's overlays as Lit templates: toolbar, tooltip and error panel. Every user string
 * goes through a text binding (a Text node), never through innerHTML.
 */
import { html, nothing } from 'lit';
import type { Problem } from '../model/validate.js';
import type { Tip } from './tooltip.js';
import type { VzDocument } from '../model/format.js';

export interface FrameState {
  doc: VzDocument | undefined;
  toolbar: ToolbarActions | undefined;
  status: string | undefined;
  notice: string | undefined;
  tip: Tip | undefined;
  /** The live region's text (the focused node). */
  live: string;
  error: { message: string; problems: Problem[] } | undefined;
}

/** The element's shadow content: the canvas and its overlays. */
export function frame(f: FrameState) {
  const doc = f.doc;
  const label = doc ? `${doc.title ?? 'Graph'}: diagram of ${doc.nodes.length} nodes and ${doc.edges.length} edges. ` +
    'Arrow keys move between nodes, Enter opens or closes a group, Shift+arrows pan, + and − zoom, 0 fits.' : 'Graph diagram (empty)';
  return html`<div class="frame">
    <canvas part="canvas" role="application" tabindex="0" aria-label=${label}></canvas>
    ${f.toolbar ? toolbar(f.toolbar) : nothing}
    ${f.status ? html`<div part="status" role="status">${f.status}</div>` : nothing}
    ${f.notice ? html`<div part="notice" role="status">${f.notice}</div>` : nothing}
    ${tooltip(f.tip)}
    <div class="sr" role="status" aria-live="polite" aria-atomic="true">${f.live}</div>
    ${errorPanel(f.error)}
  </div>`;
}

/** Problems listed in the error panel; the rest are counted. */
export const LISTED_PROBLEMS = 20;

export interface ToolbarActions {
  fit(): void;
  /** Opens every group down to `depth` (all when undefined). */
  expandAll(depth?: number): void;
  collapseAll(): void;
  /** The deepest group's depth (the depth box's maximum). */
  maxDepth(): number;
  /** Enter in the search box: the next match of `query` (all matches are outlined). */
  search(query: string): void;
  /** The search box was emptied: no outlines. */
  clearSearch(): void;
  download(kind: 'svg' | 'png'): void;
}

/** The element's side of the toolbar: its public methods, plus how to jump to a match and the depth range. */
export interface ToolbarHost {
  graph: { title?: string } | undefined;
  fit(): void;
  expandAll(depth?: number): Promise<void>;
  find(query: string): string[];
  toSVG(): string;
  toPNG(options: { scale: number }): Promise<Blob>;
}

export function toolbarActions(el: ToolbarHost, more: { pick(id: string): void; mark(ids: string[]): void; maxDepth(): number }): ToolbarActions {
  const cursor = new SearchCursor();
  return {
    fit: () => el.fit(),
    expandAll: (depth) => void el.expandAll(depth),
    collapseAll: () => void el.expandAll(0),
    maxDepth: more.maxDepth,
    search: (q) => {
      const id = cursor.next(q, (query) => { const hits = el.find(query); more.mark(hits); return hits; });
      if (id) more.pick(id);
    },
    clearSearch: () => { cursor.next('', () => []); more.mark([]); },
    download: async (kind) => {
      const blob = kind === 'svg' ? new Blob([el.toSVG()], { type: 'image/svg+xml' }) : await el.toPNG({ scale: 2 });
      saveBlob(blob, `${(el.graph?.title ?? 'graph').replace(/[^\w.-]+/g, '_')}.${kind}`);
    },
  };
}

export function toolbar(a: ToolbarActions) {
  const key = (e: KeyboardEvent) => { if (e.key === 'Enter') a.search((e.target as HTMLInputElement).value); };
  const input = (e: Event) => { if (!(e.target as HTMLInputElement).value) a.clearSearch(); };
  return html`<div part="toolbar" role="toolbar" aria-label="Graph tools">
    <button @click=${a.fit} title="Fit the graph to the view (0)" aria-label="Fit to view">Fit</button>
    <button @click=${() => a.expandAll()} title="Expand every group" aria-label="Expand all groups">Expand</button>
    <button @click=${a.collapseAll} title="Collapse every group" aria-label="Collapse all groups">Collapse</button>
    <label class="depth" title="Open the groups down to this depth (top-level groups are depth 1)">Depth
      <input type="number" min="0" max=${a.maxDepth()} step="1" placeholder="–" aria-label="Expand groups to depth"
        @change=${(e: Event) => { const v = (e.target as HTMLInputElement).valueAsNumber; if (Number.isFinite(v) && v >= 0) a.expandAll(Math.floor(v)); }}></label>
    <span class="sep"></span>
    <input type="search" class="find" placeholder="Find…" aria-label="Find a node by name, label or type (Enter: next match)" @keydown=${key} @input=${input}>
    <span class="sep"></span>
    <button @click=${() => a.download('svg')} title="Download as SVG" aria-label="Download SVG">SVG</button>
    <button @click=${() => a.download('png')} title="Download as PNG (2×)" aria-label="Download PNG">PNG</button>
  </div>`;
}

export function tooltip(tip: Tip | undefined) {
  if (!tip) return nothing;
  return html`<div part="tooltip" style="left:${tip.x}px;top:${tip.y}px">${tip.lines.map(([k, v], i) =>
    i === 0 ? html`<b>${v}</b>\n` : html`<span>${k}</span> ${v}\n`)}</div>`;
}

export function errorPanel(err: { message: string; problems: Problem[] } | undefined) {
  if (!err) return nothing;
  const n = err.problems.length;
  return html`<div part="error" role="alert"><h2>vz-graph could not show this graph</h2><p>${err.message}</p>
    ${n ? html`<ul>${err.problems.slice(0, LISTED_PROBLEMS).map((p) => html`<li><code>${p.path || '(document)'}</code>: ${p.message}</li>`)}</ul>` : nothing}
    ${n > LISTED_PROBLEMS ? html`<p>…and ${n - LISTED_PROBLEMS} more (${n} problems in all).</p>` : nothing}
  </div>`;
}

/** Saves `blob` as a file download. */
export function saveBlob(blob: Blob, name: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The search box's cursor: Enter selects the next match of the same query, wrapping around. */
export class SearchCursor {
  #hits: string[] = [];
  #at = -1;
  #query = '';

  next(query: string, find: (q: string) => string[]): string | undefined {
    if (query !== this.#query) { this.#hits = find(query); this.#query = query; this.#at = -1; }
    if (!this.#hits.length) return undefined;
    this.#at = (this.#at + 1) % this.#hits.length;
    return this.#hits[this.#at];
  }
}
