"""Golden graphs of small fixture models, reviewed in diffs.

Regenerate on purpose with `VZ_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`.
Volatile parts are stripped first: meta.created/python/torch, and line numbers in `source`.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any, Callable, Dict

import pytest
import torch

import vz_pytorch as vz
from conftest import REPO, check_document
from models import MLP, HardCases, LSTMLoop

GOLDEN = REPO / "test" / "fixtures" / "py"
UPDATE = os.environ.get("VZ_UPDATE_GOLDEN") == "1"


def stable(doc: Dict[str, Any]) -> Dict[str, Any]:
    doc = json.loads(json.dumps(doc))
    for key in ("created", "python", "torch"):
        doc["meta"].pop(key, None)
    for n in doc["nodes"]:
        src = n.get("attrs", {}).get("source")
        if src:
            n["attrs"]["source"] = re.sub(r":\d+$", "", src)
    return doc


CASES: Dict[str, Callable[[], vz.Graph]] = {
    "mlp": lambda: vz.trace(MLP(), torch.randn(2, 8)),
    "lstm_loop": lambda: vz.trace(LSTMLoop(), torch.randn(3, 1, 4)),
    "hard_cases": lambda: vz.trace(HardCases(), torch.randn(2, 6)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    torch.manual_seed(0)
    doc = stable(CASES[name]().to_dict())
    check_document(doc)
    path = GOLDEN / f"{name}.vz.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=1) + "\n")
    assert path.exists(), f"{path} is missing: run with VZ_UPDATE_GOLDEN=1 to create it"
    expected = json.loads(path.read_text())
    assert doc == expected, f"{name} changed: review, then regenerate with VZ_UPDATE_GOLDEN=1"
