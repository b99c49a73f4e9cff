// Errors are shown inside the element (part="error", role="alert") and fired as vz-error; never a blank box.
import { expect, fixture, html } from '@open-wc/testing';
import type { VzGraph } from '../../component/index.js';
import { mount, mountLaidOut, nextEvent } from './helpers.js';

async function failing(attrs: Record<string, string>, graph?: unknown) {
  const el = await mount();
  const error = nextEvent(el, 'vz-error');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (graph) el.graph = graph as never;
  const { detail } = await error;
  await el.updateComplete;
  const panel = el.shadowRoot!.querySelector('[part=error]');
  expect(panel, 'error panel').to.exist;
  expect(panel!.getAttribute('role')).to.equal('alert');
  return { el, detail, text: panel!.textContent!.replace(/\s+/g, ' ') };
}

describe('<vz-graph> errors', () => {
  it('malformed JSON: names the URL and the line', async () => {
    const { detail, text } = await failing({ src: '/test/fixtures/docs/malformed.vz.json' });
    expect(detail.message).to.contain('malformed.vz.json').and.contain('not valid JSON').and.contain('line 1');
    expect(text).to.contain('not valid JSON');
  });

  it('an edge to an unknown node: the problem and its path', async () => {
    const { detail, text } = await failing({ src: '/test/fixtures/docs/unknown-edge.vz.json' });
    expect(detail.problems).to.deep.equal([{ path: 'edges[0].target', message: 'unknown node "nope": no node has this id' }]);
    expect(text).to.contain('edges[0].target').and.contain('"nope"');
  });

  it('a large document (validated in slices during its layout) with one bad edge: the error, never its layout', async () => {
    const n = 15000; // nodes + edges above the element's slicing threshold (20,000)
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, label: `op ${i}` }));
    const edges = Array.from({ length: n - 1 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}` }));
    edges[9000] = { source: 'n9000', target: 'ghost' };
    let layouts = 0;
    const el = await mount();
    el.addEventListener('vz-layout', () => layouts++);
    const loads: unknown[] = [];
    el.addEventListener('vz-load', (e) => loads.push(e));
    const error = nextEvent(el, 'vz-error');
    el.graph = { format: 'vz-graph', version: 1, nodes, edges } as never;
    const { detail: d } = await error;
    expect(d.problems).to.deep.equal([{ path: 'edges[9000].target', message: 'unknown node "ghost": no node has this id' }]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('edges[9000].target');
    await new Promise((r) => setTimeout(r, 3000)); // the layout started at once would be done by now
    expect(layouts, 'no layout of an invalid document is shown').to.equal(0);
    expect(loads, 'no vz-load for an invalid document').to.have.length(0);
    expect(el.layout).to.equal(undefined);
  });

  it('a parent cycle', async () => {
    const { detail, text } = await failing({ src: '/test/fixtures/docs/parent-cycle.vz.json' });
    expect(detail.problems).to.have.length(1);
    expect(detail.problems[0].message).to.contain('parent cycle');
    expect(text).to.contain('parent cycle');
  });

  it('a 404: the URL and the status', async () => {
    const { detail, text } = await failing({ src: '/test/fixtures/docs/does-not-exist.vz.json' });
    expect(detail.message).to.match(/does-not-exist\.vz\.json: HTTP 404/);
    expect(text).to.contain('HTTP 404');
  });

  it('many problems: the first 20 listed, and the count', async () => {
    const nodes = Array.from({ length: 45 }, (_, i) => ({ id: `n${i}`, parent: `ghost${i}` }));
    const { detail, el, text } = await failing({}, { format: 'vz-graph', version: 1, nodes, edges: [] });
    expect(detail.problems).to.have.length(45);
    expect(el.shadowRoot!.querySelectorAll('[part=error] li')).to.have.length(20);
    expect(text).to.contain('25 more').and.contain('45 problems');
  });

  it('a new valid graph clears the error', async () => {
    const { el } = await failing({}, { format: 'nope' });
    const laid = nextEvent(el, 'vz-layout');
    el.graph = { format: 'vz-graph', version: 1, nodes: [{ id: 'a' }], edges: [] };
    await laid;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
  });

  it('a page whose CSP blocks blob: workers gets an error naming the fix', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe style="width:600px;height:300px"></iframe>`);
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="worker-src 'none'">
      <script type="module" src="${location.origin}/dist/vz-graph.js"></script><vz-graph style="height:200px"></vz-graph>`;
    await loaded;
    const win = frame.contentWindow as Window & typeof globalThis;
    await win.customElements.whenDefined('vz-graph');
    const el = win.document.querySelector('vz-graph') as VzGraph;
    const error = new Promise<CustomEvent>((r) => el.addEventListener('vz-error', (e) => r(e as CustomEvent), { once: true }));
    el.graph = { format: 'vz-graph', version: 1, nodes: [{ id: 'a' }], edges: [] };
    const { detail } = await error;
    expect(detail.message).to.contain('worker-src blob:');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('worker-src blob:');
  });

  it('a huge label (100,000 characters) is drawn cut to a sane box; the document keeps all of it', async () => {
    const huge = 'x'.repeat(100_000);
    const doc = { format: 'vz-graph', version: 1, nodes: [{ id: 'a', label: huge }, { id: 'b', label: 'B' }],
      edges: [{ source: 'a', target: 'b', label: 'y'.repeat(10_000) }] };
    const el = await mountLaidOut({}, doc);
    expect(el.layout!.nodes.a.width, 'box width').to.be.below(600);
    expect(el.layout!.edges[0].label!.width, 'edge label width').to.be.below(400);
    expect(el.graph!.nodes[0].label).to.have.length(100_000);
    const svg = el.toSVG();
    expect(svg).to.contain('…');
    expect(svg.length).to.be.below(20_000);
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
  });
});
