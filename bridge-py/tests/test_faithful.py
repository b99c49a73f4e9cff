"""Tracing never changes what runs, and leaves nothing behind (also when forward raises)."""
from __future__ import annotations

import threading

import pytest
import torch
import torch.nn as nn
import torch.nn.modules.module as module_mod
import torch.optim.optimizer as optimizer_mod

import vz_pytorch as vz
from conftest import check_document, outputs_equal
from models import MLP, HardCases, LSTMLoop

GLOBAL_HOOK_DICTS = ("_global_forward_pre_hooks", "_global_forward_hooks", "_global_forward_hooks_always_called",
                     "_global_forward_hooks_with_kwargs")
MODULE_HOOK_DICTS = ("_forward_pre_hooks", "_forward_pre_hooks_with_kwargs", "_forward_hooks",
                     "_forward_hooks_with_kwargs", "_forward_hooks_always_called")


def assert_clean(model: nn.Module) -> None:
    for name in GLOBAL_HOOK_DICTS:
        assert len(getattr(module_mod, name)) == 0, name
    for m in model.modules():
        for name in MODULE_HOOK_DICTS:
            assert len(getattr(m, name)) == 0, (type(m).__name__, name)
    assert torch._C._len_torch_function_stack() == 0
    assert torch.overrides.has_torch_function is torch._C._has_torch_function
    assert vz._trace.current_recorder() is None


class Boom(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
        self.inner = nn.Sequential(nn.ReLU(), nn.Linear(3, 3))

    def forward(self, x):
        with vz.group("doomed"):
            self.inner(self.fc(x))
            raise ValueError("boom in forward")


def test_exception_in_forward_removes_everything():
    model = Boom()
    with pytest.raises(ValueError, match="boom in forward"):
        vz.trace(model, torch.randn(2, 3))
    assert_clean(model)
    # and the model still runs normally, and traces normally, afterwards
    with pytest.raises(ValueError):
        model(torch.randn(2, 3))
    doc = vz.trace(MLP(), torch.randn(1, 8)).to_dict()
    check_document(doc)


def test_exception_inside_a_submodule_keeps_the_graph_consistent():
    class Bad(nn.Module):
        def forward(self, x):
            raise RuntimeError("inner failure")

    class Outer(nn.Module):
        def __init__(self):
            super().__init__()
            self.bad = Bad()

        def forward(self, x):
            try:
                return self.bad(x)
            except RuntimeError:
                return x * 2  # recovered: recorded in Outer, not inside the closed `bad` group

    model = Outer()
    doc = vz.trace(model, torch.randn(2)).to_dict()
    check_document(doc)
    mul = next(n for n in doc["nodes"] if n["label"] == "mul")
    assert mul["parent"] == "Outer"
    assert_clean(model)


@pytest.mark.parametrize("ctx", ["no_grad", "inference_mode", "grad"])
def test_grad_modes(ctx):
    model = HardCases()
    x = torch.randn(2, 6)
    manager = {"no_grad": torch.no_grad, "inference_mode": torch.inference_mode,
               "grad": torch.enable_grad}[ctx]
    with manager():
        plain = model(x)
        with vz.tracing(model) as graph:
            traced = model(x)
    assert outputs_equal(plain, traced)
    check_document(graph.to_dict())
    assert_clean(model)


def test_training_step_backward_inside_tracing():
    model = MLP()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(4, 8), torch.randint(0, 4, (4,))
    with vz.tracing(model) as graph:
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    doc = graph.to_dict()
    check_document(doc)
    ce = next(n for n in doc["nodes"] if n["label"] == "cross_entropy")
    assert ce["parent"] is None  # user code after the model call is drawn at the top level
    into = [e["source"] for e in doc["edges"] if e["target"] == ce["id"]]
    assert into[0] == "output"  # the model's output node feeds the loss
    assert all(p.grad is not None for p in model.parameters())
    # backward runs inside Tensor.backward (unseen) and optimizer steps are not recorded
    assert [n["id"] for n in doc["nodes"] if n["parent"] is None] == ["MLP", "input:x", "output", "cross_entropy",
                                                                      "input"]
    assert_clean(model)
    assert len(optimizer_mod._global_optimizer_pre_hooks) == 0
    assert len(optimizer_mod._global_optimizer_post_hooks) == 0


def test_hand_written_loop_is_identical():
    model = LSTMLoop()
    xs = torch.randn(6, 3, 4)
    plain = model(xs)
    traced_graph = vz.trace(model, xs)
    with vz.tracing(model):
        traced = model(xs)
    assert torch.equal(plain, traced)
    assert len(traced_graph.nodes) > 0
    assert_clean(model)


def test_other_threads_are_not_recorded():
    model = MLP()
    other = MLP()
    done = threading.Event()

    def run_other():
        other(torch.randn(1, 8))
        done.set()

    with vz.tracing(model) as graph:
        t = threading.Thread(target=run_other)
        t.start()
        t.join()
        model(torch.randn(1, 8))
    assert done.is_set()
    assert [n["id"] for n in graph.nodes if n["kind"] == "module"] == ["MLP", "fc1", "act", "fc2", "act#2", "head"]


def test_nested_trace_of_the_same_model_is_refused():
    model = MLP()
    with vz.tracing(model):
        with pytest.raises(vz.TraceError):
            with vz.tracing(model):
                pass
    assert_clean(model)


def test_tracing_needs_a_module():
    with pytest.raises(vz.TraceError):
        vz.trace(lambda x: x, torch.randn(1))  # type: ignore[arg-type]
    assert issubclass(vz.TraceError, vz.VzError) and issubclass(vz.CueError, vz.VzError)


def test_tracing_does_not_keep_activations_alive():
    import weakref

    class Chain(nn.Module):
        def forward(self, x):
            y = x * 2
            probe = weakref.ref(y)
            z = y + 1
            del y
            freed = probe() is None  # nothing but the trace could still hold y here
            return z, torch.tensor(freed)

    model, x = Chain(), torch.randn(3)
    with torch.no_grad():
        assert model(x)[1].item()
        with vz.tracing(model) as graph:
            _, freed = model(x)
    assert freed.item(), "the trace kept an intermediate tensor alive"
    check_document(graph.to_dict())


def test_reused_ids_of_dead_tensors_are_not_confused():
    class Churn(nn.Module):
        def forward(self, x):
            total = x.sum()
            for _ in range(50):
                total = total + (x * 3).sum()  # temporaries die and their ids get reused
            return total

    doc = vz.trace(Churn(), torch.randn(4)).to_dict()
    check_document(doc)
    sums = [n for n in doc["nodes"] if n["label"] == "sum"]
    adds = [n for n in doc["nodes"] if n["label"] == "add"]
    assert len(sums) == 51 and len(adds) == 50
    into = {}
    for e in doc["edges"]:
        into.setdefault(e["target"], []).append(e["source"])
    for add in adds:  # each add takes the running total and a fresh sum, never a stale node
        labels = sorted(n.split("/")[-1].split("#")[0] for n in into[add["id"]])
        assert labels in (["add", "sum"], ["sum", "sum"])


def test_tracing_does_not_consume_random_numbers():
    model = nn.Sequential(nn.Linear(8, 8), nn.Dropout(0.5), nn.Linear(8, 8)).train()
    x = torch.randn(4, 8)
    torch.manual_seed(123)
    plain = model(x)
    after_plain = torch.rand(1)
    torch.manual_seed(123)
    with vz.tracing(model):
        traced = model(x)
    after_traced = torch.rand(1)
    assert torch.equal(plain, traced) and torch.equal(after_plain, after_traced)
