"""The cue half of a trace's state: time steps, cue groups, names, alignment, attachments.

Split from `_recorder.py` to keep files small; `Recorder` inherits these methods and owns the
attributes they use (declared below for type checkers).
"""
from __future__ import annotations

import contextlib
import weakref
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import torch

from ._errors import CueError
from ._graph import Graph, merge_attachment

Tensor = torch.Tensor


def _ref(t: Tensor) -> Callable[[], Optional[Tensor]]:
    try:
        return weakref.ref(t)
    except TypeError:  # a tensor-like without weakref support: keep it alive instead
        return lambda: t


class Frame:
    """An open group: a module call or a cue group."""

    __slots__ = ("node_id", "module", "library", "saved_step", "source")

    def __init__(self, node_id: str, module: Optional[torch.nn.Module], library: bool,
                 saved_step: Optional[int], source: Optional[str] = None) -> None:
        self.node_id = node_id
        self.module = module
        self.library = library  # the group's own code is torch/transformers/torchvision code
        self.saved_step = saved_step
        self.source = source  # where user code called into this group


class CueState:
    """Cue methods of `Recorder` (which sets up every attribute declared here)."""

    graph: Graph
    frames: List[Frame]
    paused: int
    step: Optional[int]
    producers: Dict[int, Tuple[Callable[[], Optional[Tensor]], str, int]]
    _names: Dict[int, Tuple[Callable[[], Optional[Tensor]], str]]
    _last_call: Dict[int, str]
    _pending: Dict[int, List[Dict[str, Any]]]
    _tags: int

    def _unique(self, base: str) -> str:
        raise NotImplementedError

    def _add(self, node: Dict[str, Any]) -> Dict[str, Any]:
        raise NotImplementedError

    # -- cues -------------------------------------------------------------------------------
    def tick(self) -> int:
        self.step = 0 if self.step is None else self.step + 1
        return self.step

    @contextlib.contextmanager
    def at_step(self, i: int) -> Iterator[None]:
        saved, self.step = self.step, int(i)
        try:
            yield
        finally:
            self.step = saved

    @contextlib.contextmanager
    def group(self, name: str, direction: Optional[str], collapsed: bool) -> Iterator[str]:
        parent_frame = self.frames[-1] if self.frames else None
        parent = parent_frame.node_id if parent_frame is not None else None
        nid = self._unique(f"{parent}/{name}" if parent is not None else name)
        node: Dict[str, Any] = {"id": nid, "parent": parent, "label": name, "kind": "group",
                                "collapsed": collapsed, "attrs": {"type": "group"}}
        if direction is not None:
            node["direction"] = direction
        if not self.paused:
            self._add(node)
        frame = Frame(nid, None, parent_frame.library if parent_frame else False, self.step,
                      parent_frame.source if parent_frame else None)
        if not self.paused:
            self.frames.append(frame)
        try:
            yield nid
        finally:
            if frame in self.frames:
                del self.frames[self.frames.index(frame):]
                self.step = frame.saved_step

    def node_of(self, target: Any) -> str:
        """The node a cue refers to: a tensor's producer, a module's latest call, or a node id."""
        if isinstance(target, Tensor):
            p = self.producers.get(id(target))
            if p is None or p[0]() is not target:
                raise CueError("this tensor was not produced while tracing (or inside pause())")
            return p[1]
        if isinstance(target, torch.nn.Module):
            nid = self._last_call.get(id(target))
            if nid is None:
                raise CueError(f"{type(target).__name__} has not been called while tracing")
            return nid
        if isinstance(target, str):
            if not self.graph.has_node(target):
                raise CueError(f"no node {target!r} in the graph (yet)")
            return target
        raise CueError(f"cannot attach to a {type(target).__name__}: pass a tensor, a module or a node id")

    def name(self, t: Tensor, text: str) -> None:
        nid = self.node_of(t)
        node = self.graph.node(nid)
        if node["kind"] == "op":
            node["label"] = text
        node.setdefault("attrs", {})["name"] = text
        self._names[id(t)] = (_ref(t), text)

    def align(self, tensors: Tuple[Tensor, ...]) -> None:
        ids: List[str] = []
        for t in tensors:
            nid = self.node_of(t)
            if nid not in ids:
                ids.append(nid)
        if len(ids) > 1:
            self.graph.align.append(ids)

    def attach(self, target: Any, attachment: Dict[str, Any], append: bool = False) -> str:
        if isinstance(target, torch.nn.Module) and id(target) not in self._last_call:
            self._pending.setdefault(id(target), []).append(dict(attachment))
            return ""
        nid = self.node_of(target)
        merge_attachment(self.graph.node(nid), attachment, append)
        return nid

    def next_tag_id(self) -> str:
        self._tags += 1
        return f"tag{self._tags}"

