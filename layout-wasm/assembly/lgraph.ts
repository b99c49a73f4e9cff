/**
 * The layered graph of one group, in the canonical frame (ranks flow down, order runs left→right).
 * Buffers are module-level and reused for every group (grown when needed, never shrunk).
 *
 * Nodes: [0, nChildren) the group's children; then border-port dummies; then long-edge dummies.
 * Edges: U → V in layering direction (`rev` = 1 when that is against the real direction).
 */
import { growI, growF, st } from './util';

export const NK_CHILD: i32 = 0;
export const NK_PORT_TOP: i32 = 1;
export const NK_PORT_BOTTOM: i32 = 2;
export const NK_DUMMY: i32 = 3;

export let group: i32 = 0;
export let nChildren: i32 = 0;
export let nNodes: i32 = 0;
export let nEdges: i32 = 0;
export let nRanks: i32 = 0;
/** Debug statistics over one layout: LG nodes, ranks, unit segments summed over groups. */
export let statNodes: i32 = 0;
export let statRanks: i32 = 0;
export let statSegs: i32 = 0;

// nodes
export let nKind = new Int32Array(16);
export let nRef = new Int32Array(16);     // child: internal id; port: task; dummy: LG edge
export let nH = new Float64Array(16);     // canonical height
export let nL = new Float64Array(16);     // extent left of the anchor x
export let nR = new Float64Array(16);     // extent right of the anchor x
export let nRank = new Int32Array(16);
export let nPos = new Int32Array(16);     // position in its rank
export let nX = new Float64Array(16);     // anchor x (centre of a box; the line of a dummy)
export let nRep = new Int32Array(16);     // align representative (children), else itself
export let nLabel = new Int32Array(16);   // dummy carrying an edge label: the LG edge, else -1

// edges
export let eU = new Int32Array(16);
export let eV = new Int32Array(16);
export let eTask = new Int32Array(16);    // -1: a constraint (ranks only, never drawn)
export let eRev = new Int32Array(16);
export let eMin = new Int32Array(16);
export let eOffU = new Float64Array(16);  // attach point at U, relative to U's anchor x
export let eOffV = new Float64Array(16);
export let eFixU = new Int32Array(16);    // 1: U is a group and the edge leaves through a fixed port
export let eFixV = new Int32Array(16);
export let eTopU = new Int32Array(16);    // fixed port on the canonical top of U (1) or bottom (0); 2: on U's canonical right side (build-graph.ts fixEnd)
export let eTopV = new Int32Array(16);
export let eKeyU = new Float64Array(16);  // order key of the attach point among U's bottom attachments
export let eKeyV = new Float64Array(16);
export let eChain = new Int32Array(16);   // start of the edge's chain (U, dummies…, V) in chain[]
export let eChainLen = new Int32Array(16);
export let eSeg0 = new Int32Array(16);
export let eBypass = new Int32Array(16);   // 1: too long for dummies, routed around the side (route.ts)     // its first unit segment; segment i of the chain is eSeg0 + i
export let chain = new Int32Array(64);
export let chainLen: i32 = 0;

// rank CSR: rankNodes[rankStart[r] .. rankStart[r+1]) in order
export let rankStart = new Int32Array(16);
export let rankNodes = new Int32Array(16);
export let rankTop = new Float64Array(16);
export let rankHeight = new Float64Array(16);

// unit segments (one per consecutive chain pair), CSR by upper node and by lower node
export let nSegs: i32 = 0;
export let sUp = new Int32Array(16);
export let sDown = new Int32Array(16);
export let sEdge = new Int32Array(16);
export let downStart = new Int32Array(16); // segments whose upper node is v
export let downList = new Int32Array(16);
export let upStart = new Int32Array(16);   // segments whose lower node is v
export let upList = new Int32Array(16);

// side tasks (border on the canonical left/right: routed along a channel) and self-loops
export let nSide: i32 = 0;
export let sideTask = new Int32Array(16);
export let sideNode = new Int32Array(16);
export let sideRight = new Int32Array(16);
export let sideOut = new Int32Array(16);
export let sideOff = new Float64Array(16);
export let sideY = new Float64Array(16);    // port on the child's own side facing the border: its canonical y in the child, else NaN
export let sidePref = new Float64Array(16); // preferred canonical x order of the side task's node (its argument port outside), else NaN
export let nSelf: i32 = 0;
export let selfTask = new Int32Array(16);
export let selfNode = new Int32Array(16);

export function reserveNodes(n: i32): void {
  if (nKind.length >= n) return;
  nKind = growI(nKind, n); nRef = growI(nRef, n); nH = growF(nH, n); nL = growF(nL, n); nR = growF(nR, n);
  nRank = growI(nRank, n); nPos = growI(nPos, n); nX = growF(nX, n); nRep = growI(nRep, n); nLabel = growI(nLabel, n);
  downStart = growI(downStart, n + 1); upStart = growI(upStart, n + 1);
}

export function reserveEdges(m: i32): void {
  if (eU.length >= m) return;
  eU = growI(eU, m); eV = growI(eV, m); eTask = growI(eTask, m); eRev = growI(eRev, m); eMin = growI(eMin, m);
  eOffU = growF(eOffU, m); eOffV = growF(eOffV, m); eFixU = growI(eFixU, m); eFixV = growI(eFixV, m); eTopU = growI(eTopU, m); eTopV = growI(eTopV, m);
  eKeyU = growF(eKeyU, m); eKeyV = growF(eKeyV, m); eChain = growI(eChain, m); eChainLen = growI(eChainLen, m); eSeg0 = growI(eSeg0, m); eBypass = growI(eBypass, m);
}

export function reserveSides(k: i32): void {
  if (sideTask.length >= k) return;
  sideTask = growI(sideTask, k); sideNode = growI(sideNode, k); sideRight = growI(sideRight, k); sideOut = growI(sideOut, k);
  sideOff = growF(sideOff, k); sideY = growF(sideY, k); sidePref = growF(sidePref, k); selfTask = growI(selfTask, k); selfNode = growI(selfNode, k);
}

export function reserveChain(n: i32): void { chain = growI(chain, n); }

export function reserveSegs(n: i32): void {
  if (sUp.length >= n) return;
  sUp = growI(sUp, n); sDown = growI(sDown, n); sEdge = growI(sEdge, n);
  downList = growI(downList, n); upList = growI(upList, n);
}

export function reserveRanks(r: i32): void {
  rankStart = growI(rankStart, r + 1); rankTop = growF(rankTop, r + 1); rankHeight = growF(rankHeight, r + 1);
}

export function addNode(kind: i32, ref: i32, h: f64, l: f64, r: f64): i32 {
  const v = nNodes++;
  reserveNodes(nNodes);
  st(nKind, v, kind); st(nRef, v, ref); st(nH, v, h); st(nL, v, l); st(nR, v, r);
  st(nRank, v, 0); st(nPos, v, 0); st(nX, v, 0); st(nRep, v, v); st(nLabel, v, -1);
  return v;
}

export function addEdge(u: i32, v: i32, task: i32, rev: i32, minLen: i32): i32 {
  const e = nEdges++;
  reserveEdges(nEdges);
  st(eU, e, u); st(eV, e, v); st(eTask, e, task); st(eRev, e, rev); st(eMin, e, minLen);
  st(eOffU, e, 0); st(eOffV, e, 0); st(eFixU, e, 0); st(eFixV, e, 0); st(eTopU, e, 0); st(eTopV, e, 0); st(eKeyU, e, 0); st(eKeyV, e, 0); st(eChain, e, 0); st(eChainLen, e, 0); st(eBypass, e, 0);
  return e;
}
