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
# One more binaryen round at -Os over both (same code, so the tests and benchmarks run what ships):
# asc's own pipeline leaves some of what -Os finds. Release 80,676 -> 80,250 B, LZMA-packed
# 24,192 -> 24,025 B, bundle -77 B gzip -9 (-131 zlib); every check graph's layout byte-identical,
# layout CPU time the same within noise (benchmarks/results/bundle.md). -O3 here grows the module;
# a second -Os round saves ~65 B more of LZMA, not taken (noise-sized). The features are asc's
# defaults that the module uses (wasm-opt refuses the module without them). layout.wat is asc's
# text output, from before this round.
for wasm in layout-wasm/build/layout.wasm layout-wasm/build/layout.node.wasm; do
  npx --no -- wasm-opt "$wasm" -Os --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int -o "$wasm"
done
