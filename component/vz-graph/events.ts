/**
 * The events <vz-graph> fires: kebab-case with the `vz-` prefix, bubbling and composed (they
 * leave the shadow root), each with its detail type declared once here.
 */
import type { Problem } from '../model/validate.js';

export interface VzLoadDetail { title: string; nodes: number; edges: number }
export interface VzLayoutDetail {
  ms: number; nodes: number; edges: number;
  /** Of `ms`: preparing the layout input on the main thread, the worker's part (layout and transfer); then building the scene. */
  prepareMs: number; workerMs: number; sceneMs: number;
}
export interface VzErrorDetail { message: string; problems: Problem[] }
export interface VzSelectDetail { id: string | null }
export interface VzToggleDetail { id: string; expanded: boolean }

export interface VzEventMap {
  'vz-load': CustomEvent<VzLoadDetail>;
  'vz-layout': CustomEvent<VzLayoutDetail>;
  'vz-error': CustomEvent<VzErrorDetail>;
  'vz-select': CustomEvent<VzSelectDetail>;
  'vz-toggle': CustomEvent<VzToggleDetail>;
}

declare global {
  interface HTMLElementEventMap extends VzEventMap {}
}

/** Fires `type` from `el` with `detail`, bubbling and composed. */
export function fire<K extends keyof VzEventMap>(el: HTMLElement, type: K, detail: VzEventMap[K]['detail']) {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
