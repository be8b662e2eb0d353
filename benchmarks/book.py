"""Build and test times of the book, and the weight of each page.

Clean build: a fresh ``jupyter-book build`` (every notebook executed, every
static frame rendered) into a temporary folder; cached rebuild: the same
command again with nothing changed. nbval: the notebooks under pytest. Page
weight: each HTML page of the build including its inline frames. Targets:
clean build <= 5 min, cached rebuild <= 30 s, nbval <= 3 min, heaviest page <= 3 MB.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _timed(cmd, env=None):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def page_sizes(site=ROOT / "_build" / "html"):
    """{page: bytes} for every built chapter page."""
    return {p.relative_to(site).as_posix(): p.stat().st_size
            for p in sorted((site / "book").glob("*.html"))}


def run():
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(BIN / "jupyter-book"), "build", ".", "--path-output", tmp, "-W", "-n",
               "--keep-going"]
        out["clean_build_s"] = _timed(cmd, env={"NNBOOK_STATIC": "1"})
        out["rebuild_s"] = _timed(cmd, env={"NNBOOK_STATIC": "1"})
        out["pages"] = page_sizes(Path(tmp) / "_build" / "html")
        shutil.rmtree(tmp, ignore_errors=True)
    # the appendix only reads the results being measured here, so it is left out
    out["nbval_s"] = _timed([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider",
                             "--nbval-lax", "--nbval-current-env", "book/",
                             "--ignore=book/appendix_speed.ipynb"])
    return out
