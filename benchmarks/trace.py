"""Tracing overhead: plain forward vs `vz_pytorch.trace` (hooks + TorchFunctionMode + graph building).

    python benchmarks/trace.py [--repeat 15]

Median wall time of each, under torch.no_grad(), after warm-up; single process, CPU.
Writes benchmarks/results/trace.json and prints a table.
"""
from __future__ import annotations

import argparse
import json
import platform
import runpy
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import torch

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# This machine's torchvision is a CUDA build that needs the shim to import under CPU torch.
runpy.run_path(str(REPO / "demo" / "_torchvision_shim.py"))

import vz_pytorch as vz  # noqa: E402


def mlp() -> Tuple[torch.nn.Module, Tuple[Any, ...], Dict[str, Any]]:
    model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                                torch.nn.ReLU(), torch.nn.Linear(256, 10))
    return model, (torch.randn(32, 64),), {}


def resnet18() -> Tuple[torch.nn.Module, Tuple[Any, ...], Dict[str, Any]]:
    from torchvision.models import resnet18 as build

    return build(), (torch.randn(1, 3, 224, 224),), {}


def gpt2_tiny() -> Tuple[torch.nn.Module, Tuple[Any, ...], Dict[str, Any]]:
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=100, n_positions=64))
    return model, (), {"input_ids": torch.randint(0, 100, (1, 32))}


MODELS: Dict[str, Callable[[], Tuple[torch.nn.Module, Tuple[Any, ...], Dict[str, Any]]]] = {
    "mlp": mlp, "resnet18": resnet18, "gpt2-tiny": gpt2_tiny}


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    for _ in range(3):
        fn()
    times: List[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", default=str(HERE / "results" / "trace.json"))
    args = parser.parse_args()
    torch.manual_seed(0)
    rows = []
    for name, build in MODELS.items():
        model, a, kw = build()
        model.eval()
        with torch.no_grad():
            plain = median_ms(lambda: model(*a, **kw), args.repeat)
            traced = median_ms(lambda: vz.trace(model, *a, **kw), args.repeat)
            graph = vz.trace(model, *a, **kw)
        rows.append({"model": name, "plain_ms": round(plain, 3), "traced_ms": round(traced, 3),
                     "overhead": round(traced / plain, 2), "nodes": len(graph.nodes), "edges": len(graph.edges)})
    result = {"benchmark": "trace", "repeat": args.repeat, "torch": torch.__version__, "vz_pytorch": vz.__version__,
              "python": platform.python_version(), "machine": platform.machine(),
              "threads": torch.get_num_threads(), "rows": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"{'model':<12}{'plain ms':>10}{'traced ms':>11}{'overhead':>10}{'nodes':>8}{'edges':>8}")
    for r in rows:
        print(f"{r['model']:<12}{r['plain_ms']:>10.2f}{r['traced_ms']:>11.2f}{r['overhead']:>9.2f}x"
              f"{r['nodes']:>8}{r['edges']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
