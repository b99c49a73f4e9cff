/**
 * Pointer, wheel and keyboard input on the canvas: drag to pan, wheel (and trackpad pinch) to
 * zoom around the pointer, two-finger pinch via pointer events, + − arrows and 0 (fit) when
 * focused. A press that moves less than CLICK_SLOP pixels is a click. Everything here only
 * changes the view transform, so it never waits for a layout.
 */
import type { CanvasView } from '../render/view.js';

const CLICK_SLOP = 5;

export interface InteractionSink {
  click(px: number, py: number): void;
  hover(px: number, py: number, inside: boolean): void;
  fit(): void;
  /** Enter or space on the canvas: open or close the focused (or selected) group. */
  activate(): void;
  /** An arrow key: move the keyboard focus to the next node that way; false: nothing focused (pan instead). */
  move(dir: 'up' | 'down' | 'left' | 'right'): boolean;
  /** The canvas got the keyboard focus (`pointer`: from a press, not Tab). */
  focusIn(pointer: boolean): void;
  /** Escape: drop the node focus (arrows pan again). */
  escape(): void;
}

export class Interaction {
  #pointers = new Map<number, { x: number; y: number }>();
  #down: { x: number; y: number; moved: boolean } | undefined;
  #pinch = 0;

  readonly #canvas: HTMLCanvasElement;
  readonly #view: CanvasView;
  readonly #sink: InteractionSink;

  constructor(canvas: HTMLCanvasElement, view: CanvasView, sink: InteractionSink) {
    this.#canvas = canvas;
    this.#view = view;
    this.#sink = sink;
    canvas.addEventListener('pointerdown', this.#onDown);
    canvas.addEventListener('pointermove', this.#onMove);
    canvas.addEventListener('pointerup', this.#onUp);
    canvas.addEventListener('pointercancel', this.#onCancel);
    canvas.addEventListener('pointerleave', this.#onLeave);
    canvas.addEventListener('wheel', this.#onWheel, { passive: false });
    canvas.addEventListener('keydown', this.#onKey);
    canvas.addEventListener('focus', () => this.#sink.focusIn(this.#pressing));
  }

  /** True while a pointer press is focusing the canvas (so focus from a click is not Tab). */
  #pressing = false;

  #local(e: { clientX: number; clientY: number }) {
    const r = this.#canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  #onDown = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    this.#pressing = true;
    this.#canvas.focus({ preventScroll: true });
    this.#pressing = false;
    try { this.#canvas.setPointerCapture(e.pointerId); } catch { /* synthetic events have no active pointer */ }
    const p = this.#local(e);
    this.#pointers.set(e.pointerId, p);
    if (this.#pointers.size === 1) this.#down = { ...p, moved: false };
    else { this.#down = undefined; this.#pinch = this.#spread(); }
  };

  #onMove = (e: PointerEvent) => {
    const p = this.#local(e);
    const prev = this.#pointers.get(e.pointerId);
    if (!prev) return this.#sink.hover(p.x, p.y, true);
    if (this.#pointers.size >= 2) {
      const before = this.#centre();
      this.#pointers.set(e.pointerId, p);
      const after = this.#centre();
      const spread = this.#spread();
      if (this.#pinch > 0 && spread > 0) this.#view.zoomAt(after.x, after.y, spread / this.#pinch);
      this.#view.panBy(after.x - before.x, after.y - before.y);
      this.#pinch = spread;
      return;
    }
    this.#pointers.set(e.pointerId, p);
    if (this.#down && !this.#down.moved && Math.hypot(p.x - this.#down.x, p.y - this.#down.y) < CLICK_SLOP) return;
    if (this.#down) this.#down.moved = true;
    this.#canvas.classList.add('dragging');
    this.#view.panBy(p.x - prev.x, p.y - prev.y);
  };

  #onUp = (e: PointerEvent) => {
    const had = this.#pointers.delete(e.pointerId);
    this.#canvas.classList.remove('dragging');
    if (this.#pointers.size < 2) this.#pinch = 0;
    const down = this.#down;
    if (this.#pointers.size === 0) this.#down = undefined;
    if (had && down && !down.moved) {
      const p = this.#local(e);
      this.#sink.click(p.x, p.y);
    }
  };

  #onCancel = (e: PointerEvent) => {
    this.#pointers.delete(e.pointerId);
    this.#down = undefined;
    this.#canvas.classList.remove('dragging');
  };

  #onLeave = (e: PointerEvent) => {
    if (!this.#pointers.size) { const p = this.#local(e); this.#sink.hover(p.x, p.y, false); }
  };

  #onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const p = this.#local(e);
    // deltaMode 1 = lines; trackpad pinch arrives as ctrl+wheel with small deltas.
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    if (!e.ctrlKey && Math.abs(e.deltaX) > Math.abs(dy)) return this.#view.panBy(-e.deltaX, 0);
    this.#view.zoomAt(p.x, p.y, Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015)));
  };

  #onKey = (e: KeyboardEvent) => {
    const v = this.#view, step = 48;
    const keys: Record<string, () => void> = {
      '+': () => v.zoomAt(v.width / 2, v.height / 2, 1.25),
      '=': () => v.zoomAt(v.width / 2, v.height / 2, 1.25),
      '-': () => v.zoomAt(v.width / 2, v.height / 2, 0.8),
      '_': () => v.zoomAt(v.width / 2, v.height / 2, 0.8),
      '0': () => this.#sink.fit(),
      // Arrows move the focus between nodes; with Shift, or when no node has the focus, they pan.
      ArrowLeft: () => (!e.shiftKey && this.#sink.move('left')) || v.panBy(step, 0),
      ArrowRight: () => (!e.shiftKey && this.#sink.move('right')) || v.panBy(-step, 0),
      ArrowUp: () => (!e.shiftKey && this.#sink.move('up')) || v.panBy(0, step),
      ArrowDown: () => (!e.shiftKey && this.#sink.move('down')) || v.panBy(0, -step),
      Enter: () => this.#sink.activate(),
      ' ': () => this.#sink.activate(),
      Escape: () => this.#sink.escape(),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    action();
  };

  #centre() {
    let x = 0, y = 0;
    for (const p of this.#pointers.values()) { x += p.x; y += p.y; }
    return { x: x / this.#pointers.size, y: y / this.#pointers.size };
  }

  #spread() {
    const [a, b] = [...this.#pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  }
}
