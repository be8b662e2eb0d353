"""Chapter 2: the activation panels, the helpers behind its figures, and the exercise checkers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import activations
from nnbook._checks import check_option
from nnbook.chapters import ch02_activations as chapter
from nnbook.exercises import ch2
from nnbook.gradcheck import numerical_gradient, relative_error


def _labelled(fig):
    """Every row of plots has x labels below it and every plot row a y label (shared axes
    carry their labels once, on the outer plots)."""
    axes = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert any(ax.get_xlabel() for ax in axes), "no x label"
    assert any(ax.get_ylabel() for ax in axes), "no y label"
    lowest = min(ax.get_position().y0 for ax in axes)
    for ax in axes:
        if abs(ax.get_position().y0 - lowest) < 1e-6:
            assert ax.get_xlabel(), "a plot of the bottom row lacks its x label"
    plt.close(fig)
    return True


# ------------------------------------------------------------------ panels
@pytest.mark.parametrize("activation", chapter.PANEL_ACTIVATIONS)
@pytest.mark.parametrize("w, b", [(-1.0, -2.0), (1.0, 0.0), (3.0, 2.0), (0.0, 1.0)])
def test_neuron_panel_draws_function_and_slope(activation, w, b):
    fig = chapter.neuron_1d(activation, w, b)
    assert isinstance(fig, plt.Figure)
    left, right = fig.axes
    assert left.get_ylabel().startswith("output")
    assert right.get_ylabel().startswith("local gradient")
    x, a = left.lines[0].get_data()
    f, df, _ = chapter.ZOO[activation]
    np.testing.assert_allclose(a, f(w * x + b))
    np.testing.assert_allclose(right.lines[0].get_ydata(), df(w * x + b))
    assert left.get_title().startswith(f"{activation}: ")
    peak = float(df(w * x + b).max())
    assert right.get_title() == (f"largest f'(z): {peak:.3g};  steepest da/dx = w f': "
                                 f"{abs(w) * peak:.3g}")
    if w != 0:                         # the title's da/dx is the slope of the left-hand curve
        steepest = np.max(np.abs(np.diff(a) / np.diff(x)))
        if activation != "step":
            assert steepest == pytest.approx(abs(w) * peak, rel=0.02)
    assert left.get_ylim() == chapter.zoo._YLIM[activation]
    shown = w != 0 and abs(b / w) <= 4
    for line in chapter.neuron_1d.crosses:
        assert line.get_visible() == shown
        if shown:
            assert line.get_xdata()[0] == pytest.approx(-b / w)
    assert chapter.neuron_1d.jump.get_visible() == (activation == "step" and shown)
    assert _labelled(fig)


def test_neuron_panel_reuses_its_figure_and_moves_the_artists():
    fig = chapter.neuron_1d("relu", 1.0, 0.0)
    n_artists = len(fig.axes[0].get_children()) + len(fig.axes[1].get_children())
    assert chapter.neuron_1d("step", -1.0, 2.0) is fig             # one figure, updated in place
    assert len(fig.axes[0].get_children()) + len(fig.axes[1].get_children()) == n_artists
    x = fig.axes[0].lines[0].get_xdata()
    np.testing.assert_allclose(fig.axes[0].lines[0].get_ydata(), activations.step(2.0 - x))
    assert fig.axes[0].get_ylim() == chapter.zoo._YLIM["step"]
    assert chapter.neuron_1d.jump.get_visible() and chapter.neuron_1d.jump.xy == (2.0, 0)
    assert fig.axes[1].get_title() == "largest f'(z): 0;  steepest da/dx = w f': 0"
    chapter.neuron_1d("tanh", 0.0, 1.0)                              # w = 0: no crossing to mark
    assert not any(line.get_visible() for line in chapter.neuron_1d.crosses)
    assert not chapter.neuron_1d.jump.get_visible()
    assert fig.axes[0].get_ylim() == chapter.zoo._YLIM["tanh"]
    assert all(plt.figure(n) is not fig for n in plt.get_fignums())   # not in pyplot


@pytest.mark.parametrize("depth", [1, 2, 10, 20])
def test_depth_panel_has_one_point_per_weight_layer(depth):
    fig = chapter.depth_panel(depth)
    ax = fig.axes[0]
    assert len(ax.lines) == 3
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for line, name, label in zip(ax.lines, chapter.STACKS, labels):
        g = chapter.gradient_norms(name, depth)
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, depth + 2))
        np.testing.assert_allclose(line.get_ydata(), g)
        assert label == f"{name} (layer 1: {g[0]:.1e})"
    assert ax.get_title() == f"{depth} hidden layers of 32 units"
    assert ax.get_yscale() == "log"
    assert _labelled(fig)


def test_depth_panel_update_shrinks_the_lines_again():
    chapter.depth_panel(20)
    fig = chapter.depth_panel(3)
    assert [len(line.get_xdata()) for line in fig.axes[0].lines] == [4, 4, 4]
    assert fig.axes[0].get_xlim() == (0.5, 21.5)


@pytest.mark.parametrize("kind", ["leaky ReLU", "ELU"])
@pytest.mark.parametrize("param", [0.0, 0.1, 1.0])
def test_negative_side_panel_reports_the_slope_at_minus_two(kind, param):
    fig = chapter.negative_side(kind, param)
    f, grad = ((activations.leaky_relu, activations.leaky_relu_grad) if kind == "leaky ReLU"
               else (activations.elu, activations.elu_grad))
    assert f"f'(-2) = {float(grad(-2.0, param)):.3f}" in fig.axes[1].get_title()
    left, right = fig.axes
    z, a = left.lines[1].get_data()
    np.testing.assert_allclose(a, f(z, param))
    np.testing.assert_allclose(left.lines[0].get_ydata(), activations.relu(z))   # fixed ReLU
    assert [t.get_text() for t in left.get_legend().get_texts()] == ["ReLU", kind]
    slope = right.lines[0].get_ydata()
    ok = ~np.isnan(slope)
    assert ok.sum() > 300                  # only points next to the jump at 0 are cut
    np.testing.assert_allclose(slope[ok], grad(z[ok], param))
    assert right.lines[1].get_ydata()[0] == pytest.approx(float(grad(-2.0, param)))
    assert _labelled(fig)


@pytest.mark.parametrize("fn", [chapter.zoo_figure, chapter.bias_figure, chapter.landscape_figure,
                                chapter.vanishing_figure])
def test_static_figures_are_labelled(fn):
    fig = fn()
    assert isinstance(fig, plt.Figure)
    assert _labelled(fig)


def test_panels_reject_bad_parameters():
    with pytest.raises(ValueError, match="activation"):
        chapter.neuron_1d("softmax")
    with pytest.raises(ValueError, match="kind"):
        chapter.negative_side("PReLU", 0.1)
    with pytest.raises(ValueError, match="param"):
        chapter.negative_side("ELU", -1.0)
    with pytest.raises(ValueError, match="depth"):
        chapter.gradient_norms("relu", 0)
    with pytest.raises(ValueError, match="activation"):
        chapter.gradient_norms("step", 3)


# ------------------------------------------------------------------ helpers behind the text
def test_bias_is_needed_for_the_two_clouds():
    X, y = chapter.bias_data()
    w0, b0 = chapter.fit_neuron(X, y, use_bias=False)
    w1, b1 = chapter.fit_neuron(X, y, use_bias=True)
    assert b0 == 0.0
    assert np.mean((X @ w0 >= 0) == y) <= 0.6
    assert np.mean((X @ w1 + b1 >= 0) == y) == 1.0


def test_fit_neuron_follows_the_cross_entropy_gradient():
    X, y = chapter.bias_data(n=20)
    w, b = chapter.fit_neuron(X, y, epochs=1, lr=1.0)
    # from w = 0, b = 0 every output is 1/2, so one step is -(1/n) sum (1/2 - y) x
    np.testing.assert_allclose(w, -((0.5 - y) @ X) / len(y))
    assert b == pytest.approx(-np.mean(0.5 - y))


def test_vanishing_gradients_sigmoid_shrinks_relu_and_tanh_do_not():
    sig = chapter.first_layer_norms("sigmoid", [1, 5, 10, 20])
    assert np.all(np.diff(np.log(sig)) < 0)
    assert sig[-1] < 1e-10 < sig[0]
    for name in ("tanh", "relu"):
        assert chapter.first_layer_norms(name, [20])[0] > 1e-2


def test_gradient_norms_are_cached_and_read_only():
    a = chapter.gradient_norms("tanh", 3)
    assert a is chapter.gradient_norms("tanh", 3)
    assert a.shape == (4,)
    with pytest.raises(ValueError):
        a[0] = 1.0


def test_zoo_maxout_derivative_matches_central_differences():
    f, df, _ = chapter.ZOO["maxout"]
    z = np.array([-2.5, -1.0, 0.4, 2.0])            # away from the kink at z = -2/3
    num = numerical_gradient(lambda v: f(v).sum(), z)
    assert relative_error(df(z), num) < 1e-7


def test_step_landscape_is_flat_and_sigmoid_is_not():
    x, y = chapter.landscape_data()
    loss = lambda w, f: 0.5 * np.mean((f(w * x - 1.0) - y) ** 2)   # noqa: E731
    g_step = numerical_gradient(lambda v: loss(v, activations.step), np.array(2.5))
    g_sig = numerical_gradient(lambda v: loss(v, activations.sigmoid), np.array(2.5))
    assert float(g_step) == 0.0 and abs(float(g_sig)) > 1e-3


# ------------------------------------------------------------------ exercise checkers
def test_neuron_output_checker():
    right = float(activations.sigmoid(0.5))
    assert ch2.neuron_output(right)
    fb = ch2.neuron_output(0.5)
    assert not fb and "z itself" in fb.message
    assert not ch2.neuron_output(0.3)


def test_elu_slope_checker():
    assert ch2.elu_slope(0.5 * np.exp(-1.0))
    fb = ch2.elu_slope(float(activations.elu(-1.0, 0.5)))
    assert not fb and "value" in fb.message
    assert not ch2.elu_slope(1.0)


def test_softplus_checker():
    good = (lambda z: np.logaddexp(0.0, z), activations.sigmoid)
    assert ch2.softplus(*good)
    fb = ch2.softplus(activations.relu, activations.sigmoid)        # ReLU is not softplus
    assert not fb and "softplus" in fb.message and "logaddexp" in fb.message
    fb = ch2.softplus(good[0], activations.sigmoid_grad)            # wrong derivative
    assert not fb and "softplus'" in fb.message
    fb = ch2.softplus(good[0], "sigmoid")
    assert not fb and "function" in fb.message


def test_maxout_abs_checker():
    assert ch2.maxout_abs([[1.0], [-1.0]], [0.0, 0.0])
    assert ch2.maxout_abs([[-1.0], [1.0]], [0.0, 0.0])
    fb = ch2.maxout_abs([[1.0], [0.0]], [0.0, 0.0])               # that is ReLU
    assert not fb and "differs" in fb.message
    fb = ch2.maxout_abs([1.0, -1.0], [0.0, 0.0])
    assert not fb and "shape" in fb.message


def test_sigmoid_bound_checker():
    assert ch2.sigmoid_bound(0.25 ** 10)
    fb = ch2.sigmoid_bound(2.5)
    assert not fb and "multiply" in fb.message
    assert not ch2.sigmoid_bound(0.25)


def test_collapse_checker():
    W1, b1, W2, b2, W3, b3 = ch2.collapse_problem()
    assert W1.shape == (5, 4) and W3.shape == (2, 3)
    assert ch2.collapse(W3 @ W2 @ W1, W3 @ (W2 @ b1 + b2) + b3)
    fb = ch2.collapse(W3 @ W2 @ W1, W3 @ W2 @ b1 + b3)             # forgot b2
    assert not fb and "b2" in fb.message
    fb = ch2.collapse((W3 @ W2 @ W1).T, b3)
    assert not fb and "shape" in fb.message


def test_negative_gradients_checker():
    assert ch2.negative_gradients([0.0, 0.1, np.exp(-2.0)])
    fb = ch2.negative_gradients([0.0, 0.1, np.exp(-2.0) - 1])     # ELU's value, not its slope
    assert not fb and "index (2,)" in fb.message


def test_output_activations_checker():
    assert ch2.output_activations({"price": "identity", "spam": "sigmoid", "digit": "softmax"})
    fb = ch2.output_activations({"price": "relu", "spam": "sigmoid", "digit": "softmax"})
    assert not fb and "price" in fb.message
    fb = ch2.output_activations(["identity", "sigmoid", "softmax"])
    assert not fb and "keys" in fb.message


# ------------------------------------------------------------------ new material
@pytest.mark.parametrize("value, text", [(3.62e-4, "3.6 × 10⁻⁴"), (1.22e-13, "1.2 × 10⁻¹³"),
                                         (0.236, "0.24"), (9.99e-5, "1.0 × 10⁻⁴"),
                                         (12.6, "13"), (4.2e5, "4.2 × 10⁵")])
def test_sci_formats_for_the_prose(value, text):
    assert chapter.sci(value) == text


def test_relu_lr_runs_shapes_and_small_lr_keeps_units_alive():
    acc, dead = chapter.relu_lr_runs(0.1, seeds=range(2), epochs=5)
    assert acc.shape == (2,) and dead.shape == (2, 2)
    assert np.all((acc > 0.5) & (acc <= 1)) and np.all(dead[:, 0] == 0)


def test_deep_pass_matches_the_mlp_gradients():
    from nnbook.mlp import MLP
    Ws, X, y = chapter.init_problem(1.0, depth=3, width=6, n=9, random_state=1)
    for name in ("tanh", "relu", "sigmoid"):
        _, acts, deltas = chapter.deep_pass(Ws, X, y, name)
        net = MLP([6, 6, 6, 6, 1], activation=name, output="sigmoid",
                  loss="binary_cross_entropy", random_state=0)
        net.weights = [W.copy() for W in Ws]
        _, grads = net.loss_and_gradients(X, y)
        for l in range(4):
            np.testing.assert_allclose(deltas[l].T @ acts[l], grads["weights"][l], rtol=1e-10,
                                       atol=1e-14)
            np.testing.assert_allclose(deltas[l].sum(axis=0), grads["biases"][l], rtol=1e-10,
                                       atol=1e-14)


def test_init_spread_vanishes_and_explodes_as_the_scale_says():
    a_he, d_he = chapter.init_spread("relu", 2.0)
    a_small, d_small = chapter.init_spread("relu", 0.25)
    a_big, d_big = chapter.init_spread("relu", 16.0)
    assert a_he.shape == d_he.shape == (chapter.INIT_DEPTH,)
    assert 0.3 < a_he[-1] / a_he[0] < 3 and 0.3 < d_he[0] / d_he[-1] < 3
    assert a_small[-1] / a_small[0] < 1e-6 and d_small[0] / d_small[-1] < 1e-6
    assert a_big[-1] / a_big[0] > 1e6 and d_big[0] / d_big[-1] > 1e6
    with pytest.raises(ValueError, match="activation must be one of"):
        chapter.init_spread("step", 1.0)
    with pytest.raises(ValueError, match="c must be > 0"):
        chapter.init_spread("tanh", 0.0)


@pytest.mark.parametrize("activation", chapter.INIT_ACTIVATIONS)
@pytest.mark.parametrize("c", [0.25, 2.0, 16.0])
def test_init_panel_draws_both_spreads(activation, c):
    fig = chapter.init_panel(activation, c)
    left, right = fig.axes
    a_std, d_std = chapter.init_spread(activation, c)
    np.testing.assert_allclose(left.lines[1].get_ydata(), a_std)
    np.testing.assert_allclose(right.lines[1].get_ydata(), d_std)
    ref = chapter.init_spread(activation, 2.0 if activation == "relu" else 1.0)
    np.testing.assert_allclose(left.lines[0].get_ydata(), ref[0])
    assert f"Var(w) = {c:g}/n_in" in left.get_title()
    assert left.get_yscale() == right.get_yscale() == "log"
    assert _labelled(fig)


@pytest.mark.parametrize("fn", [chapter.init_histogram_figure, chapter.modern_figure])
def test_new_static_figures_are_labelled(fn):
    assert _labelled(fn())


def test_glorot_variance_checker():
    assert ch2.glorot_variance(2 / 884)
    assert "standard deviation" in ch2.glorot_variance(np.sqrt(2 / 884)).message
    assert "He variance" in ch2.glorot_variance(2 / 784).message
    assert not ch2.glorot_variance(0.5)


def test_delta_chain_checker():
    z1 = 0.5
    delta2 = 2 * np.tanh(z1) - 1
    delta1 = (1 - np.tanh(z1) ** 2) * 2 * delta2
    assert ch2.delta_chain(delta1)
    assert "delta2" in ch2.delta_chain(delta2).message
    assert "tanh'(z1)" in ch2.delta_chain(2 * delta2).message
    assert not ch2.delta_chain(1.0)
    # the same number from the package's backward pass
    from nnbook.mlp import MLP
    net = MLP([1, 1, 1], activation="tanh", output="identity", loss="mse", random_state=0)
    net.weights = [np.array([[0.5]]), np.array([[2.0]])]
    net.loss_and_gradients(np.array([[1.0]]), np.array([1.0]))
    _, grads = net.loss_and_gradients(np.array([[1.0]]), np.array([1.0]))
    assert grads["biases"][0][0] == pytest.approx(delta1)


def test_silu_minimum_checker():
    z = np.linspace(-4, 0, 400001)
    z_min = z[np.argmin(activations.silu(z))]
    assert ch2.silu_minimum(z_min)
    assert abs(float(activations.silu_grad(ch2._silu_minimum_location()))) < 1e-12
    assert "smallest value" in ch2.silu_minimum(float(activations.silu(z_min))).message
    assert not ch2.silu_minimum(-1.0)


# ------------------------------------------------------------------ checker tolerance
@pytest.mark.parametrize("checker, answer", [
    (ch2.glorot_variance, 0.00226),        # what the solution cell prints
    (ch2.delta_chain, -0.119),             # three significant digits by hand
    (ch2.elu_slope, 0.184),
    (ch2.neuron_output, 0.622),
    (ch2.sigmoid_bound, 9.54e-7),
    (ch2.silu_minimum, -1.2785),           # four decimals, as the exercise asks
])
def test_checkers_accept_three_significant_digits(checker, answer):
    assert checker(answer)


@pytest.mark.parametrize("checker, answer", [
    (ch2.glorot_variance, 0.0023), (ch2.delta_chain, -0.12), (ch2.silu_minimum, -1.278)])
def test_checkers_call_a_near_miss_close(checker, answer):
    fb = checker(answer)
    assert not fb and "close" in fb.message


@pytest.mark.parametrize("checker", [ch2.glorot_variance, ch2.delta_chain, ch2.silu_minimum,
                                     ch2.elu_slope, ch2.sigmoid_bound, ch2.neuron_output])
def test_checkers_reject_non_numbers_with_a_message(checker):
    fb = checker("0.5 or so")
    assert not fb and "single number" in fb.message


def test_negative_gradients_accepts_the_panel_title_value():
    assert ch2.negative_gradients([0.0, 0.1, 0.135])          # the panel prints f'(-2) = 0.135


def test_output_activations_accepts_linear_and_any_case():
    assert ch2.output_activations({"price": "Linear", "spam": "SIGMOID", "digit": "softmax"})
    assert not ch2.output_activations({"price": "relu", "spam": "sigmoid", "digit": "softmax"})


def test_experiment_helpers_check_their_arguments():
    X, y = chapter.bias_data(n=10, random_state=np.random.default_rng(0))
    assert X.shape == (10, 2) and y.tolist() == [0, 1] * 5
    np.testing.assert_array_equal(chapter.bias_data(random_state=3)[0],
                                  chapter.bias_data(random_state=3)[0])
    with pytest.raises(ValueError, match="n must be >= 2"):
        chapter.bias_data(n=1)
    with pytest.raises(ValueError, match="y has 3 labels but X has 4 rows"):
        chapter.fit_neuron(np.ones((4, 2)), [0, 1, 0])
    with pytest.raises(ValueError, match="lr must be > 0"):
        chapter.fit_neuron(np.ones((4, 2)), [0, 1, 0, 1], lr=0.0)
    with pytest.raises(ValueError, match="c must be > 0"):
        chapter.init_problem(0.0)
    # the seed goes through check_random_state: an int and a generator seeded alike agree
    Ws, X, y = chapter.init_problem(1.0, depth=2, width=3, n=4, random_state=7)
    Ws_g, X_g, y_g = chapter.init_problem(1.0, depth=2, width=3, n=4,
                                          random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(X, X_g)
    np.testing.assert_array_equal(Ws[-1], Ws_g[-1])
    with pytest.raises(ValueError, match="random_state"):
        chapter.init_problem(1.0, random_state=-1)
    with pytest.raises(ValueError, match="unknown activation"):
        chapter.landscape_loss("sigmoidal", [1.0])


def test_check_option_names_the_argument_and_lists_the_options():
    assert check_option("relu", ("tanh", "relu"), "activation") == "relu"
    with pytest.raises(ValueError, match=r"kind must be one of \['leaky ReLU', 'ELU'\], got 'x'"):
        chapter.negative_side(kind="x")


def test_landscape_loss_is_the_half_mean_squared_error():
    x, y = chapter.landscape_data()
    for name, f in (("step", activations.step), ("sigmoid", activations.sigmoid)):
        want = [0.5 * np.mean((f(w * x - 1.0) - y) ** 2) for w in (0.0, 1.0, 2.5)]
        np.testing.assert_allclose(chapter.landscape_loss(name, [0.0, 1.0, 2.5]), want,
                                   rtol=1e-12)
    # the step's loss only changes where a point crosses the threshold: at w = 0 every output
    # is step(-1) = 0, so the loss is half the share of class-1 points
    assert chapter.landscape_loss("step", [0.0])[0] == pytest.approx(0.5 * np.mean(y))
