"""Timing helpers shared by the benchmarks: interleaved runs, medians, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import time

import numpy as np


def interleaved_runs(fns, repeats=7, warmup=1, settle=0.0):
    """Time each callable ``repeats`` times, interleaving them so drift hits all alike.

    Returns ``{name: [seconds of run 1, run 2, ...]}``; run i of every callable
    was measured within one round, so per-round ratios cancel slow drifts.

    ``settle`` seconds of sleep (not timed) precede every timed call. Contenders
    that use different thread pools need it: after its last call, OpenBLAS keeps
    its worker threads spinning for about a tenth of a second, and a contender
    timed in that window (PyTorch, whose own threads then share a core with the
    spinning ones) is charged for the previous contender's idle threads.
    """
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            if settle:
                time.sleep(settle)
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return times


def summary(values):
    """(median, min, max) of a list of numbers."""
    return statistics.median(values), min(values), max(values)


def interleaved(fns, repeats=7, warmup=1, settle=0.0):
    """Like :func:`interleaved_runs`, returning ``{name: (median, min, max)}`` in seconds."""
    return {name: summary(ts)
            for name, ts in interleaved_runs(fns, repeats, warmup, settle).items()}


def blas_threads():
    """Number of threads NumPy's own BLAS uses (``os.cpu_count()`` if threadpoolctl is missing).

    SciPy (loaded by scikit-learn) may bring a second OpenBLAS; the one shipped
    with NumPy is preferred, since it runs the matrix products of nnbook.
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return os.cpu_count()
    blas = [info for info in threadpool_info() if info.get("user_api") == "blas"]
    blas.sort(key=lambda info: "numpy" not in info.get("filepath", ""))
    return blas[0].get("num_threads") if blas else os.cpu_count()


def idle_spin(slices=12, slice_s=0.025, n=512):
    """CPU milliseconds the process burns per ``slice_s`` of sleep after one matrix product.

    The main thread multiplies two ``(n, 784)``-sized float32 matrices with NumPy's
    default BLAS threads and then sleeps; whatever CPU time the process uses
    meanwhile is spent by BLAS worker threads waiting, busy, for more work.
    Returns one number per slice (``slices`` of them); zeros after the first
    few slices mean the pool has gone to sleep.
    """
    rng = np.random.default_rng(0)
    a = rng.random((n, 784), dtype=np.float32)
    b = rng.random((784, n // 2), dtype=np.float32)
    time.sleep(4 * slice_s)
    a @ b
    used = []
    for _ in range(slices):
        c = time.process_time()
        time.sleep(slice_s)
        used.append((time.process_time() - c) * 1e3)
    return used


def load_average():
    """The 1-minute load average (runnable processes), or None where the OS does not say."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


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
