"""The demo's models: real PyTorch code, built from code or configs with random weights
(nothing is downloaded). Each `build_*` returns (title, model, example inputs)."""
from __future__ import annotations

import torch
from torch import nn

# This machine's torchvision is a CUDA build beside a CPU torch; transformers imports it too.
# The shim (demo only, never the package) makes it importable. See _torchvision_shim.py.
import _torchvision_shim  # noqa: F401,E402
import vz_pytorch as vz


class MLP(nn.Module):
    """A small classifier: the simplest thing worth drawing."""

    def __init__(self, d_in: int = 784, hidden: int = 256, classes: int = 10) -> None:
        super().__init__()
        self.fc1 = nn.Linear(d_in, hidden)
        self.act = nn.ReLU()
        self.drop = nn.Dropout(0.1)
        self.fc2 = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.drop(self.act(self.fc1(x.flatten(1))))
        x = self.act(self.fc2(x)) + x  # a residual connection
        return self.head(x).log_softmax(-1)


class UnrolledLSTM(nn.Module):
    """An LSTM written as a loop over time with an `nn.LSTMCell`, the textbook way.
    `vz.tick()` marks each time step, so the diagram lays the steps out side by side."""

    def __init__(self, d_in: int = 8, hidden: int = 16, d_out: int = 1) -> None:
        super().__init__()
        self.hidden = hidden
        self.cell = nn.LSTMCell(d_in, hidden)
        self.readout = nn.Linear(hidden, d_out)

    def forward(self, xs: torch.Tensor) -> torch.Tensor:
        batch, steps, _ = xs.shape
        h = xs.new_zeros(batch, self.hidden)
        c = xs.new_zeros(batch, self.hidden)
        outs = []
        for t in range(steps):
            vz.tick()
            h, c = self.cell(xs[:, t], (h, c))
            vz.name(h, f"h_{t}")
            outs.append(self.readout(h))
        return torch.stack(outs, dim=1)


def build_mlp():
    return "MLP", MLP(), (torch.randn(4, 1, 28, 28),)


def build_lstm(steps: int = 5):
    return "Unrolled LSTM", UnrolledLSTM(), (torch.randn(2, steps, 8),)


def build_gpt2():
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(n_layer=6, n_embd=384, n_head=6, vocab_size=50257, n_positions=256)
    model = GPT2LMHeadModel(config).eval()
    return "GPT-2 (6 layers, random weights)", model, (torch.randint(0, config.vocab_size, (1, 16)),)


def build_bert():
    from transformers import BertConfig, BertModel

    config = BertConfig(num_hidden_layers=4, hidden_size=256, num_attention_heads=4, intermediate_size=1024)
    model = BertModel(config).eval()
    return "BERT (4 layers, random weights)", model, (torch.randint(0, config.vocab_size, (1, 16)),)


def build_resnet18():
    from torchvision.models import resnet18

    return "ResNet-18", resnet18().eval(), (torch.randn(1, 3, 224, 224),)


def build_tiny_gpt2(vocab: int = 96, context: int = 32):
    """A small GPT-2 that trains in real time on a CPU (character-level, random init)."""
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(n_layer=4, n_embd=96, n_head=4, vocab_size=vocab, n_positions=context,
                        bos_token_id=0, eos_token_id=0)
    return "GPT-2 (4 layers, training live)", GPT2LMHeadModel(config), (torch.randint(0, vocab, (1, context)),)


GALLERY = {
    "mlp": build_mlp,
    "lstm": build_lstm,
    "gpt2": build_gpt2,
    "bert": build_bert,
    "resnet18": build_resnet18,
}
