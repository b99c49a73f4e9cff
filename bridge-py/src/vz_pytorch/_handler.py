"""HTTP routes of the live server (see `_serve.Server` for the event model)."""
from __future__ import annotations

import json
import os
import queue
import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, Optional
from urllib.parse import unquote, urlsplit

from ._html import MISSING_BUNDLE, find_bundle, page_html

if TYPE_CHECKING:
    from ._serve import Server

_TYPES = {".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
          ".wasm": "application/wasm", ".json": "application/json", ".map": "application/json",
          ".css": "text/css; charset=utf-8", ".html": "text/html; charset=utf-8", ".svg": "image/svg+xml",
          ".png": "image/png", ".txt": "text/plain; charset=utf-8"}
_ASSET = re.compile(r"^/([A-Za-z0-9_.-]+\.(?:js|mjs|wasm|map|css))$")  # files next to the bundle
_BATCH = 64  # events written per socket write when a viewer has a backlog


class Handler(BaseHTTPRequestHandler):
    server_version = "vz-pytorch"
    protocol_version = "HTTP/1.0"  # one request per connection; SSE streams until either side ends

    @property
    def owner(self) -> "Server":
        return self.server.owner  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: object) -> None:  # quiet: this runs inside notebooks
        pass

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Last-Event-ID, Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        path = unquote(urlsplit(self.path).path)
        if path in ("/", "/index.html"):
            self._send(200, page_html(self.owner.title).encode(), _TYPES[".html"], head)
        elif path == "/events":
            if head:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.end_headers()
            else:
                self._events()
        elif path == "/graph.vz.json":
            doc = self.owner.latest()
            if doc is None:
                self._send(404, b'{"error": "nothing published yet"}', _TYPES[".json"], head)
            else:
                self._send(200, json.dumps(doc).encode(), _TYPES[".json"], head)
        elif path == "/vz-graph.js":
            bundle = find_bundle()
            if bundle is None:
                self._send(503, MISSING_BUNDLE.encode(), _TYPES[".txt"], head)
            else:
                self._file(bundle, head)
        else:
            target = self._asset(path) or self._static(path)
            if target is None:
                self._send(404, b"not found", _TYPES[".txt"], head)
            else:
                self._file(target, head)

    def _asset(self, path: str) -> Optional[Path]:
        m = _ASSET.match(path)
        bundle = find_bundle()
        if m is None or bundle is None:
            return None
        candidate = bundle.parent / m.group(1)
        return candidate if candidate.is_file() else None

    def _static(self, path: str) -> Optional[Path]:
        root = self.owner.static_dir
        if root is None:
            return None
        base = os.path.realpath(root)
        full = os.path.realpath(os.path.join(base, path.lstrip("/")))
        if os.path.commonpath([base, full]) != base or not os.path.isfile(full):
            return None  # outside static_dir (traversal) or missing
        return Path(full)

    def _file(self, path: Path, head: bool) -> None:
        ctype = _TYPES.get(path.suffix, "application/octet-stream")
        if path.name.endswith(".vz.json"):
            ctype = _TYPES[".json"]
        self._send(200, path.read_bytes(), ctype, head)

    def _send(self, code: int, body: bytes, ctype: str, head: bool = False) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        raw = self.headers.get("Last-Event-ID")
        try:
            last_id: Optional[int] = int(raw) if raw is not None and raw.strip() else None
        except ValueError:
            last_id = None
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        self.close_connection = True
        owner = self.owner
        viewer = owner.subscribe(self.connection, last_id)
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not viewer.dead:
                try:
                    chunk = viewer.queue.get(timeout=owner.heartbeat)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    continue
                if chunk is None:
                    break
                parts = [chunk]
                while len(parts) < _BATCH:
                    try:
                        more = viewer.queue.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        viewer.dead = True
                        break
                    parts.append(more)
                self.wfile.write(b"".join(parts))
        except OSError:
            pass  # the viewer went away, or close()/overflow cut the socket
        finally:
            owner.unsubscribe(viewer)
