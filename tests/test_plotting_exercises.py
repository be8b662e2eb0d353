import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import MLP, plotting
from nnbook.exercises import check_array, check_choice, check_function, check_number


def test_palette_is_colour_blind_safe_okabe_ito():
    assert plotting.PALETTE["blue"] == "#0072B2" and plotting.PALETTE["vermillion"] == "#D55E00"
    assert len(set(plotting.MARKERS)) == len(plotting.MARKERS)


def test_decision_boundary_and_points_draw_on_axes():
    X = np.random.default_rng(0).standard_normal((40, 2))
    y = (X[:, 0] > 0).astype(int)
    net = MLP([2, 4, 2], random_state=0).fit(X, y, epochs=20, lr=0.5)
    ax = plotting.plot_decision_boundary(lambda G: net.predict_proba(G)[:, 1], X, y)
    assert ax.get_xlabel() == "$x_1$" and len(ax.collections) >= 2   # contour + scatter
    markers = {c.get_paths()[0].vertices.shape for c in ax.collections[-2:]}
    assert len(markers) == 2          # the two classes use different marker shapes
    plt.close("all")


def test_network_and_digits():
    ax = plotting.draw_network([np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[1.0, 1.0]])])
    assert len(ax.lines) == 6
    ax = plotting.digit_grid(np.random.default_rng(0).random((12, 784)), labels=range(12),
                             ncols=6)
    assert ax.images[0].get_array().shape == (60, 180)
    plt.close("all")


def test_checkers_say_why():
    assert check_number(0.5, 0.5)
    fb = check_number(-0.5, 0.5)
    assert not fb and "sign is flipped" in fb.message
    assert "single number" in check_number("x", 1.0).message
    fb = check_array(np.ones((3, 2)), np.ones((2, 3)))
    assert not fb and "transposed" in fb.message
    fb = check_array([1.0, 2.0, 3.5], [1.0, 2.0, 3.0])
    assert not fb and "1 of 3 entries" in fb.message and "(2,)" in fb.message
    assert check_function(np.tanh, np.tanh, [0.0, 1.0])
    fb = check_function(lambda x: 1 / 0, np.tanh, [0.0])
    assert not fb and "ZeroDivisionError" in fb.message
    assert check_choice("relu", "relu") and not check_choice("tanh", "relu")
    assert "Correct" in repr(check_number(1.0, 1.0))


@pytest.mark.parametrize("val", [float("nan"), float("inf")])
def test_non_finite_answers(val):
    assert not check_number(val, 1.0)
