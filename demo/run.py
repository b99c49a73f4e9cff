"""The vz-graph demo: traces real models, serves their diagrams, and trains two models live.

    npm run demo            (or: .venv/bin/python demo/run.py [--port 8765] [--steps N])

Writes demo/out/<name>.vz.json for the gallery, starts vz_pytorch's server on 127.0.0.1 with this
folder as its static files and publishes a small GPT-2 on its /events stream, starts a second
server (port + 1) for the unrolled LSTM, and trains both, streaming their metrics (loss, each
block's gradient norm) as line attachments that grow without a relayout, until Ctrl-C.
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import torch  # noqa: E402

import vz_pytorch as vz  # noqa: E402
from live import GPT2Live, LSTMLive, train  # noqa: E402
from models import GALLERY  # noqa: E402

OUT = HERE / "out"


def trace_gallery(names: list[str], live: list[dict]) -> list[dict]:
    OUT.mkdir(exist_ok=True)
    entries = list(live)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765, help="the gallery and GPT-2 stream; the LSTM stream uses the next port (0: free ports)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--models", default=",".join(GALLERY), help="comma-separated: " + ",".join(GALLERY))
    parser.add_argument("--steps", type=int, default=None, help="training steps for the live models (default: until Ctrl-C)")
    args = parser.parse_args()

    server = vz.serve(host=args.host, port=args.port, static_dir=str(HERE))
    lstm_server = vz.serve(host=args.host, port=args.port + 1 if args.port else 0)
    live = [
        {"name": "live-gpt2", "title": "Live: GPT-2 training", "src": "/events", "live": True},
        {"name": "live-lstm", "title": "Live: unrolled LSTM training", "src": f"{lstm_server.url}events", "live": True},
    ]
    print("Tracing the gallery models (random weights, built from code and configs):")
    trace_gallery([m for m in args.models.split(",") if m], live)
    models = [GPT2Live(server), LSTMLive(lstm_server)]
    print(f"\nvz-graph demo: open {server.url}gallery.html   (gallery and two models training live)")
    print(f"               {server.url}   (the live GPT-2 alone)\nCtrl-C stops.", flush=True)
    stop = threading.Event()
    try:
        train(models, args.steps, stop)
        if args.steps is not None:
            stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.close()
        lstm_server.close()


if __name__ == "__main__":
    main()
