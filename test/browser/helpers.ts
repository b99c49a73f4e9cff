// Shared helpers of the element tests: mounting, waiting for events, and the expected view of a
// document computed independently of the element (so the tests can disagree with it).
import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../dist/vz-graph.js';
import type { VzGraph } from '../../component/index.js';
import type { VzDocument } from '../../component/model/format.js';

export type Box = { x: number; y: number; width: number; height: number };

export async function mount(attrs: Record<string, string> = {}, graph?: unknown): Promise<VzGraph> {
  const el = await fixture<VzGraph>(html`<vz-graph style="width: 800px; height: 500px"></vz-graph>`);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (graph) el.graph = graph as VzDocument;
  return el;
}

/** Mounts and waits for the first layout (or fails with the element's error). */
export async function mountLaidOut(attrs: Record<string, string>, graph?: unknown): Promise<VzGraph> {
  const el = await fixture<VzGraph>(html`<vz-graph style="width: 800px; height: 500px"></vz-graph>`);
  const done = settle(el);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (graph) el.graph = graph as VzDocument;
  await done;
  return el;
}

/** The next vz-layout; rejects on vz-error so failures read well. */
export function settle(el: HTMLElement): Promise<CustomEvent> {
  return new Promise((resolve, reject) => {
    const ok = (e: Event) => { el.removeEventListener('vz-error', bad); resolve(e as CustomEvent); };
    const bad = (e: Event) => { el.removeEventListener('vz-layout', ok); reject(new Error(`vz-error: ${(e as CustomEvent).detail.message}`)); };
    el.addEventListener('vz-layout', ok, { once: true });
    el.addEventListener('vz-error', bad, { once: true });
  });
}

export const nextEvent = (el: HTMLElement, type: string) => oneEvent(el, type) as Promise<CustomEvent>;

export const load = async (name: string) => (await fetch(`/test/fixtures/docs/${name}.vz.json`)).json();

export const frames = (n = 2) => new Promise<void>((resolve) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
  step(n);
});

/** Ids that should be visible: every ancestor is an expanded group. */
export function expectedVisible(doc: VzDocument, expanded: (id: string) => boolean): string[] {
  const parent = new Map(doc.nodes.map((n) => [n.id, n.parent ?? null]));
  return doc.nodes.filter((n) => {
    for (let p = parent.get(n.id); p; p = parent.get(p) ?? null) if (!expanded(p)) return false;
    return true;
  }).map((n) => n.id);
}

/** A group is expanded at first unless it says `collapsed` (no expand-depth). */
export const initiallyExpanded = (doc: VzDocument) => (id: string) => !doc.nodes.find((n) => n.id === id)?.collapsed;

export const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

export const inside = (c: Box, p: Box) =>
  c.x >= p.x - 0.5 && c.y >= p.y - 0.5 && c.x + c.width <= p.x + p.width + 0.5 && c.y + c.height <= p.y + p.height + 0.5;

/** Client coordinates of layout point (x, y) on the element's canvas. */
export function toClient(el: VzGraph, x: number, y: number) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const r = canvas.getBoundingClientRect();
  const t = el.viewTransform;
  return { clientX: r.left + t.x + x * t.scale, clientY: r.top + t.y + y * t.scale };
}

/** A click (pointerdown + pointerup without moving) at layout point (x, y). */
export function clickAt(el: VzGraph, x: number, y: number) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const at = { ...toClient(el, x, y), pointerId: 1, button: 0, pointerType: 'mouse', bubbles: true, composed: true };
  canvas.dispatchEvent(new PointerEvent('pointerdown', at));
  canvas.dispatchEvent(new PointerEvent('pointerup', at));
}

export function hoverAt(el: VzGraph, x: number, y: number) {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  canvas.dispatchEvent(new PointerEvent('pointermove', { ...toClient(el, x, y), pointerId: 1, pointerType: 'mouse', bubbles: true }));
}

export const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2] as const;

/** The colour of one canvas pixel at CSS point (x, y). */
export function pixel(el: VzGraph, x: number, y: number): number[] {
  const canvas = el.shadowRoot!.querySelector('canvas')!;
  const dpr = canvas.width / canvas.getBoundingClientRect().width;
  return [...canvas.getContext('2d')!.getImageData(Math.floor(x * dpr), Math.floor(y * dpr), 1, 1).data];
}

/** groups × size nodes: each group a chain of leaves, groups chained one after another. */
export function chains(groups: number, size: number) {
  const doc = { format: 'vz-graph', version: 1, nodes: [] as object[], edges: [] as object[] };
  for (let g = 0; g < groups; g++) {
    doc.nodes.push({ id: `g${g}`, label: `block ${g}`, attrs: { type: 'Block' } });
    for (let i = 0; i < size; i++) {
      doc.nodes.push({ id: `g${g}.${i}`, parent: `g${g}`, label: `layer ${g}.${i}`, attrs: { type: i % 2 ? 'Linear' : 'ReLU' } });
      if (i) doc.edges.push({ source: `g${g}.${i - 1}`, target: `g${g}.${i}`, label: i % 7 ? undefined : `[${i}, 64]` });
    }
    if (g) doc.edges.push({ source: `g${g - 1}.${size - 1}`, target: `g${g}.0` });
  }
  return doc;
}

/** Counts macrotask turns (setTimeout callbacks) and when each ran, until stopped. */
export function ticker() {
  const at: number[] = [];
  let timer = 0;
  const tick = () => { at.push(performance.now()); timer = window.setTimeout(tick, 0); };
  timer = window.setTimeout(tick, 0);
  return { at, stop: () => clearTimeout(timer) };
}
