"""One training epoch on 4,000 MNIST-sample images: nnbook vs PyTorch, scikit-learn, GEMM floor.

Every contender starts from the same initial weights, visits the batches in the
same order (no shuffling), uses plain SGD with the same learning rate, and is
timed in interleaved runs. The GEMM floor is the same matrix products alone
(forward, weight gradients, back-propagated errors), the cost no NumPy
implementation can go below.
"""

from __future__ import annotations

import numpy as np

from nnbook import MLP
from nnbook.data import load_mnist

from .common import interleaved_runs, summary

CASES = [([784, 128, 10], 64), ([784, 256, 128, 10], 256)]
LR = 0.05


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
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]

    def run():
        with torch.no_grad():
            for lin, W in zip(linears, weights):
                lin.weight.copy_(torch.from_numpy(W))
                lin.bias.zero_()
        for s in range(0, X.shape[0], bs):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(Xt[s:s + bs]), yt[s:s + bs])
            loss.backward()
            opt.step()

    def predict(Xq):
        with torch.no_grad():
            return model(torch.from_numpy(Xq)).argmax(1).numpy()
    return run, predict


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


def run(repeats=11):
    """Return rows of results (dicts) for every case and dtype.

    ``times`` are (median, min, max) seconds per contender; ``ratios`` are the
    (median, min, max) over rounds of nnbook's time divided by another
    contender's time in the same round, the statistic the targets are judged on;
    ``per_floor`` is the same for every contender's time over the floor's.
    """
    X_all, y_all, X_test, y_test = load_mnist()
    rows = []
    for sizes, bs in CASES:
        for dtype in (np.float32, np.float64):
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
            runs = interleaved_runs(fns, repeats=repeats)
            times = {name: summary(ts) for name, ts in runs.items()}
            ratios = {f"nnbook / {name}": summary([a / b for a, b in zip(runs["nnbook"], ts)])
                      for name, ts in runs.items() if name != "nnbook"}
            per_floor = {name: summary([a / b for a, b in zip(ts, runs["GEMM floor"])])
                         for name, ts in runs.items()}
            acc = {name: float(np.mean(p(Xq) == y_test)) for name, p in preds.items()}
            rows.append({"net": "-".join(map(str, sizes)), "batch": bs,
                         "dtype": np.dtype(dtype).name, "times": times, "ratios": ratios,
                         "per_floor": per_floor,
                         "accuracy": acc,
                         "torch": t_run is not None})
    return rows
