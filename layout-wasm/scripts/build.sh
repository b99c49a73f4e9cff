#!/usr/bin/env bash
# Builds the WASM module and dist/layout.mjs only (the element bundle is built by `npm run build:js`).
set -euo pipefail
cd "$(dirname "$0")/../.."
npx asc layout-wasm/assembly/index.ts --target release
VZ_ONLY=layout npx rollup -c rollup.config.mjs --silent
