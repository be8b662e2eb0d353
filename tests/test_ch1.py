"""Chapter 1: the perceptron panels, the helpers behind the text, and the exercise checkers."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import data
from nnbook.chapters import ch01_perceptron as chapter
from nnbook.exercises import ch1
from nnbook.perceptron import XOR_HIDDEN, XOR_OUTPUT, count_mistakes, mcculloch_pitts, rule_trace

TRUTH = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.axison]
    assert axes, "no visible axes"
    for ax in axes:
        assert ax.get_xlabel(), "a plot lacks its x label"
    plt.close(fig)
    return True


def test_sgd_neuron_svm_shrinks_confident_points():
    w, b = ch1._svm_update(0)
    np.testing.assert_allclose(w, [1.9, 0.0])
    assert b == 0.0


# ------------------------------------------------------------------ panels and figures
@pytest.mark.parametrize("w1, w2, b", [(1.5, 2.0, -0.75), (0.0, 0.0, 0.0), (-1.0, 1.0, 0.0)])
def test_boundary_panel_counts_mistakes_in_its_title(w1, w2, b):
    fig = chapter.boundary_panel(w1, w2, b)
    n = count_mistakes(*chapter.PANEL_DATA, [w1, w2], b)
    assert f": {n} misclassified" in fig.axes[0].get_title()
    assert _labelled(fig)
    assert count_mistakes(*chapter.PANEL_DATA, [1.5, 2.0], -0.75) == 0


@pytest.mark.parametrize("eta", [0.1, 1.0])
def test_rule_panel_shows_each_update(eta):
    n_up = len(rule_trace(*chapter.PANEL_DATA, eta=eta)["index"])
    for k in (0, 1, n_up):
        fig = chapter.rule_panel(k, eta)
        title = fig.axes[0].get_title()
        assert (f"update {k} of {n_up}" in title) if k else title.startswith("start")
        assert _labelled(fig)
    with pytest.raises(ValueError, match="k must be <="):
        chapter.rule_panel(n_up + 1, eta)


def test_static_figures_are_labelled():
    events = [(1943, "McCulloch–Pitts", "model"), (1969, "Perceptrons", "setback"),
              (2012, "AlexNet", "result")]
    assert _labelled(chapter.timeline_figure(events))
    assert len(chapter.neuron_figure().axes) == 2
    plt.close("all")
    assert _labelled(chapter.gates_figure({"AND": ([1, 1], 2), "NOT": ([-1], 0)}))
    assert _labelled(chapter.xor_figure({"XOR": [2, 2, 2]}))
    X, y = data.linearly_separable(n=40, margin=0.15, random_state=2)
    assert _labelled(chapter.three_models_figure(X, y, {"a": (np.array([0.6, 0.8]), -0.3)}))
    assert _labelled(chapter.losses_figure())


def test_timeline_rejects_bad_events():
    with pytest.raises(ValueError, match="kind must be"):
        chapter.timeline_figure([(1943, "x", "idea")])
    with pytest.raises(TypeError, match="year"):
        chapter.timeline_figure([("1943", "x", "model")])
    with pytest.raises(ValueError, match="empty"):
        chapter.timeline_figure([])


def test_gates_figure_draws_the_truth_tables():
    fig = chapter.gates_figure({"AND": ([1, 1], 2)})
    colours = [tuple(c.get_facecolor()[0][:3]) for c in fig.axes[0].collections]
    assert len(colours) == 2          # one scatter per class: AND has both outputs
    plt.close(fig)


# ------------------------------------------------------------------ exercise checkers
def test_gate_checker():
    assert ch1.gate("NAND", [-1, -1], -1.5)
    assert ch1.gate("NOR", [-1, -1], -0.5)
    assert ch1.gate("x1 AND NOT x2", [1, -1], 0.5)
    fb = ch1.gate("NAND", [1, 1], 2)
    assert not fb and "on input (0, 0)" in fb.message
    assert not ch1.gate("XOR", [1, 1], 1)
    assert not ch1.gate("NAND", [1, 1, 1], 1)


def test_rule_step_checker():
    assert ch1.rule_step([1.5, -1.5], 1.0)
    assert not ch1.rule_step([1.0, -2.0], 0.5)           # "no change" is wrong: y_hat = 0
    assert not ch1.rule_step([0.5, -2.5], 0.0)           # wrong sign
    assert not ch1.rule_step([1.5, -1.5], 0.5)           # forgot the bias


def test_novikoff_checker():
    assert ch1.novikoff(5.5)
    fb = ch1.novikoff(np.sqrt(5.5))
    assert not fb and "square" in fb.message
    assert not ch1.novikoff(9.0)


def test_threshold_functions_are_all_but_xor_and_xnor():
    found = ch1.threshold_functions()
    every = set(itertools.product((0, 1), repeat=4))
    assert every - found == {(0, 1, 1, 0), (1, 0, 0, 1)}
    assert ch1.count_threshold_functions(14) and not ch1.count_threshold_functions(16)


def test_xnor_checker():
    good_hidden = {"weights": [[1, 1], [-1, -1]], "thresholds": [2, 0]}      # AND, NOR
    assert ch1.xnor_network(good_hidden, {"weights": [1, 1], "threshold": 1})   # OR
    assert not ch1.xnor_network(XOR_HIDDEN, XOR_OUTPUT)                  # that is XOR
    assert not ch1.xnor_network({"weights": [[1, 1]]}, {"weights": [1], "threshold": 1})


def test_svm_checker():
    assert ch1.svm_step(0, [1.9, 0.0], 0.0)
    assert ch1.svm_step(1, [1.925, 0.0], 0.1)
    assert not ch1.svm_step(0, [2.1, 0.1], 0.1)
    assert not ch1.svm_step(1, [1.925, 0.0], 0.0)
    assert not ch1.svm_step(2, [0, 0], 0)


def test_panel_checkers():
    n = count_mistakes(*chapter.PANEL_DATA, [0.0, 1.0], 0.0)
    assert ch1.panel_mistakes(n, 0.0, 1.0, 0.0)
    assert not ch1.panel_mistakes(n + 1, 0.0, 1.0, 0.0)
    assert ch1.eta_effect("same line")
    assert not ch1.eta_effect("line moves less")
    assert not ch1.eta_effect("bigger")


def test_mcculloch_pitts_gates_used_in_the_chapter():
    np.testing.assert_array_equal(mcculloch_pitts(TRUTH, [1, 1], 2), [0, 0, 0, 1])
    np.testing.assert_array_equal(mcculloch_pitts(TRUTH, [1, 1], 1), [0, 1, 1, 1])
    np.testing.assert_array_equal(mcculloch_pitts([[0], [1]], [-1], 0), [1, 0])


# ------------------------------------------------------------------ margin notation, 1943 units,
# the direction panel and the brain-scale figure
def test_direction_paths_show_what_the_chapter_says():
    over, sep = chapter.direction_paths("overlapping"), chapter.direction_paths("separable")
    n = chapter.DIRECTION_RUN["epochs"]
    for paths in (over, sep):
        for W, B in paths.values():
            assert W.shape == (n + 1, 2) and B.shape == (n + 1,) and not W.flags.writeable
    norm = {k: np.linalg.norm(p["logistic"][0][[200, 300]], axis=1) for k, p in
            {"over": over, "sep": sep}.items()}
    assert norm["over"][1] / norm["over"][0] < 1.01 < norm["sep"][1] / norm["sep"][0]
    W = sep["perceptron"][0]
    assert np.all(W[10:] == W[-1])                       # stopped: no mistakes any more
    with pytest.raises(ValueError, match="dataset must be"):
        chapter.direction_data("moons")


def test_direction_panel_shows_each_epoch():
    for dataset in chapter.DIRECTION_DATA:
        for epoch in (1, 300):
            fig = chapter.direction_panel(dataset, epoch)
            assert f"epoch {epoch}:" in fig.axes[0].get_title()
            assert fig.axes[3].get_xlabel().startswith("epoch")
    assert chapter.direction_panel.render(dataset="separable", epoch=5)[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="epoch must be <="):
        chapter.direction_panel("separable", 301)


def test_brain_scale_figure():
    fig = chapter.brain_scale_figure(1e10, (1e4, 1e5), 1e-3, 0.1)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "$10^{2}$" in texts and "$10^{14}$ to $10^{15}$" in texts
    assert _labelled(fig)


def test_new_exercise_checkers():
    assert ch1.serial_steps(30)
    assert not ch1.serial_steps(1 / 30) and "wrong way round" in repr(ch1.serial_steps(1 / 30))
    loss, g = np.log1p(np.exp(2.0)), 1 / (1 + np.exp(-2.0))
    assert ch1.logistic_margin(loss, g)
    assert not ch1.logistic_margin(np.log1p(np.exp(-2.0)), g)
    assert not ch1.logistic_margin(loss, 1 - g)
    assert ch1.turning_model("overlapping", "perceptron")
    assert ch1.turning_model("separable", "svm")
    assert not ch1.turning_model("separable", "perceptron")
    assert not ch1.turning_model("moons", "svm")


def test_novikoff_run_obeys_both_inequalities_and_the_panel_says_so():
    bounds = []
    for margin in chapter.NOVIKOFF_MARGINS:
        r = chapter.novikoff_run(margin)
        k = r["k"]
        assert np.all(r["progress"] >= k * r["gamma"] - 1e-9)
        assert np.all(r["length"] <= np.sqrt(k) * r["R"] + 1e-9)
        assert np.all(r["progress"] <= r["length"] + 1e-9)      # Cauchy-Schwarz
        assert len(k) <= r["bound"]
        bounds.append(r["bound"])
        fig = chapter.novikoff_panel(margin)
        assert f"after {len(k)} mistakes" in fig.axes[0].get_title()
        assert fig.axes[1].get_xlabel().startswith("number of mistakes")
    assert all(np.diff(bounds) < 0)


def test_checkers_take_three_significant_digits_and_any_case():
    assert ch1.logistic_margin(2.13, 0.881)                 # log(1 + e^2) = 2.1269, sigma(2)
    assert not ch1.logistic_margin(2.2, 0.881)
    assert ch1.turning_model("separable", " SVM ")
    assert ch1.eta_effect("Same  Line")
    assert not ch1.eta_effect("steeper line")
    fb = ch1.novikoff(5)                                    # the whole number below 5.5
    assert not fb and "without rounding" in fb.message
    fb = ch1.svm_step(1, [2.0, 0.0], 0.0)
    assert not fb and "y*(w.x + b)" in fb.message


def test_the_chapter_and_its_checkers_share_one_definition_of_each_experiment():
    assert chapter.PANEL_DATA is ch1.PANEL_DATA and chapter.direction_paths is ch1.direction_paths
    X, y = data.linearly_separable(n=30, margin=0.1, random_state=5)
    np.testing.assert_array_equal(chapter.PANEL_DATA[0], X)
    np.testing.assert_array_equal(chapter.PANEL_DATA[1], y)
    r = chapter.novikoff_run(0.2)
    X, y, (u, c) = data.linearly_separable(n=100, margin=0.2, random_state=0, return_line=True)
    np.testing.assert_array_equal(r["X"], X)
    np.testing.assert_array_equal(r["line"][0], u)
    assert r["line"][1] == c
    np.testing.assert_allclose(r["u"], np.append(u, c) / np.linalg.norm(np.append(u, c)))
