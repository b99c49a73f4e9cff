/**
 * Phase 4b — place: x of every node (then 4c, straighten.ts, and 4d, slide.ts).
 *
 * Preconditions: order and attach points fixed (phases 3, 4a).
 * Postconditions: pav.ts's (order and spacing in every rank) and straighten.ts's (min x − nL = 0).
 * Method: pav.ts's sweeps place the group; a group of up to simplex.MAX_NODES (nodes + unit
 * segments) is then placed exactly by simplex.ts, from the sweeps' x, and the one with the lower
 * score() is kept: the exact placement minimises the total length of jogs, which now and then
 * buys fewer bends with a staircase (a chain of blocks drifting sideways), and the score, which
 * counts bends (once slide.ts has moved the attach points) and width, turns that down; then a
 * second simplex with the group's in and out ports tied (tiePorts). Repeated groups are placed
 * once (memo.ts).
 * Cost: the sweeps are linear; network simplex starts from them and needs few pivots (on the
 * benchmark graphs ~25 auxiliary nodes and ~2 pivots per group; an RNN layer's root, 1,700
 * nodes, ~200), so p4 costs about what the sweeps alone did (memo.ts pays for the rest).
 */
import * as G from '../lgraph';
import { growF, ld, st } from '../util';
import { ROOT } from '../hierarchy';
import { sweepX } from './pav';
import { straighten } from './straighten';
import { slide } from './slide';
import { simplexX, MAX_NODES, TIE_W } from './simplex';
import * as Memo from './memo';
import { segClass, markForks, SEG_SHORT } from './weights';
import * as Checks from '../debug/checks';

/** Width (px) worth one bend in the score. */
const WIDTH_PER_BEND: f64 = 16;
/** A jog between two boxes (on the spine) against one at a long edge's end, which is where a
 *  skip edge turns into its lane anyway. */
const SPINE_W: f64 = 3;
let sweepX0 = new Float64Array(16);

export function placeX(): void {
  if (Memo.restore()) {
    if (Checks.checking) checkMemo();
    Memo.restoreOffsets();
    return;
  }
  place();
  slide();
  if (G.group == ROOT) Memo.clear(); else Memo.store(); // the root is the last group of a layout
}

/** Debug: a restored x must be the one a fresh placement gives (else a p4 violation). */
function checkMemo(): void {
  const n = G.nNodes;
  const restored = new Float64Array(n);
  for (let v = 0; v < n; v++) st(restored, v, ld(G.nX, v));
  place();
  for (let v = 0; v < n; v++) if (ld(G.nX, v) != ld(restored, v)) { Checks.violations[4]++; break; }
}

function place(): void {
  const n = G.nNodes;
  markForks();
  sweepX();
  if (n + G.nSegs + 1 <= MAX_NODES) {
    sweepX0 = growF(sweepX0, n);
    for (let v = 0; v < n; v++) st(sweepX0, v, ld(G.nX, v));
    const before = score();
    if (simplexX() && score() >= before) for (let v = 0; v < n; v++) st(G.nX, v, ld(sweepX0, v));
    if (tiePorts()) { straighten(0); return; } // no moves: see tiePorts
  }
  straighten(2);
}

/** A group with one top and one bottom port that do not line up (BERT's `attention.self`: in over
 *  the key column, out 7 px left under the attention's middle) passes the offset on to every group
 *  around it, and a stack of them jogs between every two, on every edge of the trunk (GPT-2's
 *  blocks: 4 bends a gap). Then the simplex with the two ports tied (simplex.ts TIE_W), kept when
 *  the ports line up with no more jogs, none more on the spine and no more width. Two tries: the
 *  attach points as they are (the jogs it moves inside are often ones slide.ts takes out: BERT's
 *  reshape → contiguous; content first: the edges at the ports weigh as much as the tie, so what
 *  lies between lines up); else slid (simplex.ts simplexX): the output of a 2-input op free to
 *  slide, as slide.ts will move it, and the spine weighing as the tie, so that lengths do not
 *  trade a jog on the spine for a longer one in a lane (GPT-2's attention: `cat` under the key
 *  column feeds the middle of the attention, which sends its output back under the input; the
 *  block: ln_1 → attention → add → ln_2 → MLP → add on one line; ViT's encoder layer). Not for a
 *  group with side ports (an RNN cell: its side edges are what the parent lines up). True: kept
 *  by the slid try, which score() judged after the slide and straighten.ts's moves on the slid
 *  points (so place() makes no more moves: straighten.ts counts jogs before the slide that takes
 *  them out and would undo it). */
function tiePorts(): bool {
  let top = -1, bot = -1, nt = 0, nb = 0;
  for (let v = 0; v < G.nNodes; v++) {
    const k = ld(G.nKind, v);
    if (k == G.NK_PORT_TOP) { top = v; nt++; } else if (k == G.NK_PORT_BOTTOM) { bot = v; nb++; }
  }
  if (nt != 1 || nb != 1 || G.nSide > 0 || Math.abs(ld(G.nX, top) - ld(G.nX, bot)) < 0.01) return false;
  for (let v = 0; v < G.nNodes; v++) st(sweepX0, v, ld(G.nX, v));
  score();
  const jogs = lastJogs, spine = lastSpine, width = lastWidth;
  if (tryTie(top, bot, false, jogs, spine, width)) return false;
  return tryTie(top, bot, true, jogs, spine, width);
}

/** The simplex with top and bottom tied (slid: simplex.ts simplexX); kept, true, when the ports
 *  line up with no more jogs, none more on the spine and no more width; else x as it was. */
function tryTie(top: i32, bot: i32, slid: bool, jogs: f64, spine: f64, width: f64): bool {
  if (!simplexX(top, bot, slid)) return false;
  score(slid);
  if (Math.abs(ld(G.nX, top) - ld(G.nX, bot)) < 0.01 && lastJogs <= jogs && lastSpine <= spine && lastWidth <= width + 0.5) return true;
  for (let v = 0; v < G.nNodes; v++) st(G.nX, v, ld(sweepX0, v));
  return false;
}

let offU = new Float64Array(16);
let offV = new Float64Array(16);
let lastJogs: f64 = 0, lastSpine: f64 = 0, lastWidth: f64 = 0; // score()'s parts

/** 2 per segment that is not straight once slide.ts has moved the attach points (a jog is two
 *  bends; SPINE_W times that between two boxes), plus the width over WIDTH_PER_BEND. fix: first
 *  straighten.ts's moves on the slid points (they stay; the attach points are restored). */
export function score(fix: bool = false): f64 {
  const m = G.nEdges;
  offU = growF(offU, m); offV = growF(offV, m);
  for (let e = 0; e < m; e++) { st(offU, e, ld(G.eOffU, e)); st(offV, e, ld(G.eOffV, e)); }
  slide();
  if (fix) straighten(2);
  let jogs = 0.0, spine = 0.0;
  for (let s = 0; s < G.nSegs; s++) {
    const a = ld(G.sUp, s), b = ld(G.sDown, s), e = ld(G.sEdge, s);
    const xa = ld(G.nX, a) + (a == ld(G.eU, e) ? ld(G.eOffU, e) : 0.0);
    const xb = ld(G.nX, b) + (b == ld(G.eV, e) ? ld(G.eOffV, e) : 0.0);
    if (Math.abs(xa - xb) > 0.01) {
      const short = segClass(s) == SEG_SHORT;
      jogs += short ? SPINE_W : 1.0;
      if (short) spine++;
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (let v = 0; v < G.nNodes; v++) { lo = Math.min(lo, ld(G.nX, v) - ld(G.nL, v)); hi = Math.max(hi, ld(G.nX, v) + ld(G.nR, v)); }
  for (let e = 0; e < m; e++) { st(G.eOffU, e, ld(offU, e)); st(G.eOffV, e, ld(offV, e)); }
  lastJogs = jogs; lastSpine = spine; lastWidth = G.nNodes > 0 ? hi - lo : 0.0;
  return 2.0 * jogs + lastWidth / WIDTH_PER_BEND;
}
