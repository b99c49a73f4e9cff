/**
 * Navigation: what the user points at, selects and focuses, and the input sink that turns
 * pointer and keyboard input (interaction.ts) into it. Selection and keyboard focus are kept by
 * id, so they survive relayouts; the view draws them by scene index (sceneChanged()).
 */
import { Kind, hitTest, pick, type Scene } from '../render/scene.js';
import { HEADER } from '../render/metrics.js';
import type { CanvasView } from '../render/view.js';
import type { GraphStore } from '../model/store.js';
import type { InteractionSink } from './interaction.js';
import { describeNode, firstNode, nextNode } from './node-focus.js';
import { attachmentTip, tooltipFor, type Tip } from './tooltip.js';

export interface NavigationHost {
  scene(): Scene | undefined;
  view(): CanvasView | undefined;
  readonly store: GraphStore;
  toggle(id: string, expanded: boolean): Promise<void>;
  fit(): void;
  /** A node was selected (fire vz-select). */
  selected(id: string | null): void;
  /** Show this tooltip (undefined: none). */
  tip(tip: Tip | undefined): void;
  /** Announce this text in the live region. */
  announce(text: string): void;
}

export class Navigation {
  selectedId: string | null = null;
  /** The node with the keyboard focus (arrows move it). */
  focusedId: string | null = null;
  /** Search matches (outlined; a match inside a closed group outlines the group). */
  #matches: string[] = [];

  readonly #host: NavigationHost;

  constructor(host: NavigationHost) { this.#host = host; }

  /** The sink for interaction.ts. */
  readonly sink: InteractionSink = {
    click: (x, y) => this.#click(x, y),
    hover: (x, y, inside) => this.#hover(x, y, inside),
    fit: () => this.#host.fit(),
    activate: () => { // Enter or space: open or close the focused (else the selected) group; select a leaf
      const id = this.focusedId ?? this.selectedId, store = this.#host.store;
      if (id && store.isGroup(id)) void this.#host.toggle(id, !store.expanded.has(id));
      else if (id) this.select(id);
    },
    move: (dir) => {
      const s = this.#host.scene(), from = this.focusedId !== null ? s?.index.get(this.focusedId) : undefined;
      if (!s || from === undefined) return false;
      const to = nextNode(s, from, dir);
      if (to >= 0) this.focus(s.ids[to]);
      return true;
    },
    focusIn: (pointer) => {
      const s = this.#host.scene();
      if (pointer || this.focusedId !== null || !s) return;
      const i = this.selectedId !== null ? s.index.get(this.selectedId) ?? -1 : firstNode(s);
      if (i >= 0) this.focus(s.ids[i]);
    },
    escape: () => this.focus(null),
  };

  /** A new scene is shown: draw selection and focus at their new indexes (a hidden focus moves to its visible group). */
  sceneChanged(scene: Scene) {
    const v = this.#host.view()!;
    v.hover = -1;
    v.mark = undefined;
    v.selected = this.selectedId !== null ? scene.index.get(this.selectedId) ?? -1 : -1;
    if (this.focusedId !== null && !scene.index.has(this.focusedId)) this.focusedId = this.#host.store.visibleFor(this.focusedId);
    v.focused = this.focusedId !== null ? scene.index.get(this.focusedId) ?? -1 : -1;
    if (v.focused >= 0) this.#host.announce(describeNode(scene, v.focused));
    this.#markIn(scene, v);
  }

  /** Outlines these nodes (the search box's matches); [] clears. */
  mark(ids: string[]) {
    this.#matches = ids;
    const s = this.#host.scene(), v = this.#host.view();
    if (s && v) { this.#markIn(s, v); v.draw(); }
  }

  #markIn(s: Scene, v: CanvasView) {
    if (!this.#matches.length) { v.marked = undefined; return; }
    const marked = new Uint8Array(s.n), store = this.#host.store;
    for (const id of this.#matches) {
      const i = s.index.get(store.visibleFor(id));
      if (i !== undefined) marked[i] = 1;
    }
    v.marked = marked;
  }

  /** Moves the keyboard focus to node `id` (null: none), keeps it in view and announces it. */
  focus(id: string | null) {
    this.focusedId = id;
    const s = this.#host.scene(), v = this.#host.view(), i = id !== null ? s?.index.get(id) : undefined;
    if (!v) return;
    v.focused = i ?? -1;
    v.draw();
    this.#host.announce(i !== undefined ? describeNode(s!, i) : '');
    if (i === undefined) return;
    const b = s!.boxes, x = v.x + b[4 * i] * v.k, y = v.y + b[4 * i + 1] * v.k;
    const w = b[4 * i + 2] * v.k, h = Math.min(b[4 * i + 3] * v.k, v.height / 2);
    if (x < 0 || y < v.insetTop || x + w > v.width || y + h > v.height) this.centre(id!);
  }

  select(id: string | null) {
    if (id === this.selectedId) return;
    this.selectedId = id;
    const s = this.#host.scene(), v = this.#host.view();
    if (v && s) { v.selected = id === null ? -1 : s.index.get(id) ?? -1; v.draw(); }
    this.#host.selected(id);
  }

  centre(id: string) {
    const s = this.#host.scene(), v = this.#host.view(), i = s?.index.get(id);
    if (i === undefined || !v) return;
    const b = s!.boxes;
    v.centreOn(b[4 * i] + b[4 * i + 2] / 2, b[4 * i + 1] + b[4 * i + 3] / 2);
  }

  #click(px: number, py: number) {
    const s = this.#host.scene(), v = this.#host.view();
    if (!s || !v) return;
    const p = pick(s, ...v.toWorld(px, py), v.k, HEADER);
    if (p.action === 'toggle') void this.#host.toggle(p.id, p.expanded);
    else this.select(p.action === 'select' ? p.id : null);
  }

  #hover(px: number, py: number, inside: boolean) {
    const s = this.#host.scene(), v = this.#host.view();
    if (!s || !v) return;
    const [wx, wy] = v.toWorld(px, py);
    const i = inside ? hitTest(s, wx, wy, v.k) : -1;
    // A pointer cursor where a click does something: toggles, and selects of leaves.
    const p = i >= 0 ? pick(s, wx, wy, v.k, HEADER) : undefined;
    v.canvas.classList.toggle('pointing', p?.action === 'toggle' || (p?.action === 'select' && s.kind[i] !== Kind.Group));
    if (i !== v.hover) { v.hover = i; v.draw(); }
    const spark = attachmentTip(s, wx, wy, px, py, v.width, v.height, v.k);
    if (spark?.mark?.join() !== v.mark?.join()) { v.mark = spark?.mark; v.draw(); }
    this.#host.tip(spark ?? (i >= 0 ? tooltipFor(s, i, px, py, v.width, v.height) : undefined));
  }
}
