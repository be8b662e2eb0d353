"""Chapter 6: the panels, the recorded training run and the exercise checkers."""

import functools

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import MLP, activations
from nnbook.approximation import hat_network, max_error, step_network, tent
from nnbook.chapters import ch06_universal as chapter
from nnbook.data import checkerboard
from nnbook.exercises import ch6

relu = activations.relu


# ------------------------------------------------------------------------- panels
def _labelled(fig):
    assert isinstance(fig, plt.Figure)
    for ax in fig.axes:
        if ax.get_visible():
            assert ax.get_ylabel(), "every axis needs a label"
    assert fig.axes[0].get_xlabel()
    plt.close(fig)


@pytest.mark.parametrize("params", [{}, {"s1": -2.0, "s2": 1.5, "w": 40.0, "h": 0.5},
                                    {"s1": 0.0, "s2": 0.5, "w": 2.0, "h": 1.0}])
def test_bump_builder(params):
    _labelled(chapter.bump_builder(**params))


def test_bump_builder_title_reports_the_peak():
    fig = chapter.bump_builder(s1=-1.0, s2=0.5, w=2.0, h=1.0)
    assert "peak 0.635" in fig.axes[0].get_title()
    plt.close(fig)


def test_bump_builder_moves_its_curves_and_box():
    panel = chapter.bump_builder
    fig = panel(s1=-2.0, s2=1.5, w=8.0, h=0.5)
    assert panel(s1=-1.0, s2=0.5, w=2.0, h=1.0) is fig           # one figure, updated in place
    ax = fig.axes[0]
    assert len(ax.lines) == 3 and len(ax.collections) == 1
    x = ax.lines[0].get_xdata()
    up, down = activations.sigmoid(2.0 * (x + 1.0)), activations.sigmoid(2.0 * (x - 0.5))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), up)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), down)
    np.testing.assert_allclose(ax.lines[2].get_ydata(), up - down)
    box = panel.box.get_paths()[0].get_extents()
    assert panel.box.get_visible()
    assert (box.x0, box.x1, box.y0, box.y1) == pytest.approx((-1.0, 0.5, 0.0, 1.0))
    panel(s1=0.0, s2=0.0, w=8.0, h=1.0)                          # no interval: no ideal box
    assert not panel.box.get_visible()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["step at s1", "step at s2",
                                                                    "bump"]


@pytest.mark.parametrize("kind", ["ReLU hats", "sigmoid steps"])
@pytest.mark.parametrize("target", list(chapter.TARGETS))
@pytest.mark.parametrize("n", [2, 16])
def test_units_approximation(kind, target, n):
    fig = chapter.units_approximation(n_units=n, kind=kind, target=target)
    ax = fig.axes[0]
    f = chapter.TARGETS[target]
    net = hat_network(f, n) if kind == "ReLU hats" else step_network(f, n + 1)
    x = ax.lines[1].get_xdata()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), f(x))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), net.predict(x[:, None]))
    assert ax.get_title() == f"{n} {kind}: max error {max_error(net, f):.3f}"
    gap = chapter.units_approximation.gap.get_paths()[0].get_extents()   # the shaded error
    lo, hi = np.minimum(f(x), net.predict(x[:, None])), np.maximum(f(x), net.predict(x[:, None]))
    assert (gap.y0, gap.y1) == pytest.approx((lo.min(), hi.max()))
    _labelled(fig)


@pytest.mark.parametrize("kwargs, msg", [({"kind": "splines"}, "kind"),
                                         ({"target": "cos"}, "target"),
                                         ({"n_units": 0}, "n_units")])
def test_units_approximation_validates(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        chapter.units_approximation(**kwargs)


@pytest.mark.parametrize("kwargs, exc, msg", [({"w": "steep"}, TypeError, "w must be a real"),
                                              ({"s1": np.nan}, ValueError, "s1 must be finite")])
def test_bump_builder_validates(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        chapter.bump_builder(**kwargs)
    assert chapter.TARGETS is ch6.TARGETS                      # one definition, re-exported


def test_recorded_run_learns_the_spiral_and_panel_draws_every_epoch():
    run = chapter.record_run()
    assert sorted(run["snapshots"]) == list(chapter.RUN_EPOCHS)
    assert len(run["loss"]) == len(run["accuracy"]) == 501
    assert run["accuracy"][0] < 0.7 and run["accuracy"][-1] > 0.95
    assert run["loss"][-1] < 0.3 * run["loss"][0]
    for epoch in (0, 100, 500):
        _labelled(chapter.training_epoch(epoch))
    with pytest.raises(ValueError, match="epoch"):
        chapter.training_epoch(7)


def test_training_epoch_shows_one_recorded_epoch_at_a_time():
    panel, run = chapter.training_epoch, chapter.record_run()
    fig = panel(epoch=500)
    n_artists = len(fig.axes[0].get_children())
    assert panel(epoch=100) is fig
    assert len(fig.axes[0].get_children()) == n_artists          # nothing added per update
    visible = [e for e, artists in panel.bands.items() if artists[0].get_visible()]
    assert visible == [100]
    assert all(a.get_visible() for a in panel.bands[100])
    assert fig.axes[0].get_title() == f"epoch 100: training accuracy {run['accuracy'][100]:.2f}"
    np.testing.assert_allclose(panel.loss.get_ydata(), run["loss"][:101])
    np.testing.assert_allclose(panel.accuracy.get_ydata(), run["accuracy"][:101])
    # the shown bands and 0.5 contour are those drawn afresh from the epoch-100 snapshot
    ax = chapter.draw_run_boundary(plt.figure().add_subplot(), 100)
    fresh = ax.collections[:len(panel.bands[100])]                # bands, then the points
    assert len(ax.collections) == len(fresh) + 2                  # one scatter per class
    for shown, drawn in zip(panel.bands[100], fresh, strict=True):
        for a, b in zip(shown.get_paths(), drawn.get_paths(), strict=True):
            np.testing.assert_array_equal(a.vertices, b.vertices)
    plt.close("all")
    with pytest.raises(ValueError, match="epoch"):
        panel(epoch=7)
    assert [e for e, artists in panel.bands.items() if artists[0].get_visible()] == [100]


# --------------------------------------------------------------------- checkers
def test_six_unit_checker():
    assert ch6.six_unit_value(-0.7)
    fb = ch6.six_unit_value(0.7)
    assert not fb and "sign" in fb.message
    assert not ch6.six_unit_value(-0.5)


def test_hat_checker():
    def hat(x):
        x = np.asarray(x, dtype=float)
        return 8 * (relu(x - 0.25) - 2 * relu(x - 0.5) + relu(x - 0.75))
    assert ch6.hat_function(hat)
    assert "68 test points" in ch6.hat_function(hat).message
    fb = ch6.hat_function(lambda x: relu(x - 0.25) - 2 * relu(x - 0.5) + relu(x - 0.75))
    assert not fb and "slopes" in fb.message


def test_bump_peak_checker():
    assert ch6.bump_peak(np.tanh(0.75))
    fb = ch6.bump_peak(1.0)
    assert not fb and "shallow" in fb.message
    assert not ch6.bump_peak(0.5)


def test_pieces_checker():
    assert ch6.pieces_needed(67)
    fb = ch6.pieces_needed(66)
    assert not fb and "more" in fb.message
    fb = ch6.pieces_needed(80)
    assert not fb and "smallest" in fb.message
    assert ch6.pieces_needed(67.0)                       # a whole float (np.ceil) counts
    assert ch6.pieces_needed(np.float64(67))
    fb = ch6.pieces_needed(66.6)
    assert not fb and "whole" in fb.message
    assert not ch6.pieces_needed(True)


def test_tent_checker_expects_one_unit_per_piece():
    assert ch6.tent_counts([32, 10, 32])
    fb = ch6.tent_counts([10, 10, 32])
    assert not fb and "doubles" in fb.message
    fb = ch6.tent_counts([32, 10, 31])                  # the kink count alone is not enough
    assert not fb and "parity" in fb.message
    assert not ch6.tent_counts([32, 10])
    assert ch6.tent_counts([8, 6, 8], k=3)


def test_tent_jump_checker():
    assert ch6.tent_jump(64)
    assert ch6.tent_jump(16, k=3)
    assert not ch6.tent_jump(32)
    assert ch6.tent_jump(-64)                            # jumps alternate: the size is 64
    assert not ch6.tent_jump(-32)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_one_hidden_layer_with_one_unit_per_kink_cannot_equal_the_tent(k):
    """The parity argument, checked by brute force: with 2^k - 1 ReLU units, one at each
    kink j / 2^k and each facing left or right, no choice of output weights reproduces
    T^k on the dyadic grid; with 2^k units (the hat interpolant) one does."""
    x = np.linspace(0, 1, 2 ** (k + 2) + 1)
    t = t_of(x, k)
    kinks = np.arange(1, 2 ** k) / 2 ** k
    best = np.inf
    for mask in range(2 ** kinks.size):
        sign = np.where([(mask >> i) & 1 for i in range(kinks.size)], 1.0, -1.0)
        A = np.column_stack([relu(s * (x - c)) for s, c in zip(sign, kinks)] + [np.ones_like(x)])
        coef = np.linalg.lstsq(A, t, rcond=None)[0]
        best = min(best, float(np.max(np.abs(A @ coef - t))))
    assert best > 1e-3
    target = functools.partial(t_of, k=k)
    assert max_error(hat_network(target, 2 ** k, 0.0, 1.0), target, 0.0, 1.0) < 1e-9


def t_of(u, k):
    """T^k by iterating the tent map."""
    u = np.asarray(u, dtype=float)
    for _ in range(k):
        u = tent(u)
    return u


def test_margin_losses_checker():
    # the exercise's point is on the wrong side (m = -1); chapter 3's was at m = +0.5
    assert ch6.margin_losses([4.0, 2.0, np.log1p(np.exp(1.0))])
    assert ch6.margin_losses([0.25, 0.5, np.log1p(np.exp(-0.5))], m=0.5)
    assert not ch6.margin_losses([4.0, 2.0, 2.0])
    fb = ch6.margin_losses([4.0, 2.0, np.log2(1 + np.exp(1.0))])
    assert not fb and "natural logarithm" in fb.message
    fb = ch6.margin_losses([0.0, 0.0, np.log1p(np.exp(-1.0))])     # the sign of m dropped
    assert not fb and "m = y s = -1" in fb.message and "wrong side" in fb.message


def test_budget_checker_counts_weights_and_biases():
    assert ch6.budget([187, 186])
    assert not ch6.budget([185, 186])
    assert ch6.budget([193, 17], wide=[1, 64, 1], deep=(2, 3, 2))     # 2*64+65; 3*3+4*2
    assert not ch6.budget([192, 17], wide=[1, 64, 1], deep=(2, 3, 2))


# ------------------------------------------------------------------ linear regions
def _relu_nets():
    return {(name, seed): MLP(sizes, activation="relu", random_state=seed)
            for name, sizes in [("wide", [2, 6, 2]), ("deep", [2, 3, 3, 2])] for seed in (0, 1)}


def test_linear_regions_panel_swaps_image_and_boundary():
    nets = _relu_nets()
    acc = {key: 0.5 for key in nets}
    X, y = checkerboard(n=60, random_state=0)
    panel = chapter.LinearRegions(nets, acc, X, y)
    fig = panel(network="wide", seed=1)
    assert panel(network="deep", seed=0) is fig
    visible = [key for key, cs in panel.contours.items() if cs.get_visible()]
    assert visible == [("deep", 0)]
    np.testing.assert_array_equal(panel.image.get_array(), panel.images["deep", 0])
    assert fig.axes[0].get_title().startswith(f"deep net, seed 0: {panel.counts['deep', 0]} linear")
    _labelled(fig)
    with pytest.raises(ValueError, match="seed"):
        panel(network="deep", seed=7)
