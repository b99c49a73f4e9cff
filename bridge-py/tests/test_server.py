"""The live server over real loopback HTTP: routes, SSE ids, resume, slow viewers, shutdown."""
from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from typing import Dict, List, Optional

import pytest
import torch

import vz_pytorch as vz
from models import MLP


class SSE:
    """A minimal EventSource over a raw socket (so a test controls every byte and stall)."""

    def __init__(self, port: int, last_id: Optional[int] = None, timeout: float = 10.0) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        req = "GET /events HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\n"
        if last_id is not None:
            req += f"Last-Event-ID: {last_id}\r\n"
        self.sock.sendall((req + "\r\n").encode())
        self.f = self.sock.makefile("rb")
        self.status = self.f.readline().decode()
        self.headers: Dict[str, str] = {}
        while True:
            line = self.f.readline().decode().strip()
            if not line:
                break
            k, v = line.split(":", 1)
            self.headers[k.strip().lower()] = v.strip()

    def block(self) -> Optional[Dict[str, str]]:
        """The next raw block ({"comment": …} or {"id", "event", "data", "retry"}), None at EOF."""
        fields: Dict[str, str] = {}
        while True:
            line = self.f.readline()
            if not line:
                return None
            text = line.decode().rstrip("\n")
            if text == "":
                if fields:
                    return fields
                continue
            if text.startswith(":"):
                fields["comment"] = text[1:].strip()
            else:
                k, _, v = text.partition(":")
                fields[k] = v[1:] if v.startswith(" ") else v

    def event(self) -> Optional[Dict[str, object]]:
        while True:
            b = self.block()
            if b is None:
                return None
            if "event" in b:
                return {"id": int(b["id"]), "event": b["event"], "data": json.loads(b["data"])}

    def events(self, n: int) -> List[Dict[str, object]]:
        return [self.event() for _ in range(n)]

    def close(self) -> None:
        self.f.close()
        self.sock.close()


@pytest.fixture
def server():
    s = vz.serve(port=0, history=64)
    yield s
    s.close()


def small_graph() -> vz.Graph:
    return vz.trace(MLP(), torch.randn(1, 8))


def get(port: int, path: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


def test_binds_loopback_and_picks_a_free_port():
    with vz.serve(port=0) as s:
        assert s.host == "127.0.0.1" and s.port > 0 and s.url == f"http://127.0.0.1:{s.port}/"
        assert s._httpd.socket.getsockname()[0] == "127.0.0.1"
    assert s.closed


def test_routes_and_headers(server, tmp_path, monkeypatch):
    resp, body = get(server.port, "/")
    page = body.decode()
    assert resp.status == 200 and resp.getheader("Content-Type").startswith("text/html")
    assert '<script type="module" src="/vz-graph.js"' in page and '<vz-graph src="/events"' in page
    resp, body = get(server.port, "/graph.vz.json")
    assert resp.status == 404
    graph = small_graph()
    server.publish(graph)
    resp, body = get(server.port, "/graph.vz.json")
    assert resp.status == 200 and json.loads(body) == graph.to_dict()
    for path in ("/", "/graph.vz.json", "/nope"):
        resp, _ = get(server.port, path)
        assert resp.getheader("Access-Control-Allow-Origin") == "*"
        assert resp.getheader("Cache-Control") == "no-cache"
    # the bundle: found through $VZ_GRAPH_BUNDLE here; 503 with a build hint when missing
    bundle = tmp_path / "vz-graph.js"
    bundle.write_text("export const dummy = 1;\n")
    (tmp_path / "layout.worker.js").write_text("// sibling chunk\n")
    monkeypatch.setenv("VZ_GRAPH_BUNDLE", str(bundle))
    resp, body = get(server.port, "/vz-graph.js")
    assert resp.status == 200 and body == bundle.read_bytes()
    assert resp.getheader("Content-Type").startswith("text/javascript")
    resp, body = get(server.port, "/layout.worker.js")
    assert resp.status == 200 and body == b"// sibling chunk\n"
    monkeypatch.setattr("vz_pytorch._handler.find_bundle", lambda: None)
    resp, body = get(server.port, "/vz-graph.js")
    assert resp.status == 503 and b"npm run build" in body


def test_head_requests_do_not_stream(server):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("HEAD", "/events")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Type").startswith("text/event-stream")
    assert resp.read() == b""
    conn.close()
    assert server._viewers == set()


def test_static_dir_is_served_without_traversal(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "resnet.vz.json").write_text('{"a": 1}')
    (tmp_path / "secret.txt").write_text("secret")
    with vz.serve(port=0, static_dir=str(site)) as s:
        resp, body = get(s.port, "/resnet.vz.json")
        assert resp.status == 200 and body == b'{"a": 1}' and resp.getheader("Content-Type") == "application/json"
        for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"):
            resp, body = get(s.port, path)
            assert resp.status == 404 and b"secret" not in body


def test_sse_ids_are_monotonic_and_events_typed(server):
    server.publish(small_graph())
    viewer = SSE(server.port)
    try:
        assert viewer.status.split()[1] == "200"
        assert viewer.headers["content-type"].startswith("text/event-stream")
        assert viewer.headers["access-control-allow-origin"] == "*" and viewer.headers["cache-control"] == "no-cache"
        first = viewer.event()
        assert first["event"] == "graph" and first["id"] == 1 and first["data"]["format"] == "vz-graph"
        server.attach("fc1", {"id": "loss", "type": "line", "values": [1.0]}, append=True)
        server.patch(nodes=[{"id": "extra", "parent": None, "label": "extra", "kind": "op"}])
        server.publish(small_graph())
        got = viewer.events(3)
        assert [e["event"] for e in got] == ["attach", "patch", "graph"]
        assert [e["id"] for e in got] == [2, 3, 4]
        assert got[0]["data"] == {"node": "fc1", "attachment": {"id": "loss", "type": "line", "values": [1.0]},
                                  "append": True}
    finally:
        viewer.close()


def test_last_event_id_resume_delivers_exactly_the_later_events(server):
    server.publish(small_graph())
    viewer = SSE(server.port)
    viewer.event()
    for i in range(5):
        server.attach("fc1", {"id": "loss", "type": "line", "values": [float(i)]}, append=True)
    seen = viewer.events(2)
    assert [e["id"] for e in seen] == [2, 3]
    viewer.close()
    for i in range(5, 8):
        server.attach("fc1", {"id": "loss", "type": "line", "values": [float(i)]}, append=True)
    again = SSE(server.port, last_id=3)
    try:
        resumed = again.events(6)
        assert [e["id"] for e in resumed] == [4, 5, 6, 7, 8, 9]
        assert [e["data"]["attachment"]["values"] for e in resumed] == [[float(i)] for i in range(2, 8)]
        server.attach("fc2", {"id": "x", "type": "text", "text": "live"})
        assert again.event()["id"] == 10  # and it stays live, with nothing replayed twice
    finally:
        again.close()


def test_old_last_event_id_gets_a_fresh_materialised_graph():
    with vz.serve(port=0, history=4) as s:
        s.publish(small_graph())
        for i in range(10):
            s.attach("fc1", {"id": "loss", "type": "line", "values": [float(i)]}, append=True)
        s.attach("head", {"id": "note", "type": "text", "text": "hi"})
        for last in (1, None, 999):  # too old for the history, a first connect, a server restart
            viewer = SSE(s.port, last_id=last)
            try:
                fresh = viewer.event()
                assert fresh["event"] == "graph" and fresh["id"] == 12 == s.last_event_id
                nodes = {n["id"]: n for n in fresh["data"]["nodes"]}
                assert nodes["fc1"]["attachments"] == [{"id": "loss", "type": "line",
                                                        "values": [float(i) for i in range(10)]}]
                assert nodes["head"]["attachments"][0]["text"] == "hi"
            finally:
                viewer.close()
        up_to_date = SSE(s.port, last_id=12)
        s.attach("fc2", {"id": "t", "type": "text", "text": "next"})
        assert up_to_date.event()["id"] == 13  # nothing replayed, nothing skipped
        up_to_date.close()


def test_history_restarts_at_each_graph_and_is_bounded_in_bytes():
    with vz.serve(port=0, history=100, history_bytes=4000) as s:
        s.publish(small_graph())                                   # 1
        for i in range(3):
            s.attach("fc1", {"id": "t", "type": "text", "text": str(i)})  # 2, 3, 4
        s.publish(small_graph())                                   # 5
        s.attach("fc2", {"id": "t", "type": "text", "text": "after"})     # 6
        assert [eid for eid, _ in s._history] == [6]
        before = SSE(s.port, last_id=2)  # from before the latest graph: the current document
        fresh = before.event()
        assert (fresh["event"], fresh["id"]) == ("graph", 6)
        assert {n["id"]: n for n in fresh["data"]["nodes"]}["fc2"]["attachments"][0]["text"] == "after"
        before.close()
        after = SSE(s.port, last_id=5)  # right after it: just the one later event
        assert [(e["event"], e["id"]) for e in after.events(1)] == [("attach", 6)]
        after.close()
        for i in range(100):  # ~120 bytes each: only the newest ~4000 bytes stay
            s.attach("fc1", {"id": "big", "type": "text", "text": "x" * 50})
        assert sum(len(c) for _, c in s._history) <= 4000 and len(s._history) < 100
        assert s._history[-1][0] == s.last_event_id


def _stall(port: int) -> socket.socket:
    """A viewer that sends its request and never reads a byte."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.sendall(b"GET /events HTTP/1.1\r\nHost: t\r\n\r\n")
    return sock


BIG = {"id": "h", "type": "histogram", "bins": list(range(65)), "counts": list(range(64))}


def _publish_in_thread(s: vz.Server, n: int) -> bool:
    done = threading.Event()

    def publish_all():
        for _ in range(n):
            s.attach("fc1", BIG)
        done.set()

    p = threading.Thread(target=publish_all)
    p.start()
    p.join(60)  # a hang detector, not a timing assertion
    return done.is_set()


def test_a_stalled_viewer_never_blocks_publish():
    # history large enough that a lagging reader is never cut: it must get every event in order
    with vz.serve(port=0, history=20_000) as s:
        s.publish(small_graph())
        stalled = _stall(s.port)
        reader = SSE(s.port)
        assert reader.event()["event"] == "graph"
        received: List[int] = []

        def read_all():
            while len(received) < 10_000:
                e = reader.event()
                if e is None:
                    return
                received.append(e["id"])

        t = threading.Thread(target=read_all)
        t.start()
        assert _publish_in_thread(s, 10_000), "publish blocked on a stalled viewer"
        t.join(60)
        assert received == list(range(2, 10_002))
        reader.close()
        stalled.close()


def test_a_viewer_that_overflows_its_queue_is_cut_and_catches_up_on_reconnect():
    with vz.serve(port=0, history=32, viewer_queue=8) as s:
        s.publish(small_graph())
        stalled = _stall(s.port)
        deadline = time.monotonic() + 10
        while not s._viewers and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(s._viewers) == 1
        assert _publish_in_thread(s, 10_000)
        assert len(s._viewers) == 0  # cut: its socket was shut down, its thread ends
        stalled.close()
        # a browser reconnects with the last id it saw: too old now, so it gets the fresh graph
        again = SSE(s.port, last_id=5)
        fresh = again.event()
        assert fresh["event"] == "graph" and fresh["id"] == 10_001
        again.close()


def test_close_ends_viewer_streams_and_joins_threads():
    s = vz.serve(port=0, heartbeat=0.2)
    s.publish(small_graph())
    viewers = [SSE(s.port) for _ in range(3)]
    for v in viewers:
        assert v.event()["event"] == "graph"
    assert viewers[0].block() == {"comment": "keep-alive"}  # heartbeat comments keep proxies open
    t0 = time.monotonic()
    s.close()
    for v in viewers:
        assert v.event() is None  # EOF: the stream ended
        v.close()
    assert not s._thread.is_alive()
    assert time.monotonic() - t0 < 10
    with pytest.raises(vz.ServerError):
        s.publish(small_graph())
    with pytest.raises(ConnectionError):
        get(s.port, "/")


def test_publish_validates_and_patch_updates_the_latest_graph(server):
    with pytest.raises(vz.ServerError):
        server.publish({"format": "vz-graph", "version": 1, "nodes": [{"id": "a", "parent": "zz"}], "edges": []})
    server.publish(small_graph())
    server.patch(nodes=[{"id": "fc1", "parent": "MLP", "label": "renamed", "kind": "module"}], remove=["head"])
    doc = server.latest()
    nodes = {n["id"]: n for n in doc["nodes"]}
    assert nodes["fc1"]["label"] == "renamed" and "head" not in nodes
    assert all("head" not in (e["source"], e["target"]) for e in doc["edges"])


@pytest.mark.bundle
def test_serves_the_real_bundle(server, monkeypatch):
    monkeypatch.delenv("VZ_GRAPH_BUNDLE", raising=False)
    bundle = vz.find_bundle()
    if bundle is None:
        pytest.skip("the JS bundle has not been built (npm run build)")
    resp, body = get(server.port, "/vz-graph.js")
    assert resp.status == 200 and body == bundle.read_bytes()
    assert resp.getheader("Content-Type").startswith("text/javascript")
    assert b"vz-graph" in body


def test_ipv6_loopback():
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        s = vz.serve("::1", port=0)
    except vz.ServerError:
        pytest.skip("::1 is not available here")
    with s:
        assert s.url == f"http://[::1]:{s.port}/"
        conn = http.client.HTTPConnection("::1", s.port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        conn.close()
