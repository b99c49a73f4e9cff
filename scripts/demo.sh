#!/usr/bin/env bash
# The demo: traces real PyTorch models (an MLP, an unrolled LSTM cell loop, GPT-2 and BERT built
# from configs, ResNet-18), and serves a gallery of their diagrams plus one live diagram that
# updates over Server-Sent Events while a model trains. Open the printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python demo/run.py "$@"
