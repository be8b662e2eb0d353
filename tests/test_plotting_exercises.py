import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook import MLP, plotting
from nnbook.autograd import Value
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
    plt.close("all")


def test_draw_network_codes_sign_and_size_of_weights():
    W = [np.array([[1.0, -2.0], [0.5, 0.0]]), np.array([[1.0, 1.0]])]
    ax = plotting.draw_network(W, node_labels=[["a", "b"], ["c", "d"], ["e"]])
    widths = {(ln.get_color(), ln.get_linestyle(), round(ln.get_linewidth(), 6))
              for ln in ax.lines}
    blue, vermillion = plotting.COLORS[0], plotting.COLORS[1]
    assert (blue, "--", 0.3 + 4.0) in widths                 # w = -2, the largest |w|
    assert (vermillion, "-", 0.3 + 1.0) in widths             # w = 0.5
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c", "d", "e"]
    assert ax.get_xlim() == pytest.approx((-0.4, 2.4)) and not ax.axison
    plt.close("all")


def test_draw_network_thins_dropped_units_and_their_links():
    ax = plotting.draw_network(sizes=[2, 3, 2], keep=[None, np.array([True, False, True]), None],
                               links="plain", node_size=130)
    assert len(ax.lines) == 2 * 2 + 2 * 2                     # only links of kept units
    assert {ln.get_color() for ln in ax.lines} == {plotting.COLORS[0]}
    crosses = [c for c in ax.collections if c.get_sizes()[0] == pytest.approx(60)]
    assert len(crosses) == 1 and list(crosses[0].get_offsets()[0]) == pytest.approx([1, 0.5])
    plt.close("all")


def test_draw_network_labels_links_where_asked():
    labels = [np.array([["p", ""]]), np.array([["q"]])]
    ax = plotting.draw_network(sizes=[2, 1, 1], links="layer", link_labels=labels,
                               link_label_at=[np.array([[0.5, 0.5]]), np.array([[0.25]])])
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    assert set(texts) == {"p", "q"}                             # "" is not written
    assert texts["p"] == pytest.approx((0.5, (2 / 3 + 0.5) / 2))   # halfway, unit 1 to h
    assert texts["q"] == pytest.approx((1.25, 0.5))
    styles = [(ln.get_color(), ln.get_linestyle()) for ln in ax.lines]
    assert styles == [(plotting.COLORS[0], "-")] * 2 + [(plotting.COLORS[1], "--")]
    plt.close("all")


@pytest.mark.parametrize("kwargs, match", [
    ({}, "either weights or sizes"),
    ({"sizes": [2, 2], "weights": [np.ones((2, 2))]}, "either weights or sizes"),
    ({"weights": [np.ones((2, 3)), np.ones((1, 3))]}, "must chain"),
    ({"sizes": [2, 2]}, "links must be 'sign' \\(with weights\\)"),
    ({"sizes": [2, 2], "links": "dotted"}, "links must be"),
    ({"sizes": [2, 2], "links": "plain", "keep": [None]}, "one mask per layer"),
    ({"sizes": [2, 2], "links": "plain", "keep": [None, [1, 0]]}, "keep\\[1\\] must be"),
    ({"sizes": [2, 2], "links": "plain", "link_labels": [np.array(["a"])]}, "link_labels"),
])
def test_draw_network_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        plotting.draw_network(**kwargs)
    plt.close("all")


def test_draw_graph_places_every_node_with_value_and_gradient():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    out = (a * b + a).tanh()
    out.backward()
    texts = {}
    ax = plotting.draw_graph(out, node_texts=texts)
    strings = [t.get_text() for t in ax.texts if t.get_text()]      # arrows have no text
    values = [t for t in strings if not t.startswith("∂")]
    assert len(values) == 5 and len(strings) == 10            # a, b, ×, +, tanh: value + grad
    assert any(v.startswith("tanh") for v in values) and "×\n-6" in values
    assert texts[id(out)][1].get_text() == "∂ 1"              # d out / d out
    assert texts[id(a)][0].get_text() == "a\n2"
    assert texts[id(a)][1].get_text() == f"∂ {a.grad:.3g}"
    xa, xout = texts[id(a)][0].get_position()[0], texts[id(out)][0].get_position()[0]
    assert xa == 0 and xout == 3                              # input left, output right
    plt.close("all")


def test_graph_node_strings_name_unlabelled_nodes_by_operation():
    x = Value(4.0)
    y = x ** -1
    y.backward()
    assert plotting.graph_node_strings(x) == ("4", "∂ -0.0625")
    assert plotting.graph_node_strings(y, digits=2) == ("1/x\n0.25", "∂ 1")


@pytest.mark.parametrize("call, error, match", [
    (lambda: plotting.draw_graph(3.0), TypeError, "root must be a Value"),
    (lambda: plotting.draw_graph(Value(1.0), digits=0), ValueError, "digits must be >= 1"),
    (lambda: plotting.draw_graph(Value(1.0), fontsize=0), ValueError, "fontsize"),
])
def test_draw_graph_rejects_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_tile_images_lays_out_rows_with_gaps_and_margins():
    images = np.random.default_rng(0).random((12, 784))
    canvas = plotting.tile_images(images, ncols=6, gap=2, margin=1, fill=0.0)
    assert canvas.shape == (60, 180)                     # two rows of six 30x30 cells
    np.testing.assert_array_equal(canvas[1:29, 1:29], images[0].reshape(28, 28))
    np.testing.assert_array_equal(canvas[31:59, 151:179], images[11].reshape(28, 28))
    assert canvas[0].sum() == 0 and canvas[:, 29:31].sum() == 0      # margin and gap
    sparse = plotting.tile_images(images[:3], ncols=2)   # gap 1, no margin, NaN fill
    assert sparse.shape == (57, 57)
    np.testing.assert_array_equal(sparse[29:, :28], images[2].reshape(28, 28))
    assert np.isnan(sparse[28]).all() and np.isnan(sparse[29:, 29:]).all()
    np.testing.assert_array_equal(plotting.tile_images(np.arange(6.0)[None], 1, shape=(2, 3)),
                                  [[0, 1, 2], [3, 4, 5]])


@pytest.mark.parametrize("kwargs, msg", [
    ({"images": np.ones((2, 10))}, "images must have shape"),
    ({"images": np.ones((0, 784))}, "m >= 1"),
    ({"ncols": 0}, "ncols must be >= 1"),
    ({"gap": -1}, "gap must be >= 0"),
])
def test_tile_images_rejects_bad_input(kwargs, msg):
    args = {"images": np.ones((2, 784)), "ncols": 2, **kwargs}
    with pytest.raises(ValueError, match=msg):
        plotting.tile_images(**args)


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
