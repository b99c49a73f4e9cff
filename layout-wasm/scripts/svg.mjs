// Debug aid: node layout-wasm/scripts/svg.mjs doc.vz.json > out.svg — draws a layout result.
import fs from 'node:fs';
import { layoutDocument } from '../../dist/layout.mjs';

export function toSVG(r) {
  const esc = (s) => String(s).replace(/[<&>]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '>': '&gt;' })[c]);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${r.width + 20}" height="${r.height + 20}" font-family="sans-serif" font-size="11"><g transform="translate(10,10)"><rect x="-10" y="-10" width="${r.width + 20}" height="${r.height + 20}" fill="white"/>`];
  for (const [id, b] of Object.entries(r.nodes)) parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="rgba(80,120,200,0.08)" stroke="#4a6fa5"/><text x="${b.x + 4}" y="${b.y + 13}">${esc(id)}</text>`);
  for (const e of r.edges) {
    parts.push(`<polyline points="${e.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="#c33" stroke-width="1.2"/>`);
    const [x, y] = e.points[e.points.length - 1];
    parts.push(`<circle cx="${x}" cy="${y}" r="2.5" fill="#c33"/>`);
    if (e.label) parts.push(`<rect x="${e.label.x}" y="${e.label.y}" width="${e.label.width}" height="${e.label.height}" fill="none" stroke="#999" stroke-dasharray="2"/>`);
  }
  parts.push('</g></svg>');
  return parts.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2]) {
  const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  process.stdout.write(toSVG(await layoutDocument(doc)));
}
