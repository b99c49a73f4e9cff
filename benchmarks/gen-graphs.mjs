// Seeded, nested, NN-shaped benchmark graphs (format v1), written to benchmarks/graphs/.
//   node benchmarks/gen-graphs.mjs [sizes…]   (default 500 2000 10000 100000 leaves)
// Kinds: transformer (blocks → attention / MLP groups, residual adds), rnn (stacked layers
// unrolled over time steps, steps as columns), resnet (stages → basic blocks with skips).
import fs from 'node:fs';
import path from 'node:path';

function prng(seed) {
  let a = seed >>> 0;
  return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

class Builder {
  constructor(title, seed) { this.nodes = []; this.edges = []; this.leaves = 0; this.r = prng(seed); this.title = title; }
  group(id, parent, label, extra = {}) { this.nodes.push({ id, parent, label, kind: 'module', ...extra }); return id; }
  op(id, parent, label, extra = {}) { this.nodes.push({ id, parent, label, kind: 'op', ...extra }); this.leaves++; return id; }
  edge(source, target, extra = {}) { this.edges.push({ id: `e${this.edges.length}`, source, target, ...extra }); }
  doc() { return { format: 'vz-graph', version: 1, title: this.title, direction: 'down', nodes: this.nodes, edges: this.edges, meta: { producer: 'benchmarks/gen-graphs.mjs' } }; }
}
const shape = (r) => `[1, ${[64, 128, 256, 512][Math.floor(r() * 4)]}, 56, 56]`;

function transformer(leaves, seed) {
  const b = new Builder(`transformer-${leaves}`, seed);
  let x = b.op('input', null, 'input', { kind: 'input' });
  for (let i = 0; b.leaves < leaves - 2; i++) {
    const blk = b.group(`h${i}`, null, `Block ${i}`);
    const ln1 = b.op(`h${i}.ln1`, blk, 'LayerNorm');
    b.edge(x, ln1, { label: '[1, 1024, 768]' });
    const attn = b.group(`h${i}.attn`, blk, 'Attention');
    const q = b.op(`h${i}.attn.q`, attn, 'Linear'), k = b.op(`h${i}.attn.k`, attn, 'Linear'), v = b.op(`h${i}.attn.v`, attn, 'Linear');
    for (const t of [q, k, v]) b.edge(ln1, t);
    const heads = b.group(`h${i}.attn.heads`, attn, 'heads', { direction: 'right' });
    const outs = [];
    for (let h = 0; h < 4; h++) {
      const mm = b.op(`h${i}.attn.heads.${h}.qk`, heads, 'matmul'), sm = b.op(`h${i}.attn.heads.${h}.softmax`, heads, 'softmax'), av = b.op(`h${i}.attn.heads.${h}.av`, heads, 'matmul');
      b.edge(q, mm, { targetPort: 0 }); b.edge(k, mm, { targetPort: 1 }); b.edge(mm, sm); b.edge(sm, av, { targetPort: 0 }); b.edge(v, av, { targetPort: 1 });
      outs.push(av);
    }
    const cat = b.op(`h${i}.attn.cat`, attn, 'cat'); outs.forEach((o, j) => b.edge(o, cat, { targetPort: j }));
    const proj = b.op(`h${i}.attn.proj`, attn, 'Linear'); b.edge(cat, proj);
    const add1 = b.op(`h${i}.add1`, blk, 'add'); b.edge(x, add1, { targetPort: 0 }); b.edge(proj, add1, { targetPort: 1 });
    const ln2 = b.op(`h${i}.ln2`, blk, 'LayerNorm'); b.edge(add1, ln2);
    const mlp = b.group(`h${i}.mlp`, blk, 'MLP');
    const fc = b.op(`h${i}.mlp.fc`, mlp, 'Linear'), act = b.op(`h${i}.mlp.gelu`, mlp, 'GELU'), pr = b.op(`h${i}.mlp.proj`, mlp, 'Linear');
    b.edge(ln2, fc); b.edge(fc, act); b.edge(act, pr);
    const add2 = b.op(`h${i}.add2`, blk, 'add'); b.edge(add1, add2, { targetPort: 0 }); b.edge(pr, add2, { targetPort: 1 });
    x = add2;
  }
  const out = b.op('output', null, 'output', { kind: 'output' }); b.edge(x, out);
  return b.doc();
}

function rnn(leaves, seed) {
  const b = new Builder(`rnn-${leaves}`, seed);
  const layers = 3, perCell = 6;
  const T = Math.max(2, Math.floor((leaves - 2) / (layers * perCell)));
  const inp = b.op('input', null, 'input', { kind: 'input' });
  let below = Array.from({ length: T }, () => inp);
  for (let l = 0; l < layers; l++) {
    const layer = b.group(`lstm${l}`, null, `LSTM layer ${l}`);
    let h = null;
    const outs = [];
    for (let t = 0; t < T; t++) {
      const cell = b.group(`lstm${l}.t${t}`, layer, `cell t=${t}`, { step: t });
      const ids = ['gates', 'i', 'f', 'g', 'o', 'h'].map((k) => b.op(`lstm${l}.t${t}.${k}`, cell, k));
      b.edge(below[t], ids[0], { targetPort: 0 });
      if (h) b.edge(h, ids[0], { targetPort: 1 });
      for (let j = 1; j <= 4; j++) { b.edge(ids[0], ids[j]); b.edge(ids[j], ids[5], { targetPort: j - 1 }); }
      h = ids[5]; outs.push(h);
    }
    below = outs;
  }
  const out = b.op('output', null, 'output', { kind: 'output' }); b.edge(below[T - 1], out);
  return b.doc();
}

function resnet(leaves, seed) {
  const b = new Builder(`resnet-${leaves}`, seed);
  let x = b.op('input', null, 'input', { kind: 'input' });
  const stem = b.op('conv1', null, 'Conv2d'); b.edge(x, stem); x = stem;
  const stages = 4;
  const blocksPerStage = Math.max(1, Math.floor((leaves - 3) / (stages * 7)));
  for (let s = 0; s < stages; s++) {
    const st = b.group(`layer${s + 1}`, null, `layer${s + 1}`);
    for (let k = 0; k < blocksPerStage; k++) {
      const blk = b.group(`layer${s + 1}.${k}`, st, 'BasicBlock');
      const ids = ['conv1', 'bn1', 'relu', 'conv2', 'bn2', 'add', 'relu2'].map((n) => b.op(`layer${s + 1}.${k}.${n}`, blk, n));
      b.edge(x, ids[0], { label: shape(b.r) });
      for (let j = 0; j < 4; j++) b.edge(ids[j], ids[j + 1]);
      b.edge(ids[4], ids[5], { targetPort: 0 }); b.edge(x, ids[5], { targetPort: 1 }); b.edge(ids[5], ids[6]);
      x = ids[6];
    }
  }
  const out = b.op('fc', null, 'Linear', { kind: 'output' }); b.edge(x, out);
  return b.doc();
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const dir = path.join(import.meta.dirname, 'graphs');
fs.mkdirSync(dir, { recursive: true });
for (const n of sizes.length ? sizes : [500, 2000, 10000, 100000]) {
  for (const [name, make] of [['transformer', transformer], ['rnn', rnn], ['resnet', resnet]]) {
    const doc = make(n, n * 31 + name.length);
    const parents = new Set(doc.nodes.map((x) => x.parent));
    const leaves = doc.nodes.filter((x) => !parents.has(x.id)).length;
    const file = path.join(dir, `${name}-${n}.vz.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    console.log(file, `${doc.nodes.length} nodes, ${doc.edges.length} edges, ~${leaves} leaves`);
  }
}
