import numpy as np
import pytest

from nnbook.data import linearly_separable, xor
from nnbook.perceptron import Perceptron, mcculloch_pitts

TRUTH = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def test_mcculloch_pitts_logic_gates():
    np.testing.assert_array_equal(mcculloch_pitts(TRUTH, [1, 1], 2), [0, 0, 0, 1])   # AND
    np.testing.assert_array_equal(mcculloch_pitts(TRUTH, [1, 1], 1), [0, 1, 1, 1])   # OR
    np.testing.assert_array_equal(mcculloch_pitts([[0], [1]], [-1], 0), [1, 0])      # NOT
    assert mcculloch_pitts([1, 1], [1, 1], 2) == 1


@pytest.mark.parametrize("labels", [[0, 0, 0, 1], [0, 1, 1, 1]])
def test_perceptron_learns_and_or(labels):
    p = Perceptron(eta=0.5).fit(TRUTH, labels)
    assert p.converged_ and p.errors_[-1] == 0
    np.testing.assert_array_equal(p.predict(TRUTH), labels)


def test_perceptron_converges_on_separable_data():
    X, y = linearly_separable(n=300, margin=0.05, random_state=2)
    p = Perceptron(max_epochs=500).fit(X, y)
    assert p.converged_ and p.score(X, y) == 1.0
    assert len(p.history_) == p.n_epochs_ == len(p.errors_)


def test_perceptron_never_converges_on_xor():
    p = Perceptron(max_epochs=200).fit(TRUTH, [0, 1, 1, 0])
    assert not p.converged_ and min(p.errors_) > 0 and p.n_epochs_ == 200
    X, y = xor(n=100, noise=0.0)
    assert not Perceptron(max_epochs=100).fit(X, y).converged_


def test_same_seed_same_run():
    X, y = linearly_separable(n=80, random_state=1)
    a = Perceptron(init="random", random_state=3).fit(X, y)
    b = Perceptron(init="random", random_state=3).fit(X, y)
    np.testing.assert_array_equal(a.w_, b.w_)
    assert a.b_ == b.b_ and a.errors_ == b.errors_


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: mcculloch_pitts(TRUTH, [1, 1, 1], 1), ValueError, "weights has 3"),
    (lambda: mcculloch_pitts(TRUTH, [1, 1], float("nan")), ValueError, "threshold must be finite"),
    (lambda: Perceptron().fit(TRUTH, [0, 1, 2, 0]), ValueError, "labels 0 or 1"),
    (lambda: Perceptron().fit(TRUTH, [0, 1]), ValueError, "one label per row"),
    (lambda: Perceptron(eta=0).fit(TRUTH, [0, 1, 1, 0]), ValueError, "eta must be > 0"),
    (lambda: Perceptron(max_epochs=0).fit(TRUTH, [0, 1, 1, 0]), ValueError, "max_epochs"),
    (lambda: Perceptron(init="ones").fit(TRUTH, [0, 1, 1, 0]), ValueError, "init must be"),
    (lambda: Perceptron().predict(TRUTH), RuntimeError, "call fit"),
    (lambda: Perceptron().fit(TRUTH, [0, 0, 0, 1]).predict(np.ones((2, 3))), ValueError,
     "X has 3 features but the perceptron was fitted with 2"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
