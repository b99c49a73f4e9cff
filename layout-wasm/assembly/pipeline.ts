/**
 * The layout pipeline, in run order. Groups are laid out bottom-up (children before parents);
 * each one from its visible children alone, then placed as one box in its parent.
 *
 *   setup    hierarchy.ts   nesting, step columns, group order
 *            tasks.ts       each edge cut into one piece per group it crosses
 *   per group, in its canonical (downward) frame:
 *     p0  prepare           p0-prepare/build-graph.ts   children, border ports, edges
 *     p1  cycles            p1-cycles/break-cycles.ts   reverse a DFS feedback set
 *     p2  layers            p2-layers/rank.ts           longest path + pull-down
 *         long edges        p2-layers/long-edges.ts     split into dummies (joined by p5),
 *                           p2-layers/share-dummies.ts  shared by the long edges of one hyperedge
 *     p3  order             p3-order/sweep.ts           barycenter sweeps, best kept
 *                           p3-order/transpose.ts       swap neighbours while it helps
 *     p4  attach + place    p4-place/attach.ts          attach points (ports), fixed spacing
 *                           p4-place/place.ts           x: sweeps (pav.ts), exact network simplex
 *                                                       (simplex.ts), a block's in/out ports tied when
 *                                                       free, local moves (straighten.ts)
 *                           p4-place/slide.ts           attach points slid to where lines run straight
 *     p5  route             p5-route/tracks.ts, route.ts  channels, tracks, y, polylines
 *     p6  rotate            p6-rotate/rotate.ts         real direction, group box, ports
 *   cache    cache.ts       a group whose inputs are unchanged since the last call is restored
 *                           instead (incremental: a toggle re-lays out that group and its ancestors)
 *   finish   output.ts      absolute coordinates, pieces joined, one Float64Array
 * nets.ts says which edge ends are one point (a hyperedge: one tensor's fan-out, or one port's fan-in),
 * read by p2b, p4a and p5. debug/checks.ts re-checks each phase's postconditions when switched on
 * (phaseChecks export).
 */
import { ld } from './util';
import { buildHierarchy, post, postCount } from './hierarchy';
import { buildTasks, K } from './tasks';
import { resetPieces } from './pieces';
import { buildGraph } from './p0-prepare/build-graph';
import { breakCycles } from './p1-cycles/break-cycles';
import { assignRanks } from './p2-layers/rank';
import { splitLongEdges } from './p2-layers/long-edges';
import { orderRanks } from './p3-order/sweep';
import { transpose } from './p3-order/transpose';
import { attachPoints } from './p4-place/attach';
import { placeX } from './p4-place/place';
import { route } from './p5-route/route';
import { rotateGroup } from './p6-rotate/rotate';
import { writeOutput } from './output';
import * as G from './lgraph';
import * as C from './debug/checks';
import * as Cache from './cache';

/** Profiling hook: stop each group after this phase (0..6; 6 = full); see debug/exports.ts. */
export let stopAfter: i32 = 6;
export function setStopAfter(p: i32): void { stopAfter = p; }

export function layoutGroup(g: i32): void {
  buildGraph(g);
  if (stopAfter < 1) return;
  breakCycles();
  if (C.checking) C.checkCycles();
  if (stopAfter < 2) return;
  assignRanks();
  splitLongEdges();
  if (C.checking) C.checkLayers();
  if (stopAfter < 3) return;
  orderRanks();
  transpose();
  if (C.checking) C.checkOrder();
  if (stopAfter < 4) return;
  attachPoints();
  placeX();
  if (C.checking) C.checkPlace();
  if (stopAfter < 5) return;
  route();
  if (C.checking) C.checkRoute(g);
  if (stopAfter < 6) return;
  rotateGroup(g);
  if (C.checking) C.checkRotate(g);
  G.statNodes += G.nNodes; G.statRanks += G.nRanks; G.statSegs += G.nSegs;
}

export function runLayout(parent: Int32Array, flags: Int32Array, size: Float64Array, step: Int32Array, align: Int32Array,
  edges: Int32Array, edgeLabel: Float64Array, rootDirection: i32, options: Float64Array): Float64Array {
  buildHierarchy(parent, flags, size, step, align, rootDirection, options);
  buildTasks(edges, edgeLabel);
  G.statNodes = 0; G.statRanks = 0; G.statSegs = 0;
  resetPieces(K);
  // incremental (cache.ts): a group whose inputs did not change since the last layout is restored
  const cached = Cache.enabled && !C.checking && stopAfter >= 6;
  Cache.beginLayout();
  for (let i = 0; i < postCount; i++) {
    const g = ld(post, i);
    if (cached && Cache.restore(g)) continue;
    layoutGroup(g);
    if (cached) Cache.store(g);
  }
  if (cached) Cache.endLayout();
  return writeOutput();
}
