// Issue 5: taking in a large document must not be one long task. Indexing it (by id, children,
// depth) runs in slices that yield to the page, a newer document stops it, and everything the
// user sees stays as it was with one task: events, errors, stream updates that arrive meanwhile,
// the status line. Checked structurally, without timing thresholds (the test machine is shared).
import { expect, waitUntil } from '@open-wc/testing';
import { chains, mount, mountLaidOut, nextEvent, settle, ticker } from './helpers.js';

const measures = (name: string) => performance.getEntriesByName(`vz-graph ${name}`, 'measure');

describe('<vz-graph> takes in a large document in slices', () => {
  it('other tasks run while a large document is indexed, and its layout is prepared after that', async () => {
    const big = chains(10000, 10); // 110,000 nodes, about 110,000 edges
    const el = await mount();
    performance.clearMeasures();
    const loads: CustomEvent[] = [];
    el.addEventListener('vz-load', (e) => loads.push(e as CustomEvent));
    const ticks = ticker();
    const laid = settle(el);
    el.graph = big as never;
    const { detail } = await laid;
    ticks.stop();
    expect(detail.nodes).to.equal(110000);
    const [index] = measures('index'), [prepare] = measures('prepare');
    const turns = ticks.at.filter((t) => t > index.startTime && t < index.startTime + index.duration).length;
    expect(turns, 'setTimeout turns while the document was indexed').to.be.at.least(1);
    expect(prepare.startTime, 'the layout is prepared from the whole index').to.be.at.least(index.startTime + index.duration - 0.5);
    expect(loads.map((e) => e.detail)).to.deep.equal([{ title: '', nodes: 110000, edges: big.edges.length }]);
    expect(el.graph).to.equal(big);
  });

  it('a newer document stops a large one being indexed: only the newer one loads and is laid out', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    performance.clearMeasures();
    const loads: number[] = [], layouts: number[] = [];
    el.addEventListener('vz-load', (e) => loads.push((e as CustomEvent).detail.nodes));
    el.addEventListener('vz-layout', (e) => layouts.push((e as CustomEvent).detail.nodes));
    const laid = settle(el);
    el.graph = chains(10000, 10) as never; // its first indexing slice runs in this task
    await new Promise((r) => setTimeout(r, 0));
    el.graph = { format: 'vz-graph', version: 1, nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] } as never;
    await laid;
    await new Promise((r) => setTimeout(r, 300));
    expect(loads).to.deep.equal([2]);
    expect(layouts).to.deep.equal([2]);
    expect(measures('index'), 'only the newer document was indexed to the end').to.have.length(1);
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['a', 'b']);
  });

  it('methods called while a large graph is being indexed act on that graph', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    el.graph = chains(10000, 10) as never;
    await el.updateComplete; // indexing has started, not finished
    expect(el.find('layer 9999.9')).to.deep.equal(['g9999.9']);
    await el.collapse('g5');
    expect(el.layout!.nodes.g5).to.exist;
    expect(el.layout!.nodes['g5.0'], 'g5 was collapsed').to.equal(undefined);
    expect(el.layout!.nodes['g6.0']).to.exist;
  });

  it('stream updates that arrive while a large graph is indexed apply to that graph', async () => {
    const el = await mount();
    const laid = settle(el);
    el.src = '/sse/large';
    await laid;
    // The patch came in the same network read as the graph: it waited for the graph, then relaid it out.
    await waitUntil(() => el.layout?.nodes.tail, 'the patched node is laid out', { timeout: 10000 });
    expect(el.graph!.nodes).to.have.length(110001);
    expect(el.layout!.edges.find((e) => e.id === 'last')).to.include({ source: 'g9999.9', target: 'tail' });
    expect(el.graph!.nodes[1].attachments).to.deep.equal([{ id: 'loss', type: 'line', values: [3, 2, 1] }]);
    expect(el.shadowRoot!.querySelector('[part=notice]'), 'no refused update').to.equal(null);
    el.remove();
  });

  it('a large document whose node has no id: the validator\'s problem, no load, no layout', async () => {
    const nodes: object[] = Array.from({ length: 25000 }, (_, i) => ({ id: `n${i}` }));
    nodes[20000] = { label: 'nameless' };
    let layouts = 0;
    const el = await mount();
    el.addEventListener('vz-layout', () => layouts++);
    el.addEventListener('vz-load', () => expect.fail('vz-load for an invalid document'));
    const error = nextEvent(el, 'vz-error');
    el.graph = { format: 'vz-graph', version: 1, nodes } as never;
    const { detail } = await error;
    expect(detail.problems).to.deep.equal([{ path: 'nodes[20000].id', message: 'missing: every node needs a unique string id' }]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('nodes[20000].id');
    expect(layouts).to.equal(0);
    expect(el.layout).to.equal(undefined);
  });
});

describe('<vz-graph> main thread while a large layout runs', () => {
  it('the layout input is not copied on the main thread before it goes to the worker', async () => {
    // At 100k nodes, slice()-copying the ~6 MB of arrays the scene needs tipped V8 into a 60-70 ms
    // full garbage collection; postMessage copies them outside the JS heap instead.
    const proto = Object.getPrototypeOf(Int32Array.prototype) as { slice: (...a: unknown[]) => ArrayLike<number> };
    const original = proto.slice;
    const copies: Array<[number, number]> = [];
    proto.slice = function (this: ArrayLike<number>, ...args: unknown[]) {
      const out = original.apply(this, args);
      if (out.length >= 1000) copies.push([performance.now(), out.length]);
      return out;
    };
    try {
      const el = await mount();
      performance.clearMeasures();
      const laid = settle(el);
      el.graph = chains(3000, 10) as never;
      await laid;
      const [worker] = measures('worker');
      const during = copies.filter(([t]) => t >= worker.startTime && t <= worker.startTime + worker.duration);
      expect(during, 'typed-array copies while the layout was sent and ran').to.deep.equal([]);
    } finally {
      proto.slice = original;
    }
  });

  it('the status line counts without Intl (a page\'s first toLocaleString sets up ICU: a 25-40 ms task)', async () => {
    const original = Number.prototype.toLocaleString;
    let calls = 0;
    Number.prototype.toLocaleString = function (this: number, ...args: Parameters<typeof original>) { calls++; return original.apply(this, args); };
    try {
      const el = await mount();
      let status = '';
      const watch = setInterval(() => { status ||= el.shadowRoot!.querySelector('[part=status]')?.textContent ?? ''; }, 20);
      const laid = settle(el);
      el.graph = chains(5000, 10) as never;
      const { detail } = await laid;
      clearInterval(watch);
      expect(calls).to.equal(0);
      if (detail.ms > 600) expect(status).to.match(/^Laying out 55,000 nodes… \(\d+\.\d s\)$/);
    } finally {
      Number.prototype.toLocaleString = original;
    }
  });
});
