/**
 * vz-graph: `<script type="module" src="vz-graph.js">` registers `<vz-graph>`.
 * Importing this module defines the element once (a second copy on the page is ignored).
 */
import { VzGraph } from './vz-graph/vz-graph.js';

export { VzGraph };
export type { VzDocument, VzNode, VzEdge, VzAttachment, LayoutResult, Direction } from './model/format.js';
export type { Problem } from './model/validate.js';
export type { ViewTransform } from './render/view.js';
export type { VzEventMap, VzLoadDetail, VzLayoutDetail, VzErrorDetail, VzSelectDetail, VzToggleDetail } from './vz-graph/events.js';
export { validate } from './model/validate.js';

if (!customElements.get('vz-graph')) customElements.define('vz-graph', VzGraph);

declare global {
  interface HTMLElementTagNameMap {
    'vz-graph': VzGraph;
  }
}
