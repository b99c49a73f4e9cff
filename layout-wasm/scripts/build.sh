#!/usr/bin/env bash
# Builds the WASM module (asconfig.json's release target, as `npm run build:wasm`) and
# dist/layout.mjs only (the element bundle is `npm run build:js`).
#   VZ_WASM_RUNTIME=minimal layout-wasm/scripts/build.sh   # try another AssemblyScript runtime
set -euo pipefail
cd "$(dirname "$0")/../.."
npx asc layout-wasm/assembly/index.ts --target release ${VZ_WASM_RUNTIME:+--runtime "$VZ_WASM_RUNTIME"}
VZ_ONLY=layout npx rollup -c rollup.config.mjs --silent
