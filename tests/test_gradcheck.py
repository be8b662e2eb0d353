import numpy as np
import pytest

from nnbook.gradcheck import numerical_gradient, relative_error


def test_central_difference_on_the_lectures_examples():
    # g(x) = x^2 + 3 has g'(5) = 10; g(x, y) = x^2 y has grad (2xy, x^2) = (0.5, 0.25) at (.5, .5)
    assert numerical_gradient(lambda x: x[0] ** 2 + 3, np.array([5.0]))[0] == pytest.approx(10)
    g = numerical_gradient(lambda v: v[0] ** 2 * v[1], np.array([0.5, 0.5]))
    np.testing.assert_allclose(g, [0.5, 0.25], rtol=1e-9)


def test_point_is_not_modified_and_shape_kept():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.sum(v ** 3)), x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-8, atol=1e-8)


def test_relative_error_scale_and_zero():
    assert relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert relative_error(np.array([100.0]), np.array([101.0])) == pytest.approx(1 / 101)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_bad_arguments():
    with pytest.raises(TypeError, match="f must be callable"):
        numerical_gradient(3, np.ones(2))
    with pytest.raises(ValueError, match="eps must be > 0"):
        numerical_gradient(np.sum, np.ones(2), eps=0)
    with pytest.raises(ValueError, match="a has shape"):
        relative_error(np.ones(2), np.ones(3))


def test_per_entry_error_sees_a_small_wrong_entry():
    from nnbook.gradcheck import relative_error_entries
    good = np.array([10.0, 1e-3])
    bad = np.array([10.0, 2e-3])           # the small entry is off by a factor 2
    assert relative_error(good, bad) < 1e-3                     # diluted by the block's max
    np.testing.assert_allclose(relative_error_entries(good, bad), [0.0, 0.5])
    assert relative_error_entries(np.zeros(2), np.zeros(2)).tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="a has shape"):
        relative_error_entries(np.ones(2), np.ones(3))


def test_gradient_check_finds_the_wrong_block_and_restores_params():
    from nnbook.gradcheck import gradient_check
    W, b = np.array([[1.0, -2.0], [0.5, 3.0]]), np.array([0.3, -0.1])
    x = np.array([0.7, -1.2])

    def loss():
        return float(np.sum(np.tanh(W @ x + b) ** 2))

    t = np.tanh(W @ x + b)
    delta = 2 * t * (1 - t ** 2)
    before = (W.copy(), b.copy())
    good = gradient_check(loss, [W, b], [np.outer(delta, x), delta])
    bad = gradient_check(loss, [W, b], [np.outer(x, delta), delta])    # a missing transpose
    np.testing.assert_array_equal(W, before[0])
    np.testing.assert_array_equal(b, before[1])
    assert max(e.max() for e in good) < 1e-7
    assert bad[0].max() > 1e-2 and bad[1].max() < 1e-7
    with pytest.raises(TypeError, match="loss must be callable"):
        gradient_check(3, [W], [W])


def test_finite_difference_errors_orders():
    from nnbook.gradcheck import finite_difference_errors
    hs = np.array([1e-2, 1e-3])
    fwd, cen = finite_difference_errors(np.exp, np.exp, 0.0, hs)
    assert fwd[0] / fwd[1] == pytest.approx(10, rel=0.05)     # O(h)
    assert cen[0] / cen[1] == pytest.approx(100, rel=0.05)    # O(h^2)
    # round-off: at h = 1e-13 the central quotient is far worse than at h = 1e-5
    _, cen = finite_difference_errors(np.exp, np.exp, 1.0, [1e-5, 1e-13])
    assert cen[1] > 100 * cen[0]


@pytest.mark.parametrize("args, exc, msg", [
    ((np.exp, np.exp, 0.0, [0.0]), ValueError, "positive"),
    ((np.exp, np.exp, 0.0, [[1e-3]]), ValueError, "hs must be 1-dimensional"),
    (("exp", np.exp, 0.0, [1e-3]), TypeError, "callables"),
    ((np.exp, np.exp, "0", [1e-3]), TypeError, "x0 must be a real number"),
])
def test_finite_difference_errors_rejects_bad_input(args, exc, msg):
    from nnbook.gradcheck import finite_difference_errors
    with pytest.raises(exc, match=msg):
        finite_difference_errors(*args)
