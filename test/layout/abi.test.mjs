// The hand-written calling convention (layout-wasm/src/abi.ts): typed arrays that are views into a
// larger buffer (as a caller may pass) lay out exactly as standalone copies, and the module's
// memory does not grow with the number of calls (every lowered argument is unpinned and collected).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { flatten, estimateMeasure, createLayoutEngine } from '../../dist/layout.mjs';
import { bytes } from './invariants.mjs';

const doc = JSON.parse(fs.readFileSync(new URL('../fixtures/models/gpt2_tiny.vz.json', import.meta.url), 'utf8'));

/** `a` copied into the middle of a larger buffer of garbage, as a view. */
function offsetView(a) {
  const pad = 5;
  const big = new a.constructor(a.length + 2 * pad).fill(-7);
  big.set(a, pad);
  return big.subarray(pad, pad + a.length);
}

test('typed arrays with a byte offset lay out as standalone ones, byte for byte', async () => {
  const engine = await createLayoutEngine();
  engine.setIncremental(false);
  const g = flatten(doc, () => true, estimateMeasure()).graph;
  const plain = bytes(engine.run(g));
  const views = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, ArrayBuffer.isView(v) ? offsetView(v) : v]));
  assert.ok(views.parent.byteOffset > 0);
  assert.equal(bytes(engine.run(views)), plain);
});

test('memory stays flat over 200 calls with fresh arguments', async () => {
  const engine = await createLayoutEngine();
  engine.setIncremental(false);
  const g = flatten(doc, () => true, estimateMeasure()).graph;
  for (let i = 0; i < 20; i++) engine.run(g);
  const before = engine.memoryBytes();
  for (let i = 0; i < 200; i++) engine.run(Object.fromEntries(Object.entries(g).map(([k, v]) => [k, ArrayBuffer.isView(v) ? v.slice() : v])));
  assert.equal(engine.memoryBytes(), before);
});
