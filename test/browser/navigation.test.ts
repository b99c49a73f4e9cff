// Keyboard navigation across nodes, the animated move to a new layout, zoomTo, expand-to-depth,
// sparkline values on hover, the `auto` theme (real media emulation), and embedding as a plain
// custom element (properties set before the upgrade, two independent elements on one page).
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { centre, frames, hoverAt, load, mountLaidOut, nextEvent, pixel, settle, toClient } from './helpers.js';
import type { VzGraph } from '../../component/index.js';

const key = (el: VzGraph, k: string, extra: KeyboardEventInit = {}) =>
  el.shadowRoot!.querySelector('canvas')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, ...extra }));
const live = (el: VzGraph) => el.shadowRoot!.querySelector('[aria-live]')!.textContent!.trim();
const animationDone = (el: VzGraph) => waitUntil(() => !el.frameStats.animating, 'animation ends', { timeout: 3000 });

describe('<vz-graph> keyboard navigation', () => {
  it('real key presses: Tab reaches the diagram, arrows move between nodes, Enter opens a group; still accessible', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' }); // flows right: src → enc → head → out
    (document.activeElement as HTMLElement | null)?.blur();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.tagName).to.equal('CANVAS');
    await el.updateComplete;
    expect(live(el)).to.match(/^src\b|input/i);
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(live(el)).to.contain('collapsed group');
    const laid = settle(el);
    await sendKeys({ press: 'Enter' });
    await laid;
    expect(el.layout!.nodes['enc.1']).to.exist;
    await el.updateComplete;
    expect(live(el)).to.contain('expanded group');
    await expect(el).to.be.accessible();
  });

  it('focusing the canvas focuses the first node; arrows follow the flow; the live region names the node', async () => {
    // nested.vz.json flows down: x → stem → layer1 → pool → … ; stem is an expanded group.
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    el.shadowRoot!.querySelector('canvas')!.focus();
    await el.updateComplete;
    expect(live(el)).to.match(/^x\b/);
    const t0 = el.viewTransform;
    key(el, 'ArrowDown');
    await el.updateComplete;
    expect(live(el)).to.match(/^stem\b/i).and.contain('expanded group');
    key(el, 'ArrowDown'); // into the group: its first child, below the header
    await el.updateComplete;
    expect(live(el)).to.match(/^Conv2d\b|conv/i);
    key(el, 'ArrowUp');
    await el.updateComplete;
    expect(live(el)).to.match(/^stem\b/i);
    // Arrows moved the focus, not the view (the nodes were on screen).
    expect(el.viewTransform).to.deep.equal(t0);
    // Shift+arrows still pan.
    key(el, 'ArrowLeft', { shiftKey: true });
    expect(el.viewTransform.x).to.equal(t0.x + 48);
  });

  it('Enter toggles the focused group and the focus stays on it; a focus ring is drawn', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' });
    el.shadowRoot!.querySelector('canvas')!.focus();
    key(el, 'ArrowRight'); // src → enc (the flow goes right)
    await el.updateComplete;
    expect(live(el)).to.match(/^enc\b|encoder/i).and.contain('collapsed group');
    // The ring: 4 px outside the box, accent coloured.
    await frames(2);
    const b = el.layout!.nodes.enc;
    const t = el.viewTransform;
    const ringX = t.x + b.x * t.scale + b.width * t.scale / 2, ringY = t.y + b.y * t.scale - 4;
    const accent = [9, 105, 218];
    const near = (p: number[]) => p.slice(0, 3).every((v, i) => Math.abs(v - accent[i]) < 60);
    const column = [-1, 0, 1].map((d) => pixel(el, ringX + d * 3, ringY)).concat([-1, 0, 1].map((d) => pixel(el, ringX + d * 3 + 1, ringY)));
    expect(column.some(near), 'an accent pixel on the ring above the box').to.equal(true);
    const toggled = nextEvent(el, 'vz-toggle');
    const laid = settle(el);
    key(el, 'Enter');
    expect((await toggled).detail).to.deep.equal({ id: 'enc', expanded: true });
    await laid;
    await el.updateComplete;
    expect(live(el)).to.contain('expanded group');
    key(el, 'Escape');
    await el.updateComplete;
    expect(live(el)).to.equal('');
  });
});

describe('<vz-graph> motion', () => {
  it('expanding animates, the clicked group stays put, and the animation ends exactly on the layout', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' });
    const before = el.layout!.nodes.enc;
    const screen = toClient(el, before.x, before.y);
    await el.expand('enc');
    expect(el.frameStats.animating, 'a transition runs after the layout').to.equal(true);
    await animationDone(el);
    await frames(2);
    const after = el.layout!.nodes.enc;
    expect(toClient(el, after.x, after.y).clientX).to.be.closeTo(screen.clientX, 1);
    expect(toClient(el, after.x, after.y).clientY).to.be.closeTo(screen.clientY, 1);
    // A second element shows the same state without animation: the pictures must be identical.
    const still = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' });
    await emulateMedia({ reducedMotion: 'reduce' });
    try { await still.expand('enc'); } finally { await emulateMedia({ reducedMotion: 'no-preference' }); }
    expect(still.frameStats.animating).to.equal(false);
    expect(still.layout!.nodes['enc.1.attn']).to.deep.equal(el.layout!.nodes['enc.1.attn']);
    // Same view transform (the test reaches into the view: there is no public setter), then compare every pixel.
    const view = (still as unknown as { view: { x: number; y: number; k: number; draw(): void } }).view;
    [view.x, view.y, view.k] = [el.viewTransform.x, el.viewTransform.y, el.viewTransform.scale];
    view.draw();
    await frames(2);
    const a = el.shadowRoot!.querySelector('canvas')!.toDataURL();
    const b = still.shadowRoot!.querySelector('canvas')!.toDataURL();
    expect(a === b, 'the last animation frame equals a fresh drawing of the layout').to.equal(true);
    still.remove();
  });

  it('prefers-reduced-motion: no animation', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const el = await mountLaidOut({ src: '/test/fixtures/docs/collapsed.vz.json' });
      await el.expand('enc');
      expect(el.frameStats.animating).to.equal(false);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('zoomTo(id) opens the way to a hidden node and centres it', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    expect(el.layout!.nodes['layer1.1.conv2']).to.equal(undefined);
    await el.zoomTo('layer1.1.conv2');
    const b = el.layout!.nodes['layer1.1.conv2'];
    expect(b).to.exist;
    const canvas = el.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
    const c = toClient(el, ...centre(b));
    expect(c.clientX - canvas.left).to.be.closeTo(canvas.width / 2, 1);
    expect(c.clientY - canvas.top).to.be.closeTo(canvas.height / 2, 1);
    expect(el.viewTransform.scale).to.be.at.least(1); // readable
  });

  it('the search box jumps to the match (selects it and centres it)', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const input = el.shadowRoot!.querySelector('input[type=search]') as HTMLInputElement;
    input.value = 'pool';
    const first = el.find('pool')[0];
    const selected = nextEvent(el, 'vz-select');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect((await selected).detail).to.deep.equal({ id: first });
    await waitUntil(() => !el.frameStats.animating && el.viewTransform.scale >= 1, 'view arrives', { timeout: 3000 });
    const canvas = el.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
    const c = toClient(el, ...centre(el.layout!.nodes[first]));
    expect(c.clientX - canvas.left).to.be.closeTo(canvas.width / 2, 1);
    expect(c.clientY - canvas.top).to.be.closeTo(canvas.height / 2, 1);
  });
});

describe('<vz-graph> search highlights', () => {
  it('outlines every match, a match inside a closed group by its group; emptying the box clears them', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const input = el.shadowRoot!.querySelector('input[type=search]') as HTMLInputElement;
    const bluish = (p: number[]) => p[2] > p[0] + 60;
    const leftOf = (id: string) => { // 2 px left of the box's left edge, at mid height, in canvas pixels
      const b = el.layout!.nodes[id], t = el.viewTransform;
      return [t.x + b.x * t.scale - 2, t.y + (b.y + b.height / 2) * t.scale] as const;
    };
    input.value = 'relu';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); // selects stem.relu
    await waitUntil(() => !el.frameStats.animating, 'view arrives', { timeout: 3000 });
    el.fit();
    await frames(3);
    expect(bluish(pixel(el, ...leftOf('layer1.0.relu'))), 'a match that is not selected').to.equal(true);
    expect(bluish(pixel(el, ...leftOf('layer1.1'))), 'the closed group holding a match').to.equal(true);
    expect(bluish(pixel(el, ...leftOf('layer1.0.conv1'))), 'not a match').to.equal(false);
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await frames(3);
    expect(bluish(pixel(el, ...leftOf('layer1.0.relu')))).to.equal(false);
  });
});

describe('<vz-graph> expand to depth', () => {
  it('the toolbar depth box opens exactly the groups down to that depth', async () => {
    const doc = await (await fetch('/test/fixtures/models/gpt2_tiny.vz.json')).json();
    const el = await mountLaidOut({}, doc);
    const parent = new Map<string, string | null>(doc.nodes.map((n: { id: string; parent?: string }) => [n.id, n.parent ?? null]));
    const depth = (id: string) => { let d = 1; for (let p = parent.get(id); p; p = parent.get(p) ?? null) d++; return d; };
    const groups = new Set<string>([...parent.values()].filter((p): p is string => !!p));
    const input = el.shadowRoot!.querySelector('.depth input') as HTMLInputElement;
    for (const N of [0, 1, 2]) {
      const laid = settle(el);
      input.value = String(N);
      input.dispatchEvent(new Event('change'));
      await laid;
      // Visible: nodes whose ancestors all have depth <= N.
      const expected = doc.nodes.filter((n: { id: string }) => { for (let p = parent.get(n.id); p; p = parent.get(p) ?? null) if (depth(p) > N) return false; return true; });
      expect(Object.keys(el.layout!.nodes).length, `visible nodes at depth ${N}`).to.equal(expected.length);
      const open = Object.keys(el.layout!.nodes).filter((id) => groups.has(id) && depth(id) <= N);
      expect(open.every((id) => Object.keys(el.layout!.nodes).some((c) => parent.get(c) === id)), 'groups at depth <= N show children').to.equal(true);
    }
    expect(Number(input.max)).to.equal(Math.max(...[...groups].map(depth)));
  });
});

describe('<vz-graph> sparkline hover', () => {
  it('hovering a line attachment shows the value under the pointer', async () => {
    const el = await mountLaidOut({ src: '/test/fixtures/docs/attachments.vz.json' });
    el.fit();
    await el.zoomTo('fc');
    const node = el.graph!.nodes.find((n) => n.id === 'fc')!;
    const line = node.attachments!.find((a) => a.type === 'line') as unknown as { values: number[]; id: string; label?: string };
    // The card sits below the box (the graph flows right); the line is its first row.
    const b = el.layout!.nodes.fc;
    const x0 = b.x + 8, w = 132 - 16;
    const plotY = b.y + b.height + 6 + 5 + 12 + 6;
    const last = line.values.length - 1;
    hoverAt(el, x0 + w, plotY);
    await el.updateComplete;
    let tip = el.shadowRoot!.querySelector('[part=tooltip]')!.textContent!;
    expect(tip).to.contain(`${last + 1} of ${line.values.length}`);
    // A dot marks the sample on the sparkline: just right of the line's end (inside the card) is accent-coloured now.
    await frames(2);
    const lo = Math.min(...line.values), hi = Math.max(...line.values);
    const rowTop = b.y + b.height + 6 + 5;
    const endY = rowTop + 12 + 13 - ((line.values[last] - lo) / (hi - lo)) * 13;
    const t = el.viewTransform;
    const dot = pixel(el, t.x + (x0 + w + 1.2) * t.scale, t.y + endY * t.scale);
    expect(dot[2] > dot[0] + 60, `accent dot, got ${dot}`).to.equal(true);
    hoverAt(el, x0 + 0.1, plotY);
    await el.updateComplete;
    tip = el.shadowRoot!.querySelector('[part=tooltip]')!.textContent!;
    expect(tip).to.contain(`1 of ${line.values.length}`).and.contain(String(Math.round(line.values[0] * 1000) / 1000));
  });
});

describe('<vz-graph> themes and embedding', () => {
  it("theme='auto' follows prefers-color-scheme (emulated, not stubbed)", async () => {
    const el = await mountLaidOut({ theme: 'auto', src: '/test/fixtures/docs/small.vz.json' });
    const bg = () => getComputedStyle(el).getPropertyValue('--vz-bg').trim();
    try {
      await emulateMedia({ colorScheme: 'light' });
      await frames(2);
      expect(bg()).to.equal('#ffffff');
      const lightPixel = pixel(el, 3, 3);
      await emulateMedia({ colorScheme: 'dark' });
      await frames(3);
      expect(bg()).to.equal('#0f1419');
      // The canvas follows too (the element listens to the media query and redraws).
      expect(pixel(el, 3, 3).slice(0, 3)).to.deep.equal([15, 20, 25]);
      expect(lightPixel.slice(0, 3)).to.deep.equal([255, 255, 255]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('works as a plain custom element: properties set before the upgrade are honoured', async () => {
    // An element created before its class is known (as a framework or a late script would) keeps
    // the properties set on it: Lit's upgrade of own properties.
    const name = 'vz-graph-late';
    const early = document.createElement(name) as HTMLElement & { graph?: unknown; expandDepth?: number };
    early.style.cssText = 'display:block;width:600px;height:400px';
    early.graph = await load('nested');
    early.expandDepth = 0;
    document.body.append(early);
    const Base = customElements.get('vz-graph')!;
    customElements.define(name, class extends Base {});
    const el = early as unknown as VzGraph;
    if (!el.layout) await settle(el);
    expect(Object.keys(el.layout!.nodes).sort()).to.deep.equal(['fc', 'layer1', 'pool', 'stem', 'w', 'x', 'y']);
    el.remove();
  });

  it('two elements on one page are independent', async () => {
    const a = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json' });
    const b = await mountLaidOut({ src: '/test/fixtures/docs/nested.vz.json', theme: 'dark' });
    const aSelect: string[] = [];
    a.addEventListener('vz-select', (e) => aSelect.push((e as CustomEvent).detail.id));
    await b.collapse('layer1');
    await b.select('pool');
    expect(a.layout!.nodes['layer1.0'], 'a keeps its own groups').to.exist;
    expect(b.layout!.nodes['layer1.0']).to.equal(undefined);
    expect(aSelect).to.deep.equal([]);
    b.zoomTo('pool');
    expect(a.viewTransform).to.not.deep.equal(b.viewTransform);
    expect(getComputedStyle(a).getPropertyValue('--vz-bg').trim()).to.equal('#ffffff');
    a.remove(); b.remove();
  });
});
