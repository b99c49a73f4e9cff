// Synthetic format-v1 documents for the layout tests.
export const doc = (nodes, edges, extra = {}) => ({ format: 'vz-graph', version: 1, nodes, edges, ...extra });
const n = (id, parent = null, more = {}) => ({ id, parent, label: id, ...more });
const e = (source, target, more = {}) => ({ source, target, ...more });

export function chain(k, direction = 'down') {
  const nodes = [n('g', null, { direction })];
  const edges = [];
  for (let i = 0; i < k; i++) { nodes.push(n(`c${i}`, 'g')); if (i) edges.push(e(`c${i - 1}`, `c${i}`)); }
  return doc(nodes, edges);
}

export function diamond() {
  return doc(['a', 'b', 'c', 'd'].map((id) => n(id)), [e('a', 'b'), e('a', 'c'), e('b', 'd'), e('c', 'd'), e('a', 'd')]);
}

/** Groups nested `depth` deep, two leaves per level, edges within and across levels. */
export function deep(depth = 6) {
  const nodes = [], edges = [];
  let parent = null;
  for (let d = 0; d < depth; d++) {
    const g = `g${d}`;
    nodes.push(n(g, parent, { direction: ['down', 'right', 'up', 'left'][d % 4] }));
    nodes.push(n(`${g}.a`, g), n(`${g}.b`, g));
    edges.push(e(`${g}.a`, `${g}.b`));
    if (d) edges.push(e(`g${d - 1}.a`, `${g}.a`), e(`${g}.b`, `g${d - 1}.b`));
    parent = g;
  }
  return doc(nodes, edges);
}

export function cycles() {
  return doc(['a', 'b', 'c', 'd'].map((id) => n(id)), [e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd'), e('d', 'b')]);
}

export function selfLoops() {
  return doc([n('a'), n('b'), n('g'), n('g.x', 'g')], [e('a', 'a', { label: 'loop' }), e('a', 'b'), e('b', 'b'), e('g.x', 'g.x'), e('b', 'g.x')]);
}

export function multiEdges() {
  return doc([n('x'), n('add')], [e('x', 'add', { targetPort: 0 }), e('x', 'add', { targetPort: 1 }), e('x', 'add', { targetPort: 1 })]);
}

export function emptyGroups() {
  return doc([n('g'), n('h', 'g'), n('a'), n('k', null, { direction: 'right' })], [e('a', 'g'), e('g', 'k')]);
}

/** Edges between deep nodes of different groups. */
export function crossGroups() {
  const nodes = [n('A'), n('A1', 'A'), n('A2', 'A1'), n('a', 'A2'), n('a2', 'A2'), n('B', null, { direction: 'right' }), n('B1', 'B'), n('b', 'B1'), n('b2', 'B1'), n('c')];
  return doc(nodes, [e('a', 'b'), e('a2', 'b2', { label: '[1, 64]' }), e('b', 'a2'), e('c', 'a'), e('b2', 'c'), e('a', 'a2')]);
}

export function collapsed() {
  const d = deep(4);
  d.nodes.find((x) => x.id === 'g2').collapsed = true;
  return d;
}

/** An unrolled RNN: steps as columns inside a down-flowing group. */
export function steps(T = 4) {
  const nodes = [n('x'), n('rnn')], edges = [];
  for (let t = 0; t < T; t++) {
    nodes.push(n(`in${t}`, 'rnn', { step: t }), n(`cell${t}`, 'rnn', { step: t }), n(`h${t}`, 'rnn', { step: t }));
    edges.push(e('x', `in${t}`), e(`in${t}`, `cell${t}`), e(`cell${t}`, `h${t}`));
    if (t) edges.push(e(`h${t - 1}`, `cell${t}`));
  }
  nodes.push(n('y'));
  edges.push(e(`h${T - 1}`, 'y'));
  return doc(nodes, edges);
}

/** An unrolled multi-layer RNN as benchmarks/gen-graphs.mjs draws it: layers of cells (groups) in
 *  step columns; each cell's gates feed i, f, g, o, which feed h; h goes on to the next step's gates
 *  and to the next layer's gates of the same step. */
export function stackedRnn(T = 4, layers = 3) {
  const nodes = [n('input')], edges = [];
  let below = Array.from({ length: T }, () => 'input');
  for (let l = 0; l < layers; l++) {
    nodes.push(n(`l${l}`));
    let h = null;
    const outs = [];
    for (let t = 0; t < T; t++) {
      const cell = `l${l}.t${t}`;
      nodes.push(n(cell, `l${l}`, { step: t }));
      const ids = ['gates', 'i', 'f', 'g', 'o', 'h'].map((k) => `${cell}.${k}`);
      ids.forEach((id) => nodes.push(n(id, cell)));
      edges.push(e(below[t], ids[0], { targetPort: 0 }));
      if (h) edges.push(e(h, ids[0], { targetPort: 1 }));
      for (let j = 1; j <= 4; j++) edges.push(e(ids[0], ids[j]), e(ids[j], ids[5], { targetPort: j - 1 }));
      h = ids[5]; outs.push(h);
    }
    below = outs;
  }
  nodes.push(n('output'));
  edges.push(e(below[T - 1], 'output'));
  return doc(nodes, edges);
}

export function aligned() {
  return doc(['a', 'b', 'c', 'd', 'e'].map((id) => n(id)), [e('a', 'b'), e('b', 'c'), e('a', 'd'), e('d', 'e')], { align: [['c', 'd']] });
}

/** A seeded PRNG (mulberry32). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random nested graph: groups, directions, steps, labels, self-loops, cycles, odd edges. */
export function randomDoc(seed, size = 30) {
  const r = prng(seed);
  const k = 1 + Math.floor(r() * size);
  const nodes = [], edges = [];
  const dirs = ['down', 'right', 'up', 'left'];
  for (let i = 0; i < k; i++) {
    const parent = i > 0 && r() < 0.7 ? `n${Math.floor(r() * i)}` : null;
    const node = n(`n${i}`, parent, { label: 'x'.repeat(1 + Math.floor(r() * 12)) });
    if (r() < 0.3) node.direction = dirs[Math.floor(r() * 4)];
    if (r() < 0.1) node.step = Math.floor(r() * 3);
    if (r() < 0.1) node.collapsed = true;
    nodes.push(node);
  }
  const m = Math.floor(r() * k * 1.6);
  for (let j = 0; j < m; j++) {
    const s = `n${Math.floor(r() * k)}`, t = r() < 0.02 ? 'missing' : `n${Math.floor(r() * k)}`;
    const edge = e(s, t);
    if (r() < 0.2) edge.label = 'y'.repeat(1 + Math.floor(r() * 10));
    if (r() < 0.2) edge.targetPort = Math.floor(r() * 3);
    edges.push(edge);
  }
  const extra = {};
  if (r() < 0.2) extra.align = [[`n${Math.floor(r() * k)}`, `n${Math.floor(r() * k)}`]];
  if (r() < 0.3) extra.direction = dirs[Math.floor(r() * 4)];
  return doc(nodes, edges, extra);
}
