// Bends and jogs on real model excerpts (layout-wasm/assembly/p4-place: slide.ts, weights.ts,
// place.ts tiePorts). A jog is a segment under 12 px between two bends: a kink no one draws by
// hand. Fixtures: test/layout/fixtures/bert_layers2.vz.json and vit_layers2.vz.json (encoder layers 0
// and 1 of BERT-base and ViT-B/16 from benchmarks/graphs/models/, outside ends as stand-ins) and
// GPT-2 tiny's first block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, check } from './invariants.mjs';
import { excerpt } from '../../layout-wasm/scripts/excerpt.mjs';

const here = import.meta.dirname;
const JOG = 12;

const bends = (p) => {
  let b = 0;
  for (let i = 1; i + 1 < p.length; i++) if ((p[i][0] - p[i - 1][0]) * (p[i + 1][1] - p[i - 1][1]) !== (p[i][1] - p[i - 1][1]) * (p[i + 1][0] - p[i - 1][0])) b++;
  return b;
};
const jogs = (p) => {
  let j = 0;
  for (let i = 1; i + 2 < p.length; i++) if (Math.hypot(p[i + 1][0] - p[i][0], p[i + 1][1] - p[i][1]) < JOG) j++;
  return j;
};

/** Every group expanded; invariants checked; per edge "source -> target": { bends, jogs }. */
async function layout(doc) {
  const r = await run(doc);
  const c = check(r);
  assert.deepEqual(c.problems, []);
  assert.equal(c.throughBoxes, 0);
  return new Map(r.result.edges.map((e) => [`${e.source} -> ${e.target}`, { bends: bends(e.points), jogs: jogs(e.points) }]));
}

const bert = () => JSON.parse(fs.readFileSync(path.join(here, 'fixtures/bert_layers2.vz.json'), 'utf8'));
const totalJogs = (m) => [...m.values()].reduce((s, e) => s + e.jogs, 0);

// The key and value columns of BERT's self-attention sit 7–8 px beside the transposes below them
// (the transposes' labels push them apart): each `view → transpose` jogged. The line now meets the
// box off its middle, straight down (slide.ts moves the attach point along the box side).
test('BERT self-attention: view → transpose runs straight into the box, off its middle, not with a 7 px jog', async () => {
  const m = await layout(bert());
  for (const l of [0, 1]) {
    const a = `encoder.layer.${l}.attention.self`;
    for (const [v, t] of [['view#2', 'transpose#2'], ['view#3', 'transpose#3']]) assert.deepEqual(m.get(`${a}/${v} -> ${a}/${t}`), { bends: 0, jogs: 0 }, `${a}/${v} -> ${t}`);
  }
});

// A layer's input came in over the key column (7 px right of the attention's axis) and left from
// its LayerNorm on that axis, so the trunk between two layers jogged once, on each of its four
// edges (query, key, value, residual). The layers' in and out ports now line up (place.ts tiePorts).
test('BERT: the trunk from one encoder layer into the next runs straight into key; query, value and the residual turn off it, no jogs anywhere', async () => {
  const m = await layout(bert());
  const out = 'encoder.layer.0.output.LayerNorm/layer_norm', next = 'encoder.layer.1.attention.self';
  assert.deepEqual(m.get(`${out} -> ${next}.key/linear`), { bends: 0, jogs: 0 });
  for (const t of ['query', 'value']) assert.deepEqual(m.get(`${out} -> ${next}.${t}/linear`), { bends: 2, jogs: 0 }, t);
  assert.equal(totalJogs(m), 0);
});

// GELU's input fans out to pow, add and mul; the branch into mul shares the lane of the one into add
// down to add's rank, and turned 8 px aside there, where the lane passes add (its segment below the
// fork weighed as a turn into a lane, not as the lane it is): a jog per block (gpt2_12: 12).
test('GPT-2 GELU: the lane into mul runs on past the fork into add, one turn out of the trunk and one into mul', async () => {
  const doc = excerpt(JSON.parse(fs.readFileSync(path.join(here, '../fixtures/models/gpt2_tiny.vz.json'), 'utf8')), 'transformer.h.0');
  const m = await layout(doc);
  assert.deepEqual(m.get('transformer.h.0.mlp.c_fc/view#2 -> transformer.h.0.mlp.act/mul'), { bends: 2, jogs: 0 });
  assert.equal(totalJogs(m), 0);
});

/** A block's output `out` runs straight into `first` of the next block `next`, and the residual
 *  turns off that trunk into its lane and back into the next block's `add` (4 bends). */
function trunkIntoNext(m, out, next, first) {
  assert.deepEqual(m.get(`${out} -> ${next}.${first}`), { bends: 0, jogs: 0 });
  assert.deepEqual(m.get(`${out} -> ${next}/add`), { bends: 4, jogs: 0 });
}

// A ViT encoder layer's residual is `add`'s first argument, so the MLP's output enters the last
// `add` 8 px right of its middle and the sum leaves 8 px left of it: the layer's out sat 16 px
// beside its in, and the trunk into the next layer turned twice on both its edges. Its out port
// now lines up with its in (place.ts tiePorts) and `add` sends the sum out where the MLP came in
// (slide.ts).
test('ViT: the trunk from one encoder layer into the next runs straight into ln_1; the residual turns off it into its lane', async () => {
  const m = await layout(JSON.parse(fs.readFileSync(path.join(here, 'fixtures/vit_layers2.vz.json'), 'utf8')));
  trunkIntoNext(m, 'encoder.layers.encoder_layer_0/add#2', 'encoder.layers.encoder_layer_1', 'ln_1/layer_norm');
  assert.equal(totalJogs(m), 0);
});

// GPT-2's blocks are identical, so they stack on one axis (simplex.ts ALIGN_W), and a block's out
// sat 81.5 px beside its in: the attention's output left under the key column's `cat`, 40.5 px
// from where its input came in, and tying the ports cost a jog wherever a 2-input op's input slot
// (±8 px) met the spine, which slide.ts would have taken out. Every gap between two blocks cost 4
// bends (GPT-2 12 layers: 382 against elk's 338). The ports are now tied with the output of such an
// op free to slide and the spine weighing as the tie (place.ts tiePorts, simplex.ts slidePoints).
test('GPT-2: the trunk from one block into the next runs straight into ln_1; the residual turns off it into its lane', async () => {
  const m = await layout(JSON.parse(fs.readFileSync(path.join(here, '../fixtures/models/gpt2_tiny.vz.json'), 'utf8')));
  trunkIntoNext(m, 'transformer.h.0/add#2', 'transformer.h.1', 'ln_1/layer_norm');
});

// The query and value columns of GPT-2's attention: `view` and the label dummies of its edges above
// and below sat lined up with each other under `split`, so moving any one of them alone (straighten's
// repair) broke as many segments as it mended, and `view → transpose` jogged, 85–121 px aside where
// the cat inputs push the transposes apart. The run moves as one (straighten.ts moveRuns).
test('GPT-2 attention: the query and value columns run straight from view into transpose; the split fans out above them', async () => {
  const doc = excerpt(JSON.parse(fs.readFileSync(path.join(here, '../fixtures/models/gpt2_tiny.vz.json'), 'utf8')), 'transformer.h.0');
  const m = await layout(doc);
  const a = 'transformer.h.0.attn';
  for (const [v, t] of [['view', 'transpose'], ['view#2', 'transpose#2'], ['view#3', 'transpose#3']]) assert.deepEqual(m.get(`${a}/${v} -> ${a}/${t}`), { bends: 0, jogs: 0 }, v);
  for (const v of ['view#2', 'view#3']) assert.equal(m.get(`${a}/split -> ${a}/${v}`).bends, 2, v);
});

// The README's nested doc (test/fixtures/docs/nested.vz.json, edges without ports): `fc` has two
// inputs, `pool` through the label of [1, 16] and the parameter `fc.weight` one rank above it;
// the placement saw a tie and lined `fc` up under the weight, so the data path pool → fc → logits
// jogged and the weight came straight down. A source (a box with no inputs: a parameter, a
// constant) now gives way to the path (pav.ts), and inputs that all meet at one point meet the
// box in its middle (attach.ts), so the path runs on one axis and the weight comes in from the side.
test('nested doc: pool → fc → logits run on one straight line; fc.weight comes in from the side', async () => {
  const doc = JSON.parse(fs.readFileSync(path.join(here, '../fixtures/docs/nested.vz.json'), 'utf8'));
  for (const isExpanded of [() => true, (id) => id !== 'layer1.1']) { // all expanded; as the README shows it
    const r = await run(doc, { isExpanded });
    assert.deepEqual(check(r).problems, []);
    const edge = (s, t) => r.result.edges.find((e) => e.source === s && e.target === t);
    const mid = (id) => r.result.nodes[id].x + r.result.nodes[id].width / 2;
    assert.equal(bends(edge('pool', 'fc').points), 0, 'pool -> fc');
    assert.equal(bends(edge('fc', 'y').points), 0, 'fc -> logits');
    assert.ok(Math.abs(mid('fc') - mid('pool')) < 0.5 && Math.abs(mid('y') - mid('fc')) < 0.5, 'pool, fc and logits on one axis');
    assert.equal(bends(edge('w', 'fc').points), 2, 'the weight turns in from the side');
  }
});
