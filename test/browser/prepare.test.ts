// Issue 5: preparing a layout (flatten, label measuring) on the main thread must not be one long
// task. These tests check it structurally, without timing thresholds: other tasks get to run
// while a large document is prepared, and a newer request stops a stale preparation.
import { expect } from '@open-wc/testing';
import { chains, mount, mountLaidOut, settle, ticker } from './helpers.js';

/** The last 'vz-graph prepare' User Timing entry: from the request to the input sent to the worker. */
const lastPrepare = () => performance.getEntriesByName('vz-graph prepare', 'measure').at(-1)!;

describe('<vz-graph> prepares a large layout in slices', () => {
  const big = chains(5000, 10); // 55,000 nodes, about 55,000 edges

  it('other tasks run while a large document is prepared, on first layout and on a toggle', async () => {
    const el = await mount();
    performance.clearMeasures();
    let ticks = ticker();
    const laid = settle(el);
    el.graph = big as never;
    const first = await laid;
    ticks.stop();
    expect(first.detail.nodes).to.equal(55000);
    let prep = lastPrepare();
    const inFirst = ticks.at.filter((t) => t > prep.startTime && t < prep.startTime + prep.duration).length;
    expect(inFirst, 'setTimeout turns during the first preparation').to.be.above(1);

    // Collapse everything, then expand everything again: the expanding relayout prepares 55k nodes.
    await el.expandAll(0);
    ticks = ticker();
    await el.expandAll();
    ticks.stop();
    prep = lastPrepare();
    const inToggle = ticks.at.filter((t) => t > prep.startTime && t < prep.startTime + prep.duration).length;
    expect(inToggle, 'setTimeout turns during the relayout\'s preparation').to.be.above(1);
    expect(Object.keys(el.layout!.nodes)).to.have.length(55000);
  });

  it('a newer request stops a stale preparation before it reaches the worker', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    performance.clearMeasures();
    const seen: number[] = [];
    el.addEventListener('vz-layout', (e) => seen.push((e as CustomEvent).detail.nodes));
    const laid = settle(el);
    el.graph = big as never; // preparation starts in this task and goes on in slices
    await new Promise((r) => setTimeout(r, 0));
    el.graph = { format: 'vz-graph', version: 1, nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] } as never;
    const { detail } = await laid;
    expect(detail.nodes).to.equal(2);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).to.deep.equal([2]);
    // Only the small document's preparation finished: the large one stopped at a slice boundary.
    const prepared = performance.getEntriesByName('vz-graph prepare', 'measure');
    expect(prepared).to.have.length(1);
  });
});
