"""Shared test setup: the torchvision import shim, model helpers, document checks."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict

import pytest
import torch

REPO = Path(__file__).resolve().parents[2]
TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

# Test setup only: this machine's torchvision wheel is a CUDA build whose C++ ops do not load
# under CPU torch ("operator torchvision::nms does not exist" at import). Defining the two
# schemas lets its pure-Python model code import. vz_pytorch never needs this.
for _op in ("nms", "qnms"):
    try:
        torch.library.define(f"torchvision::{_op}", "(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
    except RuntimeError:
        pass


@pytest.fixture(autouse=True)
def _seed() -> None:
    torch.manual_seed(0)


def outputs_equal(a: Any, b: Any) -> bool:
    """Bit-identical nested outputs (tensors, tuples, lists, dicts / ModelOutput)."""
    if isinstance(a, torch.Tensor):
        return isinstance(b, torch.Tensor) and a.shape == b.shape and a.dtype == b.dtype and torch.equal(a, b)
    if isinstance(a, dict):
        return set(a.keys()) == set(b.keys()) and all(outputs_equal(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(outputs_equal(x, y) for x, y in zip(a, b))
    return True


def check_document(doc: Dict[str, Any]) -> None:
    """Format v1 invariants plus the tracer's own: edge labels are the producer's output shape."""
    import vz_pytorch as vz

    assert vz.validate(doc) == []
    assert "errors" not in doc["meta"], doc["meta"].get("errors")
    nodes = {n["id"]: n for n in doc["nodes"]}
    for e in doc["edges"]:
        src = nodes[e["source"]]
        if src["kind"] == "op":
            assert e["label"] == src["attrs"]["out_shapes"][e["sourcePort"]], (e, src)
        elif src["kind"] in ("input", "param", "constant", "output"):
            assert e["label"] == src["attrs"]["shape"], (e, src)
        tgt = nodes[e["target"]]
        if tgt["kind"] == "op" and e["targetPort"] < len(tgt["attrs"]["in_shapes"]):
            assert e["label"] == tgt["attrs"]["in_shapes"][e["targetPort"]], (e, tgt)


def traced_and_plain(model: torch.nn.Module, *args: Any, **kwargs: Any):
    """(plain output, traced output, graph dict) for one forward."""
    import vz_pytorch as vz

    plain = model(*args, **kwargs)
    with vz.tracing(model) as graph:
        traced = model(*args, **kwargs)
    return plain, traced, graph.to_dict()
