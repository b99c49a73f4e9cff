// The LZMA encoder the build packs the element's layout module with (rollup.config.mjs), and the one
// test/layout/lzma.test.mjs checks layout-wasm/src/lzma.ts against: LZMA-JS (level 9: 32 MB
// dictionary, bt4, 255 fast bytes), with its literal and position bits chosen instead of fixed.
// LZMA-JS hard-codes lc=3 lp=0 pb=2 (its `$configure`); pb=2 models 4-byte alignment, which a WASM
// module's code does not have: pb=0 packs the module smaller (24,391 → 24,192 B from asc alone;
// 24,097 → 24,025 B after build-wasm.sh's wasm-opt round, −72 B of the bundle gzipped). liblzma
// (`xz --format=lzma --lzma1=preset=9e,pb=0`) would pack ~30 B better but is not an npm dependency.
// The decoder reads lc/lp/pb from the stream's header, so it needs no change.
import fs from 'node:fs';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const source = fs.readFileSync(createRequire(import.meta.url).resolve('lzma/src/lzma_worker.js'), 'utf8');
const encoders = new Map();

/** LZMA-JS with `lc`, `lp`, `pb` in place of its fixed 3, 0, 2 (the rest of it unchanged). */
function encoder(lc, lp, pb) {
  const key = `${lc},${lp},${pb}`;
  if (!encoders.has(key)) {
    let code = source;
    for (const [from, to] of [
      ['encoder._numLiteralContextBits = 3;', `encoder._numLiteralContextBits = ${lc};`],
      ['encoder._numLiteralPosStateBits = 0;', `encoder._numLiteralPosStateBits = ${lp};`],
      ['encoder._posStateBits = 2;', `encoder._posStateBits = ${pb};`],
      ['encoder._posStateMask = 3;', `encoder._posStateMask = ${(1 << pb) - 1};`],
    ]) {
      if (code.split(from).length !== 2) throw new Error(`lzma-pack: LZMA-JS changed (no single \`${from}\`)`);
      code = code.replace(from, to);
    }
    const context = { setTimeout, setImmediate };
    vm.runInNewContext(`${code};this.LZMA = LZMA;`, context);
    encoders.set(key, context.LZMA);
  }
  return encoders.get(key);
}

/** `bytes` as a `.lzma` file (13-byte header with the unpacked size, then the LZMA1 stream). */
export function lzmaPack(bytes, { level = 9, lc = 3, lp = 0, pb = 0 } = {}) {
  return Uint8Array.from(encoder(lc, lp, pb).compress(bytes, level), (b) => b & 255);
}
