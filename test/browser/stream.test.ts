// `src` pointing at a Server-Sent Events stream (test/browser/sse-middleware.mjs).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { VzGraph } from '../../component/index.js';
import { mountLaidOut, settle } from './helpers.js';

describe('<vz-graph> streams', () => {
  it('an SSE src renders its graph event', async () => {
    const el = await mountLaidOut({ src: '/sse/fixture?file=test/fixtures/docs/nested.vz.json' });
    expect(el.layout!.nodes['layer1.0.conv1']).to.exist;
    expect(el.graph!.title).to.equal('TinyResNet');
    el.remove();
  });

  it('applies patch events by id and attach events without relayout', async () => {
    const el = await mountLaidOut({ src: '/sse/sequence' });
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['a', 'b']);
    await settle(el); // the patch
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['a', 'b', 'c']);
    expect(el.layout!.edges.map((e) => e.id)).to.include('bc');
    // Attachments are drawn beside their node: neither the new one nor the appended values relayout.
    let layouts = 0;
    el.addEventListener('vz-layout', () => layouts++);
    await waitUntil(() => (el.graph!.nodes.find((n) => n.id === 'b')!.attachments?.[0] as { values?: number[] })?.values?.length === 4,
      'appended values arrive', { timeout: 3000 });
    expect(el.graph!.nodes.find((n) => n.id === 'b')!.attachments![0]).to.deep.include({ values: [3, 2, 1.5, 1] });
    await new Promise((r) => setTimeout(r, 100));
    expect(layouts).to.equal(0);
    el.remove();
  });

  it('a dropped stream shows a message and keeps the graph', async () => {
    const el = await mountLaidOut({ src: '/sse/drop' });
    expect(el.layout!.nodes.a).to.exist;
    await waitUntil(() => el.shadowRoot!.querySelector('[part=notice]'), 'notice shown', { timeout: 5000 });
    const notice = el.shadowRoot!.querySelector('[part=notice]')!;
    expect(notice.textContent).to.match(/lost the connection|closed/i).and.contain('/sse/drop');
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    expect(el.layout!.nodes.a).to.exist;
    el.remove();
  });
});

describe('<vz-graph> refused stream updates', () => {
  it('a patch that breaks the document is refused: a notice, a vz-error, the graph unchanged, later events still applied', async () => {
    const el = await fixture<VzGraph>(html`<vz-graph style="width: 800px; height: 500px"></vz-graph>`);
    const errored = new Promise<CustomEvent>((resolve) => el.addEventListener('vz-error', (e) => resolve(e as CustomEvent), { once: true }));
    const laid = settle(el);
    el.src = '/sse/refused';
    await laid;
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['a', 'b']);
    const error = await errored;
    expect(error.detail.message).to.match(/refused/);
    expect(error.detail.problems.map((p: { path: string }) => p.path).join(' ')).to.contain('patch').and.contain('parent');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=notice]'), 'notice shown', { timeout: 3000 });
    expect(el.shadowRoot!.querySelector('[part=notice]')!.textContent).to.contain('refused').and.contain('nowhere');
    expect(el.shadowRoot!.querySelector('[part=error]')).to.equal(null);
    expect(el.graph!.nodes.map((n) => n.id)).to.deep.equal(['a', 'b']); // no half-applied patch
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['a', 'b']);
    // The stream goes on: the attach event after the refused patch still lands.
    await waitUntil(() => el.graph!.nodes.find((n) => n.id === 'b')!.attachments?.length === 1, 'attach after the refused patch', { timeout: 3000 });
    el.remove();
  });
});
