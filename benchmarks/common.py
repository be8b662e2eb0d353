"""Timing helpers shared by the benchmarks: interleaved runs, medians, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import time

import numpy as np


def interleaved_runs(fns, repeats=7, warmup=1):
    """Time each callable ``repeats`` times, interleaving them so drift hits all alike.

    Returns ``{name: [seconds of run 1, run 2, ...]}``; run i of every callable
    was measured within one round, so per-round ratios cancel slow drifts.
    """
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return times


def summary(values):
    """(median, min, max) of a list of numbers."""
    return statistics.median(values), min(values), max(values)


def interleaved(fns, repeats=7, warmup=1):
    """Like :func:`interleaved_runs`, returning ``{name: (median, min, max)}`` in seconds."""
    return {name: summary(ts) for name, ts in interleaved_runs(fns, repeats, warmup).items()}


def machine_facts():
    """Cores, Python/NumPy versions, BLAS library and kernel, OpenBLAS variables."""
    facts = {"cores": os.cpu_count(), "machine": platform.machine(),
             "python": platform.python_version(), "numpy": np.__version__}
    try:
        from threadpoolctl import threadpool_info
        for info in threadpool_info():
            if info.get("user_api") == "blas":
                facts["blas"] = (f"{info.get('internal_api')} {info.get('version')} "
                                 f"kernel={info.get('architecture')} "
                                 f"threads={info.get('num_threads')}")
                break
    except ImportError:
        facts["blas"] = "unknown (threadpoolctl not installed)"
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS"):
        facts[var] = os.environ.get(var, "(unset)")
    return facts


def fmt(stats):
    """'12.3 ms (11.9–13.0)' from a (median, min, max) triple in seconds."""
    med, lo, hi = stats
    return f"{med * 1e3:.1f} ms ({lo * 1e3:.1f}–{hi * 1e3:.1f})"
