// Argument order (issue 3: "edges leave and enter in the order of sourcePort/targetPort"): along
// each side of a box, the edges that enter it meet it in ascending targetPort (left to right on a
// top or bottom side, top to bottom on a left or right side), and those that leave it in ascending
// sourcePort — also an edge that comes in from its group's side border, as `v` into each head's
// `attn @ v` (it used to take the end nearest that border, ahead of `softmax`, argument 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { doc } from './fixtures.mjs';
import { run } from './invariants.mjs';

/** Argument-order violations in a layout: pairs of ends on one side of a box out of port order. */
function outOfOrder({ f, result }, d) {
  const ends = new Map(); // "node side" → [{ port, along }]
  assert.equal(result.edges.length, f.edgeDoc.length);
  result.edges.forEach((e, j) => {
    const de = d.edges[f.edgeDoc[j]];
    for (const [end, id, port, p] of [['t', de.target, de.targetPort, e.points.at(-1)], ['s', de.source, de.sourcePort, e.points[0]]]) {
      if (!Number.isFinite(port) || (end === 't' ? e.target : e.source) !== id) continue;
      const b = result.nodes[id];
      const side = Math.abs(p[1] - b.y) < 0.5 ? 'top' : Math.abs(p[1] - b.y - b.height) < 0.5 ? 'bottom' : Math.abs(p[0] - b.x) < 0.5 ? 'left' : 'right';
      const key = `${end} ${id} ${side}`;
      if (!ends.has(key)) ends.set(key, []);
      ends.get(key).push({ port, along: side === 'top' || side === 'bottom' ? p[0] : p[1] });
    }
  });
  const bad = [];
  for (const [key, list] of ends) {
    list.sort((a, b) => a.along - b.along || a.port - b.port);
    for (let i = 1; i < list.length; i++) if (list[i].port < list[i - 1].port) { bad.push(key); break; }
  }
  return bad;
}

/** One attention block as the benchmark generator makes it: heads flow right inside a group flowing down. */
function attention() {
  const nodes = [{ id: 'x' }, { id: 'attn' }, { id: 'attn.q', parent: 'attn' }, { id: 'attn.k', parent: 'attn' }, { id: 'attn.v', parent: 'attn' },
    { id: 'attn.heads', parent: 'attn', direction: 'right' }, { id: 'attn.cat', parent: 'attn' }, { id: 'out' }];
  const edges = [];
  const e = (source, target, extra = {}) => edges.push({ id: `e${edges.length}`, source, target, ...extra });
  for (const t of ['attn.q', 'attn.k', 'attn.v']) e('x', t);
  for (let h = 0; h < 4; h++) {
    const [qk, sm, av] = ['qk', 'softmax', 'av'].map((n) => `attn.heads.${h}.${n}`);
    nodes.push({ id: qk, parent: 'attn.heads', label: 'matmul' }, { id: sm, parent: 'attn.heads', label: 'softmax' }, { id: av, parent: 'attn.heads', label: 'matmul' });
    e('attn.q', qk, { targetPort: 0 }); e('attn.k', qk, { targetPort: 1 }); e(qk, sm); e(sm, av, { targetPort: 0 }); e('attn.v', av, { targetPort: 1 });
    e(av, 'attn.cat', { targetPort: h });
  }
  e('attn.cat', 'out');
  return doc(nodes, edges);
}

test('attention heads: attn and v enter each `attn @ v` in argument order', async () => {
  const d = attention();
  assert.deepEqual(outOfOrder(await run(d), d), []);
});

test('every real model fixture keeps argument order on every side of every box', async () => {
  const dir = new URL('../fixtures/models/', import.meta.url);
  for (const file of fs.readdirSync(dir)) {
    const d = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8'));
    assert.deepEqual(outOfOrder(await run(d), d), [], file);
  }
});
