"""The vz-graph demo: traces real models, serves their diagrams, and trains one model live.

    npm run demo            (or: .venv/bin/python demo/run.py [--port 8765] [--steps N])

Writes demo/out/<name>.vz.json for the gallery, starts vz_pytorch's server on 127.0.0.1 with this
folder as its static files, publishes the unrolled LSTM on /events and streams its training loss
to it (a line attachment that grows without a relayout), until Ctrl-C.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import torch  # noqa: E402

import vz_pytorch as vz  # noqa: E402
from models import GALLERY, build_lstm  # noqa: E402

OUT = HERE / "out"


def trace_gallery(names: list[str]) -> list[dict]:
    OUT.mkdir(exist_ok=True)
    entries = []
    for name in names:
        started = time.perf_counter()
        title, model, inputs = GALLERY[name]()
        with torch.no_grad():
            graph = vz.trace(model, *inputs)
        doc = graph.to_dict()
        doc["title"] = title
        (OUT / f"{name}.vz.json").write_text(json.dumps(doc))
        ms = (time.perf_counter() - started) * 1000
        print(f"  traced {title:34s} {len(doc['nodes']):6d} nodes {len(doc['edges']):6d} edges  {ms:7.0f} ms")
        entries.append({"name": name, "title": title, "src": f"out/{name}.vz.json",
                        "nodes": len(doc["nodes"]), "edges": len(doc["edges"])})
    (OUT / "gallery.json").write_text(json.dumps(entries, indent=1))
    return entries


def pick_node(doc: dict, suffix: str) -> str:
    for node in doc["nodes"]:
        if node["id"].endswith(suffix):
            return node["id"]
    return doc["nodes"][0]["id"]


def train_live(server: vz.Server, steps: int | None) -> None:
    """Trains the unrolled LSTM to continue a sine wave; its loss streams to the live diagram."""
    torch.manual_seed(0)
    _, model, (example,) = build_lstm(steps=6)
    graph = vz.trace(model, example)
    doc = graph.to_dict()
    doc["title"] = "Unrolled LSTM — training live"
    server.publish(doc)
    target_node = pick_node(doc, "readout")
    optimiser = torch.optim.Adam(model.parameters(), lr=0.02)
    t = torch.linspace(0, 4 * math.pi, 7)
    step = 0
    while steps is None or step < steps:
        phase = torch.rand(16, 1) * 2 * math.pi
        wave = torch.sin(t + phase).unsqueeze(-1)  # [16, 7, 1]
        xs = wave[:, :-1].expand(-1, -1, 8)
        loss = torch.nn.functional.mse_loss(model(xs), wave[:, 1:])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        step += 1
        if step % 5 == 0:
            server.attach(target_node, {"id": "loss", "type": "line", "label": "train loss",
                                        "values": [round(loss.item(), 5)]}, append=True)
            server.attach(target_node, {"id": "step", "type": "scalar", "label": "step", "value": step})
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--models", default=",".join(GALLERY), help="comma-separated: " + ",".join(GALLERY))
    parser.add_argument("--steps", type=int, default=None, help="training steps for the live model (default: until Ctrl-C)")
    args = parser.parse_args()

    print("Tracing the gallery models (random weights, built from code and configs):")
    trace_gallery([m for m in args.models.split(",") if m])
    server = vz.serve(host=args.host, port=args.port, static_dir=str(HERE))
    print(f"\nvz-graph demo: open {server.url}gallery.html  (gallery and live training)")
    print(f"               {server.url}  (the live diagram alone)\nCtrl-C stops.")
    try:
        train_live(server, args.steps)
        if args.steps is not None:
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


if __name__ == "__main__":
    main()
