/**
 * The boundary between the main thread, the layout worker and the WASM module.
 * Only numbers and typed arrays cross it: one call per layout, no per-node objects.
 *
 * Node i of a FlatGraph is one *visible* node (a leaf, a collapsed group, or an expanded group).
 * Edges are already lifted to visible ends (a hidden end is replaced by its nearest visible
 * ancestor) and deduplicated after lifting; flatten() builds this from a format-v1 document.
 */

/** Direction codes used inside flags and rootDirection. */
export const enum DirCode { Down = 0, Right = 1, Up = 2, Left = 3 }

/** flags bit 0: node i is an expanded group (it has visible children to lay out). */
export const FLAG_GROUP = 1;
/** flags bits 1..2: the group's direction code (DirCode), shifted left by 1. */
export const FLAG_DIR_SHIFT = 1;

/** Indexes into FlatGraph.options. */
export const enum Opt {
  NodeGap = 0,   // space between neighbours in one rank
  RankGap = 1,   // space between ranks
  GroupPad = 2,  // padding inside a group around its children
  EdgeGap = 3,   // distance between parallel edge tracks
  Count = 4,
}
export const DEFAULT_OPTIONS = [24, 36, 14, 6];

export interface FlatGraph {
  /** n: parent index of each visible node, -1 for a top-level node. A parent comes before its children. */
  parent: Int32Array;
  /** n: FLAG_GROUP | (direction << FLAG_DIR_SHIFT). */
  flags: Int32Array;
  /** 2n: width, height. Leaves and collapsed groups: their box. Expanded groups: the
   *  minimum width and the header height (the label band at the top of the box). */
  size: Float64Array;
  /** n: time step, -1 for none. */
  step: Int32Array;
  /** n: align set id (nodes with one id share a rank), -1 for none. */
  align: Int32Array;
  /** 4m: source, target, sourcePort, targetPort (-1 when absent). */
  edges: Int32Array;
  /** 2m: label width, height (0, 0 for no label). */
  edgeLabel: Float64Array;
  rootDirection: number;
  /** Opt.Count numbers, see Opt. */
  options: Float64Array;
}

/**
 * What the WASM `layout` export returns, as one Float64Array:
 *   [0] width, [1] height,
 *   [2 .. 2+4n)          x, y, w, h of every node (absolute, origin top-left, y down),
 *   [2+4n .. 2+4n+2m)    x, y of every edge label box's top-left (NaN when the edge has no label),
 *   [L .. L+m+1)         L = 2+4n+2m: offsets of each edge's first point, counted in points,
 *   [P ..)               P = L+m+1: the points, x, y pairs; edge j has points offsets[j]..offsets[j+1].
 * decodeLayout() turns this into a FlatLayout.
 */
export interface FlatLayout {
  width: number;
  height: number;
  boxes: Float64Array;      // 4n
  labels: Float64Array;     // 2m
  offsets: Int32Array;      // m+1
  points: Float64Array;     // 2 * offsets[m]
}
