"""Cross-language contract: the element's own validator (component/model/validate.ts) accepts
what the tracer writes. Skipped when node or esbuild (from the repo's node_modules) is missing."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import torch

import vz_pytorch as vz
from conftest import REPO
from models import MLP, HardCases, LSTMLoop

ESBUILD = REPO / "node_modules" / ".bin" / "esbuild"
VALIDATE = REPO / "component" / "model" / "validate.ts"
RUNNER = """
import { validate } from './validate.mjs';
import fs from 'node:fs';
const out = {};
for (const f of process.argv.slice(2)) out[f] = validate(JSON.parse(fs.readFileSync(f, 'utf8')));
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None or not ESBUILD.exists() or not VALIDATE.exists(),
                    reason="needs node, the repo's node_modules and component/model/validate.ts")
def test_the_element_accepts_traced_documents(tmp_path):
    subprocess.run([str(ESBUILD), str(VALIDATE), "--bundle", "--format=esm", f"--outfile={tmp_path / 'validate.mjs'}",
                    "--log-level=warning"], check=True, timeout=120)
    (tmp_path / "run.mjs").write_text(RUNNER)
    graphs = {"mlp": vz.trace(MLP(), torch.randn(2, 8)), "lstm": vz.trace(LSTMLoop(), torch.randn(4, 1, 4)),
              "hard": vz.trace(HardCases(), torch.randn(2, 6))}
    model = MLP()
    with vz.tracing(model) as live:  # every attachment type
        out = model(torch.randn(3, 8))
        vz.plot_histogram(out)
        vz.plot_heatmap(model.fc1.weight, node=model.fc1)
        vz.plot_heatmap(model.fc2.weight, node=model.fc2, encoding="png", id="png")
        vz.plot_line("loss", [1.0, float("nan"), 0.5], node=model.head)
        vz.plot_scalar("lr", 0.1, node=model.head)
        vz.tag(model.act, "note")
    graphs["attachments"] = live
    graphs["untitled"] = vz.Graph()
    files = []
    for name, graph in graphs.items():
        path = tmp_path / f"{name}.vz.json"
        graph.save(path)
        files.append(str(path))
    result = subprocess.run(["node", str(tmp_path / "run.mjs"), *files], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120, check=True)
    problems = json.loads(result.stdout)
    assert problems == {f: [] for f in files}
