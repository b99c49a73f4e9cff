// A chain edge (leaf box with one edge out into a leaf box with one edge in) between two siblings
// runs down the middle of both boxes: the placement weighs a jog there above one on the rest of the
// spine (simplex.ts CHAIN_W), so the jog a column of different widths needs goes where the edge
// leaves a group or enters a multi-input op, not where slide.ts would pull a chain end off its
// box's middle. T5-small's self-attention: `view#2 → transpose#2` left `view#2` 7 px off-centre in
// every block (layout-wasm/scripts/off-centre/engine.mjs: 37 of 496 chain edges off-centre, now 23).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './invariants.mjs';
import { offCentre } from '../../layout-wasm/scripts/off-centre/count.mjs';

const here = import.meta.dirname;

// Fixtures: T5-small's encoder block 1 and decoder block 1 (benchmarks/graphs/models/t5_small.vz.json,
// which CI does not have: `layout-wasm/scripts/excerpt.mjs`, outside ends as stand-ins), all expanded.
for (const name of ['t5_encoder_block1', 't5_decoder_block1']) {
  test(`${name}: chain edges between sibling leaves leave and enter at the boxes' middles`, async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(here, `fixtures/${name}.vz.json`), 'utf8'));
    const par = new Map(doc.nodes.map((n) => [n.id, n.parent ?? null]));
    const { result } = await run(doc, { isExpanded: () => true });
    const r = offCentre(result, (id) => par.get(id) ?? null);
    const siblings = r.list.filter((l) => { const [s, t] = l.split(' ')[0].split('->'); return par.get(s) === par.get(t); });
    assert.ok(r.total > 20, `chain edges found: ${r.total}`);
    assert.deepEqual(siblings, []);
  });
}
