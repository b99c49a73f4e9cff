"""Layout cues: light hints in model code that steer the diagram.

All cues are active only while tracing (inside `tracing()`/`trace()`) and are no-ops
otherwise, so they can stay in production code. They never change what the model computes.

```
for t in range(T):
    vz.tick()                          # ops and modules after this carry "step": t (0, 1, …)
    h, c = self.cell(x[t], (h, c))
    vz.name(h, "h_t")                  # label h's producer "h_t"
with vz.group("decoder", direction="right"):
    ...                                # a named group node around what runs inside
```
"""
from __future__ import annotations

import contextlib
from typing import Any, Iterator, Optional, TypeVar

import torch

from ._errors import CueError
from ._graph import DIRECTIONS
from ._trace import current_recorder

__all__ = ["tick", "step", "group", "name", "align", "pause", "tag"]

T = TypeVar("T")


def tick() -> Optional[int]:
    """Advance the time step; returns it (0 after the first tick), or None when not tracing.

    Call it at the start of each step. The step is scoped to the group (module call or
    `group()`) it was ticked in: when that group closes, the step reverts.
    """
    rec = current_recorder()
    return None if rec is None else rec.tick()


@contextlib.contextmanager
def step(i: int) -> Iterator[None]:
    """Everything recorded inside carries `"step": i`."""
    rec = current_recorder()
    if rec is None:
        yield
        return
    with rec.at_step(i):
        yield


@contextlib.contextmanager
def group(name: str, direction: Optional[str] = "right", *, collapsed: bool = False) -> Iterator[Optional[str]]:
    """A named group node (`kind: "group"`) containing what runs inside; yields its node id.

    `direction` is how the group's children flow (`down`, `right`, `up`, `left`, or None to
    inherit).
    """
    if direction is not None and direction not in DIRECTIONS:
        raise CueError(f"direction must be one of {DIRECTIONS} or None, not {direction!r}")
    rec = current_recorder()
    if rec is None:
        yield None
        return
    with rec.group(str(name), direction, collapsed) as nid:
        yield nid


def name(tensor: T, text: str) -> T:
    """Label the op that produced `tensor` as `text` (edges from it get `attrs.name`); returns `tensor`."""
    rec = current_recorder()
    if rec is not None:
        if not isinstance(tensor, torch.Tensor):
            raise CueError(f"name() needs a tensor, got {type(tensor).__name__}")
        rec.name(tensor, str(text))
    return tensor


def align(*tensors: torch.Tensor) -> None:
    """Place the producers of these tensors on one rank (a top-level `align` entry)."""
    rec = current_recorder()
    if rec is not None:
        rec.align(tensors)


@contextlib.contextmanager
def pause() -> Iterator[None]:
    """Nothing inside is recorded (logging, metrics, debug code)."""
    rec = current_recorder()
    if rec is None:
        yield
        return
    rec.paused += 1
    try:
        yield
    finally:
        rec.paused -= 1


def tag(target: Any, text: str) -> None:
    """A text attachment `{"id": "tagN", "type": "text", "text": …}` on a tensor's producer,
    a module's latest call (or its first call, if it has not run yet) or a node id."""
    rec = current_recorder()
    if rec is not None:
        rec.attach(target, {"id": rec.next_tag_id(), "type": "text", "text": str(text)})
