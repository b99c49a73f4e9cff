"""Plots pinned to nodes: attachments computed with torch alone (no numpy, no matplotlib).

Attachment shapes (format v1 `Attachment`, drawn by the element under/next to its node):

- histogram: `{"id", "type": "histogram", "bins": [e0, …, eN], "counts": [c0, …, cN-1],
  "min", "max"}`; `bins` are the N+1 bin edges, `counts` the N counts.
- line: `{"id", "type": "line", "values": [v0, v1, …]}`, optionally `"label"`. Sent with
  `append=True` (SSE `attach` event or `Graph.attach`), `values` extend the existing series.
- image: `{"id", "type": "image", "width": w, "height": h, "data": [w*h numbers, row-major,
  row 0 at the top], "min", "max"}` (the element colours it), or with `encoding="png"`
  `"data": "data:image/png;base64,…"` coloured with a viridis-like map.
- every attachment may carry `"label"` (the element shows `label`, else `id`).
- text (from `tag`): `{"id", "type": "text", "text": …}`.
- scalar: `{"id", "type": "scalar", "value": v}`, optionally `"label"`.

Non-finite numbers become `null` so the JSON stays valid for `JSON.parse`.

Every `plot_*` function attaches to the node of `target` (a tensor's producer, a module's
latest call, or a node id) while tracing, and returns the attachment either way, so it can
also be sent with `Server.attach(node_id, attachment)`.
"""
from __future__ import annotations

import base64
import math
import struct
import zlib
from typing import Any, Dict, List, Optional, Sequence, Union

import torch

from ._errors import CueError
from ._trace import current_recorder

__all__ = ["histogram", "line", "heatmap", "scalar", "plot_histogram", "plot_line", "plot_heatmap",
           "plot_scalar"]

Attachment = Dict[str, Any]
Number = Union[int, float]


def _num(v: float) -> Optional[float]:
    return v if math.isfinite(v) else None


def _as_float_tensor(t: Any) -> torch.Tensor:
    with torch._C.DisableTorchFunction(), torch.no_grad():
        if not isinstance(t, torch.Tensor):
            t = torch.as_tensor(t)
        return t.detach().to("cpu", torch.float64)


# -- attachment builders ---------------------------------------------------------------------
def histogram(tensor: Any, bins: int = 30, *, id: str = "hist", label: Optional[str] = None) -> Attachment:
    """Histogram of all finite values of `tensor` into `bins` equal bins."""
    att = _histogram(tensor, bins, id)
    if label is not None:
        att["label"] = label
    return att


def _histogram(tensor: Any, bins: int, id: str) -> Attachment:
    if bins < 1:
        raise CueError("bins must be at least 1")
    with torch._C.DisableTorchFunction():
        x = _as_float_tensor(tensor).flatten()
        x = x[torch.isfinite(x)]
        if x.numel() == 0:
            return {"id": id, "type": "histogram", "bins": [], "counts": [], "min": None, "max": None}
        lo, hi = float(x.min()), float(x.max())
        if lo == hi:
            lo, hi = lo - 0.5, hi + 0.5
        counts = torch.histc(x, bins=bins, min=lo, max=hi)
        edges = torch.linspace(lo, hi, bins + 1)
        return {"id": id, "type": "histogram", "bins": [float(e) for e in edges],
                "counts": [int(c) for c in counts], "min": float(x.min()), "max": float(x.max())}


def line(values: Union[Number, Sequence[Number], torch.Tensor], *, id: str = "line",
         label: Optional[str] = None) -> Attachment:
    """A line series (`values` may be one number: a point to append)."""
    with torch._C.DisableTorchFunction():
        if isinstance(values, torch.Tensor):
            vals: List[Any] = [_num(float(v)) for v in values.detach().flatten().tolist()]
        elif isinstance(values, (int, float)):
            vals = [_num(float(values))]
        else:
            vals = [_num(float(v)) for v in values]
    att: Attachment = {"id": id, "type": "line", "values": vals}
    if label is not None:
        att["label"] = label
    return att


def scalar(value: Union[Number, torch.Tensor], *, id: str = "value", label: Optional[str] = None) -> Attachment:
    with torch._C.DisableTorchFunction():
        v = float(value.detach().item()) if isinstance(value, torch.Tensor) else float(value)
    att: Attachment = {"id": id, "type": "scalar", "value": _num(v)}
    if label is not None:
        att["label"] = label
    return att


_VIRIDIS = [(68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
            (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37)]


def heatmap(tensor2d: Any, *, id: str = "heatmap", max_size: int = 64, encoding: str = "values",
            label: Optional[str] = None) -> Attachment:
    """A 2-D tensor as an image attachment (larger inputs are average-pooled to `max_size`).

    `encoding="values"`: `data` is the row-major list of `width * height` numbers (non-finite
    ones replaced by the minimum), which the element colours itself. `encoding="png"`: `data`
    is a `data:image/png;base64,…` URL coloured with a viridis-like map.
    """
    if encoding not in ("values", "png"):
        raise CueError(f"encoding must be 'values' or 'png', not {encoding!r}")
    with torch._C.DisableTorchFunction():
        x = _as_float_tensor(tensor2d)
        while x.dim() > 2 and x.shape[0] == 1:
            x = x[0]
        if x.dim() == 1:
            x = x.unsqueeze(0)
        if x.dim() != 2:
            raise CueError(f"heatmap needs a 2-D tensor, got shape {list(x.shape)}")
        h, w = x.shape
        if h > max_size or w > max_size:
            size = (min(h, max_size), min(w, max_size))
            x = torch.nn.functional.adaptive_avg_pool2d(x[None, None], size)[0, 0]
            h, w = size
        finite = torch.isfinite(x)
        lo = float(x[finite].min()) if finite.any() else 0.0
        hi = float(x[finite].max()) if finite.any() else 0.0
        if encoding == "values":
            filled = torch.where(finite, x, torch.full_like(x, lo))
            att: Attachment = {"id": id, "type": "image", "width": int(w), "height": int(h),
                               "data": [float(f"{v:.4g}") for v in filled.flatten().tolist()],
                               "min": _num(lo), "max": _num(hi)}
            if label is not None:
                att["label"] = label
            return att
        norm = ((x - lo) / (hi - lo if hi > lo else 1.0)).clamp(0, 1)
        norm = torch.where(finite, norm, torch.zeros_like(norm))
        stops = torch.tensor(_VIRIDIS, dtype=torch.float64)
        pos = norm * (len(_VIRIDIS) - 1)
        i0 = pos.floor().long().clamp(max=len(_VIRIDIS) - 2)
        frac = (pos - i0).unsqueeze(-1)
        rgb = (stops[i0] * (1 - frac) + stops[i0 + 1] * frac).round().to(torch.uint8)
        png = _png_rgb(int(w), int(h), bytes(rgb.flatten().tolist()))
    att = {"id": id, "type": "image", "width": int(w), "height": int(h),
           "data": "data:image/png;base64," + base64.b64encode(png).decode("ascii"), "min": _num(lo), "max": _num(hi)}
    if label is not None:
        att["label"] = label
    return att


def _png_rgb(width: int, height: int, rgb: bytes) -> bytes:
    """A minimal 8-bit RGB PNG (filter 0 on every row)."""
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# -- attach while tracing --------------------------------------------------------------------
def _attach(target: Any, attachment: Attachment, append: bool = False) -> Attachment:
    rec = current_recorder()
    if rec is not None and target is not None:
        rec.attach(target, attachment, append)
    return attachment


def plot_histogram(tensor: torch.Tensor, bins: int = 30, *, node: Any = None, id: str = "hist",
                   label: Optional[str] = None) -> Attachment:
    """Histogram of `tensor`, attached to `node` (default: the tensor's producer)."""
    return _attach(tensor if node is None else node, histogram(tensor, bins, id=id, label=label))


def plot_line(name: str, value: Union[Number, Sequence[Number], torch.Tensor], *, node: Any) -> Attachment:
    """Append `value` to the line series `name` on `node` (a tensor, module or node id)."""
    return _attach(node, line(value, id=name, label=name), append=True)


def plot_heatmap(tensor2d: torch.Tensor, *, node: Any = None, id: str = "heatmap", max_size: int = 64,
                 encoding: str = "values", label: Optional[str] = None) -> Attachment:
    """Heatmap image of a 2-D tensor, attached to `node` (default: the tensor's producer)."""
    att = heatmap(tensor2d, id=id, max_size=max_size, encoding=encoding, label=label)
    return _attach(tensor2d if node is None else node, att)


def plot_scalar(name: str, value: Union[Number, torch.Tensor], *, node: Any) -> Attachment:
    return _attach(node, scalar(value, id=name, label=name))
