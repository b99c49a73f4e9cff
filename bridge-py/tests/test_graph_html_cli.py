"""The document object, the notebook snippet and the command line."""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
import torch

import vz_pytorch as vz
from models import MLP
from vz_pytorch import __main__ as cli


@pytest.fixture
def graph() -> vz.Graph:
    return vz.trace(MLP(), torch.randn(1, 8))


def test_save_load_round_trip(graph, tmp_path):
    path = tmp_path / "mlp.vz.json"
    graph.save(path)
    doc = json.loads(path.read_text())
    assert list(doc)[:7] == ["format", "version", "title", "direction", "nodes", "edges", "align"]
    assert doc == graph.to_dict() == json.loads(graph.to_json())
    again = vz.Graph.load(path)
    assert again.to_dict() == doc


def test_to_dict_is_a_snapshot(graph):
    doc = graph.to_dict()
    doc["nodes"][0]["label"] = "changed"
    assert graph.nodes[0]["label"] != "changed"


def test_validate_reports_problems():
    bad = {"format": "vz-graph", "version": 2, "direction": "diagonal",
           "nodes": [{"id": "a", "parent": "b"}, {"id": "b"}, {"id": "b"}],
           "edges": [{"id": "e0", "source": "a", "target": "zz"}], "align": [["a", "q"]]}
    problems = vz.validate(bad)
    assert any("version" in p for p in problems) and any("direction" in p for p in problems)
    assert any("parent 'b' is not listed before" in p for p in problems)
    assert any("duplicate id 'b'" in p for p in problems) and any("'zz' is not a node" in p for p in problems)
    assert any("align" in p for p in problems)
    with pytest.raises(vz.GraphError):
        vz.Graph.from_dict(bad)
    with pytest.raises(vz.GraphError):
        vz.Graph(direction="sideways")


def test_repr_html_without_bundle_says_how_to_build(graph, monkeypatch):
    monkeypatch.setattr("vz_pytorch._html.find_bundle", lambda: None)
    snippet = graph._repr_html_()
    assert "npm run build" in snippet and "<script" not in snippet


def test_repr_html_embeds_bundle_and_graph(graph, tmp_path, monkeypatch):
    bundle = tmp_path / "vz-graph.js"
    bundle.write_text("customElements.define('vz-graph', class extends HTMLElement {}); // </script> inside\n")
    monkeypatch.setenv("VZ_GRAPH_BUNDLE", str(bundle))
    snippet = graph._repr_html_()
    assert snippet.count("</script>") == 1  # the bundle's own "</script>" is escaped
    assert "customElements.get(\"vz-graph\")" in snippet and "<vz-graph id=" in snippet
    doc_json = snippet.split(".graph = ", 1)[1].rsplit(";\n</script>", 1)[0]
    assert json.loads(doc_json) == graph.to_dict()


def test_show_publishes_to_a_shared_server(graph, capsys):
    server = graph.show(port=0, open_browser=False)
    try:
        assert server.url in capsys.readouterr().out
        with urllib.request.urlopen(server.url + "graph.vz.json", timeout=10) as resp:
            assert json.load(resp) == graph.to_dict()
        assert graph.show(port=0, open_browser=False) is server
    finally:
        server.close()


@contextlib.contextmanager
def cli_serve(path: Path) -> Iterator[str]:
    """`python -m vz_pytorch serve PATH` on a free port; yields its URL, stops it afterwards."""
    proc = subprocess.Popen([sys.executable, "-m", "vz_pytorch", "serve", str(path), "--port", "0", "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield proc.stdout.readline().split(" at ", 1)[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(10)


def test_cli_serve_a_file(graph, tmp_path):
    path = tmp_path / "mlp.vz.json"
    graph.save(path)
    with cli_serve(path) as url:
        with urllib.request.urlopen(url + "graph.vz.json", timeout=10) as resp:
            assert json.load(resp) == graph.to_dict()
        with urllib.request.urlopen(url + "mlp.vz.json", timeout=10) as resp:  # the file's folder is static
            assert json.load(resp) == graph.to_dict()


def test_cli_serve_republishes_when_the_file_changes(graph, tmp_path):
    import time

    path = tmp_path / "mlp.vz.json"
    graph.save(path)
    with cli_serve(path) as url:
        graph.title = "edited"
        time.sleep(1.1)  # a new mtime, even on coarse-grained file systems
        graph.save(path)
        deadline = time.monotonic() + 15
        title = None
        while time.monotonic() < deadline and title != "edited":
            time.sleep(0.2)
            with urllib.request.urlopen(url + "graph.vz.json", timeout=10) as resp:
                title = json.load(resp)["title"]
        assert title == "edited"


def test_graph_attach_appends_series(graph):
    graph.attach("fc1", vz.line([1.0], id="loss"))
    graph.attach("fc1", vz.line([2.0, 3.0], id="loss", label="train loss"), append=True)
    graph.attach("fc1", {"id": "log", "type": "text", "text": "a"})
    graph.attach("fc1", {"id": "log", "type": "text", "text": "b"}, append=True)
    graph.attach("fc1", vz.scalar(5, id="lr"))
    graph.attach("fc1", vz.scalar(6, id="lr"), append=True)  # no list to extend: replaced
    atts = {a["id"]: a for a in graph.node("fc1")["attachments"]}
    assert atts["loss"] == {"id": "loss", "type": "line", "values": [1.0, 2.0, 3.0], "label": "train loss"}
    assert atts["log"]["text"] == "ab" and atts["lr"]["value"] == 6.0
    with pytest.raises(vz.GraphError):
        graph.attach("nope", vz.scalar(1))


def test_cli_serve_reports_a_bad_file(tmp_path):
    path = tmp_path / "bad.vz.json"
    path.write_text('{"format": "nope"}')
    assert cli.main(["serve", str(path), "--port", "0", "--no-browser"]) == 1


def test_cli_demo_runs_demo_run_py(tmp_path, monkeypatch):
    script = tmp_path / "run.py"
    marker = tmp_path / "ran.txt"
    script.write_text(f"import sys\nopen({str(marker)!r}, 'w').write(' '.join(sys.argv[1:]))\n")
    monkeypatch.setattr(cli, "demo_script", lambda: script)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    assert cli.main(["demo", "--fast"]) == 0
    assert marker.read_text() == "--fast"
    monkeypatch.setattr(cli, "demo_script", lambda: None)
    assert cli.main(["demo"]) == 2


def test_public_surface():
    for name in ("trace", "tracing", "Graph", "tick", "step", "group", "name", "align", "pause", "tag",
                 "plot_histogram", "plot_line", "plot_heatmap", "serve", "Server", "VzError", "TraceError"):
        assert name in vz.__all__ and hasattr(vz, name)
    assert Path(vz.__file__).parent.name == "vz_pytorch"
