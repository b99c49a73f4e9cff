/**
 * The view transform (screen = world × k + (x, y), in CSS pixels of the canvas) and the canvas
 * it draws on: a devicePixelRatio backing store for crisp lines and text, and redraws batched
 * into one requestAnimationFrame when something marked the view dirty. Pan and zoom only change
 * the transform, so they never wait for a layout.
 *
 * While a heavy view moves (more than HEAVY_ITEMS nodes and edges in it, dragged, wheeled or moved
 * by keys), the backing store drops to one pixel per CSS pixel, a quarter of the pixels at device
 * pixel ratio 2: rastering a far-out 100k graph at 2560×1600 takes 15-40 ms a frame, too slow
 * to follow the pointer. REST_MS after the last move it is painted crisp again. Trade-off: a
 * slightly soft picture while it moves, and one full-resolution paint when it stops.
 */
import { drawScene } from './draw.js';
import type { Scene } from './scene.js';
import type { Theme } from './theme.js';
import { stepTransition, type Transition } from './transition.js';

export interface ViewTransform { readonly x: number; readonly y: number; readonly scale: number }

export const MAX_SCALE = 4;

/** Nodes + edges in view above which a moving view is painted at one backing pixel per CSS pixel. */
export const HEAVY_ITEMS = 4000;
/** A moving view is painted crisp again this long after its last move. */
export const REST_MS = 150;

export class CanvasView {
  x = 0;
  y = 0;
  k = 1;
  width = 0;
  height = 0;
  scene: Scene | undefined;
  theme: Theme | undefined;
  hover = -1;
  selected = -1;
  /** A point to mark: the sparkline sample under the pointer (world coordinates). */
  mark: [number, number] | undefined;
  /** Search matches to outline, by scene index (undefined: none). */
  marked: Uint8Array | undefined;
  /** The node with keyboard focus (drawn with a focus ring), -1: none. */
  focused = -1;
  /** A layout change in progress (transition.ts): drawn instead of `scene` until it ends. */
  transition: Transition | undefined;
  /** A view move in progress (zoomTo): from, to, start, duration. */
  #tween: { from: [number, number, number]; to: [number, number, number]; start: number; ms: number; done: () => void } | undefined;
  /** Frames painted so far and the CPU time of the last paint (ms): cheap numbers for benchmarks. */
  frames = 0;
  lastDrawMs = 0;
  #frame = 0;
  #dpr = 1;
  /** Backing-store pixels per CSS pixel now: the device's, or 1 while a heavy view moves. */
  #scale = 1;
  /** Items in view at the last paint. */
  #inView = 0;
  /** Set while the user moves the view (pan, zoom); cleared REST_MS after the last move. */
  #moving = 0;

  constructor(readonly canvas: HTMLCanvasElement) {}

  get transform(): ViewTransform { return { x: this.x, y: this.y, scale: this.k }; }

  /** Backing-store pixels per CSS pixel of the last paint (1 while a heavy view moves at a higher device pixel ratio). */
  get pixelRatio() { return this.#scale; }

  /** Sets the canvas size in CSS pixels (from a ResizeObserver). */
  resize(width: number, height: number) {
    this.width = Math.max(0, width);
    this.height = Math.max(0, height);
    this.#dpr = window.devicePixelRatio || 1;
    this.#setScale(this.#wantedScale());
    this.draw();
  }

  /** The device's pixel ratio; 1 while a heavy view moves (and for the rest of that move, so it never flips back and forth). */
  #wantedScale() {
    const low = Math.min(1, this.#dpr);
    return this.#moving && (this.#inView > HEAVY_ITEMS || this.#scale === low) ? low : this.#dpr;
  }

  /** Sizes the backing store at `scale` pixels per CSS pixel (this clears it: a paint follows). */
  #setScale(scale: number) {
    this.#scale = scale;
    this.canvas.width = Math.round(this.width * scale);
    this.canvas.height = Math.round(this.height * scale);
  }

  /** The user moved the view: paint at low resolution if the view is heavy, crisp again once it rests. */
  #moved() {
    clearTimeout(this.#moving);
    this.#moving = window.setTimeout(() => {
      this.#moving = 0;
      if (this.#scale !== this.#dpr) this.draw();
    }, REST_MS);
  }

  /** Smallest zoom: the whole graph at a quarter of the view (never below 0.01). */
  minScale() {
    const s = this.scene;
    if (!s || !this.width) return 0.05;
    return Math.max(0.005, Math.min(0.25, 0.25 * Math.min(this.width / (s.width || 1), this.height / (s.height || 1))));
  }

  /** Space kept free at the top when fitting (the toolbar). */
  insetTop = 0;

  /** Shows the whole graph, centred below insetTop, at most at 100%. */
  fit(pad = 20) {
    const s = this.scene;
    if (!s || !this.width || !this.height) return;
    const top = pad + this.insetTop, h = this.height - top - pad;
    const k = Math.min(1, (this.width - 2 * pad) / (s.width || 1), h / (s.height || 1));
    this.k = Math.max(this.minScale(), k);
    this.x = (this.width - s.width * this.k) / 2;
    this.y = top + Math.max(0, (h - s.height * this.k) / 2);
    this.draw();
  }

  /**
   * The first view of a graph: fit() when labels are then readable; otherwise a readable zoom
   * showing where the flow starts (the top for `down`, the left for `right`, …), so a tall model
   * opens on its input rather than as an unreadable thumbnail.
   */
  initial(direction: string | undefined, readable = 0.55) {
    this.fit();
    const s = this.scene;
    if (!s || this.k >= readable || !this.width) return;
    const pad = 20;
    this.k = Math.min(1, Math.max(readable, this.k));
    const w = s.width * this.k, h = s.height * this.k;
    const top = pad + this.insetTop;
    this.x = w < this.width ? (this.width - w) / 2 : direction === 'left' ? this.width - pad - w : pad;
    this.y = h < this.height - top ? top + (this.height - top - h) / 2 : direction === 'up' ? this.height - pad - h : top;
    this.draw();
  }

  /** Zooms by `factor` keeping the world point under screen point (px, py) in place. */
  zoomAt(px: number, py: number, factor: number) {
    this.#interrupt();
    this.#moved();
    const k = Math.min(MAX_SCALE, Math.max(this.minScale(), this.k * factor));
    this.x = px - ((px - this.x) / this.k) * k;
    this.y = py - ((py - this.y) / this.k) * k;
    this.k = k;
    this.draw();
  }

  panBy(dx: number, dy: number) {
    this.#interrupt();
    this.#moved();
    this.x += dx;
    this.y += dy;
    this.draw();
  }

  /** Centres world point (wx, wy) on screen. */
  centreOn(wx: number, wy: number) {
    this.x = this.width / 2 - wx * this.k;
    this.y = this.height / 2 - wy * this.k;
    this.draw();
  }

  /**
   * Moves the view to (x, y, k) over `ms` (0: at once). Resolves when it arrives; input that moves
   * the view meanwhile (pan, zoom) ends the move where it is.
   */
  animateTo(x: number, y: number, k: number, ms: number): Promise<void> {
    this.#tween?.done();
    if (ms <= 0) { this.x = x; this.y = y; this.k = k; this.draw(); return Promise.resolve(); }
    return new Promise((done) => {
      this.#tween = { from: [this.x, this.y, this.k], to: [x, y, k], start: performance.now(), ms, done };
      this.draw();
    });
  }

  /** Moves the view to centre box [x, y, w, h] at a readable zoom (at most 150%, the box at most 60% of the view). */
  showBox([x, y, w, h]: Float64Array, ms: number): Promise<void> {
    const k = Math.max(this.minScale(), Math.min(1.5, (0.6 * this.width) / w, (0.6 * this.height) / h));
    return this.animateTo(this.width / 2 - (x + w / 2) * k, this.height / 2 - (y + h / 2) * k, k, ms);
  }

  /** Whether a layout transition or a view move is still running. */
  get animating() { return !!this.transition || !!this.#tween; }

  /** Stops a view move where it is (the user took over). */
  #interrupt() {
    const t = this.#tween;
    this.#tween = undefined;
    t?.done();
  }

  toWorld(px: number, py: number): [number, number] { return [(px - this.x) / this.k, (py - this.y) / this.k]; }

  /** Asks for a redraw in the next animation frame (many calls, one draw). */
  draw() {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.paint();
    });
  }

  /** Draws now. */
  paint() {
    const ctx = this.canvas.getContext('2d');
    const t = this.theme;
    if (!ctx || !t) return;
    const t0 = performance.now();
    this.#advance(t0);
    this.#paintNow(ctx, t);
    this.lastDrawMs = performance.now() - t0;
    this.frames++;
  }

  /** Steps the running animations to time `now`; asks for another frame while they run. */
  #advance(now: number) {
    const tw = this.#tween;
    if (tw) {
      const t = Math.min(1, (now - tw.start) / tw.ms);
      const e = 1 - (1 - t) ** 3; // ease out
      // Zoom moves in log space, so the speed feels even.
      const k = Math.exp(Math.log(tw.from[2]) + (Math.log(tw.to[2]) - Math.log(tw.from[2])) * e);
      // Interpolate the world point at the centre of the view, not the offsets.
      const cx = this.width / 2, cy = this.height / 2;
      const wx0 = (cx - tw.from[0]) / tw.from[2], wy0 = (cy - tw.from[1]) / tw.from[2];
      const wx1 = (cx - tw.to[0]) / tw.to[2], wy1 = (cy - tw.to[1]) / tw.to[2];
      this.k = k;
      this.x = cx - (wx0 + (wx1 - wx0) * e) * k;
      this.y = cy - (wy0 + (wy1 - wy0) * e) * k;
      if (t >= 1) { [this.x, this.y, this.k] = tw.to; this.#tween = undefined; tw.done(); }
    }
    if (this.transition && this.scene && !stepTransition(this.transition, this.scene, now)) this.transition = undefined;
    if (this.animating) this.draw();
  }

  #paintNow(ctx: CanvasRenderingContext2D, t: Theme) {
    // The window moved to a screen with another pixel density: a new backing store.
    if ((window.devicePixelRatio || 1) !== this.#dpr) this.resize(this.width, this.height);
    const scale = this.#wantedScale();
    if (scale !== this.#scale) this.#setScale(scale);
    const dpr = this.#scale;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = t.bg;
    ctx.fillRect(0, 0, this.width, this.height);
    const s = this.transition?.frame ?? this.scene;
    if (!s) return;
    ctx.setTransform(dpr * this.k, 0, 0, dpr * this.k, dpr * this.x, dpr * this.y);
    const [x0, y0] = this.toWorld(0, 0);
    const [x1, y1] = this.toWorld(this.width, this.height);
    // While a transition runs, boxes are not where the spatial grid has them: draw everything (small scenes only).
    const all = !!this.transition;
    this.#inView = drawScene(ctx, s, t, all ? { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity, k: this.k, hover: -1, selected: -1, focused: -1 }
      : { x0, y0, x1, y1, k: this.k, hover: this.hover, selected: this.selected, focused: this.focused, marked: this.marked, mark: this.mark });
  }

  dispose() {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    clearTimeout(this.#moving);
    this.#moving = 0;
  }
}
