#!/usr/bin/env bash
# The WASM modules (npm run build:wasm), from asconfig.json's targets, both at once:
#   release  layout-wasm/build/layout.wasm       entry assembly/index.ts: what the element ships
#   node     layout-wasm/build/layout.node.wasm  entry assembly/debug/index.ts: the same code plus the
#            debug exports (phaseChecks, debugCounts, …) for dist/layout.mjs, tests and benchmarks
# `build-wasm.sh debug` builds the debug target instead (assertions, source map, debug exports).
# Extra arguments go to asc (e.g. --runtime incremental). Every build keeps the GC's __visit out of
# line (scripts/no-inline-gc.mjs; asc resolves a transform named in asconfig.json as a package).
set -euo pipefail
cd "$(dirname "$0")/../.."
asc=(npx --no -- asc --transform ./layout-wasm/scripts/no-inline-gc.mjs)
if [[ "${1:-}" == debug ]]; then
  shift
  exec "${asc[@]}" layout-wasm/assembly/debug/index.ts --target debug "$@"
fi
"${asc[@]}" layout-wasm/assembly/index.ts --target release "$@" & release=$!
"${asc[@]}" layout-wasm/assembly/debug/index.ts --target node "$@" & node=$!
wait $release
wait $node
