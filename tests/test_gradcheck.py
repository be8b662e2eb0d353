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
