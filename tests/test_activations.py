import numpy as np
import pytest

from nnbook import activations as A
from nnbook.gradcheck import numerical_gradient, relative_error

SMOOTH = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu"]
# points away from the kinks at 0 (relu, leaky_relu, elu) so central differences are exact
Z = np.array([-4.1, -2.3, -0.7, -0.05, 0.03, 0.4, 1.9, 3.7])


@pytest.mark.parametrize("name", SMOOTH)
def test_derivative_matches_central_differences(name):
    f, df = A.get(name)
    num = numerical_gradient(lambda z: float(np.sum(f(z))), Z)
    assert relative_error(df(Z), num) < 1e-7


def test_known_values_and_conventions():
    np.testing.assert_array_equal(A.step([-1.0, 0.0, 2.0]), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(A.sign([-3.0, 0.0, 2.0]), [-1.0, 0.0, 1.0])
    assert A.sigmoid(0.0) == 0.5
    np.testing.assert_allclose(A.leaky_relu([-2.0, 3.0]), [-0.2, 3.0])
    np.testing.assert_allclose(A.elu([-1.0]), [np.exp(-1) - 1])
    assert A.relu_grad(0.0) == 0.0
    assert float(np.max(A.sigmoid_grad(np.linspace(-6, 6, 1001)))) == pytest.approx(0.25)


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(A.tanh(z), 2 * A.sigmoid(2 * z) - 1, atol=1e-15)


def test_sigmoid_is_stable_for_huge_inputs():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = A.sigmoid(np.array([-1e4, -800.0, 800.0, 1e4]))
    np.testing.assert_array_equal(out, [0.0, 0.0, 1.0, 1.0])


def test_step_and_sign_have_zero_gradient():
    assert not np.any(A.step_grad(Z)) and not np.any(A.sign_grad(Z))


def test_maxout_takes_the_largest_piece():
    W = np.array([[1.0, 0.0], [0.0, 1.0]])
    b = np.array([0.0, 0.5])
    np.testing.assert_allclose(A.maxout(np.array([[2.0, 1.0], [0.0, 0.0]]), W, b), [2.0, 0.5])


def test_float32_stays_float32():
    z = np.linspace(-2, 2, 5, dtype=np.float32)
    for name in SMOOTH:
        f, df = A.get(name)
        assert f(z).dtype == np.float32 and df(z).dtype == np.float32, name


@pytest.mark.parametrize("bad, exc, msg", [
    ([np.nan], ValueError, "z contains NaN"),
    (["a"], TypeError, "z must hold numbers"),
    ([1 + 2j], TypeError, "complex"),
])
def test_bad_input_is_named(bad, exc, msg):
    with pytest.raises(exc, match=msg):
        A.relu(bad)


def test_unknown_activation_lists_the_choices():
    with pytest.raises(ValueError, match="unknown activation 'swish'.*relu"):
        A.get("swish")


def test_maxout_grad_is_the_winning_piece_and_matches_differences():
    W, b = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]), np.array([0.0, 0.5, 0.0])
    x = np.array([[2.0, 1.0], [0.0, 0.0], [-3.0, -1.0]])     # pieces 0, 1, 2 win
    np.testing.assert_array_equal(A.maxout_grad(x, W, b), W[[0, 1, 2]])
    np.testing.assert_array_equal(A.maxout_grad(x[0], W, b), W[0])
    f = lambda v: A.maxout(v, W, b)  # noqa: E731
    for row in x:
        np.testing.assert_allclose(A.maxout_grad(row, W, b), numerical_gradient(f, row.copy()),
                                   atol=1e-6)
    # a tie goes to the first piece
    np.testing.assert_array_equal(A.maxout_grad(np.array([1.0, 1.0]), W[:2], np.zeros(2)), W[0])
    with pytest.raises(ValueError, match="pieces"):
        A.maxout_grad(np.ones(2), np.ones((2, 2)), np.ones(3))


def test_maxout_shape_errors():
    with pytest.raises(ValueError, match="x has 3 features but W expects 2"):
        A.maxout(np.ones(3), np.ones((2, 2)), np.ones(2))
    with pytest.raises(ValueError, match="W has 2 pieces but b has 3"):
        A.maxout(np.ones(2), np.ones((2, 2)), np.ones(3))


# ------------------------------------------------------------- modern smooth units
MODERN_Z = np.array([-6.0, -2.3, -0.7, -0.05, 0.0, 0.03, 0.4, 1.9, 3.7, 8.0])


@pytest.mark.parametrize("name", A.MODERN)
def test_modern_derivatives_match_central_differences(name):
    f, df = A.get(name)
    num = numerical_gradient(lambda z: float(np.sum(f(z))), MODERN_Z)
    assert relative_error(df(MODERN_Z), num) < 1e-7


def test_modern_units_known_values():
    z = np.array([-30.0, -1.0, 0.0, 1.0, 30.0])
    sig = A.sigmoid(z)
    np.testing.assert_allclose(A.softplus(z), np.log1p(np.exp(z)), rtol=1e-12)
    np.testing.assert_allclose(A.softplus_grad(z), sig)
    np.testing.assert_allclose(A.silu(z), z * sig)
    # GELU: z * Phi(z); Phi(1) = 0.841344746..., Phi(-1) = 1 - Phi(1)
    np.testing.assert_allclose(A.gelu(np.array([-1.0, 0.0, 1.0])),
                               [-0.15865525393145707, 0.0, 0.8413447460685429], rtol=1e-12)
    assert A.gelu_grad(0.0) == 0.5 and A.silu_grad(0.0) == 0.5


def test_modern_units_approach_relu_far_from_zero():
    z = np.array([-40.0, 40.0])
    for name in A.MODERN:
        np.testing.assert_allclose(A.get(name)[0](z), A.relu(z), atol=1e-12)


def test_softplus_does_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        out = A.softplus(np.array([-1000.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 1000.0])


def test_modern_float32_stays_float32():
    z = np.linspace(-2, 2, 5, dtype=np.float32)
    for name in A.MODERN:
        f, df = A.get(name)
        assert f(z).dtype == np.float32 and df(z).dtype == np.float32, name


def test_modern_units_are_not_in_the_classic_names():
    assert not set(A.MODERN) & set(A.NAMES)
