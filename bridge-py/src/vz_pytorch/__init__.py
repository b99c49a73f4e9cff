"""vz_pytorch: trace PyTorch models into nested vz-graph diagrams, live in the browser.

```
import vz_pytorch as vz
graph = vz.trace(model, x)          # or: with vz.tracing(model) as graph: model(x)
graph.save("model.vz.json")         # <vz-graph src="model.vz.json"> in any page
graph.show()                        # the local live server, in a browser
```
"""
from __future__ import annotations

__version__ = "0.1.0"

from ._cues import align, group, name, pause, step, tag, tick
from ._errors import CueError, GraphError, ServerError, TraceError, VzError
from ._graph import Graph, validate
from ._html import find_bundle
from ._plots import heatmap, histogram, line, plot_heatmap, plot_histogram, plot_line, plot_scalar, scalar
from ._serve import Server, serve
from ._trace import trace, tracing

__all__ = [
    "__version__",
    # tracing
    "trace", "tracing", "Graph", "validate",
    # cues
    "tick", "step", "group", "name", "align", "pause", "tag",
    # plots (attachments)
    "plot_histogram", "plot_line", "plot_heatmap", "plot_scalar", "histogram", "line", "heatmap", "scalar",
    # serving
    "serve", "Server", "find_bundle",
    # errors
    "VzError", "TraceError", "CueError", "GraphError", "ServerError",
]
