import numpy as np
import pytest

from nnbook import MLP
from nnbook import regularization as R
from nnbook.gradcheck import numerical_gradient, relative_error
from nnbook.optim import SGD


def test_penalty_gradients():
    W = np.random.default_rng(0).standard_normal((3, 4)) + 0.05
    assert relative_error(R.l2_grad(W, 0.7),
                          numerical_gradient(lambda v: R.l2_penalty(v, 0.7), W)) < 1e-7
    assert relative_error(R.l1_grad(W, 0.7),
                          numerical_gradient(lambda v: R.l1_penalty(v, 0.7), W)) < 1e-7


def test_l2_step_is_weight_decay():
    theta, g, eta, lam = np.array([2.0, -1.0]), np.array([0.3, 0.1]), 0.1, 0.5
    np.testing.assert_allclose(theta - eta * (g + R.l2_grad(theta, lam)),
                               (1 - eta * lam) * theta - eta * g)


def test_soft_threshold_minimises_the_lecture_toy_problem():
    # (theta - 2)^2 + lam |theta| is minimised at soft_threshold(2, lam / 2)
    grid = np.linspace(-1, 3, 400001)
    for lam in [0.0, 1.0, 3.0, 4.0, 6.0]:
        best = grid[np.argmin((grid - 2) ** 2 + lam * np.abs(grid))]
        assert R.soft_threshold(2.0, lam / 2) == pytest.approx(best, abs=1e-4)
    assert R.soft_threshold(2.0, 2.5) == 0.0


@pytest.mark.parametrize("inverted", [True, False])
def test_dropout_conventions_agree_in_expectation(inverted):
    rng = np.random.default_rng(1)
    a = np.linspace(0.5, 2.0, 8)
    p = 0.3
    train = np.mean([R.dropout(a, p, rng, inverted=inverted) for _ in range(20000)], axis=0)
    test = R.dropout(a, p, training=False, inverted=inverted)
    np.testing.assert_allclose(train, test, rtol=0.03)
    if not inverted:
        np.testing.assert_allclose(test, (1 - p) * a)


def test_dropout_drops_about_p_and_keeps_values():
    rng = np.random.default_rng(2)
    out = R.dropout(np.ones(100000), 0.25, rng, inverted=False)
    assert np.mean(out == 0) == pytest.approx(0.25, abs=0.01)
    assert set(np.unique(out)) == {0.0, 1.0}


@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_inverted_dropout_keeps_exactly_a_over_one_minus_p(p):
    # at p = 0.5 the right scale 1/(1-p) and the wrong 1/p agree; 0.2 and 0.8 tell them apart
    a = np.random.default_rng(4).uniform(0.5, 2.0, (400, 50))
    out = R.dropout(a, p, np.random.default_rng(5))
    kept = out != 0
    np.testing.assert_allclose(out[kept], a[kept] / (1 - p), rtol=1e-15)
    assert kept.mean() == pytest.approx(1 - p, abs=0.01)
    # the same generator state gives the same mask as dropout_mask
    np.testing.assert_array_equal(kept, R.dropout_mask(a.shape, p, np.random.default_rng(5)))
    # without inversion the kept units are left as they are
    raw = R.dropout(a, p, np.random.default_rng(5), inverted=False)
    np.testing.assert_array_equal(raw, np.where(kept, a, 0.0))


@pytest.mark.parametrize("p", [0.2, 0.8])
def test_inverted_dropout_has_expectation_equal_to_its_input(p):
    a = np.array([0.5, -1.0, 2.0, 3.0])
    n = 50000
    out = R.dropout(np.tile(a, (n, 1)), p, np.random.default_rng(6))
    sd = np.sqrt(p / (1 - p) / n)            # relative standard error of the mean
    assert np.max(np.abs(out.mean(axis=0) / a - 1)) < 4 * sd
    np.testing.assert_array_equal(R.dropout(a, p, training=False), a)
    np.testing.assert_allclose(R.dropout(a, p, training=False, inverted=False), (1 - p) * a)


def test_early_stopping_logic():
    es = R.EarlyStopping(patience=2)
    params = [np.zeros(1)]
    losses = [1.0, 0.5, 0.6, 0.4, 0.45, 0.5]
    stops = []
    for epoch, v in enumerate(losses):
        params[0][0] = v
        stops.append(es.update(epoch, v, params))
    assert stops == [False, False, False, False, False, True]
    assert es.best_epoch_ == 3 and es.best_params_[0][0] == 0.4


def test_sgd_momentum():
    p = np.array([1.0])
    opt = SGD([p], lr=0.1, momentum=0.5)
    opt.step([np.array([1.0])])
    opt.step([np.array([1.0])])
    # v1 = -0.1, v2 = 0.5 * -0.1 - 0.1 = -0.15
    assert p[0] == pytest.approx(1 - 0.1 - 0.15)


@pytest.mark.parametrize("momentum", [0.0, 0.7])
def test_sgd_apply_takes_steps_already_scaled_by_eta(momentum):
    g = [np.array([1.0, -2.0]), np.array([[0.5]])]
    p1 = [np.array([1.0, 1.0]), np.array([[2.0]])]
    p2 = [x.copy() for x in p1]
    a, b = SGD(p1, lr=0.3, momentum=momentum), SGD(p2, lr=0.3, momentum=momentum)
    for _ in range(3):
        a.step(g)
        b.apply([0.3 * x for x in g])
    for x, y in zip(p1, p2):
        np.testing.assert_allclose(x, y)
    assert (a.velocity is None) == (momentum == 0.0)
    with pytest.raises(ValueError, match="gradient of shape"):
        b.apply([np.ones(3), np.ones((1, 1))])


def test_weight_norm_orders():
    net = MLP([2, 3, 2], random_state=0)
    w = np.concatenate([W.ravel() for W in net.weights])
    assert R.weight_norm(net) == pytest.approx(np.linalg.norm(w))
    assert R.weight_norm(net, ord=1) == pytest.approx(np.abs(w).sum())


@pytest.mark.parametrize("lam,expected", [(0, 2.0), (1, 1.5), (3, 0.5), (4, 0.0), (6, 0.0)])
def test_penalised_minimiser_l1_is_soft_thresholding(lam, expected):
    assert float(R.penalised_minimiser(lam)) == pytest.approx(expected)
    grid = np.linspace(-1, 3, 40001)
    best = grid[np.argmin((grid - 2) ** 2 + lam * np.abs(grid))]
    assert float(R.penalised_minimiser(lam)) == pytest.approx(best, abs=1e-4)


def test_penalised_minimiser_l2_never_zero_and_validation():
    lam = np.array([0.0, 4.0, 100.0])
    np.testing.assert_allclose(R.penalised_minimiser(lam, "l2"), 2 / (1 + lam / 2))
    assert np.all(R.penalised_minimiser(lam, "l2") > 0)
    np.testing.assert_allclose(R.penalised_minimiser(np.array([1.0, 5.0])),
                               [R.soft_threshold(2.0, 0.5), 0.0])
    assert float(R.penalised_minimiser(1.0, c=-1.0)) == pytest.approx(-0.5)   # symmetric
    with pytest.raises(ValueError):
        R.penalised_minimiser(-1.0)
    with pytest.raises(ValueError, match="penalty"):
        R.penalised_minimiser(1.0, "l3")


def test_dropout_ensemble_single_softmax_layer_geometric_mean_is_exact():
    net = MLP([2, 5, 2], random_state=1)
    X = np.random.default_rng(0).normal(size=(20, 2))
    arith, geo, n = R.dropout_ensemble(net, X, 0.5)
    assert n == 32
    np.testing.assert_allclose(geo, net.predict_proba(X), atol=1e-12)
    np.testing.assert_allclose(arith.sum(axis=1), 1.0)
    assert not np.allclose(arith, net.predict_proba(X), atol=1e-6)


def test_dropout_ensemble_of_p_zero_is_the_network_and_sub_network_proba_drops_units():
    net = MLP([2, 3, 3, 2], random_state=2)
    X = np.random.default_rng(1).normal(size=(5, 2))
    arith, geo, n = R.dropout_ensemble(net, X, 0.0)
    assert n == 64
    np.testing.assert_allclose(arith, net.predict_proba(X), atol=1e-12)
    net.restore((net.weights, [net.biases[0], np.array([0.5, -1.0, 2.0]), np.array([0.3, -0.3])]))
    first_layer_dropped = [np.zeros(3, bool), np.ones(3, bool)]
    P = R.sub_network_proba(net, X, first_layer_dropped, 0.5)
    z = np.maximum(net.biases[1], 0) / 0.5 @ net.weights[2].T + net.biases[2]
    e = np.exp(z - z.max())
    np.testing.assert_allclose(P, np.tile(e / e.sum(), (5, 1)), atol=1e-12)


def test_sub_network_proba_keeps_only_the_masked_units_scaled_by_one_over_one_minus_p():
    # p = 0.2 tells the right scale 1/(1 - p) from a wrong 1/p; tanh keeps negative values
    net = MLP([3, 4, 2], activation="tanh", random_state=3)
    X = np.random.default_rng(2).normal(size=(6, 3))
    keep = [np.array([True, False, True, False])]
    h = np.tanh(X @ net.weights[0].T + net.biases[0]) * keep[0] / 0.8
    z = h @ net.weights[1].T + net.biases[1]
    e = np.exp(z - z.max(axis=1, keepdims=True))
    np.testing.assert_allclose(R.sub_network_proba(net, X, keep, 0.2),
                               e / e.sum(axis=1, keepdims=True), rtol=1e-12)


def test_dropout_ensemble_refuses_too_many_units():
    with pytest.raises(ValueError, match="masks"):
        R.dropout_ensemble(MLP([2, 20, 2], random_state=0), np.zeros((1, 2)), 0.5)


def test_weight_norm_and_dropout_functions_validate_their_input():
    net = MLP([2, 3, 2], random_state=0)
    with pytest.raises(ValueError, match="ord"):
        R.weight_norm(net, ord=3)
    with pytest.raises(TypeError, match="net"):
        R.weight_norm([np.ones((2, 2))])
    with pytest.raises(ValueError, match="p must"):
        R.sub_network_proba(net, np.zeros((1, 2)), [np.ones(3, bool)], 1.0)
    with pytest.raises(ValueError, match="features"):
        R.sub_network_proba(net, np.zeros((1, 3)), [np.ones(3, bool)], 0.5)
    with pytest.raises(ValueError, match="one boolean vector per hidden layer"):
        R.sub_network_proba(net, np.zeros((1, 2)), [np.ones(4, bool)], 0.5)
    sigmoid_net = MLP([2, 3, 1], output="sigmoid", loss="binary_cross_entropy", random_state=0)
    with pytest.raises(ValueError, match="softmax"):
        R.sub_network_proba(sigmoid_net, np.zeros((1, 2)), [np.ones(3, bool)], 0.5)
    with pytest.raises(ValueError, match="p must"):
        R.dropout_ensemble(net, np.zeros((1, 2)), -0.1)


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: R.dropout(np.ones(3), 1.0, np.random.default_rng()), ValueError, "p must lie"),
    (lambda: R.dropout(np.ones(3), 0.5), ValueError, "rng is required"),
    (lambda: R.dropout_mask((2,), 0.5, 42), TypeError, "rng must be a numpy.random.Generator"),
    (lambda: R.l2_penalty(np.ones(2), -1), ValueError, "lam must be >= 0"),
    (lambda: R.EarlyStopping(patience=0), ValueError, "patience must be >= 1"),
    (lambda: SGD([np.ones(2)], lr=0), ValueError, "lr must be > 0"),
    (lambda: SGD([np.ones(2)], momentum=1.0), ValueError, "momentum must lie"),
    (lambda: SGD([np.ones(2)]).step([np.ones(3)]), ValueError, "gradient of shape"),
])
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
