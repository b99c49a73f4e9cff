"""The vz-graph document (format v1, see DESIGN.md "Format v1") and its checks.

`Graph` is an append-only builder the tracer fills while the model runs: nodes are appended
in creation order, so a parent always comes before its children. `to_dict()` returns the
document exactly as the element, the layout and the other languages read it.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
from typing import Any, Dict, List, Optional, Union

from ._errors import GraphError

__all__ = ["Graph", "validate", "FORMAT", "VERSION"]

FORMAT = "vz-graph"
VERSION = 1
DIRECTIONS = ("down", "right", "up", "left")

Node = Dict[str, Any]
Edge = Dict[str, Any]


def _producer() -> str:
    from . import __version__

    return f"vz-pytorch {__version__}"


class Graph:
    """A vz-graph document under construction.

    Nodes and edges are plain dicts in format v1; `node(id)` finds one. A traced graph is
    complete when its `tracing` block exits; during the block it grows as the model runs,
    which is what a live `Server.publish(graph)` shows.
    """

    def __init__(self, title: Optional[str] = None, direction: str = "down") -> None:
        if direction not in DIRECTIONS:
            raise GraphError(f"direction must be one of {DIRECTIONS}, not {direction!r}")
        self.title: Optional[str] = title
        self.direction: str = direction
        self.nodes: List[Node] = []
        self.edges: List[Edge] = []
        self.align: List[List[str]] = []
        self.meta: Dict[str, Any] = {
            "producer": _producer(),
            "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(),
        }
        self._index: Dict[str, Node] = {}

    # -- building ---------------------------------------------------------------------------
    def add_node(self, node: Node) -> Node:
        """Append a node; its parent (if any) must already exist."""
        nid = node["id"]
        if nid in self._index:
            raise GraphError(f"duplicate node id {nid!r}")
        parent = node.get("parent")
        if parent is not None and parent not in self._index:
            raise GraphError(f"node {nid!r}: parent {parent!r} must be added before its children")
        self.nodes.append(node)
        self._index[nid] = node
        return node

    def append_trusted(self, node: Node) -> None:
        """`add_node` without its checks, for the tracer's hot path (fresh id, parent exists)."""
        self.nodes.append(node)
        self._index[node["id"]] = node

    def add_edge(self, source: str, target: str, **fields: Any) -> Edge:
        edge: Edge = {"id": f"e{len(self.edges)}", "source": source, "target": target}
        edge.update(fields)
        self.edges.append(edge)
        return edge

    def node(self, node_id: str) -> Node:
        try:
            return self._index[node_id]
        except KeyError:
            raise GraphError(f"no node {node_id!r} in the graph") from None

    def has_node(self, node_id: str) -> bool:
        return node_id in self._index

    def children(self, node_id: Optional[str]) -> List[Node]:
        return [n for n in self.nodes if n.get("parent") == node_id]

    def attach(self, node_id: str, attachment: Dict[str, Any], append: bool = False) -> None:
        """Add an attachment to a node, replacing one with the same id.

        With `append=True` and an existing attachment of the same id, `values` lists are
        concatenated (a growing line series) and `text` strings joined; other fields take the
        new values. This is what the element does with an SSE `attach` event.
        """
        node = self.node(node_id)
        merge_attachment(node, attachment, append)

    # -- output -----------------------------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The format v1 document (a deep copy: later tracing does not change it)."""
        doc: Dict[str, Any] = {"format": FORMAT, "version": VERSION}
        if self.title is not None:
            doc["title"] = self.title
        doc.update({
            "direction": self.direction,
            "nodes": self.nodes,
            "edges": self.edges,
            "align": self.align,
            "meta": self.meta,
        })
        return json.loads(json.dumps(doc))

    def to_json(self, indent: Optional[int] = None) -> str:
        seps = (",", ":") if indent is None else (",", ": ")
        return json.dumps(self.to_dict(), indent=indent, separators=seps)

    def save(self, path: Union[str, "os.PathLike[str]"], indent: Optional[int] = 1) -> None:
        """Write the document as JSON (conventionally `NAME.vz.json`)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json(indent=indent))
            f.write("\n")

    @classmethod
    def from_dict(cls, doc: Dict[str, Any]) -> "Graph":
        problems = validate(doc)
        if problems:
            raise GraphError("not a vz-graph v1 document: " + "; ".join(problems[:5]))
        g = cls(doc.get("title"), doc.get("direction", "down"))
        g.meta = dict(doc.get("meta") or {})
        for n in doc["nodes"]:
            g.add_node(dict(n))
        g.edges = [dict(e) for e in doc["edges"]]
        g.align = [list(a) for a in doc.get("align") or []]
        return g

    @classmethod
    def load(cls, path: Union[str, "os.PathLike[str]"]) -> "Graph":
        with open(path, encoding="utf-8") as f:
            return cls.from_dict(json.load(f))

    def show(self, *, port: int = 8765, open_browser: bool = True) -> Any:
        """Publish to the shared local server (started on first use) and open a browser.

        Prints and returns the `Server`; its URL stays valid while the process runs.
        """
        from ._serve import shared_server

        server = shared_server(port)
        server.publish(self)
        print(f"vz-graph: {server.url}")
        if open_browser:
            try:
                import webbrowser

                webbrowser.open(server.url)
            except Exception:  # no browser here (headless, SSH): the printed URL is enough
                pass
        return server

    def _repr_html_(self) -> str:
        from ._html import notebook_html

        return notebook_html(self.to_dict())

    def __repr__(self) -> str:
        return f"<Graph {self.title!r}: {len(self.nodes)} nodes, {len(self.edges)} edges>"


def merge_attachment(node: Node, attachment: Dict[str, Any], append: bool) -> None:
    """Upsert an attachment by id (shared by `Graph.attach` and the server's state)."""
    items: List[Dict[str, Any]] = node.setdefault("attachments", [])
    aid = attachment.get("id")
    for i, old in enumerate(items):
        if aid is not None and old.get("id") == aid:
            if append and isinstance(old.get("values"), list) and isinstance(attachment.get("values"), list):
                items[i] = {**old, **attachment, "values": list(old["values"]) + list(attachment["values"])}
            elif append and isinstance(old.get("text"), str) and isinstance(attachment.get("text"), str):
                items[i] = {**old, **attachment, "text": old["text"] + attachment["text"]}
            else:
                items[i] = dict(attachment)
            return
    items.append(dict(attachment))


def validate(doc: Any) -> List[str]:
    """Problems with a format v1 document, as short messages; empty when it is valid.

    Checks: header fields, unique node ids, parents listed before children (hence no parent
    cycles), edge endpoints exist, align lists name existing nodes.
    """
    problems: List[str] = []
    if not isinstance(doc, dict):
        return ["document is not a JSON object"]
    if doc.get("format") != FORMAT:
        problems.append(f"format must be {FORMAT!r}")
    if doc.get("version") != VERSION:
        problems.append(f"version must be {VERSION}")
    if doc.get("direction", "down") not in DIRECTIONS:
        problems.append(f"direction must be one of {DIRECTIONS}")
    nodes = doc.get("nodes")
    edges = doc.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return problems + ["nodes and edges must be lists"]
    seen: set = set()
    for i, n in enumerate(nodes):
        nid = n.get("id") if isinstance(n, dict) else None
        if not isinstance(nid, str) or not nid:
            problems.append(f"nodes[{i}]: id must be a non-empty string")
            continue
        if nid in seen:
            problems.append(f"nodes[{i}]: duplicate id {nid!r}")
        parent = n.get("parent")
        if parent is not None and parent not in seen:
            problems.append(f"nodes[{i}] {nid!r}: parent {parent!r} is not listed before it")
        seen.add(nid)
    edge_ids: set = set()
    for i, e in enumerate(edges):
        if not isinstance(e, dict):
            problems.append(f"edges[{i}]: not an object")
            continue
        for end in ("source", "target"):
            if e.get(end) not in seen:
                problems.append(f"edges[{i}]: {end} {e.get(end)!r} is not a node")
        eid = e.get("id")
        if eid in edge_ids:
            problems.append(f"edges[{i}]: duplicate id {eid!r}")
        edge_ids.add(eid)
    for i, group in enumerate(doc.get("align") or []):
        for nid in group:
            if nid not in seen:
                problems.append(f"align[{i}]: {nid!r} is not a node")
    return problems

