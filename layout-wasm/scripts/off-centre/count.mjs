// A chain edge: leaf to leaf, the source with one outgoing edge, the target with one incoming, no
// leaf between them along the flow. Off-centre: either end more than 0.5 px from its box's middle.
// Count chain edges (single out -> single in, siblings, adjacent ranks) whose ends are not both at their boxes' middles.
export function offCentre(result, parentOf, { verbose = false } = {}) {
  const N = result.nodes;
  const hasKid = new Set();
  for (const id of Object.keys(N)) { const p = parentOf(id); if (p != null && N[p]) hasKid.add(p); }
  const outs = new Map(), ins = new Map();
  for (const e of result.edges) { outs.set(e.source, (outs.get(e.source) ?? 0) + 1); ins.set(e.target, (ins.get(e.target) ?? 0) + 1); }
  let total = 0, off = 0; const list = [];
  for (const e of result.edges) {
    const s = N[e.source], t = N[e.target];
    if (!s || !t || hasKid.has(e.source) || hasKid.has(e.target) || e.source === e.target) continue;
    if (outs.get(e.source) !== 1 || ins.get(e.target) !== 1) continue;
    const p = e.points, a = p[0], b = p[p.length - 1];
    // flow axis from the side the first point leaves s
    const vert = Math.abs(a[1] - s.y) < 0.01 || Math.abs(a[1] - s.y - s.height) < 0.01;
    const [sp, sc, tp, tc] = vert ? [a[0], s.x + s.width / 2, b[0], t.x + t.width / 2] : [a[1], s.y + s.height / 2, b[1], t.y + t.height / 2];
    // adjacent ranks: no sibling box lies between them along the flow
    const lo = vert ? Math.min(s.y + s.height, t.y + t.height) : Math.min(s.x + s.width, t.x + t.width);
    const hi = vert ? Math.max(s.y, t.y) : Math.max(s.x, t.x);
    let between = false;
    for (const [id, q] of Object.entries(N)) {
      if (id === e.source || id === e.target || hasKid.has(id)) continue;
      const c = vert ? q.y + q.height / 2 : q.x + q.width / 2;
      const x0 = Math.min(sp, tp), x1 = Math.max(sp, tp), q0 = vert ? q.x : q.y, q1 = vert ? q.x + q.width : q.y + q.height;
      if (c > lo && c < hi && q1 > x0 - 60 && q0 < x1 + 60) { between = true; break; }
    }
    if (between) continue;
    total++;
    if (Math.abs(sp - sc) > 0.5 || Math.abs(tp - tc) > 0.5) { off++; list.push(`${e.source}->${e.target} ${(sp - sc).toFixed(1)} ${(tp - tc).toFixed(1)}`); }
  }
  if (verbose) for (const l of list) console.log('  ', l);
  return { total, off, list };
}
