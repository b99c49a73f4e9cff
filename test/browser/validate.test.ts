// The format-v1 validator (component/model/validate.ts): every problem, each with its path.
import { expect } from '@open-wc/testing';
import { validate } from '../../component/model/validate.js';
import { GraphStore } from '../../component/model/store.js';

const doc = (extra: Record<string, unknown> = {}) => ({
  format: 'vz-graph', version: 1,
  nodes: [{ id: 'g' }, { id: 'a', parent: 'g' }, { id: 'b', parent: 'g' }, { id: 'c' }],
  edges: [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }],
  ...extra,
});
const paths = (d: unknown) => validate(d).map((p) => p.path);

describe('validate', () => {
  it('accepts a valid document, with unknown fields kept', () => {
    expect(validate(doc({ custom: { x: 1 }, align: [['a', 'c']], direction: 'right' }))).to.deep.equal([]);
  });

  it('accepts every hand-made fixture that is meant to be valid', async () => {
    for (const name of ['nested', 'small', 'collapsed', 'xss']) {
      const d = await (await fetch(`/test/fixtures/docs/${name}.vz.json`)).json();
      expect(validate(d), name).to.deep.equal([]);
    }
  });

  it('reports the top-level shape', () => {
    expect(paths(null)).to.deep.equal(['']);
    expect(paths([])).to.deep.equal(['']);
    expect(paths({ format: 'other', version: 2, nodes: {} })).to.deep.equal(['format', 'version', 'nodes']);
    expect(paths(doc({ edges: 'x', title: 3, meta: [] }))).to.have.members(['edges', 'title', 'meta']);
  });

  it('reports missing and duplicate ids with the first use', () => {
    const problems = validate(doc({ nodes: [{ id: 'a' }, { label: 'no id' }, { id: 'a' }, { id: 'b' }, { id: 'c' }, { id: '' }] }));
    expect(problems.map((p) => p.path)).to.deep.equal(['nodes[1].id', 'nodes[2].id', 'nodes[5].id']);
    expect(problems[1].message).to.contain('duplicate').and.contain('nodes[0]');
  });

  it('reports wrong field types', () => {
    const d = doc({ nodes: [{ id: 'a', label: 5, kind: [], collapsed: 'yes', step: -1, width: 0, attrs: 3, attachments: [{ id: 'x' }] },
      { id: 'b' }, { id: 'c' }] });
    expect(paths(d)).to.deep.equal(['nodes[0].label', 'nodes[0].kind', 'nodes[0].collapsed', 'nodes[0].step', 'nodes[0].width',
      'nodes[0].attrs', 'nodes[0].attachments[0].type']);
  });

  it('reports an unknown parent and a parent cycle', () => {
    const d = doc({ nodes: [{ id: 'a', parent: 'c' }, { id: 'b', parent: 'a' }, { id: 'c', parent: 'b' }, { id: 'd', parent: 'zz' }, { id: 'e', parent: 'e' }] });
    const problems = validate(d);
    expect(problems.map((p) => p.path)).to.have.members(['nodes[3].parent', 'nodes[4].parent', 'nodes[0].parent']);
    const cycle = problems.find((p) => p.message.includes('cycle'))!;
    expect(cycle.message).to.contain('"a"').and.contain('"b"').and.contain('"c"');
  });

  it('reports edges to unknown nodes, bad ports and labels', () => {
    const d = doc({ edges: [{ source: 'a', target: 'nope' }, { target: 'b' }, { source: 'a', target: 'b', sourcePort: 1.5, label: 7 }, 'x'] });
    expect(paths(d)).to.deep.equal(['edges[0].target', 'edges[1].source', 'edges[2].sourcePort', 'edges[2].label', 'edges[3]']);
    expect(validate(d)[0].message).to.contain('"nope"');
  });

  it('reports bad directions and align entries', () => {
    const d = doc({ direction: 'sideways', nodes: [{ id: 'a', direction: 'diagonal' }, { id: 'b' }, { id: 'c' }], align: [['a', 'zz', 3], 'b'] });
    expect(paths(d)).to.deep.equal(['direction', 'nodes[0].direction', 'align[0][1]', 'align[0][2]', 'align[1]']);
  });

  it('reports all of many problems, not only the first', () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, parent: `missing${i}` }));
    expect(validate(doc({ nodes, edges: [] }))).to.have.length(50);
  });

  it('stays linear on 100,000 nodes (a deep chain and a cycle at its end)', () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, parent: i ? `n${i - 1}` : `n${n - 1}` }));
    const t = performance.now();
    const problems = validate({ format: 'vz-graph', version: 1, nodes, edges: [] });
    const ms = performance.now() - t;
    expect(problems).to.have.length(1);
    expect(problems[0].message).to.contain('cycle');
    expect(ms).to.be.below(5000); // quadratic would take minutes, not a timing benchmark
  });
});

describe('GraphStore', () => {
  it('applies patches by id and removes subtrees', () => {
    const s = new GraphStore();
    expect(s.setDocument(doc())).to.deep.equal([]);
    const change = s.applyPatch({ nodes: [{ id: 'd', parent: 'g', label: 'D' }, { id: 'c', label: 'C2' }], edges: [{ source: 'a', target: 'd' }], remove: [] });
    expect(change.problems).to.deep.equal([]);
    expect(s.byId.get('c')!.label).to.equal('C2');
    expect(s.children.get('g')).to.deep.equal(['a', 'b', 'd']);
    s.applyPatch({ remove: ['g'] });
    expect([...s.byId.keys()]).to.deep.equal(['c']);
    expect(s.doc!.edges).to.deep.equal([]);
  });

  it('rejects a patch that would break the document and keeps the old one', () => {
    const s = new GraphStore();
    s.setDocument(doc());
    const change = s.applyPatch({ nodes: [{ id: 'x', parent: 'nowhere' }] });
    expect(change.problems[0].path).to.equal('patch → nodes[4].parent');
    expect(s.byId.has('x')).to.equal(false);
  });

  it('a patch updates the indexes in place: the same as indexing the patched document afresh (random patches)', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let round = 0; round < 60; round++) {
      const nodes: Array<{ id: string; parent?: string; label?: string }> = [];
      for (let i = 0; i < 30; i++) nodes.push({ id: `n${i}`, ...(i && rnd(3) ? { parent: `n${rnd(i)}` } : {}) });
      const edges = Array.from({ length: 25 }, (_, k) => ({ id: `e${k}`, source: `n${rnd(30)}`, target: `n${rnd(30)}` }));
      const s = new GraphStore();
      expect(s.setDocument({ format: 'vz-graph', version: 1, nodes, edges })).to.deep.equal([]);
      for (let step = 0; step < 4; step++) {
        const ids = [...s.byId.keys()];
        const pick = () => ids[rnd(ids.length)];
        const patch = {
          // new nodes, changed labels, moves to another parent (towards the root: never a cycle), removals
          nodes: [
            ...Array.from({ length: rnd(3) }, (_, k) => ({ id: `r${round}s${step}k${k}`, ...(rnd(2) ? { parent: pick() } : {}) })),
            ...Array.from({ length: rnd(3) }, () => ({ ...s.byId.get(pick())!, label: `L${rnd(9)}` })),
            ...Array.from({ length: rnd(3) }, () => { const n = s.byId.get(pick())!; const up = n.parent ? s.byId.get(n.parent)!.parent : undefined; return { ...n, parent: up ?? null }; }),
          ],
          edges: Array.from({ length: rnd(3) }, (_, k) => ({ id: rnd(2) ? `e${rnd(25)}` : `x${round}${step}${k}`, source: pick(), target: pick() })),
          remove: rnd(2) ? [pick()] : [],
        };
        const change = s.applyPatch(patch);
        expect(change.problems).to.deep.equal([]);
        const fresh = new GraphStore();
        expect(fresh.setDocument(s.doc)).to.deep.equal([]);
        expect([...s.byId.keys()].sort()).to.deep.equal([...fresh.byId.keys()].sort());
        expect([...s.byId.keys()]).to.deep.equal(s.doc!.nodes.map((n) => n.id));
        expect(Object.fromEntries([...s.children].sort())).to.deep.equal(Object.fromEntries([...fresh.children].sort()));
        expect(Object.fromEntries([...s.depth].sort())).to.deep.equal(Object.fromEntries([...fresh.depth].sort()));
        for (const id of s.expanded) expect(s.children.has(id), `expanded ${id} is a group`).to.equal(true);
        for (const e of s.doc!.edges) expect(s.byId.has(e.source) && s.byId.has(e.target)).to.equal(true);
      }
    }
  });

  it('a patch to a 110,000-node graph reads only the nodes it touches (no re-validation or re-indexing of the rest)', () => {
    // Shaped like /sse/large: 10,000 groups of 10 in a chain. Every node counts the reads of its parent.
    let reads = 0;
    const node = (id: string, parent?: string) => {
      const n = { id, label: id } as Record<string, unknown>;
      if (parent) Object.defineProperty(n, 'parent', { get: () => { reads++; return parent; }, enumerable: true });
      return n;
    };
    const nodes = [], edges = [];
    for (let g = 0; g < 10_000; g++) {
      nodes.push(node(`g${g}`));
      for (let i = 0; i < 10; i++) {
        nodes.push(node(`g${g}.${i}`, `g${g}`));
        if (i) edges.push({ source: `g${g}.${i - 1}`, target: `g${g}.${i}` });
      }
    }
    const s = new GraphStore();
    expect(s.setDocument({ format: 'vz-graph', version: 1, nodes, edges })).to.deep.equal([]);
    reads = 0;
    const change = s.applyPatch({ nodes: [{ id: 'tail', label: 'tail' }, { id: 'g5.10', parent: 'g5' }], edges: [{ id: 'last', source: 'g9999.9', target: 'tail' }], remove: ['g7'] });
    expect(change).to.deep.equal({ problems: [], relayout: true });
    expect(reads, 'parent reads').to.be.below(100); // re-checking and re-indexing the document read all 100,000
    expect(s.children.get('g5')!.at(-1)).to.equal('g5.10');
    expect(s.byId.has('g7.3')).to.equal(false);
    expect(s.doc!.nodes.at(-1)!.id).to.equal('g5.10');
    expect(s.doc!.edges.at(-1)!.id).to.equal('last');
    expect(s.applyPatch({ nodes: [{ id: 'g1', parent: 'g1.0' }] }).problems[0].message).to.contain('parent cycle');
    expect(s.byId.get('g1')!.parent).to.equal(undefined);
  });

  it('appends attachment values without relayout', () => {
    const s = new GraphStore();
    s.setDocument(doc());
    expect(s.attach({ node: 'a', attachment: { id: 'loss', type: 'line', values: [1] } }).relayout).to.equal(false);
    expect(s.attach({ node: 'a', attachment: { id: 'loss', type: 'line', values: [2, 3] }, append: true }).relayout).to.equal(false);
    expect(s.byId.get('a')!.attachments![0].values).to.deep.equal([1, 2, 3]);
    expect(s.attach({ node: 'zz', attachment: { id: 'l', type: 'text' } }).problems[0].path).to.equal('attach.node');
  });

  it('takes a document in steps: the old one stays whole until the last step, a stopped run leaves no trace', () => {
    const s = new GraphStore();
    s.setDocument(doc());
    const old = s.doc, oldIds = s.byId;
    const big = { format: 'vz-graph', version: 1, nodes: [] as Array<{ id: string; parent?: string }>, edges: [] };
    for (let g = 0; g < 1000; g++) {
      big.nodes.push({ id: `g${g}` });
      for (let i = 0; i < 9; i++) big.nodes.push({ id: `g${g}.${i}`, parent: `g${g}` });
    }
    const stopped = s.adoptSteps(big as never);
    stopped.next(); stopped.next();
    stopped.return(false);
    expect(s.doc).to.equal(old);
    expect(s.byId).to.equal(oldIds);

    const it = s.adoptSteps(big as never);
    let steps = 0;
    for (let r = it.next(); !r.done; r = it.next()) {
      steps++;
      expect(s.doc, 'the old document until the end').to.equal(old);
      expect([...s.expanded]).to.deep.equal(['g']);
    }
    expect(steps, 'yields every 2,048 nodes or groups').to.be.at.least(Math.floor(10000 / 2048) * 2);
    expect(s.doc).to.equal(big);
    expect(s.children.get('g999')).to.have.length(9);
    expect(s.depth.get('g999')).to.equal(1);
    expect(s.expanded.size).to.equal(1000);
    expect(s.adopt({ format: 'vz-graph', version: 1, nodes: [{ id: 'x' }, { label: 'no id' }] } as never), 'not indexable').to.equal(false);
    expect(s.doc).to.equal(big);
  });

  it('starts groups collapsed below expand-depth, else by their collapsed flag', () => {
    const s = new GraphStore();
    const d = doc({ nodes: [{ id: 'g' }, { id: 'h', parent: 'g', collapsed: true }, { id: 'a', parent: 'h' }, { id: 'b', parent: 'g' }, { id: 'c' }] });
    s.setDocument(d);
    expect([...s.expanded]).to.deep.equal(['g']);
    s.expandDepth = 0;
    s.setDocument(d);
    expect([...s.expanded]).to.deep.equal([]);
    s.expandDepth = 2;
    s.setDocument(d);
    expect([...s.expanded].sort()).to.deep.equal(['g', 'h']);
    expect(s.find('B')).to.deep.equal(['b']);
  });
});
