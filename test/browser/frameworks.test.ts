// <vz-graph> inside React and Vue, as a plain custom element: the frameworks pass `graph` as a
// property (never a "[object Object]" attribute), listen to vz-* events, and re-render it.
import { expect } from '@open-wc/testing';
import '../../dist/vz-graph.js';
import type { VzGraph } from '../../component/index.js';
import type { VzDocument } from '../../component/model/format.js';
import { settle } from './helpers.js';

const chain = (n: number, title: string): VzDocument => ({
  format: 'vz-graph', version: 1, title,
  nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, label: `layer ${i}` })),
  edges: Array.from({ length: n - 1 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}`, label: '[1, 8]' })),
});

function host() {
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}

describe('<vz-graph> in frameworks', () => {
  it('React 19: graph as a property, onvz-layout as an event, a re-render replaces the graph', async () => {
    // @ts-expect-error served by test/browser/react-bundle.mjs, no types
    const { createElement, createRoot, flushSync } = await import('/__react.js');
    const div = host();
    const root = createRoot(div);
    const layouts: number[] = [];
    const render = (doc: VzDocument) => flushSync(() => root.render(createElement('vz-graph', {
      graph: doc, style: { display: 'block', width: '600px', height: '400px' },
      'onvz-layout': (e: CustomEvent) => layouts.push(e.detail.nodes),
    })));
    render(chain(3, 'three'));
    const el = div.querySelector('vz-graph') as VzGraph;
    for (let i = 0; i < 200 && !layouts.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(el.hasAttribute('graph'), 'no [object Object] attribute').to.equal(false);
    expect(el.graph!.title).to.equal('three');
    expect(Object.keys(el.layout!.nodes)).to.have.length(3);
    const next = settle(el);
    render(chain(5, 'five'));
    await next;
    expect(Object.keys(el.layout!.nodes)).to.have.length(5);
    expect(layouts.at(-1)).to.equal(5);
    root.unmount();
    div.remove();
  });

  it('Vue 3: :graph binds the property, @vz-layout listens, reactive data updates it', async () => {
    // @ts-expect-error the full browser build (template compiler included), no types for this path
    const { createApp, nextTick } = await import('vue/dist/vue.esm-browser.prod.js');
    const div = host();
    const layouts: number[] = [];
    const app = createApp({
      data: () => ({ doc: chain(4, 'four') }),
      methods: { laidOut(e: CustomEvent) { layouts.push(e.detail.nodes); } },
      template: `<vz-graph :graph="doc" @vz-layout="laidOut" style="display:block;width:600px;height:400px"></vz-graph>`,
    });
    app.config.compilerOptions.isCustomElement = (tag: string) => tag.startsWith('vz-');
    const vm = app.mount(div);
    const el = div.querySelector('vz-graph') as VzGraph;
    for (let i = 0; i < 100 && !layouts.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(el.hasAttribute('graph')).to.equal(false);
    expect(layouts).to.deep.equal([4]);
    const next = settle(el);
    vm.doc = chain(6, 'six');
    await nextTick();
    await next;
    expect(el.graph!.title).to.equal('six');
    expect(Object.keys(el.layout!.nodes)).to.have.length(6);
    app.unmount();
    div.remove();
  });
});
