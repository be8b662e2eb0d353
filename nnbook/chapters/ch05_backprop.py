r"""Chapter 5 (backpropagation): its figures and slider panels.

* :data:`circuit` (a :class:`CircuitPanel`): :math:`f = (x + y)z` as a
  :class:`~nnbook.autograd.Value` graph, every node's value and gradient (panel 1),
  drawn by :func:`nnbook.plotting.draw_graph`;
* :func:`draw_worked_network`: the lectures' worked 2-2-1 sigmoid network
  (:func:`nnbook.exercises.ch5.worked_network`, re-exported here with :data:`WORKED` and
  :data:`WEIGHT_NAMES`) with the names and values of its weights;
* :data:`weight_panel` (a :class:`WeightPanel`): its error as one weight moves (panel 2),
  from :func:`weight_sweep` (the whole curve) and :func:`worked_state` (one point).

Both panels are :class:`nnbook.widgets.Panel` instances: ``circuit(x=1.0)`` returns its
one figure, updated in place (not registered with pyplot), and ``circuit.render(x=1.0)``
the PNG bytes the slider faces show.

Notation is the book's: :math:`W` is (n_out, n_in), :math:`w_{ij}` joins unit j
to unit i, :math:`\eta` is the step size.
"""

from __future__ import annotations

from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np

from .._checks import as_float_array, check_real
from ..autograd import Value
from ..exercises.ch5 import WEIGHT_NAMES, WORKED, worked_network
from ..mlp import MLP
from ..plotting import COLORS, PALETTE, draw_graph, draw_network, graph_node_strings
from ..widgets import Panel

__all__ = ["CircuitPanel", "circuit", "WORKED", "WEIGHT_NAMES", "worked_network", "set_weight",
           "draw_worked_network", "SHIFTS", "weight_sweep", "worked_state",
           "WeightPanel", "weight_panel"]


# ------------------------------------------------------------- panel 1: circuits
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
        texts = {}
        draw_graph(f, ax=ax, digits=3, fontsize=11, node_texts=texts)
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
            for text, string in zip(self.texts[label], graph_node_strings(node, 3)):
                text.set_text(string)
        g = {k: nodes[k].grad for k in "xyz"}
        self.title.set_text(f"f = {f.data:g};   ∂f/∂x = {g['x']:g},  ∂f/∂y = {g['y']:g},  "
                            f"∂f/∂z = {g['z']:g}")


#: panel 1 (a :class:`CircuitPanel`): ``circuit(x=..., y=..., z=...)`` -> Figure
circuit = CircuitPanel()


# ------------------------------------------------------- panel 2: worked example
def _check_weight_name(name):
    if not isinstance(name, str) or name not in WEIGHT_NAMES:
        raise ValueError(f"weight must be one of {list(WEIGHT_NAMES)}, got {name!r}")
    return name


def set_weight(net, name, value):
    """Set the lecture's weight ``name`` (``"w1"`` ... ``"w6"``) of ``net`` to ``value``.

    ``net`` is a network from :func:`worked_network`; it is changed in place (through
    ``snapshot``/``restore``) and returned.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    layer, i, j = WEIGHT_NAMES[_check_weight_name(name)]
    weights, biases = net.snapshot()
    weights[layer][i, j] = check_real(value, "value")
    return net.restore((weights, biases))


def _grads_by_name(net, X, t):
    loss, g = net.loss_and_gradients(X, [t])
    return loss, {k: float(g["weights"][l][i, j]) for k, (l, i, j) in WEIGHT_NAMES.items()}


def draw_worked_network(W1=None, W2=None, ax=None, x=None):
    """Diagram of the 2-2-1 network with the lecture's names w1..w6 and their values.

    Drawn by :func:`nnbook.plotting.draw_network`: inputs A and B with their values,
    sigmoid units h1, h2 and y, hidden links solid blue and output links dashed
    vermillion, each labelled "w_k = value".

    Parameters
    ----------
    W1 : array_like, shape (2, 2), optional
    W2 : array_like, shape (1, 2), optional
        Weights to print on the links (as in :func:`worked_network`).
    ax : matplotlib Axes, optional
    x : array_like, shape (2,), optional
        The inputs A and B.

    Returns
    -------
    matplotlib Axes
    """
    net = worked_network(W1, W2)                    # validates the shapes
    x = as_float_array(WORKED["x"] if x is None else x, "x", ndim=1)
    if x.shape != (2,):
        raise ValueError(f"x must hold the two inputs (A, B), got shape {x.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.0, 3.2))
    labels = [np.empty(W.shape, dtype=object) for W in net.weights]
    for name, (l, i, j) in WEIGHT_NAMES.items():
        labels[l][i, j] = f"{name} = {net.weights[l][i, j]:.4g}"
    units = [[f"A\n{x[0]:g}", f"B\n{x[1]:g}"], ["h₁\nσ", "h₂\nσ"], ["y\nσ"]]
    # labels of the crossing hidden links sit nearer their inputs, so they do not overlap
    at = [np.array([[0.5, 0.3], [0.3, 0.5]]), np.array([[0.5, 0.5]])]
    draw_network(net.weights, ax=ax, node_labels=units, links="layer", link_width=1.6,
                 link_alpha=1.0, link_labels=labels, link_label_at=at, node_size=1100,
                 fontsize=9, link_fontsize=8.5, margin=0.35)
    # units at heights 2/3, 1/2 and 1/3; the target is written below the output unit
    ax.text(2.0, 0.5 - 0.4 / 3, f"target t = {WORKED['t']:g}", ha="center", fontsize=9)
    ax.set_ylim(0.2, 0.8)
    return ax


#: offsets of a weight from its lecture value along :func:`weight_sweep`
SHIFTS = np.linspace(-3, 3, 121)


def _lecture_value(name):
    """The lecture's value of weight ``name`` (``"w1"`` ... ``"w6"``) in :data:`WORKED`."""
    layer, i, j = WEIGHT_NAMES[_check_weight_name(name)]
    return float(np.asarray(WORKED["W1" if layer == 0 else "W2"])[i, j])


def _worked_at(name, shift):
    """``(E, y, grads)`` of the worked example with weight ``name`` moved by ``shift``:
    one forward and backward pass of :meth:`MLP.loss_and_gradients`."""
    net = set_weight(worked_network(), name, _lecture_value(name) + shift)
    X = np.asarray([WORKED["x"]])
    loss, grads = _grads_by_name(net, X, WORKED["t"])
    return float(loss), float(net.forward(X)[0, 0]), grads


@lru_cache(maxsize=8)
def weight_sweep(name):
    """E and the six gradients as one weight moves by ``SHIFTS`` from its lecture value.

    Each point is :func:`worked_state` at that shift (the network's own forward and
    backward pass). Returns ``(E, G)``: shapes (121,) and (121, 6), the columns of G in
    the order of :data:`WEIGHT_NAMES`.
    """
    name = _check_weight_name(name)
    states = [_worked_at(name, shift) for shift in SHIFTS]
    E = np.array([loss for loss, _, _ in states])
    G = np.array([list(grads.values()) for _, _, grads in states])
    return E, G


@lru_cache(maxsize=256)
def worked_state(name, shift):
    """The worked example with weight ``name`` moved by ``shift`` from its lecture value.

    Returns ``(E, y, grads)``: the error, the output and ``{"w1": dE/dw1, ...}``, from
    :meth:`MLP.loss_and_gradients` (cached per weight and shift).
    """
    return _worked_at(_check_weight_name(name), check_real(shift, "shift"))


@lru_cache(maxsize=1)
def _gradient_limit():
    """Half-width of the gradient axis: the largest gradient over every weight and shift."""
    return max(0.03, 1.25 * max(np.abs(weight_sweep(name)[1]).max() for name in WEIGHT_NAMES))


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
        (self.curve,) = ax.plot(SHIFTS, 0 * SHIFTS, color=COLORS[0], lw=2, label="E")
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
        base, curve = _lecture_value(weight), weight_sweep(weight)[0]
        self.curve.set_data(base + SHIFTS, curve)
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
        weight, shift = _check_weight_name(weight), check_real(shift, "shift")
        if weight != self.weight:
            self._show_weight(weight)
        value = _lecture_value(weight) + shift
        loss, yhat, grads = worked_state(weight, shift)
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
