"""The state of one trace: open groups, tensor producers, ids, the current time step.

`_trace.py` installs the hooks and the mode and calls in here; `_cues.py` calls the cue
methods. Node ids: a module call is its qualified name (`layer1.0.conv1`, repeats `…#2`),
the root module is its class name, an op is `<group>/<op>` (`layer1.0/add`), a parameter or
buffer drawn where it is used its qualified name (`scale`), a model input `input:<arg>`, an
output `output` or `output:<path>`, a tensor from outside `input` / `<group>/constant`.
"""
from __future__ import annotations

import inspect
import threading
import traceback
import warnings
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

import torch

from ._graph import Graph, merge_attachment
from ._introspect import (
    FuncInfo,
    class_info,
    dtype_str,
    index_model,
    named_tensors,
    param_count,
    shape_str,
    short_args,
    tensors_in,
    tensors_out,
    user_source,
)
from ._recorder_cues import CueState, Frame, _ref

Tensor = torch.Tensor
_MAX_SHAPES = 8  # in_shapes/out_shapes entries per node; Hugging Face outputs can hold dozens


def _quiet() -> Any:
    """Hooks run with the mode active: reading `.shape` there must not dispatch to it."""
    return torch._C.DisableTorchFunction()


_SIGNATURES: Dict[Any, inspect.Signature] = {}


def _signature(module: torch.nn.Module) -> inspect.Signature:
    """Signature of `module.forward`, cached per class (unless the instance overrides forward)."""
    if "forward" in vars(module):
        return inspect.signature(module.forward)
    key = type(module).forward
    sig = _SIGNATURES.get(key)
    if sig is None:
        sig = _SIGNATURES[key] = inspect.signature(module.forward)
    return sig


class Recorder(CueState):
    def __init__(self, model: torch.nn.Module, graph: Graph, *, expand_depth: int, params: str,
                 source: bool, record_args: bool) -> None:
        self.model = model
        self.graph = graph
        self.expand_depth = expand_depth
        self.params = params
        self.source = source
        self.record_args = record_args
        self.frames: List[Frame] = []
        self.paused = 0
        self.step: Optional[int] = None
        self.errors: List[str] = []
        # id(tensor) -> (weak reference, node id, output port). The reference tells a live
        # tensor from a new one that reuses a dead tensor's id, without keeping activations alive.
        self.producers: Dict[int, Tuple[Callable[[], Optional[Tensor]], str, int]] = {}
        self._names: Dict[int, Tuple[Callable[[], Optional[Tensor]], str]] = {}
        self._used: Set[str] = set()
        self._counts: Dict[str, int] = {}
        index = index_model(model)
        self._module_names = index.names
        self._model_tensors = index.tensors
        self._param_counts = index.counts
        self._calls: Dict[int, int] = {}
        self._last_call: Dict[int, str] = {}
        self._pending: Dict[int, List[Dict[str, Any]]] = {}
        self._param_nodes: Dict[Tuple[int, Optional[str]], str] = {}
        self._tags = 0
        self.thread = threading.get_ident()  # global hooks see every thread; record only this one
        self.root_kwargs = False  # set when a per-module root pre-hook names the inputs

    # -- ids and nodes ----------------------------------------------------------------------
    def _unique(self, base: str) -> str:
        if base not in self._used:
            self._used.add(base)
            return base
        n = self._counts.get(base, 1)
        while True:
            n += 1
            cand = f"{base}#{n}"
            if cand not in self._used:
                break
        self._counts[base] = n
        self._used.add(cand)
        return cand

    def _parent(self) -> Optional[str]:
        return self.frames[-1].node_id if self.frames else None

    def _add(self, node: Dict[str, Any]) -> Dict[str, Any]:
        if self.step is not None:
            node["step"] = self.step
        return self.graph.add_node(node)

    # -- modules ----------------------------------------------------------------------------
    def module_pre_hook(self, module: torch.nn.Module, args: Tuple[Any, ...]) -> None:
        if self.paused or threading.get_ident() != self.thread:
            return None
        try:
            with _quiet():
                self._open_module(module, args)
        except Exception as exc:
            self.internal_error(exc)
        return None

    def optimizer_pre_hook(self, optimizer: Any, args: Any, kwargs: Any) -> None:
        if threading.get_ident() == self.thread:
            self.paused += 1

    def optimizer_post_hook(self, optimizer: Any, args: Any, kwargs: Any) -> None:
        if threading.get_ident() == self.thread and self.paused > 0:
            self.paused -= 1

    def root_pre_hook(self, module: torch.nn.Module, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> None:
        """Runs after `module_pre_hook` for the root: names the model inputs (kwargs included)."""
        if self.paused or threading.get_ident() != self.thread or len(self.frames) != 1:
            return None
        try:
            with _quiet():
                self._record_inputs(module, args, kwargs)
        except Exception as exc:
            self.internal_error(exc)
        return None

    def _open_module(self, module: torch.nn.Module, args: Tuple[Any, ...]) -> None:
        is_root = module is self.model
        cls, builtin, library = class_info(module)
        qual = self._module_names.get(id(module))
        parent = self._parent()
        if is_root or not qual:
            base = cls if parent is None else f"{parent}/{cls}"
        else:
            base = qual
        calls = self._calls[id(module)] = self._calls.get(id(module), 0) + 1
        own, total = self._param_counts.get(id(module)) or self._count_params(module)
        attrs: Dict[str, Any] = {"type": cls, "qualname": qual or "", "params": own, "params_total": total}
        src = self._user_source()
        if src:
            attrs["source"] = src
        if is_root and not self.frames and not self.root_kwargs:
            self._record_inputs(module, args, {})
        node_id = self._unique(base)
        depth = len(self.frames)
        node = {"id": node_id, "parent": parent, "label": cls if calls == 1 else f"{cls} #{calls}",
                "kind": "module", "collapsed": builtin or depth >= self.expand_depth,
                "attrs": attrs}
        self._add(node)
        self.frames.append(Frame(node_id, module, library, self.step, src))
        self._last_call[id(module)] = node_id
        for att in self._pending.pop(id(module), []):
            merge_attachment(node, att, False)

    def _count_params(self, module: torch.nn.Module) -> Tuple[int, int]:
        counts = self._param_counts[id(module)] = (param_count(module, False), param_count(module, True))
        return counts

    def _user_source(self) -> Optional[str]:
        """`file.py:42` of the user code behind the current call.

        Inside a library group (torch/transformers code) the answer is where user code called
        into that group, which the group already knows: no need to walk ~20 frames again.
        """
        if not self.source:
            return None
        if self.frames and self.frames[-1].library:
            return self.frames[-1].source
        return user_source(3)

    def module_post_hook(self, module: torch.nn.Module, args: Tuple[Any, ...], *rest: Any) -> None:
        """Closes the module's group. Called as (module, args, kwargs, output), except when the
        forward raised: torch then calls global always-call hooks as (module, args, output)."""
        kwargs, output = (rest[0], rest[1]) if len(rest) == 2 else ({}, rest[0] if rest else None)
        if threading.get_ident() != self.thread:
            return None
        for i in range(len(self.frames) - 1, -1, -1):
            if self.frames[i].module is module:
                break
        else:
            return None  # opened while paused
        frame = self.frames[i]
        del self.frames[i:]  # also closes cue groups a raising forward left open
        self.step = frame.saved_step
        if self.paused:
            return None
        try:
            with _quiet():
                outs = [t for _, t in named_tensors(output, "")]
                attrs = self.graph.node(frame.node_id)["attrs"]
                attrs["in_shapes"] = [shape_str(t) for t in tensors_in(args, kwargs)[:_MAX_SHAPES]]
                attrs["out_shapes"] = [shape_str(t) for t in outs[:_MAX_SHAPES]]
                if outs:
                    attrs["dtype"] = dtype_str(outs[0])
                if module is self.model and not self.frames:
                    self._record_outputs(output)
        except Exception as exc:
            self.internal_error(exc)
        return None

    def _record_inputs(self, module: torch.nn.Module, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> None:
        items: List[Tuple[str, Any]]
        try:
            sig = _signature(module)
            bound = sig.bind(*args, **kwargs)
            items = []
            for pname, value in bound.arguments.items():
                if sig.parameters[pname].kind is inspect.Parameter.VAR_KEYWORD:
                    items.extend(value.items())
                elif sig.parameters[pname].kind is inspect.Parameter.VAR_POSITIONAL:
                    items.extend((f"{pname}.{i}", v) for i, v in enumerate(value))
                else:
                    items.append((pname, value))
        except (TypeError, ValueError):
            items = [(f"args.{i}", a) for i, a in enumerate(args)] + list(kwargs.items())
        for pname, value in items:
            for path, t in named_tensors(value, pname):
                if self._known(t):
                    continue  # made by code traced before the model ran
                nid = self._unique(f"input:{path}")
                self.graph.add_node({"id": nid, "parent": None, "label": path, "kind": "input",
                                     "attrs": {"shape": shape_str(t), "dtype": dtype_str(t)}})
                self.producers[id(t)] = (_ref(t), nid, 0)

    def _record_outputs(self, output: Any) -> None:
        for path, t in named_tensors(output, ""):
            src = self._source_of(t, None)
            nid = self._unique(f"output:{path}" if path else "output")
            self.graph.add_node({"id": nid, "parent": None, "label": path or "output", "kind": "output",
                                 "attrs": {"shape": shape_str(t), "dtype": dtype_str(t)}})
            if src is not None:
                self._edge(src, nid, 0, t)
            self.producers[id(t)] = (_ref(t), nid, 0)

    # -- ops --------------------------------------------------------------------------------
    def record_op(self, info: FuncInfo, args: Tuple[Any, ...], kwargs: Dict[str, Any], out: Any,
                  before: Optional[str] = None) -> None:
        """One op node for a call that produced tensors; `before` is args[0]'s shape before an
        in-place op. The hot path of tracing: written for speed (one pass per list, no checks
        that hold by construction: the parent exists and the id is fresh)."""
        outs = tensors_out(out)
        if not outs:
            if info.inplace and args and isinstance(args[0], Tensor):
                outs = [args[0]]  # __setitem__ returns None but writes into args[0]
            else:
                return
        frame = self.frames[-1] if self.frames else None
        parent = frame.node_id if frame is not None else None
        ins = tensors_in(args, kwargs)
        in_shapes = [shape_str(t) for t in ins]
        if before is not None and ins and ins[0] is args[0]:
            in_shapes[0] = before
        attrs: Dict[str, Any] = {"type": info.name, "in_shapes": in_shapes[:_MAX_SHAPES],
                                 "out_shapes": [shape_str(t) for t in outs[:_MAX_SHAPES]],
                                 "dtype": dtype_str(outs[0])}
        if self.record_args:
            text = short_args(args, kwargs)
            if text:
                attrs["args"] = text
        if info.inplace:
            attrs["inplace"] = True
        src = self._user_source()
        if src:
            attrs["source"] = src
        label = info.label
        nid = self._unique(f"{parent}/{label}" if parent is not None else label)
        node: Dict[str, Any] = {"id": nid, "parent": parent, "label": label, "kind": "op", "attrs": attrs}
        if self.step is not None:
            node["step"] = self.step
        self.graph.append_trusted(node)
        producers = self.producers
        edges = self.graph.edges
        names = self._names
        for port, t in enumerate(ins):
            p = producers.get(id(t))
            if p is not None and p[0]() is t:
                source, source_port = p[1], p[2]
            else:
                found = self._source_of(t, frame)
                if found is None:
                    continue
                source, source_port = found
            edge_attrs = {"dtype": dtype_str(t)}
            if names:
                named = names.get(id(t))
                if named is not None and named[0]() is t:
                    edge_attrs["name"] = named[1]
            edges.append({"id": f"e{len(edges)}", "source": source, "target": nid, "sourcePort": source_port,
                          "targetPort": port, "label": in_shapes[port], "attrs": edge_attrs})
        for port, t in enumerate(outs):
            producers[id(t)] = (_ref(t), nid, port)

    def _edge(self, src: Tuple[str, int], target: str, port: int, t: Tensor) -> None:
        attrs = {"dtype": dtype_str(t)}
        named = self._names.get(id(t))
        if named is not None and named[0]() is t:
            attrs["name"] = named[1]
        edges = self.graph.edges
        edges.append({"id": f"e{len(edges)}", "source": src[0], "target": target, "sourcePort": src[1],
                      "targetPort": port, "label": shape_str(t), "attrs": attrs})

    def _known(self, t: Tensor) -> bool:
        p = self.producers.get(id(t))
        return p is not None and p[0]() is t

    def _source_of(self, t: Tensor, frame: Optional[Frame]) -> Optional[Tuple[str, int]]:
        """The (node, port) that produced `t`; creates param/constant/input nodes on first use."""
        p = self.producers.get(id(t))
        if p is not None and p[0]() is t:
            return p[1], p[2]
        parent = frame.node_id if frame is not None else None
        hidden = frame is not None and frame.library and self.params != "all"
        owned = self._model_tensors.get(id(t))
        if owned is not None and owned[2] is t:
            if self.params == "none" or hidden:
                return None
            key = (id(t), parent)
            nid = self._param_nodes.get(key)
            if nid is None:
                qual, kind, _ = owned
                nid = self._unique(qual)
                self._add({"id": nid, "parent": parent, "label": qual.rsplit(".", 1)[-1], "kind": kind,
                           "attrs": {"type": "Parameter" if kind == "param" else "buffer", "qualname": qual,
                                     "shape": shape_str(t), "dtype": dtype_str(t), "params": t.numel()}})
                self._param_nodes[key] = nid
            return nid, 0
        if hidden:
            return None  # a tensor made inside library code the mode cannot see
        kind = "input" if frame is None else "constant"
        nid = self._unique(kind if parent is None else f"{parent}/{kind}")
        self._add({"id": nid, "parent": parent, "label": kind, "kind": kind,
                   "attrs": {"shape": shape_str(t), "dtype": dtype_str(t)}})
        self.producers[id(t)] = (_ref(t), nid, 0)
        return nid, 0

    # -- end --------------------------------------------------------------------------------
    def internal_error(self, exc: BaseException) -> None:
        if len(self.errors) < 20:
            self.errors.append("".join(traceback.format_exception_only(type(exc), exc)).strip())
        if len(self.errors) == 1:
            warnings.warn(f"vz_pytorch: tracing skipped something it could not record: {exc!r}",
                          RuntimeWarning, stacklevel=3)

    def finish(self) -> None:
        """Drop the tensor bookkeeping, and `collapsed` on nodes without children."""
        self.producers.clear()
        self._names.clear()
        self.frames.clear()
        parents = {n.get("parent") for n in self.graph.nodes}
        for n in self.graph.nodes:
            if "collapsed" in n and n["id"] not in parents:
                del n["collapsed"]
        if self.errors:
            self.graph.meta["errors"] = list(self.errors)
