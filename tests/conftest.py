"""Shared pytest set-up: a headless Matplotlib backend and no stray environment."""

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
os.environ.pop("NNBOOK_STATIC", None)
# the root-level `benchmarks` package, appended so an installed nnbook still comes first
sys.path.append(str(Path(__file__).resolve().parents[1]))

if os.environ.get("NNBOOK_EXPECT_INSTALLED") == "1":   # `make dist`: test the installed wheel
    import nnbook

    where = nnbook.__file__
    assert "site-packages" in where, f"testing the source tree, not the wheel: {where}"
