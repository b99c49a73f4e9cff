"""Tracing hand-written models: nesting, ops, data flow, hard cases."""
from __future__ import annotations

from collections import Counter

import pytest
import torch
import torch.nn as nn

import vz_pytorch as vz
from conftest import check_document, outputs_equal, traced_and_plain
from models import MLP, HardCases, LSTMLoop, functional_only


def by_id(doc):
    return {n["id"]: n for n in doc["nodes"]}


def test_mlp_structure_and_flow():
    model = MLP()
    x = torch.randn(3, 8)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    nodes = by_id(doc)
    assert doc["format"] == "vz-graph" and doc["version"] == 1 and doc["direction"] == "down"
    assert doc["title"] == "MLP"
    assert doc["meta"]["producer"].startswith("vz-pytorch ") and doc["meta"]["torch"] == torch.__version__
    # the root is a group; every module call is a group inside it; act is called twice
    assert nodes["MLP"]["parent"] is None and nodes["MLP"]["kind"] == "module"
    assert [n["id"] for n in doc["nodes"] if n["parent"] == "MLP" and n["kind"] == "module"] == \
        ["fc1", "act", "fc2", "act#2", "head"]
    assert nodes["act#2"]["label"] == "ReLU #2" and nodes["act"]["label"] == "ReLU"
    # built-in layers start collapsed and hold the op that ran inside them
    assert nodes["fc1"]["collapsed"] is True
    assert [n["label"] for n in doc["nodes"] if n["parent"] == "fc1"] == ["linear"]
    assert nodes["fc1"]["attrs"]["params"] == 8 * 16 + 16 and nodes["MLP"]["attrs"]["params_total"] == \
        sum(p.numel() for p in model.parameters())
    assert nodes["fc1"]["attrs"]["in_shapes"] == ["[3, 8]"] and nodes["fc1"]["attrs"]["out_shapes"] == ["[3, 16]"]
    assert nodes["fc1/linear"]["attrs"]["source"].startswith("models.py:")
    # data flow: input -> fc1/linear -> act/relu -> fc2/linear -> act#2/relu -> head/linear -> output
    chain = ["input:x", "fc1/linear", "act/relu", "fc2/linear", "act#2/relu", "head/linear", "output"]
    pairs = {(e["source"], e["target"]) for e in doc["edges"]}
    for a, b in zip(chain, chain[1:]):
        assert (a, b) in pairs, (a, b)
    assert len(doc["edges"]) == len(chain) - 1  # built-in params are internals: no param nodes
    edge = next(e for e in doc["edges"] if e["source"] == "fc1/linear")
    assert edge["label"] == "[3, 16]" and edge["attrs"]["dtype"] == "float32"


def test_hard_cases():
    model = HardCases()
    x = torch.randn(2, 6)
    plain, traced, doc = traced_and_plain(model, x)
    assert outputs_equal(plain, traced)
    check_document(doc)
    nodes = by_id(doc)
    labels = Counter(n["label"] for n in doc["nodes"] if n["kind"] == "op")
    # aliased module: hooked once, its two calls are two groups of one qualified name
    assert nodes["proj"]["kind"] == "module" and nodes["proj#2"]["label"] == "Linear #2"
    assert "alias" not in nodes
    # a parameter and a buffer used directly by ops in user code are drawn where used
    assert nodes["scale"]["kind"] == "param" and nodes["scale"]["attrs"]["shape"] == "[6, 6]"
    assert nodes["offset"]["kind"] == "constant"
    # operators, in-place, loop with branch (2 muls, 1 relu), no_grad region, indexing, view
    assert labels["matmul"] == 1 and labels["add_"] == 1 and labels["mul"] == 2 and labels["relu"] == 1
    assert labels["mean"] == 1 and labels["getitem"] == 2 and labels["view"] == 1 and labels["reshape"] == 1
    inplace = next(n for n in doc["nodes"] if n["label"] == "add_")
    assert inplace["attrs"]["inplace"] is True
    # the in-place add is the producer of z afterwards: matmul -> add_ -> add
    pairs = {(e["source"], e["target"]) for e in doc["edges"]}
    assert ("HardCases/matmul", inplace["id"]) in pairs and (inplace["id"], "HardCases/add") in pairs
    getitems = [n for n in doc["nodes"] if n["label"] == "getitem"]
    assert [n["attrs"]["args"] for n in getitems] == ["0", "(:, 1:)"]
    # dict output: one output node per key, fed by the right producers
    outs = {n["label"]: n for n in doc["nodes"] if n["kind"] == "output"}
    assert set(outs) == {"out", "first", "tail", "stats"}
    assert outs["out"]["attrs"]["shape"] == "[2, 6]" and outs["stats"]["attrs"]["shape"] == "[1, 6]"
    into = {e["target"]: e["source"] for e in doc["edges"]}
    assert nodes[into["output:out"]]["label"] == "view" and nodes[into["output:stats"]]["label"] == "mean"


def test_functional_only_code_and_top_level_ops():
    x, w = torch.randn(4, 5), torch.randn(5, 3)
    expected = functional_only(x, w)
    with vz.tracing(nn.Module()) as graph:  # nothing but functional code runs
        got = functional_only(x, w)
    assert torch.equal(expected, got)
    doc = graph.to_dict()
    check_document(doc)
    assert [n["label"] for n in doc["nodes"] if n["kind"] == "op"] == ["matmul", "gelu", "sum"]
    assert [n["kind"] for n in doc["nodes"]].count("input") == 2  # x and w, made outside the trace
    assert all(n["parent"] is None for n in doc["nodes"])


def test_lstm_loop_steps_and_names():
    model = LSTMLoop()
    xs = torch.randn(5, 2, 4)
    plain, traced, doc = traced_and_plain(model, xs)
    assert outputs_equal(plain, traced)
    check_document(doc)
    cells = [n for n in doc["nodes"] if n["attrs"].get("type") == "LSTMCell"]
    assert [n["step"] for n in cells] == [0, 1, 2, 3, 4]
    assert [n["id"] for n in cells] == ["cell", "cell#2", "cell#3", "cell#4", "cell#5"]
    # ops inside a step's cell carry that step; the head after the loop is in step 5
    for cell in cells:
        kids = [n for n in doc["nodes"] if n["parent"] == cell["id"]]
        assert kids and all(k["step"] == cell["step"] for k in kids)
    head = by_id(doc)["head"]
    assert head["step"] == 5
    assert "step" not in by_id(doc)["LSTMLoop"]  # ticks are scoped to the group they ran in
    named = [n for n in doc["nodes"] if n["attrs"].get("name") == "h_t"]
    assert len(named) == 5 and all(n["label"] == "h_t" for n in named)
    # the recurrence: step t's h feeds step t+1's cell
    ids = by_id(doc)
    for e in doc["edges"]:
        if e["source"] in {n["id"] for n in named} and e["target"] != "head/linear":
            assert ids[e["target"]]["step"] == ids[e["source"]]["step"] + 1
            assert e["attrs"]["name"] == "h_t"


def test_multi_output_ops_use_source_ports():
    class Split(nn.Module):
        def forward(self, x):
            a, b = x.chunk(2, dim=1)
            return a * b

    x = torch.randn(2, 4)
    doc = vz.trace(Split(), x).to_dict()
    check_document(doc)
    into_mul = sorted((e["sourcePort"], e["targetPort"]) for e in doc["edges"] if e["target"] == "Split/mul")
    assert into_mul == [(0, 0), (1, 1)]
    chunk = by_id(doc)["Split/chunk"]
    assert chunk["attrs"]["out_shapes"] == ["[2, 2]", "[2, 2]"]


def test_metadata_reads_are_not_nodes():
    class Meta(nn.Module):
        def forward(self, x):
            n = x.shape[0] + x.size(1) + x.dim() + len(x)
            assert x.dtype == torch.float32 and x.device.type == "cpu"
            _ = f"{x.sum().item():.3f}"
            return x * n

    doc = vz.trace(Meta(), torch.randn(2, 3)).to_dict()
    assert [n["label"] for n in doc["nodes"] if n["kind"] == "op"] == ["sum", "mul"]


def test_inplace_shape_change_labels_the_shape_before():
    class Unsq(nn.Module):
        def forward(self, x):
            y = x * 1
            y.unsqueeze_(0)
            return y + 1

    doc = vz.trace(Unsq(), torch.randn(3)).to_dict()
    check_document(doc)
    e = next(e for e in doc["edges"] if e["target"] == "Unsq/unsqueeze_")
    assert e["label"] == "[3]"
    assert by_id(doc)["Unsq/unsqueeze_"]["attrs"]["out_shapes"] == ["[1, 3]"]


def test_expand_depth_and_params_options():
    class Inner(nn.Module):
        def __init__(self):
            super().__init__()
            self.w = nn.Parameter(torch.ones(3))
            self.lin = nn.Linear(3, 3)

        def forward(self, x):
            return self.lin(x * self.w)

    class Outer(nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = nn.Sequential(Inner())

        def forward(self, x):
            return self.inner(x)

    x = torch.randn(1, 3)
    doc = vz.trace(Outer(), x, trace_options={"expand_depth": 1}).to_dict()
    nodes = by_id(doc)
    assert nodes["Outer"]["collapsed"] is False and nodes["inner"]["collapsed"] is True
    assert nodes["inner.0.w"]["kind"] == "param"
    doc = vz.trace(Outer(), x, trace_options={"params": "none"}).to_dict()
    assert not [n for n in doc["nodes"] if n["kind"] == "param"]
    doc = vz.trace(Outer(), x, trace_options={"params": "all"}).to_dict()
    assert {n["label"] for n in doc["nodes"] if n["kind"] == "param"} == {"w", "weight", "bias"}
    with pytest.raises(vz.TraceError):
        vz.trace(Outer(), x, trace_options={"params": "some"})


def test_kwargs_inputs_are_named():
    class KW(nn.Module):
        def forward(self, a, b=None, *rest, **extra):
            return a + b + rest[0] + extra["c"]

    t = [torch.randn(2) for _ in range(4)]
    doc = vz.trace(KW(), t[0], t[1], t[2], c=t[3]).to_dict()
    assert [n["id"] for n in doc["nodes"] if n["kind"] == "input"] == ["input:a", "input:b", "input:rest.0", "input:c"]


def test_param_counts_with_tied_weights():
    class Tied(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(10, 4)
            self.out = nn.Linear(4, 10, bias=False)
            self.out.weight = self.emb.weight  # tied, as in GPT-2's lm_head

        def forward(self, ids):
            return self.out(self.emb(ids))

    model = Tied()
    doc = vz.trace(model, torch.tensor([[1, 2]])).to_dict()
    nodes = by_id(doc)
    assert nodes["emb"]["attrs"]["params"] == 40 and nodes["out"]["attrs"]["params"] == 40
    assert nodes["Tied"]["attrs"]["params_total"] == 40 == sum(p.numel() for p in model.parameters())
    assert nodes["Tied"]["attrs"]["params"] == 0
