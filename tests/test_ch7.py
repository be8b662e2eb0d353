"""Chapter 7: the regularization experiments, panels and exercise checkers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import MLP
from nnbook.exercises import ch7
from nnbook.panels import regularization as R
from nnbook.regularization import soft_threshold
from nnbook.widgets import Panel


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert axes
    for ax in axes:
        if ax.axison:
            assert ax.get_xlabel() and ax.get_ylabel(), "every plotted axis needs labels"
    return True


# ------------------------------------------------------------------------- data and training
def test_problem_split_sizes_and_read_only():
    d = R.problem()
    assert [len(d[k][0]) for k in ("train", "val", "test")] == [100, 100, 500]
    X, y = d["train"]
    assert X.shape == (100, 2) and set(np.unique(y)) == {0, 1}
    with pytest.raises(ValueError):
        X[0, 0] = 1.0                                   # the cached arrays are shared


def test_trained_normalises_and_caches():
    assert R.trained("l2", 0.0) is R.trained("none")
    assert R.trained("dropout", 0) is R.trained("none")
    assert R.trained("early") is R.trained("early", R.PATIENCE)
    with pytest.raises(ValueError, match="method"):
        R.trained("l3", 0.1)
    with pytest.raises(ValueError, match="strength"):
        R.trained("l2", -1.0)


def test_plain_network_overfits_and_l2_shrinks_weights():
    d = R.problem()
    plain, l2 = R.trained("none"), R.trained("l2", 0.01)
    assert plain.score(*d["train"]) - plain.score(*d["test"]) > 0.1
    assert l2.score(*d["test"]) > plain.score(*d["test"])
    norms = [R.weight_norm(R.trained("l2", lam)) for lam in R.LAMBDAS]
    assert all(a > b for a, b in zip(norms, norms[1:]))
    assert len(plain.curves_["test_acc"]) == R.FIT["epochs"]


def test_l1_is_sparse_and_strong_l1_collapses():
    w = np.concatenate([W.ravel() for W in R.trained("l1", 0.01).weights])
    assert np.mean(np.abs(w) < 0.01) > 0.9
    assert R.trained("l1", 0.1).score(*R.problem()["test"]) < 0.6


def test_early_stopping_restores_best_epoch():
    net = R.trained("early")
    es = net.early_stopping_
    assert es.stopped_epoch_ - es.best_epoch_ == R.PATIENCE
    assert net.n_epochs_ == es.stopped_epoch_ + 1


def test_weight_norm_orders():
    net = MLP([2, 3, 2], random_state=0)
    w = np.concatenate([W.ravel() for W in net.weights])
    assert R.weight_norm(net) == pytest.approx(np.linalg.norm(w))
    assert R.weight_norm(net, ord=1) == pytest.approx(np.abs(w).sum())


# ------------------------------------------------------------------------------------ toy
@pytest.mark.parametrize("lam,expected", [(0, 2.0), (1, 1.5), (3, 0.5), (4, 0.0), (6, 0.0)])
def test_toy_minimiser_l1_is_soft_thresholding(lam, expected):
    assert float(R.toy_minimiser(lam)) == pytest.approx(expected)
    grid = np.linspace(-1, 3, 40001)
    best = grid[np.argmin((grid - 2) ** 2 + lam * np.abs(grid))]
    assert float(R.toy_minimiser(lam)) == pytest.approx(best, abs=1e-4)


def test_toy_minimiser_l2_never_zero_and_validation():
    lam = np.array([0.0, 4.0, 100.0])
    np.testing.assert_allclose(R.toy_minimiser(lam, "l2"), 2 / (1 + lam / 2))
    assert np.all(R.toy_minimiser(lam, "l2") > 0)
    np.testing.assert_allclose(R.toy_minimiser(np.array([1.0, 5.0])),
                               [soft_threshold(2.0, 0.5), 0.0])
    with pytest.raises(ValueError):
        R.toy_minimiser(-1.0)
    with pytest.raises(ValueError, match="penalty"):
        R.toy_minimiser(1.0, "l3")


# ------------------------------------------------------------------------------- ensemble
def test_ensemble_single_softmax_layer_geometric_mean_is_exact():
    net = MLP([2, 5, 2], random_state=1)
    X = np.random.default_rng(0).normal(size=(20, 2))
    arith, geo, n = R.ensemble(net, X, 0.5)
    assert n == 32
    np.testing.assert_allclose(geo, net.predict_proba(X), atol=1e-12)
    np.testing.assert_allclose(arith.sum(axis=1), 1.0)
    assert not np.allclose(arith, net.predict_proba(X), atol=1e-6)


def test_ensemble_of_p_zero_is_the_network_and_masked_proba_drops_units():
    net = MLP([2, 3, 3, 2], random_state=2)
    X = np.random.default_rng(1).normal(size=(5, 2))
    arith, geo, n = R.ensemble(net, X, 0.0)
    assert n == 64
    np.testing.assert_allclose(arith, net.predict_proba(X), atol=1e-12)
    net.biases[1][:] = [0.5, -1.0, 2.0]
    net.biases[2][:] = [0.3, -0.3]
    first_layer_dropped = [np.zeros(3, bool), np.ones(3, bool)]
    P = R.masked_proba(net, X, first_layer_dropped, 0.5)
    z = np.maximum(net.biases[1], 0) / 0.5 @ net.weights[2].T + net.biases[2]
    e = np.exp(z - z.max())
    np.testing.assert_allclose(P, np.tile(e / e.sum(), (5, 1)), atol=1e-12)


def test_ensemble_refuses_too_many_units():
    with pytest.raises(ValueError, match="masks"):
        R.ensemble(MLP([2, 20, 2], random_state=0), np.zeros((1, 2)), 0.5)


# --------------------------------------------------------------------------------- panels
@pytest.mark.parametrize("penalty,lam", [("L2", 0.0), ("L2", 0.01), ("L1", 0.1)])
def test_penalty_panel(penalty, lam):
    fig = R.penalty_panel(penalty=penalty, lam=lam)
    assert _labelled(fig)
    assert penalty in fig.axes[0].get_title()
    tr, te = (R.trained(penalty.lower(), lam).score(*R.problem()[k]) for k in ("train", "test"))
    assert f"train {tr:.2f}, test {te:.2f}" in fig.axes[0].get_title()


@pytest.mark.parametrize("lam", [0.0, 3.5, 6.0])
def test_l1_toy_panel(lam):
    fig = R.l1_toy(lam=lam)
    assert _labelled(fig)
    assert f"{float(R.toy_minimiser(lam)):.2f}" in fig.axes[0].get_title()


@pytest.mark.parametrize("p", [0.0, 0.5, 0.7])
def test_dropout_panel(p):
    fig = R.dropout_panel(p=p)
    assert _labelled(fig)
    assert "gap" in fig.axes[0].get_title()


def test_panels_are_updated_in_place():
    for panel, a, b in [(R.penalty_panel, {"penalty": "L2", "lam": 0.0},
                         {"penalty": "L1", "lam": 0.1}),
                        (R.l1_toy, {"lam": 0.0}, {"lam": 6.0}),
                        (R.dropout_panel, {"p": 0.0}, {"p": 0.7})]:
        fig = panel(**a)
        n_artists = [len(ax.get_children()) for ax in fig.axes]
        assert panel(**b) is fig
        assert [len(ax.get_children()) for ax in fig.axes] == n_artists
        assert isinstance(panel, Panel) and fig.canvas.manager is None   # not in pyplot


def test_boundary_panels_show_the_cached_probabilities_and_contour():
    panel = R.penalty_panel
    panel(penalty="L2", lam=0.01)
    box = panel.boundary
    P, xy = R._boundary("l2", 0.01)
    np.testing.assert_array_equal(box.shade.get_array(), P)
    assert box.shade.get_array() is not None and P.shape == R._grid()[0].shape
    x, y = box.line.get_data()
    np.testing.assert_array_equal(x, xy[:, 0])
    assert len(x) > 10 and np.isnan(x).any()                   # NaN rows separate the pieces
    # every contour vertex lies on the 0.5 level of the grid's probability (bilinear)
    gx, gy, _ = R._grid()
    pts = xy[~np.isnan(xy[:, 0])]
    i = np.clip(np.searchsorted(gx[0], pts[:, 0]) - 1, 0, gx.shape[1] - 2)
    j = np.clip(np.searchsorted(gy[:, 0], pts[:, 1]) - 1, 0, gy.shape[0] - 2)
    u = (pts[:, 0] - gx[0, i]) / (gx[0, i + 1] - gx[0, i])
    v = (pts[:, 1] - gy[j, 0]) / (gy[j + 1, 0] - gy[j, 0])
    bil = ((1 - u) * (1 - v) * P[j, i] + u * (1 - v) * P[j, i + 1]
           + (1 - u) * v * P[j + 1, i] + u * v * P[j + 1, i + 1])
    np.testing.assert_allclose(bil, 0.5, atol=1e-9)
    # the circled point is the L2 norm at lambda = 0.01; the L1 ring is hidden
    k = R.LAMBDAS.index(0.01)
    np.testing.assert_allclose(panel.marks["L2"].get_data()[1],
                               [R.weight_norm(R.trained("l2", 0.01))])
    assert list(panel.marks["L2"].get_data()[0]) == [k]
    assert not panel.marks["L1"].get_visible()
    # collapsed L1 network: one class everywhere, no boundary line
    panel(penalty="L1", lam=0.1)
    assert len(box.line.get_data()[0]) == 0
    assert panel.marks["L1"].get_visible() and not panel.marks["L2"].get_visible()
    # the dropout panel moves its line to p and shows that network
    R.dropout_panel(p=0.3)
    assert list(R.dropout_panel.vline.get_xdata()) == [0.3, 0.3]
    np.testing.assert_array_equal(R.dropout_panel.boundary.shade.get_array(),
                                  R._boundary("dropout", 0.3)[0])


def test_l1_toy_panel_moves_curves_and_minimisers():
    panel = R.l1_toy
    panel(lam=3.0)
    th = R._TOY_THETA
    np.testing.assert_allclose(panel.loss["l1"].get_ydata(), (th - 2) ** 2 + 3 * np.abs(th))
    np.testing.assert_allclose(panel.loss["l2"].get_ydata(), (th - 2) ** 2 + 1.5 * th ** 2)
    np.testing.assert_allclose(panel.minimum["l1"].get_data(), [[0.5], [2.25 + 1.5]])
    np.testing.assert_allclose(panel.marks["l2"].get_data(), [[3.0], [0.8]])


def test_panel_frames_do_not_depend_on_the_previous_frame():
    fresh = R.DropoutPanel()
    expected = fresh.render(p=0.2)
    R.dropout_panel.render(p=0.7)
    assert R.dropout_panel.render(p=0.2) == expected
    fresh = R.PenaltyPanel()
    expected = fresh.render(penalty="L1", lam=0.003)
    R.penalty_panel.render(penalty="L2", lam=0.1)
    assert R.penalty_panel.render(penalty="L1", lam=0.003) == expected


def test_panels_validate_their_grids():
    with pytest.raises(ValueError, match="penalty"):
        R.penalty_panel(penalty="L3")
    with pytest.raises(ValueError, match="lam"):
        R.penalty_panel(lam=0.5)
    with pytest.raises(ValueError, match="p must"):
        R.dropout_panel(p=0.55)
    with pytest.raises(ValueError, match="lam"):
        R.l1_toy(lam=-0.5)
    with pytest.raises(TypeError):
        R.l1_toy(lam="two")
    with pytest.raises(TypeError):
        R.dropout_panel(q=0.5)


def test_draw_thinned_hides_dropped_links():
    fig, ax = plt.subplots()
    R.draw_thinned(ax, [2, 3, 2], [np.array([True, False, True])])
    assert len(ax.lines) == 2 * 2 + 2 * 2                 # only links of kept units
    plt.close(fig)


def test_comparison_rows():
    rows = R.comparison(seeds=(0,))
    assert [r["method"] for r in rows] == ["none", "l2", "l1", "dropout", "early"]
    for r in rows:
        assert r["gap"] == pytest.approx(r["train"] - r["test"])
        assert r["test_min"] <= r["test"] <= r["test_max"]


# ------------------------------------------------------------------------------- checkers
def test_penalty_steps_checker():
    assert ch7.penalty_steps([1.8, 1.85])
    fb = ch7.penalty_steps([1.85, 1.8])
    assert not fb and "swapped" in fb.message
    assert not ch7.penalty_steps([1.9, 1.85])


def test_toy_checkers():
    assert ch7.toy_answers([0.5, 4, -0.5])
    fb = ch7.toy_answers([0.5, 4, 0.5])
    assert not fb and "Hint" in fb.message
    assert ch7.toy_minimiser_function(lambda lam: max(2 - lam / 2, 0))
    fb = ch7.toy_minimiser_function(lambda lam: 2 - lam / 2)     # forgets to stop at 0
    assert not fb and "minimiser" in fb.message


def test_dropout_checkers():
    assert ch7.dropout_expectation([7.125, 9.5, 7.125])
    fb = ch7.dropout_expectation([2.375, 9.5, 2.375])            # used p instead of 1 - p
    assert not fb and "1 - p" in fb.message
    assert ch7.sub_networks([4096, 0.75 ** 8 * 0.25 ** 4])
    fb = ch7.sub_networks([2 ** 16, 0.75 ** 8 * 0.25 ** 4])
    assert not fb and "hidden units only" in fb.message


def test_slider_checkers():
    assert ch7.l1_collapse(0.1)
    assert not ch7.l1_collapse(0.03)
    assert ch7.smallest_gap(0.7)
    assert not ch7.smallest_gap(0.0)


def test_early_best_epoch_checker():
    best = R.trained("early", 10).early_stopping_.best_epoch_
    assert ch7.early_best_epoch(best)
    assert not ch7.early_best_epoch(best + 5)
    fb = ch7.early_best_epoch(float(best))
    assert not fb and "integer" in fb.message


# ----------------------------------------------------------------------------- validation
def test_public_functions_validate_their_input():
    net = MLP([2, 3, 2], random_state=0)
    with pytest.raises(ValueError, match="ord"):
        R.weight_norm(net, ord=3)
    with pytest.raises(TypeError, match="net"):
        R.weight_norm([np.ones((2, 2))])
    with pytest.raises(ValueError, match="lam"):
        R.l1_toy(lam=7.0)
    with pytest.raises(ValueError, match="p must"):
        R.masked_proba(net, np.zeros((1, 2)), [np.ones(3, bool)], 1.0)
    with pytest.raises(ValueError, match="features"):
        R.masked_proba(net, np.zeros((1, 3)), [np.ones(3, bool)], 0.5)
    with pytest.raises(ValueError, match="one boolean vector per hidden layer"):
        R.masked_proba(net, np.zeros((1, 2)), [np.ones(4, bool)], 0.5)
    with pytest.raises(ValueError, match="p must"):
        R.ensemble(net, np.zeros((1, 2)), -0.1)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="points"):
        R.draw_boundary(ax, net, points="validation")
    with pytest.raises(ValueError, match="shape"):
        R.draw_boundary(ax, None, proba=np.zeros((5, 5)))
    plt.close(fig)


def test_collapsed_network_draws_no_boundary():
    fig, ax = plt.subplots()
    R.draw_boundary(ax, R.trained("l1", 0.1))
    assert not any(getattr(c, "levels", None) is not None and list(c.levels) == [0.5]
                   for c in ax.collections)
    R.draw_boundary(ax, R.trained("none"))
    assert any(getattr(c, "levels", None) is not None and list(c.levels) == [0.5]
               for c in ax.collections)
    plt.close(fig)


# --------------------------------------------------------------- draws, more data, tolerance
def test_problem_draw_zero_is_the_chapter_problem_and_draws_differ():
    a, b = R.problem(), R.problem(0, 100)
    for k in ("train", "val", "test"):
        np.testing.assert_array_equal(a[k][0], b[k][0])
    other = R.problem(1)
    assert not np.array_equal(other["train"][0], a["train"][0])
    big = R.problem(0, 1000)
    assert [len(big[k][0]) for k in ("train", "val", "test")] == [1000, 100, 500]


def test_trained_keeps_the_number_of_steps():
    assert R.trained("none", 0, 0, 1, 1000).n_epochs_ == R.FIT["epochs"] // 10
    with pytest.raises(ValueError, match="n_train"):
        R.trained("none", 0, 0, 0, 300)
    with pytest.raises(ValueError, match="early"):
        R.trained("early", 50, 0, 0, 250)


def test_robust_comparison_and_more_data_shapes():
    rc = R.robust_comparison(draws=(0, 1), seeds=(0,))
    assert list(rc) == ["none", "l2", "l1", "dropout", "early"]
    assert all(r["test"].shape == (2, 1) and r["train"].shape == (2, 1) for r in rc.values())
    assert rc["none"]["test"][0, 0] == R.trained("none").score(*R.problem()["test"])
    md = R.more_data((100, 1000), draws=(0,), methods=(("none", 0.0),))
    res = md[("none", 0.0)]
    assert res["train"].shape == res["test"].shape == (2, 1)
    assert res["train"][0, 0] - res["test"][0, 0] > res["train"][1, 0] - res["test"][1, 0]


def test_panels_accept_grid_values_up_to_rounding():
    # a float slider reaches 0.1 * 3 = 0.30000000000000004 where the grid holds 0.3
    fig = R.dropout_panel(p=0.1 * 3)
    assert fig.axes[0].get_title().startswith("p = 0.3:")
    fig = R.penalty_panel(penalty="L2", lam=0.001 * 3)
    assert "0.003" in fig.axes[0].get_title()


def test_momentum_decay_checker():
    assert ch7.momentum_decay([0.005, 0.1, 0.0005])
    assert ch7.momentum_decay([0.00525, 0.1, 0.0005])          # the exact rate counts too
    fb = ch7.momentum_decay([0.0005, 0.1, 0.0005])
    assert not fb and "velocity" in fb.message


def test_patience_panel_replays_early_stopping():
    hist = R.trained("none").history_["val_loss"]
    for patience in (10, R.PATIENCE):
        es = R.trained("early", patience).early_stopping_
        assert R.stopping_epochs(hist, patience) == (es.best_epoch_, es.stopped_epoch_)
    best, stop, test, _ = R._restored(R.PATIENCE)
    assert test == R.trained("early").score(*R.problem()["test"])
    fig = R.patience_panel(patience=10)
    assert _labelled(fig)
    assert f"best epoch {R.trained('early', 10).early_stopping_.best_epoch_ + 1}" in \
        fig.axes[0].get_title()
    assert R.patience_panel(patience=200) is fig
    with pytest.raises(ValueError, match="patience"):
        R.patience_panel(patience=7)
    assert R.stopping_epochs([3.0, 2.0, 1.0], 5) == (2, 2)         # never fires: last epoch


def test_ensemble_panel_samples_sub_networks():
    subs, scaled = R._sub_networks()
    assert subs.shape == (max(R.N_MASKS), scaled.size)
    last, avg, agree_last, agree = R.mask_average(3)
    np.testing.assert_allclose(avg, subs[:3].mean(axis=0))
    np.testing.assert_array_equal(last, subs[2])
    single = np.mean((subs > 0.5) == (scaled > 0.5), axis=1)
    assert single.min() < 0.7 and R.mask_average(100)[3] > 0.9   # one varies, the mean settles
    fig = R.ensemble_panel(k=10)
    assert _labelled(fig)
    agree = R.mask_average(10)[3]
    assert fig.axes[1].get_title() == f"mean of 10: same class as scaled on {agree:.0%}"
    assert R.ensemble_panel(k=1) is fig
    with pytest.raises(ValueError, match="k must"):
        R.ensemble_panel(k=4)
    net = R.dropout_net()
    assert list(net.sizes) == [2, 6, 6, 2]
