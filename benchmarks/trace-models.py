"""Real traced models for the layout benchmark: full-size architectures built from code or configs
with random weights (nothing is downloaded), traced by vz_pytorch, written as format-v1 documents.

    .venv/bin/python benchmarks/trace-models.py [--out benchmarks/graphs/models]

benchmarks/run-layout.sh lays them out fully expanded beside the synthetic graphs, for every engine.
The synthetic generator (gen-graphs.mjs) gives the sizes; these give the shapes real code makes:
views, indexing, residual adds, attention masks, an unrolled loop with time-step cues.
"""
from __future__ import annotations

import argparse
import json
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# This machine's torchvision is a CUDA build beside a CPU torch and needs the shim to import
# (test and demo setup only; the package does not need it). transformers imports torchvision too.
runpy.run_path(str(REPO / "demo" / "_torchvision_shim.py"))
sys.path.insert(0, str(REPO / "demo"))

import vz_pytorch as vz  # noqa: E402


def resnet50() -> tuple[torch.nn.Module, tuple[Any, ...]]:
    from torchvision.models import resnet50 as build

    return build().eval(), (torch.randn(1, 3, 224, 224),)


def vit_b16() -> tuple[torch.nn.Module, tuple[Any, ...]]:
    from torchvision.models import vit_b_16

    return vit_b_16().eval(), (torch.randn(1, 3, 224, 224),)


def gpt2_12() -> tuple[torch.nn.Module, tuple[Any, ...]]:
    from transformers import GPT2Config, GPT2LMHeadModel

    # GPT-2 small's architecture (12 layers, 768 wide); the vocabulary is cut to keep memory small,
    # which changes no node or edge of the graph.
    config = GPT2Config(n_layer=12, n_embd=768, n_head=12, vocab_size=1000, n_positions=64,
                        bos_token_id=0, eos_token_id=0)
    return GPT2LMHeadModel(config).eval(), (torch.randint(0, 1000, (1, 16)),)


def bert_base() -> tuple[torch.nn.Module, tuple[Any, ...]]:
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=1000)  # bert-base: 12 layers, 768 wide
    return BertModel(config).eval(), (torch.randint(0, 1000, (1, 16)),)


def t5_small() -> tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]:
    from transformers import T5Config, T5Model

    config = T5Config(vocab_size=1000, d_model=512, d_ff=2048, num_layers=6, num_heads=8)
    ids = torch.randint(0, 1000, (1, 12))
    return T5Model(config).eval(), (), {"input_ids": ids, "decoder_input_ids": ids[:, :8]}


def lstm_unrolled() -> tuple[torch.nn.Module, tuple[Any, ...]]:
    from models import UnrolledLSTM

    return UnrolledLSTM().eval(), (torch.randn(2, 12, 8),)


MODELS: dict[str, Callable[[], tuple[Any, ...]]] = {
    "resnet50": resnet50,
    "vit_b16": vit_b16,
    "gpt2_12": gpt2_12,
    "bert_base": bert_base,
    "t5_small": t5_small,
    "lstm_unrolled12": lstm_unrolled,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(HERE / "graphs" / "models"))
    parser.add_argument("--models", default=",".join(MODELS))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    for name in args.models.split(","):
        model, args, *kwargs = MODELS[name]()
        with torch.no_grad():
            doc = vz.trace(model, *args, **(kwargs[0] if kwargs else {})).to_dict()
        doc["title"] = name
        path = out / f"{name}.vz.json"
        path.write_text(json.dumps(doc))
        print(f"{path}: {len(doc['nodes'])} nodes, {len(doc['edges'])} edges")


if __name__ == "__main__":
    main()
