"""Small hand-written models shared by the tests, the golden files and scripts/make_fixtures.py."""
from __future__ import annotations

from typing import Dict, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

import vz_pytorch as vz


class MLP(nn.Module):
    def __init__(self, d_in: int = 8, d_hidden: int = 16, d_out: int = 4) -> None:
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(d_hidden, d_hidden)
        self.head = nn.Linear(d_hidden, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.act(self.fc2(self.act(self.fc1(x)))))


class LSTMCell(nn.Module):
    """A hand-written LSTM cell: gates from one matmul, chunked in four."""

    def __init__(self, d_in: int, d_hidden: int) -> None:
        super().__init__()
        self.ih = nn.Linear(d_in, 4 * d_hidden)
        self.hh = nn.Linear(d_hidden, 4 * d_hidden)

    def forward(self, x: torch.Tensor, state: Tuple[torch.Tensor, torch.Tensor]) -> Tuple[torch.Tensor, torch.Tensor]:
        h, c = state
        i, f, g, o = (self.ih(x) + self.hh(h)).chunk(4, dim=-1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        return h, c


class LSTMLoop(nn.Module):
    """A Python loop over time steps with `vz.tick()` per step."""

    def __init__(self, d_in: int = 4, d_hidden: int = 8) -> None:
        super().__init__()
        self.d_hidden = d_hidden
        self.cell = LSTMCell(d_in, d_hidden)
        self.head = nn.Linear(d_hidden, 2)

    def forward(self, xs: torch.Tensor) -> torch.Tensor:
        h = xs.new_zeros(xs.shape[1], self.d_hidden)
        c = xs.new_zeros(xs.shape[1], self.d_hidden)
        for t in range(xs.shape[0]):
            vz.tick()
            h, c = self.cell(xs[t], (h, c))
            vz.name(h, "h_t")
        with vz.step(xs.shape[0]):
            return self.head(h)


class HardCases(nn.Module):
    """In-place ops, indexing, views, @, a directly used parameter, a module called twice,
    an aliased module, a loop with a branch, no_grad, and a dict output."""

    def __init__(self) -> None:
        super().__init__()
        self.proj = nn.Linear(6, 6)
        self.alias = self.proj  # the same module under two names
        self.scale = nn.Parameter(torch.full((6, 6), 0.5))
        self.register_buffer("offset", torch.arange(6.0))

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        y = self.proj(x)
        y = self.alias(y)  # second call of the same module
        z = y @ self.scale
        z.add_(1.0)
        z = z + self.offset
        for i in range(3):
            if i % 2 == 0:
                z = z * 2
            else:
                z = torch.relu(z)
        with torch.no_grad():
            stats = z.mean(dim=0, keepdim=True)
        first = z[0]
        tail = z[:, 1:].reshape(-1)
        return {"out": z.view(2, -1), "first": first, "tail": tail, "stats": stats}


def functional_only(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """No modules at all: a function traced inside a `tracing()` block."""
    return F.gelu(x @ w).sum(dim=-1)
