"""Tests for chapter 3: nnbook.chapters.ch03_mlp and nnbook.exercises.ch3."""

import matplotlib
import matplotlib.colors

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbook import activations, losses  # noqa: E402
from nnbook.chapters import ch03_mlp as chapter  # noqa: E402
from nnbook.exercises import ch3  # noqa: E402
from nnbook.mlp import MLP  # noqa: E402
from nnbook.plotting import COLORS  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.get_visible() and ax.axison and ax.has_data()]
    return all(ax.get_xlabel() or ax.get_ylabel() or ax.get_title() for ax in axes)


def _tiny_digit_net():
    rng = np.random.default_rng(0)
    X = rng.random((60, 784))
    y = np.arange(60) % 10
    net = MLP([784, 8, 10], random_state=0).fit(X, y, epochs=2, lr=0.1, batch_size=20)
    return net, X, y


# ------------------------------------------------------------------ XOR
def test_hand_set_xor_network_solves_xor_with_the_documented_weights():
    net = chapter.hand_set_xor_mlp()
    np.testing.assert_array_equal(net.predict(chapter.XOR_X), chapter.XOR_Y)
    np.testing.assert_allclose(net.weights[0], [[20, 20], [20, 20]])
    np.testing.assert_allclose(net.biases[0], [-10, -30])
    np.testing.assert_allclose(net.weights[1], [[20, -20]])
    np.testing.assert_allclose(net.biases[1], [-10])
    net.forward(chapter.XOR_X)
    h = net.activations_[1]
    np.testing.assert_array_equal(h.round(), [[0, 0], [1, 0], [1, 0], [1, 1]])  # OR, AND


@pytest.mark.parametrize("c1, c2, right", [(0.5, 1.5, 4), (-0.5, 1.5, 3), (0.5, 0.75, 2)])
def test_xor_thresholds_move_the_lines(c1, c2, right):
    net = chapter.hand_set_xor_mlp(c1, c2)
    assert int(np.sum(net.predict(chapter.XOR_X) == chapter.XOR_Y)) == right
    assert chapter.xor_rows_right(net) == right


def test_rows_right_counts_the_rows_one_way_for_nets_and_hidden_snapshots():
    H = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0]])   # OR, AND of the rows
    w2, b2 = np.array([1.0, -1.0]), -0.5                              # "h1 and not h2"
    assert ch3.hidden_space_rows_right((H, w2, b2)) == 4
    assert ch3.hidden_space_rows_right((H, -w2, -b2)) == 0            # every verdict flipped
    assert ch3.hidden_space_rows_right((H, w2, 0.5)) == 2             # says 0 everywhere
    # z = h1 + h2 - 1 is 0 on the two middle rows: z = 0 says 0, so only row (0, 0) is right
    assert ch3.hidden_space_rows_right((H, np.array([1.0, 1.0]), -1.0)) == 1
    for seed in (0, 1, 3):                   # at the end of training both counts agree
        net, snaps = ch3.xor_history(seed)
        assert ch3.hidden_space_rows_right(snaps[ch3.XOR_EPOCHS[-1]]) == ch3.xor_rows_right(net)
    assert chapter.xor_rows_right is ch3.xor_rows_right
    assert chapter.hidden_space_rows_right is ch3.hidden_space_rows_right
    with pytest.raises(ValueError, match="2 inputs and 1 output"):
        ch3.xor_rows_right(MLP([2, 3]))


def test_xor_history_takes_a_random_state():
    net, _ = ch3.xor_history(3)
    assert net is ch3.xor_history(3)[0]                                # cached
    fresh = MLP([2, 2, 1], activation="tanh", output="sigmoid", loss="binary_cross_entropy",
                random_state=3)
    fresh.fit(ch3.XOR_X, ch3.XOR_Y, epochs=ch3.XOR_EPOCHS[-1], lr=0.5, batch_size=4)
    for a, b in zip(net.weights + net.biases, fresh.weights + fresh.biases):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="random_state"):
        ch3.xor_history(-1)
    with pytest.raises(TypeError, match="random_state"):
        ch3.xor_history(np.random.default_rng(0))                      # not a cache key


def test_xor_network_rejects_bad_parameters():
    with pytest.raises(ValueError, match="k"):
        chapter.hand_set_xor_mlp(k=0.0)
    with pytest.raises(TypeError, match="c1"):
        chapter.hand_set_xor_mlp("a", 1.5)
    with pytest.raises(ValueError, match="2-2-1"):
        chapter.xor_figure(MLP([2, 3, 1], output="sigmoid", loss="binary_cross_entropy"))
    with pytest.raises(ValueError, match="2 inputs and 1 output"):
        chapter.xor_output_map(MLP([2, 3, 2]))


# ------------------------------------------------------------------ one layer, three ways
def test_three_layer_computations_agree():
    rng = np.random.default_rng(1)
    W, b, X = rng.normal(size=(5, 7)), rng.normal(size=5), rng.normal(size=(4, 7))
    expected = X @ W.T + b
    for fn in (chapter.layer_scalar, chapter.layer_per_sample, chapter.layer_batched):
        out = fn(W, b, X)
        assert out.shape == (4, 5)
        np.testing.assert_allclose(out, expected, rtol=1e-12)
    # the lecture's matrix example: sigma([[1,-2],[-1,1]] [1,-1] + [1,0]) = [0.98, 0.12]
    z = chapter.layer_scalar([[1, -2], [-1, 1]], [1, 0], [[1, -1]])
    np.testing.assert_allclose(z, [[4, -2]])
    np.testing.assert_allclose(activations.sigmoid(z).round(2), [[0.98, 0.12]])


def test_layer_functions_validate_shapes():
    W, b = np.ones((3, 2)), np.zeros(3)
    with pytest.raises(ValueError, match="features"):
        chapter.layer_batched(W, b, np.ones((4, 5)))
    with pytest.raises(ValueError, match="b has"):
        chapter.layer_per_sample(W, np.zeros(2), np.ones((4, 2)))
    with pytest.raises(ValueError, match="2-dimensional"):
        chapter.layer_scalar(W, b, np.ones(2))


def test_naive_softmax_overflows_and_the_stable_one_does_not():
    z = np.array([1000.0, 999.0, 998.0])
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.all(np.isnan(chapter.naive_softmax(z)))
    np.testing.assert_allclose(chapter.naive_softmax(z - 1000), losses.softmax(z))
    np.testing.assert_allclose(chapter.naive_softmax([[0.0, np.log(3.0)]]), [[0.25, 0.75]])


# ------------------------------------------------------------------ evaluation helpers
def test_weight_canvas_tiles_and_scales():
    W = np.zeros((3, 784))
    W[0, 0], W[1, 783], W[2, 5] = 2.0, -4.0, 1.0
    canvas = chapter.weight_canvas(W, ncols=2)
    assert canvas.shape == (2 * 29 - 1, 2 * 29 - 1)
    assert canvas[0, 0] == 1.0 and canvas[27, 29 + 27] == -1.0
    assert np.isnan(canvas[28, 0])                     # gap between tiles
    assert np.all(np.isnan(canvas[29:, 29:]))          # the unused fourth tile
    with pytest.raises(ValueError, match="784"):
        chapter.weight_canvas(np.ones((2, 10)))


# ------------------------------------------------------------------ figures and panels
def test_static_figures_are_labelled():
    X = np.random.default_rng(0).random((40, 784))
    y = np.arange(40) % 10
    nets = {s: chapter.xor_history(s)[0] for s in (0, 1, 3)}
    for fig in (chapter.digits_figure(X, y, n_per_class=2), chapter.xor_figure(),
                chapter.depth_figure(),
                chapter.weights_figure(X[:8], n=8, ncols=4), chapter.xor_panel(0.25, 1.75),
                chapter.weights_figure(X[:8], n=8, ncols=4, W_init=X[:8] * 0.5),
                chapter.losses_figure(), chapter.xor_seeds_figure(nets, ncols=2)):
        assert isinstance(fig, plt.Figure)
        assert _labelled(fig)


def test_xor_panel_updates_its_one_figure():
    fig = chapter.xor_panel(c1=0.5, c2=1.5)
    assert chapter.xor_panel(c1=-0.5, c2=0.25) is fig                 # reused, not rebuilt
    ax = fig.axes[0]
    net = chapter.hand_set_xor_mlp(-0.5, 0.25)
    np.testing.assert_allclose(chapter.xor_panel.shade.get_array(), chapter.xor_output_map(net))
    grid = np.linspace(-0.5, 1.5, 121)                       # the lattice of the square
    np.testing.assert_allclose(chapter.xor_output_map(net)[7, 100], net.predict_proba(
        np.array([[grid[100], grid[7]]]))[0, 0])
    for line, c in zip(chapter.xor_panel.lines, (-0.5, 0.25)):       # x1 + x2 = c
        x, y = line.get_data()
        np.testing.assert_allclose(np.asarray(x) + np.asarray(y), c)
    assert ax.get_title() == "c1 = -0.5, c2 = 0.25: 1 of 4 XOR rows right"
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-0.5, 1.5)
    assert chapter.xor_panel.render(c1=0.25, c2=1.25)[:8] == b"\x89PNG\r\n\x1a\n"
    assert ax.get_title().endswith("4 of 4 XOR rows right")
    with pytest.raises(TypeError, match="c1"):
        chapter.xor_panel(c1="a")
    with pytest.raises(ValueError, match="c2"):
        chapter.xor_panel(c2=float("nan"))


def test_digit_explorer_shows_the_network_probabilities():
    net, X, y = _tiny_digit_net()
    panel = chapter.make_digit_explorer(net, X, y)
    assert isinstance(panel, chapter.DigitExplorer)
    fig = panel(index=3)
    assert panel(index=5) is fig
    p = net.predict_proba(X[5:6])[0]
    bars = fig.axes[1].patches
    assert len(bars) == 10
    np.testing.assert_allclose([b.get_height() for b in bars], p)
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), X[5].reshape(28, 28))
    pred = int(p.argmax())
    assert [b.get_hatch() for b in bars].count("//") == 1 and bars[y[5]].get_hatch() == "//"
    assert matplotlib.colors.same_color(bars[pred].get_facecolor(), COLORS[1])
    assert fig.axes[0].get_title() == f"image 5: label {y[5]}"
    assert fig.axes[1].get_title().startswith(f"prediction {pred} with p = {p[pred]:.2f}")
    assert _labelled(fig)
    with pytest.raises(ValueError, match="index"):
        panel(index=60)
    with pytest.raises(TypeError, match="index"):
        panel(index=1.5)
    with pytest.raises(ValueError, match="784 inputs"):
        chapter.make_digit_explorer(MLP([2, 3, 2]), X, y)


def test_digits_figure_rejects_bad_labels():
    with pytest.raises(ValueError, match="label"):
        chapter.digits_figure(np.zeros((3, 784)), [0, 1, 12])


def test_width_sweep_and_panel():
    sweep = chapter.width_sweep()
    assert list(sweep) == list(chapter.WIDTHS)
    assert sweep[2]["val"] < 0.7 < 0.85 < sweep[16]["val"]
    assert sweep[2]["train"] < 0.7 < 0.9 < sweep[16]["train"]
    assert sweep[16]["params"] == 784 * 16 + 16 + 16 * 10 + 10
    assert sweep[8]["W1"].shape == (8, 784) and not sweep[8]["W1"].flags.writeable
    assert chapter.width_sweep() is sweep                                  # cached
    fig = chapter.width_panel(8)
    assert _labelled(fig)
    assert chapter.width_panel(width=2) is fig                          # reused, not rebuilt
    ax0, ax1 = fig.axes
    np.testing.assert_allclose(np.concatenate(chapter.width_panel.ring.get_data()),
                               [2, sweep[2]["val"]])
    assert ax0.get_title() == f"h = 2: validation {sweep[2]['val']:.1%}, 1,600 parameters"
    canvas = np.ma.filled(chapter.width_panel.image.get_array(), np.nan)   # imshow masks NaN
    assert canvas.shape == (57, 115)                              # two rows of four tiles
    np.testing.assert_allclose(canvas[:28, :57],
                               chapter.weight_canvas(sweep[2]["W1"], ncols=4)[:, :57])
    assert np.all(np.isnan(canvas[28:]))                          # the bottom row blank
    assert ax1.get_title() == "weights into hidden units 1-2"
    chapter.width_panel(width=64)
    np.testing.assert_allclose(np.ma.filled(chapter.width_panel.image.get_array(), np.nan),
                               chapter.weight_canvas(sweep[64]["W1"][:8], ncols=4))
    assert ax1.get_title() == "weights into hidden units 1-8"
    with pytest.raises(ValueError, match="width"):
        chapter.width_panel(5)
    with pytest.raises(TypeError, match="width"):
        chapter.width_panel("16")


def test_imagenet_table_is_the_lectures_with_place_and_ensembles():
    assert [r[2] for r in chapter.IMAGENET] == [8, 19, 22, 152]
    assert [r[3] for r in chapter.IMAGENET] == [16.4, 7.3, 6.7, 3.57]
    assert [r[4] for r in chapter.IMAGENET] == ["1st", "2nd", "1st", "1st"]     # VGG was runner-up
    assert all(r[5] > 1 for r in chapter.IMAGENET)                  # every entry an ensemble


def test_weights_figure_of_the_change_blanks_unmoved_weights():
    W0 = np.random.default_rng(0).normal(size=(4, 784))
    W = W0.copy()
    W[:, 400] += 1.0                                   # only pixel 400 moved
    fig = chapter.weights_figure(W, n=4, ncols=4, W_init=W0)
    canvas = np.ma.filled(fig.axes[0].images[0].get_array(), np.nan)
    tile = canvas[:28, :28].ravel()
    assert tile[400] == 1.0 and np.all(np.delete(tile, 400) == 0)
    assert fig.axes[1].get_ylabel() == "change / largest |change|"
    with pytest.raises(ValueError, match="W_init"):
        chapter.weights_figure(W, W_init=W0[:2])


# ------------------------------------------------------------------ validation split
def test_digit_split_is_the_chapters_split_and_read_only():
    X_fit, y_fit, X_val, y_val, X_test, y_test = chapter.digit_split()
    assert X_fit.shape == (3500, 784) and X_val.shape == (500, 784) and X_test.shape[0] == 1000
    np.testing.assert_array_equal(np.bincount(y_val), np.full(10, 50))
    assert not X_fit.flags.writeable and chapter.digit_split() is chapter.digit_split()
    fit_rows = {r.tobytes() for r in X_fit[:200]}
    assert not fit_rows & {r.tobytes() for r in X_val}             # disjoint


# ------------------------------------------------------------------ losses and likelihood
def test_losses_figure_draws_the_core_margin_losses():
    fig = chapter.losses_figure()
    lines = [ln for ln in fig.axes[0].get_lines() if ln.get_label() in losses.MARGIN_LOSSES]
    assert [ln.get_label() for ln in lines] == ["zero-one", "squared", "hinge", "logistic"]
    for ln in lines:
        m = ln.get_xdata()
        np.testing.assert_array_equal(ln.get_ydata(), losses.MARGIN_LOSSES[ln.get_label()](m))
    assert not hasattr(chapter, "MARGIN_LOSSES")                 # one place: nnbook.losses


def test_margin_losses_match_nnbook_losses():
    m = np.array([-2.0, -0.5, 0.0, 0.5, 1.0, 3.0])
    y = np.ones_like(m)
    L = losses.MARGIN_LOSSES
    np.testing.assert_array_equal(L["zero-one"](m), [1, 1, 1, 0, 0, 0])
    np.testing.assert_allclose(L["hinge"](m), [losses.hinge(np.array([v]), y[:1]) for v in m])
    np.testing.assert_allclose(L["squared"](m), 2 * np.array(
        [losses.mse(np.array([v]), np.array([1.0])) for v in m]))      # mse holds 1/2
    np.testing.assert_allclose(L["logistic"](m), [losses.binary_cross_entropy(
        np.array([v]), np.array([1.0]), from_logits=True) for v in m])
    np.testing.assert_allclose(L["logistic"](np.array([-1000.0, 1000.0])), [1000.0, 0.0])


def test_two_class_softmax_is_logistic_regression():
    rng = np.random.default_rng(5)
    Z = rng.normal(size=(20, 2)) * 3
    y = rng.integers(0, 2, size=20)
    np.testing.assert_allclose(losses.softmax(Z)[:, 1], activations.sigmoid(Z[:, 1] - Z[:, 0]))
    np.testing.assert_allclose(losses.cross_entropy(Z, y), losses.binary_cross_entropy(
        Z[:, 1] - Z[:, 0], y.astype(float), from_logits=True), rtol=1e-12)


def test_cross_entropy_is_minus_mean_log_likelihood():
    rng = np.random.default_rng(6)
    Z, y = rng.normal(size=(50, 4)), rng.integers(0, 4, size=50)
    likelihood = np.prod(losses.softmax(Z)[np.arange(50), y])
    assert losses.cross_entropy(Z, y) == pytest.approx(-np.log(likelihood) / 50, rel=1e-10)


# ------------------------------------------------------------------ XOR families, hidden spaces
def test_xor_families_of_the_ten_seeds():
    fams = {}
    for seed in chapter.XOR_SEEDS:
        net, snaps = chapter.xor_history(seed)
        solved = np.array_equal(net.predict(chapter.XOR_X), chapter.XOR_Y)
        fams[seed] = chapter.xor_family(net) if solved else "stuck"
        assert sorted(snaps) == list(chapter.XOR_EPOCHS)
        assert snaps[0][0].shape == (4, 2) and snaps[0][1].shape == (2,)
    assert {fams[s] for s in (0, 4, 7, 8)} == {"x1 + x2"}
    assert {fams[s] for s in (3, 5, 9)} == {"x1 - x2"}
    assert {fams[s] for s in (1, 2, 6)} == {"stuck"}
    assert chapter.xor_family(chapter.hand_set_xor_mlp()) == "x1 + x2"
    with pytest.raises(ValueError, match="2, 2, 1"):
        chapter.xor_family(MLP([2, 3, 1], output="sigmoid", loss="binary_cross_entropy"))


def test_xor_hidden_panel_tracks_the_hidden_outputs():
    fig = chapter.xor_hidden_panel(epoch=0)
    assert chapter.xor_hidden_panel(epoch=2000) is fig
    H = chapter.xor_history(0)[1][2000][0]
    np.testing.assert_allclose(chapter.xor_hidden_panel.points[0][1].get_offsets(), H[[1, 2]])
    assert fig.axes[0].get_title() == "seed 0 (x1 + x2), epoch 2000: 4 of 4 right"
    assert fig.axes[1].get_title().startswith("seed 3 (x1 - x2), epoch 2000")
    assert _labelled(fig)
    with pytest.raises(ValueError, match="epoch"):
        chapter.xor_hidden_panel(epoch=7)


def test_bottleneck_history_and_panel():
    net, snaps = chapter.bottleneck_history()
    assert sorted(snaps) == list(chapter.BOTTLENECK_EPOCHS)
    H0, acc0 = snaps[0]
    H50, acc50 = snaps[50]
    assert H0.shape == (500, 2) and np.all(H50 >= 0)             # ReLU outputs
    assert acc0 < 0.3 < 0.55 < acc50 < 0.75                      # learns, but stays limited
    _, _, X_val, y_val, _, _ = chapter.digit_split()
    assert net.score(X_val, y_val) == pytest.approx(acc50)
    fig = chapter.bottleneck_panel(epoch=50)
    assert chapter.bottleneck_panel(epoch=1) is fig
    H1 = snaps[1][0]
    np.testing.assert_allclose(chapter.bottleneck_panel.groups[3].get_offsets(),
                               (H1 / H1.max(axis=0))[y_val == 3])
    assert fig.axes[0].get_title() == f"epoch 1: validation accuracy {snaps[1][1]:.0%}"
    assert _labelled(fig)
    with pytest.raises(ValueError, match="epoch"):
        chapter.bottleneck_panel(epoch=3)


# ------------------------------------------------------------------ exercise checkers
def test_layer_output_checker():
    assert ch3.layer_output(activations.sigmoid(np.array([1.0, 2.0])))
    fb = ch3.layer_output([1.0, 2.0])
    assert not fb and "apply the sigmoid" in fb.message
    assert not ch3.layer_output([0.5, 0.5])


def test_cross_entropy_checker():
    p = np.exp([2.0, 1.0, 0.0]) / np.exp([2.0, 1.0, 0.0]).sum()
    assert ch3.cross_entropy_value(-np.log(p[1]))
    fb = ch3.cross_entropy_value(p[1])
    assert not fb and "-log p_k" in fb.message
    assert not ch3.cross_entropy_value(-np.log(p[0]))


def test_n_parameters_checker():
    assert ch3.n_parameters(79510)
    fb = ch3.n_parameters(78400 + 1000)
    assert not fb and "weights only" in fb.message
    assert ch3.n_parameters(51, sizes=(4, 5, 3, 2))


def test_stable_softmax_checker():
    assert ch3.stable_softmax(lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum())

    def naive(z):
        with np.errstate(over="ignore", invalid="ignore"):
            return np.exp(z) / np.exp(z).sum()

    fb = ch3.stable_softmax(naive)
    assert not fb and "NaN" in fb.message


def test_lecture_layout_checker():
    net = chapter.hand_set_xor_mlp()
    good = np.vstack([net.weights[0].T, net.biases[0]])
    assert ch3.lecture_layout(good)
    fb = ch3.lecture_layout(good.T)
    assert not fb and "transposed" in fb.message
    assert not ch3.lecture_layout(np.vstack([net.weights[0].T, -net.biases[0]]))


def test_xor_thresholds_checker():
    assert ch3.xor_thresholds([0.75, 0.25, 0.5])
    fb = ch3.xor_thresholds([0.5])
    assert not fb and "also work" in fb.message
    fb = ch3.xor_thresholds([0.25, 0.5, 0.75, 1.25])
    assert not fb and "do not" in fb.message
    assert not ch3.xor_thresholds(0.5)


def test_smallest_width_checker_uses_the_validation_set():
    sweep = chapter.width_sweep()
    h = min(w for w in chapter.WIDTHS if sweep[w]["val"] >= 0.85)
    assert ch3.smallest_width(h)
    assert not ch3.smallest_width(64)


def test_margin_losses_checker():
    m = ch3.MARGIN
    good = [(1 - m) ** 2, 1 - m, np.log1p(np.exp(-m))]
    assert ch3.margin_losses(good)
    fb = ch3.margin_losses([(1 - m) ** 2, 1 - m, np.log10(1 + np.exp(-m))])
    assert not fb and "natural" in fb.message
    assert not ch3.margin_losses([1, 2, 3])
    assert not ch3.margin_losses("abc")


def test_two_class_probability_checker():
    assert ch3.two_class_probability(activations.sigmoid(1.5))
    fb = ch3.two_class_probability(1 - activations.sigmoid(1.5))
    assert not fb and "y_hat_0" in fb.message


def test_forward_pass_checker():
    def good(net, X):
        a = X
        for W, b in zip(net.weights[:-1], net.biases[:-1]):
            a = np.maximum(0, a @ W.T + b)
        return losses.softmax(a @ net.weights[-1].T + net.biases[-1])

    def no_softmax(net, X):
        return good(net, X) * 2

    def broken(net, X):
        raise RuntimeError("oops")

    assert ch3.forward_pass(good)
    fb = ch3.forward_pass(no_softmax)
    assert not fb and "sum to 1" in fb.message
    fb = ch3.forward_pass(broken)
    assert not fb and "RuntimeError" in fb.message
    fb = ch3.forward_pass(lambda net, X: good(net, X)[:, :1])
    assert not fb and "shape" in fb.message


def test_noise_level_checker():
    net = ch3.digit_network()
    _, _, X_val, y_val, _, _ = chapter.digit_split()
    rng = np.random.default_rng(0)
    accs = {}
    for rho in ch3.NOISE_LEVELS:
        flip = rng.random(X_val.shape) < rho
        accs[rho] = net.score(np.where(flip, 1.0 - X_val, X_val), y_val)
    first = min(r for r, a in accs.items() if a < 0.8)
    assert ch3.noise_level(first)
    assert not ch3.noise_level(0.0)


def test_first_solved_epoch_checker():
    assert ch3.first_solved_epoch(0, 500) and ch3.first_solved_epoch(3, 100)
    fb = ch3.first_solved_epoch(3, 2000)
    assert not fb and "slider" in fb.message
    fb = ch3.first_solved_epoch(1, 2000)                      # a stuck run
    assert not fb and "never" in fb.message
