// Builds two artifacts:
//  - dist/vz-graph.js: the element, one self-contained ES module. The layout worker is bundled by a
//    nested rollup build and inlined as a string (started from a Blob URL); the WASM module is
//    inlined as base64. Nothing is fetched at run time, so it works when loaded from any origin.
//  - dist/layout.mjs: the layout engine for Node (benchmarks, tests, tools), WASM inlined too.
// TypeScript is compiled by esbuild (typescript 7 breaks @rollup/plugin-typescript); `tsc` only
// type-checks and writes declarations (npm run build:types).
import fs from 'node:fs';
import path from 'node:path';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const WASM_FILE = 'layout-wasm/build/layout.wasm';
const minify = process.env.VZ_DEBUG_BUILD ? false : true;

/** `import base64 from 'virtual:vz-layout-wasm'`: the compiled layout module as base64. */
function layoutWasmInline() {
  return {
    name: 'vz-layout-wasm-inline',
    resolveId: (id) => (id === 'virtual:vz-layout-wasm' ? '\0vz-layout-wasm' : null),
    load(id) {
      if (id !== '\0vz-layout-wasm') return null;
      if (!fs.existsSync(WASM_FILE)) this.error(`${WASM_FILE} is missing: run \`npm run build:wasm\` first`);
      this.addWatchFile(path.resolve(WASM_FILE));
      return `export default ${JSON.stringify(fs.readFileSync(WASM_FILE).toString('base64'))};`;
    },
  };
}

/** `import source from 'virtual:vz-layout-worker'`: the worker, bundled as one classic script. */
function layoutWorkerInline() {
  return {
    name: 'vz-layout-worker-inline',
    resolveId: (id) => (id === 'virtual:vz-layout-worker' ? '\0vz-layout-worker' : null),
    async load(id) {
      if (id !== '\0vz-layout-worker') return null;
      const bundle = await rollup({
        input: 'layout-wasm/src/worker.ts',
        plugins: [layoutWasmInline(), nodeResolve(), esbuild({ target: 'es2022', minify })],
      });
      const { output } = await bundle.generate({ format: 'iife', name: 'vzLayoutWorker' });
      await bundle.close();
      for (const file of bundle.watchFiles ?? []) this.addWatchFile(file);
      return `export default ${JSON.stringify(output[0].code)};`;
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

// VZ_ONLY=layout builds dist/layout.mjs alone (e.g. while the element does not build).
const only = process.env.VZ_ONLY;
export default [
  {
    input: 'component/index.ts',
    output: { file: 'dist/vz-graph.js', format: 'es', sourcemap: false },
    plugins: [layoutWorkerInline(), nodeResolve(), esbuild({ target: 'es2022', minify }), copyToPython()],
  },
  {
    input: 'layout-wasm/src/node.ts',
    output: { file: 'dist/layout.mjs', format: 'es' },
    plugins: [layoutWasmInline(), nodeResolve(), esbuild({ target: 'es2022' })],
  },
].filter((config) => !only || (only === 'layout') === config.input.startsWith('layout-wasm/'));
