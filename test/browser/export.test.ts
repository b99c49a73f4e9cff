// Exports, text safety, themes and accessibility.
import { expect } from '@open-wc/testing';
import { centre, frames, hoverAt, mountLaidOut, pixel } from './helpers.js';

const EVIL = '<img src=x onerror="window.__vzPwned=1">';

describe('<vz-graph> labels are text', () => {
  it('a label with HTML appears literally (escaped) in toSVG() and never as an element', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/xss.vz.json' });
    hoverAt(el, ...centre(el.layout!.nodes.evil));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=tooltip]')!.textContent).to.contain(EVIL);
    const svg = el.toSVG();
    expect(svg).to.contain('&lt;img src=x onerror=&quot;window.__vzPwned=1&quot;&gt;');
    expect(svg).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).not.to.contain('<img');
    expect(svg).not.to.contain('<script');
    expect(el.shadowRoot!.querySelectorAll('img, script')).to.have.length(0);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).to.include(EVIL);
    expect((window as { __vzPwned?: number }).__vzPwned).to.equal(undefined);
  });
});

describe('<vz-graph> exports', () => {
  it('toSVG() parses as SVG with a <text> for every visible label', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const doc = new DOMParser().parseFromString(el.toSVG(), 'image/svg+xml');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.documentElement.tagName).to.equal('svg');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    const nodes = (el.graph!.nodes).filter((n) => el.layout!.nodes[n.id]);
    for (const n of nodes) expect(texts, n.id).to.include(n.label ?? n.id);
    const edgeLabels = el.layout!.edges.filter((e) => e.label).length;
    expect(texts.filter((t) => t!.startsWith('['))).to.have.length.of.at.least(edgeLabels);
    expect(doc.querySelectorAll('path').length).to.be.above(nodes.length);
  });

  it('attachments are drawn beside their node and exported: sparkline, bars, heat map, scalar, text', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/attachments.vz.json' });
    const doc = new DOMParser().parseFromString(el.toSVG(), 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).to.include.members(['loss 0.5', 'lr: 0.001', 'epoch 3 of 10', 'weights', 'grad']);
    // 8 histogram bars + 16 × 16 heat map cells
    expect(doc.querySelectorAll('g rect').length).to.equal(8 + 256);
    // Beside, not inside: the boxes keep their label size, and the drawing grows to hold the cards.
    expect(el.layout!.nodes.fc.height).to.equal(el.layout!.nodes.y.height);
    const svgHeight = Number(doc.documentElement.getAttribute('height'));
    expect(svgHeight).to.be.above(el.layout!.height + 32);
  });

  it('toPNG({ scale: 2 }) is an image/png of twice the layout size (plus margins)', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/small.vz.json' });
    const blob = await el.toPNG({ scale: 2 });
    expect(blob.type).to.equal('image/png');
    const image = await createImageBitmap(blob);
    expect(image.width).to.equal(Math.ceil((el.layout!.width + 32) * 2));
    expect(image.height).to.equal(Math.ceil((el.layout!.height + 32) * 2));
  });
});

describe('<vz-graph> themes and accessibility', () => {
  it('switching theme changes the drawn background', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/small.vz.json', 'no-toolbar': '' });
    await frames();
    expect(pixel(el, 2, 2).slice(0, 3)).to.deep.equal([255, 255, 255]);
    el.theme = 'dark';
    await el.updateComplete;
    await frames();
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(pixel(el, 2, 2).slice(0, 3)).to.deep.equal([15, 20, 25]);
    el.style.setProperty('--vz-bg', 'rgb(10, 200, 30)');
    el.theme = 'light';
    await el.updateComplete;
    await frames();
    expect(pixel(el, 2, 2).slice(0, 3)).to.deep.equal([10, 200, 30]);
  });

  it('no-toolbar hides the toolbar', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/small.vz.json' });
    expect(el.shadowRoot!.querySelector('[part=toolbar]')).to.exist;
    el.setAttribute('no-toolbar', '');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=toolbar]')).to.equal(null);
  });

  it('is accessible: a labelled, focusable canvas and a labelled toolbar', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const canvas = el.shadowRoot!.querySelector('canvas')!;
    expect(canvas.getAttribute('aria-label')).to.contain('TinyResNet').and.contain('20 nodes').and.contain('16 edges');
    expect(canvas.tabIndex).to.equal(0);
    await expect(el).to.be.accessible();
  });
});
