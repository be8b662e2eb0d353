"""Chapter 1: the perceptron panels, the helpers behind the text, and the exercise checkers."""

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import losses
from nnbook.exercises import ch1
from nnbook.panels import perceptron as P
from nnbook.perceptron import Perceptron, mcculloch_pitts

TRUTH = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.axison]
    assert axes, "no visible axes"
    for ax in axes:
        assert ax.get_xlabel(), "a plot lacks its x label"
    plt.close(fig)
    return True


# ------------------------------------------------------------------ data and theory helpers
@pytest.mark.parametrize("seed", [0, 3, 7])
def test_separable_data_keeps_its_margin(seed):
    X, y, u, c = P.separable_data(n=50, margin=0.2, random_state=seed)
    assert X.shape == (50, 2) and y.shape == (50,)
    assert np.linalg.norm(u) == pytest.approx(1.0)
    dist = X @ u + c
    assert np.all(np.abs(dist) >= 0.2)
    np.testing.assert_array_equal(y, (dist > 0).astype(int))
    X2, y2, _, _ = P.separable_data(n=50, margin=0.2, random_state=seed)
    np.testing.assert_array_equal(X, X2)


def test_novikoff_bound_by_hand_and_holds():
    R, gamma, bound = P.novikoff_bound(ch1.BOUND["X"], ch1.BOUND["y"], [1.0, 1.0], 0.0)
    assert R == pytest.approx(np.sqrt(11)) and gamma == pytest.approx(np.sqrt(2))
    assert bound == pytest.approx(5.5)
    X, y, u, c = P.separable_data(n=100, margin=0.1, random_state=0)
    _, gamma, bound = P.novikoff_bound(X, y, u, c)
    assert gamma >= 0.1 / np.linalg.norm(np.append(u, c)) - 1e-12
    for seed in range(5):
        p = Perceptron(max_epochs=1000, random_state=seed).fit(X, y)
        assert p.converged_ and sum(p.errors_) <= bound
    # the scale of (w*, b*) does not matter
    assert P.novikoff_bound(X, y, 3 * u, 3 * c)[2] == pytest.approx(bound)


def test_novikoff_bound_rejects_a_non_separating_line():
    with pytest.raises(ValueError, match="does not separate"):
        P.novikoff_bound(TRUTH, [0, 1, 1, 0], [1.0, 1.0], -1.0)
    with pytest.raises(ValueError, match="all zero"):
        P.novikoff_bound(TRUTH, [0, 0, 0, 1], [0.0, 0.0], 0.0)


@pytest.mark.parametrize("eta", [1.0, 0.1])
def test_rule_trace_matches_the_package_perceptron(eta):
    X, y = P.PANEL_DATA
    tr = P.rule_trace(X, y, eta=eta)
    p = Perceptron(eta=eta, shuffle=False).fit(X, y)
    assert tr["errors"] == p.errors_ and tr["converged"]
    assert len(tr["index"]) == sum(p.errors_) == len(tr["w"]) - 1
    np.testing.assert_allclose(tr["w"][-1], p.w_)
    assert tr["b"][-1] == pytest.approx(p.b_)
    np.testing.assert_array_equal(tr["w"][0], [0.0, 0.0])
    # each update is w <- w + eta (y - y_hat) x on the point that triggered it
    for k, i in enumerate(tr["index"]):
        sign = 1 if y[i] == 1 else -1
        np.testing.assert_allclose(tr["w"][k + 1] - tr["w"][k], eta * sign * X[i])
        wrong_before = int(X[i] @ tr["w"][k] + tr["b"][k] >= 0) != y[i]
        assert wrong_before


def test_eta_only_rescales_from_zero():
    X, y = P.PANEL_DATA
    a, b = P.rule_trace(X, y, eta=1.0), P.rule_trace(X, y, eta=0.1)
    np.testing.assert_allclose(b["w"], 0.1 * a["w"])
    np.testing.assert_array_equal(a["index"], b["index"])


def test_rule_trace_on_xor_never_converges():
    tr = P.rule_trace(TRUTH, [0, 1, 1, 0], max_epochs=30)
    assert not tr["converged"] and len(tr["errors"]) == 30 and min(tr["errors"]) > 0


def test_count_mistakes():
    assert P.count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1], -2) == 0
    assert P.count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1], -1) == 2
    with pytest.raises(ValueError, match="w has 3 entries"):
        P.count_mistakes(TRUTH, [0, 0, 0, 1], [1, 1, 1], 0)


def test_xor_network_truth_table():
    H, out = P.xor_network(TRUTH)
    np.testing.assert_array_equal(H[:, 0], [0, 1, 1, 1])        # OR
    np.testing.assert_array_equal(H[:, 1], [1, 1, 1, 0])        # NAND
    np.testing.assert_array_equal(out, [0, 1, 1, 0])
    with pytest.raises(ValueError, match="thresholds"):
        P.xor_network(TRUTH, {"weights": np.ones((2, 2)), "thresholds": [1.0]})


def test_sgd_neuron_updates_match_the_loss_gradients():
    # one step on one point equals minus eta times the gradient of that point's loss
    x, y = np.array([[0.5, -1.0]]), np.array([1])
    for model in P.MODELS:
        w, b = P.sgd_neuron(x, y, model, eta=0.3, epochs=1, lam=0.0)
        if model == "perceptron":     # from w = 0, z = 0 counts as a mistake
            g = np.array([-1.0])      # d/dz max(0, -z) at z = 0 taken as -1 (the update rule)
        elif model == "svm":
            g = losses.hinge_grad(np.array([0.0]), np.array([1.0]))
        else:
            g = losses.binary_cross_entropy_grad(np.array([0.0]), np.array([1.0]),
                                                 from_logits=True)
        np.testing.assert_allclose(w, -0.3 * g[0] * x[0])
        assert b == pytest.approx(-0.3 * g[0])


def test_sgd_neuron_svm_shrinks_confident_points():
    w, b = ch1._svm_update(0)
    np.testing.assert_allclose(w, [1.9, 0.0])
    assert b == 0.0


@pytest.mark.parametrize("model", P.MODELS)
def test_sgd_neuron_separates_separable_data(model):
    X, y, _, _ = P.separable_data(n=80, margin=0.2, random_state=1)
    w, b = P.sgd_neuron(X, y, model, eta=0.1, epochs=100, lam=0.001)
    assert np.mean((X @ w + b >= 0) == y) >= 0.97


def test_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="model must be"):
        P.sgd_neuron(TRUTH, [0, 0, 0, 1], "adaline")
    with pytest.raises(ValueError, match="labels 0 or 1"):
        P.rule_trace(TRUTH, [0, 0, 0, 2])
    with pytest.raises(ValueError, match="eta must be > 0"):
        P.rule_trace(TRUTH, [0, 0, 0, 1], eta=0.0)
    with pytest.raises(ValueError, match="margin"):
        P.separable_data(margin=1.5)
    with pytest.raises(ValueError, match="one label per row"):
        P.count_mistakes(TRUTH, [0, 1], [1, 1], 0)


# ------------------------------------------------------------------ panels and figures
@pytest.mark.parametrize("w1, w2, b", [(1.5, 2.0, -0.75), (0.0, 0.0, 0.0), (-1.0, 1.0, 0.0)])
def test_boundary_panel_counts_mistakes_in_its_title(w1, w2, b):
    fig = P.boundary_panel(w1, w2, b)
    n = P.count_mistakes(*P.PANEL_DATA, [w1, w2], b)
    assert f": {n} misclassified" in fig.axes[0].get_title()
    assert _labelled(fig)
    assert P.count_mistakes(*P.PANEL_DATA, [1.5, 2.0], -0.75) == 0


@pytest.mark.parametrize("eta", [0.1, 1.0])
def test_rule_panel_shows_each_update(eta):
    n_up = len(P.rule_trace(*P.PANEL_DATA, eta=eta)["index"])
    for k in (0, 1, n_up):
        fig = P.rule_panel(k, eta)
        title = fig.axes[0].get_title()
        assert (f"update {k} of {n_up}" in title) if k else title.startswith("start")
        assert _labelled(fig)
    with pytest.raises(ValueError, match="k must be <="):
        P.rule_panel(n_up + 1, eta)


def test_static_figures_are_labelled():
    events = [(1943, "McCulloch–Pitts", "model"), (1969, "Perceptrons", "setback"),
              (2012, "AlexNet", "result")]
    assert _labelled(P.timeline_figure(events))
    assert len(P.neuron_figure().axes) == 2
    plt.close("all")
    assert _labelled(P.gates_figure({"AND": ([1, 1], 2), "NOT": ([-1], 0)}))
    assert _labelled(P.xor_figure({"XOR": [2, 2, 2]}))
    X, y, _, _ = P.separable_data(n=40, random_state=2)
    assert _labelled(P.three_models_figure(X, y, {"a": (np.array([0.6, 0.8]), -0.3)}))
    assert _labelled(P.losses_figure())


def test_timeline_rejects_bad_events():
    with pytest.raises(ValueError, match="kind must be"):
        P.timeline_figure([(1943, "x", "idea")])
    with pytest.raises(TypeError, match="year"):
        P.timeline_figure([("1943", "x", "model")])
    with pytest.raises(ValueError, match="empty"):
        P.timeline_figure([])


def test_gates_figure_draws_the_truth_tables():
    fig = P.gates_figure({"AND": ([1, 1], 2)})
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
    assert not ch1.xnor_network(P.XOR_HIDDEN, P.XOR_OUTPUT)                  # that is XOR
    assert not ch1.xnor_network({"weights": [[1, 1]]}, {"weights": [1], "threshold": 1})


def test_svm_checker():
    assert ch1.svm_step(0, [1.9, 0.0], 0.0)
    assert ch1.svm_step(1, [1.925, 0.0], 0.1)
    assert not ch1.svm_step(0, [2.1, 0.1], 0.1)
    assert not ch1.svm_step(1, [1.925, 0.0], 0.0)
    assert not ch1.svm_step(2, [0, 0], 0)


def test_panel_checkers():
    n = P.count_mistakes(*P.PANEL_DATA, [0.0, 1.0], 0.0)
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
def _sgd_reference(X, y, model, eta, epochs, lam, random_state):
    """The per-sample loop on NumPy arrays, as sgd_neuron first wrote it."""
    rng = np.random.default_rng(random_state)
    s = 2.0 * y - 1.0
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.permutation(X.shape[0]):
            z = X[i] @ w + b
            if model == "perceptron":
                if s[i] * z <= 0:
                    w, b = w + eta * s[i] * X[i], b + eta * s[i]
            elif model == "svm":
                if s[i] * z < 1:
                    w, b = w - eta * (lam * w - s[i] * X[i]), b + eta * s[i]
                else:
                    w = w - eta * lam * w
            else:
                g = y[i] - 1.0 / (1.0 + np.exp(-z))
                w, b = w + eta * g * X[i], b + eta * g
    return w, b


@pytest.mark.parametrize("model", ["perceptron", "svm", "logistic"])
def test_sgd_path_is_the_per_sample_loop_epoch_by_epoch(model):
    X, y = P.direction_data("overlapping")
    W, B = P.sgd_path(X, y, model, eta=0.1, epochs=6, lam=0.01, random_state=3)
    assert W.shape == (7, 2) and B.shape == (7,)
    np.testing.assert_array_equal(W[0], [0.0, 0.0])
    for e in (1, 6):
        w_ref, b_ref = _sgd_reference(X, y, model, 0.1, e, 0.01, 3)
        np.testing.assert_allclose(W[e], w_ref, rtol=1e-10, atol=1e-12)
        assert B[e] == pytest.approx(b_ref, rel=1e-10, abs=1e-12)
    w, b = P.sgd_neuron(X, y, model, eta=0.1, epochs=6, lam=0.01, random_state=3)
    np.testing.assert_array_equal(w, W[-1])
    assert b == B[-1]


def test_sgd_path_makes_the_margin_step():
    # one example, one epoch from zero: w = eta g(0) y x with g = -l'(yz)
    x, y = np.array([[0.5, -1.0]]), np.array([0])          # label -1 in the margin notation
    g0 = {"perceptron": 1.0, "svm": 1.0, "logistic": 0.5}  # g at margin 0
    for model, g in g0.items():
        W, B = P.sgd_path(x, y, model, eta=0.3, epochs=1, lam=0.0)
        np.testing.assert_allclose(W[1], 0.3 * g * -1.0 * x[0])
        assert B[1] == pytest.approx(0.3 * g * -1.0)
    with pytest.raises(ValueError, match="model must be"):
        P.sgd_path(x, y, "ridge")


def test_mp_unit_1943_and_its_weighted_generalisation():
    np.testing.assert_array_equal(P.mp_unit_1943(TRUTH, [0, 1], [], 2), [0, 0, 0, 1])
    np.testing.assert_array_equal(P.mp_unit_1943(TRUTH, [0, 1], [], 1), [0, 1, 1, 1])
    np.testing.assert_array_equal(P.mp_unit_1943(TRUTH, [], [1], 0), [1, 0, 1, 0])
    np.testing.assert_array_equal(P.mp_unit_1943(TRUTH, [0], [1], 1), [0, 0, 1, 0])
    # three inputs: one inhibitory input vetoes however many excitatory ones are on
    X3 = np.array(list(itertools.product([0, 1], repeat=3)))
    out = P.mp_unit_1943(X3, [0, 1], [2], 1)
    np.testing.assert_array_equal(out, ((X3[:, 0] + X3[:, 1] >= 1) & (X3[:, 2] == 0)).astype(int))
    np.testing.assert_array_equal(out, mcculloch_pitts(X3, [1, 1, -3], 1))
    with pytest.raises(ValueError, match="0/1"):
        P.mp_unit_1943([[0.5, 1]], [0], [], 1)
    with pytest.raises(ValueError, match="outside"):
        P.mp_unit_1943(TRUTH, [2], [], 1)


def test_direction_angle():
    np.testing.assert_allclose(P.direction_angle([[1, 0], [0, 1], [-1, -1]]), [0, 90, -135])
    with pytest.raises(ValueError, match="2 columns"):
        P.direction_angle(np.ones((2, 3)))


def test_direction_paths_show_what_the_chapter_says():
    over, sep = P.direction_paths("overlapping"), P.direction_paths("separable")
    n = P.DIRECTION_RUN["epochs"]
    for paths in (over, sep):
        for W, B in paths.values():
            assert W.shape == (n + 1, 2) and B.shape == (n + 1,) and not W.flags.writeable
    norm = {k: np.linalg.norm(p["logistic"][0][[200, 300]], axis=1) for k, p in
            {"over": over, "sep": sep}.items()}
    assert norm["over"][1] / norm["over"][0] < 1.01 < norm["sep"][1] / norm["sep"][0]
    W = sep["perceptron"][0]
    assert np.all(W[10:] == W[-1])                       # stopped: no mistakes any more
    with pytest.raises(ValueError, match="dataset must be"):
        P.direction_data("moons")


def test_direction_panel_shows_each_epoch():
    for dataset in P.DIRECTION_DATA:
        for epoch in (1, 300):
            fig = P.direction_panel(dataset, epoch)
            assert f"epoch {epoch}:" in fig.axes[0].get_title()
            assert fig.axes[3].get_xlabel().startswith("epoch")
    assert P.direction_panel.render(dataset="separable", epoch=5)[:4] == b"\x89PNG"
    with pytest.raises(ValueError, match="epoch must be <="):
        P.direction_panel("separable", 301)


def test_brain_scale_figure():
    fig = P.brain_scale_figure(1e10, (1e4, 1e5), 1e-3, 0.1)
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
    for margin in P.NOVIKOFF_MARGINS:
        r = P.novikoff_run(margin)
        k = r["k"]
        assert np.all(r["progress"] >= k * r["gamma"] - 1e-9)
        assert np.all(r["length"] <= np.sqrt(k) * r["R"] + 1e-9)
        assert np.all(r["progress"] <= r["length"] + 1e-9)      # Cauchy-Schwarz
        assert len(k) <= r["bound"]
        bounds.append(r["bound"])
        fig = P.novikoff_panel(margin)
        assert f"after {len(k)} mistakes" in fig.axes[0].get_title()
        assert fig.axes[1].get_xlabel().startswith("number of mistakes")
    assert all(np.diff(bounds) < 0)


def test_averaged_perceptron_is_the_running_mean_of_the_perceptron():
    X, y = P.direction_data("overlapping")
    W, B = P.averaged_perceptron_path(X, y, eta=0.1, epochs=3, random_state=0)
    # by hand: the perceptron of sgd_path, averaged over every visit
    rng = np.random.default_rng(0)
    s = 2.0 * y - 1.0
    w, b, sw, sb, t = np.zeros(2), 0.0, np.zeros(2), 0.0, 0
    for e in range(1, 4):
        for i in rng.permutation(len(y)):
            if s[i] * (X[i] @ w + b) <= 0:
                w, b = w + 0.1 * s[i] * X[i], b + 0.1 * s[i]
            sw, sb, t = sw + w, sb + b, t + 1
        np.testing.assert_allclose(W[e], sw / t, rtol=1e-10, atol=1e-12)
        assert B[e] == pytest.approx(sb / t, rel=1e-10, abs=1e-12)
    Wp, _ = P.sgd_path(X, y, "perceptron", eta=0.1, epochs=3, random_state=0)
    np.testing.assert_allclose(w, Wp[-1], rtol=1e-10, atol=1e-12)


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
