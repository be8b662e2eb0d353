"""nnbook.linear_classifiers: one linear neuron (perceptron, hinge, logistic) trained by SGD."""

import numpy as np
import pytest

from nnbook import data, losses
from nnbook.linear_classifiers import (
    MODELS,
    averaged_perceptron_path,
    direction_angle,
    margin_weight,
    sgd_neuron,
    sgd_path,
)

#: the overlapping clouds of chapter 1's comparison
OVERLAPPING = data.gaussians(n=200, noise=0.9, random_state=1)


def test_sgd_neuron_updates_match_the_loss_gradients():
    # one step on one point equals minus eta times the gradient of that point's loss
    x, y = np.array([[0.5, -1.0]]), np.array([1])
    for model in MODELS:
        w, b = sgd_neuron(x, y, model, eta=0.3, epochs=1, lam=0.0)
        if model == "perceptron":     # from w = 0, z = 0 counts as a mistake
            g = np.array([-1.0])      # d/dz max(0, -z) at z = 0 taken as -1 (the update rule)
        elif model == "svm":
            g = losses.hinge_grad(np.array([0.0]), np.array([1.0]))
        else:
            g = losses.binary_cross_entropy_grad(np.array([0.0]), np.array([1.0]),
                                                 from_logits=True)
        np.testing.assert_allclose(w, -0.3 * g[0] * x[0])
        assert b == pytest.approx(-0.3 * g[0])


@pytest.mark.parametrize("model", MODELS)
def test_sgd_neuron_separates_separable_data(model):
    X, y = data.linearly_separable(n=80, margin=0.2, random_state=1)
    w, b = sgd_neuron(X, y, model, eta=0.1, epochs=100, lam=0.001)
    assert np.mean((X @ w + b >= 0) == y) >= 0.97


def _sgd_reference(X, y, model, eta, epochs, lam, random_state):
    """The per-sample loop on NumPy arrays, as sgd_neuron first wrote it."""
    rng = np.random.default_rng(random_state)
    s = 2.0 * y - 1.0
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.permutation(X.shape[0]):
            z = X[i] @ w + b
            if model == "perceptron":
                if s[i] * z <= 0:
                    w, b = w + eta * s[i] * X[i], b + eta * s[i]
            elif model == "svm":
                if s[i] * z < 1:
                    w, b = w - eta * (lam * w - s[i] * X[i]), b + eta * s[i]
                else:
                    w = w - eta * lam * w
            else:
                g = y[i] - 1.0 / (1.0 + np.exp(-z))
                w, b = w + eta * g * X[i], b + eta * g
    return w, b


@pytest.mark.parametrize("model", ["perceptron", "svm", "logistic"])
def test_sgd_path_is_the_per_sample_loop_epoch_by_epoch(model):
    X, y = OVERLAPPING
    W, B = sgd_path(X, y, model, eta=0.1, epochs=6, lam=0.01, random_state=3)
    assert W.shape == (7, 2) and B.shape == (7,)
    np.testing.assert_array_equal(W[0], [0.0, 0.0])
    for e in (1, 6):
        w_ref, b_ref = _sgd_reference(X, y, model, 0.1, e, 0.01, 3)
        np.testing.assert_allclose(W[e], w_ref, rtol=1e-10, atol=1e-12)
        assert B[e] == pytest.approx(b_ref, rel=1e-10, abs=1e-12)
    w, b = sgd_neuron(X, y, model, eta=0.1, epochs=6, lam=0.01, random_state=3)
    np.testing.assert_array_equal(w, W[-1])
    assert b == B[-1]


def test_sgd_path_makes_the_margin_step():
    # one example, one epoch from zero: w = eta g(0) y x with g = -l'(yz)
    x, y = np.array([[0.5, -1.0]]), np.array([0])          # label -1 in the margin notation
    g0 = {"perceptron": 1.0, "svm": 1.0, "logistic": 0.5}  # g at margin 0
    for model, g in g0.items():
        W, B = sgd_path(x, y, model, eta=0.3, epochs=1, lam=0.0)
        np.testing.assert_allclose(W[1], 0.3 * g * -1.0 * x[0])
        assert B[1] == pytest.approx(0.3 * g * -1.0)
    with pytest.raises(ValueError, match="model must be"):
        sgd_path(x, y, "ridge")


def test_direction_angle():
    np.testing.assert_allclose(direction_angle([[1, 0], [0, 1], [-1, -1]]), [0, 90, -135])
    with pytest.raises(ValueError, match="2 columns"):
        direction_angle(np.ones((2, 3)))


def test_averaged_perceptron_is_the_running_mean_of_the_perceptron():
    X, y = OVERLAPPING
    W, B = averaged_perceptron_path(X, y, eta=0.1, epochs=3, random_state=0)
    # by hand: the perceptron of sgd_path, averaged over every visit
    rng = np.random.default_rng(0)
    s = 2.0 * y - 1.0
    w, b, sw, sb, t = np.zeros(2), 0.0, np.zeros(2), 0.0, 0
    for e in range(1, 4):
        for i in rng.permutation(len(y)):
            if s[i] * (X[i] @ w + b) <= 0:
                w, b = w + 0.1 * s[i] * X[i], b + 0.1 * s[i]
            sw, sb, t = sw + w, sb + b, t + 1
        np.testing.assert_allclose(W[e], sw / t, rtol=1e-10, atol=1e-12)
        assert B[e] == pytest.approx(sb / t, rel=1e-10, abs=1e-12)
    Wp, _ = sgd_path(X, y, "perceptron", eta=0.1, epochs=3, random_state=0)
    np.testing.assert_allclose(w, Wp[-1], rtol=1e-10, atol=1e-12)


def test_margin_weight_is_minus_the_loss_slope():
    assert [margin_weight("perceptron", m) for m in (-1.0, 0.0, 0.5)] == [1.0, 1.0, 0.0]
    assert [margin_weight("svm", m) for m in (0.0, 0.99, 1.0)] == [1.0, 1.0, 0.0]
    for m in (-800.0, -2.0, 0.0, 3.0, 800.0):                 # sigma(-m), no overflow
        want = np.exp(-np.logaddexp(0.0, m))                 # 1 / (1 + e^m)
        assert margin_weight("logistic", m) == pytest.approx(want, rel=1e-12, abs=1e-300)
        g = losses.binary_cross_entropy_grad(np.array([m]), np.array([1.0]), from_logits=True)
        assert margin_weight("logistic", m) == pytest.approx(-g[0], rel=1e-12, abs=1e-300)


def test_sgd_rejects_bad_input():
    truth = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    with pytest.raises(ValueError, match="model must be"):
        sgd_neuron(truth, [0, 0, 0, 1], "adaline")
    with pytest.raises(TypeError, match="epochs must be an integer"):
        sgd_path(truth, [0, 0, 0, 1], "svm", epochs="5")
    with pytest.raises(ValueError, match="lam must be >= 0"):
        sgd_path(truth, [0, 0, 0, 1], "svm", lam=-1.0)
    with pytest.raises(ValueError, match="random_state must be >= 0"):
        averaged_perceptron_path(truth, [0, 0, 0, 1], random_state=-2)
