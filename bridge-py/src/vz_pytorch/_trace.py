"""Tracing a PyTorch model into a `Graph` (DESIGN.md "Tracing").

- Global module forward pre/post hooks give the nesting: each module *call*
  is a group node (`layer1.0.conv1`; a second call of the same module is `name#2`).
- A `TorchFunctionMode` sees every torch function, `F.*` call, Tensor method and operator;
  each call that produces a tensor becomes an `op` node in the innermost open group.
- Tensors are tracked by identity (`id` plus a weak reference, so a new tensor that reuses a
  dead one's id is not mistaken for it, and no activation is kept alive by the trace): an
  edge runs from a tensor's producer to each consumer.

Everything installed here is removed in `finally`, also when the forward raises; the model
computes exactly what it computes untraced (see `_fast_path_guard` for the one subtlety).
"""
from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import torch
import torch.nn.modules.module as _module_mod
from torch.nn.modules.module import register_module_forward_hook, register_module_forward_pre_hook
from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook
from torch.overrides import TorchFunctionMode

from ._errors import TraceError
from ._graph import Graph
from ._introspect import func_info, shape_str
from ._recorder import Recorder

__all__ = ["trace", "tracing", "current_recorder"]

_local = threading.local()


def current_recorder() -> Optional[Recorder]:
    """The recorder of the innermost active trace in this thread, or None."""
    stack: List[Recorder] = getattr(_local, "stack", [])
    return stack[-1] if stack else None


class _Mode(TorchFunctionMode):
    """Records every torch function call that returns a tensor (or writes one in place)."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder

    def __torch_function__(self, func: Callable[..., Any], types: Any, args: Tuple[Any, ...] = (),
                           kwargs: Optional[Dict[str, Any]] = None) -> Any:
        if kwargs is None:
            kwargs = {}
        rec = self.recorder
        if rec.paused:
            return func(*args, **kwargs)
        info = func_info(func)
        if info is None:  # a metadata read (.shape, .dim(), …)
            return func(*args, **kwargs)
        before = None
        if info.inplace and args and isinstance(args[0], torch.Tensor):
            before = shape_str(args[0])  # unsqueeze_/resize_ change it
        out = func(*args, **kwargs)  # the mode is off inside: nested calls are not seen twice
        if not rec.paused:
            try:
                rec.record_op(info, args, kwargs, out, before)
            except Exception as exc:  # a tracer bug must never break the user's model
                rec.internal_error(exc)
        return out


def _has_torch_function_ignoring_modes(args: Any) -> bool:
    """`torch.overrides.has_torch_function` as it answers when no mode is active.

    nn.TransformerEncoderLayer and nn.MultiheadAttention take a fused fast path only when
    `torch.overrides.has_torch_function(tensor_args)` is False, and any active mode makes it
    True. Without this guard a traced model would run the slow path and compute (slightly)
    different numbers. With it, the traced run takes the path the untraced one takes, and the
    fused kernel (`_transformer_encoder_layer_fwd`, `_native_multi_head_attention`) is
    recorded as the op that actually ran.
    """
    for a in args:
        t = type(a)
        if t is torch.Tensor or t is torch.nn.Parameter:
            continue
        tf = getattr(t, "__torch_function__", None)
        if tf is None:
            continue
        impl = getattr(tf, "__func__", tf)
        if impl is _DEFAULT_TF or impl is torch._C._disabled_torch_function_impl:
            continue
        return True
    return False


_DEFAULT_TF = torch.Tensor.__torch_function__.__func__  # type: ignore[attr-defined]


@contextlib.contextmanager
def _fast_path_guard() -> Iterator[None]:
    original = torch.overrides.has_torch_function
    torch.overrides.has_torch_function = _has_torch_function_ignoring_modes  # type: ignore[assignment]
    try:
        yield
    finally:
        torch.overrides.has_torch_function = original  # type: ignore[assignment]


@contextlib.contextmanager
def tracing(model: torch.nn.Module, *, title: Optional[str] = None, expand_depth: int = 2,
            params: str = "user", source: bool = True, args: bool = True,
            direction: str = "down") -> Iterator[Graph]:
    """Record what `model` (and any torch code) does inside the block into a `Graph`.

    ```
    with vz.tracing(model) as graph:
        out = model(x)
    graph.save("model.vz.json")
    ```
    Options:
    - `expand_depth`: module groups deeper than this start collapsed (root = depth 0); built-in
      `torch.nn` layers (Conv2d, LSTM, …) always start collapsed. The element can expand them.
    - `params`: `"user"` draws parameters/buffers used directly by ops in user-written modules
      as `param`/`constant` nodes; `"all"` also inside torch/transformers/torchvision modules;
      `"none"` never.
    - `source`: record `attrs.source` ("file.py:42" of the user code that made each call).
    - `args`: record non-tensor arguments of ops as `attrs.args` ("1, 2" for `transpose(1, 2)`).
    """
    if not isinstance(model, torch.nn.Module):
        raise TraceError(f"tracing() needs a torch.nn.Module, got {type(model).__name__}")
    if params not in ("user", "all", "none"):
        raise TraceError(f"params must be 'user', 'all' or 'none', not {params!r}")
    for rec in getattr(_local, "stack", []):
        if rec.model is model:
            raise TraceError("this model is already being traced; nested traces of one model are not supported")
    graph = Graph(title or type(model).__name__, direction)
    graph.meta["torch"] = torch.__version__
    recorder = Recorder(model, graph, expand_depth=expand_depth, params=params,
                        source=source, record_args=args)
    handles: List[Any] = []
    stack: List[Recorder] = _local.__dict__.setdefault("stack", [])
    try:
        # Global hooks, not per-module ones: torch's TransformerEncoderLayer refuses its fused
        # fast path when any module under it has hooks, so per-module hooks would change what
        # runs. The recorder ignores calls from other threads.
        handles.append(register_module_forward_pre_hook(recorder.module_pre_hook))
        handles.append(register_module_forward_hook(recorder.module_post_hook, with_kwargs=True,
                                                    always_call=True))
        # Optimizer steps inside a `tracing` block (a live training loop) are bookkeeping, not
        # the model: nothing is recorded while one runs. (A step that raises leaves recording
        # paused; the exception normally ends the block anyway.)
        handles.append(register_optimizer_step_pre_hook(recorder.optimizer_pre_hook))
        handles.append(register_optimizer_step_post_hook(recorder.optimizer_post_hook))
        if not isinstance(model, torch.nn.TransformerEncoderLayer):
            # Only a per-module pre-hook sees keyword arguments (Hugging Face's input_ids=…).
            handles.append(model.register_forward_pre_hook(recorder.root_pre_hook, with_kwargs=True))
            recorder.root_kwargs = True
        stack.append(recorder)
        with _fast_path_guard(), _Mode(recorder):
            yield graph
    finally:
        for h in handles:
            h.remove()
            # torch's handle forgets this dict (its extra_dict covers only always_called)
            getattr(_module_mod, "_global_forward_hooks_with_kwargs", {}).pop(h.id, None)
        if recorder in stack:
            stack.remove(recorder)
        recorder.finish()


def trace(model: torch.nn.Module, *args: Any, trace_options: Optional[Dict[str, Any]] = None,
          **kwargs: Any) -> Graph:
    """Run `model(*args, **kwargs)` once and return its graph.

    Inputs are named after the parameters of `model.forward` (`input:x`, `input:input_ids`),
    outputs after their place in the result (`output`, `output:logits`, `output:0`).
    Options for `tracing()` go in `trace_options={...}` so they never clash with model kwargs.
    """
    with tracing(model, **(trace_options or {})) as graph:
        model(*args, **kwargs)
    return graph
