// Issue 3: unrelated edges share segments (lie on one line for more than half a pixel). Random
// graphs whose layouts had such pairs, each for a shape fixed at its root:
//  - side ports' lanes: the nets through ports on one child's side (a step column's leaf, a child
//    group's port facing the border) all went down one lane beside it (route.ts sideLane);
//  - vertical constraints: in one channel, a run whose line goes up from x (a box above) took a
//    lower track than a run whose line goes down at the same x (a box below), so both lines lay
//    on one vertical between the tracks (tracks.ts promote);
//  - detours round a box: their runs go down (up) at both ends, not from above to below, so the
//    track order read them wrongly (route.ts addRun's dir).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomDoc, prng } from './fixtures.mjs';
import { run, sharedSegments, related } from './invariants.mjs';

async function unrelatedPairs(seed) {
  const doc = randomDoc(seed, seed % 10 === 0 ? 120 : 30);
  const r = prng(seed * 7);
  const collapsed = new Set(doc.nodes.filter((n) => n.collapsed && r() < 0.5).map((n) => n.id));
  const res = await run(doc, { isExpanded: (id) => !collapsed.has(id) });
  return sharedSegments(res).filter(([i, j]) => !related(res.f, i, j)).map(([i, j]) => `${res.result.edges[i].source}→${res.result.edges[i].target} / ${res.result.edges[j].source}→${res.result.edges[j].target}`);
}

// the fuzz corpus's seeds (fuzz.test.mjs) with these shapes; before: 13, 8, 5, 3, 1, 1, 3, 1 pairs
const cases = { 'side ports\' lanes': [43, 31, 44], 'vertical constraints in a channel': [4, 22, 57, 159], 'detours round a box': [126] };

for (const [shape, seeds] of Object.entries(cases)) {
  test(`unrelated edges do not share segments: ${shape}`, async () => {
    for (const seed of seeds) assert.deepEqual(await unrelatedPairs(seed), [], `randomDoc(${seed})`);
  });
}
