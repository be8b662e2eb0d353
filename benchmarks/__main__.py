"""``make bench``: run every benchmark, print a table, write the results.

Speed targets are ratios measured in the same run (medians of interleaved
repeats), so a slow or busy machine slows the reference as much as nnbook.
Writes ``benchmarks/RESULTS.md`` (the table) and ``benchmarks/results.json``
(the same numbers, read by the book's appendix "How fast is nnbook?").
Add ``--quick`` to skip the book build and nbval timings (the book section of
the previous results.json is kept).
"""

from __future__ import annotations

import datetime
import json
import sys
import warnings
from pathlib import Path

from . import memory, panels, playground_speed, train_speed
from .common import fmt, machine_facts

HERE = Path(__file__).resolve().parent
OUT_MD = HERE / "RESULTS.md"
OUT_JSON = HERE / "results.json"


def _ok(flag):
    return "yes" if flag else "**NO**"


def _ratio(stats):
    med, lo, hi = stats
    return f"{med:.2f} ({lo:.2f}–{hi:.2f})"


def measure(quick=False):
    """Run every benchmark; return one JSON-ready dict."""
    res = {"date": datetime.date.today().isoformat(), "machine": machine_facts(),
           "training": train_speed.run(), "memory": memory.run(),
           "playground": playground_speed.run(), "panels": panels.run()}
    if quick and OUT_JSON.exists():
        res["book"] = json.loads(OUT_JSON.read_text()).get("book")
    elif not quick:
        from . import book
        res["book"] = book.run()
    return res


def report(res):
    """The Markdown table of a results dict."""
    lines = ["# nnbook benchmark results", "", f"Measured {res['date']}.", "", "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in res["machine"].items()]
    lines += ["", "## Training: one epoch over 4,000 MNIST-sample images", "",
              "Times: median of 11 interleaved rounds (min–max). Ratios: median over the "
              "rounds of nnbook's time divided by the other contender's time in the same round "
              "(min–max). Same initial weights, batch order and learning rate for every "
              "contender; accuracy on the 1,000 test images after the epoch.", "",
              "| net | batch | dtype | GEMM floor | nnbook | PyTorch | scikit-learn | "
              "nnbook / floor | nnbook / PyTorch | accuracy |", "|" + " --- |" * 10]
    for r in res["training"]:
        t, q = r["times"], r["ratios"]
        floor = _ratio(q["nnbook / GEMM floor"])
        torch = (_ratio(q["nnbook / PyTorch"]) if "nnbook / PyTorch" in q
                 else "PyTorch not installed")
        acc = ", ".join(f"{k} {v:.3f}" for k, v in r["accuracy"].items())
        lines.append(f"| {r['net']} | {r['batch']} | {r['dtype']} | {fmt(t['GEMM floor'])} | "
                     f"{fmt(t['nnbook'])} | {fmt(t['PyTorch']) if 'PyTorch' in t else '–'} | "
                     f"{fmt(t['scikit-learn']) if 'scikit-learn' in t else '–'} | "
                     f"{floor} | {torch} | {acc} |")
    lines += ["", "Targets: nnbook ≤ 0.6 × PyTorch, and ≤ 1.4 × the GEMM floor at batch 256."]

    m = res["memory"]
    lines += ["", "## Memory of `fit` on 60,000 × 784 float32", "",
              f"array {m['array_mb']:.0f} MB, extra peak during fit {m['extra_peak_mb']:.1f} MB,"
              f" (array + peak) / (array + parameters) = {m['ratio']:.2f} "
              f"(target ≤ 1.5: {_ok(m['ratio'] <= 1.5)})"]

    p = res["playground"]
    lines += ["", "## Playground", "",
              f"default network {p['net']} on {p['n_train']} training points: "
              f"{p['steps_per_s']:.0f} gradient steps/s; redraw {fmt(p['redraw'])} "
              f"(target ≤ 25 ms: {_ok(p['redraw'][0] <= 0.025)}); a frame (50 steps + redraw) "
              f"{fmt(p['frame'])}, {p['fps']:.1f} frames/s (target ≥ 10: {_ok(p['fps'] >= 10)})"]

    lines += ["", "## Slider panels (one update, Agg)", "",
              "| page | panel | frames | median | max | target | met |", "|" + " --- |" * 7]
    for r in res["panels"]:
        lines.append(f"| {r['page']} | {r['panel']} | {r['frames']} | "
                     f"{r['median'] * 1e3:.1f} ms | {r['max'] * 1e3:.1f} ms | "
                     f"{r['target'] * 1e3:.0f} ms | {_ok(r['median'] <= r['target'])} |")

    b = res.get("book")
    if b:
        heaviest = max(b["pages"].values())
        lines += ["", "## The book", "",
                  f"clean build {b['clean_build_s']:.0f} s (target ≤ 300: "
                  f"{_ok(b['clean_build_s'] <= 300)}), cached rebuild {b['rebuild_s']:.0f} s "
                  f"(target ≤ 30: {_ok(b['rebuild_s'] <= 30)}), nbval {b['nbval_s']:.0f} s "
                  f"(target ≤ 180: {_ok(b['nbval_s'] <= 180)}), heaviest page "
                  f"{heaviest / 2**20:.2f} MB (target ≤ 3: {_ok(heaviest <= 3 * 2**20)})", "",
                  "| page | size |", "| --- | --- |"]
        lines += [f"| {k} | {v / 2**20:.2f} MB |" for k, v in b["pages"].items()]
    return "\n".join(lines) + "\n"


def main(argv):
    warnings.simplefilter("ignore")
    res = measure(quick="--quick" in argv)
    text = report(res)
    OUT_MD.write_text(text)
    OUT_JSON.write_text(json.dumps(res, indent=1) + "\n")
    print(text)
    print(f"written to {OUT_MD} and {OUT_JSON}")


if __name__ == "__main__":
    main(sys.argv[1:])
