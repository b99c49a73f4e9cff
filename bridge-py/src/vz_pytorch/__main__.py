"""`python -m vz_pytorch serve FILE.vz.json [--port N]` and `python -m vz_pytorch demo`."""
from __future__ import annotations

import argparse
import json
import runpy
import sys
import time
from pathlib import Path
from typing import List, Optional

from ._errors import VzError
from ._graph import Graph
from ._serve import serve


def _serve_file(args: argparse.Namespace) -> int:
    path = Path(args.file)
    graph = Graph.load(path)
    server = serve(args.host, args.port, static_dir=str(path.resolve().parent))
    server.publish(graph)
    print(f"vz-graph: serving {path} at {server.url}  (Ctrl-C to stop; edits to the file are re-published)")
    if not args.no_browser:
        try:
            import webbrowser

            webbrowser.open(server.url)
        except Exception:
            pass
    mtime = path.stat().st_mtime
    try:
        while True:
            time.sleep(1.0)
            try:
                now = path.stat().st_mtime
                if now != mtime:
                    mtime = now
                    server.publish(Graph.load(path))
                    print(f"vz-graph: re-published {path}")
            except (OSError, ValueError, VzError) as exc:  # half-written file: try again next second
                print(f"vz-graph: cannot reload {path}: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    return 0


def demo_script() -> Optional[Path]:
    """`demo/run.py` of the repository (next to this source tree, or under the working directory)."""
    here = Path(__file__).resolve().parent
    for root in (here.parents[2], Path.cwd()):
        candidate = root / "demo" / "run.py"
        if candidate.is_file():
            return candidate
    return None


def _demo(args: argparse.Namespace) -> int:
    script = demo_script()
    if script is None:
        print("vz-graph: demo/run.py not found; run this from the vz-graph repository", file=sys.stderr)
        return 2
    sys.argv = [str(script)] + list(args.rest)
    sys.path.insert(0, str(script.parent))
    runpy.run_path(str(script), run_name="__main__")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vz_pytorch", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("serve", help="serve a .vz.json file with the live page")
    p.add_argument("file")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--no-browser", action="store_true")
    p.set_defaults(func=_serve_file)
    d = sub.add_parser("demo", help="run the repository's demo (demo/run.py)")
    d.set_defaults(func=_demo)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:  # everything after `demo` belongs to demo/run.py
        args = parser.parse_args(["demo"])
        args.rest = argv[1:]
    else:
        args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except (VzError, OSError, json.JSONDecodeError) as exc:
        print(f"vz-graph: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
