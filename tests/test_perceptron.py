"""Tests for nnbook.perceptron: hand-wired logic gates, the perceptron rule,
convergence on separable data, failure on XOR, determinism and error messages."""

import itertools
import warnings

import numpy as np
import pytest

from nnbook import data
from nnbook.perceptron import (
    XOR_HIDDEN,
    XOR_OUTPUT,
    Perceptron,
    check_binary_data,
    count_mistakes,
    mcculloch_pitts,
    mp_unit_1943,
    novikoff_bound,
    perceptron_rule,
    rule_trace,
    threshold_network,
    unit_accuracy,
)

TRUTH = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
#: the data of chapter 1's rule panel (30 points, separable with margin 0.1)
SEPARABLE_30 = data.linearly_separable(n=30, margin=0.1, random_state=5)
#: the four points of exercise ex-ch1-bound; (1, 1)·x = 0 separates them
BOUND_X = np.array([[2.0, 1.0], [1.0, 3.0], [-1.0, -2.0], [-2.0, 0.0]])
BOUND_Y = np.array([1, 1, 0, 0])
AND, OR, XOR = [0, 0, 0, 1], [0, 1, 1, 1], [0, 1, 1, 0]


def separable(n=200, margin=0.1, seed=0):
    """Points in [-1, 1]^2 at distance >= margin from a fixed line: separable by construction."""
    rng = np.random.default_rng(seed)
    normal, offset = np.array([0.6, -0.8]), 0.2           # unit normal of the true line
    X = rng.uniform(-1, 1, (4 * n, 2))
    dist = X @ normal + offset
    keep = np.abs(dist) >= margin
    return X[keep][:n], (dist[keep][:n] > 0).astype(int)


@pytest.mark.parametrize("weights, threshold, table", [
    ([1, 1], 2, AND), ([1, 1], 1, OR), ([-1, -1], 0, [1, 0, 0, 0]),      # AND, OR, NOR
    ([1, -1], 1, [0, 0, 1, 0]),                                          # x1 AND NOT x2
])
def test_mcculloch_pitts_truth_tables(weights, threshold, table):
    out = mcculloch_pitts(TRUTH, weights, threshold)
    assert out.dtype.kind == "i"
    np.testing.assert_array_equal(out, table)


def test_mcculloch_pitts_not_and_single_case():
    np.testing.assert_array_equal(mcculloch_pitts([[0], [1]], [-1], 0), [1, 0])     # NOT
    assert mcculloch_pitts([1, 1], [1, 1], 2) == 1 and mcculloch_pitts([1, 0], [1, 1], 2) == 0
    assert isinstance(mcculloch_pitts([1, 1], [1, 1], 2), int)
    assert mcculloch_pitts([0.5, 0.5], [1, 1], 1.0) == 1                 # net == T fires


def test_rule_traced_by_hand_on_and():
    # In order, from w = 0, b = 0, eta = 1: the epochs make 2, 3, 3, 2, 1, 0 mistakes.
    p = Perceptron(shuffle=False).fit(TRUTH, AND)
    assert p.errors_ == [2, 3, 3, 2, 1, 0]
    np.testing.assert_array_equal(p.w_, [2.0, 1.0])
    assert p.b_ == -3.0 and p.converged_ and p.n_epochs_ == 6
    np.testing.assert_array_equal(p.weights_path_[0][0], [1.0, 1.0])
    assert p.weights_path_[0][1] == 0.0
    np.testing.assert_array_equal(p.net_input(TRUTH), [-3.0, -2.0, -1.0, 0.0])


@pytest.mark.parametrize("X, labels", [(TRUTH, AND), (TRUTH, OR), ([[0], [1]], [1, 0])])
@pytest.mark.parametrize("init", ["zeros", "random"])
def test_learns_and_or_not(X, labels, init):
    p = Perceptron(eta=0.5, init=init, random_state=1).fit(X, labels)
    assert p.converged_ and p.errors_[-1] == 0 and min(p.errors_[:-1], default=1) > 0
    np.testing.assert_array_equal(p.predict(X), labels)
    assert p.score(X, labels) == 1.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_converges_on_separable_data(seed):
    X, y = separable(seed=seed)
    assert 0.2 < y.mean() < 0.8                          # both classes present
    p = Perceptron(max_epochs=1000, random_state=seed).fit(X, y)
    assert p.converged_ and p.score(X, y) == 1.0
    assert p.n_epochs_ == len(p.errors_) == len(p.weights_path_) and p.errors_[-1] == 0
    np.testing.assert_array_equal(p.weights_path_[-1][0], p.w_)
    assert p.weights_path_[-1][1] == p.b_
    assert p.weights_path_[-1][0] is not p.w_                  # copies, not the live array
    X_new, y_new = separable(n=500, margin=0.1, seed=seed + 10)
    assert p.score(X_new, y_new) > 0.9


def test_never_converges_on_xor():
    with warnings.catch_warnings():
        warnings.simplefilter("error")                    # failing is silent
        for shuffle in (True, False):
            p = Perceptron(max_epochs=200, shuffle=shuffle).fit(TRUTH, XOR)
            assert not p.converged_ and p.n_epochs_ == 200 == len(p.weights_path_)
            assert min(p.errors_) > 0
            assert p.score(TRUTH, XOR) < 1.0


def test_same_seed_same_run_and_seed_matters():
    X, y = separable(n=80, seed=3)
    runs = [Perceptron(init="random", random_state=s).fit(X, y) for s in (3, 3, 4)]
    np.testing.assert_array_equal(runs[0].w_, runs[1].w_)
    assert runs[0].b_ == runs[1].b_ and runs[0].errors_ == runs[1].errors_
    assert not np.array_equal(runs[0].weights_path_[0][0], runs[2].weights_path_[0][0])
    gen = Perceptron(random_state=np.random.default_rng(3)).fit(X, y)
    assert gen.converged_


def test_eta_only_scales_weights_from_zero():
    X, y = separable(n=100, seed=5)
    a = Perceptron(eta=1.0, random_state=2).fit(X, y)
    b = Perceptron(eta=0.1, random_state=2).fit(X, y)
    assert a.errors_ == b.errors_
    np.testing.assert_allclose(b.w_, 0.1 * a.w_, rtol=1e-12, atol=1e-14)
    assert b.b_ == pytest.approx(0.1 * a.b_, abs=1e-12)


def test_fit_returns_self_and_keeps_hyperparameters():
    p = Perceptron(eta=2, max_epochs=7, shuffle=False, random_state=5, init="zeros")
    assert p.fit(TRUTH, OR) is p
    assert (p.eta, p.max_epochs, p.shuffle, p.random_state, p.init) == (2, 7, False, 5, "zeros")
    assert isinstance(p.b_, float) and p.w_.shape == (2,)


# ------------------------------------------- the rule traced, Novikoff, threshold networks
def test_novikoff_bound_by_hand_and_holds():
    R, gamma, bound = novikoff_bound(BOUND_X, BOUND_Y, [1.0, 1.0], 0.0)
    assert R == pytest.approx(np.sqrt(11)) and gamma == pytest.approx(np.sqrt(2))
    assert bound == pytest.approx(5.5)
    X, y, (u, c) = data.linearly_separable(n=100, margin=0.1, random_state=0,
                                           return_line=True)
    _, gamma, bound = novikoff_bound(X, y, u, c)
    assert gamma >= 0.1 / np.linalg.norm(np.append(u, c)) - 1e-12
    for seed in range(5):
        p = Perceptron(max_epochs=1000, random_state=seed).fit(X, y)
        assert p.converged_ and sum(p.errors_) <= bound
    # the scale of (w*, b*) does not matter
    assert novikoff_bound(X, y, 3 * u, 3 * c)[2] == pytest.approx(bound)


def test_novikoff_bound_rejects_a_non_separating_line():
    with pytest.raises(ValueError, match="does not separate"):
        novikoff_bound(TRUTH, [0, 1, 1, 0], [1.0, 1.0], -1.0)
    with pytest.raises(ValueError, match="all zero"):
        novikoff_bound(TRUTH, [0, 0, 0, 1], [0.0, 0.0], 0.0)


@pytest.mark.parametrize("eta", [1.0, 0.1])
def test_rule_trace_matches_the_package_perceptron(eta):
    X, y = SEPARABLE_30
    tr = rule_trace(X, y, eta=eta)
    p = Perceptron(eta=eta, shuffle=False).fit(X, y)
    assert tr["errors"] == p.errors_ and tr["converged"]
    assert len(tr["index"]) == sum(p.errors_) == len(tr["w"]) - 1
    np.testing.assert_allclose(tr["w"][-1], p.w_)
    assert tr["b"][-1] == pytest.approx(p.b_)
    np.testing.assert_array_equal(tr["w"][0], [0.0, 0.0])
    # one loop: the perceptron's weights after each epoch are exactly the trace's weights
    # after that epoch's last update
    for (w_e, b_e), k in zip(p.weights_path_, np.cumsum(tr["errors"]), strict=True):
        np.testing.assert_array_equal(w_e, tr["w"][k])
        assert b_e == tr["b"][k]
    assert p.converged_ is True and not hasattr(p, "history_")
    # each update is w <- w + eta (y - y_hat) x on the point that triggered it
    for k, i in enumerate(tr["index"]):
        sign = 1 if y[i] == 1 else -1
        np.testing.assert_allclose(tr["w"][k + 1] - tr["w"][k], eta * sign * X[i])
        wrong_before = int(X[i] @ tr["w"][k] + tr["b"][k] >= 0) != y[i]
        assert wrong_before


def test_eta_only_rescales_from_zero():
    X, y = SEPARABLE_30
    a, b = rule_trace(X, y, eta=1.0), rule_trace(X, y, eta=0.1)
    np.testing.assert_allclose(b["w"], 0.1 * a["w"])
    np.testing.assert_array_equal(a["index"], b["index"])


def test_rule_trace_on_xor_never_converges():
    tr = rule_trace(TRUTH, [0, 1, 1, 0], max_epochs=30)
    assert not tr["converged"] and len(tr["errors"]) == 30 and min(tr["errors"]) > 0


def test_count_mistakes():
    assert count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1], -2) == 0
    assert count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1], -1) == 2
    with pytest.raises(ValueError, match="w has 3 entries"):
        count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1, 1], 0)


def test_unit_accuracy_is_the_share_right_and_the_perceptron_scores_with_it():
    assert unit_accuracy(TRUTH, [0, 0, 0, 1], [1, 1], -2) == 1.0
    assert unit_accuracy(TRUTH, [0, 0, 0, 1], [1, 1], -1) == 0.5        # 2 of 4 wrong
    X, y = data.linearly_separable(n=50, margin=0.0, random_state=3)
    w, b = np.array([0.3, -1.0]), 0.2
    assert unit_accuracy(X, y, w, b) == np.mean((X @ w + b >= 0) == y)   # bitwise
    p = Perceptron(max_epochs=1).fit(X, y)
    assert p.score(X, y) == unit_accuracy(X, y, p.w_, p.b_)
    with pytest.raises(ValueError, match="labels 0 or 1"):
        unit_accuracy(TRUTH, [0, 0, 0, 2], [1, 1], 0)


def test_threshold_network_computes_xor():
    H, out = threshold_network(TRUTH, XOR_HIDDEN, XOR_OUTPUT)
    np.testing.assert_array_equal(H[:, 0], [0, 1, 1, 1])        # OR
    np.testing.assert_array_equal(H[:, 1], [1, 1, 1, 0])        # NAND
    np.testing.assert_array_equal(out, [0, 1, 1, 0])
    with pytest.raises(ValueError, match="thresholds"):
        threshold_network(TRUTH, {"weights": np.ones((2, 2)), "thresholds": [1.0]}, XOR_OUTPUT)


def test_mp_unit_1943_and_its_weighted_generalisation():
    np.testing.assert_array_equal(mp_unit_1943(TRUTH, [0, 1], [], 2), [0, 0, 0, 1])
    np.testing.assert_array_equal(mp_unit_1943(TRUTH, [0, 1], [], 1), [0, 1, 1, 1])
    np.testing.assert_array_equal(mp_unit_1943(TRUTH, [], [1], 0), [1, 0, 1, 0])
    np.testing.assert_array_equal(mp_unit_1943(TRUTH, [0], [1], 1), [0, 0, 1, 0])
    # three inputs: one inhibitory input vetoes however many excitatory ones are on
    X3 = np.array(list(itertools.product([0, 1], repeat=3)))
    out = mp_unit_1943(X3, [0, 1], [2], 1)
    np.testing.assert_array_equal(out, ((X3[:, 0] + X3[:, 1] >= 1) & (X3[:, 2] == 0)).astype(int))
    np.testing.assert_array_equal(out, mcculloch_pitts(X3, [1, 1, -3], 1))
    with pytest.raises(ValueError, match="0/1"):
        mp_unit_1943([[0.5, 1]], [0], [], 1)
    with pytest.raises(ValueError, match="outside"):
        mp_unit_1943(TRUTH, [2], [], 1)


def test_rule_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="labels 0 or 1"):
        rule_trace(TRUTH, [0, 0, 0, 2])
    with pytest.raises(ValueError, match="eta must be > 0"):
        rule_trace(TRUTH, [0, 0, 0, 1], eta=0.0)
    with pytest.raises(ValueError, match="one label per row"):
        count_mistakes(TRUTH, [0, 1], [1, 1], 0)


def test_perceptron_rule_is_one_step_of_the_book_equation():
    w, b = np.array([1.0, -2.0]), 0.5
    x = np.array([1.0, 1.0])                                  # z = -0.5: y_hat = 0
    w1, b1, delta = perceptron_rule(w, b, x, 1, 0.5)
    assert delta == 1
    np.testing.assert_array_equal(w1, [1.5, -1.5])            # w + eta (y - y_hat) x
    assert b1 == 1.0 and w[0] == 1.0                          # the input is not changed
    w2, b2, delta = perceptron_rule(w, b, x, 0, 0.5)          # right: nothing moves
    assert delta == 0 and w2 is w and b2 == b
    _, _, delta = perceptron_rule(np.zeros(2), 0.0, x, 0, 1.0)   # z = 0 predicts 1
    assert delta == -1


def test_check_binary_data():
    X, y = check_binary_data([[0, 1], [1, 0]], [True, False])
    assert X.dtype == np.float64 and y.dtype == np.int64 and y.tolist() == [1, 0]
    with pytest.raises(ValueError, match="got 2; map other labels"):
        check_binary_data(TRUTH, [0, 1, 2, 0])


NOT_FITTED = Perceptron()
FITTED = Perceptron().fit(TRUTH, AND)


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: mcculloch_pitts(TRUTH, [1, 1, 1], 1), ValueError,
     "inputs has 2 values per case but weights has 3"),
    (lambda: mcculloch_pitts(np.ones((2, 2, 2)), [1, 1], 1), ValueError, "inputs must be"),
    (lambda: mcculloch_pitts(TRUTH, [[1, 1]], 1), ValueError, "weights must be 1-dim"),
    (lambda: mcculloch_pitts(TRUTH, [1, np.nan], 1), ValueError, "weights contains NaN"),
    (lambda: mcculloch_pitts(TRUTH, [1, 1], float("nan")), ValueError, "threshold must be finite"),
    (lambda: mcculloch_pitts(TRUTH, [1, 1], "2"), TypeError, "threshold must be a real"),
    (lambda: Perceptron().fit(TRUTH, [0, 1, 2, 0]), ValueError, "y must hold labels 0 or 1"),
    (lambda: Perceptron().fit(TRUTH, [-1, 1, 1, -1]), ValueError, "y must hold labels 0 or 1"),
    (lambda: Perceptron().fit(TRUTH, [0, 1]), ValueError, "y must be 1-D with one label per row"),
    (lambda: Perceptron().fit(TRUTH, [[0], [1], [1], [0]]), ValueError, "y must be 1-D"),
    (lambda: Perceptron().fit([0, 1, 1], [0, 1, 1]), ValueError, "X must be 2-dimensional"),
    (lambda: Perceptron().fit([[0.0, np.inf]], [1]), ValueError, "X contains infinite"),
    (lambda: Perceptron().fit(np.empty((0, 2)), []), ValueError, "X must hold at least one"),
    (lambda: Perceptron(eta=0).fit(TRUTH, XOR), ValueError, "eta must be > 0"),
    (lambda: Perceptron(eta="1").fit(TRUTH, XOR), TypeError, "eta must be a real"),
    (lambda: Perceptron(max_epochs=0).fit(TRUTH, XOR), ValueError, "max_epochs must be >= 1"),
    (lambda: Perceptron(max_epochs=2.5).fit(TRUTH, XOR), TypeError, "max_epochs must be an int"),
    (lambda: Perceptron(init="ones").fit(TRUTH, XOR), ValueError, "init must be"),
    (lambda: Perceptron(random_state="a").fit(TRUTH, XOR), TypeError, "random_state must be"),
    (lambda: Perceptron(random_state=-1).fit(TRUTH, XOR), ValueError, "random_state must be"),
    (lambda: NOT_FITTED.predict(TRUTH), RuntimeError, r"call fit\(X, y\) first"),
    (lambda: NOT_FITTED.net_input(TRUTH), RuntimeError, "not fitted"),
    (lambda: NOT_FITTED.score(TRUTH, AND), RuntimeError, "not fitted"),
    (lambda: FITTED.predict(np.ones((2, 3))), ValueError,
     "X has 3 features but the perceptron was fitted with 2"),
    (lambda: FITTED.predict([1, 1]), ValueError, "X must be 2-dimensional"),
    (lambda: FITTED.score(TRUTH, [0, 1, 1]), ValueError, "y must be 1-D"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
