// Unit tests of the renderer's pieces (TypeScript sources): the spatial grid, level of detail, the SVG painter.
import { expect } from '@open-wc/testing';
import { SpatialGrid } from '../../component/render/spatial-grid.js';
import { buildScene, hitTest, pick, Kind } from '../../component/render/scene.js';
import { drawScene } from '../../component/render/draw.js';
import { SvgPainter } from '../../component/render/painter.js';
import { readTheme } from '../../component/render/theme.js';
import type { Flattened } from '../../layout-wasm/src/flatten.js';
import type { FlatLayout } from '../../layout-wasm/src/types.js';
import type { VzNode } from '../../component/model/format.js';

/** A deterministic pseudo-random sequence (no unseeded randomness in tests either). */
function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('SpatialGrid', () => {
  it('returns exactly the boxes meeting a rectangle, sorted, for big and small boxes', () => {
    const r = rng(7);
    const n = 3000, W = 5000, H = 3000;
    const boxes: number[][] = [];
    const grid = new SpatialGrid(W, H, n);
    for (let i = 0; i < n; i++) {
      const w = i % 50 === 0 ? r() * W : r() * 80, h = i % 50 === 0 ? r() * H : r() * 40;
      const b = [r() * (W - w), r() * (H - h), w, h];
      boxes.push(b);
      grid.insert(i, b[0], b[1], b[2], b[3]);
    }
    for (let q = 0; q < 50; q++) {
      const x0 = r() * W, y0 = r() * H, x1 = x0 + r() * 800, y1 = y0 + r() * 500;
      const expected = boxes.flatMap(([x, y, w, h], i) => (x <= x1 && x + w >= x0 && y <= y1 && y + h >= y0 ? [i] : []));
      expect([...grid.query(x0, y0, x1, y1)]).to.deep.equal(expected);
    }
  });

  it('indexes in steps (a 100k scene is not one long task) with the same answers as at once', () => {
    const r = rng(11);
    const n = 20000, W = 20000, H = 9000;
    const stepped = new SpatialGrid(W, H, n), whole = new SpatialGrid(W, H, n);
    for (let i = 0; i < n; i++) {
      const b = [r() * W, r() * H, r() * 120, r() * 60];
      stepped.insert(i, b[0], b[1], b[2], b[3]);
      whole.insert(i, b[0], b[1], b[2], b[3]);
    }
    let steps = 0;
    for (const _ of stepped.sealSteps()) steps++;
    expect(steps, 'yields: two passes over 20,000 items').to.be.at.least(2 * Math.floor(n / 2048));
    whole.seal();
    for (let q = 0; q < 20; q++) {
      const x0 = r() * W, y0 = r() * H;
      expect([...stepped.query(x0, y0, x0 + 900, y0 + 600)]).to.deep.equal([...whole.query(x0, y0, x0 + 900, y0 + 600)]);
    }
  });
});

/** A group g (0, 0, 400, 300) holding leaves a and b, an edge a → b with a label, and a top-level leaf c. */
function scene() {
  const ids = ['g', 'a', 'b', 'c'];
  const nodes = new Map<string, VzNode>([
    ['g', { id: 'g', label: 'group' }], ['a', { id: 'a', parent: 'g', label: 'A' }],
    ['b', { id: 'b', parent: 'g', label: 'B' }], ['c', { id: 'c', label: 'C' }],
  ]);
  const f = {
    ids,
    edgeDoc: Int32Array.from([0]), edgeCount: Int32Array.from([1]),
    graph: {
      parent: Int32Array.from([-1, 0, 0, -1]), flags: Int32Array.from([1, 0, 0, 0]), size: new Float64Array(8),
      step: new Int32Array(4), align: new Int32Array(4), edges: Int32Array.from([1, 2, -1, -1]),
      edgeLabel: Float64Array.from([40, 16]), rootDirection: 0, options: new Float64Array(4),
    },
  } as unknown as Flattened;
  const out: FlatLayout = {
    width: 600, height: 300,
    boxes: Float64Array.from([0, 0, 400, 300, 20, 40, 100, 40, 20, 200, 100, 40, 500, 0, 100, 40]),
    labels: Float64Array.from([80, 120]),
    offsets: Int32Array.from([0, 2]),
    points: Float64Array.from([70, 80, 70, 200]),
  };
  const children = new Map([['', ['g', 'c']], ['g', ['a', 'b']]]);
  return buildScene(f, out, nodes, [{ source: 'a', target: 'b', label: '[1, 8]' }], children);
}

const texts = (k: number) => {
  const s = scene();
  const p = new SvgPainter(document.createElement('canvas').getContext('2d')!);
  drawScene(p, s, readTheme(document.body), { x0: -1e9, y0: -1e9, x1: 1e9, y1: 1e9, k, hover: -1, selected: -1 });
  return p.parts.filter((x) => x.startsWith('<text')).map((x) => x.replace(/<[^>]+>/g, ''));
};

describe('scene: level of detail and picking', () => {
  it('drops labels, then edge labels, then group insides as the view zooms out', () => {
    expect(texts(1)).to.include.members(['group', 'A', 'B', 'C', '[1, 8]']);
    expect(texts(0.5)).to.include.members(['group', 'A', 'B', 'C']).and.not.include('[1, 8]');
    expect(texts(0.3)).to.deep.equal([]);
    const s = scene();
    expect(s.showScale[1]).to.be.closeTo(40 / 400, 1e-6); // the leaves inside g: drawn once g is 40 px on screen
    expect(s.kind[0]).to.equal(Kind.Group);
  });

  it('hit-tests the innermost drawn node; a press on a header toggles', () => {
    const s = scene();
    expect(s.ids[hitTest(s, 30, 50, 1)]).to.equal('a');
    expect(s.ids[hitTest(s, 300, 250, 1)]).to.equal('g');
    expect(hitTest(s, 450, 100, 1)).to.equal(-1);
    expect(s.ids[hitTest(s, 30, 50, 0.05)]).to.equal('g'); // insides not drawn: the group answers
    expect(pick(s, 300, 10, 1, 26)).to.deep.equal({ action: 'toggle', id: 'g', expanded: false });
    expect(pick(s, 30, 50, 1, 26)).to.deep.equal({ action: 'select', id: 'a' });
    expect(pick(s, 450, 100, 1, 26)).to.deep.equal({ action: 'clear' });
  });
});

/** A chain of `n` top-level leaves 60 × 30 in a row (100 apart), each joined to the next. */
function chain(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  const nodes = new Map<string, VzNode>(ids.map((id) => [id, { id, kind: 'op' }]));
  const m = n - 1;
  const f = {
    ids,
    edgeDoc: Int32Array.from({ length: m }, (_, j) => j), edgeCount: new Int32Array(m).fill(1),
    graph: {
      parent: new Int32Array(n).fill(-1), flags: new Int32Array(n), size: new Float64Array(2 * n), step: new Int32Array(n),
      align: new Int32Array(n), edges: Int32Array.from(Array.from({ length: m }, (_, j) => [j, j + 1, -1, -1]).flat()),
      edgeLabel: new Float64Array(2 * m), rootDirection: 1, options: new Float64Array(4),
    },
  } as unknown as Flattened;
  const out: FlatLayout = {
    width: 100 * n, height: 30,
    boxes: Float64Array.from(ids.flatMap((_, i) => [100 * i, 0, 60, 30])),
    labels: new Float64Array(2 * m).fill(NaN),
    offsets: Int32Array.from({ length: m + 1 }, (_, j) => 2 * j),
    points: Float64Array.from(Array.from({ length: m }, (_, j) => [100 * j + 60, 15, 100 * j + 100, 15]).flat()),
  };
  return buildScene(f, out, nodes, [], new Map([['', ids]]));
}

/** How many edge segments a frame at zoom k strokes (the edge path is the one stroked with the edge colour). */
function edgeSegments(n: number, k: number) {
  const s = chain(n);
  const t = readTheme(document.body);
  const p = new SvgPainter(document.createElement('canvas').getContext('2d')!);
  drawScene(p, s, t, { x0: -1e9, y0: -1e9, x1: 1e9, y1: 1e9, k, hover: -1, selected: -1 });
  const path = p.parts.find((x) => x.includes(`stroke="${t.edge}"`)) ?? '';
  return (path.match(/L/g) ?? []).length;
}

describe('scene: edges far out', () => {
  it('a dense far view leaves out edges between dots; a sparse one or a near one draws them all', () => {
    expect(edgeSegments(500, 0.05), 'few edges: all drawn').to.equal(499);
    expect(edgeSegments(5000, 0.05), 'over the budget, between 3 px dots: none').to.equal(0);
    expect(edgeSegments(5000, 0.25), 'nodes 15 px wide: drawn').to.equal(4999);
  });
});
