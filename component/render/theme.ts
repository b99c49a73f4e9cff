/**
 * Colours and fonts the renderer and the exports use, read from the element's CSS custom
 * properties (defaults in vz-graph/styles.ts), so pages theme the diagram with plain CSS.
 */

export interface Theme {
  bg: string;
  text: string;
  textMuted: string;
  edge: string;
  edgeLabel: string;
  nodeFill: string;
  nodeStroke: string;
  groupFill: string;
  groupStroke: string;
  groupHeader: string;
  collapsedFill: string;
  accent: string;
  /** Fill colour per node kind (module, op, input, output, constant, param); others use nodeFill. */
  kinds: Record<string, string>;
  /** Stripe colour per node kind, a stronger tone of the fill. */
  stripes: Record<string, string>;
  fontFamily: string;
  monoFamily: string;
}

export const KINDS = ['module', 'op', 'input', 'output', 'constant', 'param'] as const;

/** Reads the theme from `el`'s computed style (call after styles apply, and when `theme` changes). */
export function readTheme(el: Element): Theme {
  const style = getComputedStyle(el);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const kinds: Record<string, string> = {};
  const stripes: Record<string, string> = {};
  for (const k of KINDS) {
    kinds[k] = v(`--vz-kind-${k}`, '#f1f3f4');
    stripes[k] = v(`--vz-kind-${k}-stripe`, '#9aa0a6');
  }
  return {
    bg: v('--vz-bg', '#ffffff'),
    text: v('--vz-text', '#202124'),
    textMuted: v('--vz-text-muted', '#5f6368'),
    edge: v('--vz-edge', '#80868b'),
    edgeLabel: v('--vz-edge-label', '#5f6368'),
    nodeFill: v('--vz-node-fill', '#ffffff'),
    nodeStroke: v('--vz-node-stroke', '#bdc1c6'),
    groupFill: v('--vz-group-fill', 'rgba(60,64,67,0.04)'),
    groupStroke: v('--vz-group-stroke', '#c8ccd0'),
    groupHeader: v('--vz-group-header', 'rgba(60,64,67,0.07)'),
    collapsedFill: v('--vz-group-collapsed-fill', '#eef1f5'),
    accent: v('--vz-accent', '#1a73e8'),
    kinds,
    stripes,
    fontFamily: v('--vz-font', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'),
    monoFamily: v('--vz-font-mono', 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'),
  };
}

/** The fill of a leaf or collapsed group of `kind`. */
export const kindFill = (t: Theme, kind: string | undefined) => t.kinds[kind ?? 'module'] ?? t.nodeFill;
export const kindStripe = (t: Theme, kind: string | undefined) => t.stripes[kind ?? 'module'] ?? t.nodeStroke;
