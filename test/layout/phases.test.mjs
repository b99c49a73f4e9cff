// Each phase's postconditions (stated in its file header) re-checked inside the engine after the
// phase ran, on every fixture and on a fuzz corpus: all violation counts must be zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatten, estimateMeasure } from '../../dist/layout.mjs';
import * as F from './fixtures.mjs';
import { engine } from './invariants.mjs';

const PHASES = ['-', 'p1 cycles', 'p2 layers', 'p3 order', 'p4 place', 'p5 route', 'p6 rotate', 'pieces meet at borders'];
const report = (v) => Object.fromEntries([...v].map((n, i) => [PHASES[i], n]).filter(([, n]) => n));

test('phase postconditions hold on the fixtures', async () => {
  const e = await engine();
  for (const name of ['chain', 'diamond', 'deep', 'cycles', 'selfLoops', 'multiEdges', 'emptyGroups', 'crossGroups', 'collapsed', 'steps', 'aligned']) {
    const v = e.phaseChecks(flatten(F[name](), () => true, estimateMeasure()).graph);
    assert.deepEqual(report(v), {}, name);
  }
});

test('phase postconditions hold on 500 random graphs', async () => {
  const e = await engine();
  for (let seed = 1; seed <= 500; seed++) {
    const v = e.phaseChecks(flatten(F.randomDoc(seed, 40), () => true, estimateMeasure()).graph);
    assert.deepEqual(report(v), {}, `seed ${seed}`);
  }
});
