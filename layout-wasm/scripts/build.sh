#!/usr/bin/env bash
# Builds the WASM modules (as `npm run build:wasm`: scripts/build-wasm.sh) and dist/layout.mjs only
# (the element bundle is `npm run build:js`).
#   VZ_WASM_RUNTIME=minimal layout-wasm/scripts/build.sh   # try another AssemblyScript runtime
set -euo pipefail
cd "$(dirname "$0")/../.."
bash layout-wasm/scripts/build-wasm.sh ${VZ_WASM_RUNTIME:+--runtime "$VZ_WASM_RUNTIME"}
VZ_ONLY=layout npx rollup -c rollup.config.mjs --silent
