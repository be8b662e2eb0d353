"""Chapter 4: the backpropagation panels and the exercise checkers."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.autograd import Value
from nnbook.exercises import ch4
from nnbook.panels import backprop as bp


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.axison]
    assert axes, "the figure has no visible axes"
    for ax in axes:
        assert ax.get_xlabel() and ax.get_ylabel()


# ------------------------------------------------------------------- panels
@pytest.mark.parametrize("lr", [0.01, 0.15, 0.21])
@pytest.mark.parametrize("start", ["A", "D"])
def test_descent_panel_draws_labelled_axes(lr, start):
    fig = bp.descent(lr=lr, start=start)
    _labelled(fig)
    assert start in fig._suptitle.get_text()
    plt.close(fig)


def test_descent_verdicts_follow_the_curvature():
    # the bowl has curvatures 1 and 10: smooth below 0.1, zig-zag up to 0.2, divergent beyond
    titles = {lr: bp.descent(lr=lr)._suptitle.get_text() for lr in (0.05, 0.15, 0.21, 0.001)}
    plt.close("all")
    assert "smoothly" in titles[0.05]
    assert "zig-zag" in titles[0.15]
    assert "diverges" in titles[0.21]
    assert "crawls" in titles[0.001]
    np.testing.assert_allclose(np.linalg.eigvalsh(bp.H), [1.0, 10.0])


def test_descent_path_converges_or_stops():
    path = bp.descent_path(0.1, (3.0, -2.0), steps=200)
    assert np.abs(path[-1]).max() < 1e-6
    path = bp.descent_path(0.3, (3.0, -2.0), steps=500)
    assert len(path) < 501 and np.abs(path[-1]).max() > 1e3       # stopped at divergence
    with pytest.raises(ValueError, match="lr"):
        bp.descent_path(0.0, (1.0, 1.0))
    with pytest.raises(ValueError, match="start"):
        bp.descent(start="Z")


@pytest.mark.parametrize("x, y, z", [(-2.0, 5.0, -4.0), (2.0, -1.0, -4.0), (0.0, 2.0, 2.0)])
def test_circuit_panel_shows_values_and_gradients(x, y, z):
    fig = bp.circuit(x=x, y=y, z=z)
    title = fig.axes[0].get_title()
    assert f"f = {(x + y) * z:g}" in title and f"∂f/∂z = {x + y:g}" in title
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("x\n") for t in texts) and any(t.startswith("∂") for t in texts)
    plt.close(fig)


def test_draw_circuit_places_every_node():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    out = (a * b + a).tanh()
    out.backward()
    ax = bp.draw_circuit(out)
    texts = [t.get_text() for t in ax.texts if t.get_text()]        # arrows have no text
    values = [t for t in texts if not t.startswith("∂")]
    assert len(values) == 5 and len(texts) == 10              # a, b, ×, +, tanh: value + grad
    assert any(v.startswith("tanh") for v in values)
    assert "∂ 1" in texts                                     # d out / d out
    plt.close("all")


@pytest.mark.parametrize("weight", ["w1", "w4", "w6"])
@pytest.mark.parametrize("shift", [-2.0, 0.0, 1.0])
def test_weight_panel_draws_labelled_axes(weight, shift):
    fig = bp.weight_panel(weight=weight, shift=shift)
    _labelled(fig)
    assert fig._suptitle.get_text().startswith(weight)
    plt.close(fig)


def test_panels_are_fast_panels_reusing_one_figure():
    from nnbook.widgets import Panel
    for panel in (bp.descent, bp.circuit, bp.weight_panel):
        assert isinstance(panel, Panel)
        first = panel()
        assert panel() is first                                # built once, updated in place
        png = panel.render()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and panel.fig is first
        assert all(plt.figure(n) is not first for n in plt.get_fignums())   # not in pyplot


def test_descent_panel_updates_its_artists():
    fig = bp.descent(lr=0.05, start="B", steps=30)
    path = bp.descent_path(0.05, bp.STARTS["B"], 30)
    np.testing.assert_allclose(np.column_stack(bp.descent.path.get_data()), path)
    np.testing.assert_allclose(bp.descent.start.get_data(), [[4.0], [3.0]])
    x, y = bp.descent.loss.get_data()
    np.testing.assert_array_equal(x, np.arange(31))
    np.testing.assert_allclose(y, np.log10(bp.loss2d(path[:, 0], path[:, 1])))
    assert bp.descent.ax2.get_xlim() == (0, 30)
    # diverging: the drawn path stops at the first iterate outside the box, the loss goes on
    fig2 = bp.descent(lr=0.21, start="A", steps=40)
    shown = np.column_stack(bp.descent.path.get_data())
    assert fig2 is fig and np.abs(shown[-1]).max() > 5 and np.abs(shown[:-1]).max() <= 5
    assert len(bp.descent.loss.get_data()[0]) == 41 and bp.descent.ax2.get_xlim() == (0, 40)
    assert fig._suptitle.get_text() == "α = 0.21, start A: diverges"
    bp.descent.render(lr=0.1, steps=30)                     # the x range follows steps back
    assert bp.descent.ax2.get_xlim() == (0, 30)


def test_circuit_panel_updates_its_texts():
    fig = bp.circuit(x=2.0, y=-1.0, z=-4.0)
    value = {k: t[0].get_text() for k, t in bp.circuit.texts.items()}
    grad = {k: t[1].get_text() for k, t in bp.circuit.texts.items()}
    assert value == {"x": "x\n2", "y": "y\n-1", "z": "z\n-4", "q = x+y": "q = x+y\n1",
                     "f = q·z": "f = q·z\n-4"}
    assert grad == {"x": "∂ -4", "y": "∂ -4", "z": "∂ 1", "q = x+y": "∂ -4", "f = q·z": "∂ 1"}
    assert bp.circuit(x=0.0, y=2.0, z=2.0) is fig
    assert bp.circuit.texts["z"][1].get_text() == "∂ 2"
    assert fig.axes[0].get_title() == "f = 4;   ∂f/∂x = 2,  ∂f/∂y = 2,  ∂f/∂z = 2"


def test_weight_panel_updates_its_artists():
    fig = bp.weight_panel(weight="w4", shift=1.0)
    net = bp.set_weight(bp.worked_network(), "w4", 1.8)
    X = np.array([[0.35, 0.9]])
    loss, g = net.loss_and_gradients(X, [0.5])
    ax, ax2 = fig.axes
    np.testing.assert_allclose(bp.weight_panel.point.get_data(), [[1.8], [loss]])
    tx, ty = bp.weight_panel.tangent.get_data()
    np.testing.assert_allclose(np.diff(ty) / np.diff(tx), [g["weights"][0][0, 1]])
    widths = [bar.get_width() for bar in bp.weight_panel.bars]
    np.testing.assert_allclose(widths, [g["weights"][l][i, j]
                                        for l, i, j in bp.WEIGHT_NAMES.values()])
    assert [t.get_text() for t in bp.weight_panel.values] == [f"{w:.4f}" for w in widths]
    assert ax.get_xlim() == pytest.approx((0.8 - 3, 0.8 + 3)) and ax.get_xlabel() == "value of w4"
    assert "E as w4 varies" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert fig._suptitle.get_text().startswith("w4 = 1.8:")
    lim = max(abs(w) for w in widths)                         # one gradient scale for all
    assert bp.weight_panel(weight="w1", shift=-2.0) is fig and ax2.get_xlim()[1] > 1.6 * lim
    assert ax.get_xlim() == pytest.approx((0.3 - 3, 0.3 + 3))
    assert bp.weight_panel.bars[0].get_hatch() == "//"        # dE/dw1 < 0 at w1 = -1.7


@pytest.mark.parametrize("name", list(bp.WEIGHT_NAMES))
def test_sweep_matches_the_network(name):
    E, G = bp._sweep(name)
    k = 20
    net = bp.set_weight(bp.worked_network(), name, bp._base(name) + bp._SHIFTS[k])
    loss, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.5])
    assert E[k] == pytest.approx(loss, rel=1e-12)
    np.testing.assert_allclose(G[k], [g["weights"][l][i, j]
                                      for l, i, j in bp.WEIGHT_NAMES.values()], rtol=1e-10)


def test_worked_network_reproduces_the_lecture():
    net = bp.worked_network()
    y = net.forward(np.array([[0.35, 0.9]]))[0, 0]
    assert round(y, 2) == 0.69
    loss, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.5])
    np.testing.assert_allclose(loss, 0.5 * (y - 0.5) ** 2)
    # slides' w1+ = 0.272392 uses rounded intermediates; the exact update is within 1e-4
    assert abs(0.3 - g["weights"][1][0, 0] - 0.272392) < 1e-4
    with pytest.raises(ValueError, match="weight"):
        bp.set_weight(net, "w7", 0.0)
    with pytest.raises(ValueError, match="weight"):
        bp.weight_panel(weight="w0")


def test_fd_errors_orders():
    hs = np.array([1e-2, 1e-3])
    fwd, cen = bp.fd_errors(np.exp, np.exp, 0.0, hs)
    assert fwd[0] / fwd[1] == pytest.approx(10, rel=0.05)     # O(h)
    assert cen[0] / cen[1] == pytest.approx(100, rel=0.05)    # O(h^2)
    with pytest.raises(ValueError, match="positive"):
        bp.fd_errors(np.exp, np.exp, 0.0, [0.0])


# ---------------------------------------------------------------- checkers
def test_review_gradient():
    assert ch4.review_gradient([4.0, -4.0])
    fb = ch4.review_gradient([4.0, 4.0])
    assert not fb and "index (1,)" in fb.message


def test_critical_learning_rate():
    assert ch4.critical_learning_rate(0.2)
    fb = ch4.critical_learning_rate(0.1)
    assert not fb and "Hint" in fb.message


def test_circuit_gradients():
    assert ch4.circuit_gradients([-4.0, -4.0, 1.0])
    fb = ch4.circuit_gradients([4.0, 4.0, -1.0])
    assert not fb and "add gate" in fb.message


def test_numerical_cost():
    assert ch4.numerical_cost(159020)
    assert not ch4.numerical_cost(79510)                       # forgot the factor 2
    assert ch4.numerical_cost(2 * (2 * 3 + 3 + 3 * 1 + 1), sizes=(2, 3, 1))


def test_softmax_gradient():
    p = np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum()
    assert ch4.softmax_gradient(p - [1, 0, 0])
    fb = ch4.softmax_gradient(p)                               # forgot the -1
    assert not fb and "p_k - 1" in fb.message
    assert not ch4.softmax_gradient([0.1, 0.2])


def test_worked_update():
    net = bp.worked_network()
    _, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [0.9])
    right = [net.weights[l][i, j] - g["weights"][l][i, j] for l, i, j in bp.WEIGHT_NAMES.values()]
    assert ch4.worked_update(right)
    assert all(w_new > w_old for w_new, w_old in zip(right, [0.3, 0.9, 0.1, 0.8, 0.4, 0.6]))
    fb = ch4.worked_update([0.3, 0.9, 0.1, 0.8, 0.4, 0.6])
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
    assert ch4.backprop_function(_tanh_backprop)
    fb = ch4.backprop_function(lambda *a: _tanh_backprop(*a, bug=True))
    assert not fb and "mean over the rows" in fb.message
    fb = ch4.backprop_function(lambda *a: 1 / 0)
    assert not fb and "ZeroDivisionError" in fb.message
    assert not ch4.backprop_function("not a function")
    fb = ch4.backprop_function(lambda W, b, X, Y: ([], []))
    assert not fb and "return" in fb.message


def test_slider_panel_static_frames_are_light(monkeypatch):
    monkeypatch.setenv("NNBOOK_STATIC", "1")
    panel = bp.slider_panel(bp.circuit, alt="graph", x=[-2.0, 2.0], y=[5.0], z=[-4.0, 2.0])
    assert panel.n_frames == 4 and 'type="range"' in panel.html
    assert len(panel.html) < 4 * 12_000                       # palette PNGs: ~5 kB per frame
    with pytest.raises(ValueError, match="frames"):
        bp.slider_panel(bp.circuit, alt="graph", x=list(range(10)), y=list(range(10)))


def test_slider_panel_live_is_a_widget(monkeypatch):
    monkeypatch.delenv("NNBOOK_STATIC", raising=False)
    panel = bp.slider_panel(bp.circuit, alt="graph", x=[-2.0, 2.0], y=[5.0], z=[-4.0])
    assert type(panel).__name__ == "VBox"
    plt.close("all")


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: bp.descent(lr=-0.1), ValueError, "lr must be > 0"),
    (lambda: bp.descent(lr="big"), TypeError, "lr must be a real number"),
    (lambda: bp.descent(steps=0), ValueError, "steps must be >= 1"),
    (lambda: bp.descent_path(0.1, (1.0, 2.0, 3.0)), ValueError, "start must be a point"),
    (lambda: bp.descent_path(0.1, (1.0, np.nan)), ValueError, "start contains NaN"),
    (lambda: bp.loss2d("a", 1.0), TypeError, "w1 must be a numeric array"),
    (lambda: bp.circuit(x=np.inf), ValueError, "x must be finite"),
    (lambda: bp.circuit(z="4"), TypeError, "z must be a real number"),
    (lambda: bp.draw_circuit(3.0), TypeError, "root must be a Value"),
    (lambda: bp.draw_circuit(Value(1.0), digits=0), ValueError, "digits must be >= 1"),
    (lambda: bp.worked_network(W1=np.ones((3, 2))), ValueError, r"W1 must have shape \(2, 2\)"),
    (lambda: bp.worked_network(W2=[0.3, 0.9]), ValueError, "W2 must be 2-dimensional"),
    (lambda: bp.set_weight("net", "w1", 0.0), TypeError, "net must be an MLP"),
    (lambda: bp.set_weight(bp.worked_network(), "w1", None), TypeError, "value must be a real"),
    (lambda: bp.weight_panel(shift=np.nan), ValueError, "shift must be finite"),
    (lambda: bp.weight_panel(weight=1), ValueError, "weight must be one of"),
    (lambda: bp.weight_panel.render(shift="1"), TypeError, "shift must be a real number"),
    (lambda: bp.descent(start=1), ValueError, "start must be one of"),
    (lambda: bp.descent.render(steps=2.5), TypeError, "steps"),
    (lambda: bp.circuit.render(y=None), TypeError, "y must be a real number"),
    (lambda: bp.draw_worked_network(x=[1.0]), ValueError, "x must hold the two inputs"),
    (lambda: bp.fd_errors(np.exp, np.exp, 0.0, [[1e-3]]), ValueError, "hs must be 1-dimensional"),
    (lambda: bp.fd_errors("exp", np.exp, 0.0, [1e-3]), TypeError, "callables"),
    (lambda: bp.slider_panel(3, alt="a", x=[1.0]), TypeError, "plot must be a callable"),
    (lambda: bp.slider_panel(bp.circuit, alt="a", colors=300, x=[1.0]), ValueError,
     "colors must be at most 256"),
])
def test_panel_functions_reject_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
    plt.close("all")


def test_set_weight_and_worked_network_round_trip():
    net = bp.set_weight(bp.worked_network(), "w5", -1.25)
    assert net.weights[0][1, 0] == -1.25                   # w5 joins A to the bottom unit h2
    net2 = bp.worked_network(W1=net.weights[0], W2=[[0.3, 0.9]])
    np.testing.assert_array_equal(net2.weights[0], [[0.1, 0.8], [-1.25, 0.6]])
    assert all(np.all(b == 0) for b in net2.biases)


def test_loss2d_matches_the_quadratic_form():
    w = np.array([1.5, -0.5])
    assert bp.loss2d(w[0], w[1]) == pytest.approx(0.5 * w @ bp.H @ w, rel=1e-14)
    grid = bp.loss2d(np.zeros((3, 4)), np.ones((3, 4)))
    assert grid.shape == (3, 4) and np.allclose(grid, 0.5 * bp.H[1, 1])


def test_momentum_path_and_contraction():
    # v <- mu v - lr H w, w <- w + v; mu = 0 is plain descent
    np.testing.assert_array_equal(bp.descent_path(0.05, (1.0, 2.0), 10, momentum=0.0),
                                  bp.descent_path(0.05, (1.0, 2.0), 10))
    w, v = np.array([1.0, 2.0]), np.zeros(2)
    for _ in range(3):
        v = 0.5 * v - 0.05 * (bp.H @ w)
        w = w + v
    np.testing.assert_allclose(bp.descent_path(0.05, (1.0, 2.0), 3, momentum=0.5)[-1], w)
    np.testing.assert_allclose(bp.contraction(0.05), [0.95, 0.5])
    # heavy ball on a quadratic is stable iff lr * lambda_max < 2 (1 + mu)
    assert bp.contraction(0.37, 0.9).max() < 1 < bp.contraction(0.39, 0.9).max()
    assert bp.contraction(0.35, 0.5).max() > 1
    with pytest.raises(ValueError, match="momentum"):
        bp.descent_path(0.1, (1.0, 1.0), momentum=1.0)


def test_descent_panel_with_momentum_titles():
    t = {mu: bp.descent(lr=0.01, momentum=mu)._suptitle.get_text() for mu in (0.0, 0.9)}
    assert "crawls" in t[0.0] and "μ" not in t[0.0]
    assert "μ = 0.9" in t[0.9] and "diverges" not in t[0.9]
    assert "diverges" in bp.descent(lr=0.35, momentum=0.5)._suptitle.get_text()
    assert "diverges" not in bp.descent(lr=0.35, momentum=0.9)._suptitle.get_text()


def test_momentum_exercise_checker():
    from nnbook.exercises import ch4
    assert ch4.momentum_critical_rate(0.38)
    assert not ch4.momentum_critical_rate(0.2)
    assert ch4.momentum_critical_rate(0.3, momentum=0.5)


def test_debug_exercise_checkers():
    from nnbook.exercises import ch4
    blocks = {name: ch4._wrong_blocks(fn) for name, fn in ch4.SUSPECTS.items()}
    assert blocks["C"] == ["W1", "b1", "W2", "b2", "W3", "b3"]       # missing 1/n: everywhere
    assert blocks["B"] == ["b1", "b2", "b3"]                         # only the biases
    for name in "ADE":                                               # the error sent back
        assert blocks[name] == ["W1", "b1", "W2", "b2"]
    assert ch4.debug_blocks(blocks)
    assert not ch4.debug_blocks({**blocks, "B": ["b1"]})
    assert not ch4.debug_blocks({"A": []})
    assert ch4.debug_bugs(dict(ch4._TRUTH))
    assert not ch4.debug_bugs({**ch4._TRUTH, "A": "missing transpose"})
    assert "one of" in ch4.debug_bugs({**ch4._TRUTH, "A": "typo"}).message
    net, X, Y = ch4.debug_problem()
    fixed = ch4._wrong_blocks(lambda w, b, X, Y: (lambda g: (g["weights"], g["biases"]))(
        net.loss_and_gradients(X, Y)[1]))
    assert fixed == []


def test_batch_shapes_checker():
    from nnbook.exercises import ch4
    right = {"A0": (32, 784), "Z1": (32, 100), "Delta1": (32, 100), "Delta2": (32, 10),
             "dW1": (100, 784), "dW2": (10, 100), "db1": (100,), "Delta2 W2": (32, 100)}
    assert ch4.batch_shapes(right)
    assert not ch4.batch_shapes({**right, "dW1": (784, 100)})
    assert "keys" in ch4.batch_shapes({"A0": (32, 784)}).message
    assert "tuple" in ch4.batch_shapes({**right, "db1": 100}).message


def test_forward_mode_derivative_checker():
    from nnbook.autograd import Dual
    from nnbook.exercises import ch4

    def error(w, x=(0.35, 0.9), t=0.5):
        w1, w2, w3, w4, w5, w6 = w
        h1 = (w3 * x[0] + w4 * x[1]).sigmoid()
        h2 = (w5 * x[0] + w6 * x[1]).sigmoid()
        y = (w1 * h1 + w2 * h2).sigmoid()
        return 0.5 * (y - t) ** 2

    weights = (0.3, 0.9, 0.1, 0.8, 0.4, 0.6)
    seeded = [Dual(v, 1.0 if k == 2 else 0.0) for k, v in enumerate(weights)]
    assert ch4.forward_mode_derivative(error(seeded).tangent)
    assert not ch4.forward_mode_derivative(2 * error(seeded).tangent)
    with pytest.raises(ValueError, match="weight"):
        ch4.forward_mode_derivative(0.0, weight="w9")


def test_checkers_accept_the_rounding_the_exercises_invite():
    # ex-ch4-softmax: the solution's own three decimals pass, two decimals do not
    assert ch4.softmax_gradient([-0.341, 0.242, 0.099])
    assert not ch4.softmax_gradient([-0.34, 0.24, 0.10])
    # ex-ch4-modes: the value the chapter prints, 0.000929, passes; dE/dw4 does not
    assert ch4.forward_mode_derivative(0.000929)
    assert not ch4.forward_mode_derivative(0.002389)
    # ex-ch4-target: four decimals pass; the variant with the updated w1+, w2+ still fails
    net = bp.worked_network()
    x, t = np.array([[0.35, 0.9]]), [0.9]
    _, g = net.loss_and_gradients(x, t)
    right = [net.weights[l][i, j] - g["weights"][l][i, j] for l, i, j in bp.WEIGHT_NAMES.values()]
    assert ch4.worked_update([round(w, 4) for w in right])
    net.forward(x)
    h, y = net.activations_[1][0], net.activations_[2][0, 0]
    delta_y = (y - 0.9) * y * (1 - y)
    variant = list(right[:2])                     # hidden errors sent back through w1+, w2+
    for unit, tail, a in ((0, 0, 0.35), (0, 1, 0.9), (1, 0, 0.35), (1, 1, 0.9)):
        delta_h = delta_y * right[unit] * h[unit] * (1 - h[unit])
        variant.append(net.weights[0][unit, tail] - delta_h * a)
    assert not ch4.worked_update(variant)


def test_debug_bugs_accepts_any_case_and_sigma_spelling():
    answer = dict(ch4._TRUTH)
    answer["A"] = "Wrong σ′"
    answer["C"] = "  Missing 1/N "
    assert ch4.debug_bugs(answer)


def test_batch_shapes_message_names_the_students_shape():
    right = {"A0": (32, 784), "Z1": (32, 100), "Delta1": (32, 100), "Delta2": (32, 10),
             "dW1": (100, 784), "dW2": (10, 100), "db1": (100,), "Delta2 W2": (32, 100)}
    fb = ch4.batch_shapes({**right, "db1": (100, 1)})
    assert not fb and "(100, 1) is not its shape" in fb.message
