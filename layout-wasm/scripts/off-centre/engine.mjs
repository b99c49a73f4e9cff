// Off-centre chain edges in the layouts of the Node engine (estimateMeasure): node layout-wasm/scripts/off-centre/engine.mjs [-v]
// (run from the repository root, after npm run build). Views: all expanded and as the document comes; the
// layout screenshots excerpts as layout-wasm/scripts/screenshots.mjs expands them.
import fs from 'node:fs';
import { run } from '../../../test/layout/invariants.mjs';
import { excerpt } from '../excerpt.mjs';
import { offCentre } from './count.mjs';
const files = [...fs.readdirSync('benchmarks/graphs/models').map(f => 'benchmarks/graphs/models/' + f),
  ...fs.readdirSync('test/fixtures/models').map(f => 'test/fixtures/models/' + f), 'test/fixtures/docs/nested.vz.json',
  'ex:resnet18:layer1', 'ex:gpt2_tiny:transformer.h.0'];
let T = 0, O = 0;
const verbose = process.argv.includes('-v');
for (const file of files) {
  let doc;
  if (file.startsWith('ex:')) { const [, m, r] = file.split(':'); doc = excerpt(JSON.parse(fs.readFileSync(`test/fixtures/models/${m}.vz.json`, 'utf8')), r); }
  else doc = JSON.parse(fs.readFileSync('' + file, 'utf8'));
  const par = new Map(doc.nodes.map(n => [n.id, n.parent ?? null]));
  const col = new Map(doc.nodes.map(n => [n.id, !!n.collapsed]));
  const shot = { 'ex:resnet18:layer1': ['layer1', 'layer1.0', 'layer1.1'], 'ex:gpt2_tiny:transformer.h.0': ['transformer.h.0', 'transformer.h.0.attn', 'transformer.h.0.mlp'] }[file];
  const views = shot ? [['shot', (id) => shot.includes(id)]] : [['all', () => true], ['doc', (id) => !col.get(id)]];
  for (const [vn, isExpanded] of views) {
  const { result } = await run(doc, { isExpanded });
  const r = offCentre(result, id => par.get(id) ?? null);
  T += r.total; O += r.off;
  console.log(file, vn, r.off, '/', r.total);
  if (verbose) for (const l of r.list.slice(0, 15)) console.log('   ', l);
  }
}
console.log('TOTAL', O, '/', T);
