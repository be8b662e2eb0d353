import numpy as np
import pytest

from nnbook import MLP, DivergenceError
from nnbook.gradcheck import check_model
from nnbook.regularization import EarlyStopping

rng = np.random.default_rng(7)
X = rng.standard_normal((9, 3))
HEADS = {
    "softmax+CE": ("softmax", "cross_entropy", rng.integers(0, 4, 9)),
    "sigmoid+BCE": ("sigmoid", "binary_cross_entropy", rng.integers(0, 2, (9, 4)).astype(float)),
    "identity+MSE": ("identity", "mse", rng.standard_normal((9, 4))),
    "sigmoid+MSE": ("sigmoid", "mse", rng.random((9, 4))),
}


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "linear"])
@pytest.mark.parametrize("head", list(HEADS))
def test_backprop_matches_numerical_gradient(activation, head):
    output, loss, y = HEADS[head]
    net = MLP([3, 5, 6, 4], activation=activation, output=output, loss=loss, random_state=1)
    # shift biases so no ReLU pre-activation sits on its kink
    for b in net.biases:
        b += 0.05
    assert check_model(net, X, y) < 1e-7


def test_penalised_gradients_match_numerical_gradient():
    net = MLP([3, 4, 3], activation="tanh", random_state=2)
    y = HEADS["softmax+CE"][2] % 3
    from nnbook.gradcheck import numerical_gradient, relative_error
    _, g = net.loss_and_gradients(X, y, l2=0.3, l1=0.1)
    W = net.weights[0]

    def f(v):
        saved = W.copy()
        W[...] = v
        try:
            return net.loss_and_gradients(X, y, l2=0.3, l1=0.1)[0]
        finally:
            W[...] = saved
    assert relative_error(g["weights"][0], numerical_gradient(f, W.copy())) < 1e-7


def test_contract_shapes_and_conventions():
    net = MLP([2, 3, 4], random_state=0)
    assert [W.shape for W in net.weights] == [(3, 2), (4, 3)]
    assert [b.shape for b in net.biases] == [(3,), (4,)]
    out = net.forward(np.ones((5, 2)))
    assert out.shape == (5, 4)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    # one layer is z = W a + b per sample, i.e. Z = A @ W.T + b over a batch
    np.testing.assert_allclose(net.zs[0], np.ones((5, 2)) @ net.weights[0].T + net.biases[0])
    assert len(net.activations_) == 3


def test_same_seed_same_everything():
    Xd = rng.standard_normal((40, 2))
    yd = (Xd[:, 0] * Xd[:, 1] > 0).astype(int)
    nets = [MLP([2, 8, 2], random_state=5).fit(Xd, yd, epochs=5, lr=0.2, batch_size=8,
                                              dropout=0.2) for _ in range(2)]
    for W1, W2 in zip(nets[0].weights, nets[1].weights):
        np.testing.assert_array_equal(W1, W2)
    assert nets[0].history_["loss"] == nets[1].history_["loss"]
    other = MLP([2, 8, 2], random_state=6)
    assert not np.array_equal(other.weights[0], nets[0].weights[0])


def test_fit_learns_xor():
    Xx = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 10, dtype=float)
    yx = np.array([0, 1, 1, 0] * 10)
    net = MLP([2, 8, 2], activation="tanh", random_state=0).fit(Xx, yx, epochs=300, lr=0.5,
                                                                  batch_size=4, momentum=0.9)
    assert net.score(Xx, yx) == 1.0
    assert net.history_["loss"][-1] < 0.05 < net.history_["loss"][0]


def test_float32_training_stays_float32():
    Xd = rng.standard_normal((64, 5)).astype(np.float32)
    yd = (Xd[:, 0] > 0).astype(int)
    net = MLP([5, 7, 2], dtype=np.float32).fit(Xd, yd, epochs=3)
    assert all(W.dtype == np.float32 for W in net.weights)
    assert net.forward(Xd).dtype == np.float32


def test_l2_shrinks_weights_and_l1_zeroes_some():
    Xd = rng.standard_normal((100, 4))
    yd = (Xd[:, 0] > 0).astype(int)
    kw = dict(epochs=60, lr=0.1, batch_size=20)
    plain = MLP([4, 10, 2], random_state=0).fit(Xd, yd, **kw)
    l2 = MLP([4, 10, 2], random_state=0).fit(Xd, yd, l2=0.1, **kw)
    assert np.linalg.norm(l2.weights[0]) < 0.7 * np.linalg.norm(plain.weights[0])
    l1 = MLP([4, 10, 2], random_state=0).fit(Xd, yd, l1=0.02, **kw)
    small = lambda net: np.mean(np.abs(net.weights[0]) < 1e-2)  # noqa: E731
    assert small(l1) > small(plain) + 0.2


def test_early_stopping_restores_best_weights():
    Xd = rng.standard_normal((60, 2))
    yd = (Xd[:, 0] + 0.8 * rng.standard_normal(60) > 0).astype(int)
    Xv = rng.standard_normal((60, 2))
    yv = (Xv[:, 0] > 0).astype(int)
    stopper = EarlyStopping(patience=3)
    net = MLP([2, 64, 64, 2], random_state=0).fit(Xd, yd, epochs=400, lr=0.3, batch_size=10,
                                                   validation=(Xv, yv), early_stopping=stopper)
    assert net.n_epochs_ < 400
    assert stopper.stopped_epoch_ == net.n_epochs_ - 1
    best = min(net.history_["val_loss"])
    assert net.history_["val_loss"][stopper.best_epoch_] == best
    from nnbook.losses import cross_entropy
    net.forward(Xv)
    assert cross_entropy(net.zs[-1], yv) == pytest.approx(best)


def test_divergence_is_reported_with_the_learning_rate():
    Xd = rng.standard_normal((50, 3)) * 100
    yd = rng.standard_normal(50) * 100
    net = MLP([3, 20, 1], activation="relu", output="identity", loss="mse")
    with pytest.raises(DivergenceError, match="lr=50"):
        net.fit(Xd, yd, epochs=50, lr=50.0)
    assert all(np.all(np.isfinite(W)) for W in net.weights)


def test_predict_and_score_for_each_head():
    Xd = rng.standard_normal((30, 2))
    reg = MLP([2, 4, 1], output="identity", loss="mse")
    assert reg.predict(Xd).shape == (30,)
    with pytest.raises(ValueError, match="regressor"):
        reg.predict_proba(Xd)
    clf = MLP([2, 4, 1], output="sigmoid", loss="binary_cross_entropy")
    assert set(np.unique(clf.predict(Xd))) <= {0, 1}


@pytest.mark.parametrize("make, exc, msg", [
    (lambda: MLP([3]), ValueError, "sizes must be a list"),
    (lambda: MLP([3, 0, 2]), ValueError, r"sizes\[1\] must be >= 1"),
    (lambda: MLP([3, 4, 2], activation="swish"), ValueError, "unknown activation"),
    (lambda: MLP([3, 4, 2], output="softplus"), ValueError, "output must be one of"),
    (lambda: MLP([3, 4, 2], output="softmax", loss="mse"), ValueError, "does not pair"),
    (lambda: MLP([3, 4, 2], activation=["relu", "tanh"]), ValueError, "2 names but"),
    (lambda: MLP([3, 4, 2], dtype=np.int32), TypeError, "dtype must be float32"),
    (lambda: MLP([3, 4, 2]).forward(np.ones((2, 2))), ValueError,
     "X has 2 features but the network expects 3"),
    (lambda: MLP([3, 4, 2]).forward(np.ones(3)), ValueError, "X must be 2-dimensional"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 2]), ValueError, "label 2 but"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 1], lr=-1), ValueError, "lr must be > 0"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 1], dropout=1.0), ValueError,
     r"dropout must lie in \[0, 1\)"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 1], epochs=2.5), TypeError,
     "epochs must be an integer"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 1], early_stopping=3), ValueError,
     "early_stopping needs validation"),
    (lambda: MLP([3, 4, 2]).fit(np.full((2, 3), np.nan), [0, 1]), ValueError, "X contains NaN"),
    (lambda: MLP([3, 4, 2]).fit(np.ones((2, 3)), [0, 1, 1]), ValueError, "3 labels but X has 2"),
    (lambda: MLP([3, 4, 1], output="sigmoid", loss="binary_cross_entropy")
     .fit(np.ones((2, 3)), [0, 3]), ValueError, r"targets in \[0, 1\]"),
])
def test_bad_input_raises_a_named_error(make, exc, msg):
    with pytest.raises(exc, match=msg):
        make()


def test_step_is_one_sgd_update_along_the_gradient():
    Xd = rng.standard_normal((16, 3))
    yd = rng.integers(0, 3, 16)
    net = MLP([3, 5, 3], activation="tanh", random_state=4)
    W0 = [W.copy() for W in net.weights]
    loss, g = net.loss_and_gradients(Xd, yd)
    assert net.step(Xd, yd, lr=0.5) == pytest.approx(loss)
    for l, W in enumerate(net.weights):
        np.testing.assert_allclose(W, W0[l] - 0.5 * g["weights"][l])
    assert net.loss_and_gradients(Xd, yd)[0] < loss


def test_fit_with_one_full_batch_equals_step():
    Xd = rng.standard_normal((12, 3))
    yd = rng.integers(0, 2, 12)
    a = MLP([3, 4, 2], random_state=9).fit(Xd, yd, epochs=1, lr=0.3, batch_size=12,
                                           shuffle=False)
    b = MLP([3, 4, 2], random_state=9)
    b.step(Xd, yd, lr=0.3)
    for Wa, Wb in zip(a.weights, b.weights):
        np.testing.assert_allclose(Wa, Wb)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
@pytest.mark.parametrize("head", list(HEADS))
@pytest.mark.parametrize("momentum, l2", [(0.0, 0.0), (0.9, 0.01)])
def test_fit_equals_minibatch_sgd_from_loss_and_gradients(activation, head, momentum, l2):
    # fit reuses work arrays, folds eta into delta and applies ReLU in place; the
    # result must be plain mini-batch SGD computed with fresh arrays, batch by batch
    out, loss, _ = HEADS[head]
    Xd = np.random.default_rng(3).standard_normal((23, 3))
    yd = np.concatenate([HEADS[head][2]] * 3)[:23]
    kw = dict(activation=activation, output=out, loss=loss, random_state=5)
    a = MLP([3, 6, 5, 4], **kw).fit(Xd, yd, epochs=3, lr=0.2, batch_size=8, shuffle=False,
                                    momentum=momentum, l2=l2)
    b = MLP([3, 6, 5, 4], **kw)
    params = b._params()
    velocity = [np.zeros_like(p) for p in params]
    losses = []
    for _ in range(3):
        total = 0.0
        for s in range(0, 23, 8):
            batch_loss, g = b.loss_and_gradients(Xd[s:s + 8], yd[s:s + 8], l2=l2)
            total += (batch_loss - b._penalty(0, l2)) * len(Xd[s:s + 8])
            for p, v, gp in zip(params, velocity, g["weights"] + g["biases"]):
                v *= momentum
                v -= 0.2 * gp
                p += v
        losses.append(total / 23 + b._penalty(0, l2))   # the penalty at the epoch's end
    for pa, pb in zip(a._params(), params):
        np.testing.assert_allclose(pa, pb, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a.history_["loss"], losses, rtol=1e-10)


def test_forward_after_training_keeps_pre_activations():
    # training applies ReLU in place on its own work arrays; a later forward pass
    # must still expose the true pre-activations z (negative entries included)
    Xd = rng.standard_normal((30, 3))
    net = MLP([3, 8, 2], random_state=1).fit(Xd, rng.integers(0, 2, 30), epochs=2,
                                             batch_size=10)
    net.forward(Xd)
    z = net.zs[0]
    np.testing.assert_allclose(z, Xd @ net.weights[0].T + net.biases[0])
    assert (z < 0).any()
    np.testing.assert_allclose(net.activations_[1], np.maximum(z, 0))


def test_nan_or_inf_in_a_large_input_is_named():
    Xd = np.random.default_rng(0).random((400, 200))
    net = MLP([200, 3, 2])
    y = np.zeros(400, dtype=int)
    for bad, word in [(np.nan, "NaN"), (np.inf, "infinite"), (-np.inf, "infinite")]:
        Xb = Xd.copy()
        Xb[123, 45] = bad
        with pytest.raises(ValueError, match=f"X contains {word}"):
            net.fit(Xb, y, epochs=1)
    # huge but finite values overflow the fast row-sum check and must still pass
    huge = np.full((400, 200), 3e38, dtype=np.float32)
    assert MLP([200, 3, 2], dtype=np.float32)._check_X(huge) is huge


# ------------------------------------------------------------------ dropout at p != 0.5
# At p = 0.5 the right scale 1/(1-p) and the wrong 1/p agree, so these use other p.

def _training_pass(net, how, Xd, yd, p):
    """Hidden activations of ``net`` without dropout, then of one training pass with it."""
    net.forward(Xd)
    plain = [a.copy() for a in net.activations_[1:-1]]
    if how == "step":
        net.step(Xd, yd, lr=1e-3, dropout=p)
    else:
        net.fit(Xd, yd, epochs=1, lr=1e-3, batch_size=len(Xd), shuffle=False, dropout=p)
    return plain, net.activations_[1:-1]


@pytest.mark.parametrize("how", ["step", "fit"])
@pytest.mark.parametrize("p", [0.2, 0.5, 0.8])
def test_dropout_keeps_units_exactly_scaled_by_one_over_one_minus_p(how, p):
    Xd = np.random.default_rng(11).standard_normal((500, 3))
    yd = np.random.default_rng(12).integers(0, 2, 500)
    net = MLP([3, 6, 2], activation="tanh", random_state=3)
    (plain,), (dropped,) = _training_pass(net, how, Xd, yd, p)
    kept = dropped != 0                       # tanh units are never exactly 0 here
    np.testing.assert_allclose(dropped[kept], plain[kept] / (1 - p), rtol=1e-13)
    assert kept.mean() == pytest.approx(1 - p, abs=0.02)


@pytest.mark.parametrize("p", [0.2, 0.8])
def test_dropout_leaves_the_expected_activation_unchanged(p):
    # one input repeated 20000 times: the mean over the batch estimates E[a~] = a
    Xd = np.tile([[0.4, -1.1, 0.7]], (20000, 1))
    yd = np.zeros(20000, dtype=int)
    net = MLP([3, 5, 4, 2], activation="sigmoid", random_state=2)
    plain, dropped = _training_pass(net, "step", Xd, yd, p)
    # the first hidden layer sees a fixed input, so its 20000 rows are i.i.d. draws of
    # a * keep / (1 - p); the wrong scale 1/p would be off by a factor 4 or 1/4
    assert np.all(plain[0] == plain[0][0])
    sd = np.sqrt(p / (1 - p) / 20000)         # relative standard error of the mean
    assert np.max(np.abs(dropped[0].mean(axis=0) / plain[0][0] - 1)) < 4 * sd


@pytest.mark.parametrize("p", [0.2, 0.8])
def test_step_with_dropout_is_sgd_on_the_thinned_network(p):
    # reference: forward and backward by hand with masks m = keep / (1 - p)
    rs = np.random.default_rng(5)
    Xd, yd = rs.standard_normal((16, 3)), rs.integers(0, 3, 16)
    net = MLP([3, 5, 4, 3], activation="tanh", random_state=6)
    for v in net.biases:   # nonzero: a unit whose inputs were all dropped is still not 0
        v += rs.uniform(0.1, 0.5, v.shape)
    W = [w.copy() for w in net.weights]
    b = [v.copy() for v in net.biases]
    net.step(Xd, yd, lr=0.4, dropout=p)
    keep = [a != 0 for a in net.activations_[1:-1]]
    m = [k / (1 - p) for k in keep]
    H1 = np.tanh(Xd @ W[0].T + b[0])
    A1 = H1 * m[0]
    H2 = np.tanh(A1 @ W[1].T + b[1])
    A2 = H2 * m[1]
    Z = A2 @ W[2].T + b[2]
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    d3 = (P - np.eye(3)[yd]) / 16
    d2 = (d3 @ W[2]) * m[1] * (1 - H2 ** 2)
    d1 = (d2 @ W[1]) * m[0] * (1 - H1 ** 2)
    gW = [d1.T @ Xd, d2.T @ A1, d3.T @ A2]
    gb = [d1.sum(0), d2.sum(0), d3.sum(0)]
    for l in range(3):
        np.testing.assert_allclose(net.weights[l], W[l] - 0.4 * gW[l], rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(net.biases[l], b[l] - 0.4 * gb[l], rtol=1e-12, atol=1e-14)


# ------------------------------------------------------- outputs at logits of +-1000
E = np.e
# logits z = x (identity weights) with their exact softmax; exp(-1000) is 0 in float64
Z_BIG = np.array([[1000.0, 999.0, -1000.0], [-1000.0, -1001.0, -1000.0], [1000.0, -1000.0, 0.0]])
P_BIG = np.array([[E / (1 + E), 1 / (1 + E), 0.0],
                  [E / (2 * E + 1), 1 / (2 * E + 1), E / (2 * E + 1)],
                  [1.0, 0.0, 0.0]])
Y_BIG = np.array([1, 1, 1])
# -log p_1 per row: log(1 + e), log(2e + 1), and z_0 - z_1 = 2000 (p_1 underflows to 0)
CE_BIG = (np.log1p(E) + np.log(2 * E + 1) + 2000.0) / 3


def _identity_net(n_hidden):
    net = MLP([3] + [3] * n_hidden + [3], activation="linear", random_state=0)
    for W, v in zip(net.weights, net.biases):
        W[...] = np.eye(3)
        v[...] = 0.0
    return net


@pytest.mark.parametrize("n_hidden", [0, 1])
def test_softmax_head_is_exact_at_logits_of_plus_minus_1000(n_hidden):
    net = _identity_net(n_hidden)
    np.testing.assert_allclose(net.forward(Z_BIG), P_BIG, rtol=1e-14, atol=0)
    with np.errstate(over="raise", divide="raise", invalid="raise"):   # no overflow, no 0/0
        loss, g = net.loss_and_gradients(Z_BIG, Y_BIG)
    assert loss == pytest.approx(CE_BIG, rel=1e-14)
    D = (P_BIG - np.eye(3)[Y_BIG]) / 3
    np.testing.assert_allclose(g["weights"][-1], D.T @ Z_BIG, rtol=1e-13, atol=1e-9)
    np.testing.assert_allclose(g["biases"][-1], D.sum(0), rtol=1e-13, atol=1e-15)
    assert all(np.all(np.isfinite(x)) for x in g["weights"] + g["biases"])


@pytest.mark.parametrize("how", ["step", "fit"])
def test_training_on_logits_of_plus_minus_1000_stays_finite(how):
    net, ref = _identity_net(1), _identity_net(1)
    _, g = ref.loss_and_gradients(Z_BIG, Y_BIG)
    if how == "step":
        assert net.step(Z_BIG, Y_BIG, lr=1e-6) == pytest.approx(CE_BIG, rel=1e-14)
    else:
        net.fit(Z_BIG, Y_BIG, epochs=1, lr=1e-6, batch_size=3, shuffle=False)
        assert net.history_["loss"] == [pytest.approx(CE_BIG, rel=1e-14)]
    for W, W0, gW in zip(net.weights, ref.weights, g["weights"]):
        np.testing.assert_allclose(W, W0 - 1e-6 * gW, rtol=1e-13, atol=1e-15)


def test_sigmoid_head_is_exact_at_logits_of_plus_minus_1000():
    net = MLP([2, 2], output="sigmoid", loss="binary_cross_entropy", random_state=0)
    net.weights[0][...] = np.eye(2)
    Zs = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]])
    T = np.array([[1.0, 1.0], [1.0, 0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        np.testing.assert_array_equal(net.forward(Zs), [[1.0, 0.0], [0.0, 1.0]])
        loss, g = net.loss_and_gradients(Zs, T)
    assert loss == pytest.approx((1000.0 + 2000.0) / 2, rel=1e-14)
    np.testing.assert_allclose(g["biases"][0], [-0.5, 0.0], rtol=1e-14, atol=1e-300)


# ------------------------------------------------------- learning rate changed between calls
LR_DATA = np.random.default_rng(21).standard_normal((21, 3))
LR_LABELS = np.random.default_rng(22).integers(0, 3, 21)
# (rows, lr): batches of two sizes; the lr goes down, stays, goes up, and comes back
LR_SCHEDULE = [(slice(0, 8), 0.5), (slice(8, 16), 0.05), (slice(0, 8), 0.05),
               (slice(16, 21), 0.05), (slice(8, 16), 0.2), (slice(0, 8), 0.5)]


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_step_follows_a_learning_rate_changed_between_calls(momentum):
    net = MLP([3, 5, 3], activation="tanh", random_state=4)
    ref = MLP([3, 5, 3], activation="tanh", random_state=4)
    params = ref._params()
    velocity, last_lr = None, None
    for rows, lr in LR_SCHEDULE:
        if lr != last_lr:                    # documented: velocity kept while lr stays the same
            velocity = [np.zeros_like(p) for p in params]
        last_lr = lr
        loss, g = ref.loss_and_gradients(LR_DATA[rows], LR_LABELS[rows])
        assert net.step(LR_DATA[rows], LR_LABELS[rows], lr=lr, momentum=momentum) \
            == pytest.approx(loss, rel=1e-12)
        for p, v, gp in zip(params, velocity, g["weights"] + g["biases"]):
            v *= momentum
            v -= lr * gp
            p += v
        for pa, pb in zip(net._params(), params):
            np.testing.assert_allclose(pa, pb, rtol=1e-12, atol=1e-14)


def test_step_update_size_is_proportional_to_each_calls_learning_rate():
    # the same batch and the same starting weights: the update scales with lr exactly
    net = MLP([3, 5, 3], activation="tanh", random_state=4)
    start = [p.copy() for p in net._params()]
    _, g = net.loss_and_gradients(LR_DATA, LR_LABELS)
    for lr in [0.3, 0.03, 3.0, 0.3]:
        for p, s in zip(net._params(), start):
            p[...] = s
        net.step(LR_DATA, LR_LABELS, lr=lr)
        for p, s, gp in zip(net._params(), start, g["weights"] + g["biases"]):
            np.testing.assert_allclose(s - p, lr * gp, rtol=1e-10, atol=1e-15)


def test_fit_warm_start_and_step_each_use_their_own_learning_rate():
    # fit continues from the current weights; each call (and each step) uses its own lr
    calls = [("fit", 0.5), ("fit", 0.05), ("step", 0.3), ("fit", 0.3), ("step", 0.3),
             ("fit", 0.01), ("step", 0.02)]
    net = MLP([3, 5, 3], activation="tanh", random_state=8)
    ref = MLP([3, 5, 3], activation="tanh", random_state=8)
    params = ref._params()
    for kind, lr in calls:
        if kind == "fit":
            net.fit(LR_DATA, LR_LABELS, epochs=2, lr=lr, batch_size=8, shuffle=False)
            batches = [slice(s, s + 8) for s in range(0, 21, 8)] * 2
        else:
            net.step(LR_DATA, LR_LABELS, lr=lr)
            batches = [slice(0, 21)]
        for rows in batches:
            _, g = ref.loss_and_gradients(LR_DATA[rows], LR_LABELS[rows])
            for p, gp in zip(params, g["weights"] + g["biases"]):
                p -= lr * gp
        for pa, pb in zip(net._params(), params):
            np.testing.assert_allclose(pa, pb, rtol=1e-11, atol=1e-14)


# ------------------------------------------------------------------ snapshot / restore
def test_snapshot_is_a_copy_and_restore_writes_back_in_place():
    net = MLP([3, 4, 2], random_state=0)
    W0 = net.weights[0]
    snap = net.snapshot()
    net.fit(rng.standard_normal((20, 3)), rng.integers(0, 2, 20), epochs=2)
    assert not np.array_equal(net.weights[0], snap[0][0])       # training moved the copy's source
    assert net.restore(snap) is net
    assert net.weights[0] is W0                                  # same array, new values
    for p, s in zip(net.weights + net.biases, snap[0] + snap[1]):
        np.testing.assert_array_equal(p, s)


def test_restore_sets_hand_made_weights_and_a_restored_net_trains_like_a_fresh_one():
    X, y = rng.standard_normal((30, 2)), rng.integers(0, 2, 30)
    fresh = MLP([2, 3, 2], random_state=4)
    other = MLP([2, 3, 2], random_state=9).restore(fresh.snapshot())
    other.rng = np.random.default_rng(4)
    other.rng.standard_normal(6)             # the draw fresh made for its first layer
    other.rng.standard_normal(6)             # and its second: same stream position
    fresh.fit(X, y, epochs=3)
    other.fit(X, y, epochs=3)
    np.testing.assert_array_equal(fresh.weights[1], other.weights[1])


@pytest.mark.parametrize("snap, exc, msg", [
    ([np.zeros((3, 2))], TypeError, "pair"),
    (([np.zeros((3, 2))], [np.zeros(3), np.zeros(2)]), ValueError,
     "1 weights arrays, the network 2"),
    (([np.zeros((3, 3)), np.zeros((2, 3))], [np.zeros(3), np.zeros(2)]), ValueError,
     r"weights\[0\] has shape \(3, 3\), the network \(3, 2\)"),
    (([np.zeros((3, 2)), np.zeros((2, 3))], [np.zeros(3), np.full(2, np.nan)]), ValueError,
     r"biases\[1\] contains NaN"),
])
def test_restore_rejects_a_snapshot_that_does_not_fit(snap, exc, msg):
    net = MLP([2, 3, 2])
    before = net.snapshot()
    with pytest.raises(exc, match=msg):
        net.restore(snap)
    for p, s in zip(net.weights + net.biases, before[0] + before[1]):   # nothing half-written
        np.testing.assert_array_equal(p, s)


def test_training_does_not_read_state_left_by_an_earlier_pass():
    # the loss of a step must not depend on which batch the public forward() saw last
    X, y = rng.standard_normal((12, 3)), rng.integers(0, 3, 12)
    a, b = MLP([3, 5, 3], random_state=2), MLP([3, 5, 3], random_state=2)
    b.forward(rng.standard_normal((40, 3)))
    assert a.step(X, y, lr=0.1) == b.step(X, y, lr=0.1)
    assert a.loss_and_gradients(X, y)[0] == b.loss_and_gradients(X, y)[0]


def test_count_parameters_counts_what_the_network_holds():
    from nnbook.mlp import count_parameters

    for sizes in ([2, 2], [784, 100, 10], [3, 5, 4, 2]):
        net = MLP(sizes)
        assert count_parameters(sizes) == net.n_parameters() == sum(p.size for p in net._params())
    with pytest.raises(ValueError, match="at least two entries"):
        count_parameters([3])
    with pytest.raises(ValueError, match=r"sizes\[1\] must be >= 1"):
        count_parameters([3, 0])
