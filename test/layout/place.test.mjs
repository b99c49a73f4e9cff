// x-placement (layout-wasm/assembly/p4-place) on the drawings people look at: a ResNet stage and a
// GPT-2 block from the traced models, their outside replaced by stand-ins (as in
// layout-wasm/scripts/screenshots.mjs). The spine runs straight; a skip edge or residual takes the
// four bends of its lane beside the block (out of its port into the lane, back into the add).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, check } from './invariants.mjs';
import { excerpt as excerptOf } from '../../layout-wasm/scripts/excerpt.mjs';

const modelDir = path.resolve(import.meta.dirname, '../fixtures/models');

/** The subtree under `root` of a traced model, `expand` expanded, stand-ins for its outside ends. */
function excerpt(file, root, expand) {
  const doc = JSON.parse(fs.readFileSync(path.join(modelDir, file), 'utf8'));
  return { doc: excerptOf(doc, root), isExpanded: (id) => expand.includes(id) };
}

const bends = (points) => {
  let b = 0;
  for (let i = 1; i + 1 < points.length; i++) {
    const [a, c, d] = [points[i - 1], points[i], points[i + 1]];
    if ((c[0] - a[0]) * (d[1] - a[1]) !== (c[1] - a[1]) * (d[0] - a[0])) b++;
  }
  return b;
};

/** Bends per edge, keyed "source -> target", of the layout of an excerpt (invariants checked too). */
async function layoutBends(file, root, expand) {
  const { doc, isExpanded } = excerpt(file, root, expand);
  const r = await run(doc, { isExpanded });
  const c = check(r);
  assert.deepEqual(c.problems, []);
  assert.equal(c.throughBoxes, 0);
  return new Map(r.result.edges.map((e) => [`${e.source} -> ${e.target}`, bends(e.points)]));
}

test('ResNet stage: x, conv, bn, relu, add, relu run straight through both blocks; each skip edge takes the 4 bends of its lane', async () => {
  const b = await layoutBends('resnet18.vz.json', 'layer1', ['layer1', 'layer1.0', 'layer1.1']);
  const skips = ['input:maxpool/max_pool2d -> layer1.0/add_', 'layer1.0.relu#2 -> layer1.1/add_'];
  for (const s of skips) assert.equal(b.get(s), 4, s);
  for (const [edge, n] of b) if (!skips.includes(edge) && !edge.includes('-> output:')) assert.equal(n, 0, edge);
});

test('GPT-2 block: the input into ln_1 and the attention, and its output through add, ln_2, the MLP and add, run straight; each residual takes 4 bends', async () => {
  const b = await layoutBends('gpt2_tiny.vz.json', 'transformer.h.0', ['transformer.h.0', 'transformer.h.0.attn', 'transformer.h.0.mlp']);
  const h = 'transformer.h.0';
  const spine = [
    `input:transformer.drop/dropout -> ${h}.ln_1`, `${h}.ln_1 -> ${h}.attn.c_attn`, `${h}.attn.c_attn -> ${h}.attn/split`,
    `${h}.attn/scaled_dot_product_attention -> ${h}.attn/transpose#4`, `${h}.attn.c_proj -> ${h}.attn.resid_dropout`,
    `${h}.attn.resid_dropout -> ${h}/add`, `${h}/add -> ${h}.ln_2`, `${h}.ln_2 -> ${h}.mlp.c_fc`, `${h}.mlp.c_fc -> ${h}.mlp.act`,
    `${h}.mlp.act -> ${h}.mlp.c_proj`, `${h}.mlp.c_proj -> ${h}.mlp.dropout`, `${h}.mlp.dropout -> ${h}/add#2`,
  ];
  for (const s of spine) assert.equal(b.get(s), 0, s);
  for (const s of [`input:transformer.drop/dropout -> ${h}/add`, `${h}/add -> ${h}/add#2`]) assert.equal(b.get(s), 4, s);
});

// The labels of short edges sit on dummy nodes; weighed like a skip edge's turn into its lane, they
// made ln_2 and the MLP jog beside the residual instead of the residual jogging beside them (a tie).
test('a labelled short edge is spine: ln_2 and the MLP stay in line under add, the residual goes round them', async () => {
  const b = await layoutBends('gpt2_tiny.vz.json', 'transformer.h.0', ['transformer.h.0', 'transformer.h.0.mlp']);
  const h = 'transformer.h.0';
  for (const s of [`${h}/add -> ${h}.ln_2`, `${h}.ln_2 -> ${h}.mlp.c_fc`, `${h}.mlp.dropout -> ${h}/add#2`]) assert.equal(b.get(s), 0, s);
});

// With one border port per tensor a block's input and output are one net each, at different x
// inside it; lining the blocks up costs a jog between two blocks and shifting each block by that
// offset cost nothing, so the stack drifted into a staircase (gpt2_12: 89.5 px a block).
test('staircase: identical chained blocks (transformer.h.0, h.1) sit on one vertical axis', async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(modelDir, 'gpt2_tiny.vz.json'), 'utf8'));
  const r = await run(doc);
  assert.deepEqual(check(r).problems, []);
  const centres = ['transformer.h.0', 'transformer.h.1'].map((id) => r.result.nodes[id].x + r.result.nodes[id].width / 2);
  assert.ok(Math.abs(centres[1] - centres[0]) < 1, `block centres ${centres.join(', ')}`);
});
