"""Tests for chapter 3: nnbook.panels.mlp and nnbook.exercises.ch3."""

import matplotlib
import matplotlib.colors

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnbook import activations, losses  # noqa: E402
from nnbook.exercises import ch3  # noqa: E402
from nnbook.mlp import MLP  # noqa: E402
from nnbook.panels import mlp as P  # noqa: E402


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
    net = P.xor_network()
    np.testing.assert_array_equal(net.predict(P.XOR_X), P.XOR_Y)
    np.testing.assert_allclose(net.weights[0], [[20, 20], [20, 20]])
    np.testing.assert_allclose(net.biases[0], [-10, -30])
    np.testing.assert_allclose(net.weights[1], [[20, -20]])
    np.testing.assert_allclose(net.biases[1], [-10])
    net.forward(P.XOR_X)
    h = net.activations_[1]
    np.testing.assert_array_equal(h.round(), [[0, 0], [1, 0], [1, 0], [1, 1]])  # OR, AND


@pytest.mark.parametrize("c1, c2, right", [(0.5, 1.5, 4), (-0.5, 1.5, 3), (0.5, 0.75, 2)])
def test_xor_thresholds_move_the_lines(c1, c2, right):
    net = P.xor_network(c1, c2)
    assert int(np.sum(net.predict(P.XOR_X) == P.XOR_Y)) == right


def test_xor_network_rejects_bad_parameters():
    with pytest.raises(ValueError, match="k"):
        P.xor_network(k=0.0)
    with pytest.raises(TypeError, match="c1"):
        P.xor_network("a", 1.5)
    with pytest.raises(ValueError, match="2-2-1"):
        P.xor_figure(MLP([2, 3, 1], output="sigmoid", loss="binary_cross_entropy"))


# ------------------------------------------------------------------ one layer, three ways
def test_three_layer_computations_agree():
    rng = np.random.default_rng(1)
    W, b, X = rng.normal(size=(5, 7)), rng.normal(size=5), rng.normal(size=(4, 7))
    expected = X @ W.T + b
    for fn in (P.layer_scalar, P.layer_per_sample, P.layer_batched):
        out = fn(W, b, X)
        assert out.shape == (4, 5)
        np.testing.assert_allclose(out, expected, rtol=1e-12)
    # the lecture's matrix example: sigma([[1,-2],[-1,1]] [1,-1] + [1,0]) = [0.98, 0.12]
    z = P.layer_scalar([[1, -2], [-1, 1]], [1, 0], [[1, -1]])
    np.testing.assert_allclose(z, [[4, -2]])
    np.testing.assert_allclose(activations.sigmoid(z).round(2), [[0.98, 0.12]])


def test_layer_functions_validate_shapes():
    W, b = np.ones((3, 2)), np.zeros(3)
    with pytest.raises(ValueError, match="features"):
        P.layer_batched(W, b, np.ones((4, 5)))
    with pytest.raises(ValueError, match="b has"):
        P.layer_per_sample(W, np.zeros(2), np.ones((4, 2)))
    with pytest.raises(ValueError, match="2-dimensional"):
        P.layer_scalar(W, b, np.ones(2))


def test_naive_softmax_overflows_and_the_stable_one_does_not():
    z = np.array([1000.0, 999.0, 998.0])
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.all(np.isnan(P.naive_softmax(z)))
    np.testing.assert_allclose(P.naive_softmax(z - 1000), losses.softmax(z))
    np.testing.assert_allclose(P.naive_softmax([[0.0, np.log(3.0)]]), [[0.25, 0.75]])


# ------------------------------------------------------------------ progress bar
def test_progress_bar_records_and_renders():
    bar = P.ProgressBar(4, width=8, show=False)
    net = MLP([2, 3, 2], random_state=0)
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    net.fit(X, y, epochs=4, lr=0.1, batch_size=2, validation=(X, y), callback=bar)
    assert bar.done == 4
    assert bar.loss == pytest.approx(net.history_["loss"][-1])
    assert bar.score == pytest.approx(net.history_["val_score"][-1])
    assert bar.text().startswith("[########] epoch 4/4")
    assert 'value="4"' in bar._repr_html_()
    half = P.ProgressBar(10, width=10, show=False)
    half.done = 5
    assert half.text() == "[#####-----] epoch 5/10"
    with pytest.raises(ValueError, match="epochs"):
        P.ProgressBar(0)


# ------------------------------------------------------------------ evaluation helpers
def test_confusion_matrix_counts():
    C = P.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], n_classes=3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.sum() == 6 and C.dtype == np.int64
    with pytest.raises(ValueError, match="y_pred"):
        P.confusion_matrix([0, 1], [0], n_classes=2)
    with pytest.raises(ValueError, match="label 3"):
        P.confusion_matrix([0, 3], [0, 1], n_classes=3)


def test_confidently_wrong_orders_by_confidence():
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.05, 0.95]])
    y = np.array([1, 1, 1, 0])            # rows 0, 2 and 3 are wrong
    np.testing.assert_array_equal(P.confidently_wrong(proba, y, k=10), [3, 0, 2])
    np.testing.assert_array_equal(P.confidently_wrong(proba, y, k=1), [3])
    assert P.confidently_wrong(proba, [0, 1, 0, 1]).size == 0
    with pytest.raises(ValueError, match="k"):
        P.confidently_wrong(proba, y, k=0)


def test_weight_canvas_tiles_and_scales():
    W = np.zeros((3, 784))
    W[0, 0], W[1, 783], W[2, 5] = 2.0, -4.0, 1.0
    canvas = P.weight_canvas(W, ncols=2)
    assert canvas.shape == (2 * 29 - 1, 2 * 29 - 1)
    assert canvas[0, 0] == 1.0 and canvas[27, 29 + 27] == -1.0
    assert np.isnan(canvas[28, 0])                     # gap between tiles
    assert np.all(np.isnan(canvas[29:, 29:]))          # the unused fourth tile
    with pytest.raises(ValueError, match="784"):
        P.weight_canvas(np.ones((2, 10)))


# ------------------------------------------------------------------ figures and panels
def test_static_figures_are_labelled():
    X = np.random.default_rng(0).random((40, 784))
    y = np.arange(40) % 10
    for fig in (P.digits_figure(X, y, n_per_class=2), P.xor_figure(), P.depth_figure(),
                P.weights_figure(X[:8], n=8, ncols=4), P.xor_panel(0.25, 1.75)):
        assert isinstance(fig, plt.Figure)
        assert _labelled(fig)


def test_xor_panel_updates_its_one_figure():
    fig = P.xor_panel(c1=0.5, c2=1.5)
    assert P.xor_panel(c1=-0.5, c2=0.25) is fig                 # reused, not rebuilt
    ax = fig.axes[0]
    net = P.xor_network(-0.5, 0.25)
    np.testing.assert_allclose(P.xor_panel.shade.get_array(),
                               net.predict_proba(P._GRID)[:, 0].reshape(P._GX.shape))
    for line, c in zip(P.xor_panel.lines, (-0.5, 0.25)):       # x1 + x2 = c
        x, y = line.get_data()
        np.testing.assert_allclose(np.asarray(x) + np.asarray(y), c)
    assert ax.get_title() == "c1 = -0.5, c2 = 0.25: 1 of 4 XOR rows right"
    assert ax.get_xlim() == (-0.5, 1.5) and ax.get_ylim() == (-0.5, 1.5)
    assert P.xor_panel.render(c1=0.25, c2=1.25)[:8] == b"\x89PNG\r\n\x1a\n"
    assert ax.get_title().endswith("4 of 4 XOR rows right")
    with pytest.raises(TypeError, match="c1"):
        P.xor_panel(c1="a")
    with pytest.raises(ValueError, match="c2"):
        P.xor_panel(c2=float("nan"))


def test_digit_explorer_shows_the_network_probabilities():
    net, X, y = _tiny_digit_net()
    panel = P.make_digit_explorer(net, X, y)
    assert isinstance(panel, P.DigitExplorer)
    fig = panel(index=3)
    assert panel(index=5) is fig
    p = net.predict_proba(X[5:6])[0]
    bars = fig.axes[1].patches
    assert len(bars) == 10
    np.testing.assert_allclose([b.get_height() for b in bars], p)
    np.testing.assert_array_equal(fig.axes[0].images[0].get_array(), X[5].reshape(28, 28))
    pred = int(p.argmax())
    assert [b.get_hatch() for b in bars].count("//") == 1 and bars[y[5]].get_hatch() == "//"
    assert matplotlib.colors.same_color(bars[pred].get_facecolor(), P.COLORS[1])
    assert fig.axes[0].get_title() == f"test image 5: label {y[5]}"
    assert fig.axes[1].get_title().startswith(f"prediction {pred} with p = {p[pred]:.2f}")
    assert _labelled(fig)
    with pytest.raises(ValueError, match="index"):
        panel(index=60)
    with pytest.raises(TypeError, match="index"):
        panel(index=1.5)
    with pytest.raises(ValueError, match="784 inputs"):
        P.make_digit_explorer(MLP([2, 3, 2]), X, y)


def test_digits_figure_rejects_bad_labels():
    with pytest.raises(ValueError, match="label"):
        P.digits_figure(np.zeros((3, 784)), [0, 1, 12])


def test_width_sweep_and_panel():
    sweep = P.width_sweep()
    assert list(sweep) == list(P.WIDTHS)
    assert sweep[2]["test"] < 0.7 < 0.9 < sweep[16]["test"]
    assert sweep[16]["params"] == 784 * 16 + 16 + 16 * 10 + 10
    assert sweep[8]["W1"].shape == (8, 784) and not sweep[8]["W1"].flags.writeable
    assert P.width_sweep() is sweep                                  # cached
    fig = P.width_panel(8)
    assert _labelled(fig)
    assert P.width_panel(width=2) is fig                          # reused, not rebuilt
    ax0, ax1 = fig.axes
    np.testing.assert_allclose(np.concatenate(P.width_panel.ring.get_data()),
                               [2, sweep[2]["test"]])
    assert ax0.get_title() == f"h = 2: test {sweep[2]['test']:.1%}, 1,600 parameters"
    canvas = np.ma.filled(P.width_panel.image.get_array(), np.nan)   # imshow masks NaN
    assert canvas.shape == (57, 115)                              # two rows of four tiles
    np.testing.assert_allclose(canvas[:28, :57], P.weight_canvas(sweep[2]["W1"], ncols=4)[:, :57])
    assert np.all(np.isnan(canvas[28:]))                          # the bottom row blank
    assert ax1.get_title() == "weights into hidden units 1-2"
    P.width_panel(width=64)
    np.testing.assert_allclose(np.ma.filled(P.width_panel.image.get_array(), np.nan),
                               P.weight_canvas(sweep[64]["W1"][:8], ncols=4))
    assert ax1.get_title() == "weights into hidden units 1-8"
    with pytest.raises(ValueError, match="width"):
        P.width_panel(5)
    with pytest.raises(TypeError, match="width"):
        P.width_panel("16")


def test_imagenet_table_is_the_lectures():
    assert [d for _, _, d, _ in P.IMAGENET] == [8, 19, 22, 152]
    assert [e for *_, e in P.IMAGENET] == [16.4, 7.3, 6.7, 3.57]


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
    net = P.xor_network()
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
