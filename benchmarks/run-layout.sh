#!/usr/bin/env bash
# Runs the layout benchmark matrix; appends one JSON line per run to benchmarks/results/layout.jsonl.
#   bash benchmarks/run-layout.sh [engines] [sizes]   e.g. bash benchmarks/run-layout.sh "vz elk" "500 2000 models"
# elk-ports is ELK given vz's argument ports (benchmarks/layout.mjs elkPorts): the like-for-like crossing count.
# "models" is the real traced models (benchmarks/trace-models.py: ResNet-50, ViT-B/16, GPT-2 12 layers,
# BERT-base, T5-small, an unrolled LSTM), traced into benchmarks/graphs/models/ when missing.
# vz lines carry per-phase times (--phases). Peers are skipped where they would take longer than the timeout (dagre above 2,000 leaves).
set -u
cd "$(dirname "$0")/.."
engines=${1:-"vz elk elk-ports dagre dot"}
sizes=${2:-"models 500 2000 10000 100000"}
out=benchmarks/results/layout.jsonl
mkdir -p benchmarks/results
files() {
  if [ "$1" = models ]; then
    [ -d benchmarks/graphs/models ] || .venv/bin/python benchmarks/trace-models.py >/dev/null
    ls benchmarks/graphs/models/*.vz.json
  else
    for kind in transformer rnn resnet; do echo "benchmarks/graphs/$kind-$1.vz.json"; done
  fi
}
for size in $sizes; do
  for f in $(files "$size"); do
    [ -f "$f" ] || node benchmarks/gen-graphs.mjs "$size" >/dev/null
    for e in $engines; do
      n=$size; [ "$size" = models ] && n=1000
      if [ "$e" = dagre ] && [ "$n" -gt 2000 ]; then continue; fi
      if [ "$e" != vz ] && [ "$n" -gt 10000 ]; then continue; fi
      runs="--phases"; [ "$e" != vz ] && runs="--runs ${PEER_RUNS:-3} --warmup ${PEER_WARMUP:-0}"
      timeout 900 node --max-old-space-size=6000 benchmarks/layout.mjs "$f" --engine "$e" --out "$out" $runs || echo "{\"engine\":\"$e\",\"file\":\"$(basename $f)\",\"error\":\"failed or timed out\"}" | tee -a "$out"
    done
  done
done
