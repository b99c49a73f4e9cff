import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import type { LayoutResult, VzDocument } from '../model/format.js';
import { GraphStore } from '../model/store.js';
import type { Problem } from '../model/validate.js';
import { toLayoutResult } from '../../layout-wasm/src/flatten.js';
import { buildScene, hitTest, Kind, pick, type Scene } from '../render/scene.js';
import { CanvasView, type ViewTransform } from '../render/view.js';
import { readTheme, type Theme } from '../render/theme.js';
import { HEADER, canvasTextWidth, makeMeasure, type TextWidth } from '../render/metrics.js';
import { sceneToPng, sceneToSvg } from '../render/export.js';
import { LayoutController, type LayoutRun } from './layout-controller.js';
import { Loader } from './loader.js';
import { Interaction } from './interaction.js';
import { fire } from './events.js';
import { styles } from './styles.js';
import { tooltipFor, type Tip } from './tooltip.js';
import { SearchCursor, errorPanel, saveBlob, toolbar, tooltip, type ToolbarActions } from './parts.js';

/**
 * `<vz-graph>` draws a vz-graph document (format v1) — a PyTorch model as a nested diagram — on a
 * canvas: groups as boxes you can open and close, orthogonal edges labelled with tensor shapes,
 * metrics beside the layers they belong to. Layout runs in a Web Worker (WASM); drawing culls
 * to the viewport and drops detail when zoomed out, so 100,000 nodes stay interactive.
 *
 * @summary Nested, interactive diagrams of neural networks.
 *
 * @attr src - URL of a `.vz.json` document or of an SSE stream (`text/event-stream`: events `graph`, `patch`, `attach`).
 * @attr theme - `light` (default), `dark` or `auto` (follows prefers-color-scheme). Reflected.
 * @attr direction - Overrides the document's root direction: `down`, `right`, `up`, `left`. Reflected.
 * @attr expand-depth - Groups deeper than this start collapsed (top-level groups are depth 1); unset: each node's `collapsed`.
 * @attr no-toolbar - Hides the toolbar.
 *
 * @fires vz-load - A document was loaded and validated. Detail: `{ title, nodes, edges }`.
 * @fires vz-layout - A layout was applied. Detail: `{ ms, nodes, edges }` (visible nodes, drawn edges).
 * @fires vz-error - Loading, validation, streaming or layout failed. Detail: `{ message, problems: [{ path, message }] }`.
 * @fires vz-select - A node was selected (click, `select()`, search). Detail: `{ id }` (null: selection cleared).
 * @fires vz-toggle - A group was expanded or collapsed. Detail: `{ id, expanded }`.
 *
 * @csspart canvas - The canvas the diagram is drawn on (focusable, keyboard: arrows, + −, 0).
 * @csspart toolbar - The toolbar (fit, expand all, collapse all, search, export).
 * @csspart status - The progress message ("Laying out 12,345 nodes…").
 * @csspart notice - A non-blocking message, e.g. a dropped stream.
 * @csspart error - The error panel (role="alert").
 * @csspart tooltip - The hover card of a node.
 *
 * @cssprop --vz-bg - Background.
 * @cssprop --vz-text - Label colour.
 * @cssprop --vz-text-muted - Secondary text.
 * @cssprop --vz-edge - Edge lines and arrowheads.
 * @cssprop --vz-edge-label - Edge labels (tensor shapes).
 * @cssprop --vz-node-fill - Fill of nodes of unknown kind.
 * @cssprop --vz-node-stroke - Node outline.
 * @cssprop --vz-group-fill - Expanded group fill (translucent: nesting darkens).
 * @cssprop --vz-group-stroke - Group outline.
 * @cssprop --vz-group-header - Group header band.
 * @cssprop --vz-group-collapsed-fill - Collapsed group fill.
 * @cssprop --vz-accent - Selection, hover, search and plots.
 * @cssprop --vz-kind-module - Fill of `module` nodes (also `-op`, `-input`, `-output`, `-constant`, `-param`; each with a `-stripe` colour).
 * @cssprop --vz-font - Label font family.
 * @cssprop --vz-font-mono - Edge label font family.
 */
export class VzGraph extends LitElement {
  static override styles = styles;
  static override properties = {
    src: { type: String },
    theme: { type: String, reflect: true },
    direction: { type: String, reflect: true },
    expandDepth: { type: Number, attribute: 'expand-depth' },
    noToolbar: { type: Boolean, attribute: 'no-toolbar' },
    graph: { attribute: false },
    _error: { state: true },
    _notice: { state: true },
    _status: { state: true },
    _tip: { state: true },
  };

  declare src: string | undefined;
  declare theme: 'light' | 'dark' | 'auto';
  declare direction: string | undefined;
  declare expandDepth: number | undefined;
  declare noToolbar: boolean;
  /** The format-v1 document shown (set it to show one; stream updates replace it). */
  declare graph: VzDocument | undefined;
  declare private _error: { message: string; problems: Problem[] } | undefined;
  declare private _notice: string | undefined;
  declare private _status: string | undefined;
  declare private _tip: Tip | undefined;

  private readonly store = new GraphStore();
  private readonly layouts = new LayoutController(this);
  private readonly loader = new Loader({
    graph: (doc, stream) => this.show(doc, stream),
    patch: (p) => this.applyChange(this.store.applyPatch(p)),
    attach: (a) => this.applyChange(this.store.attach(a)),
    error: (message, problems) => this.fail(message, problems ?? [], true),
    notice: (message) => { this._notice = message ?? undefined; },
  });
  private view: CanvasView | undefined;
  private scene: Scene | undefined;
  private run: LayoutRun | undefined;
  private result: LayoutResult | undefined;
  private shown: unknown;
  private fitted = false;
  private anchor: { id: string; sx: number; sy: number } | undefined;
  private centreOn: string | undefined;
  private selectedId: string | null = null;
  private textWidth: TextWidth | undefined;
  private themeValues: Theme | undefined;
  private resizer: ResizeObserver | undefined;
  private statusTimer = 0;
  private requested = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private readonly search = new SearchCursor();
  private readonly media = window.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly onMedia = () => this.applyTheme();

  constructor() {
    super();
    this.theme = 'light';
    this.noToolbar = false;
  }

  /** The current layout: absolute boxes of every visible node and group, each edge's points. */
  get layout(): LayoutResult | undefined {
    if (!this.run) return undefined;
    return (this.result ??= toLayoutResult(this.run.flat, this.run.out, this.run.doc));
  }

  /** The view transform: screen = layout × scale + (x, y), in CSS pixels of the canvas. */
  get viewTransform(): ViewTransform { return this.view?.transform ?? { x: 0, y: 0, scale: 1 }; }

  /** Shows the whole graph. */
  fit() { this.view?.fit(); }

  /** Expands group `id` (and reveals it). Resolves when the new layout is shown. */
  expand(id: string): Promise<void> { return this.toggle(id, true); }

  /** Collapses group `id`. Resolves when the new layout is shown. */
  collapse(id: string): Promise<void> { return this.toggle(id, false); }

  /** Expands every group down to `depth` (all when omitted) and collapses the deeper ones. */
  expandAll(depth?: number): Promise<void> {
    this.store.expandAll(depth);
    this.anchor = undefined;
    this.fitted = false;
    return this.relayout();
  }

  /** Ids of nodes whose id, label or attrs.type contain `query` (case-insensitive). */
  find(query: string): string[] { return this.store.find(query); }

  /** Selects node `id` (null clears), expanding its ancestors and centring it. */
  async select(id: string | null): Promise<void> {
    if (id !== null && !this.store.byId.has(id)) return;
    this.setSelected(id);
    if (id !== null && this.store.reveal(id)) {
      this.centreOn = id;
      await this.relayout();
    } else if (id !== null) this.centre(id);
  }

  /** The whole diagram as an SVG document (labels are escaped <text>). */
  toSVG(): string {
    if (!this.scene || !this.themeValues) return '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>';
    return sceneToSvg(this.scene, this.themeValues, this.graph?.title ?? 'vz-graph');
  }

  /** The whole diagram as a PNG; `scale` 2 gives twice the pixels of the layout (plus margins). */
  toPNG({ scale = 1 }: { scale?: number } = {}): Promise<Blob> {
    if (!this.scene || !this.themeValues) return Promise.reject(new Error('nothing to export: no graph is shown'));
    return sceneToPng(this.scene, this.themeValues, scale);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.media?.addEventListener('change', this.onMedia);
    if (this.hasUpdated && this.src) void this.loader.load(this.src);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.media?.removeEventListener('change', this.onMedia);
    this.loader.close();
    this.resolveWaiters(Infinity); // the worker stops with the element: nothing pending will finish
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('expandDepth')) {
      this.store.expandDepth = Number.isFinite(this.expandDepth) ? this.expandDepth : undefined;
      if (this.store.doc && this.store.expandDepth !== undefined) void this.expandAll(this.store.expandDepth);
    }
    if (changed.has('graph') && this.graph !== this.shown) this.show(this.graph, false);
    if (changed.has('src') && this.src) {
      this._notice = undefined;
      clearTimeout(this.statusTimer);
      this.statusTimer = window.setTimeout(() => { this._status = `Loading ${this.src}…`; }, 300);
      void this.loader.load(this.src);
    }
    if (changed.has('direction') && this.hasUpdated) void this.relayout();
  }

  protected override firstUpdated() {
    const canvas = this.renderRoot.querySelector('canvas')!;
    this.view = new CanvasView(canvas);
    new Interaction(canvas, this.view, {
      click: (x, y) => this.onClick(x, y),
      hover: (x, y, inside) => this.onHover(x, y, inside),
      fit: () => this.fit(),
      activate: () => { // Enter or space: open or close the selected group
        const id = this.selectedId;
        if (id && this.store.isGroup(id)) void this.toggle(id, !this.store.expanded.has(id));
      },
    });
    this.resizer = new ResizeObserver(([entry]) => {
      const box = entry.contentRect;
      this.view!.resize(box.width, box.height);
      if (!this.fitted && this.scene && box.width > 0) { this.initialView(); this.fitted = true; }
    });
    this.resizer.observe(this.renderRoot.querySelector('.frame')!);
    this.applyTheme();
    if (this.store.doc && !this.scene) void this.relayout();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (this.view) this.view.insetTop = this.noToolbar ? 0 : 40;
    if (changed.has('theme') && this.hasUpdated && this.view) this.applyTheme();
  }

  override render() {
    const doc = this.store.doc;
    const label = doc ? `${doc.title ?? 'Graph'}: diagram of ${doc.nodes.length} nodes and ${doc.edges.length} edges. ` +
      'Drag or use the arrow keys to pan, the wheel or + and − to zoom, 0 to fit; click a group to open or close it.' : 'Graph diagram (empty)';
    return html`<div class="frame">
      <canvas part="canvas" role="application" tabindex="0" aria-label=${label}></canvas>
      ${this.noToolbar ? nothing : toolbar(this.actions)}
      ${this._status ? html`<div part="status" role="status">${this._status}</div>` : nothing}
      ${this._notice ? html`<div part="notice" role="status">${this._notice}</div>` : nothing}
      ${tooltip(this._tip)}
      ${errorPanel(this._error)}
    </div>`;
  }

  private readonly actions: ToolbarActions = {
    fit: () => this.fit(),
    expandAll: () => void this.expandAll(),
    collapseAll: () => void this.expandAll(0),
    search: (q) => {
      const id = this.search.next(q, (query) => this.find(query));
      if (id) void this.select(id);
    },
    download: async (kind) => {
      const blob = kind === 'svg' ? new Blob([this.toSVG()], { type: 'image/svg+xml' }) : await this.toPNG({ scale: 2 });
      saveBlob(blob, `${(this.graph?.title ?? 'graph').replace(/[^\w.-]+/g, '_')}.${kind}`);
    },
  };

  /** Takes a new document (from `graph`, `src` or a stream's `graph` event). */
  private show(doc: unknown, stream: boolean) {
    this.shown = doc;
    const problems = this.store.setDocument(doc, stream);
    if (problems.length) {
      this.graph = doc as VzDocument;
      const n = problems.length;
      return this.fail(`The document is not a valid vz-graph document (format v1): ${n} problem${n > 1 ? 's' : ''}.`, problems, true);
    }
    this.graph = this.shown = this.store.doc;
    this._error = undefined;
    if (!stream || !this.scene) this.fitted = false;
    const d = this.store.doc!;
    fire(this, 'vz-load', { title: d.title ?? '', nodes: d.nodes.length, edges: d.edges.length });
    void this.relayout();
  }

  /** A stream's patch or attach event was applied (or refused). */
  private applyChange(change: { problems: Problem[]; relayout: boolean }) {
    if (change.problems.length) return this.fail('A stream update was refused; the graph shown is unchanged.', change.problems, false);
    this.graph = this.shown = this.store.doc;
    if (change.relayout) void this.relayout(); else this.view?.draw();
  }

  /** Reports a failure: `blocking` shows the error panel (nothing else to show), else a notice. */
  private fail(message: string, problems: Problem[], blocking: boolean) {
    clearTimeout(this.statusTimer);
    this._status = undefined;
    if (blocking) {
      this._error = { message, problems };
      this.store.clear();
      this.scene = this.run = this.result = undefined;
      if (this.view) { this.view.scene = undefined; this.view.draw(); }
      this.resolveWaiters(Infinity);
    } else {
      this._notice = `${message} ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    }
    fire(this, 'vz-error', { message, problems });
  }

  /** Lays out the document again; resolves when this or a newer layout is shown. */
  private relayout(): Promise<void> {
    const doc = this.store.doc;
    if (!doc || !this.hasUpdated) return Promise.resolve();
    const seq = ++this.requested;
    const done = new Promise<void>((resolve) => this.waiters.push({ seq, resolve }));
    const t = (this.themeValues ??= readTheme(this));
    this.textWidth ??= canvasTextWidth();
    const measure = makeMeasure(this.textWidth, t.fontFamily, t.monoFamily, (id) => this.store.children.get(id)?.length ?? 0);
    const input = this.direction ? { ...doc, direction: this.direction as VzDocument['direction'] } : doc;
    clearTimeout(this.statusTimer);
    this.statusTimer = window.setTimeout(() => {
      if (this.layouts.busyNodes) this._status = `Laying out ${this.layouts.busyNodes.toLocaleString('en-US')} nodes…`;
    }, 300);
    this.layouts.run(input, this.store.isExpanded, measure).then(
      (run) => { if (run) this.apply(run, seq); },
      (e: Error) => this.fail(e.message.startsWith('The layout worker') ? e.message : `The layout failed: ${e.message}`, [], !this.scene),
    );
    return done;
  }

  private apply(run: LayoutRun, seq: number) {
    const view = this.view!;
    const scene = buildScene(run.flat, run.out, this.store.byId, this.store.doc?.edges ?? [], this.store.children);
    this.scene = scene;
    this.run = run;
    this.result = undefined;
    clearTimeout(this.statusTimer);
    this._status = undefined;
    view.scene = scene;
    view.hover = -1;
    this._tip = undefined;
    view.selected = this.selectedId !== null ? scene.index.get(this.selectedId) ?? -1 : -1;
    const anchor = this.anchor && scene.index.get(this.anchor.id);
    if (!this.fitted) {
      if (view.width > 0) { this.initialView(); this.fitted = true; }
    } else if (anchor !== undefined) {
      // Keep the group that was clicked where it was on screen.
      view.x = this.anchor!.sx - scene.boxes[4 * anchor] * view.k;
      view.y = this.anchor!.sy - scene.boxes[4 * anchor + 1] * view.k;
    }
    this.anchor = undefined;
    if (this.centreOn) this.centre(this.centreOn);
    this.centreOn = undefined;
    view.draw();
    this.requestUpdate();
    fire(this, 'vz-layout', { ms: Math.round(run.ms * 10) / 10, nodes: scene.n, edges: scene.m });
    this.resolveWaiters(seq);
  }

  private resolveWaiters(seq: number) {
    this.waiters = this.waiters.filter((w) => (w.seq <= seq ? (w.resolve(), false) : true));
  }

  private toggle(id: string, expanded: boolean): Promise<void> {
    const revealed = expanded && this.store.reveal(id);
    if (!this.store.setExpanded(id, expanded) && !revealed) return Promise.resolve();
    const s = this.scene, v = this.view, i = s?.index.get(id);
    if (s && v && i !== undefined) this.anchor = { id, sx: v.x + s.boxes[4 * i] * v.k, sy: v.y + s.boxes[4 * i + 1] * v.k };
    fire(this, 'vz-toggle', { id, expanded });
    return this.relayout();
  }

  private setSelected(id: string | null) {
    if (id === this.selectedId) return;
    this.selectedId = id;
    if (this.view && this.scene) { this.view.selected = id === null ? -1 : this.scene.index.get(id) ?? -1; this.view.draw(); }
    fire(this, 'vz-select', { id });
  }

  private centre(id: string) {
    const i = this.scene?.index.get(id);
    if (i === undefined || !this.view) return;
    const b = this.scene!.boxes;
    this.view.centreOn(b[4 * i] + b[4 * i + 2] / 2, b[4 * i + 1] + b[4 * i + 3] / 2);
  }

  private onClick(px: number, py: number) {
    if (!this.scene || !this.view) return;
    const p = pick(this.scene, ...this.view.toWorld(px, py), this.view.k, HEADER);
    if (p.action === 'toggle') void this.toggle(p.id, p.expanded);
    else this.setSelected(p.action === 'select' ? p.id : null);
  }

  private onHover(px: number, py: number, inside: boolean) {
    const s = this.scene, v = this.view;
    if (!s || !v) return;
    const [wx, wy] = v.toWorld(px, py);
    const i = inside ? hitTest(s, wx, wy, v.k) : -1;
    // A pointer cursor where a click does something: toggles, and selects of leaves.
    const p = i >= 0 ? pick(s, wx, wy, v.k, HEADER) : undefined;
    v.canvas.classList.toggle('pointing', p?.action === 'toggle' || (p?.action === 'select' && s.kind[i] !== Kind.Group));
    if (i !== v.hover) { v.hover = i; v.draw(); }
    this._tip = i >= 0 ? tooltipFor(s, i, px, py, v.width, v.height) : undefined;
  }

  private initialView() {
    this.view?.initial(this.direction ?? this.store.doc?.direction);
  }

  private applyTheme() {
    if (!this.view) return;
    this.themeValues = this.view.theme = readTheme(this);
    this.view.draw();
  }
}
