// Incremental layout (layout-wasm/assembly/cache.ts): an engine that laid out other states of the
// same document before must give, byte for byte, what a fresh engine gives — and reuse the groups
// a toggle did not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, estimateMeasure, createLayoutEngine } from '../../dist/layout.mjs';
import * as F from './fixtures.mjs';
import { bytes } from './invariants.mjs';

const modelDir = path.resolve(import.meta.dirname, '../fixtures/models');
const models = fs.existsSync(modelDir) ? fs.readdirSync(modelDir).filter((f) => f.endsWith('.vz.json')) : [];
const groupsOf = (doc) => [...new Set(doc.nodes.map((n) => n.parent).filter(Boolean))];

/** Lays out `doc` with `collapsed` groups collapsed on the warm engine and on a fresh one. */
async function compare(warm, doc, collapsed, label) {
  const f = flatten(doc, (id) => !collapsed.has(id), estimateMeasure());
  const fresh = await createLayoutEngine();
  assert.equal(bytes(warm.run(f.graph)), bytes(fresh.run(f.graph)), label);
}

test('toggling groups one by one: every warm layout equals a fresh one, byte for byte', async () => {
  for (const file of models) {
    const doc = JSON.parse(fs.readFileSync(path.join(modelDir, file), 'utf8'));
    const warm = await createLayoutEngine();
    const collapsed = new Set();
    await compare(warm, doc, collapsed, `${file} all expanded`);
    for (const g of groupsOf(doc).slice(0, 25)) {
      collapsed.add(g);
      await compare(warm, doc, collapsed, `${file} after collapsing ${g}`);
      collapsed.delete(g);
      await compare(warm, doc, collapsed, `${file} after expanding ${g} again`);
    }
  }
});

test('random graphs: warm layouts after toggles equal fresh ones', async () => {
  const warm = await createLayoutEngine();
  for (let seed = 1; seed <= 120; seed++) {
    const doc = F.randomDoc(seed, 40);
    const groups = groupsOf(doc);
    const collapsed = new Set();
    await compare(warm, doc, collapsed, `seed ${seed}`);
    for (let i = 0; i < Math.min(4, groups.length); i++) {
      const g = groups[(seed * 7 + i * 3) % groups.length];
      if (collapsed.has(g)) collapsed.delete(g); else collapsed.add(g);
      await compare(warm, doc, collapsed, `seed ${seed} toggle ${g}`);
    }
  }
});
