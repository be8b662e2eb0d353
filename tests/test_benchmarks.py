"""The benchmarks are run by hand (``make bench``); these checks keep them runnable."""

import inspect
import json
import time

import pytest

pytest.importorskip("sklearn")

import benchmarks.__main__ as bench_main  # noqa: E402
from benchmarks import common, panels, train_speed  # noqa: E402
from benchmarks.__main__ import busy_note, report  # noqa: E402
from nnbook.widgets import slider_demo  # noqa: E402


def test_panel_benchmark_knows_every_option_of_slider_demo():
    # an option it did not know would be taken for a slider grid and break `make bench`
    params = inspect.signature(slider_demo).parameters
    options = {name for name, p in params.items()
               if p.kind == p.KEYWORD_ONLY and name != "retrain"}
    assert options == set(panels.OPTIONS)


def test_training_benchmark_contenders_compute_the_same_thing():
    rows = train_speed.run(repeats=1, settle=0.0)
    assert [(r["net"], r["batch"], r["dtype"]) for r in rows] == [
        ("784-128-10", 64, "float32"), ("784-128-10", 64, "float64"),
        ("784-256-128-10", 256, "float32"), ("784-256-128-10", 256, "float64")]
    for r in rows:
        acc = r["accuracy"]
        assert {"nnbook", "scikit-learn"} <= set(acc)
        assert max(acc.values()) - min(acc.values()) <= 0.005      # the issue's ±0.5 point
        assert r["per_floor"]["GEMM floor"][0] == 1.0
        assert set(r["ratios"]) == {f"nnbook / {k}" for k in r["times"] if k != "nnbook"}
        threads = r["threads"]
        assert threads["NumPy BLAS"] == common.blas_threads()
        if r["torch"]:                                          # like with like
            assert threads["PyTorch"] == threads["NumPy BLAS"]
    fake = {"date": "today", "machine": {"cores": 2}, "training": rows,
            "memory": {"array_mb": 1.0, "extra_peak_mb": 0.1, "ratio": 1.1},
            "playground": {"net": [2, 2], "n_train": 9, "steps_per_s": 1.0,
                           "redraw": (0.01, 0.01, 0.01), "frame": (0.1, 0.1, 0.1), "fps": 10.0},
            "panels": []}
    table = report(fake)
    assert table.count("| 784-") == 4 and "nnbook / floor" in table


def test_threads_are_limited_alike_and_restored():
    try:
        import torch
        torch_before = torch.get_num_threads()
    except ImportError:
        torch = None
    before = common.blas_threads()
    rows = train_speed.run(repeats=1, threads=1, settle=0.0, cases=[([784, 8, 10], 1000)])
    assert {r["threads"]["NumPy BLAS"] for r in rows} == {1}
    assert common.blas_threads() == before                   # the limit ends with the run
    if torch is not None:
        assert {r["threads"]["PyTorch"] for r in rows} == {1}
        assert torch.get_num_threads() == torch_before


def test_interleaved_runs_pause_before_every_timed_call():
    calls = []
    fns = {"a": lambda: calls.append(time.perf_counter()),
           "b": lambda: calls.append(time.perf_counter())}
    runs = common.interleaved_runs(fns, repeats=2, warmup=0, settle=0.02)
    assert [len(v) for v in runs.values()] == [2, 2]
    assert min(b - a for a, b in zip(calls, calls[1:])) >= 0.02


def test_idle_spin_and_load_are_recorded_as_numbers():
    spin = common.idle_spin(slices=2, slice_s=0.001, n=64)
    assert len(spin) == 2 and all(x >= 0 for x in spin)
    load = common.load_average()
    assert load is None or load >= 0


def test_busy_note_says_busy_only_above_one_process_per_core():
    assert "busy" in busy_note({"cores": 2, "load": [1.5, 5.0]})
    assert "quiet" in busy_note({"cores": 2, "load": [0.5, 1.0]})
    assert "not recorded" in busy_note({"cores": 2, "load": [None, None]})


def test_only_training_replaces_the_training_part_and_keeps_the_rest(tmp_path, monkeypatch):
    old = {"date": "2000-01-01", "machine": {"cores": 2},
           "training": [], "memory": {"array_mb": 1.0, "extra_peak_mb": 0.1, "ratio": 1.1},
           "playground": {"net": [2, 2], "n_train": 9, "steps_per_s": 1.0,
                          "redraw": [0.01, 0.01, 0.01], "frame": [0.1, 0.1, 0.1], "fps": 10.0},
           "panels": []}
    out_json, out_md = tmp_path / "results.json", tmp_path / "RESULTS.md"
    out_json.write_text(json.dumps(old))
    monkeypatch.setattr(bench_main, "OUT_JSON", out_json)
    monkeypatch.setattr(bench_main, "OUT_MD", out_md)
    small = train_speed.run(repeats=1, threads=1, settle=0.0, cases=[([784, 8, 10], 1000)])
    monkeypatch.setattr(train_speed, "run", lambda threads=None: small)
    monkeypatch.setattr(train_speed, "pause_effect",
                        lambda torch_threads=None: {"threads": {"NumPy BLAS": 2, "PyTorch": 1},
                                                    "ratio": [1.5, 1.2, 1.8]})
    bench_main.main(["--only", "training", "--threads", "1"])
    new = json.loads(out_json.read_text())
    assert new["date"] == "2000-01-01" and new["memory"] == old["memory"]
    assert len(new["training"]) == 2 and new["training_run"]["threads"]["NumPy BLAS"] == 1
    assert len(new["training_run"]["load"]) == 2
    text = out_md.read_text()
    assert "--only training --threads 1" in text and "Load average" in text
    assert "right after a NumPy product took 1.50 (1.20–1.80) times" in text
    assert "training section was rerun alone" in text


def test_pause_effect_pairs_pytorch_epochs():
    effect = train_speed.pause_effect(pairs=1, settle=0.0, torch_threads=1)
    if effect is None:
        pytest.importorskip("torch")
    assert effect["threads"] == {"NumPy BLAS": common.blas_threads(), "PyTorch": 1}
    med, lo, hi = effect["ratio"]
    assert 0 < lo <= med <= hi


def test_the_report_states_the_browser_playground_against_its_targets():
    base = {"date": "2000-01-01", "machine": {"cores": 2}, "training": [],
            "memory": {"array_mb": 1.0, "extra_peak_mb": 0.1, "ratio": 1.1},
            "playground": {"net": [2, 2], "n_train": 9, "steps_per_s": 1.0,
                           "redraw": [0.01, 0.01, 0.01], "frame": [0.1, 0.1, 0.1], "fps": 10.0},
            "panels": []}
    js = {"net": [2, 4, 2, 2], "js_steps_per_s": 60000.0, "numpy_steps_per_s": 6000.0,
          "js_over_numpy": [10.0, 8.0, 12.0], "fps": 24.0, "steps_per_frame": 10,
          "median_frame_ms": 41.7, "median_frame_work_ms": 5.0, "page_bytes": 3 * 2**19,
          "page_is_current": True, "modules_bytes": 48 * 1024}
    text = bench_main.report({**base, "playground_js": js})
    assert "ratio 10.0 (8.0–12.0; target ≥ 5: yes)" in text
    assert "24 frames/s (target ≥ 30: **NO**)" in text
    assert "page 1.50 MB (target ≤ 1 MB: **NO**)" in text
    skipped = bench_main.report({**base, "playground_js": {"skipped": "no Chromium"}})
    assert "skipped: no Chromium" in skipped
