"""Chapter 6: the constructions, the panels and the exercise checkers."""

import functools

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import activations
from nnbook.exercises import ch6
from nnbook.panels import universal as U

relu = activations.relu
SIN = U.TARGETS["sin(3x)"]


# ------------------------------------------------------------------ constructions
def test_six_unit_network_is_the_lecture_sum():
    x = np.linspace(-3, 3, 121)
    n = [relu(w * x + b) for w, b, _ in U.SIX_UNITS]
    z = -n[0] - n[1] - n[2] + n[3] + n[4] + n[5]
    np.testing.assert_allclose(U.six_unit_network().predict(x[:, None]), z, atol=1e-12)
    assert U.six_unit_network().predict(np.array([[0.0]]))[0] == pytest.approx(-1.0)


def test_hat_network_interpolates_at_the_nodes_and_is_linear_between():
    net = U.hat_network(SIN, 10)
    t = np.linspace(-np.pi, np.pi, 11)
    np.testing.assert_allclose(net.predict(t[:, None]), SIN(t), atol=1e-12)
    mid = 0.5 * (t[:-1] + t[1:])
    np.testing.assert_allclose(net.predict(mid[:, None]), 0.5 * (SIN(t[:-1]) + SIN(t[1:])),
                               atol=1e-12)
    assert net.sizes == [1, 10, 1]


@pytest.mark.parametrize("build", [U.hat_network, U.step_network])
def test_error_shrinks_with_more_units_for_a_continuous_target(build):
    errs = [U.max_error(build(SIN, n), SIN) for n in (10, 40, 160)]
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 0.07


def test_error_stays_large_for_a_jump():
    f = U.TARGETS["jump at x=1"]
    assert U.max_error(U.hat_network(f, 200), f) > 0.4


def test_hats_beat_steps_second_order_vs_first_order():
    e_hat = [U.max_error(U.hat_network(SIN, n), SIN) for n in (40, 80)]
    e_step = [U.max_error(U.step_network(SIN, n), SIN) for n in (40, 80)]
    assert e_hat[0] / e_hat[1] == pytest.approx(4, rel=0.1)     # O(1/N^2)
    assert e_step[0] / e_step[1] == pytest.approx(2, rel=0.1)   # O(1/N)


def test_step_network_staircase_sits_at_midpoint_values():
    net = U.step_network(SIN, 8, sharpness=200.0)
    edges = np.linspace(-np.pi, np.pi, 9)
    mid = 0.5 * (edges[:-1] + edges[1:])
    np.testing.assert_allclose(net.predict(mid[:, None]), SIN(mid), atol=1e-6)
    assert net.sizes == [1, 7, 1]


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_tent_network_is_the_composed_tent_map_with_2_to_k_pieces(k):
    x = np.linspace(0, 1, 2 ** (k + 4) + 1)
    t = x.copy()
    for _ in range(k):
        t = U.tent(t)
    net = U.tent_network(k)
    np.testing.assert_allclose(net.predict(x[:, None]), t, atol=1e-12)
    assert U.count_pieces(lambda u: net.predict(u[:, None]), 0, 1, n=x.size) == 2 ** k
    assert sum(net.sizes[1:-1]) == 2 * k


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "4"])
def test_bad_piece_counts_are_refused(bad):
    with pytest.raises(ValueError, match="n_pieces"):
        U.hat_network(SIN, bad)


def test_bad_interval_is_refused():
    with pytest.raises(ValueError, match="a < b"):
        U.step_network(SIN, 4, a=1.0, b=0.0)


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
    _labelled(U.bump_builder(**params))


def test_bump_builder_title_reports_the_peak():
    fig = U.bump_builder(s1=-1.0, s2=0.5, w=2.0, h=1.0)
    assert "peak 0.635" in fig.axes[0].get_title()
    plt.close(fig)


def test_bump_builder_moves_its_curves_and_box():
    panel = U.bump_builder
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
@pytest.mark.parametrize("target", list(U.TARGETS))
@pytest.mark.parametrize("n", [2, 16])
def test_units_approximation(kind, target, n):
    fig = U.units_approximation(n_units=n, kind=kind, target=target)
    ax = fig.axes[0]
    f = U.TARGETS[target]
    net = U.hat_network(f, n) if kind == "ReLU hats" else U.step_network(f, n + 1)
    x = ax.lines[1].get_xdata()
    np.testing.assert_allclose(ax.lines[0].get_ydata(), f(x))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), net.predict(x[:, None]))
    assert ax.get_title() == f"{n} {kind}: max error {U.max_error(net, f):.3f}"
    gap = U.units_approximation.gap.get_paths()[0].get_extents()   # the shaded error
    lo, hi = np.minimum(f(x), net.predict(x[:, None])), np.maximum(f(x), net.predict(x[:, None]))
    assert (gap.y0, gap.y1) == pytest.approx((lo.min(), hi.max()))
    _labelled(fig)


@pytest.mark.parametrize("kwargs, msg", [({"kind": "splines"}, "kind"),
                                         ({"target": "cos"}, "target"),
                                         ({"n_units": 0}, "n_units")])
def test_units_approximation_validates(kwargs, msg):
    with pytest.raises(ValueError, match=msg):
        U.units_approximation(**kwargs)


def test_recorded_run_learns_the_spiral_and_panel_draws_every_epoch():
    run = U.record_run()
    assert sorted(run["snapshots"]) == list(U.RUN_EPOCHS)
    assert len(run["loss"]) == len(run["accuracy"]) == 501
    assert run["accuracy"][0] < 0.7 and run["accuracy"][-1] > 0.95
    assert run["loss"][-1] < 0.3 * run["loss"][0]
    for epoch in (0, 100, 500):
        _labelled(U.training_epoch(epoch))
    with pytest.raises(ValueError, match="epoch"):
        U.training_epoch(7)


def test_training_epoch_shows_one_recorded_epoch_at_a_time():
    panel, run = U.training_epoch, U.record_run()
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
    fresh = U._draw_bands(plt.figure().add_subplot(), 100)
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
    assert U.max_error(U.hat_network(target, 2 ** k, 0.0, 1.0), target, 0.0, 1.0) < 1e-9


def t_of(u, k):
    """T^k by iterating the tent map."""
    u = np.asarray(u, dtype=float)
    for _ in range(k):
        u = U.tent(u)
    return u


def test_margin_losses_checker():
    assert ch6.margin_losses([0.25, 0.5, np.log1p(np.exp(-0.5))])
    fb = ch6.margin_losses([0.25, 0.5, np.log2(1 + np.exp(-0.5))])
    assert not fb and "natural logarithm" in fb.message


def test_checkerboard_colours_cells_alternately():
    X, y = U.checkerboard(n=2000, squares=4, random_state=0)
    assert X.shape == (2000, 2) and set(np.unique(y)) == {0, 1}
    assert np.all(np.abs(X) <= 1)
    i, j = np.floor((X + 1) * 2).T
    np.testing.assert_array_equal(y, (i + j) % 2)
    assert 0.4 < y.mean() < 0.6
    np.testing.assert_array_equal(U.checkerboard(50, random_state=3)[0],
                                  U.checkerboard(50, random_state=3)[0])


def test_n_params_and_budget_checker():
    assert U.n_params([2, 37, 2]) == 187 and U.n_params([2, 8, 8, 8, 2]) == 186
    assert U.n_params([1, 64, 1]) == 193
    assert ch6.budget([187, 186])
    assert not ch6.budget([185, 186])


# ------------------------------------------------------------------ linear regions
def _relu_nets():
    from nnbook import MLP
    return {(name, seed): MLP(sizes, activation="relu", random_state=seed)
            for name, sizes in [("wide", [2, 6, 2]), ("deep", [2, 3, 3, 2])] for seed in (0, 1)}


def test_activation_regions_of_one_layer_are_cells_of_its_lines():
    from nnbook import MLP
    net = MLP([2, 2, 2], activation="relu", random_state=0)
    net.weights[0][:] = [[1.0, 0.0], [0.0, 1.0]]          # the two axes
    net.biases[0][:] = 0.0
    X = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1], [2, 3.0]])
    ids, count = U.activation_regions(net, X)
    assert count == 4 and ids.shape == (5,)
    assert ids[0] == ids[4] and len(set(ids[:4])) == 4
    with pytest.raises(ValueError, match="ReLU"):
        U.activation_regions(MLP([2, 3, 2], activation="tanh"), X)


def test_network_is_affine_inside_each_region():
    net = _relu_nets()["deep", 0]
    X = np.random.default_rng(0).uniform(-1, 1, (400, 2))
    ids, _ = U.activation_regions(net, X)
    region = ids == np.bincount(ids).argmax()
    Xr = X[region]
    # the pre-softmax output is affine on the region: fit it exactly with [x1, x2, 1]
    a = Xr
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        a = np.maximum(a @ W.T + b, 0)
    z = a @ net.weights[-1].T + net.biases[-1]
    A = np.column_stack([Xr, np.ones(len(Xr))])
    coef = np.linalg.lstsq(A, z, rcond=None)[0]
    np.testing.assert_allclose(A @ coef, z, atol=1e-10)


def test_linear_regions_panel_swaps_image_and_boundary():
    nets = _relu_nets()
    acc = {key: 0.5 for key in nets}
    X, y = U.checkerboard(n=60, random_state=0)
    panel = U.LinearRegions(nets, acc, X, y)
    fig = panel(network="wide", seed=1)
    assert panel(network="deep", seed=0) is fig
    visible = [key for key, cs in panel.contours.items() if cs.get_visible()]
    assert visible == [("deep", 0)]
    np.testing.assert_array_equal(panel.image.get_array(), panel.images["deep", 0])
    assert fig.axes[0].get_title().startswith(f"deep net, seed 0: {panel.counts['deep', 0]} linear")
    _labelled(fig)
    with pytest.raises(ValueError, match="seed"):
        panel(network="deep", seed=7)
