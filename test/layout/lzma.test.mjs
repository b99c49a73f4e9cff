// The LZMA decoder the element's worker unpacks the layout module with (layout-wasm/src/lzma.ts),
// against the encoder the build packs it with (LZMA-JS with pb=0, layout-wasm/scripts/lzma-pack.mjs,
// and LZMA-JS's own lc/lp/pb): every byte back, and for a damaged stream a
// clear error or bytes of the stated length, never a hang or a crash (the format has no checksum:
// WebAssembly.compile then refuses a damaged module).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { lzmaPack } from '../../layout-wasm/scripts/lzma-pack.mjs';

const LZMA = createRequire(import.meta.url)('lzma');
const root = new URL('../../', import.meta.url);
const { outputFiles } = await esbuild.build({
  entryPoints: [new URL('layout-wasm/src/lzma.ts', root).pathname], bundle: true, format: 'esm', write: false, logLevel: 'silent',
});
const { unlzma } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`);

/** As the build packs (pb=0); `props` other literal/position bits. */
const pack = (bytes, level = 9, props = {}) => lzmaPack(bytes, { level, ...props });
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

test('the build packs the release module smaller than LZMA-JS as published (pb=0 instead of its fixed pb=2)', { skip: !fs.existsSync(wasmFile) && 'npm run build:wasm first' }, () => {
  const wasm = fs.readFileSync(wasmFile);
  const ours = pack(wasm), published = Uint8Array.from(LZMA.compress(wasm, 9), (b) => b & 255);
  assert.equal(ours[0], 3, 'header props: lc=3 lp=0 pb=0');
  assert.equal(published[0], 93, 'LZMA-JS as published: lc=3 lp=0 pb=2');
  assert.ok(ours.length < published.length, `${ours.length} B vs ${published.length} B`);
  assert.deepEqual(pack(wasm, 9, { pb: 2 }), published, 'with pb=2 the patched encoder is LZMA-JS byte for byte');
  assert.ok(Buffer.from(unlzma(ours)).equals(wasm));
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
    for (const props of [{ pb: 2 }, { lc: 0, pb: 1 }, { lc: 4, lp: 1, pb: 0 }, { lc: 1, lp: 2, pb: 3 }]) {
      const out = unlzma(pack(bytes, 9, props));
      assert.ok(Buffer.from(out).equals(Buffer.from(bytes)), `${name} with ${JSON.stringify(props)}`);
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
