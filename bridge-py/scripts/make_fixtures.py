"""Trace the shared fixture models into test/fixtures/models/*.vz.json.

The layout (AssemblyScript), element (TypeScript) tests and the benchmarks read these files.
Run from anywhere: `python bridge-py/scripts/make_fixtures.py [--out DIR]`. Deterministic
(seeded weights and inputs); only `meta.created` changes between runs.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import runpy
import sys
from pathlib import Path
from typing import Callable, Dict

import torch

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE.parent / "tests"))  # tests/models.py: the shared fixture models

import vz_pytorch as vz  # noqa: E402
from models import MLP, LSTMLoop  # noqa: E402


def mlp() -> vz.Graph:
    model = MLP()
    x = torch.randn(4, 8)
    with vz.tracing(model, title="MLP") as graph:
        out = model(x)
        vz.plot_histogram(out, bins=12)  # attachments of each type, for the element's tests
        vz.plot_heatmap(model.fc1.weight, node=model.fc1)
        vz.plot_line("loss", [2.3, 1.9, 1.4, 1.1, 0.9, 0.8], node=model.head)
        vz.tag(model.fc2, "hidden layer")
    return graph


def lstm_loop() -> vz.Graph:
    return vz.trace(LSTMLoop(), torch.randn(6, 1, 4), trace_options={"title": "LSTM loop (6 steps)"})


def lstm_live() -> vz.Graph:
    """The live demo's unrolled LSTM (demo/live.py: demo/models.py build_lstm(steps=6)); its cells and
    readouts start collapsed, the layout tests check how that view is drawn."""
    sys.path.insert(0, str(REPO / "demo"))
    spec = importlib.util.spec_from_file_location("demo_models", REPO / "demo" / "models.py")
    demo_models = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo_models)  # type: ignore[union-attr]
    _, model, (example,) = demo_models.build_lstm(steps=6)
    return vz.trace(model, example)


def gpt2_tiny() -> vz.Graph:
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=100, n_positions=32)).eval()
    return vz.trace(model, input_ids=torch.randint(0, 100, (1, 8)), trace_options={"title": "GPT-2 (tiny)"})


def resnet18() -> vz.Graph:
    from torchvision.models import resnet18 as build

    return vz.trace(build().eval(), torch.randn(1, 3, 224, 224), trace_options={"title": "ResNet-18"})


FIXTURES: Dict[str, Callable[[], vz.Graph]] = {"mlp": mlp, "lstm_loop": lstm_loop, "lstm_live": lstm_live,
                                               "gpt2_tiny": gpt2_tiny, "resnet18": resnet18}


def _same_but_created(path: Path, doc: dict) -> bool:
    """True when `path` holds this document apart from meta.created (so reruns make no diffs)."""
    if not path.exists():
        return False
    try:
        old = json.loads(path.read_text())
    except ValueError:
        return False
    old.get("meta", {}).pop("created", None)
    new = json.loads(json.dumps(doc))
    new["meta"].pop("created", None)
    return bool(old == new)


def main() -> int:
    # This machine's torchvision is a CUDA build that needs the shim to import under CPU torch
    # (transformers imports torchvision too). See demo/_torchvision_shim.py.
    runpy.run_path(str(REPO / "demo" / "_torchvision_shim.py"))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "test" / "fixtures" / "models"))
    parser.add_argument("names", nargs="*", default=sorted(FIXTURES))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.names:
        torch.manual_seed(0)
        with torch.no_grad():
            graph = FIXTURES[name]()
        problems = vz.validate(graph.to_dict())
        if problems:
            raise SystemExit(f"{name}: invalid document: {problems[:3]}")
        path = out / f"{name}.vz.json"
        if _same_but_created(path, graph.to_dict()):
            print(f"{path.name}: unchanged")
            continue
        graph.save(path)
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {len(graph.nodes)} nodes, "
              f"{len(graph.edges)} edges, {path.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
