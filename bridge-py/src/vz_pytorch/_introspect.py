"""What the tracer needs to know about functions, tensors, modules and call sites.

Everything here is cached or cheap: it runs once per recorded op.
"""
from __future__ import annotations

import os
import sys
import sysconfig
from types import FrameType
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Tuple

import torch
from torch.overrides import resolve_name

Tensor = torch.Tensor

# Results that describe a tensor rather than compute one. Most return no tensor and would be
# skipped anyway; naming them skips the output scan too.
_METADATA = frozenset(
    """size dim shape dtype device numel __len__ __format__ __repr__ __str__ __hash__ __bool__
    __index__ __int__ __float__ is_floating_point is_complex stride storage_offset data_ptr
    element_size is_contiguous requires_grad grad grad_fn layout is_cuda is_sparse is_quantized
    is_meta ndim ndimension nelement item tolist _version names _base is_leaf output_nr _cdata
    requires_grad_ retain_grad retains_grad register_hook backward __reduce_ex__ __deepcopy__
    __setstate__ __getstate__ __dir__ __array__ __iter__ __contains__ untyped_storage storage
    get_device dim_order""".split()
)
# Reflected operators keep the forward name: `1 + x` is an add.
_REFLECTED = {"radd": "add", "rsub": "rsub", "rmul": "mul", "rmatmul": "matmul", "rtruediv": "div",
              "rdiv": "div", "rpow": "pow", "rfloordiv": "floor_divide", "rand": "and", "ror": "or",
              "rxor": "xor", "rlshift": "lshift", "rrshift": "rshift", "rmod": "remainder"}


class FuncInfo(NamedTuple):
    """How one torch function is drawn: `name` is the full dotted name (attrs.type)."""

    name: str
    label: str
    inplace: bool


_FUNC_CACHE: Dict[Any, Optional[FuncInfo]] = {}


def func_info(func: Any) -> Optional[FuncInfo]:
    """FuncInfo for a function seen by the TorchFunctionMode; None when it is a metadata read."""
    try:
        return _FUNC_CACHE[func]
    except KeyError:
        info = _FUNC_CACHE[func] = _compute_info(func)
        return info
    except TypeError:  # unhashable callable: compute every time
        return _compute_info(func)


def _compute_info(func: Any) -> Optional[FuncInfo]:
    try:
        name = resolve_name(func)
    except Exception:
        name = None
    if not name:
        name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)
    parts = name.split(".")
    short = parts[-1]
    if short == "__get__" and len(parts) > 1:  # a property such as `x.T`
        short = parts[-2]
    if short in _METADATA:
        return None
    inplace = False
    if short.startswith("__") and short.endswith("__"):
        core = short[2:-2]
        if core.startswith("i") and core[1:] in _INPLACE_DUNDERS:
            core, inplace = core[1:] + "_", True
        elif core in _REFLECTED:
            core = _REFLECTED[core]
        elif core == "setitem":
            inplace = True
        label = core
    else:
        label = short.lstrip("_") or short
        inplace = short.endswith("_") and not short.endswith("__")
    return FuncInfo(name, label, inplace)


_INPLACE_DUNDERS = frozenset("add sub mul matmul truediv floordiv mod pow and or xor lshift rshift div".split())


_SHAPES: Dict[Any, str] = {}
_DTYPES: Dict[Any, str] = {}


def shape_str(t: Tensor) -> str:
    """`[1, 64, 56, 56]` (a 0-d tensor is `[]`); cached per shape, it runs several times per op.

    A nested (ragged) tensor has no single shape: its ragged dimensions read `*` (`[2, *, 16]`).
    """
    try:
        shape = t.shape
    except RuntimeError:
        return _ragged_shape(t)
    try:
        return _SHAPES[shape]
    except KeyError:
        text = "[" + ", ".join(str(d) for d in shape) + "]"
        if len(_SHAPES) < 65536:
            _SHAPES[shape] = text
        return text
    except TypeError:  # symbolic sizes are not hashable
        return "[" + ", ".join(str(d) for d in shape) + "]"


def _ragged_shape(t: Tensor) -> str:
    parts = []
    for i in range(t.dim()):
        try:
            parts.append(str(t.size(i)))
        except RuntimeError:
            parts.append("*")
    return "[" + ", ".join(parts) + "]"


def dtype_str(t: Tensor) -> str:
    dtype = t.dtype
    text = _DTYPES.get(dtype)
    if text is None:
        text = _DTYPES[dtype] = str(dtype).replace("torch.", "")
    return text


def tensors_in(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> List[Tensor]:
    """Tensor arguments in order, looking into lists/tuples (torch.cat, lstm's hx) two levels deep."""
    found: List[Tensor] = []
    for a in args:
        _collect(a, found, 2)
    for a in kwargs.values():
        _collect(a, found, 2)
    return found


def _collect(a: Any, found: List[Tensor], depth: int) -> None:
    if isinstance(a, Tensor):
        found.append(a)
    elif depth and isinstance(a, (list, tuple)):
        for b in a:
            _collect(b, found, depth - 1)


def tensors_out(out: Any) -> List[Tensor]:
    """Tensor outputs in order (tuples such as chunk/split/lstm results, nested once)."""
    if isinstance(out, Tensor):
        return [out]
    found: List[Tensor] = []
    if isinstance(out, (list, tuple)):
        for b in out:
            _collect(b, found, 2)
    return found


def named_tensors(value: Any, path: str, depth: int = 6) -> Iterator[Tuple[str, Tensor]]:
    """(path, tensor) leaves of nested tuples, lists and dicts (Hugging Face ModelOutput is a dict)."""
    if isinstance(value, Tensor):
        yield path, value
    elif depth and isinstance(value, dict):
        for k, v in value.items():
            yield from named_tensors(v, f"{path}.{k}" if path else str(k), depth - 1)
    elif depth and isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from named_tensors(v, f"{path}.{i}" if path else str(i), depth - 1)


def short_args(args: Tuple[Any, ...], kwargs: Dict[str, Any], limit: int = 60) -> str:
    """Non-tensor arguments as short text (`1, 2` for `transpose(1, 2)`); tensors are edges."""
    parts: List[str] = []
    for a in args:
        if not isinstance(a, Tensor) and not _has_tensor(a):
            parts.append(_short(a))
    for k, v in kwargs.items():
        if v is not None and not isinstance(v, Tensor) and not _has_tensor(v):  # None: a default
            parts.append(f"{k}={_short(v)}")
    if not parts:
        return ""
    text = ", ".join(parts)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _has_tensor(a: Any) -> bool:
    return isinstance(a, (list, tuple)) and any(isinstance(b, Tensor) for b in a)


def _short(a: Any) -> str:
    if isinstance(a, (int, float, bool, str, type(None))):
        return repr(a)
    if isinstance(a, (tuple, list, torch.Size)):
        return "(" + ", ".join(_short(b) for b in a) + ")"
    if isinstance(a, slice):
        text = ("" if a.start is None else _short(a.start)) + ":" + ("" if a.stop is None else _short(a.stop))
        return text if a.step is None else f"{text}:{_short(a.step)}"
    if a is Ellipsis:
        return "..."
    if isinstance(a, (torch.dtype, torch.device)):
        return str(a).replace("torch.", "")
    return type(a).__name__


# -- modules ---------------------------------------------------------------------------------
_CONTAINERS = (torch.nn.Sequential, torch.nn.ModuleList, torch.nn.ModuleDict)
_LIBRARY_PREFIXES = ("torch.", "torchvision.", "transformers.", "timm.")


class ClassInfo(NamedTuple):
    name: str
    builtin: bool
    library: bool


_CLASSES: Dict[type, ClassInfo] = {}


def class_info(module: torch.nn.Module) -> ClassInfo:
    """Name, `is_builtin` and `is_library` of a module's class, cached per class."""
    cls = type(module)
    info = _CLASSES.get(cls)
    if info is None:
        info = _CLASSES[cls] = ClassInfo(cls.__name__, is_builtin(module), is_library(module))
    return info


def is_builtin(module: torch.nn.Module) -> bool:
    """A torch.nn building block (Conv2d, LSTM, …): drawn collapsed. Containers are not."""
    return type(module).__module__.startswith("torch.nn") and not isinstance(module, _CONTAINERS)


def is_library(module: torch.nn.Module) -> bool:
    """Module code the user did not write: its parameters are internals, not drawn as nodes."""
    return type(module).__module__.startswith(_LIBRARY_PREFIXES)


def param_count(module: torch.nn.Module, recurse: bool) -> int:
    return sum(p.numel() for p in module.parameters(recurse=recurse))


class ModelIndex(NamedTuple):
    """What the recorder looks up about a model, from one walk over its module tree."""

    names: Dict[int, str]  # id(module) -> qualified name ("" for the root; an alias's first name)
    tensors: Dict[int, Tuple[str, str, Tensor]]  # id(tensor) -> (qualified name, "param"|"constant", tensor)
    counts: Dict[int, Tuple[int, int]]  # id(module) -> (own parameters, parameters in its subtree)


def index_model(model: torch.nn.Module) -> ModelIndex:
    """Walks `_modules`/`_parameters`/`_buffers` directly (the `named_*` generators are slower).

    Same first-name-wins order as `named_modules()`/`named_parameters()`. A parameter shared
    by several modules (tied embeddings) counts in each owner's own count, and once in the
    subtree count of every module above it.
    """
    names: Dict[int, str] = {}
    tensors: Dict[int, Tuple[str, str, Tensor]] = {}
    counts: Dict[int, Tuple[int, int]] = {}
    subtree: Dict[int, Dict[int, int]] = {}

    def walk(m: torch.nn.Module, prefix: str) -> Dict[int, int]:
        done = subtree.get(id(m))
        if done is not None:
            return done
        names[id(m)] = prefix
        dot = prefix + "." if prefix else ""
        params: Dict[int, int] = {}
        for k, p in m._parameters.items():
            if p is not None:
                tensors.setdefault(id(p), (dot + k, "param", p))
                params[id(p)] = p.numel()
        own = sum(params.values())
        for k, b in m._buffers.items():
            if b is not None:
                tensors.setdefault(id(b), (dot + k, "constant", b))
        for k, child in m._modules.items():
            if child is not None:
                params.update(walk(child, dot + k))
        counts[id(m)] = (own, sum(params.values()))
        subtree[id(m)] = params
        return params

    walk(model, "")
    return ModelIndex(names, tensors, counts)


# -- call sites ------------------------------------------------------------------------------
def _library_dirs() -> Tuple[str, ...]:
    dirs = [os.path.dirname(str(torch.__file__)), os.path.dirname(os.path.abspath(__file__))]
    for name in ("torchvision", "transformers", "timm", "accelerate"):
        path = getattr(sys.modules.get(name), "__file__", None)
        if path:
            dirs.append(os.path.dirname(path))
    for key in ("stdlib", "platstdlib"):
        path = sysconfig.get_paths().get(key)
        if path:
            dirs.append(path)
    return tuple(os.path.join(os.path.realpath(d), "") for d in dirs)


_FILE_CACHE: Dict[str, bool] = {}


def _is_library_file(filename: str) -> bool:
    lib = _FILE_CACHE.get(filename)
    if lib is None:
        if filename.startswith("<frozen"):
            lib = True
        else:
            real = os.path.realpath(filename)
            lib = real.startswith(_library_dirs())
        _FILE_CACHE[filename] = lib
    return lib


def user_source(skip: int = 2) -> Optional[str]:
    """`file.py:42` of the innermost frame outside torch/transformers/torchvision/vz_pytorch."""
    f: Optional[FrameType] = sys._getframe(skip)
    while f is not None:
        if not _is_library_file(f.f_code.co_filename):
            return f"{os.path.basename(f.f_code.co_filename)}:{f.f_lineno}"
        f = f.f_back
    return None
