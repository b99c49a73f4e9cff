// The layout worker answers Comlink's wire protocol itself (layout-wasm/src/worker.ts): checked
// here against the real Comlink.wrap, on the worker the element itself starts (its Blob URL is
// caught as the element creates it): calls, transfers, a failing call, an unknown call, release.
import { expect } from '@open-wc/testing';
import * as Comlink from 'comlink';
import { mountLaidOut } from './helpers.js';

interface Api {
  ping(): Promise<string>;
  layout(g: unknown): Promise<{ width: number; height: number; boxes: Float64Array; offsets: Int32Array; points: Float64Array }>;
  nosuch(): Promise<unknown>;
}

/** The source URL of the next worker the page creates, and that worker, kept running. */
async function elementWorker(): Promise<string> {
  const Original = window.Worker;
  let url = '';
  window.Worker = class extends Original {
    constructor(u: string | URL, o?: WorkerOptions) { url ||= String(u); super(u, o); }
  } as typeof Worker;
  // the element revokes its Blob URL after 60 s: plenty for these tests
  try {
    await mountLaidOut({}, { format: 'vz-graph', version: 1, nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ source: 'a', target: 'b' }] });
  } finally {
    window.Worker = Original;
  }
  return url;
}

describe('the layout worker speaks Comlink', () => {
  let url = '';
  before(async () => { url = await elementWorker(); });

  it('answers ping and lays out a graph, its result transferred', async () => {
    expect(url).to.match(/^blob:/);
    const worker = new Worker(url);
    const api = Comlink.wrap<Api>(worker);
    expect(await api.ping()).to.equal('pong');
    // two nodes, one edge: parent, flags, size, step, align, edges, edgeLabel, rootDirection, options
    const g = {
      parent: new Int32Array([-1, -1]), flags: new Int32Array([0, 0]), size: new Float64Array([80, 30, 80, 30]),
      step: new Int32Array([-1, -1]), align: new Int32Array([-1, -1]), edges: new Int32Array([0, 1, -1, -1]),
      edgeLabel: new Float64Array([0, 0]), rootDirection: 0, options: new Float64Array(0),
    };
    const out = await api.layout(Comlink.transfer(g, [g.size.buffer]));
    expect(g.size.byteLength, 'the argument was transferred').to.equal(0);
    expect(out.boxes).to.be.instanceOf(Float64Array);
    expect(out.boxes.length).to.equal(8);
    const [ax, ay, , ah, bx, by] = out.boxes;
    expect(bx).to.equal(ax); // one edge down: b straight under a
    expect(by).to.be.above(ay + ah);
    worker.terminate();
  });

  it('a failing call and an unknown call reject with an Error that says what', async () => {
    const worker = new Worker(url);
    const api = Comlink.wrap<Api>(worker);
    let failed: unknown;
    try { await api.layout({ parent: null }); } catch (e) { failed = e; }
    expect(failed).to.be.instanceOf(Error);
    expect((failed as Error).message).to.be.a('string').and.not.equal('');
    let unknown: unknown;
    try { await api.nosuch(); } catch (e) { unknown = e; }
    expect(unknown).to.be.instanceOf(Error);
    expect((unknown as Error).message).to.contain('cannot answer APPLY nosuch');
    // release (the element's stop() before terminating): answered, so Comlink's promise settles
    await (api[Comlink.releaseProxy]() as unknown as Promise<void>);
    worker.terminate();
  });
});
