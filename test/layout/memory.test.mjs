// One engine instance, 100 layouts: linear memory must not keep growing (the GC runs after each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatten, estimateMeasure, createLayoutEngine } from '../../dist/layout.mjs';
import { randomDoc } from './fixtures.mjs';

test('memory stays flat across 100 layouts in one instance', async () => {
  const engine = await createLayoutEngine();
  const graphs = Array.from({ length: 5 }, (_, i) => flatten(randomDoc(1000 + i, 400), () => true, estimateMeasure()).graph);
  for (let i = 0; i < 10; i++) engine.run(graphs[i % 5]);
  const warm = engine.memoryBytes();
  for (let i = 0; i < 100; i++) engine.run(graphs[i % 5]);
  const after = engine.memoryBytes();
  console.log(`memory: ${warm} bytes after warm-up, ${after} after 100 more layouts`);
  assert.equal(after, warm);
});
