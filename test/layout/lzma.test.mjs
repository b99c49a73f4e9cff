// The LZMA decoder the element's worker unpacks the layout module with (layout-wasm/src/lzma.ts),
// against the encoder the build packs it with (LZMA-JS): every byte back, and for a damaged stream a
// clear error or bytes of the stated length, never a hang or a crash (the format has no checksum:
// WebAssembly.compile then refuses a damaged module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const LZMA = require('lzma');
const root = new URL('../../', import.meta.url);
const { outputFiles } = await esbuild.build({
  entryPoints: [new URL('layout-wasm/src/lzma.ts', root).pathname], bundle: true, format: 'esm', write: false, logLevel: 'silent',
});
const { unlzma } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`);

const pack = (bytes, level = 9) => Uint8Array.from(LZMA.compress(bytes, level), (b) => b & 255);
const wasmFile = new URL('layout-wasm/build/layout.wasm', root);

/** Deterministic bytes of middling entropy (long matches, near repeats, literals). */
function mixed(n, seed) {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i > 64 && (x & 7) < 5 ? out[i - 1 - ((x >>> 8) % 64)] : x >>> 24;
  }
  return out;
}

test('unpacks the release layout module byte for byte', { skip: !fs.existsSync(wasmFile) && 'npm run build:wasm first' }, () => {
  const wasm = fs.readFileSync(wasmFile);
  const out = unlzma(pack(wasm));
  assert.equal(out.length, wasm.length);
  assert.ok(Buffer.from(out).equals(wasm));
  assert.ok(WebAssembly.validate(out));
});

test('unpacks what LZMA-JS packs at every level: empty, one byte, runs, text, mixed data', () => {
  const cases = {
    empty: new Uint8Array(0),
    one: new Uint8Array([7]),
    zeros: new Uint8Array(70_000),
    text: new TextEncoder().encode(fs.readFileSync(new URL('layout-wasm/src/lzma.ts', root), 'utf8').repeat(3)),
    mixed: mixed(40_000, 1),
    noise: Uint8Array.from(mixed(20_000, 2), (b, i) => b ^ ((i * 2654435761) >>> 24)),
  };
  for (const [name, bytes] of Object.entries(cases)) {
    for (const level of [1, 5, 9]) {
      const out = unlzma(pack(bytes, level));
      assert.ok(Buffer.from(out).equals(Buffer.from(bytes)), `${name} at level ${level}`);
    }
  }
});

test('a truncated or damaged stream throws an error naming the LZMA stream, never anything else', () => {
  const bytes = mixed(30_000, 3);
  const packed = pack(bytes);
  let errors = 0;
  for (let i = 0; i < 400; i++) {
    const damaged = i % 2 ? packed.slice() : packed.slice(0, 13 + ((i * 7919) % (packed.length - 13)));
    if (i % 2) damaged[13 + ((i * 104729) % (damaged.length - 13))] ^= 1 << (i % 8);
    try {
      assert.equal(unlzma(damaged).length, bytes.length, `case ${i}`);
    } catch (e) {
      assert.match(e.message, /^LZMA stream /, `case ${i}`);
      errors++;
    }
  }
  assert.ok(errors > 300, `only ${errors} of 400 damaged streams were refused`);
  assert.throws(() => unlzma(new Uint8Array([1, 2, 3])), /LZMA stream is not one/);
});
