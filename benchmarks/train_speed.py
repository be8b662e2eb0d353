"""One training epoch on 4,000 MNIST-sample images: nnbook vs PyTorch, scikit-learn, GEMM floor.

Every contender starts from the same initial weights, visits the batches in the
same order (no shuffling), uses plain SGD with the same learning rate, and is
timed in interleaved runs. The GEMM floor is the same matrix products alone
(forward, weight gradients, back-propagated errors), the cost no NumPy
implementation can go below.

Threads are compared like with like: PyTorch gets as many intra-op threads as
NumPy's BLAS uses (the machine's default unless ``threads`` says otherwise), and
every timed epoch is preceded by a short untimed pause so that no contender pays
for the worker threads the previous one left spinning (see
:func:`benchmarks.common.interleaved_runs`).
"""

from __future__ import annotations

import numpy as np

from nnbook import MLP
from nnbook.data import load_mnist

from .common import blas_threads, interleaved_runs, load_average, summary

CASES = [([784, 128, 10], 64), ([784, 256, 128, 10], 256)]
LR = 0.05
SETTLE = 0.25     # seconds of untimed pause before every timed epoch


def _floor(X, weights, bs):
    Ws = [W.copy() for W in weights]

    def run():
        for s in range(0, X.shape[0], bs):
            A = X[s:s + bs]
            acts = [A]
            for W in Ws:
                A = A @ W.T
                acts.append(A)
            D = A
            for l in range(len(Ws) - 1, -1, -1):
                D.T @ acts[l]
                if l:
                    D = D @ Ws[l]
    return run


def _nnbook(X, y, weights, sizes, bs, dtype):
    net = MLP(sizes, dtype=dtype)

    def run():
        for W, W0 in zip(net.weights, weights):
            W[...] = W0
        for b in net.biases:
            b[...] = 0
        net.fit(X, y, epochs=1, lr=LR, batch_size=bs, shuffle=False)
    return run, net


def _torch(X, y, weights, bs, dtype):
    """PyTorch as a careful user writes it: tensors made once, views per batch, no copies."""
    try:
        import torch
    except ImportError:
        return None, None
    tdtype = torch.float32 if dtype == np.float32 else torch.float64
    layers = []
    for W in weights:
        lin = torch.nn.Linear(W.shape[1], W.shape[0]).to(tdtype)
        layers += [lin, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)          # shared memory, made once
    batches = [(Xt[s:s + bs], yt[s:s + bs]) for s in range(0, X.shape[0], bs)]
    W0 = [torch.from_numpy(W) for W in weights]
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]

    def run():
        with torch.no_grad():
            for lin, W in zip(linears, W0):
                lin.weight.copy_(W)
                lin.bias.zero_()
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()

    def predict(Xq):
        with torch.no_grad():
            return model(torch.from_numpy(Xq)).argmax(1).numpy()
    return run, predict


def _torch_threads(n):
    """Set PyTorch's intra-op threads to ``n``; return the previous count (None without torch)."""
    try:
        import torch
    except ImportError:
        return None
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    return before


def _sklearn(X, y, weights, sizes, bs):
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None, None
    clf = MLPClassifier(hidden_layer_sizes=tuple(sizes[1:-1]), activation="relu",
                        solver="sgd", learning_rate_init=LR, momentum=0.0,
                        nesterovs_momentum=False, alpha=0.0, batch_size=bs, shuffle=False)
    clf.partial_fit(X[:bs], y[:bs], classes=np.arange(10))

    def run():
        clf.coefs_ = [W.T.copy() for W in weights]
        clf.intercepts_ = [np.zeros(W.shape[0], dtype=X.dtype) for W in weights]
        clf.partial_fit(X, y)
    return run, clf.predict


def run(repeats=11, threads=None, settle=SETTLE, cases=CASES):
    """Return rows of results (dicts) for every case and dtype.

    ``times`` are (median, min, max) seconds per contender; ``ratios`` are the
    (median, min, max) over rounds of nnbook's time divided by another
    contender's time in the same round, the statistic the targets are judged on;
    ``per_floor`` is the same for every contender's time over the floor's.
    ``threads`` limits NumPy's BLAS to that many threads (default: as many as it
    uses already) and gives PyTorch the same number; each row records both, and
    the load average before and after its rounds.
    """
    from threadpoolctl import threadpool_limits

    for optional in ("torch", "sklearn.neural_network"):   # load every BLAS before limiting
        try:
            __import__(optional)
        except ImportError:
            pass
    threads = threads or blas_threads()
    X_all, y_all, X_test, y_test = load_mnist()
    rows = []
    before = _torch_threads(threads)
    try:
        with threadpool_limits(limits=threads, user_api="blas"):
            for sizes, bs in cases:
                for dtype in (np.float32, np.float64):
                    rows.append(_case(X_all, y_all, X_test, y_test, sizes, bs, dtype,
                                      repeats, settle))
            numpy_threads = blas_threads()
    finally:
        if before is not None:
            _torch_threads(before)
    for r in rows:
        r["threads"] = {"NumPy BLAS": numpy_threads,
                        "PyTorch": threads if before is not None else None}
    return rows


def pause_effect(pairs=9, settle=SETTLE, torch_threads=None):
    """How much PyTorch is charged for NumPy's idle BLAS threads.

    In each of ``pairs`` pairs, one PyTorch epoch (784-128-10, batch 64, float32)
    is timed right after a NumPy matrix product and one after the product plus
    ``settle`` seconds of pause. NumPy's BLAS keeps the threads it has (the
    machine's default outside :func:`run`), since its idle pool is what is
    measured; PyTorch gets ``torch_threads`` (default: as many as NumPy's BLAS).
    Returns ``{"threads": {...}, "ratio": (median, min, max)}`` of the paired
    ratios (right after / after the pause), or None without PyTorch; a ratio
    above 1 is time PyTorch spends sharing the cores with OpenBLAS threads that
    spin while they wait for more work.
    """
    import time

    numpy_threads = blas_threads()
    threads = torch_threads or numpy_threads
    before = _torch_threads(threads)
    if before is None:
        return None
    try:
        X_all, y_all = load_mnist()[:2]
        X = X_all.astype(np.float32)
        weights = [W.astype(np.float32) for W in MLP([784, 128, 10], random_state=0).weights]
        run_torch, _ = _torch(X, y_all, weights, 64, np.float32)
        rng = np.random.default_rng(0)
        a = rng.random((512, 784), dtype=np.float32)
        b = rng.random((784, 256), dtype=np.float32)
        run_torch()
        ratios = []
        for _ in range(pairs):
            timed = []
            for pause in (0.0, settle):
                time.sleep(settle)            # start each half from a quiet pool
                a @ b
                time.sleep(pause)
                t = time.perf_counter()
                run_torch()
                timed.append(time.perf_counter() - t)
            ratios.append(timed[0] / timed[1])
    finally:
        _torch_threads(before)
    return {"threads": {"NumPy BLAS": numpy_threads, "PyTorch": threads},
            "ratio": summary(ratios)}


def _case(X_all, y_all, X_test, y_test, sizes, bs, dtype, repeats, settle):
    load_before = load_average()
    X = X_all.astype(dtype)
    Xq = X_test.astype(dtype)
    weights = [W.astype(dtype) for W in MLP(sizes, random_state=0).weights]
    fns = {"GEMM floor": _floor(X, weights, bs)}
    nn_run, net = _nnbook(X, y_all, weights, sizes, bs, dtype)
    fns["nnbook"] = nn_run
    preds = {"nnbook": net.predict}
    t_run, t_pred = _torch(X, y_all, weights, bs, dtype)
    if t_run:
        fns["PyTorch"], preds["PyTorch"] = t_run, t_pred
    s_run, s_pred = _sklearn(X, y_all, weights, sizes, bs)
    if s_run:
        fns["scikit-learn"], preds["scikit-learn"] = s_run, s_pred
    runs = interleaved_runs(fns, repeats=repeats, warmup=2, settle=settle)
    times = {name: summary(ts) for name, ts in runs.items()}
    ratios = {f"nnbook / {name}": summary([a / b for a, b in zip(runs["nnbook"], ts)])
              for name, ts in runs.items() if name != "nnbook"}
    per_floor = {name: summary([a / b for a, b in zip(ts, runs["GEMM floor"])])
                 for name, ts in runs.items()}
    acc = {name: float(np.mean(p(Xq) == y_test)) for name, p in preds.items()}
    return {"net": "-".join(map(str, sizes)), "batch": bs,
            "dtype": np.dtype(dtype).name, "times": times, "ratios": ratios,
            "per_floor": per_floor, "accuracy": acc, "torch": t_run is not None,
            "rounds": repeats, "settle_s": settle,
            "load": [load_before, load_average()]}
