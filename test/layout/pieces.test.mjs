// Issue 3: an edge's routed pieces meet at every group border (output.ts joins them; a miss would
// be drawn as a straight segment that no phase routed). Regression: random graphs where p1 reverses
// an edge that leaves a step column through its bottom (a port on the column's canonical right side
// in the parent, eTopU 2): the port is then at the edge's V end, and p5 used to end the parent's
// piece on the column's canonical top corner, 24-165 px from the port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomDoc, prng } from './fixtures.mjs';
import { run, check, engine } from './invariants.mjs';

// [seed, size] of randomDoc: every graph of sizes 30/40/60/120/200 × seeds 1..3000 that missed
// (fully expanded and under the fuzz test's collapse rule), a sample of the size-200 ones
const SEEDS = [[270, 30], [2542, 30], [1100, 60], [276, 120], [545, 120], [869, 120], [1536, 120], [1617, 120],
  [1885, 120], [2197, 120], [270, 200], [775, 200], [1242, 200], [2963, 200]];

/** The points where consecutive pieces of edge e fail to meet (absolute coordinates). */
function misses(eng, e) {
  const a = eng.edgePieces(e), ends = [];
  for (let i = 0; i < a.length; i += 3 + 2 * a[i + 2]) {
    const c = a[i + 2];
    ends.push(c ? [[a[i + 3], a[i + 4]], [a[i + 1 + 2 * c], a[i + 2 + 2 * c]]] : null);
  }
  const out = [];
  for (let j = 1; j < ends.length; j++) {
    if (!ends[j - 1] || !ends[j]) continue;
    const [p, q] = [ends[j - 1][1], ends[j][0]];
    if (Math.abs(p[0] - q[0]) > 0.01 || Math.abs(p[1] - q[1]) > 0.01) out.push(`${p} / ${q}`);
  }
  return out;
}

for (const collapse of [false, true]) {
  test(`pieces of an edge meet at group borders (reversed edges out of a step column's bottom${collapse ? ', fuzz collapse rule' : ''})`, async () => {
    const eng = await engine();
    const bad = [];
    for (const [seed, size] of SEEDS) {
      const doc = randomDoc(seed, size);
      const r = prng(seed * 7);
      const collapsed = collapse ? new Set(doc.nodes.filter((n) => n.collapsed && r() < 0.5).map((n) => n.id)) : new Set();
      const res = await run(doc, { isExpanded: (id) => !collapsed.has(id) });
      for (let e = 0; e < res.f.graph.edges.length / 4; e++)
        for (const m of misses(eng, e)) bad.push(`randomDoc(${seed}, ${size}) edge ${res.f.ids[res.f.graph.edges[4 * e]]}→${res.f.ids[res.f.graph.edges[4 * e + 1]]}: ${m}`);
      const c = check(res);
      assert.deepEqual(c.problems, [], `randomDoc(${seed}, ${size})`);
      assert.equal(c.throughBoxes, 0, `randomDoc(${seed}, ${size}): edge segments through foreign boxes`);
      const pc = Array.from(eng.phaseChecks(res.f.graph));
      if (pc.some((v) => v)) bad.push(`randomDoc(${seed}, ${size}): phase checks ${pc}`);
    }
    assert.deepEqual(bad.slice(0, 10), []);
  });
}
