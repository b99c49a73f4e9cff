// Quality metrics of a layout result ({ width, height, nodes: {id: box}, edges: [{source, target, points}] }),
// shared by benchmarks/layout.mjs for every engine, so the numbers compare like with like.

/** Buckets segments in a uniform grid so pair tests stay near-linear on big drawings. */
function buckets(items, cell, bbox) {
  const map = new Map();
  items.forEach((it, i) => {
    const [x0, y0, x1, y1] = bbox(it);
    for (let gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++)
      for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
        const k = gx * 1000003 + gy;
        let l = map.get(k); if (!l) map.set(k, (l = [])); l.push(i);
      }
  });
  return map;
}

const orient = (a, b, c) => Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
function properCross(a, b, c, d) {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Segments shorter than this between two bends count as jogs. */
const JOG = 12;

export function metrics(result, doc) {
  const parentOf = new Map((doc.nodes ?? []).map((n) => [n.id, n.parent ?? null]));
  const ancestors = (id) => { const s = new Set(); for (let p = id, k = 0; p != null && k < 1000; p = parentOf.get(p), k++) s.add(p); return s; };
  const segs = [];
  let bends = 0, length = 0, jogs = 0;
  result.edges.forEach((e, j) => {
    const p = e.points;
    for (let i = 0; i + 1 < p.length; i++) {
      segs.push({ a: p[i], b: p[i + 1], e: j });
      const len = Math.hypot(p[i + 1][0] - p[i][0], p[i + 1][1] - p[i][1]);
      length += len;
      if (i > 0 && orient(p[i - 1], p[i], p[i + 1]) !== 0) bends++;
      // a jog: a short segment between two bends (a kink of a few px no one would draw by hand)
      if (i > 0 && i + 2 < p.length && len < JOG) jogs++;
    }
  });
  const bb = (s) => [Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1])];
  const cell = Math.max(50, Math.sqrt((result.width * result.height) / Math.max(1, segs.length)) * 2);
  let crossings = 0;
  const seen = new Set();
  for (const list of buckets(segs, cell, bb).values()) {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) {
      const s = segs[list[x]], t = segs[list[y]];
      if (s.e === t.e || !properCross(s.a, s.b, t.a, t.b)) continue;
      const key = list[x] < list[y] ? list[x] * 4e6 + list[y] : list[y] * 4e6 + list[x];
      if (!seen.has(key)) { seen.add(key); crossings++; }
    }
  }
  // sibling overlaps and segments through boxes that are not an end or an ancestor of one
  const ids = Object.keys(result.nodes);
  const boxes = ids.map((id) => result.nodes[id]);
  let overlaps = 0;
  const byParent = new Map();
  ids.forEach((id, i) => { const p = parentOf.get(id) ?? null; if (!byParent.has(p)) byParent.set(p, []); byParent.get(p).push(i); });
  for (const list of byParent.values()) {
    const sorted = [...list].sort((a, b) => boxes[a].x - boxes[b].x);
    for (let a = 0; a < sorted.length; a++) for (let b = a + 1; b < sorted.length; b++) {
      const A = boxes[sorted[a]], B = boxes[sorted[b]];
      if (B.x >= A.x + A.width - 0.5) break;
      if (B.y < A.y + A.height - 0.5 && A.y < B.y + B.height - 0.5) overlaps++;
    }
  }
  const boxCell = Math.max(100, cell);
  const grid = buckets(boxes, boxCell, (b) => [b.x, b.y, b.x + b.width, b.y + b.height]);
  let through = 0;
  const own = result.edges.map((e) => new Set([...ancestors(e.source), ...ancestors(e.target)]));
  for (const s of segs) {
    const [x0, y0, x1, y1] = bb(s);
    const hit = new Set();
    for (let gx = Math.floor(x0 / boxCell); gx <= Math.floor(x1 / boxCell); gx++)
      for (let gy = Math.floor(y0 / boxCell); gy <= Math.floor(y1 / boxCell); gy++)
        for (const i of grid.get(gx * 1000003 + gy) ?? []) hit.add(i);
    for (const i of hit) {
      if (own[s.e].has(ids[i])) continue;
      const b = boxes[i];
      if (segThroughBox(s.a, s.b, b)) { through++; break; }
    }
  }
  return { crossings, bends, jogs, length: Math.round(length), area: Math.round(result.width * result.height), overlaps, through };
}

/** Does segment a→b enter the interior of box b (shrunk by 0.5)? Liang–Barsky clip. */
function segThroughBox(a, b, box) {
  const x0 = box.x + 0.5, x1 = box.x + box.width - 0.5, y0 = box.y + 0.5, y1 = box.y + box.height - 0.5;
  if (x1 <= x0 || y1 <= y0) return false;
  let t0 = 0, t1 = 1;
  const dx = b[0] - a[0], dy = b[1] - a[1];
  for (const [p, q] of [[-dx, a[0] - x0], [dx, x1 - a[0]], [-dy, a[1] - y0], [dy, y1 - a[1]]]) {
    if (p === 0) { if (q <= 0) return false; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return t1 - t0 > 1e-9;
}
