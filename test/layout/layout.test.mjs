// Whole-layout invariants on synthetic fixtures and on the traced models in test/fixtures/models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as F from './fixtures.mjs';
import { run, check, bytes } from './invariants.mjs';

const synthetic = ['chain', 'diamond', 'deep', 'cycles', 'selfLoops', 'multiEdges', 'emptyGroups', 'crossGroups', 'collapsed', 'steps', 'aligned'];
const expandedFor = (doc) => (id) => !doc.nodes.find((x) => x.id === id)?.collapsed;

for (const name of synthetic) {
  test(`invariants hold: ${name}`, async () => {
    const doc = F[name]();
    const r = await run(doc, { isExpanded: expandedFor(doc) });
    const c = check(r);
    assert.deepEqual(c.problems, []);
    assert.equal(c.throughBoxes, 0, 'edge segments through foreign boxes');
    assert.equal(c.labelOverlaps, 0, 'label boxes on nodes');
    assert.equal(c.unrelated, 0, 'segments of edges that share neither a source port nor a target, on top of each other');
  });
}

const modelDir = path.resolve(import.meta.dirname, '../fixtures/models');
const models = fs.existsSync(modelDir) ? fs.readdirSync(modelDir).filter((f) => f.endsWith('.vz.json')) : [];
for (const file of models) {
  test(`invariants hold: model ${file}`, async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(modelDir, file), 'utf8'));
    for (const isExpanded of [() => true, expandedFor(doc)]) {
      const r = await run(doc, { isExpanded });
      const c = check(r);
      assert.deepEqual(c.problems, []);
      assert.equal(c.throughBoxes, 0, `${file}: edge segments through foreign boxes`);
      assert.equal(c.unrelated, 0, `${file}: segments of unrelated edges on top of each other`);
    }
  });
}

test('group direction is honoured: a chain flows that way', async () => {
  for (const [dir, axis, sign] of [['down', 'y', 1], ['right', 'x', 1], ['up', 'y', -1], ['left', 'x', -1]]) {
    const { result } = await run(F.chain(5, dir));
    for (let i = 1; i < 5; i++) {
      const a = result.nodes[`c${i - 1}`], b = result.nodes[`c${i}`];
      assert.ok(sign * (b[axis] - a[axis]) > 0, `${dir}: c${i} after c${i - 1}`);
    }
  }
});

test('step columns are in step order, across a down flow', async () => {
  const { result } = await run(F.steps(5));
  for (let t = 1; t < 5; t++) {
    const prev = ['in', 'cell', 'h'].map((k) => result.nodes[`${k}${t - 1}`]);
    const next = ['in', 'cell', 'h'].map((k) => result.nodes[`${k}${t}`]);
    assert.ok(Math.max(...prev.map((b) => b.x + b.width)) <= Math.min(...next.map((b) => b.x)), `column ${t} right of ${t - 1}`);
  }
  for (let t = 0; t < 5; t++) assert.ok(result.nodes[`in${t}`].y < result.nodes[`cell${t}`].y && result.nodes[`cell${t}`].y < result.nodes[`h${t}`].y);
  for (let t = 1; t < 5; t++) assert.equal(result.nodes[`in${t}`].y, result.nodes.in0.y, `first row of column ${t} lines up`);
});

test('align sets share a rank', async () => {
  const { result } = await run(F.aligned());
  const c = result.nodes.c, d = result.nodes.d;
  assert.equal(c.y + c.height / 2, d.y + d.height / 2);
});

test('a collapsed group is a leaf and its inner edges are lifted to it', async () => {
  const doc = F.collapsed();
  const { result, f } = await run(doc, { isExpanded: expandedFor(doc) });
  assert.ok(result.nodes.g2 && !result.nodes['g3'] && !result.nodes['g2.a']);
  assert.ok(f.edges.some((e) => e.source === 'g1.a' && e.target === 'g2'));
});

test('deterministic: same input, same bytes', async () => {
  for (const name of synthetic) {
    const doc = F[name]();
    const a = await run(doc), b = await run(doc);
    assert.equal(bytes(a.out), bytes(b.out), name);
  }
});

test('unknown ids and odd input never crash', async () => {
  const doc = F.doc([{ id: 'a' }, { id: 'b', parent: 'zz' }, { id: 'c', parent: 'c' }], [{ source: 'a', target: 'nope' }, { source: 'a', target: 'b' }, { source: 'q', target: 'q' }]);
  const r = await run(doc);
  assert.deepEqual(check(r).problems, []);
  assert.equal(r.result.edges.length, 1);
});

test('deterministic across instances: a reused engine gives the bytes of a fresh one', async () => {
  const { createLayoutEngine, flatten, estimateMeasure } = await import('../../dist/layout.mjs');
  const used = await createLayoutEngine();
  for (let seed = 1; seed <= 30; seed++) used.run(flatten(F.randomDoc(seed, 60), () => true, estimateMeasure()).graph);
  for (const name of synthetic) {
    const g = flatten(F[name](), () => true, estimateMeasure()).graph;
    const fresh = await createLayoutEngine();
    assert.equal(bytes(used.run(g)), bytes(fresh.run(g)), name);
  }
});

test('dense cyclic graph: edges past the dummy budget go around the side, invariants hold', async () => {
  const r = F.prng(11);
  const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `d${i}` }));
  const edges = Array.from({ length: 3000 }, () => ({ source: `d${Math.floor(r() * 300)}`, target: `d${Math.floor(r() * 300)}` }));
  const res = await run(F.doc(nodes, edges));
  const c = check(res);
  assert.deepEqual(c.problems, []);
  assert.equal(c.throughBoxes, 0);
  const { flatten, estimateMeasure } = await import('../../dist/layout.mjs');
  const v = (await (await import('./invariants.mjs')).engine()).phaseChecks(flatten(F.doc(nodes, edges), () => true, estimateMeasure()).graph);
  assert.deepEqual([...v], [0, 0, 0, 0, 0, 0, 0, 0]);
});

test('a child group\'s ports follow the parent\'s argument order: transformer blocks (heads → cat, residual between blocks)', async () => {
  // benchmarks/gen-graphs.mjs's transformer, two blocks: the heads group (flowing right) orders its
  // heads so their outputs reach cat in argument order, and add2's ports leave in the order of the
  // next block's ports (p0 sidePref, p3 initial order). Left: q/k interleave and v past softmax, 6 + 6 a block,
  // and v entering each head's av below softmax (its argument order: test/layout/ports.test.mjs), 4 more.
  const nodes = [{ id: 'input' }, { id: 'output' }], edges = [];
  const op = (id, parent) => nodes.push({ id, parent });
  const edge = (source, target, targetPort) => edges.push({ id: `e${edges.length}`, source, target, ...(targetPort === undefined ? {} : { targetPort }) });
  let x = 'input';
  for (let i = 0; i < 2; i++) {
    const b = `h${i}`, a = `${b}.attn`, hs = `${a}.heads`;
    nodes.push({ id: b }, { id: a, parent: b }, { id: hs, parent: a, direction: 'right' }, { id: `${b}.mlp`, parent: b });
    op(`${b}.ln1`, b); edge(x, `${b}.ln1`);
    for (const t of ['q', 'k', 'v']) { op(`${a}.${t}`, a); edge(`${b}.ln1`, `${a}.${t}`); }
    op(`${a}.cat`, a);
    for (let h = 0; h < 4; h++) {
      for (const n of ['qk', 'softmax', 'av']) op(`${hs}.${h}.${n}`, hs);
      edge(`${a}.q`, `${hs}.${h}.qk`, 0); edge(`${a}.k`, `${hs}.${h}.qk`, 1); edge(`${hs}.${h}.qk`, `${hs}.${h}.softmax`);
      edge(`${hs}.${h}.softmax`, `${hs}.${h}.av`, 0); edge(`${a}.v`, `${hs}.${h}.av`, 1); edge(`${hs}.${h}.av`, `${a}.cat`, h);
    }
    op(`${a}.proj`, a); edge(`${a}.cat`, `${a}.proj`);
    op(`${b}.add1`, b); edge(x, `${b}.add1`, 0); edge(`${a}.proj`, `${b}.add1`, 1);
    op(`${b}.ln2`, b); edge(`${b}.add1`, `${b}.ln2`);
    for (const n of ['fc', 'gelu', 'proj']) op(`${b}.mlp.${n}`, `${b}.mlp`);
    edge(`${b}.ln2`, `${b}.mlp.fc`); edge(`${b}.mlp.fc`, `${b}.mlp.gelu`); edge(`${b}.mlp.gelu`, `${b}.mlp.proj`);
    op(`${b}.add2`, b); edge(`${b}.add1`, `${b}.add2`, 0); edge(`${b}.mlp.proj`, `${b}.add2`, 1);
    x = `${b}.add2`;
  }
  edge(x, 'output');
  const doc = F.doc(nodes, edges);
  const { result } = await run(doc);
  const segs = result.edges.flatMap((e, j) => e.points.slice(1).map((p, i) => ({ a: e.points[i], b: p, e: j })));
  const o = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const bad = [];
  let total = 0;
  for (let i = 0; i < segs.length; i++) for (let j = i + 1; j < segs.length; j++) {
    const s = segs[i], t = segs[j];
    if (s.e === t.e || o(s.a, s.b, t.a) * o(s.a, s.b, t.b) >= 0 || o(t.a, t.b, s.a) * o(t.a, t.b, s.b) >= 0) continue;
    total++;
    const E = result.edges, name = (k) => `${E[k].source}->${E[k].target}`;
    if ([s.e, t.e].some((k) => /\.cat$|add2$/.test(E[k].target) || /add2$/.test(E[k].source))) bad.push(`${name(s.e)} X ${name(t.e)}`);
  }
  assert.deepEqual(bad, [], 'heads → cat in argument order, add2 → next block without crossing');
  assert.ok(total <= 32, `${total} crossings (16 a block expected)`);
});
