"""HTML around the element: the server's page and the notebook snippet, and finding the bundle.

The JS bundle is built by the repo (`npm run build`), which writes `dist/vz-graph.js` and
copies it to `vz_pytorch/static/vz-graph.js` (package data). Lookup order:
`$VZ_GRAPH_BUNDLE`, the package's `static/`, then `<repo>/dist/` next to this source tree.
"""
from __future__ import annotations

import html
import json
import os
import uuid
from pathlib import Path
from typing import Any, Dict, Optional

__all__ = ["find_bundle", "page_html", "notebook_html", "MISSING_BUNDLE"]

BUNDLE_NAME = "vz-graph.js"
MISSING_BUNDLE = ("vz-graph.js was not found: build it with `npm run build` at the repository root "
                  "(it writes dist/vz-graph.js and copies it into bridge-py/src/vz_pytorch/static/), "
                  "or point $VZ_GRAPH_BUNDLE at a built vz-graph.js.")


def find_bundle() -> Optional[Path]:
    """Path of the built `vz-graph.js`, or None when it has not been built."""
    env = os.environ.get("VZ_GRAPH_BUNDLE")
    here = Path(__file__).resolve().parent
    candidates = [Path(env)] if env else []
    candidates += [here / "static" / BUNDLE_NAME, here.parents[2] / "dist" / BUNDLE_NAME]
    for path in candidates:
        if path.is_file():
            return path
    return None


def _on_missing(message_json: str) -> str:
    return ("document.body.insertAdjacentHTML('afterbegin', '<p id=vz-missing></p>');"
            f"document.getElementById('vz-missing').textContent = {message_json};")


def page_html(title: str = "vz-graph", src: str = "/events") -> str:
    """The page the server sends at `/`: the element filling the window, fed by SSE."""
    t = html.escape(title)
    s = html.escape(src, quote=True)
    missing = json.dumps(MISSING_BUNDLE)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<style>
  html, body {{ margin: 0; height: 100%; }}
  vz-graph {{ display: block; width: 100vw; height: 100vh; }}
  #vz-missing {{ font: 14px system-ui, sans-serif; padding: 1em; color: #b00020; }}
</style>
<script type="module" src="/vz-graph.js" onerror="{html.escape(_on_missing(missing), quote=True)}"></script>
</head>
<body>
<vz-graph src="{s}" theme="auto"></vz-graph>
</body>
</html>
"""


def _script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def notebook_html(doc: Dict[str, Any], height: int = 520) -> str:
    """A self-contained snippet: the bundle inline (loaded once per page) and the graph JSON."""
    bundle = find_bundle()
    if bundle is None:
        return (f'<div style="font:13px system-ui,sans-serif;color:#b00020">{html.escape(MISSING_BUNDLE)}</div>'
                f"<details><summary>{len(doc.get('nodes', []))} nodes, {len(doc.get('edges', []))} edges"
                "</summary><pre>" + html.escape(json.dumps(doc, indent=1)[:20000]) + "</pre></details>")
    code = bundle.read_text(encoding="utf-8")
    el_id = "vz-" + uuid.uuid4().hex[:12]
    box = (f'<div style="height:{int(height)}px">'
           f'<vz-graph id="{el_id}" style="display:block;height:100%"></vz-graph></div>')
    return box + f"""
<script type="module">
if (!customElements.get("vz-graph")) {{
  const code = {_script_json(code)};
  const url = URL.createObjectURL(new Blob([code], {{ type: "text/javascript" }}));
  await import(url);
}}
document.getElementById("{el_id}").graph = {_script_json(doc)};
</script>"""
