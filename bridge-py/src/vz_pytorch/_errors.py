"""The package's errors: one root, a few named branches."""
from __future__ import annotations

__all__ = ["VzError", "TraceError", "CueError", "GraphError", "ServerError"]


class VzError(Exception):
    """Root of every error raised by vz_pytorch."""


class TraceError(VzError):
    """Tracing could not start or was used wrongly (e.g. nested traces of one model)."""


class CueError(VzError):
    """A layout cue (tick, group, name, align, tag, plots) was used wrongly."""


class GraphError(VzError):
    """A document is not a valid vz-graph format v1 document."""


class ServerError(VzError):
    """The SSE server could not start or was used after close()."""
