import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import type { LayoutResult, VzDocument } from '../model/format.js';
import { GraphStore, findIn } from '../model/store.js';
import { validateInSlices, type Problem } from '../model/validate.js';
import { runInSlices } from '../model/slices.js';
import { toLayoutResult } from '../../layout-wasm/src/flatten.js';
import { buildScene, buildSceneInSlices, type Scene } from '../render/scene.js';
import { CanvasView, type ViewTransform } from '../render/view.js';
import { readTheme, type Theme } from '../render/theme.js';
import { canvasTextWidth, makeMeasure, type TextWidth } from '../render/metrics.js';
import { sceneToPng, sceneToSvg } from '../render/export.js';
import { LayoutController, type LayoutRun } from './layout-controller.js';
import { makeTransition } from '../render/transition.js';
import { Navigation } from './navigation.js';
import { Progress, grouped } from './progress.js';
import { Loader } from './loader.js';
import { Interaction } from './interaction.js';
import { fire } from './events.js';
import { styles } from './styles.js';
import type { Tip } from './tooltip.js';
import { frame, toolbarActions } from './parts.js';

/** Documents with more nodes + edges than this are indexed in slices, and validated in slices during their layout. */
const LARGE_DOCUMENT = 20_000;

/** Nodes + edges of something shaped like a document (0 when it is not: the validator says why). */
function size(doc: unknown): number {
  const d = doc as VzDocument | null;
  if (typeof d !== 'object' || d === null || !Array.isArray(d.nodes) || (d.edges !== undefined && !Array.isArray(d.edges))) return 0;
  return d.nodes.length + (d.edges?.length ?? 0);
}

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
 * @fires vz-layout - A layout was applied. Detail: `{ ms, nodes, edges, prepareMs, workerMs, sceneMs }` (visible nodes, drawn edges; timings in ms).
 * @fires vz-error - Loading, validation, streaming or layout failed. Detail: `{ message, problems: [{ path, message }] }`.
 * @fires vz-select - A node was selected (click, `select()`, search). Detail: `{ id }` (null: selection cleared).
 * @fires vz-toggle - A group was expanded or collapsed. Detail: `{ id, expanded }`.
 *
 * @csspart canvas - The canvas the diagram is drawn on (focusable; arrows move between nodes, Enter opens or closes a group, Shift+arrows pan, + − zoom, 0 fits).
 * @csspart toolbar - The toolbar (fit, expand all, collapse all, expand to depth, search, export).
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
    _live: { state: true },
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
  /** What the live region announces: the focused node. */
  declare private _live: string;

  readonly #store = new GraphStore();
  readonly #layouts = new LayoutController(this);
  readonly #loader = new Loader({
    graph: (doc, stream) => this.#show(doc, stream),
    patch: (p) => this.#afterShow(() => this.#applyChange(this.#store.applyPatch(p))),
    attach: (a) => this.#afterShow(() => this.#applyChange(this.#store.attach(a))),
    error: (message, problems) => this.#fail(message, problems ?? [], true),
    notice: (message) => { this._notice = message ?? undefined; },
  });
  /** TypeScript-private, not #private: test/browser/navigation.test.ts sets the view transform through it. */
  private view: CanvasView | undefined;
  #scene: Scene | undefined;
  #run: LayoutRun | undefined;
  #result: LayoutResult | undefined;
  #shown: unknown;
  #fitted = false;
  #anchor: { id: string; sx: number; sy: number } | undefined;
  #centreOn: string | undefined;
  readonly #nav = new Navigation({
    scene: () => this.#scene, view: () => this.view, store: this.#store,
    toggle: (id, expanded) => this.#toggle(id, expanded), fit: () => this.fit(),
    selected: (id) => fire(this, 'vz-select', { id }), tip: (tip) => { this._tip = tip; }, announce: (text) => { this._live = text; },
  });
  readonly #reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
  #textWidth: TextWidth | undefined;
  #themeValues: Theme | undefined;
  #resizer: ResizeObserver | undefined;
  readonly #progress = new Progress((status) => { this._status = status; });
  #requested = 0;
  #waiters: Array<{ seq: number; resolve: () => void }> = [];
  /** Counts documents given to show(): an indexing in slices stops when a newer one (or a blocking error) comes. */
  #incoming = 0;
  /** Stream updates waiting for the large document being indexed (see show()). */
  #held: Array<() => void> | undefined;
  /** The large document being indexed, and when that ends (taken in, refused or superseded): the public methods act on it. */
  #indexingDoc: VzDocument | undefined;
  #indexing: Promise<void> | undefined;
  /** A large document's validation in progress: resolves to whether it passed (see show()). */
  #checking: Promise<boolean> | undefined;
  readonly #media = window.matchMedia?.('(prefers-color-scheme: dark)');
  readonly #onMedia = () => this.#applyTheme();

  constructor() {
    super();
    this.theme = 'light';
    this.noToolbar = false;
    this._live = '';
  }

  /** The current layout: absolute boxes of every visible node and group, each edge's points. */
  get layout(): LayoutResult | undefined {
    if (!this.#run) return undefined;
    return (this.#result ??= toLayoutResult(this.#run.flat, this.#run.out, this.#run.doc));
  }

  /** The view transform: screen = layout × scale + (x, y), in CSS pixels of the canvas. */
  get viewTransform(): ViewTransform { return this.view?.transform ?? { x: 0, y: 0, scale: 1 }; }

  /**
   * Frames painted so far, the CPU time (ms) of the last one, whether an animation runs, and the
   * backing-store pixels per CSS pixel of the last paint (1 while a heavy view moves); for benchmarks and tests.
   */
  get frameStats(): { frames: number; lastDrawMs: number; animating: boolean; pixelRatio: number } {
    const v = this.view;
    return { frames: v?.frames ?? 0, lastDrawMs: v?.lastDrawMs ?? 0, animating: !!v?.animating, pixelRatio: v?.pixelRatio ?? 1 };
  }

  /**
   * Opens the ancestors of node `id`, then moves the view (animated, unless the user prefers
   * reduced motion) to centre it at a readable zoom. Resolves when the view is there.
   */
  async zoomTo(id: string): Promise<void> {
    if (this.#indexing) await this.#indexing;
    if (!this.#store.byId.has(id)) return;
    if (this.#store.reveal(id)) await this.#relayout();
    const i = this.#scene?.index.get(id), v = this.view;
    if (i === undefined || !v || !v.width) return;
    await v.showBox(this.#scene!.boxes.subarray(4 * i, 4 * i + 4), this.#motion(350));
  }

  /** Shows the whole graph. */
  fit() { this.view?.fit(); }

  /** Expands group `id` (and reveals it). Resolves when the new layout is shown. */
  expand(id: string): Promise<void> { return this.#afterIndexing(() => this.#toggle(id, true)); }

  /** Collapses group `id`. Resolves when the new layout is shown. */
  collapse(id: string): Promise<void> { return this.#afterIndexing(() => this.#toggle(id, false)); }

  /** Expands every group down to `depth` (all when omitted) and collapses the deeper ones. */
  expandAll(depth?: number): Promise<void> {
    if (this.#indexing) return this.#afterIndexing(() => this.expandAll(depth));
    this.#store.expandAll(depth);
    this.#anchor = undefined;
    this.#fitted = false;
    return this.#relayout();
  }

  /** Ids of nodes whose id, label or attrs.type contain `query` (case-insensitive). */
  find(query: string): string[] { return findIn(this.#indexingDoc ?? this.#store.doc, query); }

  /** Selects node `id` (null clears), expanding its ancestors and centring it. */
  async select(id: string | null): Promise<void> {
    if (this.#indexing) await this.#indexing;
    if (id !== null && !this.#store.byId.has(id)) return;
    this.#nav.select(id);
    if (id !== null && this.#store.reveal(id)) {
      this.#centreOn = id;
      await this.#relayout();
    } else if (id !== null) this.#nav.centre(id);
  }

  /** The whole diagram as an SVG document (labels are escaped <text>). */
  toSVG(): string {
    if (!this.#scene || !this.#themeValues) return '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>';
    return sceneToSvg(this.#scene, this.#themeValues, this.graph?.title ?? 'vz-graph');
  }

  /** The whole diagram as a PNG; `scale` 2 gives twice the pixels of the layout (plus margins). */
  toPNG({ scale = 1 }: { scale?: number } = {}): Promise<Blob> {
    if (!this.#scene || !this.#themeValues) return Promise.reject(new Error('nothing to export: no graph is shown'));
    return sceneToPng(this.#scene, this.#themeValues, scale);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#media?.addEventListener('change', this.#onMedia);
    if (this.hasUpdated && this.src) void this.#loader.load(this.src);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#media?.removeEventListener('change', this.#onMedia);
    this.#loader.close();
    this.#progress.stop();
    this.#resolveWaiters(Infinity); // the worker stops with the element: nothing pending will finish
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('expandDepth')) {
      this.#store.expandDepth = Number.isFinite(this.expandDepth) ? this.expandDepth : undefined;
      if (this.#store.doc && this.#store.expandDepth !== undefined) void this.expandAll(this.#store.expandDepth);
    }
    if (changed.has('graph') && this.graph !== this.#shown) this.#show(this.graph, false);
    if (changed.has('src') && this.src) {
      this._notice = undefined;
      const src = this.src;
      this.#progress.start(() => `Loading ${src}…`);
      void this.#loader.load(this.src);
    }
    if (changed.has('direction') && this.hasUpdated) void this.#relayout();
  }

  protected override firstUpdated() {
    const canvas = this.renderRoot.querySelector('canvas')!;
    this.view = new CanvasView(canvas);
    new Interaction(canvas, this.view, this.#nav.sink);
    this.#resizer = new ResizeObserver(([entry]) => {
      const box = entry.contentRect;
      this.view!.resize(box.width, box.height);
      if (!this.#fitted && this.#scene && box.width > 0) { this.#initialView(); this.#fitted = true; }
    });
    this.#resizer.observe(this.renderRoot.querySelector('.frame')!);
    this.#applyTheme();
    if (this.#store.doc && !this.#scene) void this.#relayout();
  }

  protected override updated(changed: PropertyValues<this>) {
    if (this.view) this.view.insetTop = this.noToolbar ? 0 : 40;
    if (changed.has('theme') && this.hasUpdated && this.view) this.#applyTheme();
  }

  override render() {
    return frame({ doc: this.#store.doc, toolbar: this.noToolbar ? undefined : this.#actions, status: this._status,
      notice: this._notice, tip: this._tip, live: this._live, error: this._error });
  }

  readonly #actions = toolbarActions(this, {
    pick: (id) => { this.#nav.select(id); void this.zoomTo(id); },
    mark: (ids) => this.#nav.mark(ids),
    maxDepth: () => this.#store.maxGroupDepth(),
  });

  /**
   * Takes a new document (from `graph`, `src` or a stream's `graph` event). A large one is
   * indexed in slices (100k nodes take ~50 ms), then laid out at once and validated in slices
   * while the worker runs (checking 100k nodes takes ~200 ms); its layout is shown only once it
   * passed. A newer document, or an error that replaces what is shown, stops a stale one.
   */
  #show(doc: unknown, stream: boolean) {
    this.#shown = doc;
    this.#checking = undefined;
    const seq = ++this.#incoming, t0 = performance.now();
    this.#held = this.#indexingDoc = this.#indexing = undefined;
    if (size(doc) <= LARGE_DOCUMENT) {
      const problems = this.#store.setDocument(doc, stream);
      if (problems.length) return this.#invalid(doc, problems);
      performance.measure('vz-graph index', { start: t0 });
      return this.#adopted(stream, false);
    }
    // Stream updates that arrive meanwhile belong to this document: they wait for it.
    const held: Array<() => void> = (this.#held = []);
    const n = (doc as VzDocument).nodes.length;
    this.#progress.start(() => `Laying out ${grouped(n)} nodes…`);
    const stale = () => seq !== this.#incoming;
    this.#indexingDoc = doc as VzDocument;
    const indexing = this.#indexing = runInSlices(this.#store.adoptSteps(doc as VzDocument, stream), { stale }).then(async (indexed) => {
      if (indexed === undefined || stale()) return;
      if (indexed) {
        performance.measure('vz-graph index', { start: t0 });
        this.#indexingDoc = this.#indexing = undefined;
        this.#adopted(stream, true);
      } else { // a node is not an object with a string id: the validator says which and why
        const problems = await validateInSlices(doc, { stale });
        if (!problems || stale()) return;
        this.#indexingDoc = this.#indexing = undefined;
        this.#invalid(doc, problems.length ? problems : [{ path: 'nodes', message: 'every node must be an object with a string id' }]);
      }
      this.#held = undefined;
      for (const apply of held) apply();
    }).finally(() => {
      if (this.#indexing === indexing) this.#indexingDoc = this.#indexing = undefined;
    });
  }

  /** Runs `f` now, or once the large document being indexed is in the store, so that methods act on the newest document. */
  #afterIndexing(f: () => Promise<void>): Promise<void> {
    return this.#indexing ? this.#indexing.then(f) : f();
  }

  /** The store took the document now shown: lay it out; a large one is validated while the worker runs. */
  #adopted(stream: boolean, large: boolean) {
    const doc = this.#store.doc!;
    if (large) {
      // Starts once relayout() below has prepared the layout input, so it runs beside the worker, not before it.
      const checking: Promise<boolean> = (this.#checking = this.#layouts.prepared().then(() => validateInSlices(doc, { stale: (): boolean => this.#checking !== checking })).then((found) => {
        if (this.#checking !== checking || !found) return false; // another document came meanwhile
        this.#checking = undefined;
        if (found.length) { this.#invalid(doc, found); return false; }
        this.#loaded();
        return true;
      }));
    }
    this.graph = this.#shown = doc;
    this._error = undefined;
    if (!stream || !this.#scene) this.#fitted = false;
    if (!large) this.#loaded();
    void this.#relayout();
  }

  /** Runs a stream update now, or after the large document being indexed is shown. */
  #afterShow(apply: () => void) {
    if (this.#held) this.#held.push(apply); else apply();
  }

  #loaded() {
    const d = this.#store.doc!;
    fire(this, 'vz-load', { title: d.title ?? '', nodes: d.nodes.length, edges: d.edges.length });
  }

  #invalid(doc: unknown, problems: Problem[]) {
    this.graph = this.#shown = doc as VzDocument;
    const n = problems.length;
    this.#fail(`The document is not a valid vz-graph document (format v1): ${n} problem${n > 1 ? 's' : ''}.`, problems, true);
  }

  /** A stream's patch or attach event was applied (or refused). */
  #applyChange(change: { problems: Problem[]; relayout: boolean }) {
    if (change.problems.length) return this.#fail('A stream update was refused; the graph shown is unchanged.', change.problems, false);
    this.graph = this.#shown = this.#store.doc;
    if (change.relayout) void this.#relayout(); else this.view?.draw();
  }

  /** Reports a failure: `blocking` shows the error panel (nothing else to show), else a notice. */
  #fail(message: string, problems: Problem[], blocking: boolean) {
    this.#progress.stop();
    if (blocking) {
      this.#incoming++;
      this.#held = this.#indexingDoc = this.#indexing = undefined;
      this._error = { message, problems };
      this.#store.clear();
      this.#scene = this.#run = this.#result = undefined;
      if (this.view) { this.view.scene = undefined; this.view.draw(); }
      this.#resolveWaiters(Infinity);
    } else {
      this._notice = `${message} ${problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    }
    fire(this, 'vz-error', { message, problems });
  }

  /** Lays out the document again; resolves when this or a newer layout is shown. */
  #relayout(): Promise<void> {
    const doc = this.#store.doc;
    if (!doc || !this.hasUpdated) return Promise.resolve();
    const seq = ++this.#requested;
    const done = new Promise<void>((resolve) => this.#waiters.push({ seq, resolve }));
    const t = (this.#themeValues ??= readTheme(this));
    this.#textWidth ??= canvasTextWidth();
    const measure = makeMeasure(this.#textWidth, t.fontFamily, t.monoFamily, (id) => this.#store.children.get(id)?.length ?? 0);
    const input = this.direction ? { ...doc, direction: this.direction as VzDocument['direction'] } : doc;
    this.#progress.start(() => `Laying out ${grouped(this.#layouts.busyNodes || doc.nodes.length)} nodes…`);
    const checked = this.#checking;
    this.#layouts.run(input, this.#store.isExpanded, measure).then(
      async (run) => {
        if (!run || (checked && !await checked) || seq !== this.#requested) return;
        // A large scene is built in slices (the page stays responsive); a newer request or document meanwhile wins.
        const t0 = performance.now(), args = [run.flat, run.out, this.#store.byId, this.#store.doc?.edges ?? [], this.#store.children] as const;
        const n = run.flat.ids.length;
        this.#progress.start(() => `Drawing ${grouped(n)} nodes…`);
        const scene = n + run.flat.edgeDoc.length > LARGE_DOCUMENT ? await buildSceneInSlices(...args, undefined, (f) => this.#progress.at(f)) : buildScene(...args);
        performance.measure('vz-graph scene', { start: t0 });
        if (seq === this.#requested && this.#store.doc === doc) this.#apply(run, seq, scene, performance.now() - t0);
      },
      (e: Error) => this.#fail(e.message.startsWith('The layout worker') ? e.message : `The layout failed: ${e.message}`, [], !this.#scene),
    );
    return done;
  }

  #apply(run: LayoutRun, seq: number, scene: Scene, sceneMs: number) {
    const view = this.view!;
    const old = this.#scene, before = { x: view.x, y: view.y, k: view.k };
    this.#scene = scene;
    this.#run = run;
    this.#result = undefined;
    this.#progress.stop();
    view.scene = scene;
    this._tip = undefined;
    this.#nav.sceneChanged(scene);
    const anchor = this.#anchor && scene.index.get(this.#anchor.id);
    if (!this.#fitted) {
      if (view.width > 0) { this.#initialView(); this.#fitted = true; }
    } else if (anchor !== undefined) {
      // Keep the group that was clicked where it was on screen.
      view.x = this.#anchor!.sx - scene.boxes[4 * anchor] * view.k;
      view.y = this.#anchor!.sy - scene.boxes[4 * anchor + 1] * view.k;
    }
    // After a toggle, boxes slide from where they were on screen to their new places.
    view.transition = this.#anchor && old && view.k === before.k && this.#motion(1) > 0
      ? makeTransition(old, scene, (before.x - view.x) / view.k, (before.y - view.y) / view.k, performance.now()) : undefined;
    this.#anchor = undefined;
    if (this.#centreOn) this.#nav.centre(this.#centreOn);
    this.#centreOn = undefined;
    view.draw();
    this.requestUpdate();
    const r = (v: number) => Math.round(v * 10) / 10;
    fire(this, 'vz-layout', { ms: r(run.ms), nodes: scene.n, edges: scene.m, prepareMs: r(run.prepareMs), workerMs: r(run.workerMs), sceneMs: r(sceneMs) });
    this.#resolveWaiters(seq);
  }

  #resolveWaiters(seq: number) {
    this.#waiters = this.#waiters.filter((w) => (w.seq <= seq ? (w.resolve(), false) : true));
  }

  #toggle(id: string, expanded: boolean): Promise<void> {
    const revealed = expanded && this.#store.reveal(id);
    if (!this.#store.setExpanded(id, expanded) && !revealed) return Promise.resolve();
    const s = this.#scene, v = this.view, i = s?.index.get(id);
    if (s && v && i !== undefined) this.#anchor = { id, sx: v.x + s.boxes[4 * i] * v.k, sy: v.y + s.boxes[4 * i + 1] * v.k };
    fire(this, 'vz-toggle', { id, expanded });
    return this.#relayout();
  }

  /** `ms`, or 0 when the user prefers reduced motion. */
  #motion(ms: number) { return this.#reducedMotion?.matches ? 0 : ms; }

  #initialView() {
    this.view?.initial(this.direction ?? this.#store.doc?.direction);
  }

  #applyTheme() {
    if (!this.view) return;
    this.#themeValues = this.view.theme = readTheme(this);
    this.view.draw();
  }
}
