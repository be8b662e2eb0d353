import numpy as np
import pytest

from nnbook import losses as L
from nnbook.gradcheck import numerical_gradient, relative_error

rng = np.random.default_rng(3)
Z = rng.standard_normal((6, 4))
LABELS = np.array([0, 3, 1, 1, 2, 0])


def _check(loss, grad, x, *args, **kw):
    num = numerical_gradient(lambda v: loss(v, *args, **kw), x)
    assert relative_error(grad(x, *args, **kw), num) < 1e-7


def test_mse_gradient():
    _check(L.mse, L.mse_grad, Z, rng.standard_normal((6, 4)))


def test_mse_value_is_half_squared_norm_averaged():
    assert L.mse(np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])) == pytest.approx(2.5)


@pytest.mark.parametrize("from_logits", [False, True])
def test_bce_gradient(from_logits):
    y = rng.integers(0, 2, (6, 4)).astype(float)
    x = Z if from_logits else 1 / (1 + np.exp(-Z))
    _check(L.binary_cross_entropy, L.binary_cross_entropy_grad, x, y, from_logits=from_logits)


def test_bce_from_logits_equals_from_probabilities_and_is_finite():
    y = np.array([1.0, 0.0, 1.0])
    z = np.array([0.3, -1.2, 2.0])
    p = 1 / (1 + np.exp(-z))
    assert L.binary_cross_entropy(z, y, from_logits=True) == pytest.approx(
        L.binary_cross_entropy(p, y))
    assert np.isfinite(L.binary_cross_entropy(np.array([-1000.0]), np.array([1.0]),
                                              from_logits=True))


@pytest.mark.parametrize("targets", ["int", "onehot"])
def test_cross_entropy_gradient(targets):
    y = LABELS if targets == "int" else L.one_hot(LABELS, 4)
    _check(L.cross_entropy, L.cross_entropy_grad, Z, y)


def test_cross_entropy_gradient_is_p_minus_q_over_n():
    g = L.cross_entropy_grad(Z, LABELS)
    np.testing.assert_allclose(g, (L.softmax(Z) - L.one_hot(LABELS, 4)) / 6)


def test_softmax_is_stable_and_normalised():
    big = np.array([[1000.0, 1001.0, 1002.0]])
    p = L.softmax(big)
    np.testing.assert_allclose(p.sum(), 1.0)
    np.testing.assert_allclose(p, L.softmax(big - 1000))
    np.testing.assert_allclose(np.exp(L.log_softmax(big)), p)
    assert np.isfinite(L.cross_entropy(big, np.array([0])))


E = np.e
# logits of +-1000 with their exact softmax (exp(-1000) and exp(-2000) are 0 in float64)
Z_BIG = np.array([[1000.0, 999.0, -1000.0], [-1000.0, -1001.0, -1000.0], [1000.0, -1000.0, 0.0]])
P_BIG = np.array([[E / (1 + E), 1 / (1 + E), 0.0],
                  [E / (2 * E + 1), 1 / (2 * E + 1), E / (2 * E + 1)],
                  [1.0, 0.0, 0.0]])
LOGP_BIG = np.array([[-np.log1p(1 / E), -1 - np.log1p(1 / E), -2000 - np.log1p(1 / E)],
                     [-np.log(2 + 1 / E), -1 - np.log(2 + 1 / E), -np.log(2 + 1 / E)],
                     [0.0, -2000.0, -1000.0]])


def test_softmax_and_log_softmax_are_exact_at_logits_of_plus_minus_1000():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        np.testing.assert_allclose(L.softmax(Z_BIG), P_BIG, rtol=1e-15, atol=0)
        np.testing.assert_allclose(L.softmax(Z_BIG.T, axis=0), P_BIG.T, rtol=1e-15, atol=0)
        np.testing.assert_allclose(L.softmax(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        np.testing.assert_allclose(L.log_softmax(Z_BIG), LOGP_BIG, rtol=1e-15, atol=1e-15)
        np.testing.assert_allclose(L.log_softmax(Z_BIG.T, axis=0), LOGP_BIG.T, rtol=1e-15,
                                   atol=1e-15)


@pytest.mark.parametrize("targets", ["int", "onehot"])
def test_cross_entropy_is_exact_at_logits_of_plus_minus_1000(targets):
    labels = np.array([2, 1, 1])
    y = labels if targets == "int" else L.one_hot(labels, 3)
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        loss = L.cross_entropy(Z_BIG, y)
        grad = L.cross_entropy_grad(Z_BIG, y)
    # -log p_y: 2000 + log(1 + 1/e), 1 + log(2 + 1/e), and 2000 (p_y underflows to 0)
    expected = (2000 + np.log1p(1 / E) + 1 + np.log(2 + 1 / E) + 2000) / 3
    assert loss == pytest.approx(expected, rel=1e-15)
    np.testing.assert_allclose(grad, (P_BIG - np.eye(3)[labels]) / 3, rtol=1e-15, atol=1e-17)
    # a confident correct prediction costs exactly nothing
    assert L.cross_entropy(np.array([[1000.0, -1000.0]]), np.array([0])) == 0.0


def test_bce_from_logits_is_exact_at_plus_minus_1000():
    z = np.array([1000.0, 1000.0, -1000.0, -1000.0])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        assert L.binary_cross_entropy(z, y, from_logits=True) == pytest.approx(500.0, rel=1e-15)
        np.testing.assert_array_equal(L.binary_cross_entropy_grad(z, y, from_logits=True),
                                      np.array([0.0, 1.0, -1.0, 0.0]) / 4)


def test_hinge_and_perceptron_gradients():
    s = np.array([-1.3, 0.4, 2.2, -0.2, 0.7])
    y = np.array([1.0, -1.0, 1.0, -1.0, 1.0])
    _check(L.hinge, L.hinge_grad, s, y)
    _check(L.perceptron_loss, L.perceptron_loss_grad, s, y)
    assert L.perceptron_loss(np.array([2.0, -1.0]), np.array([1.0, -1.0])) == 0.0


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: L.mse(np.ones((2, 3)), np.ones((3, 2))), ValueError, "y_pred has shape"),
    (lambda: L.cross_entropy(Z, np.array([0, 1, 2, 3, 4, 0])), ValueError,
     "label 4 but there are only 4 classes"),
    (lambda: L.cross_entropy(Z, LABELS[:5]), ValueError, "5 labels but X has 6"),
    (lambda: L.cross_entropy(Z, np.full(6, -1)), ValueError, "negative label"),
    (lambda: L.binary_cross_entropy(np.array([1.5]), np.array([1.0])), ValueError,
     "probabilities in"),
    (lambda: L.hinge(np.ones(2), np.array([0.0, 1.0])), ValueError, "-1 or \\+1"),
    (lambda: L.softmax(np.array([[np.inf, 0.0]])), ValueError, "z contains infinite"),
])
def test_bad_inputs_name_the_problem(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_margin_losses_are_the_losses_of_labels_and_scores():
    M = L.MARGIN_LOSSES
    z = np.linspace(-3, 3, 13)
    y = np.where(np.arange(13) % 2, 1.0, -1.0)
    m = y * z
    for k in range(13):
        assert M["hinge"](m[k]) == pytest.approx(L.hinge(z[k:k + 1], y[k:k + 1]))
        assert M["perceptron"](m[k]) == pytest.approx(L.perceptron_loss(z[k:k + 1], y[k:k + 1]))
    np.testing.assert_allclose(M["squared"](m), (y - z) ** 2)
    np.testing.assert_allclose(M["logistic"](m), np.log1p(np.exp(-m)))
    np.testing.assert_array_equal(M["zero-one"](np.array([-1.0, 0.0, 1e-9])), [1.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="m contains NaN"):
        M["hinge"](np.array([np.nan]))
