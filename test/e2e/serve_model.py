"""End-to-end helper: traces real models with vz_pytorch and serves them over its SSE server.

Prints one JSON line {"url", "nodes", "edges", "node_ids"} when ready, then reads commands on
stdin, one per line, and answers each with a JSON line:
  attach <node-id> <value>   a line attachment with one value, appended
  publish gpt2               publish GPT-2 (tiny config, random weights) instead of the LSTM
  quit
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "demo"))
import vz_pytorch as vz  # noqa: E402
from models import UnrolledLSTM  # noqa: E402


def gpt2_doc() -> dict:
    from transformers import GPT2Config, GPT2LMHeadModel

    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=128, n_positions=32)).eval()
    with torch.no_grad():
        return vz.trace(model, torch.randint(0, 128, (1, 8))).to_dict()


def main() -> None:
    torch.manual_seed(0)
    doc = vz.trace(UnrolledLSTM(), torch.randn(2, 4, 8)).to_dict()
    server = vz.serve(port=0)
    server.publish(doc)
    print(json.dumps({"url": server.url, "nodes": len(doc["nodes"]), "edges": len(doc["edges"]),
                      "node_ids": [n["id"] for n in doc["nodes"]]}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        if cmd[0] == "attach":
            server.attach(cmd[1], {"id": "loss", "type": "line", "values": [float(cmd[2])]}, append=True)
            print(json.dumps({"ok": "attach"}), flush=True)
        elif cmd[0] == "publish":
            new = gpt2_doc()
            server.publish(new)
            print(json.dumps({"ok": "publish", "nodes": len(new["nodes"])}), flush=True)
        elif cmd[0] == "quit":
            break
    server.close()


if __name__ == "__main__":
    main()
