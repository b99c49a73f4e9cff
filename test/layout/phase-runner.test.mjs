// The phase-by-phase runner: the pipeline stops after phase p in every group, and that phase's
// postconditions (its file header; re-checked by layout-wasm/assembly/debug/checks.ts) and those of
// the phases before it must hold — one test per phase, on the shared corpus: the synthetic
// fixtures, the traced models (collapsed and expanded), and 150 random nested graphs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, estimateMeasure } from '../../dist/layout.mjs';
import * as F from './fixtures.mjs';
import { engine } from './invariants.mjs';

const PHASES = ['-', 'p1 cycles', 'p2 layers', 'p3 order', 'p4 place', 'p5 route', 'p6 rotate', 'pieces meet at borders'];
const modelDir = path.resolve(import.meta.dirname, '../fixtures/models');
const models = fs.existsSync(modelDir) ? fs.readdirSync(modelDir).filter((f) => f.endsWith('.vz.json')) : [];

/** [name, FlatGraph] for every corpus entry. */
function corpus() {
  const m = estimateMeasure(), all = () => true;
  const out = [];
  for (const name of ['chain', 'diamond', 'deep', 'cycles', 'selfLoops', 'multiEdges', 'emptyGroups', 'crossGroups', 'collapsed', 'steps', 'aligned'])
    out.push([name, flatten(F[name](), all, m).graph]);
  for (const file of models) {
    const doc = JSON.parse(fs.readFileSync(path.join(modelDir, file), 'utf8'));
    out.push([file, flatten(doc, all, m).graph]);
    out.push([`${file} (top level only)`, flatten(doc, () => false, m).graph]);
  }
  for (let seed = 1; seed <= 150; seed++) out.push([`random ${seed}`, flatten(F.randomDoc(seed, 40), all, m).graph]);
  return out;
}

const graphs = corpus();
const stages = [
  [1, 'p1 cycles: the rank constraints are acyclic'],
  [2, 'p2 layers: edge lengths, align sets, border ranks, chains on consecutive ranks'],
  [3, 'p3 order: every node once in its own rank, positions consistent'],
  [4, 'p4 place: attach points on their box in argument order, rank order and spacing kept, network simplex optimal, drawing starts at x = 0'],
  [5, 'p5 route: every piece an orthogonal polyline'],
  [6, 'p6 rotate: children inside the padding, border pieces end on the border, pieces meet'],
];
for (const [p, what] of stages) {
  test(`after ${what}`, async () => {
    const e = await engine();
    for (const [name, g] of graphs) {
      const v = e.phaseChecks(g, p);
      const bad = Object.fromEntries([...v].map((n, i) => [PHASES[i], n]).filter(([, n], i) => n && i <= (p === 6 ? 7 : p)));
      assert.deepEqual(bad, {}, `${name}, stopped after phase ${p}`);
    }
  });
}
