#!/usr/bin/env bash
# Runs the layout benchmark matrix; appends one JSON line per run to benchmarks/results/layout.jsonl.
#   bash benchmarks/run-layout.sh [engines] [sizes]   e.g. bash benchmarks/run-layout.sh "vz elk" "500 2000"
# vz lines carry per-phase times (--phases). Peers are skipped where they would take longer than the timeout (dagre above 2,000 leaves).
set -u
cd "$(dirname "$0")/.."
engines=${1:-"vz elk dagre dot"}
sizes=${2:-"500 2000 10000 100000"}
out=benchmarks/results/layout.jsonl
mkdir -p benchmarks/results
for size in $sizes; do
  for kind in transformer rnn resnet; do
    f=benchmarks/graphs/$kind-$size.vz.json
    [ -f "$f" ] || node benchmarks/gen-graphs.mjs "$size" >/dev/null
    for e in $engines; do
      if [ "$e" = dagre ] && [ "$size" -gt 2000 ]; then continue; fi
      if [ "$e" != vz ] && [ "$size" -gt 10000 ]; then continue; fi
      runs="--phases"; [ "$e" != vz ] && runs="--runs ${PEER_RUNS:-3} --warmup ${PEER_WARMUP:-0}"
      timeout 900 node --max-old-space-size=6000 benchmarks/layout.mjs "$f" --engine "$e" --out "$out" $runs || echo "{\"engine\":\"$e\",\"file\":\"$(basename $f)\",\"error\":\"failed or timed out\"}" | tee -a "$out"
    done
  done
done
