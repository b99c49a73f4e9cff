// Turns benchmarks/results/layout.jsonl into a Markdown table (last line per engine × file wins):
//   node benchmarks/summarize-layout.mjs > benchmarks/results/layout.md
import fs from 'node:fs';
const file = new URL('./results/layout.jsonl', import.meta.url);
const rows = new Map();
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  rows.set(`${r.file} ${r.engine}`, r);
}
const size = (f) => Number(f.match(/-(\d+)\./)?.[1] ?? 0);
// engines in name order within a file, so elk-ports (ELK with vz's argument ports) sits beside elk
const sorted = [...rows.values()].sort((a, b) => size(a.file) - size(b.file) || a.file.localeCompare(b.file) || a.engine.localeCompare(b.engine));
const cols = ['file', 'engine', 'nodes', 'edges', 'ms', 'cpuMs', 'runs', 'warmup', 'crossings', 'bends', 'jogs', 'length', 'area', 'overlaps', 'through'];
console.log('| ' + cols.join(' | ') + ' |');
console.log('|' + cols.map(() => '---').join('|') + '|');
for (const r of sorted) console.log('| ' + cols.map((c) => (r.error && c !== 'file' && c !== 'engine' ? (c === 'ms' ? r.error : '') : r[c] ?? '')).join(' | ') + ' |');

// Where vz spends its time (runs with --phases): flatten in JS, then each WASM phase (ms, fastest run).
const withPhases = sorted.filter((r) => r.engine === 'vz' && r.phases);
if (withPhases.length) {
  const names = Object.keys(withPhases[0].phases);
  console.log('\n### vz: time per phase (ms)\n');
  console.log('| file | ms (whole) | ' + names.join(' | ') + ' |');
  console.log('|---|---|' + names.map(() => '---').join('|') + '|');
  for (const r of withPhases) console.log(`| ${r.file} | ${r.ms} | ` + names.map((n) => r.phases[n] ?? '').join(' | ') + ' |');
}
