// Height per nested group and per edge label (route.ts postcondition 1): a tall single column of
// nested blocks (BERT, ViT, ResNet, T5) is as tall as its padding, boxes and rank gaps, no taller.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_OPTIONS } from '../../dist/layout.mjs';
import { run, check } from './invariants.mjs';

const [, RANK_GAP, PAD, EDGE_GAP] = DEFAULT_OPTIONS;
const doc = (nodes, edges) => ({ version: 1, nodes, edges });
const n = (id, parent = null) => ({ id, parent, label: id });
const box = (r, id) => { const i = r.f.ids.indexOf(id); return { x: r.out.boxes[4 * i], y: r.out.boxes[4 * i + 1], width: r.out.boxes[4 * i + 2], height: r.out.boxes[4 * i + 3] }; };

test('a group around one leaf is its padding, header and leaf tall: no rank gap beside its border ports', async () => {
  // x → g(g.a) → y: g's border ports sit on ranks of their own above and below g.a
  const r = await run(doc([n('x'), n('g'), n('g.a', 'g'), n('y')], [{ source: 'x', target: 'g.a' }, { source: 'g.a', target: 'y' }]));
  assert.deepEqual(check(r).problems, []);
  const g = box(r, 'g'), a = box(r, 'g.a'), header = r.f.graph.size[2 * r.f.ids.indexOf('g') + 1];
  assert.equal(g.height, header + 2 * PAD + a.height);
});

test('an edge label between two boxes of a column takes the room of one rank gap, not two', async () => {
  const r = await run(doc([n('a'), n('b'), n('c')], [{ source: 'a', target: 'b', label: '[1, 768]' }, { source: 'b', target: 'c' }]));
  const c = check(r);
  assert.deepEqual(c.problems, []);
  assert.equal(c.labelOverlaps, 0);
  const a = box(r, 'a'), b = box(r, 'b'), cc = box(r, 'c');
  const label = r.result.edges.find((e) => e.label).label;
  const gap = b.y - (a.y + a.height);
  assert.ok(gap >= RANK_GAP, `boxes ${gap} px apart, at least a rank gap`);
  assert.ok(gap <= Math.max(RANK_GAP, label.height + 4 * EDGE_GAP), `boxes ${gap} px apart: the label's own rank and two edge gaps`);
  assert.ok(label.y >= a.y + a.height + 2 * EDGE_GAP - 1e-6 && label.y + label.height <= b.y - 2 * EDGE_GAP + 1e-6, 'label two edge gaps off both boxes');
  assert.equal(cc.y - (b.y + b.height), RANK_GAP, 'no label: one rank gap');
});
