/**
 * Per-phase postcondition checks (debug only): each phase's header states its contract; these
 * count the violations after the phase ran, per phase, over every group of one layout.
 * Off by default (cost: about one extra pass per phase). Tests switch them on through the
 * engine's `phaseChecks` and expect all zeros on every fixture and on the fuzz corpus.
 */
import * as G from '../lgraph';
import { W, H, X, Y, headerH, isColumn, ROOT, optPad, optNodeGap, optEdgeGap, childStart, childList } from '../hierarchy';
import { tPtStart, tPtCount, tKind, tPortX, tPortY, groupTaskStart, groupTaskList, TASK_OUT, TASK_IN } from '../tasks';
import { pts } from '../pieces';
import { growI, ld, st } from '../util';

export let checking = false;
export const violations = new Int32Array(8);
let indeg = new Int32Array(16);
let queue = new Int32Array(16);

export function setChecking(on: bool): void { checking = on; for (let i = 0; i < 8; i++) st(violations, i, 0); }

/** p1: the graph of representatives over edges with eMin > 0 is acyclic (Kahn's algorithm empties it). */
export function checkCycles(): void {
  const n = G.nNodes;
  indeg = growI(indeg, n); queue = growI(queue, n);
  for (let v = 0; v < n; v++) st(indeg, v, 0);
  for (let e = 0; e < G.nEdges; e++) if (ld(G.eMin, e) > 0) indeg[ld(G.nRep, ld(G.eV, e))]++;
  let head = 0, tail = 0, reps = 0;
  for (let v = 0; v < n; v++) if (ld(G.nRep, v) == v) { reps++; if (ld(indeg, v) == 0) st(queue, tail++, v); }
  while (head < tail) {
    const v = ld(queue, head++);
    for (let e = 0; e < G.nEdges; e++) if (ld(G.eMin, e) > 0 && ld(G.nRep, ld(G.eU, e)) == v) { const w = ld(G.nRep, ld(G.eV, e)); if (--indeg[w] == 0) st(queue, tail++, w); }
    if (head > 100000) break; // O(n·m) check: only for small groups
  }
  if (tail != reps && head <= 100000) violations[1]++;
}

/** p2: edges respect minimum lengths, align sets share a rank, border ports on the outer ranks, chains on consecutive ranks. */
export function checkLayers(): void {
  for (let e = 0; e < G.nEdges; e++) {
    const d = ld(G.nRank, ld(G.eV, e)) - ld(G.nRank, ld(G.eU, e));
    if (ld(G.eMin, e) > 0 ? d < ld(G.eMin, e) : d != 0) violations[2]++;
    if (ld(G.eTask, e) < 0 || ld(G.eBypass, e)) continue;
    const c = ld(G.eChain, e);
    for (let i = 0; i + 1 < ld(G.eChainLen, e); i++) if (d > 0 && ld(G.nRank, ld(G.chain, c + i + 1)) != ld(G.nRank, ld(G.chain, c + i)) + 1) violations[2]++;
  }
  for (let v = 0; v < G.nNodes; v++) {
    if (ld(G.nRank, v) != ld(G.nRank, ld(G.nRep, v))) violations[2]++;
    if (ld(G.nKind, v) == G.NK_PORT_TOP && ld(G.nRank, v) != 0) violations[2]++;
    if (ld(G.nKind, v) == G.NK_PORT_BOTTOM && ld(G.nRank, v) != G.nRanks - 1) violations[2]++;
  }
}

/** p3: rankNodes and nPos agree, every node listed once in its own rank. */
export function checkOrder(): void {
  for (let r = 0; r < G.nRanks; r++)
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
      const v = ld(G.rankNodes, i);
      if (ld(G.nRank, v) != r || ld(G.nPos, v) != i - ld(G.rankStart, r)) violations[3]++;
    }
  if (ld(G.rankStart, G.nRanks) != G.nNodes) violations[3]++;
}

/** p4: neighbours in a rank keep their order and spacing; the drawing starts at x = 0; attach
 *  points lie on their box, in argument order on each side (p4-place/attach.ts; the optimality of
 *  p4-place/simplex.ts is checked where it runs). */
export function checkPlace(): void {
  checkAttach();
  let lo = Infinity;
  for (let r = 0; r < G.nRanks; r++)
    for (let i = ld(G.rankStart, r); i < ld(G.rankStart, r + 1); i++) {
      const v = ld(G.rankNodes, i);
      lo = Math.min(lo, ld(G.nX, v) - ld(G.nL, v));
      if (i > ld(G.rankStart, r)) {
        const a = ld(G.rankNodes, i - 1);
        if (ld(G.nX, v) - ld(G.nL, v) - (ld(G.nX, a) + ld(G.nR, a)) < Math.min(optNodeGap * 0.5, optEdgeGap * 1.5) - 1e-6) violations[4]++;
      }
    }
  if (G.nNodes > 0 && Math.abs(lo) > 1e-6) violations[4]++;
}

/** p5: every piece is an orthogonal polyline of at least two points. */
export function checkRoute(g: i32): void {
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
    const k = ld(groupTaskList, q);
    const a = ld(tPtStart, k), c = ld(tPtCount, k);
    if (c < 2) { violations[5]++; continue; }
    for (let i = a; i + 1 < a + c; i++)
      if (Math.abs(ld(pts, 2 * i) - ld(pts, 2 * i + 2)) > 1e-6 && Math.abs(ld(pts, 2 * i + 1) - ld(pts, 2 * i + 3)) > 1e-6) violations[5]++;
  }
}

/** p6: children inside the group with padding and below the header; border pieces end on the border. */
export function checkRotate(g: i32): void {
  const plain = g == ROOT || ld(isColumn, g) != 0;
  const pad = plain ? 0.0 : optPad, top = pad + (plain ? 0.0 : ld(headerH, g));
  for (let i = ld(childStart, g); i < ld(childStart, g + 1); i++) {
    const c = ld(childList, i);
    if (ld(X, c) < pad - 1e-6 || ld(Y, c) < top - 1e-6 || ld(X, c) + ld(W, c) > ld(W, g) - pad + 1e-6 || ld(Y, c) + ld(H, c) > ld(H, g) - pad + 1e-6) violations[6]++;
  }
  for (let q = ld(groupTaskStart, g); q < ld(groupTaskStart, g + 1); q++) {
    const k = ld(groupTaskList, q);
    if (ld(tKind, k) != TASK_OUT && ld(tKind, k) != TASK_IN) continue;
    const x = ld(tPortX, k), y = ld(tPortY, k);
    if (!(x == 0 || y == 0 || Math.abs(x - ld(W, g)) < 1e-9 || Math.abs(y - ld(H, g)) < 1e-9)) violations[6]++;
  }
}

/** p4a: a free attach point lies within its box; two edges with argument ports on one side of a
 *  box attach in the order of the ports (O(m²): groups up to 2,000 edges); on a box of no width
 *  they may coincide. */
function checkAttach(): void {
  const m = G.nEdges;
  for (let e = 0; e < m; e++) {
    if (ld(G.eTask, e) < 0) continue;
    const u = ld(G.eU, e), v = ld(G.eV, e);
    if (!ld(G.eFixU, e) && (ld(G.eOffU, e) < -ld(G.nL, u) - 1e-6 || ld(G.eOffU, e) > ld(G.nR, u) + 1e-6)) violations[4]++;
    if (!ld(G.eFixV, e) && (ld(G.eOffV, e) < -ld(G.nL, v) - 1e-6 || ld(G.eOffV, e) > ld(G.nR, v) + 1e-6)) violations[4]++;
  }
  if (m > 2000) return;
  for (let a = 0; a < m; a++) {
    if (ld(G.eTask, a) < 0 || ld(G.eBypass, a)) continue;
    for (let b = 0; b < m; b++) {
      if (a == b || ld(G.eTask, b) < 0 || ld(G.eBypass, b)) continue;
      // out of the same box (its bottom), both with source ports, a's first
      if (ld(G.eU, a) == ld(G.eU, b) && !ld(G.eFixU, a) && !ld(G.eFixU, b) && ld(G.eKeyU, a) >= 0 && ld(G.eKeyU, a) < ld(G.eKeyU, b)
        && outOfOrder(ld(G.eU, a), ld(G.eOffU, a), ld(G.eOffU, b))) violations[4]++;
      // into the same box's top, both with target ports (a same-rank edge enters from below)
      const flatA = ld(G.nRank, ld(G.eU, a)) == ld(G.nRank, ld(G.eV, a)), flatB = ld(G.nRank, ld(G.eU, b)) == ld(G.nRank, ld(G.eV, b));
      if (ld(G.eV, a) == ld(G.eV, b) && flatA == flatB && !ld(G.eFixV, a) && !ld(G.eFixV, b) && ld(G.eKeyV, a) >= 0 && ld(G.eKeyV, a) < ld(G.eKeyV, b)
        && outOfOrder(ld(G.eV, a), ld(G.eOffV, a), ld(G.eOffV, b))) violations[4]++;
    }
  }
}

@inline function outOfOrder(v: i32, first: f64, second: f64): bool {
  return ld(G.nL, v) + ld(G.nR, v) > 0 ? first >= second : first > second;
}
