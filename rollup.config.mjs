// Builds two artifacts:
//  - dist/vz-graph.js: the element, one self-contained ES module. The layout worker is bundled by a
//    nested rollup build and inlined as a string (started from a Blob URL); the WASM module
//    (asconfig.json's `release` target: no debug exports) is inlined into the worker, LZMA-packed and
//    base64-encoded. Nothing is fetched at run time, so it works when loaded from any origin.
//    The build log ends with the bundle's gzipped size and its parts (issue 5: at most 60 KB).
//  - dist/layout.mjs: the layout engine for Node (benchmarks, tests, tools), with the `node` target's
//    WASM (the release code plus the debug exports: phaseChecks, debugCounts, …) inlined as base64.
// TypeScript is compiled by esbuild (typescript 7 breaks @rollup/plugin-typescript); `tsc` only
// type-checks and writes declarations (npm run build:types).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { lzmaPack } from './layout-wasm/scripts/lzma-pack.mjs';

/** The two WASM builds (npm run build:wasm); layout-wasm/src/abi.ts calls them (no asc bindings). */
const WASM = {
  release: { wasm: 'layout-wasm/build/layout.wasm' },
  node: { wasm: 'layout-wasm/build/layout.node.wasm' },
};
const minify = process.env.VZ_DEBUG_BUILD ? false : true;
/**
 * Terser after esbuild's minification, for the element's bundle: two compress passes find what one
 * pass of esbuild leaves (−0.7 KB gzipped); only safe transforms. License comments, which esbuild
 * gathered at the end, stay.
 */
const squeeze = () => (minify ? [terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: /@license|@preserve|^!/ } })] : []);
/**
 * The element's `css` templates without their layout white space (−114 B gzip -9): runs of white space
 * become one space, dropped around `{ } ; , :` (after `:` only: a space before it is a descendant
 * combinator) and before `}` with the last `;`. Only the templates' literal parts change, never `${…}`.
 * Safe for these styles: no white space inside their strings matters (`'Segoe UI'` keeps its one
 * space) and theme.ts trims the custom properties' values it reads.
 */
function minifyCss() {
  const squeezeCss = (text) => text.replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}');
  return {
    name: 'vz-minify-css',
    transform(code, id) {
      if (!minify || !id.includes('/component/') || !code.includes('css`')) return null;
      return { code: code.replace(/css`([^`]*)`/g, (_, body) => `css\`${body.split(/(\$\{[^}]*\})/).map((part, i) => (i % 2 ? part : squeezeCss(part))).join('')}\``), map: null };
    },
  };
}
/** Gzipped size at level 9 by zlib, as servers (nginx, Node, Python) compress. */
const gzipSize = (data) => zlib.gzipSync(data, { level: 9 }).length;
/** `gzip -9 < file | wc -c` (issue 5's measure; GNU gzip differs from zlib by ~1%), if gzip is installed. */
function gzipCliSize(data) {
  try { return execFileSync('gzip', ['-9c'], { input: data, maxBuffer: 1 << 26 }).length; } catch { return undefined; }
}
/** `text` as a JS string literal, in the quotes that need fewer escapes (minified code has many "). */
function jsString(text) {
  const q = (text.match(/"/g) ?? []).length <= (text.match(/'/g) ?? []).length ? '"' : "'";
  const escapes = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029', [q]: `\\${q}` };
  return q + text.replace(new RegExp(`[\\\\\n\r\u2028\u2029${q}]`, 'g'), (c) => escapes[c]) + q;
}
/** What went into the element bundle, for the size report. */
const parts = { mainCode: '', workerCode: '', wasmBytes: 0, wasmPayload: '' };

/**
 * `import { wasm, packed } from 'virtual:vz-layout-wasm'`: the compiled layout module as base64,
 * of its bytes (`packed` false) or of their LZMA compression (`packed` true: the element's worker
 * unpacks it with layout-wasm/src/lzma.ts).
 * Why compress: the bundle is served gzipped, and gzip finds few of the module's repeats in base64
 * text (each shows up in three alignments): gzip -9 of base64 of the module is ~34% larger than of
 * the module itself; of base64 of a compressed module it is within 1% of the compressed size.
 * Why LZMA (LZMA-JS, level 9, pb=0: layout-wasm/scripts/lzma-pack.mjs): 10% smaller than the best
 * deflate (Zopfli), 2.6 KB of the bundle (benchmarks/results/bundle.md).
 */
function layoutWasmInline(target, { pack }) {
  const file = WASM[target].wasm;
  return {
    name: 'vz-layout-wasm-inline',
    resolveId: (id) => (id === 'virtual:vz-layout-wasm' ? '\0vz-layout-wasm' : null),
    load(id) {
      if (id !== '\0vz-layout-wasm') return null;
      if (!fs.existsSync(file)) this.error(`${file} is missing: run \`npm run build:wasm\` first`);
      this.addWatchFile(path.resolve(file));
      const bytes = fs.readFileSync(file);
      const data = Buffer.from(pack ? lzmaPack(bytes) : bytes).toString('base64');
      if (target === 'release') Object.assign(parts, { wasmBytes: bytes.length, wasmPayload: data });
      return `export const wasm = ${JSON.stringify(data)};\nexport const packed = ${pack};\n`;
    },
  };
}

/**
 * `import source from 'virtual:vz-layout-worker'`: the worker, bundled as one classic script. The
 * module exports a placeholder that renderChunk swaps for the worker's code after minification, so
 * the minifier does not re-escape it and the size report can tell the main module from the worker.
 * The WASM payload inside the worker's code moves to the top of the bundle (`const` spliced back
 * into the worker's source at run time): gzip does better on one run of base64 followed by the
 * code than on base64 in the middle of code (−1.0 KB gzip -9, −1.6 KB zlib -9).
 */
function layoutWorkerInline() {
  const PLACEHOLDER = '__vz_layout_worker_source__';
  const WASM_CONST = '__vzLayoutWasm';
  return {
    name: 'vz-layout-worker-inline',
    resolveId: (id) => (id === 'virtual:vz-layout-worker' ? '\0vz-layout-worker' : null),
    async load(id) {
      if (id !== '\0vz-layout-worker') return null;
      const bundle = await rollup({
        input: 'layout-wasm/src/worker.ts',
        plugins: [layoutWasmInline('release', { pack: true }), nodeResolve(), esbuild({ target: 'es2022', minify, legalComments: 'eof' }), ...squeeze()],
      });
      const { output } = await bundle.generate({ format: 'iife', name: 'vzLayoutWorker' });
      await bundle.close();
      for (const file of bundle.watchFiles ?? []) this.addWatchFile(file);
      parts.workerCode = output[0].code;
      return `export default ${JSON.stringify(PLACEHOLDER)};`;
    },
    renderChunk(code) {
      const at = code.search(new RegExp(`(["'\`])${PLACEHOLDER}\\1`));
      if (at < 0) return null;
      const before = code.slice(0, at), after = code.slice(at + PLACEHOLDER.length + 2);
      parts.mainCode = before + after;
      const [head, tail, ...more] = parts.workerCode.split(parts.wasmPayload);
      if (tail === undefined || more.length) this.error('the WASM payload is not in the worker\'s code exactly once');
      const payload = `const ${WASM_CONST}="${parts.wasmPayload}";\n`;
      return { code: payload + before + `(${jsString(head)}+${WASM_CONST}+${jsString(tail)})` + after, map: null };
    },
  };
}

/** Copies the bundle into the Python package, which serves it (bridge-py/src/vz_pytorch/static). */
function copyToPython() {
  return {
    name: 'vz-copy-to-python',
    writeBundle() {
      const dir = 'bridge-py/src/vz_pytorch/static';
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync('dist/vz-graph.js', path.join(dir, 'vz-graph.js'));
    },
  };
}

/**
 * Prints the bundle's gzipped size (GNU gzip -9 and zlib level 9) against issue 5's budget of 60 KB,
 * and its parts, each gzipped alone (so they add up to about the total, not exactly).
 */
function reportSize(file) {
  const BUDGET = 60 * 1024;
  const n = (x) => x.toLocaleString('en');
  const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
  return {
    name: 'vz-report-size',
    writeBundle() {
      const code = fs.readFileSync(file);
      const cli = gzipCliSize(code), lib = gzipSize(code), worst = Math.max(cli ?? 0, lib);
      const worker = parts.workerCode.replace(parts.wasmPayload, '');
      console.log(`${file}: ${n(code.length)} B; gzipped ${cli ? `${n(cli)} B (gzip -9), ` : ''}${n(lib)} B (zlib -9): ` +
        `${kb(worst)} of the ${kb(BUDGET)} budget${worst > BUDGET ? `: OVER by ${n(worst - BUDGET)} B` : ''}\n` +
        `  main ${kb(gzipSize(parts.mainCode))} + worker JS ${kb(gzipSize(worker))} + WASM ${kb(gzipSize(parts.wasmPayload))} ` +
        `(${n(parts.wasmBytes)} B raw, ${kb(gzipSize(fs.readFileSync(WASM.release.wasm)))} gzipped alone); each part gzipped alone`);
    },
  };
}

// VZ_ONLY=layout builds dist/layout.mjs alone (e.g. while the element does not build).
const only = process.env.VZ_ONLY;
export default [
  {
    input: 'component/index.ts',
    output: { file: 'dist/vz-graph.js', format: 'es', sourcemap: false },
    plugins: [nodeResolve(), minifyCss(), esbuild({ target: 'es2022', minify, legalComments: 'eof' }), ...squeeze(), layoutWorkerInline(), copyToPython(), reportSize('dist/vz-graph.js')],
  },
  {
    input: 'layout-wasm/src/node.ts',
    output: { file: 'dist/layout.mjs', format: 'es' },
    plugins: [layoutWasmInline('node', { pack: false }), nodeResolve(), esbuild({ target: 'es2022' })],
  },
].filter((config) => !only || (only === 'layout') === config.input.startsWith('layout-wasm/'));
