#!/usr/bin/env bash
# The demo: traces real PyTorch models (an MLP, an unrolled LSTM cell loop, GPT-2 and BERT built
# from configs, ResNet-18) and serves a gallery of their diagrams, plus two models (a small GPT-2
# and the unrolled LSTM) training on the CPU while their metrics stream to the diagrams over
# Server-Sent Events. Open the printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python demo/run.py "$@"
