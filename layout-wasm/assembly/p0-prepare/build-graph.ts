/**
 * Phase 0 — prepare: the group's layered graph from its children and its edge tasks.
 *
 * Preconditions: every child of `g` has its real size (W, H) and, for groups, the ports of the
 *   pieces that cross its border (tPortX/Y of its OUT/IN tasks).
 * Postconditions:
 *  1. nodes [0, nChildren) are the children with canonical sizes (swapped for right/left flows);
 *  2. one border-port dummy per OUT/IN task whose port lies on the canonical top/bottom side,
 *     shared by the tasks of one tensor (tasks.ts tShare) that cross the border on the same side;
 *     tasks whose port lies on the canonical left/right are listed as side tasks (no node);
 *     a port faces the parent's flow, except in a step structure (a step column, or a group in
 *     one): an edge to another column or to a non-column child of the columns' parent P uses the
 *     sides facing the columns' advance (an unrolled RNN's state runs sideways from cell to
 *     cell), except one to a node after the steps (across(): it leaves along the column's flow),
 *     an edge leaving P the side facing P's parent's flow (straight out, as P's own port);
 *     sideY marks a side task whose child port already faces the border (route.ts then runs it
 *     straight across); in a step structure a leaf's side tasks get such ports too (leafSidePorts);
 *  3. one LG edge per LCG task and per port dummy; step columns chained by constraint edges, and
 *     so are the initial states before them (children fed by no sibling that feed a column);
 *  4. an edge end on a child group through which the edge continues has a fixed attach offset;
 *  5. a side task whose edge has an argument port at its outside end carries sidePref: where its
 *     node should come in the canonical x order so that the ports line up along the border in
 *     argument order (av_i → cat port i), read by p3's initial order. The parent is not laid out
 *     yet, so this is the only outside context used: cheap, and stable under the cache's key.
 */
import { ROOT, W, H, par, flowDir, isColumn, isGroup, childStart, childList, alignId, optEdgeGap } from '../hierarchy';
import { K, tKind, tA, tB, tEdge, tPortX, tPortY, tShare, groupTaskStart, groupTaskList, TASK_LCG, TASK_OUT, TASK_IN, eS, eT, eLW, eSP, eTP, lcgGroupOf } from '../tasks';
import * as G from '../lgraph';
import { dirVX, dirVY, sideOf, growI, growF, sortByKey, SIDE_BOTTOM, SIDE_TOP, SIDE_RIGHT, ld, st } from '../util';

export let localOf = new Int32Array(0);
let portOf = new Int32Array(16);   // per task: its border-port dummy in the group being built, else -1
let sIdx = new Int32Array(16);
let sKey = new Float64Array(16);

/** Canonical vector of a real vector in a group flowing `d` (inverse of the final rotation). */
@inline function canonVX(d: i32, vx: i32, vy: i32): i32 { return d == 0 || d == 2 ? vx : vy; }
@inline function canonVY(d: i32, vx: i32, vy: i32): i32 { return d == 0 ? vy : d == 2 ? -vy : d == 1 ? vx : -vx; }

export function canonW(d: i32, child: i32): f64 { return d == 0 || d == 2 ? ld(W, child) : ld(H, child); }
export function canonH(d: i32, child: i32): f64 { return d == 0 || d == 2 ? ld(H, child) : ld(W, child); }

export function buildGraph(g: i32): void {
  const d = ld(flowDir, g);
  if (localOf.length < W.length) localOf = new Int32Array(W.length);
  G.group = g; G.nNodes = 0; G.nEdges = 0; G.nSide = 0; G.nSelf = 0; G.chainLen = 0;
  const c0 = ld(childStart, g), c1 = ld(childStart, g + 1);
  G.nChildren = c1 - c0;
  G.reserveNodes(G.nChildren + 4);
  for (let i = c0; i < c1; i++) {
    const ch = ld(childList, i);
    const cw = canonW(d, ch);
    st(localOf, ch, G.addNode(G.NK_CHILD, ch, canonH(d, ch), cw / 2, cw / 2));
  }
  // Align: the first child of each align id in this group represents the set.
  for (let v = 0; v < G.nChildren; v++) {
    const a = ld(alignId, ld(G.nRef, v));
    if (a < 0) continue;
    for (let u = 0; u < v; u++) if (ld(alignId, ld(G.nRef, u)) == a) { st(G.nRep, v, ld(G.nRep, u)); break; }
  }
  const t0 = ld(groupTaskStart, g), t1 = ld(groupTaskStart, g + 1);
  G.reserveEdges(t1 - t0 + G.nChildren);
  G.reserveSides(t1 - t0 + 1);
  // The side facing the parent's flow, in this group's canonical frame.
  const pd = g == ROOT ? 0 : ld(flowDir, ld(par, g));
  const outSide = facing(d, pd);
  const inSide = (outSide + 2) & 3;
  // Step structures (crossDir): g is a step column, or a group inside one.
  const colParent = g != ROOT && ld(isColumn, g) == 0 && ld(isColumn, ld(par, g)) != 0;
  const stepped = g != ROOT && (ld(isColumn, g) != 0 || colParent);
  portOf = growI(portOf, K);
  for (let q = t0; q < t1; q++) {
    const k = ld(groupTaskList, q);
    const kind = ld(tKind, k);
    const e = ld(tEdge, k);
    if (kind == TASK_LCG) {
      const u = ld(localOf, ld(tA, k)), v = ld(localOf, ld(tB, k));
      const le = G.addEdge(u, v, k, 0, ld(eLW, e) > 0 ? 2 : 1);
      // for the initial states below (nRank is free until p2): 1 fed by a sibling, 2 feeds a column
      st(G.nRank, v, ld(G.nRank, v) | 1);
      if (ld(isColumn, ld(tB, k))) st(G.nRank, u, ld(G.nRank, u) | 2);
      st(G.eKeyU, le, <f64>ld(eSP, e)); st(G.eKeyV, le, <f64>ld(eTP, e));
      if (ld(tA, k) != ld(eS, e)) fixEnd(le, true, k - 1, d);
      if (ld(tB, k) != ld(eT, e)) fixEnd(le, false, k + 1, d);
    } else if (kind == TASK_OUT || kind == TASK_IN) {
      const out = kind == TASK_OUT;
      // the side the piece crosses g's border on, as if leaving
      let dir = outSide, across = false;
      if (stepped) {
        const L = lcgGroupOf(e);
        dir = facing(d, crossDir(g, L, e));
        across = colParent && L == ld(par, ld(par, g));
      }
      const side = out ? dir : (dir + 2) & 3;
      const ch = ld(localOf, ld(tA, k));
      const inner = out ? ld(tA, k) != ld(eS, e) : ld(tA, k) != ld(eT, e);
      if (side == SIDE_BOTTOM || side == SIDE_TOP) {
        // one tensor crossing the border through one port (tasks.ts tShare): the trunk of a hyperedge
        const r = ld(tShare, k);
        let p = -1;
        if (r != k && ld(portOf, r) >= 0 && ld(G.nKind, ld(portOf, r)) == (side == SIDE_TOP ? G.NK_PORT_TOP : G.NK_PORT_BOTTOM)) p = ld(portOf, r);
        if (p < 0) p = G.addNode(side == SIDE_TOP ? G.NK_PORT_TOP : G.NK_PORT_BOTTOM, k, 0, optEdgeGap / 2, optEdgeGap / 2);
        st(portOf, k, p);
        // layering runs top → bottom; rev marks an edge drawn against it
        const le = side == SIDE_BOTTOM ? G.addEdge(ch, p, k, out ? 0 : 1, 1) : G.addEdge(p, ch, k, out ? 1 : 0, 1);
        if (side == SIDE_BOTTOM) { st(G.eKeyU, le, out ? <f64>ld(eSP, e) : <f64>ld(eTP, e)); } else { st(G.eKeyV, le, out ? <f64>ld(eSP, e) : <f64>ld(eTP, e)); }
        if (inner) fixEnd(le, side == SIDE_BOTTOM, out ? k - 1 : k + 1, d);
      } else {
        st(portOf, k, -1);
        const s = G.nSide++;
        st(G.sideTask, s, k); st(G.sideNode, s, ch); st(G.sideRight, s, side == SIDE_RIGHT ? 1 : 0); st(G.sideOut, s, out ? 1 : 0);
        st(G.sideOff, s, NaN); st(G.sideY, s, NaN);
        st(G.sidePref, s, across ? NaN : sidePref(out, side == SIDE_RIGHT, d, out ? ld(eTP, e) : ld(eSP, e)));
        if (inner) {
          const pk = out ? k - 1 : k + 1, c = ld(tA, k), off = portOffset(c, pk, d, true);
          st(G.sideOff, s, off);
          // the child's port already faces this border: the piece can run straight across (route.ts)
          const cx = off + canonW(d, c) * 0.5;
          if (side == SIDE_RIGHT ? Math.abs(cx - canonW(d, c)) < 1e-6 : Math.abs(cx) < 1e-6) st(G.sideY, s, canonY(d, c, pk));
        }
      }
    } else {
      const s = G.nSelf++;
      st(G.selfTask, s, k); st(G.selfNode, s, ld(localOf, ld(tA, k)));
    }
  }
  // A fan-out whose label one branch carries (flatten.ts writes a tensor's shape once): every
  // branch as long as that one, so the label sits on the shared trunk before the split and the
  // targets share a rank (else the unlabelled branches end a rank higher). sKey: per child, the
  // source port of its labelled out-edge (leafSidePorts reuses it after).
  sKey = growF(sKey, G.nChildren);
  for (let v = 0; v < G.nChildren; v++) st(sKey, v, NaN);
  for (let le = 0; le < G.nEdges; le++) if (ld(G.eMin, le) == 2) st(sKey, ld(G.eU, le), ld(G.eKeyU, le));
  for (let le = 0; le < G.nEdges; le++) if (ld(G.eTask, le) >= 0 && ld(tKind, ld(G.eTask, le)) == TASK_LCG && ld(sKey, ld(G.eU, le)) == ld(G.eKeyU, le)) st(G.eMin, le, 2);
  if (stepped || hasColumns(g)) leafSidePorts(d);
  // Step columns keep their order: a constraint edge between consecutive columns.
  let prevCol = -1;
  for (let i = c0; i < c1; i++) {
    const ch = ld(childList, i);
    if (!ld(isColumn, ch)) continue;
    if (prevCol >= 0) G.addEdge(ld(localOf, prevCol), ld(localOf, ch), -1, 0, 1);
    prevCol = ch;
  }
  // Next to step columns, the children that feed a column and are fed by no sibling (an unrolled
  // RNN's initial states h0, c0: made from the input, or constants) take one rank each before the
  // columns, the first child nearest them. Each is then the only box of its rank, so its edge from
  // outside comes straight in from the border (route.ts straightSide) instead of down g's margin
  // round the one stacked before it; the outer ones' edges pass under the inner ones. Costs g a
  // rank per initial state (a box's width across the flow).
  let prev = -1;
  for (let v = G.nChildren - 1; prevCol >= 0 && v >= 0; v--) if (ld(G.nRank, v) == 2 && !ld(isColumn, ld(G.nRef, v))) {
    if (prev >= 0) G.addEdge(prev, v, -1, 0, 1);
    prev = v;
  }
}

/** The side of a group flowing d that faces the flow dir (a DirCode), in d's canonical frame. */
function facing(d: i32, dir: i32): i32 {
  return sideOf(canonVX(d, dirVX(dir), dirVY(dir)), canonVY(d, dirVX(dir), dirVY(dir)));
}

/** The real direction (DirCode) in which an edge whose pieces meet in group L (lcgGroupOf) leaves
 *  group g: towards g's parent's flow, except in a step structure. There, with P the columns'
 *  parent, an edge that stays inside P runs across the columns (P's flow: an unrolled RNN's state
 *  runs sideways from cell to cell; across() says when not), one inside a column along the
 *  column's flow, and one that leaves P crosses g's border the way it crosses P's (straight out
 *  of P). Edge e is the one crossing (its target decides across()). */
export function crossDir(g: i32, L: i32, e: i32): i32 {
  while (g != ROOT) {
    const p = ld(par, g);
    if (ld(isColumn, g)) {
      if (L == p) return across(g, e);
      g = p; continue;
    }
    if (p != ROOT && ld(isColumn, p)) {
      if (L == p) return ld(flowDir, p);
      const P = ld(par, p);
      if (L == P) return across(p, e);
      g = P; continue;
    }
    return ld(flowDir, p);
  }
  return ld(flowDir, ROOT);
}

/** The direction in which edge e, which stays inside step column g's parent P, leaves g: across the
 *  columns (P's flow), unless it goes to a node of a later column that has no counterpart in g —
 *  its place in its column lies past g's last child: a node recorded after the loop, which a trace
 *  keeps in the last step (the live LSTM's `stack` of the steps' readouts). That edge leaves along
 *  g's flow, as an edge to anything below the steps would: out of g's bottom (g flowing down; its
 *  right when g flows right, P down), straight down from its source, and P runs it from that port on
 *  g's canonical right side across to the line it goes on along (fixEnd's top 2, route.ts), one
 *  bus under the steps. A column flowing up or left would leave on P's canonical left, which P does
 *  not draw: it keeps across. */
function across(g: i32, e: i32): i32 {
  const P = ld(par, g), d = ld(flowDir, g);
  let t = ld(eT, e);
  while (ld(par, t) != P && ld(par, ld(par, t)) != P) t = ld(par, t);
  const c = ld(par, t);
  if (d > 1 || c <= g || c == P) return ld(flowDir, P);
  let i = ld(childStart, c);
  while (ld(childList, i) != t) i++;
  return i - ld(childStart, c) < ld(childStart, g + 1) - ld(childStart, g) ? ld(flowDir, P) : d;
}

function hasColumns(g: i32): bool {
  for (let i = ld(childStart, g); i < ld(childStart, g + 1); i++) if (ld(isColumn, ld(childList, i))) return true;
  return false;
}

/** In a step structure, a leaf's side tasks leave (enter) through the leaf's own side facing the
 *  border, so the state of an unrolled RNN runs straight across from cell to cell (route.ts
 *  straightSide) instead of down into a channel and round. One point per tensor (net: the source
 *  port of an outgoing end, the target port of an incoming one), in argument order, centred on the
 *  side and at least 2.5 edge gaps apart; where they do not fit, the side keeps the ordinary
 *  attach points on the leaf's top or bottom (phase 4a), e.g. a stack of six steps' outputs. */
function leafSidePorts(d: i32): void {
  const n = G.nSide;
  if (n == 0) return;
  sIdx = growI(sIdx, n); sKey = growF(sKey, n);
  let c = 0;
  for (let s = 0; s < n; s++) {
    if (!isNaN(ld(G.sideOff, s))) continue;
    const v = ld(G.sideNode, s);
    if (ld(isGroup, ld(G.nRef, v))) continue;
    const e = ld(tEdge, ld(G.sideTask, s));
    const port = ld(G.sideOut, s) ? ld(eSP, e) : ld(eTP, e);
    // (node, side) high, then incoming before outgoing, then the port
    st(sKey, s, (<f64>(2 * v + ld(G.sideRight, s))) * 4194304.0 + (ld(G.sideOut, s) ? 2097152.0 : 0) + <f64>(min(max(port, -1), 2000000) + 1));
    st(sIdx, c++, s);
  }
  sortByKey(sIdx, 0, c, sKey);
  let i = 0;
  while (i < c) {
    const v = ld(G.sideNode, ld(sIdx, i)), right = ld(G.sideRight, ld(sIdx, i));
    let j = i + 1, nets = 1;
    while (j < c && ld(G.sideNode, ld(sIdx, j)) == v && ld(G.sideRight, ld(sIdx, j)) == right) {
      if (ld(sKey, ld(sIdx, j)) != ld(sKey, ld(sIdx, j - 1))) nets++;
      j++;
    }
    const len = ld(G.nH, v), step = len / <f64>nets;
    if (step >= 2.5 * optEdgeGap) {
      const half = canonW(d, ld(G.nRef, v)) * 0.5, off = right ? half : -half;
      let at = -1;
      for (let q = i; q < j; q++) {
        const s = ld(sIdx, q);
        if (q == i || ld(sKey, s) != ld(sKey, ld(sIdx, q - 1))) at++;
        st(G.sideOff, s, off);
        st(G.sideY, s, len * 0.5 + (<f64>at - <f64>(nets - 1) * 0.5) * step);
      }
    }
    i = j;
  }
}

/** Preferred canonical x key (lower: further left) of the node of a side task whose outside end
 *  has argument port `port` (else NaN). Side ports are stacked along the border by track: an
 *  outgoing piece nearest the border takes the first track (from the canonical top), an incoming
 *  one the last, so the port order along the border follows the nodes' distance to it. The parent
 *  wants its argument ports in ascending order along its canonical x, which is this group's
 *  canonical y for right/down flows and reversed for left/up ones. */
function sidePref(out: bool, right: bool, d: i32, port: i32): f64 {
  if (port < 0) return NaN;
  const p = d == 2 || d == 3 ? -<f64>port : <f64>port;
  // out on the right: nearest (largest x) first → key -p; in on the right: farthest first → +p
  return out == right ? -p : p;
}

/** Fixes the attach point of edge `le` at its U (atU) or V end to the port of task `pk` (a child group's border). */
function fixEnd(le: i32, atU: bool, pk: i32, d: i32): void {
  const child = atU ? ld(G.nRef, ld(G.eU, le)) : ld(G.nRef, ld(G.eV, le));
  const off = portOffset(child, pk, d, false);
  const cy = canonY(d, child, pk);
  // 2: on the child's canonical right side (a step column's bottom, across()), which route.ts draws
  // across to the line it runs on; a top port everywhere else (it needs the lane a detour gets)
  const top = off > canonW(d, child) * 0.5 - 1e-6 ? 2 : cy < canonH(d, child) * 0.5 ? 1 : 0;
  if (atU) { st(G.eFixU, le, 1); st(G.eOffU, le, off); st(G.eTopU, le, top); } else { st(G.eFixV, le, 1); st(G.eOffV, le, off); st(G.eTopV, le, top); }
}

/** The canonical y of task pk's port on child's border (0 = the child's canonical top):
 *  down Y; up h-Y; right X; left w-X. */
export function canonY(d: i32, child: i32, pk: i32): f64 {
  const X = ld(tPortX, pk), Y = ld(tPortY, pk);
  return d == 0 ? Y : d == 2 ? ld(H, child) - Y : d == 1 ? X : ld(W, child) - X;
}

/** The port of task pk on child's border as a canonical x offset from the child's anchor (centre). */
function portOffset(child: i32, pk: i32, d: i32, _side: bool): f64 {
  const X = ld(tPortX, pk), Y = ld(tPortY, pk), w = ld(W, child), h = ld(H, child);
  // inverse point transform: down (X,Y); up (X,h-Y); right (Y,X); left (Y,w-X) — only x is needed
  const cx = d == 0 || d == 2 ? X : Y;
  return cx - canonW(d, child) / 2;
}
