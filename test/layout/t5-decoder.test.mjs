// T5-small's decoder in miniature (benchmarks/graphs/models/t5_small.vz.json has six blocks): block 0
// computes two position biases, B (self-attention, into `where` port 1) and G (cross-attention, into
// the sdpa's port 3), and every later block reads both; every block's cross-attention reads the
// encoder output M at k and v. Inputs keep their argument order (q, k, v, bias; a residual `add`
// takes the skip at port 0, on the left), so a block takes all three from the right of its spine
// and some crossings are forced (benchmarks/results/layout.md, "T5-small's 40 crossings"): each B
// edge crosses the spine leaving block 0 and again entering its block, 2(n-1); with G down the right
// of the blocks, M_i crosses G_j for every i <= j, n(n-1) — 40 at six blocks, T5-small's figure.
// Guards: only the three shared tensors ever cross, and six blocks stay at 40 (38 is possible with
// G's trunk down the left, see layout.md; elk's 24 needs inputs out of argument order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutDocument } from '../../dist/layout.mjs';

function t5Decoder(n) {
  const nodes = [], edges = [];
  const N = (id, parent, more = {}) => nodes.push({ id, parent, label: id.split('/').pop(), ...more });
  const E = (source, target, targetPort) => edges.push({ source, target, sourcePort: 0, ...(targetPort === undefined ? {} : { targetPort }) });
  N('ids', null, { kind: 'input' }); N('enc', null); E('ids', 'enc');
  N('dids', null, { kind: 'input' }); N('dec', null); N('dec/emb', 'dec'); E('dids', 'dec/emb');
  let prev = 'dec/emb';
  for (let k = 0; k < n; k++) {
    const b = `dec.b${k}`;
    N(b, 'dec');
    const layer = (L, name, kv, bias) => {
      N(L, b); N(`${L}/ln`, L); E(prev, `${L}/ln`);
      const A = `${L}.${name}`;
      N(A, L);
      for (const x of ['q', 'k', 'v']) N(`${A}/${x}`, A);
      E(`${L}/ln`, `${A}/q`); E(kv ?? `${L}/ln`, `${A}/k`); E(kv ?? `${L}/ln`, `${A}/v`);
      N(`${A}/sdpa`, A); E(`${A}/q`, `${A}/sdpa`, 0); E(`${A}/k`, `${A}/sdpa`, 1); E(`${A}/v`, `${A}/sdpa`, 2);
      bias(A);
      N(`${A}/o`, A); E(`${A}/sdpa`, `${A}/o`);
      N(`${L}/add`, L); E(`${L}/ln`, `${L}/add`, 0); E(`${A}/o`, `${L}/add`, 1);
      prev = `${L}/add`;
    };
    layer(`${b}.l0`, 'self', null, (A) => {
      N(`${A}/arange`, A); N(`${A}/ge`, A); N(`${A}/where`, A);
      E(`${A}/arange`, `${A}/ge`); E(`${A}/ge`, `${A}/where`, 0);
      if (k === 0) { N(`${A}/emb`, A); N(`${A}/unsq`, A); E(`${A}/arange`, `${A}/emb`); E(`${A}/emb`, `${A}/unsq`); }
      E('dec.b0.l0.self/unsq', `${A}/where`, 1); E(`${A}/where`, `${A}/sdpa`, 3);
    });
    layer(`${b}.l1`, 'cross', 'enc', (A) => {
      if (k === 0) N(`${A}/zeros`, A);
      E('dec.b0.l1.cross/zeros', `${A}/sdpa`, 3);
    });
    const L = `${b}.l2`;
    N(L, b); N(`${L}/ff`, L); N(`${L}/add`, L);
    E(prev, `${L}/ff`); E(prev, `${L}/add`, 0); E(`${L}/ff`, `${L}/add`, 1);
    prev = `${L}/add`;
  }
  N('out', null, { kind: 'output' }); E(prev, 'out');
  return { format: 'vz-graph', version: 1, title: `T5-shaped decoder, ${n} blocks`, nodes, edges };
}

/** Pairs of edges whose polylines properly cross, once per crossing point (as benchmarks/metrics.mjs counts). */
function crossingPairs(result) {
  const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  const segs = result.edges.flatMap((e, j) => e.points.slice(1).map((p, i) => [e.points[i], p, j]));
  const pairs = [];
  for (let x = 0; x < segs.length; x++) for (let y = x + 1; y < segs.length; y++) {
    const [a, b, i] = segs[x], [c, d, j] = segs[y];
    if (i !== j && orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) pairs.push([result.edges[i], result.edges[j]]);
  }
  return pairs;
}

const B = 'dec.b0.l0.self/unsq', G = 'dec.b0.l1.cross/zeros', M = 'enc';
const shared = (e) => e.source === B || e.source === G || e.source === M;

test('T5-shaped decoder: only the shared long edges (encoder output, the two position biases) ever cross', async () => {
  for (let n = 2; n <= 6; n++) {
    const doc = t5Decoder(n);
    const pairs = crossingPairs(await layoutDocument(doc, { incremental: false }));
    for (const [a, b] of pairs) assert.ok(shared(a) || shared(b), `${n} blocks: ${a.source} -> ${a.target} crosses ${b.source} -> ${b.target}`);
  }
});

test('T5-shaped decoder, six blocks as in T5-small: no more crossings than with B down the left and M, G down the right', async () => {
  const n = 6;
  const pairs = crossingPairs(await layoutDocument(t5Decoder(n), { incremental: false }));
  assert.ok(pairs.length <= 2 * (n - 1) + n * (n - 1), `${pairs.length} crossings`);
});
