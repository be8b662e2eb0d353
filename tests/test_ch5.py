"""Chapter 5: the backpropagation panels, the worked example and the exercise checkers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.chapters import ch05_backprop as chapter
from nnbook.exercises import ch5
from nnbook.widgets import Panel, slider_demo


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.axison]
    assert axes, "the figure has no visible axes"
    for ax in axes:
        assert ax.get_xlabel() and ax.get_ylabel()


# ------------------------------------------------------------------- panels
@pytest.mark.parametrize("x, y, z", [(-2.0, 5.0, -4.0), (2.0, -1.0, -4.0), (0.0, 2.0, 2.0)])
def test_circuit_panel_shows_values_and_gradients(x, y, z):
    fig = chapter.circuit(x=x, y=y, z=z)
    title = fig.axes[0].get_title()
    assert f"f = {(x + y) * z:g}" in title and f"∂f/∂z = {x + y:g}" in title
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("x\n") for t in texts) and any(t.startswith("∂") for t in texts)
    plt.close(fig)


@pytest.mark.parametrize("weight", ["w1", "w4", "w6"])
@pytest.mark.parametrize("shift", [-2.0, 0.0, 1.0])
def test_weight_panel_draws_labelled_axes(weight, shift):
    fig = chapter.weight_panel(weight=weight, shift=shift)
    _labelled(fig)
    assert fig._suptitle.get_text().startswith(weight)
    plt.close(fig)


@pytest.mark.parametrize("name", ["circuit", "weight_panel"])
def test_panel_is_built_once_and_kept_out_of_pyplot(name):
    panel = getattr(chapter, name)
    first = panel()
    assert isinstance(panel, Panel) and panel() is first       # built once, updated in place
    assert panel.render().startswith(b"\x89PNG\r\n\x1a\n") and panel.fig is first
    assert first not in [plt.figure(n) for n in plt.get_fignums()]      # not in pyplot


def test_circuit_panel_updates_its_texts():
    fig = chapter.circuit(x=2.0, y=-1.0, z=-4.0)
    value = {k: t[0].get_text() for k, t in chapter.circuit.texts.items()}
    grad = {k: t[1].get_text() for k, t in chapter.circuit.texts.items()}
    assert value == {"x": "x\n2", "y": "y\n-1", "z": "z\n-4", "q = x+y": "q = x+y\n1",
                     "f = q·z": "f = q·z\n-4"}
    assert grad == {"x": "∂ -4", "y": "∂ -4", "z": "∂ 1", "q = x+y": "∂ -4", "f = q·z": "∂ 1"}
    assert chapter.circuit(x=0.0, y=2.0, z=2.0) is fig
    assert chapter.circuit.texts["z"][1].get_text() == "∂ 2"
    assert fig.axes[0].get_title() == "f = 4;   ∂f/∂x = 2,  ∂f/∂y = 2,  ∂f/∂z = 2"


def test_weight_panel_updates_its_artists():
    fig = chapter.weight_panel(weight="w4", shift=1.0)
    net = chapter.set_weight(ch5.worked_network(), "w4", 1.8)
    X = np.array([[0.35, 0.9]])
    loss, g = net.loss_and_gradients(X, [0.5])
    ax, ax2 = fig.axes
    np.testing.assert_allclose(chapter.weight_panel.point.get_data(), [[1.8], [loss]])
    tx, ty = chapter.weight_panel.tangent.get_data()
    np.testing.assert_allclose(np.diff(ty) / np.diff(tx), [g["weights"][0][0, 1]])
    widths = [bar.get_width() for bar in chapter.weight_panel.bars]
    np.testing.assert_allclose(widths, [g["weights"][l][i, j]
                                        for l, i, j in ch5.WEIGHT_NAMES.values()])
    assert [t.get_text() for t in chapter.weight_panel.values] == [f"{w:.4f}" for w in widths]
    assert ax.get_xlim() == pytest.approx((0.8 - 3, 0.8 + 3)) and ax.get_xlabel() == "value of w4"
    assert "E as w4 varies" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert fig._suptitle.get_text().startswith("w4 = 1.8:")
    lim = max(abs(w) for w in widths)                         # one gradient scale for all
    assert chapter.weight_panel(weight="w1", shift=-2.0) is fig and ax2.get_xlim()[1] > 1.6 * lim
    assert ax.get_xlim() == pytest.approx((0.3 - 3, 0.3 + 3))
    assert chapter.weight_panel.bars[0].get_hatch() == "//"        # dE/dw1 < 0 at w1 = -1.7


def _hand_sweep(name):
    """E and the six gradients along ``SHIFTS`` from the worked example's formulas
    (vectorised over the shifts), an independent check of the network's passes."""
    layer, i, j = ch5.WEIGHT_NAMES[name]
    k = len(chapter.SHIFTS)
    W1 = np.broadcast_to(np.asarray(ch5.WORKED["W1"]), (k, 2, 2)).copy()
    W2 = np.broadcast_to(np.asarray(ch5.WORKED["W2"]), (k, 1, 2)).copy()
    (W1 if layer == 0 else W2)[:, i, j] += chapter.SHIFTS
    x, t = np.asarray(ch5.WORKED["x"]), ch5.WORKED["t"]
    h = 1 / (1 + np.exp(-W1 @ x))                                   # (k, 2)
    y = 1 / (1 + np.exp(-np.einsum("kij,kj->ki", W2, h)))[:, 0]     # (k,)
    delta_y = (y - t) * y * (1 - y)
    dW2 = delta_y[:, None] * h                                      # dE/dw1, dE/dw2
    dW1 = (delta_y[:, None] * W2[:, 0] * h * (1 - h))[:, :, None] * x   # (k, 2, 2)
    G = np.column_stack([dW2[:, 0], dW2[:, 1], dW1[:, 0, 0], dW1[:, 0, 1], dW1[:, 1, 0],
                         dW1[:, 1, 1]])
    return 0.5 * (y - t) ** 2, G


@pytest.mark.parametrize("name", list(ch5.WEIGHT_NAMES))
def test_sweep_matches_the_network(name):
    E, G = chapter.weight_sweep(name)
    assert E.shape == (121,) and G.shape == (121, 6)
    k = 20
    layer, i, j = ch5.WEIGHT_NAMES[name]
    lecture = np.asarray(ch5.WORKED["W1" if layer == 0 else "W2"])[i, j]
    net = chapter.set_weight(ch5.worked_network(), name, lecture + chapter.SHIFTS[k])
    loss, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.5])
    assert E[k] == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(G[k], [g["weights"][l][i, j]
                                      for l, i, j in ch5.WEIGHT_NAMES.values()], rtol=1e-10)
    E_hand, G_hand = _hand_sweep(name)
    np.testing.assert_allclose(E, E_hand, rtol=1e-12)
    np.testing.assert_allclose(G, G_hand, rtol=1e-10, atol=1e-15)
    loss_k, y_k, grads_k = chapter.worked_state(name, chapter.SHIFTS[k])
    assert (loss_k, list(grads_k.values())) == (E[k], list(G[k]))


def test_worked_network_reproduces_the_lecture():
    net = ch5.worked_network()
    y = net.forward(np.array([[0.35, 0.9]]))[0, 0]
    assert round(y, 2) == 0.69
    loss, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.5])
    np.testing.assert_allclose(loss, 0.5 * (y - 0.5) ** 2)
    # slides' w1+ = 0.272392 uses rounded intermediates; the exact update is within 1e-4
    assert abs(0.3 - g["weights"][1][0, 0] - 0.272392) < 1e-4
    with pytest.raises(ValueError, match="weight"):
        chapter.set_weight(net, "w7", 0.0)
    with pytest.raises(ValueError, match="weight"):
        chapter.weight_panel(weight="w0")


# ---------------------------------------------------------------- checkers
def test_review_gradient():
    assert ch5.review_gradient([4.0, -4.0])
    fb = ch5.review_gradient([4.0, 4.0])
    assert not fb and "index (1,)" in fb.message


def test_circuit_gradients():
    assert ch5.circuit_gradients([-4.0, -4.0, 1.0])
    fb = ch5.circuit_gradients([4.0, 4.0, -1.0])
    assert not fb and "add gate" in fb.message


def test_numerical_cost():
    assert ch5.numerical_cost(159020)
    assert not ch5.numerical_cost(79510)                       # forgot the factor 2
    assert ch5.numerical_cost(2 * (2 * 3 + 3 + 3 * 1 + 1), sizes=(2, 3, 1))


def test_softmax_gradient():
    p = np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum()
    assert ch5.softmax_gradient(p - [1, 0, 0])
    fb = ch5.softmax_gradient(p)                               # forgot the -1
    assert not fb and "p_k - 1" in fb.message
    assert not ch5.softmax_gradient([0.1, 0.2])


def test_worked_update():
    net = ch5.worked_network()
    _, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.9])
    right = [net.weights[l][i, j] - g["weights"][l][i, j] for l, i, j in ch5.WEIGHT_NAMES.values()]
    assert ch5.worked_update(right)
    assert all(w_new > w_old for w_new, w_old in zip(right, [0.3, 0.9, 0.1, 0.8, 0.4, 0.6]))
    fb = ch5.worked_update([0.3, 0.9, 0.1, 0.8, 0.4, 0.6])
    assert not fb and "old w1" in fb.message


def _tanh_backprop(weights, biases, X, Y, bug=False):
    A, L = [X], len(weights)
    for l, (W, b) in enumerate(zip(weights, biases)):
        Z = A[-1] @ W.T + b
        A.append(np.tanh(Z) if l < L - 1 else Z)
    delta = (A[L] - Y) / (1 if bug else len(X))
    dW, db = [None] * L, [None] * L
    for l in reversed(range(L)):
        dW[l], db[l] = delta.T @ A[l], delta.sum(axis=0)
        if l > 0:
            delta = (delta @ weights[l]) * (1 - A[l] ** 2)
    return dW, db


def test_backprop_function():
    assert ch5.backprop_function(_tanh_backprop)
    fb = ch5.backprop_function(lambda *a: _tanh_backprop(*a, bug=True))
    assert not fb and "mean over the rows" in fb.message
    fb = ch5.backprop_function(lambda *a: 1 / 0)
    assert not fb and "ZeroDivisionError" in fb.message
    assert not ch5.backprop_function("not a function")
    fb = ch5.backprop_function(lambda W, b, X, Y: ([], []))
    assert not fb and "return" in fb.message


def test_slider_demo_static_frames_are_light(monkeypatch):
    monkeypatch.setenv("NNBOOK_STATIC", "1")
    panel = slider_demo(chapter.circuit, alt="graph", colors=64, x=[-2.0, 2.0], y=[5.0],
                        z=[-4.0, 2.0])
    assert panel.n_frames == 4 and 'type="range"' in panel.html
    assert len(panel.html) < 4 * 12_000                       # palette PNGs: ~5 kB per frame
    with pytest.raises(ValueError, match="frames"):
        slider_demo(chapter.circuit, alt="graph", colors=64, x=list(range(10)), y=list(range(10)))


def test_slider_demo_live_is_a_widget(monkeypatch):
    monkeypatch.delenv("NNBOOK_STATIC", raising=False)
    panel = slider_demo(chapter.circuit, alt="graph", colors=64, x=[-2.0, 2.0], y=[5.0],
                        z=[-4.0])
    assert type(panel).__name__ == "VBox"
    plt.close("all")


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: chapter.circuit(x=np.inf), ValueError, "x must be finite"),
    (lambda: chapter.circuit(z="4"), TypeError, "z must be a real number"),
    (lambda: ch5.worked_network(W1=np.ones((3, 2))), ValueError, r"W1 must have shape \(2, 2\)"),
    (lambda: ch5.worked_network(W2=[0.3, 0.9]), ValueError, "W2 must be 2-dimensional"),
    (lambda: chapter.set_weight("net", "w1", 0.0), TypeError, "net must be an MLP"),
    (lambda: chapter.set_weight(ch5.worked_network(), "w1", None), TypeError,
     "value must be a real"),
    (lambda: chapter.weight_panel(shift=np.nan), ValueError, "shift must be finite"),
    (lambda: chapter.weight_panel(weight=1), ValueError, "weight must be one of"),
    (lambda: chapter.weight_panel.render(shift="1"), TypeError, "shift must be a real number"),
    (lambda: chapter.circuit.render(y=None), TypeError, "y must be a real number"),
    (lambda: chapter.draw_worked_network(x=[1.0]), ValueError, "x must hold the two inputs"),
    (lambda: chapter.worked_state("w9", 0.0), ValueError, "weight must be one of"),
    (lambda: chapter.worked_state("w1", "1"), TypeError, "shift must be a real number"),
    (lambda: chapter.weight_sweep("w0"), ValueError, "weight must be one of"),
    (lambda: slider_demo(3, alt="a", colors=64, x=[1.0]), TypeError, "plot must be a callable"),
    (lambda: slider_demo(chapter.circuit, alt="a", colors=300, x=[1.0]), ValueError,
     "colors must be an int from 2 to 256"),
])
def test_panel_functions_reject_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
    plt.close("all")


def test_worked_network_diagram_names_every_weight():
    ax = chapter.draw_worked_network(W2=[[0.25, -1.5]])
    texts = [t.get_text() for t in ax.texts]
    for name, value in [("w1", 0.25), ("w2", -1.5), ("w3", 0.1), ("w6", 0.6)]:
        assert f"{name} = {value:g}" in texts
    assert "A\n0.35" in texts and "target t = 0.5" in texts and len(ax.lines) == 6
    plt.close("all")


def test_set_weight_and_worked_network_round_trip():
    assert chapter.worked_network is ch5.worked_network and chapter.WORKED is ch5.WORKED
    net = chapter.set_weight(ch5.worked_network(), "w5", -1.25)
    assert net.weights[0][1, 0] == -1.25                   # w5 joins A to the bottom unit h2
    hidden = net.weights[0]
    assert chapter.set_weight(net, "w1", 2.0).weights[0] is hidden    # written in place
    assert net.weights[1][0, 0] == 2.0 and net.weights[0][1, 0] == -1.25
    net2 = ch5.worked_network(W1=net.weights[0], W2=[[0.3, 0.9]])
    np.testing.assert_array_equal(net2.weights[0], [[0.1, 0.8], [-1.25, 0.6]])
    assert all(np.all(b == 0) for b in net2.biases)


def test_debug_exercise_checkers():
    from nnbook.exercises import ch5
    blocks = {name: ch5._wrong_blocks(fn) for name, fn in ch5.SUSPECTS.items()}
    assert blocks["C"] == ["W1", "b1", "W2", "b2", "W3", "b3"]       # missing 1/n: everywhere
    assert blocks["B"] == ["b1", "b2", "b3"]                         # only the biases
    for name in "ADE":                                               # the error sent back
        assert blocks[name] == ["W1", "b1", "W2", "b2"]
    assert ch5.debug_blocks(blocks)
    assert not ch5.debug_blocks({**blocks, "B": ["b1"]})
    assert not ch5.debug_blocks({"A": []})
    assert ch5.debug_bugs(dict(ch5._TRUTH))
    assert not ch5.debug_bugs({**ch5._TRUTH, "A": "missing transpose"})
    assert "one of" in ch5.debug_bugs({**ch5._TRUTH, "A": "typo"}).message
    net, X, Y = ch5.debug_problem()
    fixed = ch5._wrong_blocks(lambda w, b, X, Y: (lambda g: (g["weights"], g["biases"]))(
        net.loss_and_gradients(X, Y)[1]))
    assert fixed == []


def test_each_suspect_is_the_correct_pass_with_its_bug_planted(capsys):
    namespace = {"_forward": ch5._forward}
    exec(ch5._CORRECT, namespace)
    assert ch5._wrong_blocks(namespace["suspect"]) == []           # the template is right
    ch5.show_suspect("A")
    shown = capsys.readouterr().out
    assert shown.startswith("def suspect_a(weights, biases, X, Y):\n")
    assert "* A[l + 1] * (1 - A[l + 1])" in shown and shown.count("\n") == 12
    ch5.show_suspect("D")
    assert "weights[l] -= lr * dW[l]" in capsys.readouterr().out
    with pytest.raises(ValueError, match="name must be one of"):
        ch5.show_suspect("F")


def test_suspects_forward_pass_is_the_sigmoid_network():
    net, X, _ = ch5.debug_problem()
    weights = [W.copy() for W in net.weights]
    A = ch5._forward(weights, net.biases, X)
    assert len(A) == 4 and A[0] is X
    a = X
    for W, b in zip(net.weights, net.biases):
        a = 1 / (1 + np.exp(-(a @ W.T + b)))
    np.testing.assert_allclose(A[-1], a, rtol=1e-12)
    np.testing.assert_allclose(A[-1], net.forward(X), rtol=0, atol=0)
    weights[0] += 1.0                                      # the pass kept no reference
    np.testing.assert_array_equal(ch5._forward(net.weights, net.biases, X)[-1], A[-1])


def test_batch_shapes_checker():
    from nnbook.exercises import ch5
    right = {"A0": (32, 784), "Z1": (32, 100), "Delta1": (32, 100), "Delta2": (32, 10),
             "dW1": (100, 784), "dW2": (10, 100), "db1": (100,), "Delta2 W2": (32, 100)}
    assert ch5.batch_shapes(right)
    assert not ch5.batch_shapes({**right, "dW1": (784, 100)})
    assert "keys" in ch5.batch_shapes({"A0": (32, 784)}).message
    assert "tuple" in ch5.batch_shapes({**right, "db1": 100}).message


def test_forward_mode_derivative_checker():
    from nnbook.autograd import Dual
    from nnbook.exercises import ch5

    def error(w, x=(0.35, 0.9), t=0.5):
        w1, w2, w3, w4, w5, w6 = w
        h1 = (w3 * x[0] + w4 * x[1]).sigmoid()
        h2 = (w5 * x[0] + w6 * x[1]).sigmoid()
        y = (w1 * h1 + w2 * h2).sigmoid()
        return 0.5 * (y - t) ** 2

    weights = (0.3, 0.9, 0.1, 0.8, 0.4, 0.6)
    seeded = [Dual(v, 1.0 if k == 2 else 0.0) for k, v in enumerate(weights)]
    assert ch5.forward_mode_derivative(error(seeded).tangent)
    assert not ch5.forward_mode_derivative(2 * error(seeded).tangent)
    with pytest.raises(ValueError, match="weight"):
        ch5.forward_mode_derivative(0.0, weight="w9")


def test_checkers_accept_the_rounding_the_exercises_invite():
    # ex-ch5-softmax: the solution's own three decimals pass, two decimals do not
    assert ch5.softmax_gradient([-0.341, 0.242, 0.099])
    assert not ch5.softmax_gradient([-0.34, 0.24, 0.10])
    # ex-ch5-modes: the value the chapter prints, 0.000929, passes; dE/dw4 does not
    assert ch5.forward_mode_derivative(0.000929)
    assert not ch5.forward_mode_derivative(0.002389)
    # ex-ch5-target: four decimals pass; the variant with the updated w1+, w2+ still fails
    net = ch5.worked_network()
    x, t = np.array([[0.35, 0.9]]), [0.9]
    _, g = net.loss_and_gradients(x, t)
    right = [net.weights[l][i, j] - g["weights"][l][i, j] for l, i, j in ch5.WEIGHT_NAMES.values()]
    assert ch5.worked_update([round(w, 4) for w in right])
    net.forward(x)
    h, y = net.activations_[1][0], net.activations_[2][0, 0]
    delta_y = (y - 0.9) * y * (1 - y)
    variant = list(right[:2])                     # hidden errors sent back through w1+, w2+
    for unit, tail, a in ((0, 0, 0.35), (0, 1, 0.9), (1, 0, 0.35), (1, 1, 0.9)):
        delta_h = delta_y * right[unit] * h[unit] * (1 - h[unit])
        variant.append(net.weights[0][unit, tail] - delta_h * a)
    assert not ch5.worked_update(variant)


def test_debug_bugs_accepts_any_case_and_sigma_spelling():
    answer = dict(ch5._TRUTH)
    answer["A"] = "Wrong σ′"
    answer["C"] = "  Missing 1/N "
    assert ch5.debug_bugs(answer)


def test_batch_shapes_message_names_the_students_shape():
    right = {"A0": (32, 784), "Z1": (32, 100), "Delta1": (32, 100), "Delta2": (32, 10),
             "dW1": (100, 784), "dW2": (10, 100), "db1": (100,), "Delta2 W2": (32, 100)}
    fb = ch5.batch_shapes({**right, "db1": (100, 1)})
    assert not fb and "(100, 1) is not its shape" in fb.message
