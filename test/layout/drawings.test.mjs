// How the demo models are drawn: properties a person drawing them by hand would keep. The live
// demo's unrolled LSTM (test/fixtures/models/lstm_live.vz.json, cells and readouts collapsed as it
// opens) and an unrolled multi-layer RNN in step columns (benchmarks/gen-graphs.mjs's rnn).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { metrics } from '../../benchmarks/metrics.mjs';
import * as F from './fixtures.mjs';
import { run } from './invariants.mjs';

const live = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/models/lstm_live.vz.json'), 'utf8'));
const asOpened = (doc) => (id) => !doc.nodes.find((x) => x.id === id)?.collapsed;
const bends = (p) => p.slice(1, -1).filter((q, i) => (p[i][0] === q[0]) !== (q[0] === p[i + 2][0])).length;
const horizontals = (p) => p.slice(1).map((q, i) => [p[i], q]).filter(([a, b]) => a[1] === b[1] && a[0] !== b[0]);
const px = (v) => Math.round(v * 100) / 100; // one line: within a hundredth of a pixel

async function liveLayout() {
  const { result } = await run(live, { isExpanded: asOpened(live) });
  const edges = result.edges.map((e) => ({ ...e, doc: live.edges.find((d) => d.id === e.id) }));
  return { result, edges, box: (id) => result.nodes[id] };
}

test('live LSTM: the input fans out on one trunk, its shape written once', async () => {
  const { edges, box } = await liveLayout();
  const xs = edges.filter((e) => e.source === 'input:xs');
  assert.equal(xs.length, 8, 'six getitems and two new_zeros');
  const group = box('UnrolledLSTM'), top = box('input:xs');
  // horizontal runs between the input and the group: one bus for all eight (it was eight tracks)
  const ys = new Set(xs.flatMap((e) => horizontals(e.points)).filter(([a]) => a[1] > top.y + top.height && a[1] < group.y).map(([a]) => px(a[1])));
  assert.equal(ys.size, 1, `tracks of the fan-out: ${[...ys]}`);
  assert.equal(new Set(xs.map((e) => `${e.points[0]}`)).size, 1, 'all leave the input at one point');
  assert.equal(xs.filter((e) => e.label).length, 1, 'one label box for the one tensor');
  // every branch comes down into its target from above: none runs round the group's side to a
  // target's flank (the new_zeros did)
  for (const e of xs) {
    const t = box(e.target), last = e.points[e.points.length - 1];
    assert.ok(Math.abs(last[1] - t.y) < 0.01, `${e.target} entered through its top`);
  }
  // the input sits over the middle of the group
  const mid = group.x + group.width / 2;
  assert.ok(Math.abs(top.x + top.width / 2 - mid) < group.width * 0.1, 'input centred over the steps');
});

test('live LSTM: the hidden state runs straight across from cell to cell', async () => {
  const { edges, box } = await liveLayout();
  const hidden = edges.filter((e) => /^cell/.test(e.source) && /^cell/.test(e.target));
  assert.equal(hidden.length, 5);
  for (const e of hidden) {
    assert.equal(bends(e.points), 0, `${e.source} → ${e.target}: straight, no bend`);
    const s = box(e.source), t = box(e.target), [a, b] = [e.points[0], e.points[e.points.length - 1]];
    assert.ok(Math.abs(a[0] - (s.x + s.width)) < 0.01 && Math.abs(b[0] - t.x) < 0.01, `${e.source} → ${e.target} leaves the right side, enters the left`);
  }
});

test('live LSTM: the readouts converge on stack as one bus below them, none climbs', async () => {
  const { edges, box } = await liveLayout();
  const outs = edges.filter((e) => e.target === 'UnrolledLSTM/stack');
  assert.equal(outs.length, 6);
  const row = Math.max(...outs.map((e) => box(e.source).y + box(e.source).height));
  for (const e of outs) {
    const s = box(e.source);
    assert.ok(e.points.every(([, y]) => y >= s.y - 0.01), `${e.source} → stack never above its source`);
  }
  // below the readout row all runs lie on the bus and the comb into stack (it was a track each)
  const ys = new Set(outs.flatMap((e) => horizontals(e.points)).filter(([a]) => a[1] > row).map(([a]) => px(a[1])));
  assert.ok(ys.size <= 2, `horizontal tracks below the readouts: ${[...ys]}`);
  const stack = box('UnrolledLSTM/stack');
  assert.ok(stack.y >= row, 'stack below the readout row');
  // each readout leaves its Linear straight down out of the bottom (no stub out of its right side
  // first), never climbs, and turns at most twice: onto the bus, and down into stack's top
  for (const e of outs) {
    const s = box(e.source), [a, b] = e.points;
    assert.ok(Math.abs(a[1] - (s.y + s.height)) < 0.01 && a[0] > s.x && a[0] < s.x + s.width && Math.abs(a[0] - b[0]) < 0.01 && b[1] > a[1],
      `${e.source} → stack leaves its bottom, downwards`);
    assert.ok(e.points.every((q, i) => i === 0 || q[1] >= e.points[i - 1][1] - 0.01), `${e.source} → stack never climbs`);
    assert.ok(bends(e.points) <= 2, `${e.source} → stack: ${bends(e.points)} bends`);
    const last = e.points[e.points.length - 1];
    assert.ok(Math.abs(last[1] - stack.y) < 0.01, `${e.source} → stack enters its top`);
  }
  // all five from the other steps on one bus
  assert.equal(new Set(outs.flatMap((e) => horizontals(e.points)).map(([a]) => px(a[1]))).size, 1, 'one bus');
  assert.ok(outs.reduce((n, e) => n + bends(e.points), 0) <= 10, 'readouts: 2 bends each (were 5)');
});

test('an unrolled multi-layer RNN in step columns is drawn without crossings', async () => {
  for (const [T, layers] of [[4, 3], [6, 2]]) {
    const doc = F.stackedRnn(T, layers);
    const { result } = await run(doc);
    const m = metrics(result, doc);
    assert.equal(m.crossings, 0, `${T} steps, ${layers} layers`);
    // a layer's state goes down into the next layer's cell of the same step, out of h's bottom and
    // into the gates' top, never round a cell's side (the step's column)
    for (let l = 1; l < layers; l++) for (let t = 0; t < T; t++) {
      const e = result.edges.find((x) => x.source === `l${l - 1}.t${t}.h` && x.target === `l${l}.t${t}.gates`);
      const h = result.nodes[e.source], g = result.nodes[e.target], col = result.nodes[`l${l - 1}.t${t}`];
      assert.ok(Math.abs(e.points[0][1] - (h.y + h.height)) < 0.01 && Math.abs(e.points[e.points.length - 1][1] - g.y) < 0.01, `${e.source} → ${e.target}: bottom to top`);
      assert.ok(e.points.every(([x]) => x >= col.x - 0.01 && x <= col.x + col.width + 0.01), `${e.source} → ${e.target} stays in its step's column`);
    }
  }
});

test('one tensor, one trunk: a fan-out shares its first segment, a fan-in to one port its last', async () => {
  const doc = F.doc(
    [{ id: 's' }, { id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'x' }, { id: 'y' }, { id: 'z' }, { id: 'sum' }],
    [{ source: 's', target: 'a', label: '[8]' }, { source: 's', target: 'b', label: '[8]' }, { source: 's', target: 'c', label: '[8]' },
      { source: 'x', target: 'sum', targetPort: 0 }, { source: 'y', target: 'sum', targetPort: 0 }, { source: 'z', target: 'sum', targetPort: 0 }]);
  const { result } = await run(doc);
  const from = result.edges.filter((e) => e.source === 's'), into = result.edges.filter((e) => e.target === 'sum');
  assert.equal(new Set(from.map((e) => `${e.points[0]}`)).size, 1, 'fan-out leaves one point');
  assert.equal(from.filter((e) => e.label).length, 1, 'its label placed once');
  assert.equal(new Set(into.map((e) => `${e.points[e.points.length - 1]}`)).size, 1, 'fan-in enters one point');
  const drop = (e) => { const [a, b] = e.points.slice(-2); return a[0] === b[0] ? `x ${px(a[0])}` : `y ${px(a[1])}`; };
  assert.equal(new Set(into.map(drop)).size, 1, 'and its last segments lie on one line');
});

// An unrolled RNN's initial states (h0, c0: children of the steps' group outside the steps that
// feed step 0, here two `new_zeros` made from the input) stood stacked in one rank before the
// steps, so the input reached the lower one only down the group's left margin and round.
test('unrolled LSTMs: the initial states get the input straight from above and feed step 0 without a detour', async () => {
  const loop = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/models/lstm_loop.vz.json'), 'utf8'));
  for (const [doc, isExpanded] of [[live, asOpened(live)], [live, () => true], [loop, asOpened(loop)], [loop, () => true]]) {
    const { result } = await run(doc, { isExpanded });
    const node = (id) => doc.nodes.find((x) => x.id === id);
    const stepOf = (id) => { for (let v = node(id); v; v = node(v.parent)) if (v.step != null) return v.step; return null; };
    const inits = doc.nodes.filter((v) => v.step == null && doc.nodes.some((c) => c.parent === v.parent && c.step != null)
      && doc.edges.some((e) => e.source === v.id && stepOf(e.target) === 0));
    assert.equal(inits.length, 2, `${doc.title}: h0 and c0`);
    // (the loop's h0 crosses getitem → cell.ih inside cell 0, whose hh Linear sits right of ih)
    if (doc === live) assert.equal(metrics(result, doc).crossings, 0, 'no crossings');
    for (const v of inits) {
      const b = result.nodes[v.id], group = result.nodes[v.parent];
      const into = result.edges.filter((e) => e.target === v.id);
      assert.equal(into.length, 1);
      // inside the group the input runs straight down onto the node's top, within its width
      const inside = into[0].points.filter(([, y]) => y > group.y + 0.01);
      assert.ok(inside.every(([x]) => x > b.x && x < b.x + b.width), `${doc.title}: ${v.id} fed from straight above, not round the group's margin: ${JSON.stringify(into[0].points)}`);
      assert.ok(Math.abs(inside[inside.length - 1][1] - b.y) < 0.01, `${v.id} entered through its top`);
      // and its edge into step 0 leaves rightwards, never back left of the node, with ≤ 2 bends
      for (const e of result.edges.filter((x) => x.source === v.id)) {
        assert.ok(bends(e.points) <= 2, `${doc.title}: ${v.id} → ${e.target}: ${bends(e.points)} bends`);
        assert.ok(e.points.every(([x]) => x >= b.x + b.width - 0.01), `${doc.title}: ${v.id} → ${e.target} runs right, towards step 0`);
      }
    }
  }
});

// The traced LSTM loop, every group expanded: a cell's state and output leave it through its right
// side for the next cell. The state (`add` of c) is not the last box of its rank: the output gate's
// line passes right of it, down to h_t. It ran down the lane beside `add` into the channel below
// and across (two bends more, the same crossing with that line); a side port with only lines
// between it and the border runs straight across them.
test('LSTM loop: the state leaves each cell straight out of its side port, over the lines beside it', async () => {
  const loop = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/models/lstm_loop.vz.json'), 'utf8'));
  const { result } = await run(loop);
  const node = (id) => loop.nodes.find((x) => x.id === id);
  const cellOf = (id) => { let v = node(id); while (v && v.parent !== 'LSTMLoop') v = node(v.parent); return v?.id; };
  const steps = result.edges.filter((e) => node(cellOf(e.source))?.step != null && node(cellOf(e.target))?.step === node(cellOf(e.source)).step + 1);
  assert.equal(steps.length, 11, 'h and c from each of five cells to the next, h from the last into the head');
  for (const e of steps) {
    const s = result.nodes[e.source], cell = result.nodes[cellOf(e.source)], [a, b] = e.points;
    assert.ok(Math.abs(a[0] - (s.x + s.width)) < 0.01 && Math.abs(a[1] - b[1]) < 0.01, `${e.source} → ${e.target} leaves its right side`);
    assert.ok(b[0] >= cell.x + cell.width - 0.01, `${e.source} → ${e.target}: straight to its cell's border (${JSON.stringify(e.points)})`);
  }
  // inside a cell, per step: h_{t-1} over x_t's line into `hh` (add(ih(x), hh(h)): x's Linear left),
  // chunk's gates f (output 1) and i (0) into mul and mul#2, the output gate o (output 3) into h_t
  // (argument 0) across c's line and tanh(c)'s (argument 1); between cells h_t climbs over c's line.
  // Each is forced by the argument order with the steps left to right: 5 per cell, 3 in the last.
  assert.ok(metrics(result, loop).crossings <= 28);
});
