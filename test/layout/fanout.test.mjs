// A tensor used by several ops is drawn as one trunk that splits (layout-wasm nets.ts), its shape
// written once (flatten.ts keeps one label box per tensor and place). The targets of such a
// fan-out share a rank when nothing else holds them apart, and the label sits on the trunk,
// before the split: before, the unlabelled branches were a rank shorter than the labelled one,
// so their targets sat a rank higher and the shape seemed to belong to one branch only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { excerpt } from '../../layout-wasm/scripts/excerpt.mjs';
import { run } from './invariants.mjs';

const model = (name) => JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../fixtures/models/${name}.vz.json`), 'utf8'));

/** Where a fan-out splits: the highest horizontal run of its branches (they leave downwards). */
function splitY(edges) {
  const ys = edges.flatMap((e) => e.points.slice(1).filter((q, i) => q[1] === e.points[i][1] && q[0] !== e.points[i][0]).map((q) => q[1]));
  return Math.min(...ys);
}

async function check(doc, expanded, source) {
  const { result } = await run(doc, { isExpanded: (id) => expanded.includes(id) });
  const out = result.edges.filter((e) => e.source === source);
  assert.ok(out.length >= 2, `${source} fans out`);
  const tops = new Set(out.map((e) => result.nodes[e.target].y));
  assert.equal(tops.size, 1, `targets of ${source} on one rank: tops at ${[...tops]}`);
  const labelled = out.filter((e) => e.label);
  assert.equal(labelled.length, 1, 'one label box for the one tensor');
  const l = labelled[0].label, at = splitY(out);
  assert.ok(l.y + l.height <= at + 0.01, `label (${l.y}..${l.y + l.height}) above the split at y ${at}`);
}

test('fan-out: a GPT-2 block\'s output to its two outside users', async () => {
  const root = 'transformer.h.0';
  await check(excerpt(model('gpt2_tiny'), root), [root], `${root}/add#2`);
});

test('fan-out: a ResNet block\'s output to the next block\'s conv and residual add', async () => {
  const root = 'layer1.1';
  await check(excerpt(model('resnet18'), root), [root], 'layer1.1.relu#2');
});

test('fan-out: three users of one tensor in a plain graph', async () => {
  const doc = {
    version: 1,
    nodes: ['x', 'a', 'b', 'c'].map((id) => ({ id, label: id })),
    edges: ['a', 'b', 'c'].map((t) => ({ id: `x-${t}`, source: 'x', target: t, label: '[1, 64]' })),
  };
  await check(doc, [], 'x');
});
