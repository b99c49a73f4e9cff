"""The demo's live part: two models train on the CPU while their diagrams update in the browser.

Each model is traced once and published; then every few steps its metrics go out as `attach`
events (line series that grow by one value), which the element draws on the layers they belong
to without laying the diagram out again.
"""
from __future__ import annotations

import math
import threading

import torch

import vz_pytorch as vz
from models import build_lstm, build_tiny_gpt2

TEXT = (
    "Diagrams of neural networks have a shape people expect: data flows one way, modules nest, "
    "recurrent networks unroll across time, and edges run at right angles, never through boxes. "
)


def pick_node(doc: dict, suffix: str) -> str:
    for node in doc["nodes"]:
        if node["id"].endswith(suffix):
            return node["id"]
    return doc["nodes"][0]["id"]


def line(id: str, label: str, value: float) -> dict:
    return {"id": id, "type": "line", "label": label, "values": [round(value, 5)]}


class GPT2Live:
    """Trains a 4-layer GPT-2 on a sentence, character by character. Metrics: the loss on the
    model, and each block's gradient norm on that block (`transformer.h.N`)."""

    def __init__(self, server: vz.Server) -> None:
        torch.manual_seed(0)
        chars = sorted(set(TEXT))
        self.data = torch.tensor([chars.index(c) for c in TEXT])
        _, self.model, (example,) = build_tiny_gpt2(vocab=len(chars), context=32)
        self.context = example.shape[1]
        self.server = server
        doc = vz.trace(self.model, example).to_dict()
        doc["title"] = "GPT-2 — training live"
        server.publish(doc)
        self.root = doc["nodes"][0]["id"]
        self.blocks = [(i, f"transformer.h.{i}") for i in range(len(self.model.transformer.h))]
        self.optimiser = torch.optim.AdamW(self.model.parameters(), lr=3e-3)
        self.steps = 0

    def step(self) -> None:
        starts = torch.randint(0, len(self.data) - self.context - 1, (8,))
        batch = torch.stack([self.data[s:s + self.context + 1] for s in starts.tolist()])
        out = self.model(batch[:, :-1])
        loss = torch.nn.functional.cross_entropy(out.logits.reshape(-1, out.logits.shape[-1]), batch[:, 1:].reshape(-1))
        self.optimiser.zero_grad()
        loss.backward()
        self.steps += 1
        if self.steps % 5 == 0:
            self.server.attach(self.root, line("loss", "train loss", loss.item()), append=True)
            for i, node in self.blocks:
                norm = torch.sqrt(sum((p.grad ** 2).sum() for p in self.model.transformer.h[i].parameters()))
                self.server.attach(node, line("grad", "grad norm", norm.item()), append=True)
        self.optimiser.step()


class LSTMLive:
    """Trains the unrolled LSTM to continue a sine wave; its loss streams to the readout layer."""

    def __init__(self, server: vz.Server) -> None:
        torch.manual_seed(0)
        _, self.model, (example,) = build_lstm(steps=6)
        doc = vz.trace(self.model, example).to_dict()
        doc["title"] = "Unrolled LSTM — training live"
        server.publish(doc)
        self.server = server
        self.node = pick_node(doc, "readout")
        self.optimiser = torch.optim.Adam(self.model.parameters(), lr=0.02)
        self.t = torch.linspace(0, 4 * math.pi, 7)
        self.steps = 0

    def step(self) -> None:
        phase = torch.rand(16, 1) * 2 * math.pi
        wave = torch.sin(self.t + phase).unsqueeze(-1)  # [16, 7, 1]
        loss = torch.nn.functional.mse_loss(self.model(wave[:, :-1].expand(-1, -1, 8)), wave[:, 1:])
        self.optimiser.zero_grad()
        loss.backward()
        self.optimiser.step()
        self.steps += 1
        if self.steps % 5 == 0:
            self.server.attach(self.node, line("loss", "train loss", loss.item()), append=True)
            self.server.attach(self.node, {"id": "step", "type": "scalar", "label": "step", "value": self.steps})


def train(models: list, steps: int | None, stop: threading.Event, pause: float = 0.05) -> None:
    """Steps every model in turn, `steps` times (None: until `stop` is set)."""
    done = 0
    while not stop.is_set() and (steps is None or done < steps):
        for model in models:
            model.step()
        done += 1
        stop.wait(pause)
