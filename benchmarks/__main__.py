"""``make bench``: run every benchmark, print a table, write the results.

Speed targets are ratios measured in the same run (medians of interleaved
repeats), so a slow or busy machine slows the reference as much as nnbook.
Writes ``benchmarks/RESULTS.md`` (the table) and ``benchmarks/results.json``
(the same numbers, read by the book's appendix "How fast is nnbook?").
Options:

``--quick``
    skip the book build and nbval timings (the book section of the previous
    results.json is kept);
``--only training``
    run the training benchmark alone and replace only its part of the previous
    record (the other sections, and the date of the full run, are kept);
``--threads N``
    limit NumPy's BLAS to N threads in the training benchmark and give PyTorch
    the same number (default: NumPy's BLAS threads as found, PyTorch set to match).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import warnings
from pathlib import Path

from . import memory, panels, playground_js, playground_speed, train_speed
from .common import fmt, idle_spin, load_average, machine_facts

HERE = Path(__file__).resolve().parent
OUT_MD = HERE / "RESULTS.md"
OUT_JSON = HERE / "results.json"


def _ok(flag):
    return "yes" if flag else "**NO**"


def _ratio(stats):
    med, lo, hi = stats
    return f"{med:.2f} ({lo:.2f}–{hi:.2f})"


def training(threads=None):
    """The training section: its rows and a ``training_run`` dict saying how it ran."""
    run = {"date": datetime.date.today().isoformat(), "cores": os.cpu_count(),
           "idle_spin_ms": idle_spin(), "load": [load_average()]}
    run["pytorch_after_numpy"] = train_speed.pause_effect(torch_threads=threads)
    rows = train_speed.run(threads=threads)
    run["load"].append(load_average())
    run["threads"] = rows[0]["threads"]
    run["settle_s"] = rows[0]["settle_s"]
    run["rounds"] = rows[0]["rounds"]
    return rows, run


def measure(quick=False, only=None, threads=None):
    """Run every benchmark (or only the training one); return one JSON-ready dict."""
    if only == "training":
        res = json.loads(OUT_JSON.read_text())
        res["training"], res["training_run"] = training(threads)
        return res
    res = {"date": datetime.date.today().isoformat(), "machine": machine_facts()}
    res["training"], res["training_run"] = training(threads)
    res.update({"memory": memory.run(), "playground": playground_speed.run(),
                "playground_js": playground_js.run(), "panels": panels.run()})
    if quick and OUT_JSON.exists():
        res["book"] = json.loads(OUT_JSON.read_text()).get("book")
    elif not quick:
        from . import book
        res["book"] = book.run()
    return res


def busy_note(run):
    """One sentence on how busy the machine was during the training run."""
    loads = [x for x in run.get("load", []) if x is not None]
    if not loads:
        return "The load of the machine was not recorded."
    cores = run["cores"]
    lo, hi = min(loads), max(loads)
    state = ("busy: more processes wanted a core than there were cores" if hi > cores
             else "quiet enough: fewer runnable processes than cores")
    return (f"Load average {lo:.1f}–{hi:.1f} on {cores} cores during the run, so the machine "
            f"was {state}.")


def report(res):
    """The Markdown table of a results dict."""
    measured = f"Measured {res['date']}."
    run = res.get("training_run", {})
    if run and run["date"] != res["date"]:
        measured += f" The training section was rerun alone on {run['date']} (see there)."
    lines = ["# nnbook benchmark results", "", measured, "", "## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in res["machine"].items()]
    threads = run.get("threads", {})
    lines += ["", "## Training: one epoch over 4,000 MNIST-sample images", ""]
    if run:
        lines += [f"Measured {run['date']} (`python -m benchmarks --only training"
                  f"{' --threads ' + str(threads.get('NumPy BLAS')) if threads else ''}`). "
                  f"Threads: NumPy's BLAS {threads.get('NumPy BLAS')}, PyTorch "
                  f"{threads.get('PyTorch') or '–'}. {busy_note(run)} An untimed pause of "
                  f"{run['settle_s']} s precedes every timed epoch, so that no contender pays "
                  f"for the BLAS threads the previous one left spinning (after one matrix "
                  f"product with NumPy's default threads, the idle process used "
                  f"{sum(run['idle_spin_ms']):.0f} ms of CPU over the next "
                  f"{0.025 * len(run['idle_spin_ms']):.1f} s)."]
        effect = run.get("pytorch_after_numpy")
        if effect:
            lines[-1] += (f" Without the pause (NumPy's BLAS with {effect['threads']['NumPy BLAS']}"
                          f" threads, PyTorch with {effect['threads']['PyTorch']}), a PyTorch "
                          f"epoch timed right after a NumPy product took "
                          f"{_ratio(effect['ratio'])} times as long as one timed after the pause "
                          f"(median of paired ratios, min–max).")
        lines.append("")
    lines += [f"Times: median of {run.get('rounds', 11)} interleaved rounds (min–max). Ratios: "
              "median over the "
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

    j = res.get("playground_js")
    if j and "skipped" in j:
        lines += ["", "## Playground in the browser", "", f"skipped: {j['skipped']}"]
    elif j:
        r_med, r_lo, r_hi = j["js_over_numpy"]
        page = (f"{j['page_bytes'] / 2**20:.2f} MB"
                + ("" if j["page_is_current"] else " (built before the notebook last changed)")
                if j["page_bytes"] else "not built")
        lines += ["", "## Playground in the browser", "",
                  f"default network {j['net']}: JavaScript engine {j['js_steps_per_s']:.0f} "
                  f"steps/s, NumPy engine {j['numpy_steps_per_s']:.0f} steps/s, ratio "
                  f"{r_med:.1f} ({r_lo:.1f}–{r_hi:.1f}; target ≥ 5: {_ok(r_med >= 5)}); "
                  f"headless Chromium while training: {j['fps']:.0f} frames/s (target ≥ 30: "
                  f"{_ok(j['fps'] >= 30)}) at {j['steps_per_frame']} steps per frame (target "
                  f"≥ 10: {_ok(j['steps_per_frame'] >= 10)}), median frame time "
                  f"{j['median_frame_ms']:.1f} ms of which the app's work "
                  f"{j['median_frame_work_ms']:.1f} ms; page {page} (target ≤ 1 MB: "
                  f"{_ok(bool(j['page_bytes']) and j['page_bytes'] <= 2**20)}), "
                  f"modules {j['modules_bytes'] / 1024:.0f} KB"]

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
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="skip the book build and nbval timings")
    parser.add_argument("--only", choices=["training"],
                        help="run one benchmark and keep the rest of the previous record")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads for NumPy and PyTorch in the training benchmark")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    res = measure(quick=args.quick, only=args.only, threads=args.threads)
    text = report(res)
    OUT_MD.write_text(text)
    OUT_JSON.write_text(json.dumps(res, indent=1) + "\n")
    print(text)
    print(f"written to {OUT_MD} and {OUT_JSON}")


if __name__ == "__main__":
    main(sys.argv[1:])
