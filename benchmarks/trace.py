"""Tracing overhead: plain forward vs `vz_pytorch.trace` (hooks + TorchFunctionMode + graph building).

    python benchmarks/trace.py [--repeat 15]

Medians (wall and process CPU time) of each, under torch.no_grad(), after warm-up, with the
default intra-op thread count and with one thread; single process, CPU.
Writes benchmarks/results/trace.json and prints a table.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import runpy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Before torch loads OpenMP: with the default active wait, intra-op worker threads spin between
# ops, and on a machine with more runnable threads than cores a plain forward sometimes takes
# 100x longer (measured here: 0.1 ms -> 16 ms for the MLP, with no tracing at all). Passive wait
# makes both columns measure the work. Override by setting OMP_WAIT_POLICY yourself.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# This machine's torchvision is a CUDA build that needs the shim to import under CPU torch.
runpy.run_path(str(REPO / "demo" / "_torchvision_shim.py"))

import vz_pytorch as vz


def mlp() -> tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]:
    model = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256),
                                torch.nn.ReLU(), torch.nn.Linear(256, 10))
    return model, (torch.randn(32, 64),), {}


def resnet18() -> tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]:
    from torchvision.models import resnet18 as build

    return build(), (torch.randn(1, 3, 224, 224),), {}


def gpt2_tiny() -> tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]:
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=100, n_positions=64))
    return model, (), {"input_ids": torch.randint(0, 100, (1, 32))}


def gpt2_small_shapes() -> tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]:
    """Same graph size as gpt2-tiny per layer, but tensors of a realistic width and length."""
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=4, n_embd=256, n_head=4, vocab_size=1000, n_positions=256))
    return model, (), {"input_ids": torch.randint(0, 1000, (2, 128))}


MODELS: dict[str, Callable[[], tuple[torch.nn.Module, tuple[Any, ...], dict[str, Any]]]] = {
    "mlp": mlp, "resnet18": resnet18, "gpt2-tiny": gpt2_tiny, "gpt2-256x4": gpt2_small_shapes}


def median_ms(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """Median wall time and median process CPU time, in ms.

    CPU time is the steadier figure on a shared machine (it does not count time spent
    descheduled); with one intra-op thread it is the cost of the work itself.
    """
    for _ in range(3):
        fn()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", default=str(HERE / "results" / "trace.json"))
    args = parser.parse_args()
    rows = []
    default_threads = torch.get_num_threads()
    # Both thread settings: with several intra-op threads on a busy machine, any Python work
    # between ops (which is what tracing adds) can let the worker threads sleep, and waking
    # them dominates; one thread shows the tracer's own cost.
    for threads in sorted({default_threads, 1}, reverse=True):
        torch.set_num_threads(threads)
        for name, build in MODELS.items():
            torch.manual_seed(0)
            model, a, kw = build()
            model.eval()
            bare_options = {"source": False, "args": False}
            with torch.no_grad():
                plain, plain_cpu = median_ms(functools.partial(model, *a, **kw), args.repeat)
                traced, traced_cpu = median_ms(functools.partial(vz.trace, model, *a, **kw), args.repeat)
                _, bare_cpu = median_ms(functools.partial(vz.trace, model, *a, trace_options=bare_options, **kw),
                                        args.repeat)
                graph = vz.trace(model, *a, **kw)
            rows.append({"model": name, "threads": threads, "plain_ms": round(plain, 3),
                         "traced_ms": round(traced, 3), "overhead": round(traced / plain, 2),
                         "plain_cpu_ms": round(plain_cpu, 3), "traced_cpu_ms": round(traced_cpu, 3),
                         "overhead_cpu": round(traced_cpu / plain_cpu, 2),
                         "traced_no_source_cpu_ms": round(bare_cpu, 3),
                         "overhead_no_source_cpu": round(bare_cpu / plain_cpu, 2),
                         "nodes": len(graph.nodes), "edges": len(graph.edges)})
    torch.set_num_threads(default_threads)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    result = {"benchmark": "trace", "repeat": args.repeat, "torch": torch.__version__, "vz_pytorch": vz.__version__,
              "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "load_average_1min": load, "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"), "rows": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"{'model':<11}{'threads':>8}{'wall plain':>11}{'traced':>9}{'ratio':>7}"
          f"{'cpu plain':>11}{'traced':>9}{'ratio':>7}{'no-src':>8}{'nodes':>7}")
    for r in rows:
        print(f"{r['model']:<11}{r['threads']:>8}{r['plain_ms']:>11.2f}{r['traced_ms']:>9.2f}{r['overhead']:>6.2f}x"
              f"{r['plain_cpu_ms']:>11.2f}{r['traced_cpu_ms']:>9.2f}{r['overhead_cpu']:>6.2f}x"
              f"{r['overhead_no_source_cpu']:>7.2f}x{r['nodes']:>7}")
    print(f"(load average {load}, {os.cpu_count()} CPUs; medians of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
