// <vz-graph> renders fixtures: the layout it exposes matches the document and its collapse state.
import { expect } from '@open-wc/testing';
import type { VzDocument } from '../../component/model/format.js';
import { expectedVisible, initiallyExpanded, inside, load, mount, mountLaidOut, overlaps, settle, type Box } from './helpers.js';

/** Checks the geometric promises of a layout against the document. */
function checkGeometry(doc: VzDocument, layout: { nodes: Record<string, Box>; edges: Array<{ source: string; target: string; points: number[][] }> }) {
  const parent = new Map(doc.nodes.map((n) => [n.id, n.parent ?? null]));
  const ids = Object.keys(layout.nodes);
  const siblings = new Map<string | null, string[]>();
  for (const id of ids) {
    const p = parent.get(id) ?? null;
    if (!siblings.has(p)) siblings.set(p, []);
    siblings.get(p)!.push(id);
    if (p) expect(inside(layout.nodes[id], layout.nodes[p]), `${id} inside ${p}`).to.equal(true);
  }
  for (const list of siblings.values()) {
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
      expect(overlaps(layout.nodes[list[a]], layout.nodes[list[b]]), `${list[a]} overlaps ${list[b]}`).to.equal(false);
    }
  }
  for (const e of layout.edges) {
    expect(e.points.length, `${e.source}→${e.target} has points`).to.be.at.least(2);
    for (let i = 1; i < e.points.length; i++) {
      const [x0, y0] = e.points[i - 1], [x1, y1] = e.points[i];
      expect(Math.abs(x0 - x1) < 0.5 || Math.abs(y0 - y1) < 0.5, `${e.source}→${e.target} segment ${i} is orthogonal`).to.equal(true);
    }
  }
}

describe('<vz-graph> renders', () => {
  for (const name of ['nested', 'small', 'collapsed']) {
    it(`${name}.vz.json: visible nodes match the collapse state; boxes nest and do not overlap`, async () => {
      const doc = await load(name);
      const el = await mountLaidOut({ src: `/test/fixtures/docs/${name}.vz.json` });
      const expected = expectedVisible(doc, initiallyExpanded(doc));
      expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal([...expected].sort());
      checkGeometry(doc, el.layout as never);
      expect(el.layout!.width).to.be.above(0);
      expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    });
  }

  it('lifts edges into a collapsed group and labels them', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' });
    const edges = el.layout!.edges.map((e) => `${e.source}>${e.target}`);
    expect(edges).to.include('src>enc').and.include('enc>head');
    expect(edges.filter((e) => e === 'enc>enc')).to.have.length(0);
  });

  it('renders the traced models of test/fixtures/models and test/fixtures/py when present', async () => {
    const files: string[] = [];
    for (const dir of ['test/fixtures/models', 'test/fixtures/py']) {
      for (const name of await (await fetch(`/sse/list?dir=${dir}`)).json()) files.push(`/${dir}/${name}`);
    }
    let seen = 0;
    for (const file of files) {
      const doc = await (await fetch(file)).json();
      const el = await mountLaidOut({}, doc);
      expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(expectedVisible(doc, initiallyExpanded(doc)).sort());
      checkGeometry(doc, el.layout as never);
      el.remove();
      seen++;
    }
    if (!seen) console.log('no traced models in test/fixtures/models or test/fixtures/py yet');
  });

  it('expand-depth="0" shows only the top level; expandAll() shows everything', async () => {
    const doc = await load('nested');
    const el = await mountLaidOut({ 'expand-depth': '0', src: '/test/fixtures/docs/nested.vz.json' });
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(doc.nodes.filter((n: { parent?: string }) => !n.parent).map((n: { id: string }) => n.id).sort());
    await el.expandAll();
    expect(Object.keys(el.layout!.nodes)).to.have.length(doc.nodes.length);
    await el.expandAll(1);
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(expectedVisible(doc, (id) => !id.includes('.')).sort());
  });

  it('an empty graph lays out without error', async () => {
    const el = await mountLaidOut({}, { format: 'vz-graph', version: 1, nodes: [], edges: [] });
    expect(el.layout!.nodes).to.deep.equal({});
    expect(el.toSVG()).to.contain('<svg');
  });

  it('fires vz-load and vz-layout with counts', async () => {
    const doc = await load('small');
    const el = document.createElement('vz-graph');
    el.style.cssText = 'width: 600px; height: 400px';
    const loaded = new Promise<CustomEvent>((r) => el.addEventListener('vz-load', (e) => r(e as CustomEvent), { once: true }));
    const laid = new Promise<CustomEvent>((r) => el.addEventListener('vz-layout', (e) => r(e as CustomEvent), { once: true }));
    document.body.append(el);
    el.graph = doc;
    expect((await loaded).detail).to.deep.equal({ title: 'Small MLP', nodes: 7, edges: 6 });
    const detail = (await laid).detail;
    expect(detail.nodes).to.equal(7);
    expect(detail.edges).to.equal(6);
    expect(detail.ms).to.be.a('number');
    el.remove();
  });

  it('two elements on one page each lay out their own graph', async () => {
    const [a, b] = await Promise.all([mountLaidOut({ src: '/test/fixtures/docs/small.vz.json' }), mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' })]);
    expect(Object.keys(a.layout!.nodes)).to.have.length(7);
    expect(Object.keys(b.layout!.nodes)).to.include('layer1.0.conv1');
  });

  it('find() matches id, label and type, case-insensitively', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    expect(el.find('CONV1')).to.deep.equal(['layer1.0.conv1', 'layer1.1.conv1']);
    expect(el.find('batchnorm2d')).to.deep.equal(['stem.bn', 'layer1.0.bn1']);
    expect(el.find('logits')).to.deep.equal(['y']);
    expect(el.find('')).to.deep.equal([]);
  });
});

describe('<vz-graph> layout runs', () => {
  it('a newer graph wins over a layout still running', async () => {
    const big = { format: 'vz-graph', version: 1, nodes: [] as object[], edges: [] as object[] };
    for (let i = 0; i < 20000; i++) {
      big.nodes.push({ id: `n${i}`, label: `node ${i}` });
      if (i) big.edges.push({ source: `n${i - 1}`, target: `n${i}` });
    }
    const small = await load('small');
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const seen: number[] = [];
    el.addEventListener('vz-layout', (e) => seen.push((e as CustomEvent).detail.nodes));
    el.graph = big as never;
    await new Promise((r) => setTimeout(r, 50));
    el.graph = small;
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen[seen.length - 1]).to.equal(7);
    expect(seen).not.to.include(20000);
    expect(Object.keys(el.layout!.nodes)).to.have.length(7);
  });

  it('shows "Laying out N nodes…" while a long layout runs', async function () {
    const doc = { format: 'vz-graph', version: 1, nodes: [] as object[], edges: [] as object[] };
    for (let i = 0; i < 100000; i++) doc.nodes.push({ id: `n${i}`, parent: i % 100 ? `n${i - (i % 100)}` : null });
    const el = await mount();
    let status = '';
    const seen = new Set<string>();
    const watch = setInterval(() => {
      const text = el.shadowRoot!.querySelector('[part=status]')?.textContent ?? '';
      status ||= text;
      if (text) seen.add(text.replace(/\d+(\.\d)?/g, '#'));
    }, 20);
    const laid = new Promise<CustomEvent>((r) => el.addEventListener('vz-layout', (e) => r(e as CustomEvent), { once: true }));
    el.graph = doc as never;
    const { detail } = await laid;
    clearInterval(watch);
    // The phases add up: preparing (main thread) + the worker's part = the whole request.
    expect(detail.prepareMs + detail.workerMs).to.be.closeTo(detail.ms, 1);
    expect(detail.sceneMs).to.be.above(0);
    if (detail.ms < 800) this.skip(); // too fast to need a status on this machine
    expect(status).to.match(/^Laying out 100,000 nodes… \(\d+\.\d s\)$/);
    // Later phases say what they do and, when sliced, how far along they are.
    for (const text of seen) expect(text).to.be.oneOf(['Laying out #,# nodes… (# s)', 'Drawing #,# nodes… #% (# s)']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=status]')).to.equal(null);
  });

  it('the direction attribute overrides the root direction', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/small.vz.json' });
    const down = el.layout!;
    expect(down.height).to.be.above(down.width);
    const laid = settle(el);
    el.direction = 'right';
    await laid;
    expect(el.getAttribute('direction')).to.equal('right');
    expect(el.layout!.width).to.be.above(el.layout!.height);
  });
});
