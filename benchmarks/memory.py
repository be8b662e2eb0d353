"""Peak memory of ``MLP.fit`` on a full-MNIST-sized float32 array.

Target: the peak while fitting stays below 1.5x the data array plus the
parameters, i.e. ``fit`` makes no hidden full-size copy of X. Measured with
tracemalloc, which sees NumPy's allocations.
"""

from __future__ import annotations

import tracemalloc

import numpy as np

from nnbook import MLP


def run(n=60_000):
    rng = np.random.default_rng(0)
    X = rng.random((n, 784), dtype=np.float32)
    y = rng.integers(0, 10, n)
    net = MLP([784, 128, 10], dtype=np.float32)
    params = sum(p.nbytes for p in net._params())
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    net.fit(X, y, epochs=1, lr=0.01, batch_size=256)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    total = X.nbytes + peak
    return {"array_mb": X.nbytes / 2**20, "extra_peak_mb": peak / 2**20,
            "ratio": total / (X.nbytes + params)}
