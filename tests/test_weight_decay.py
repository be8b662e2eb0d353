"""Decoupled weight decay (``MLP.fit/step(weight_decay=...)``) against the coupled L2 penalty."""

import numpy as np
import pytest

from nnbook import MLP


def _data(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(int)


def test_step_is_sgdw_with_momentum():
    X, y = _data()
    lr, mu, wd = 0.1, 0.9, 0.05
    net = MLP([2, 5, 2], activation="tanh", random_state=0)
    W0, b0 = net.snapshot()
    g0 = net.loss_and_gradients(X, y)[1]
    net.step(X, y, lr=lr, momentum=mu, weight_decay=wd)
    W1, b1 = net.snapshot()
    g1 = net.loss_and_gradients(X, y)[1]
    net.step(X, y, lr=lr, momentum=mu, weight_decay=wd)
    for l in range(net.n_layers):
        v = -lr * g0["weights"][l]
        np.testing.assert_allclose(W1[l], (1 - lr * wd) * W0[l] + v)
        np.testing.assert_allclose(net.weights[l],
                                   (1 - lr * wd) * W1[l] + mu * v - lr * g1["weights"][l])
        vb = -lr * g0["biases"][l]                       # biases: plain momentum, no decay
        np.testing.assert_allclose(b1[l], b0[l] + vb)
        np.testing.assert_allclose(net.biases[l], b1[l] + mu * vb - lr * g1["biases"][l])


def test_without_momentum_decoupled_decay_equals_l2():
    X, y = _data()
    a = MLP([2, 6, 2], activation="tanh", random_state=3)
    b = MLP([2, 6, 2], activation="tanh", random_state=3)
    for _ in range(5):
        a.step(X, y, lr=0.2, l2=0.1)
        b.step(X, y, lr=0.2, weight_decay=0.1)
    for Wa, Wb in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_allclose(Wa, Wb, rtol=1e-12, atol=1e-14)


def test_with_momentum_coupled_l2_shrinks_about_one_over_one_minus_mu_more():
    # no data signal: all-zero inputs leave only the decay acting on the weights
    X, y = np.zeros((8, 2)), np.array([0, 1] * 4)
    lr, mu, lam = 0.05, 0.9, 0.01
    nets = {}
    for name, kw in {"l2": {"l2": lam}, "wd": {"weight_decay": lam}}.items():
        net = MLP([2, 4, 2], activation="tanh", random_state=1)
        W = net.weights[0].copy()
        for _ in range(400):
            net.step(X, y, lr=lr, momentum=mu, **kw)
        nets[name] = net.weights[0] / W
    assert np.allclose(nets["wd"], (1 - lr * lam) ** 400)            # exact decoupled decay
    rate = -np.log(nets["l2"].mean()) / 400
    assert rate == pytest.approx(lr * lam / (1 - mu), rel=0.15)     # about ten times faster


def test_fit_weight_decay_shrinks_and_validates():
    X, y = _data(80)
    plain = MLP([2, 8, 2], random_state=0).fit(X, y, epochs=30, lr=0.1, momentum=0.9)
    decayed = MLP([2, 8, 2], random_state=0).fit(X, y, epochs=30, lr=0.1, momentum=0.9,
                                                 weight_decay=0.5)
    norm = lambda m: np.sqrt(sum(float(np.sum(W * W)) for W in m.weights))  # noqa: E731
    assert norm(decayed) < norm(plain)
    with pytest.raises(ValueError, match="weight_decay"):
        MLP([2, 3, 2]).fit(X, y, epochs=1, weight_decay=-1.0)
    with pytest.raises(ValueError, match="weight_decay"):
        MLP([2, 3, 2]).step(X, y, weight_decay=-0.1)
