"""The benchmarks are run by hand (``make bench``); these checks keep them runnable."""

import inspect

import pytest

pytest.importorskip("sklearn")

from benchmarks import panels, train_speed  # noqa: E402
from benchmarks.__main__ import report  # noqa: E402
from nnbook.widgets import slider_demo  # noqa: E402


def test_panel_benchmark_knows_every_option_of_slider_demo():
    # an option it did not know would be taken for a slider grid and break `make bench`
    params = inspect.signature(slider_demo).parameters
    options = {name for name, p in params.items()
               if p.kind == p.KEYWORD_ONLY and name != "retrain"}
    assert options == set(panels.OPTIONS)


def test_training_benchmark_contenders_compute_the_same_thing():
    rows = train_speed.run(repeats=1)
    assert [(r["net"], r["batch"], r["dtype"]) for r in rows] == [
        ("784-128-10", 64, "float32"), ("784-128-10", 64, "float64"),
        ("784-256-128-10", 256, "float32"), ("784-256-128-10", 256, "float64")]
    for r in rows:
        acc = r["accuracy"]
        assert {"nnbook", "scikit-learn"} <= set(acc)
        assert max(acc.values()) - min(acc.values()) <= 0.005      # the issue's ±0.5 point
        assert r["per_floor"]["GEMM floor"][0] == 1.0
        assert set(r["ratios"]) == {f"nnbook / {k}" for k in r["times"] if k != "nnbook"}
    fake = {"date": "today", "machine": {"cores": 2}, "training": rows,
            "memory": {"array_mb": 1.0, "extra_peak_mb": 0.1, "ratio": 1.1},
            "playground": {"net": [2, 2], "n_train": 9, "steps_per_s": 1.0,
                           "redraw": (0.01, 0.01, 0.01), "frame": (0.1, 0.1, 0.1), "fps": 10.0},
            "panels": []}
    table = report(fake)
    assert table.count("| 784-") == 4 and "nnbook / floor" in table
