"""A local live server: the page, the bundle and an SSE stream of graphs (DESIGN.md "Streaming").

Standard library only: `ThreadingHTTPServer` on a daemon thread, one thread per viewer.

Event model: every `publish`/`patch`/`attach` gets the next integer id, goes into a bounded
history and into each viewer's own bounded queue; `publish` never waits for a viewer. The server
also keeps the *materialised* document (the latest graph with later patches and attachments
applied). A viewer that connects, or reconnects with a `Last-Event-ID` the history no longer
reaches, gets that document as one `graph` event carrying the latest id: nothing is lost and
nothing is applied twice. A viewer whose queue overflows (it stopped reading) is disconnected;
its browser reconnects with `Last-Event-ID` and catches up the same way.
"""
from __future__ import annotations

import json
import queue
import socket
import threading
from collections import deque
from http.server import ThreadingHTTPServer
from typing import Any, Deque, Dict, Iterable, List, Optional, Set, Tuple, Union

from ._errors import ServerError
from ._graph import Graph, merge_attachment, validate
from ._handler import Handler

__all__ = ["Server", "serve", "shared_server"]


class _Viewer:
    """One SSE connection: its queue of encoded events, and the socket to cut when it lags."""

    def __init__(self, sock: socket.socket, maxsize: int) -> None:
        self.queue: "queue.Queue[Optional[bytes]]" = queue.Queue(maxsize)
        self.sock = sock
        self.dead = False
        self.thread = threading.current_thread()

    def offer(self, chunk: bytes) -> bool:
        try:
            self.queue.put_nowait(chunk)
            return True
        except queue.Full:
            self.kill()
            return False

    def kill(self) -> None:
        self.dead = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)  # unblocks a write stuck on a stalled client
        except OSError:
            pass
        try:
            self.queue.put_nowait(None)
        except queue.Full:
            pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # Server.close() joins the viewer threads itself, with a timeout
    allow_reuse_address = True

    def __init__(self, address: Tuple[str, int], owner: "Server") -> None:
        self.owner = owner
        if ":" in address[0]:  # an IPv6 literal such as "::1"
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)


class Server:
    """See `serve()`. Use as a context manager, or call `close()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 8765, *, static_dir: Optional[str] = None,
                 history: int = 1024, history_bytes: int = 32 << 20, viewer_queue: int = 4096,
                 heartbeat: float = 15.0,
                 title: str = "vz-graph") -> None:
        self.static_dir = static_dir
        self.heartbeat = heartbeat
        self.title = title
        self._lock = threading.Lock()
        self._seq = 0
        # Events after the latest `graph` event (older ones are covered by the materialised
        # document), at most `history` of them and `history_bytes` in total.
        self._history: Deque[Tuple[int, bytes]] = deque()
        self._history_max = max(1, history)
        self._history_bytes_max = history_bytes
        self._history_bytes = 0
        self._viewer_queue = max(viewer_queue, history + 2)
        self._state: Optional[Dict[str, Any]] = None
        self._index: Dict[str, Dict[str, Any]] = {}
        self._viewers: Set[_Viewer] = set()
        self._closed = False
        try:
            self._httpd = _HTTPServer((host, port), self)
        except OSError as exc:
            raise ServerError(f"cannot listen on {host}:{port}: {exc} (port=0 picks a free port)") from exc
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"vz-serve:{self.port}", daemon=True)
        self._thread.start()

    # -- address ----------------------------------------------------------------------------
    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = self.host
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else (f"[{host}]" if ":" in host else host)
        return f"http://{shown}:{self.port}/"

    @property
    def last_event_id(self) -> int:
        return self._seq

    # -- publishing -------------------------------------------------------------------------
    def publish(self, graph: Union[Graph, Dict[str, Any]]) -> int:
        """Send a whole document (`graph` event); returns its event id."""
        doc = graph.to_dict() if isinstance(graph, Graph) else graph
        problems = validate(doc)
        if problems:
            raise ServerError("cannot publish an invalid document: " + "; ".join(problems[:5]))
        return self._emit("graph", doc)

    def patch(self, patch: Optional[Dict[str, Any]] = None, *, nodes: Iterable[Dict[str, Any]] = (),
              edges: Iterable[Dict[str, Any]] = (), remove: Iterable[str] = ()) -> int:
        """Upsert nodes/edges and remove ids (`patch` event); returns its event id."""
        body = dict(patch) if patch else {}
        body.setdefault("nodes", [])
        body.setdefault("edges", [])
        body.setdefault("remove", [])
        body["nodes"] = list(body["nodes"]) + list(nodes)
        body["edges"] = list(body["edges"]) + list(edges)
        body["remove"] = list(body["remove"]) + list(remove)
        return self._emit("patch", body)

    def attach(self, node_id: str, attachment: Dict[str, Any], append: bool = False) -> int:
        """Pin an attachment to a node (`attach` event, no relayout); returns its event id."""
        if not isinstance(attachment, dict) or "type" not in attachment:
            raise ServerError("an attachment is a dict with at least a 'type' (and usually an 'id')")
        return self._emit("attach", {"node": node_id, "attachment": attachment, "append": bool(append)})

    def _emit(self, event: str, payload: Dict[str, Any]) -> int:
        data = json.dumps(payload, separators=(",", ":"))
        with self._lock:
            if self._closed:
                raise ServerError("the server is closed")
            self._seq += 1
            eid = self._seq
            self._apply(event, payload, data)
            chunk = f"id: {eid}\nevent: {event}\ndata: {data}\n\n".encode("utf-8")
            self._remember(event, eid, chunk)
            for viewer in list(self._viewers):
                if not viewer.offer(chunk):
                    self._viewers.discard(viewer)
        return eid

    def _remember(self, event: str, eid: int, chunk: bytes) -> None:
        """Keep `chunk` for `Last-Event-ID` replay (under the lock)."""
        if event == "graph":  # a viewer from before it gets the materialised document instead
            self._history.clear()
            self._history_bytes = 0
            return
        self._history.append((eid, chunk))
        self._history_bytes += len(chunk)
        while len(self._history) > self._history_max or (
                self._history_bytes > self._history_bytes_max and len(self._history) > 1):
            self._history_bytes -= len(self._history.popleft()[1])

    def _apply(self, event: str, payload: Dict[str, Any], data: str) -> None:
        """Keep the materialised document up to date (under the lock)."""
        if event == "graph":
            self._state = json.loads(data)  # a private copy
            self._index = {n["id"]: n for n in self._state["nodes"]}
            return
        state = self._state
        if state is None:
            return
        if event == "attach":
            node = self._index.get(payload["node"])
            if node is not None:
                merge_attachment(node, payload["attachment"], payload["append"])
        elif event == "patch":
            gone = set(payload.get("remove", []))
            for n in json.loads(json.dumps(payload.get("nodes", []))):
                if n["id"] in self._index:
                    self._index[n["id"]].clear()
                    self._index[n["id"]].update(n)
                else:
                    state["nodes"].append(n)
                    self._index[n["id"]] = n
            edges = {e["id"]: e for e in state["edges"]}
            for e in payload.get("edges", []):
                edges[e["id"]] = dict(e)
            for n in state["nodes"]:  # parents come first: removing a group removes its contents
                if n.get("parent") in gone:
                    gone.add(n["id"])
            state["nodes"] = [n for n in state["nodes"] if n["id"] not in gone]
            state["edges"] = [e for e in edges.values() if e["id"] not in gone
                              and e["source"] not in gone and e["target"] not in gone]
            for nid in gone:
                self._index.pop(nid, None)

    def latest(self) -> Optional[Dict[str, Any]]:
        """The materialised document (latest graph with later patches and attachments)."""
        with self._lock:
            return None if self._state is None else json.loads(json.dumps(self._state))

    # -- viewers (called by the handler) ----------------------------------------------------
    def subscribe(self, sock: socket.socket, last_id: Optional[int]) -> _Viewer:
        viewer = _Viewer(sock, self._viewer_queue)
        with self._lock:
            if self._closed:
                viewer.dead = True
                return viewer
            for chunk in self._catch_up(last_id):
                viewer.queue.put_nowait(chunk)
            self._viewers.add(viewer)
        return viewer

    def unsubscribe(self, viewer: _Viewer) -> None:
        with self._lock:
            self._viewers.discard(viewer)

    def _catch_up(self, last_id: Optional[int]) -> List[bytes]:
        if last_id is not None and last_id == self._seq:
            return []  # up to date
        if last_id is not None and last_id < self._seq and self._history and self._history[0][0] <= last_id + 1:
            return [chunk for eid, chunk in self._history if eid > last_id]
        if self._state is None:
            return []
        data = json.dumps(self._state, separators=(",", ":"))
        return [f"id: {self._seq}\nevent: graph\ndata: {data}\n\n".encode("utf-8")]

    # -- end --------------------------------------------------------------------------------
    def close(self, timeout: float = 5.0) -> None:
        """Stop serving: end every viewer's stream, stop the server thread and join it."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            viewers = list(self._viewers)
            self._viewers.clear()
        for viewer in viewers:
            viewer.kill()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout)
        for viewer in viewers:
            if viewer.thread is not threading.current_thread():
                viewer.thread.join(timeout)

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Server {self.url}{' closed' if self._closed else ''}>"


def serve(host: str = "127.0.0.1", port: int = 8765, *, static_dir: Optional[str] = None,
          **options: Any) -> Server:
    """Start the live server on a daemon thread and return it (`port=0` picks a free port).

    Routes: `/` (a page with the element), `/vz-graph.js` (the bundle), `/events` (SSE),
    `/graph.vz.json` (the latest document); other GET paths come from `static_dir` if given.
    Options: `history` / `history_bytes` (events, and their total size, kept for `Last-Event-ID`
    replay; a `graph` event resets it, as the current document covers everything before it),
    `viewer_queue` (events a
    viewer may lag behind before it is cut), `heartbeat` (seconds between keep-alive comments).
    """
    return Server(host, port, static_dir=static_dir, **options)


_shared: Optional[Server] = None
_shared_lock = threading.Lock()


def shared_server(port: int = 8765) -> Server:
    """The process-wide server behind `Graph.show()` (on `port`, or a free one if it is taken)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.closed:
            try:
                _shared = Server("127.0.0.1", port)
            except ServerError:
                _shared = Server("127.0.0.1", 0)
        return _shared
