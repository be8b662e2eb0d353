r"""Panels and figure helpers of chapter 5 (backpropagation).

* :func:`draw_circuit`, :data:`circuit` (a :class:`CircuitPanel`): a
  :class:`~nnbook.autograd.Value` graph with every node's value and gradient (panel 1);
* :func:`worked_network`, :data:`weight_panel` (a :class:`WeightPanel`): the 2-2-1
  sigmoid network of the lectures' worked example and its loss as one weight moves
  (panel 2).

Both panels are :class:`nnbook.widgets.Panel` instances: ``circuit(x=1.0)`` returns its
one figure, updated in place (not registered with pyplot), and ``circuit.render(x=1.0)``
the PNG bytes the slider faces show. :func:`slider_panel` lives in
:mod:`nnbook.panels.descent` (chapter 4) and is re-exported here.

Notation is the book's: :math:`W` is (n_out, n_in), :math:`w_{ij}` joins unit j
to unit i, :math:`\eta` (or :math:`\alpha` for a plain function) is the step size.
"""

from __future__ import annotations

from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np

from .._checks import as_float_array, check_int, check_positive, check_real
from ..autograd import Value, graph
from ..mlp import MLP
from ..plotting import COLORS, LINESTYLES, PALETTE
from ..widgets import Panel
from .descent import slider_panel

__all__ = ["draw_circuit",
           "CircuitPanel", "circuit", "WORKED", "WEIGHT_NAMES", "worked_network", "set_weight",
           "draw_worked_network", "WeightPanel", "weight_panel", "fd_errors", "slider_panel"]


# ------------------------------------------------------------- panel 1: circuits
def _layout(root):
    """Columns from the output back (inputs left) and rows from a depth-first walk."""
    nodes, _ = graph(root)
    back = {id(root): 0}
    for node in reversed(nodes):                    # parents before children
        for child in node._prev:
            back[id(child)] = max(back.get(id(child), 0), back[id(node)] + 1)
    last = max(back.values())
    rows, slot = {}, [0]

    def place(node):
        if id(node) in rows:
            return rows[id(node)]
        if not node._prev:
            rows[id(node)] = slot[0]
            slot[0] += 1
        else:
            rows[id(node)] = float(np.mean([place(c) for c in node._prev]))
        return rows[id(node)]

    place(root)
    return nodes, {id(n): (last - back[id(n)], -rows[id(n)]) for n in nodes}, slot[0]


def _name(node):
    if node.label:
        return node.label
    return {"**-1": "1/x", "*": "×"}.get(node._op, node._op)


def _node_strings(node, digits):
    """The two texts of a node: its name and value (boxed), and its gradient."""
    leaf = not node._prev
    value = f"{node.data:.{digits}g}" if leaf and not node.label else \
        f"{_name(node)}\n{node.data:.{digits}g}"
    return value, f"∂ {node.grad:.{digits}g}"


def _draw_graph(root, ax, digits, fontsize):
    """Arrows and node texts of ``root``'s graph on ``ax``; returns {id(node): (value, grad)}."""
    nodes, xy, n_leaves = _layout(root)
    ncol = max(x for x, _ in xy.values()) + 1
    for node in nodes:
        x1, y1 = xy[id(node)]
        for child in node._prev:
            x0, y0 = xy[id(child)]
            ax.annotate("", xy=(x1 - 0.28, y1), xytext=(x0 + 0.28, y0),
                        arrowprops={"arrowstyle": "->", "color": PALETTE["grey"], "lw": 1.0})
    texts = {}
    for node in nodes:
        x, y = xy[id(node)]
        value, grad = _node_strings(node, digits)
        box = {"boxstyle": "round,pad=0.3", "fc": "#eef5fb" if not node._prev else "white",
               "ec": COLORS[0], "lw": 1.2}
        texts[id(node)] = (
            ax.text(x, y + 0.05, value, ha="center", va="bottom", fontsize=fontsize, bbox=box),
            ax.text(x, y - 0.02, grad, ha="center", va="top", fontsize=fontsize,
                    color=PALETTE["vermillion"], fontstyle="italic"))
    ax.set_xlim(-0.6, ncol - 0.4)
    ax.set_ylim(-n_leaves + 0.35, 0.85)
    ax.axis("off")
    return texts


def draw_circuit(root, ax=None, digits=3, title=None, fontsize=9):
    """Draw a Value graph: each node shows its value and, below, its gradient ∂f/∂node.

    Parameters
    ----------
    root : Value
        The output; call ``root.backward()`` first for meaningful gradients.
    ax : matplotlib Axes, optional
        Drawn on a new figure (sized to the graph) when omitted.
    digits : int >= 1
        Significant digits of the printed values and gradients.
    title : str, optional
    fontsize : float > 0

    Returns
    -------
    matplotlib Axes
        Inputs on the left, the output on the right, arrows along the forward flow.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    digits = check_int(digits, "digits", minimum=1)
    fontsize = check_positive(fontsize, "fontsize")
    if ax is None:
        _, xy, n_leaves = _layout(root)
        ncol = max(x for x, _ in xy.values()) + 1
        _, ax = plt.subplots(figsize=(max(4.5, 1.3 * ncol + 1), max(2.4, 0.75 * n_leaves + 0.8)))
    _draw_graph(root, ax, digits, fontsize)
    if title:
        ax.set_title(title, fontsize=fontsize + 1)
    return ax


def _circuit_graph(x, y, z):
    """f = (x + y) z as Values after ``f.backward()``: returns f and the nodes by label."""
    xs, ys, zs = Value(x, label="x"), Value(y, label="y"), Value(z, label="z")
    q = xs + ys
    q.label = "q = x+y"
    f = q * zs
    f.label = "f = q·z"
    f.backward()
    return f, {n.label: n for n in (xs, ys, zs, q, f)}


class CircuitPanel(Panel):
    r"""Panel 1: :math:`f = (x + y)z` with every node's value and gradient.

    ``circuit(x=-2.0, y=5.0, z=-4.0)`` (finite real inputs) returns the figure, updated in
    place: the graph after ``f.backward()``, each node's value in its box and its gradient
    in italics below; the title repeats f and the three input gradients. The graph's shape
    does not depend on the inputs, so the arrows are drawn once and only the texts change.
    """

    figsize = (5.6, 3.0)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86)
        f, nodes = _circuit_graph(1.0, 1.0, 1.0)
        texts = _draw_graph(f, ax, digits=3, fontsize=11)
        self.texts = {label: texts[id(node)] for label, node in nodes.items()}
        self.title = ax.set_title("", fontsize=12)
        ax.text(0.5, -2.45, "box: value in the forward pass      italic: gradient ∂f/∂node",
                fontsize=9, ha="center", color=PALETTE["black"])
        # every text changes with the inputs except ∂f/∂f = 1, which stays in the background
        self.moving(*(t for pair in self.texts.values() for t in pair
                      if t is not self.texts["f = q·z"][1]), self.title)

    def update(self, x=-2.0, y=5.0, z=-4.0):
        x, y, z = check_real(x, "x"), check_real(y, "y"), check_real(z, "z")
        f, nodes = _circuit_graph(x, y, z)
        for label, node in nodes.items():
            for text, string in zip(self.texts[label], _node_strings(node, 3)):
                text.set_text(string)
        g = {k: nodes[k].grad for k in "xyz"}
        self.title.set_text(f"f = {f.data:g};   ∂f/∂x = {g['x']:g},  ∂f/∂y = {g['y']:g},  "
                            f"∂f/∂z = {g['z']:g}")


#: panel 1 (a :class:`CircuitPanel`): ``circuit(x=..., y=..., z=...)`` -> Figure
circuit = CircuitPanel()


# ------------------------------------------------------- panel 2: worked example
#: the lectures' 2-2-1 network: inputs, hidden weights, output weights, target, rate
WORKED = {"x": (0.35, 0.9), "W1": ((0.1, 0.8), (0.4, 0.6)), "W2": ((0.3, 0.9),),
          "t": 0.5, "eta": 1.0}
#: lecture names of the weights -> (layer index, i, j) in ``net.weights``
WEIGHT_NAMES = {"w1": (1, 0, 0), "w2": (1, 0, 1), "w3": (0, 0, 0), "w4": (0, 0, 1),
                "w5": (0, 1, 0), "w6": (0, 1, 1)}


def worked_network(W1=None, W2=None):
    """The worked example as an ``MLP([2, 2, 1])`` with sigmoid units, MSE and zero biases.

    Parameters
    ----------
    W1 : array_like, shape (2, 2), optional
        Hidden weights, row i for hidden unit i: ``[[w3, w4], [w5, w6]]`` (lecture values
        by default).
    W2 : array_like, shape (1, 2), optional
        Output weights ``[[w1, w2]]``.

    Returns
    -------
    MLP
    """
    W1 = as_float_array(WORKED["W1"] if W1 is None else W1, "W1", ndim=2)
    W2 = as_float_array(WORKED["W2"] if W2 is None else W2, "W2", ndim=2)
    if W1.shape != (2, 2) or W2.shape != (1, 2):
        raise ValueError(f"W1 must have shape (2, 2) and W2 shape (1, 2), got {W1.shape} "
                         f"and {W2.shape}")
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="mse")
    net.weights[0][...] = W1
    net.weights[1][...] = W2
    for b in net.biases:
        b[...] = 0.0
    return net


def set_weight(net, name, value):
    """Set the lecture's weight ``name`` (``"w1"`` ... ``"w6"``) of ``net`` to ``value``.

    ``net`` is a network from :func:`worked_network`; it is changed in place and returned.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    if not isinstance(name, str) or name not in WEIGHT_NAMES:
        raise ValueError(f"weight must be one of {list(WEIGHT_NAMES)}, got {name!r}")
    layer, i, j = WEIGHT_NAMES[name]
    net.weights[layer][i, j] = check_real(value, "value")
    return net


def _grads_by_name(net, X, t):
    loss, g = net.loss_and_gradients(X, [t])
    return loss, {k: float(g["weights"][l][i, j]) for k, (l, i, j) in WEIGHT_NAMES.items()}


def draw_worked_network(W1=None, W2=None, ax=None, x=None):
    """Diagram of the 2-2-1 network with the lecture's names w1..w6 and their values.

    Parameters
    ----------
    W1 : array_like, shape (2, 2), optional
    W2 : array_like, shape (1, 2), optional
        Weights to print on the edges (as in :func:`worked_network`).
    ax : matplotlib Axes, optional
    x : array_like, shape (2,), optional
        The inputs A and B.

    Returns
    -------
    matplotlib Axes
    """
    net = worked_network(W1, W2)                    # validates the shapes
    W1, W2 = net.weights
    x = as_float_array(WORKED["x"] if x is None else x, "x", ndim=1)
    if x.shape != (2,):
        raise ValueError(f"x must hold the two inputs (A, B), got shape {x.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.2))
    pos = {"A": (0, 0.75), "B": (0, 0.25), "h1": (1, 0.75), "h2": (1, 0.25), "y": (2, 0.5)}
    edges = [("A", "h1", "w3", W1[0, 0], 0.5), ("B", "h1", "w4", W1[0, 1], 0.3),
             ("A", "h2", "w5", W1[1, 0], 0.3), ("B", "h2", "w6", W1[1, 1], 0.5),
             ("h1", "y", "w1", W2[0, 0], 0.5), ("h2", "y", "w2", W2[0, 1], 0.5)]
    for k, (a, b, name, w, f) in enumerate(edges):
        (x0, y0), (x1, y1) = pos[a], pos[b]
        layer = int(k >= 4)                         # layer 1 solid blue, layer 2 dashed
        ax.plot([x0, x1], [y0, y1], color=COLORS[layer], ls=LINESTYLES[layer], lw=1.6, zorder=1)
        ax.text(x0 + f * (x1 - x0), y0 + f * (y1 - y0), f"{name} = {w:.4g}", fontsize=8.5,
                ha="center", va="center", zorder=3,
                bbox={"fc": "white", "ec": "none", "pad": 0.6})
    names = {"A": f"A\n{x[0]:g}", "B": f"B\n{x[1]:g}", "h1": "h₁\nσ", "h2": "h₂\nσ",
             "y": "y\nσ"}
    for key, (px, py) in pos.items():
        ax.scatter([px], [py], s=1100, c="white", edgecolors="k", zorder=2)
        ax.text(px, py, names[key], ha="center", va="center", fontsize=9, zorder=4)
    ax.text(2.0, 0.3, f"target t = {WORKED['t']:g}", ha="center", fontsize=9)
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(0.05, 0.95)
    ax.axis("off")
    return ax


_SHIFTS = np.linspace(-3, 3, 121)


def _base(name):
    layer, i, j = WEIGHT_NAMES[name]
    return float(np.asarray(WORKED["W1" if layer == 0 else "W2"])[i, j])


@lru_cache(maxsize=8)
def _sweep(name):
    """E and the six gradients as one weight moves by ``_SHIFTS`` from its lecture value.

    Vectorised forward and backward pass of the 2-2-1 sigmoid network (the formulas of
    the worked example). Returns ``(E, G)``: shapes (121,) and (121, 6), the columns of G
    in the order of :data:`WEIGHT_NAMES`.
    """
    layer, i, j = WEIGHT_NAMES[name]
    W1 = np.broadcast_to(np.asarray(WORKED["W1"]), (len(_SHIFTS), 2, 2)).copy()
    W2 = np.broadcast_to(np.asarray(WORKED["W2"]), (len(_SHIFTS), 1, 2)).copy()
    (W1 if layer == 0 else W2)[:, i, j] += _SHIFTS
    x = np.asarray(WORKED["x"])
    h = 1 / (1 + np.exp(-W1 @ x))                                   # (k, 2)
    y = 1 / (1 + np.exp(-np.einsum("kij,kj->ki", W2, h)))[:, 0]     # (k,)
    delta_y = (y - WORKED["t"]) * y * (1 - y)
    dW2 = delta_y[:, None] * h                                      # dE/dw1, dE/dw2
    dW1 = (delta_y[:, None] * W2[:, 0] * h * (1 - h))[:, :, None] * x   # (k, 2, 2)
    G = np.column_stack([dW2[:, 0], dW2[:, 1], dW1[:, 0, 0], dW1[:, 0, 1], dW1[:, 1, 0],
                         dW1[:, 1, 1]])
    return 0.5 * (y - WORKED["t"]) ** 2, G


@lru_cache(maxsize=256)
def _worked_state(name, shift):
    """Loss, output and the six gradients with weight ``name`` moved by ``shift``."""
    net = set_weight(worked_network(), name, _base(name) + shift)
    X = np.asarray([WORKED["x"]])
    loss, grads = _grads_by_name(net, X, WORKED["t"])
    return float(loss), float(net.forward(X)[0, 0]), grads


@lru_cache(maxsize=1)
def _gradient_limit():
    """Half-width of the gradient axis: the largest gradient over every weight and shift."""
    return max(0.03, 1.25 * max(np.abs(_sweep(name)[1]).max() for name in WEIGHT_NAMES))


class WeightPanel(Panel):
    """Panel 2: move one weight of the worked example by ``shift`` from its lecture value.

    ``weight_panel(weight="w1", shift=0.0)`` returns the figure, updated in place;
    ``weight`` is the lecture's name ``"w1"`` ... ``"w6"`` of the weight that moves and
    ``shift`` its offset from the lecture's value (drawn within [-3, 3]).

    Left: the error E as that weight varies (the others stay at the lecture's values),
    the current point and its tangent, on axes fitted to that weight's curve. Right: all
    six gradients on one fixed scale (the largest gradient over every weight and shift in
    [-3, 3]). Moving the shift only redraws the point, tangent, bars and numbers; choosing
    another weight also redraws the axes once.
    """

    figsize = (8.6, 3.5)

    def setup(self, fig):
        ax, ax2 = self.ax, self.ax2 = fig.subplots(1, 2, width_ratios=[1.2, 1])
        fig.subplots_adjust(left=0.09, right=0.97, bottom=0.16, top=0.86, wspace=0.42)
        (self.curve,) = ax.plot(_SHIFTS, 0 * _SHIFTS, color=COLORS[0], lw=2, label="E")
        (self.tangent,) = ax.plot([], [], color=COLORS[1], ls="--", lw=1.6, label="tangent")
        (self.point,) = ax.plot([], [], marker="o", color=COLORS[1], ms=7, ls="none")
        self.base = ax.axvline(0, color=PALETTE["grey"], ls=":", lw=1.2, label="lecture's value")
        ax.set_ylabel("error E = ½(y − t)²")
        self.legend = ax.legend(loc="upper left", fontsize=8)
        names = list(WEIGHT_NAMES)
        self.bars = ax2.barh(names, np.zeros(len(names)), color=COLORS[5], edgecolor="k",
                             lw=0.6)
        self.values = [ax2.text(0, k, "", va="center", fontsize=8) for k in range(len(names))]
        zero = ax2.axvline(0, color="k", lw=0.8)
        lim = _gradient_limit()
        ax2.set_xlim(-1.6 * lim, 1.6 * lim)
        ax2.invert_yaxis()
        ax2.set_xlabel("gradient ∂E/∂w (hatched: negative)")
        ax2.set_ylabel("weight")
        self.weight = None                          # the left axes are fitted per weight
        self.title = fig.suptitle("", fontsize=11)
        # the zero line stays drawn above the bars, as it was plotted after them
        self.moving(self.tangent, self.point, *self.bars, zero, *self.values, self.title)

    def _show_weight(self, weight):
        """Curve, limits and labels of the left axes for ``weight`` (then one full redraw)."""
        base, curve = _base(weight), _sweep(weight)[0]
        self.curve.set_data(base + _SHIFTS, curve)
        self.base.set_xdata([base, base])
        self.ax.set_xlim(base - 3, base + 3)
        self.ax.set_ylim(0, 1.15 * curve.max())
        self.ax.set_xlabel(f"value of {weight}")
        curve_label, tangent_label = self.legend.get_texts()[:2]
        curve_label.set_text(f"E as {weight} varies")
        tangent_label.set_text(f"tangent, slope ∂E/∂{weight} (bar {weight})")
        for name, bar in zip(WEIGHT_NAMES, self.bars):
            bar.set_facecolor(COLORS[1] if name == weight else COLORS[5])
        self.weight = weight
        self.refresh()

    def update(self, weight="w1", shift=0.0):
        if not isinstance(weight, str) or weight not in WEIGHT_NAMES:
            raise ValueError(f"weight must be one of {list(WEIGHT_NAMES)}, got {weight!r}")
        shift = check_real(shift, "shift")
        if weight != self.weight:
            self._show_weight(weight)
        value = _base(weight) + shift
        loss, yhat, grads = _worked_state(weight, shift)
        s = grads[weight]
        span = np.array([-0.8, 0.8])
        self.tangent.set_data(value + span, loss + s * span)
        self.point.set_data([value], [loss])
        lim = _gradient_limit()
        for k, (bar, text, v) in enumerate(zip(self.bars, self.values, grads.values())):
            bar.set_width(v)
            bar.set_hatch("//" if v < 0 else "")
            text.set_position((v + (0.04 if v >= 0 else -0.04) * lim, k))
            text.set_horizontalalignment("left" if v >= 0 else "right")
            text.set_text(f"{v:.4f}")
        self.title.set_text(f"{weight} = {value:.4g}:  output y = {yhat:.4f},  E = {loss:.5f}")


#: panel 2 (a :class:`WeightPanel`): ``weight_panel(weight=..., shift=...)`` -> Figure
weight_panel = WeightPanel()


# ----------------------------------------------------------- finite differences
def fd_errors(f, fprime, x0, hs):
    """Absolute errors of the forward and central difference quotients at ``x0``.

    Parameters
    ----------
    f, fprime : callable
        The function and its exact derivative, each float -> float.
    x0 : float
        The point.
    hs : array_like, shape (m,)
        Steps h > 0.

    Returns
    -------
    forward, central : ndarray, shape (m,)
        :math:`|(f(x_0+h) - f(x_0))/h - f'(x_0)|` and
        :math:`|(f(x_0+h) - f(x_0-h))/(2h) - f'(x_0)|`.
    """
    if not callable(f) or not callable(fprime):
        raise TypeError("f and fprime must be callables float -> float")
    x0 = check_real(x0, "x0")
    hs = as_float_array(hs, "hs", ndim=1)
    if np.any(hs <= 0):
        raise ValueError("every step h must be positive")
    exact = fprime(x0)
    fwd = np.array([(f(x0 + h) - f(x0)) / h for h in hs])
    cen = np.array([(f(x0 + h) - f(x0 - h)) / (2 * h) for h in hs])
    return np.abs(fwd - exact), np.abs(cen - exact)
