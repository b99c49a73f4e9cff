"""Let torchvision's pure-Python model code import on this machine's CPU-only torch.

Why: the installed torchvision wheel is a CUDA build whose C++ ops do not load under CPU torch;
`import torchvision` then fails with "operator torchvision::nms does not exist" while registering
fake kernels. Defining the two operator schemas first (same schemas as torchvision's C++ code)
lets it import. Model code (resnet, mobilenet, vit) never calls these ops. vz_pytorch itself
never needs this; only tests and the demo import it.
"""
from __future__ import annotations

import torch


def install() -> None:
    for op in ("nms", "qnms"):
        try:
            torch.library.define(f"torchvision::{op}", "(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        except RuntimeError:
            pass  # already defined (the real extension loaded, or install() ran before)


install()
