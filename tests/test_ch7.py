"""Chapter 7: the regularization experiments, panels and exercise checkers.

The mathematics they use (weight norm, toy minimiser, dropout ensemble) is tested in
tests/test_regularization.py."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import MLP
from nnbook.chapters import ch07_regularization as chapter
from nnbook.chapters.ch07_regularization import stopping_panel
from nnbook.exercises import ch7
from nnbook.regularization import penalised_minimiser, weight_norm
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
    d = chapter.problem()
    assert [len(d[k][0]) for k in ("train", "val", "test")] == [100, 100, 500]
    X, y = d["train"]
    assert X.shape == (100, 2) and set(np.unique(y)) == {0, 1}
    with pytest.raises(ValueError):
        X[0, 0] = 1.0                                   # the cached arrays are shared


def test_trained_normalises_and_caches():
    # the experiment is defined once, in the checkers' module, and re-exported by the chapter
    assert chapter.trained is ch7.trained and chapter.problem is ch7.problem
    assert chapter.trained("l2", 0.0) is chapter.trained("none")
    assert chapter.trained("dropout", 0) is chapter.trained("none")
    assert chapter.trained("early") is chapter.trained("early", chapter.PATIENCE)
    with pytest.raises(ValueError, match="method"):
        chapter.trained("l3", 0.1)
    with pytest.raises(ValueError, match="strength"):
        chapter.trained("l2", -1.0)


def test_plain_network_overfits_and_l2_shrinks_weights():
    d = chapter.problem()
    plain, l2 = chapter.trained("none"), chapter.trained("l2", 0.01)
    assert plain.score(*d["train"]) - plain.score(*d["test"]) > 0.1
    assert l2.score(*d["test"]) > plain.score(*d["test"])
    norms = [weight_norm(chapter.trained("l2", lam)) for lam in chapter.LAMBDAS]
    assert all(a > b for a, b in zip(norms, norms[1:]))
    assert len(plain.history_["val_loss"]) == chapter.FIT["epochs"]          # watched every epoch


def test_l1_is_sparse_and_strong_l1_collapses():
    w = np.concatenate([W.ravel() for W in chapter.trained("l1", 0.01).weights])
    assert np.mean(np.abs(w) < 0.01) > 0.9
    assert chapter.trained("l1", 0.1).score(*chapter.problem()["test"]) < 0.6


def test_early_stopping_restores_best_epoch():
    net = chapter.trained("early")
    es = net.early_stopping_
    assert es.stopped_epoch_ - es.best_epoch_ == chapter.PATIENCE
    assert net.n_epochs_ == es.stopped_epoch_ + 1


def test_trained_and_problem_check_their_arguments():
    assert chapter.trained("l2", 0.01, random_state=0) is chapter.trained("l2", 0.01)
    assert chapter.trained("early", 50.0) is chapter.trained("early", 50)
    with pytest.raises(TypeError, match="strength"):
        chapter.trained("l2", "0.01")
    with pytest.raises(ValueError, match="strength"):
        chapter.trained("l2", float("nan"))
    with pytest.raises(ValueError, match="whole number"):
        chapter.trained("early", 10.5)
    with pytest.raises(TypeError, match="random_state"):
        chapter.trained("none", 0, 1.5)
    with pytest.raises(ValueError, match="random_state"):
        chapter.trained("none", 0, -1)
    with pytest.raises(TypeError, match="draw"):
        chapter.trained("none", 0, 0, 0.5)
    with pytest.raises(TypeError, match="n_train"):
        chapter.trained("none", 0, 0, 0, 100.0)
    with pytest.raises(ValueError, match="draw"):
        chapter.problem(-1)
    with pytest.raises(TypeError, match="draw"):
        chapter.problem(1.0)
    with pytest.raises(ValueError, match="n_train"):
        chapter.problem(0, 5)


# --------------------------------------------------------------------------------- panels
@pytest.mark.parametrize("penalty,lam", [("L2", 0.0), ("L2", 0.01), ("L1", 0.1)])
def test_penalty_panel(penalty, lam):
    fig = chapter.penalty_panel(penalty=penalty, lam=lam)
    assert _labelled(fig)
    assert penalty in fig.axes[0].get_title()
    net = chapter.trained(penalty.lower(), lam)
    tr, te = (net.score(*chapter.problem()[k]) for k in ("train", "test"))
    assert f"train {tr:.2f}, test {te:.2f}" in fig.axes[0].get_title()


@pytest.mark.parametrize("lam", [0.0, 3.5, 6.0])
def test_l1_toy_panel(lam):
    fig = chapter.l1_toy(lam=lam)
    assert _labelled(fig)
    assert f"{float(penalised_minimiser(lam)):.2f}" in fig.axes[0].get_title()


@pytest.mark.parametrize("p", [0.0, 0.5, 0.7])
def test_dropout_panel(p):
    fig = chapter.dropout_panel(p=p)
    assert _labelled(fig)
    assert "gap" in fig.axes[0].get_title()


def test_panels_are_updated_in_place():
    for panel, a, b in [(chapter.penalty_panel, {"penalty": "L2", "lam": 0.0},
                         {"penalty": "L1", "lam": 0.1}),
                        (chapter.l1_toy, {"lam": 0.0}, {"lam": 6.0}),
                        (chapter.dropout_panel, {"p": 0.0}, {"p": 0.7})]:
        fig = panel(**a)
        n_artists = [len(ax.get_children()) for ax in fig.axes]
        assert panel(**b) is fig
        assert [len(ax.get_children()) for ax in fig.axes] == n_artists
        assert isinstance(panel, Panel) and fig.canvas.manager is None   # not in pyplot


def test_boundary_panels_show_the_cached_probabilities_and_contour():
    panel = chapter.penalty_panel
    panel(penalty="L2", lam=0.01)
    box = panel.boundary
    P, xy = chapter.probability_map("l2", 0.01)
    np.testing.assert_array_equal(box.shade.get_array(), P)
    assert box.shade.get_array() is not None and P.shape == chapter.map_grid()[0].shape
    x, y = box.line.get_data()
    np.testing.assert_array_equal(x, xy[:, 0])
    assert len(x) > 10 and np.isnan(x).any()                   # NaN rows separate the pieces
    # every contour vertex lies on the 0.5 level of the grid's probability (bilinear)
    gx, gy, _ = chapter.map_grid()
    pts = xy[~np.isnan(xy[:, 0])]
    i = np.clip(np.searchsorted(gx[0], pts[:, 0]) - 1, 0, gx.shape[1] - 2)
    j = np.clip(np.searchsorted(gy[:, 0], pts[:, 1]) - 1, 0, gy.shape[0] - 2)
    u = (pts[:, 0] - gx[0, i]) / (gx[0, i + 1] - gx[0, i])
    v = (pts[:, 1] - gy[j, 0]) / (gy[j + 1, 0] - gy[j, 0])
    bil = ((1 - u) * (1 - v) * P[j, i] + u * (1 - v) * P[j, i + 1]
           + (1 - u) * v * P[j + 1, i] + u * v * P[j + 1, i + 1])
    np.testing.assert_allclose(bil, 0.5, atol=1e-9)
    # the circled point is the L2 norm at lambda = 0.01; the L1 ring is hidden
    k = chapter.LAMBDAS.index(0.01)
    np.testing.assert_allclose(panel.marks["L2"].get_data()[1],
                               [weight_norm(chapter.trained("l2", 0.01))])
    assert list(panel.marks["L2"].get_data()[0]) == [k]
    assert not panel.marks["L1"].get_visible()
    # collapsed L1 network: one class everywhere, no boundary line
    panel(penalty="L1", lam=0.1)
    assert len(box.line.get_data()[0]) == 0
    assert panel.marks["L1"].get_visible() and not panel.marks["L2"].get_visible()
    # the dropout panel moves its line to p and shows that network
    chapter.dropout_panel(p=0.3)
    assert list(chapter.dropout_panel.vline.get_xdata()) == [0.3, 0.3]
    np.testing.assert_array_equal(chapter.dropout_panel.boundary.shade.get_array(),
                                  chapter.probability_map("dropout", 0.3)[0])


def test_l1_toy_panel_moves_curves_and_minimisers():
    panel = chapter.l1_toy
    panel(lam=3.0)
    th = chapter.TOY_THETA
    np.testing.assert_allclose(panel.loss["l1"].get_ydata(), (th - 2) ** 2 + 3 * np.abs(th))
    np.testing.assert_allclose(panel.loss["l2"].get_ydata(), (th - 2) ** 2 + 1.5 * th ** 2)
    np.testing.assert_allclose(panel.minimum["l1"].get_data(), [[0.5], [2.25 + 1.5]])
    np.testing.assert_allclose(panel.marks["l2"].get_data(), [[3.0], [0.8]])


def test_panel_frames_do_not_depend_on_the_previous_frame():
    fresh = chapter.DropoutPanel()
    expected = fresh.render(p=0.2)
    chapter.dropout_panel.render(p=0.7)
    assert chapter.dropout_panel.render(p=0.2) == expected
    fresh = chapter.PenaltyPanel()
    expected = fresh.render(penalty="L1", lam=0.003)
    chapter.penalty_panel.render(penalty="L2", lam=0.1)
    assert chapter.penalty_panel.render(penalty="L1", lam=0.003) == expected


def test_panels_validate_their_grids():
    with pytest.raises(ValueError, match="penalty"):
        chapter.penalty_panel(penalty="L3")
    with pytest.raises(ValueError, match="lam"):
        chapter.penalty_panel(lam=0.5)
    with pytest.raises(ValueError, match="p must"):
        chapter.dropout_panel(p=0.55)
    with pytest.raises(ValueError, match="lam"):
        chapter.l1_toy(lam=-0.5)
    with pytest.raises(TypeError):
        chapter.l1_toy(lam="two")
    with pytest.raises(TypeError):
        chapter.dropout_panel(q=0.5)


def test_draw_thinned_hides_dropped_links():
    fig, ax = plt.subplots()
    chapter.draw_thinned(ax, [2, 3, 2], [np.array([True, False, True])])
    assert len(ax.lines) == 2 * 2 + 2 * 2                 # only links of kept units
    with pytest.raises(ValueError, match="one mask per hidden layer"):
        chapter.draw_thinned(ax, [2, 3, 2], [np.ones(2, bool), np.ones(3, bool)])
    plt.close(fig)


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
    best = chapter.trained("early", 10).early_stopping_.best_epoch_
    assert ch7.early_best_epoch(best)
    assert not ch7.early_best_epoch(best + 5)
    fb = ch7.early_best_epoch(float(best))
    assert not fb and "integer" in fb.message


# ----------------------------------------------------------------------------- validation
def test_public_functions_validate_their_input():
    net = MLP([2, 3, 2], random_state=0)
    with pytest.raises(ValueError, match="lam"):
        chapter.l1_toy(lam=7.0)
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="points"):
        chapter.draw_probability_map(ax, net, points="validation")
    with pytest.raises(ValueError, match="shape"):
        chapter.draw_probability_map(ax, None, proba=np.zeros((5, 5)))
    plt.close(fig)


def test_collapsed_network_draws_no_boundary():
    fig, ax = plt.subplots()
    chapter.draw_probability_map(ax, chapter.trained("l1", 0.1))
    assert not any(getattr(c, "levels", None) is not None and list(c.levels) == [0.5]
                   for c in ax.collections)
    chapter.draw_probability_map(ax, chapter.trained("none"))
    assert any(getattr(c, "levels", None) is not None and list(c.levels) == [0.5]
               for c in ax.collections)
    plt.close(fig)


# --------------------------------------------------------------- draws, more data, tolerance
def test_problem_draw_zero_is_the_chapter_problem_and_draws_differ():
    a, b = chapter.problem(), chapter.problem(0, 100)
    for k in ("train", "val", "test"):
        np.testing.assert_array_equal(a[k][0], b[k][0])
    other = chapter.problem(1)
    assert not np.array_equal(other["train"][0], a["train"][0])
    big = chapter.problem(0, 1000)
    assert [len(big[k][0]) for k in ("train", "val", "test")] == [1000, 100, 500]


def test_trained_keeps_the_number_of_steps():
    assert chapter.trained("none", 0, 0, 1, 1000).n_epochs_ == chapter.FIT["epochs"] // 10
    with pytest.raises(ValueError, match="n_train"):
        chapter.trained("none", 0, 0, 0, 300)
    with pytest.raises(ValueError, match="early"):
        chapter.trained("early", 50, 0, 0, 250)


def test_robust_comparison_and_more_data_shapes():
    rc = chapter.robust_comparison(draws=(0, 1), seeds=(0,))
    assert list(rc) == ["none", "l2", "l1", "dropout", "early"]
    assert all(r["test"].shape == (2, 1) and r["train"].shape == (2, 1) for r in rc.values())
    assert rc["none"]["test"][0, 0] == chapter.trained("none").score(*chapter.problem()["test"])
    md = chapter.more_data((100, 1000), draws=(0,), methods=(("none", 0.0),))
    res = md[("none", 0.0)]
    assert res["train"].shape == res["test"].shape == (2, 1)
    assert res["train"][0, 0] - res["test"][0, 0] > res["train"][1, 0] - res["test"][1, 0]


def test_panels_accept_grid_values_up_to_rounding():
    # a float slider reaches 0.1 * 3 = 0.30000000000000004 where the grid holds 0.3
    fig = chapter.dropout_panel(p=0.1 * 3)
    assert fig.axes[0].get_title().startswith("p = 0.3:")
    fig = chapter.penalty_panel(penalty="L2", lam=0.001 * 3)
    assert "0.003" in fig.axes[0].get_title()


def test_momentum_decay_checker():
    assert ch7.momentum_decay([0.005, 0.1, 0.0005])
    assert ch7.momentum_decay([0.00525, 0.1, 0.0005])          # the exact rate counts too
    fb = ch7.momentum_decay([0.0005, 0.1, 0.0005])
    assert not fb and "velocity" in fb.message


def _patience_frame(panel, patience):
    """(best, stop) epochs (1-based) the patience panel shows, its band and titles checked."""
    panel(patience=patience)
    b = panel.best.get_xdata()[0]
    s = panel.band.get_x() + panel.band.get_width()
    assert panel.band.get_x() == b
    assert panel.title0.get_text() == f"patience {patience}: best epoch {b}, stops after {s}"
    assert panel.boundary.title.get_text().startswith(f"weights of epoch {b}: test accuracy ")
    return b, s


def test_patience_panel_replays_early_stopping(monkeypatch):
    hist = chapter.trained("none").history_["val_loss"]
    for patience in (10, chapter.PATIENCE):
        net = chapter.trained("early", patience)
        es = net.early_stopping_
        best, stop = _patience_frame(chapter.patience_panel, patience)
        assert (best - 1, stop - 1) == (es.best_epoch_, es.stopped_epoch_)
        # stopping does not change the run: it follows the plain run up to its stop ...
        assert net.history_["val_loss"] == hist[:stop]
        # ... and keeps the epoch of the lowest validation loss seen until then
        assert best - 1 == int(np.argmin(hist[:stop])) and stop - best == patience
        # the right half shows the restored network: its test accuracy and its boundary
        test = net.score(*chapter.problem()["test"])
        assert chapter.patience_panel.boundary.title.get_text().endswith(f"{test:.3f}")
        np.testing.assert_array_equal(chapter.patience_panel.boundary.shade.get_array(),
                                      chapter.probability_map("early", patience)[0])
    fig = chapter.patience_panel(patience=10)
    assert _labelled(fig)
    assert f"best epoch {chapter.trained('early', 10).early_stopping_.best_epoch_ + 1}" in \
        fig.axes[0].get_title()
    assert chapter.patience_panel(patience=200) is fig
    for off_grid in (7, 0):
        with pytest.raises(ValueError, match="patience"):
            chapter.patience_panel(patience=off_grid)
    # a patience longer than the rest of the run: the rule never fires, the band ends at
    # the last epoch
    monkeypatch.setattr(stopping_panel, "PATIENCES", (400,))
    assert _patience_frame(chapter.PatiencePanel(), 400)[1] == chapter.FIT["epochs"]


def test_ensemble_panel_samples_sub_networks():
    subs, scaled = chapter.sampled_sub_networks()
    assert subs.shape == (max(chapter.N_MASKS), scaled.size)
    last, avg, agree_last, agree = chapter.mask_average(3)
    np.testing.assert_allclose(avg, subs[:3].mean(axis=0))
    np.testing.assert_array_equal(last, subs[2])
    single = np.mean((subs > 0.5) == (scaled > 0.5), axis=1)
    assert single.min() < 0.7 and chapter.mask_average(100)[3] > 0.9  # one varies, the mean settles
    fig = chapter.ensemble_panel(k=10)
    assert _labelled(fig)
    agree = chapter.mask_average(10)[3]
    assert fig.axes[1].get_title() == f"mean of 10: same class as scaled on {agree:.0%}"
    assert chapter.ensemble_panel(k=1) is fig
    with pytest.raises(ValueError, match="k must"):
        chapter.ensemble_panel(k=4)
    net = chapter.dropout_net()
    assert list(net.sizes) == [2, 6, 6, 2]


def test_sampled_sub_networks_take_a_random_state():
    subs, scaled = chapter.sampled_sub_networks()
    # the panel's draws are the default ones, from a generator or its seed alike
    np.testing.assert_array_equal(chapter.mask_average(100)[1], subs.mean(axis=0))
    for random_state in (chapter.ENSEMBLE_SEED, np.random.default_rng(chapter.ENSEMBLE_SEED)):
        np.testing.assert_array_equal(chapter.sampled_sub_networks(random_state)[0], subs)
    other, same_scaled = chapter.sampled_sub_networks(7)
    assert not np.array_equal(other, subs)                  # other masks ...
    np.testing.assert_array_equal(same_scaled, scaled)      # ... the same scaled network
    with pytest.raises(ValueError, match="random_state"):
        chapter.sampled_sub_networks(-1)
