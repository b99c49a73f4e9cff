"""Layout cues and plot attachments."""
from __future__ import annotations

import base64
import json
import struct
import zlib

import pytest
import torch
import torch.nn as nn

import vz_pytorch as vz
from conftest import check_document
from models import MLP


def by_id(graph):
    return {n["id"]: n for n in graph.to_dict()["nodes"]}


class Cued(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(4, 4)
        self.b = nn.Linear(4, 4)

    def forward(self, x):
        with vz.group("branches", direction="right") as gid:
            assert gid == "Cued/branches"
            left = self.a(x)
            right = self.b(x)
            vz.align(left, right)
        with vz.pause():
            _ = (left * 100).sum()  # debug code: not drawn
        vz.tag(self.a, "the left branch")
        vz.tag(left, "left activations")
        vz.plot_histogram(right, bins=5)
        vz.plot_line("norm", left.norm(), node=self.b)
        vz.plot_line("norm", [2.0, 3.0], node=self.b)
        return vz.name(left + right, "sum")


def test_group_align_pause_tag_name():
    model = Cued()
    with vz.tracing(model) as graph:
        model(torch.randn(2, 4))
    doc = graph.to_dict()
    check_document(doc)
    nodes = by_id(graph)
    g = nodes["Cued/branches"]
    assert g["kind"] == "group" and g["direction"] == "right" and g["parent"] == "Cued" and g["label"] == "branches"
    assert nodes["a"]["parent"] == "Cued/branches" and nodes["b"]["parent"] == "Cued/branches"
    assert doc["align"] == [["a/linear", "b/linear"]]
    labels = [n["label"] for n in doc["nodes"] if n["kind"] == "op"]
    assert "sum" in labels and labels.count("mul") == 0  # paused code is absent; "sum" is the named add
    named = next(n for n in doc["nodes"] if n["attrs"].get("name") == "sum")
    assert named["attrs"]["type"] == "torch.Tensor.add"
    texts = {n["id"]: [a["text"] for a in n.get("attachments", []) if a["type"] == "text"] for n in doc["nodes"]}
    assert texts["a"] == ["the left branch"] and texts["a/linear"] == ["left activations"]
    hist = next(a for a in nodes["b/linear"]["attachments"] if a["type"] == "histogram")
    assert len(hist["bins"]) == 6 and len(hist["counts"]) == 5 and sum(hist["counts"]) == 8
    line = next(a for a in nodes["b"]["attachments"] if a["type"] == "line")
    assert line["id"] == "norm" and len(line["values"]) == 3 and line["values"][1:] == [2.0, 3.0]


def test_cues_are_no_ops_outside_tracing():
    x = torch.randn(3)
    assert vz.tick() is None
    with vz.step(3), vz.group("g") as gid, vz.pause():
        assert gid is None
    assert vz.name(x, "x") is x
    vz.align(x, x)
    vz.tag(x, "t")
    att = vz.plot_histogram(x, bins=4)
    assert att["type"] == "histogram" and sum(att["counts"]) == 3


def test_cue_errors():
    outside = torch.randn(2)
    with vz.tracing(MLP()) as graph:
        with pytest.raises(vz.CueError):
            vz.name(outside, "never traced")
        with pytest.raises(vz.CueError):
            vz.group("g", direction="sideways").__enter__()
        with pytest.raises(vz.CueError):
            vz.plot_line("loss", 1.0, node="no-such-node")
    assert graph.nodes == []


def test_tag_before_the_module_runs_is_kept():
    model = MLP()
    with vz.tracing(model) as graph:
        vz.tag(model.fc2, "tagged early")
        model(torch.randn(1, 8))
    assert by_id(graph)["fc2"]["attachments"] == [{"id": "tag1", "type": "text", "text": "tagged early"}]


def test_step_context_and_tick_scope():
    class Steps(nn.Module):
        def forward(self, x):
            for t in range(3):
                with vz.step(t):
                    x = x + 1
            vz.tick()
            y = x * 2
            vz.tick()
            return y * 3

    model, x = Steps(), torch.zeros(1)
    with vz.tracing(model) as graph:
        out = model(x)
        after = out - 1
    steps = [(n["label"], n.get("step")) for n in graph.to_dict()["nodes"] if n["kind"] == "op"]
    assert steps == [("add", 0), ("add", 1), ("add", 2), ("mul", 0), ("mul", 1), ("sub", None)]
    assert after.item() == 17.0


def test_heatmap_values():
    t = torch.arange(12.0).reshape(3, 4)
    t[0, 1] = float("nan")
    att = vz.heatmap(t, label="weights")
    assert (att["width"], att["height"], att["label"]) == (4, 3, "weights")
    assert att["data"] == [0.0, 0.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]  # NaN -> min
    big = vz.heatmap(torch.randn(300, 200))
    assert (big["width"], big["height"]) == (64, 64) and len(big["data"]) == 64 * 64
    with pytest.raises(vz.CueError):
        vz.heatmap(t, encoding="jpeg")


def test_heatmap_png_is_a_valid_png():
    t = torch.arange(12.0).reshape(3, 4)
    att = vz.heatmap(t, encoding="png")
    assert att["type"] == "image" and (att["width"], att["height"]) == (4, 3)
    assert att["min"] == 0.0 and att["max"] == 11.0
    png = base64.b64decode(att["data"].split(",", 1)[1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, color = struct.unpack(">IIBB", png[16:26])
    assert (width, height, depth, color) == (4, 3, 8, 2)
    idat_len = struct.unpack(">I", png[33:37])[0]
    raw = zlib.decompress(png[41:41 + idat_len])
    assert len(raw) == 3 * (1 + 4 * 3)
    first, last = raw[1:4], raw[-3:]
    assert first == bytes((68, 1, 84)) and last == bytes((253, 231, 37))  # colour map ends
    big = vz.heatmap(torch.randn(300, 200), max_size=32, encoding="png")
    assert (big["width"], big["height"]) == (32, 32)


def test_plots_with_non_finite_values_stay_valid_json():
    t = torch.tensor([1.0, float("nan"), float("inf"), 2.0])
    for att in (vz.histogram(t, bins=2), vz.line(t), vz.scalar(float("nan"))):
        json.loads(json.dumps(att, allow_nan=False))
    assert vz.histogram(t, bins=2)["counts"] == [1, 1]


def test_plot_heatmap_attaches_to_a_module_call():
    model = MLP()
    with vz.tracing(model) as graph:
        model(torch.randn(2, 8))
        vz.plot_heatmap(model.fc1.weight, node=model.fc1)
    att = by_id(graph)["fc1"]["attachments"][0]
    assert att["type"] == "image" and (att["width"], att["height"]) == (8, 16)
