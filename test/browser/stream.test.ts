// `src` pointing at a Server-Sent Events stream (test/browser/sse-middleware.mjs).
import { expect, waitUntil } from '@open-wc/testing';
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
