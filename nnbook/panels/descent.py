r"""Panels of chapter 4 (gradient descent).

* :data:`descent` (a :class:`DescentPanel`): gradient descent on a 2-D quadratic
  valley for a learning rate and a start point;
* :data:`descent_momentum` (a :class:`MomentumPanel`): the same valley with momentum;
* :func:`slider_panel`: :func:`nnbook.widgets.slider_demo` with lighter static frames,
  used by the panels of chapters 4 and 5.

The panels are :class:`nnbook.widgets.Panel` instances: ``descent(lr=0.1)`` returns their
one figure, updated in place (not registered with pyplot), and ``descent.render(lr=0.1)``
the PNG bytes the slider faces show.

The valley is :math:`g(\mathbf w) = \tfrac12 \mathbf w^\top H \mathbf w`, ``H`` (2, 2)
with eigenvalues 1 and 10; :math:`\alpha` is the step size, :math:`\mu` the momentum.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.collections import LineCollection

from .._checks import as_float_array, check_int, check_positive, check_real
from ..plotting import COLORS, PALETTE
from ..widgets import Panel, slider_demo

__all__ = ["H", "STARTS", "loss2d", "descent_path", "contraction", "regime", "DescentPanel",
           "descent", "MomentumPanel", "descent_momentum", "slider_panel"]


# ---------------------------------------------------------------- panel 1: descent
_C, _S = np.cos(np.pi / 6), np.sin(np.pi / 6)
_R = np.array([[_C, -_S], [_S, _C]])
#: Hessian of the bowl: curvature 1 along one axis, 10 along the other, turned by 30 degrees
H = _R @ np.diag([1.0, 10.0]) @ _R.T
#: start points of panel 1
STARTS = {"A": (-4.0, 2.5), "B": (4.0, 3.0), "C": (-1.0, -3.5), "D": (3.5, -1.5)}


def loss2d(w1, w2):
    r""":math:`g(\mathbf w) = \tfrac12 \mathbf w^\top H \mathbf w` for coordinates ``w1``, ``w2``.

    Parameters
    ----------
    w1, w2 : float or ndarray
        Coordinates of the points; arrays broadcast against each other.

    Returns
    -------
    ndarray or float, the broadcast shape of ``w1`` and ``w2``.
    """
    w1 = as_float_array(w1, "w1", allow_scalar=True)
    w2 = as_float_array(w2, "w2", allow_scalar=True)
    return 0.5 * (H[0, 0] * w1 ** 2 + 2 * H[0, 1] * w1 * w2 + H[1, 1] * w2 ** 2)


def descent_path(lr, start, steps=30, momentum=0.0):
    r"""Iterates of gradient descent on the bowl, with optional momentum.

    Plain descent is :math:`\mathbf w \leftarrow \mathbf w - \alpha H \mathbf w`. With
    momentum :math:`\mu` a velocity :math:`\mathbf v` (zero at the start) carries part
    of the last step into the next: :math:`\mathbf v \leftarrow \mu \mathbf v - \alpha
    H \mathbf w`, then :math:`\mathbf w \leftarrow \mathbf w + \mathbf v`; ``momentum=0``
    is plain descent.

    Parameters
    ----------
    lr : float > 0
        The learning rate :math:`\alpha`.
    start : array_like, shape (2,)
        The first iterate.
    steps : int >= 0
        Number of updates.
    momentum : float in [0, 1)
        The momentum coefficient :math:`\mu`.

    Returns
    -------
    ndarray, shape (k, 2)
        ``start`` and the iterates, k = steps + 1, fewer if the path diverges
        (it stops once a coordinate exceeds 1e3 in size).
    """
    lr = check_positive(lr, "lr")
    steps = check_int(steps, "steps", minimum=0)
    mu = check_real(momentum, "momentum")
    if not 0 <= mu < 1:
        raise ValueError(f"momentum must be in [0, 1), got {mu}")
    w = as_float_array(start, "start", ndim=1).copy()
    if w.shape != (2,):
        raise ValueError(f"start must be a point (w1, w2), got shape {w.shape}")
    v = np.zeros(2)
    path = [w.copy()]
    for _ in range(steps):
        v = mu * v - lr * (H @ w)
        w = w + v
        path.append(w.copy())
        if np.abs(w).max() > 1e3:
            break
    return np.array(path)


def contraction(lr, momentum=0.0):
    r"""Per-step contraction factor of descent on the bowl, along each principal axis.

    Along an axis of curvature :math:`\lambda`, the pair (w, v) of
    :func:`descent_path` is multiplied per step by a 2-by-2 matrix whose eigenvalues
    r solve :math:`r^2 - (1 + \mu - \alpha\lambda)\, r + \mu = 0`; for
    :math:`\mu = 0` the one factor is :math:`1 - \alpha\lambda`. The distance to the
    minimum along that axis shrinks like :math:`\max |r|` per step.

    Parameters
    ----------
    lr : float > 0
    momentum : float in [0, 1)

    Returns
    -------
    ndarray, shape (2,)
        :math:`\max |r|` for the flat axis (curvature 1) and the steep one (10); the
        descent converges from every start exactly when both are below 1.
    """
    lr = check_positive(lr, "lr")
    mu = check_real(momentum, "momentum")
    if not 0 <= mu < 1:
        raise ValueError(f"momentum must be in [0, 1), got {mu}")
    out = []
    for lam in np.linalg.eigvalsh(H):
        if mu == 0:
            out.append(abs(1 - lr * lam))
        else:
            out.append(float(np.abs(np.roots([1.0, -(1 + mu - lr * lam), mu])).max()))
    return np.array(out)


@lru_cache(maxsize=1)
def _bowl_lines():
    """Contour lines of the bowl, computed once (drawing them is then cheap)."""
    import contourpy
    g = np.linspace(-5, 5, 101)
    G1, G2 = np.meshgrid(g, g)
    gen = contourpy.contour_generator(G1, G2, loss2d(G1, G2))
    return [line for level in (0.5, 2, 5, 10, 20, 40, 70) for line in gen.lines(level)]


def _verdict(lr, losses, momentum=0.0):
    """The regime of a descent run, from the learning rate, momentum and its losses."""
    lam = np.linalg.eigvalsh(H)
    if contraction(lr, momentum).max() >= 1:
        return "diverges"
    slow = losses[-1] > 1e-2 * losses[0]
    if momentum == 0:
        if lr * lam.max() > 1:
            return "converges, zig-zagging across the valley"
        return "crawls along the valley floor" if slow else "converges smoothly"
    # complex roots: the velocity carries w past the minimum and back (a damped swing)
    swings = any(np.iscomplex(np.roots([1.0, -(1 + momentum - lr * x), momentum])).any()
                 for x in lam)
    if swings:
        return ("swings around the minimum, settling slowly" if slow else
                "converges, swinging around the minimum")
    return "crawls along the valley floor" if slow else "converges smoothly"


def regime(lr, momentum=0.0, start="A", steps=30):
    """The regime of a descent run on the bowl, as the panel's title names it.

    Parameters
    ----------
    lr : float > 0
    momentum : float in [0, 1)
    start : {"A", "B", "C", "D"}
    steps : int >= 1

    Returns
    -------
    str
        "diverges", "crawls along the valley floor", "converges smoothly",
        "converges, zig-zagging across the valley" (plain descent), or, with momentum,
        "swings around the minimum, settling slowly" / "converges, swinging around the minimum".
    """
    if not isinstance(start, str) or start not in STARTS:
        raise ValueError(f"start must be one of {sorted(STARTS)}, got {start!r}")
    path = descent_path(lr, STARTS[start], steps, momentum)
    return _verdict(lr, loss2d(path[:, 0], path[:, 1]), momentum)


class DescentPanel(Panel):
    r"""Panel 1: the descent path on the contour map and the loss per iteration.

    ``descent(lr=0.1, start="A", steps=30, momentum=0.0)`` returns the figure, updated
    in place.

    Parameters of an update
    -----------------------
    lr : float > 0
        Learning rate :math:`\alpha`.
    momentum : float in [0, 1)
        Momentum :math:`\mu` (0: plain gradient descent).
    start : {"A", "B", "C", "D"}
        Start point, a key of :data:`STARTS`.
    steps : int >= 1
        Number of descent steps drawn (the right-hand x axis spans them).

    Left: contour lines and the path (it stops where it leaves the picture); right:
    log10 of the loss per iteration. The title names the regime (smooth, crawling,
    zig-zagging, diverging).
    """

    figsize = (8.6, 3.7)

    def setup(self, fig):
        ax, ax2 = self.ax, self.ax2 = fig.subplots(1, 2, width_ratios=[1.25, 1])
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.86, wspace=0.28)
        ax.add_collection(LineCollection(_bowl_lines(), colors=PALETTE["grey"], linewidths=0.8))
        (self.path,) = ax.plot([], [], color=COLORS[1], ls="-", lw=1.4, marker="o", ms=3.5)
        (self.start,) = ax.plot([], [], marker="s", ms=8, color=COLORS[0], ls="none",
                                label="start")
        (star,) = ax.plot(0, 0, marker="*", ms=12, color="k", ls="none", label="minimum")
        ax.set_xlim(-5, 5)
        ax.set_ylim(-5, 5)
        ax.set_aspect("equal")
        ax.set_xlabel("w₁")
        ax.set_ylabel("w₂")
        ax.legend(loc="lower left", fontsize=8, handletextpad=0.2)
        (self.loss,) = ax2.plot([], [], color=COLORS[1], marker="o", ms=3)
        ax2.set_ylim(-6, 6)
        ax2.set_xlabel("iteration")
        ax2.set_ylabel("log₁₀ of the loss g(w)")
        self.steps = None                           # x range of ax2, set by the first update
        self.title = fig.suptitle("", fontsize=11)
        # the minimum stays drawn above the path, as it was plotted after it
        self.moving(self.path, self.start, star, self.loss, self.title)

    def update(self, lr=0.1, start="A", steps=30, momentum=0.0):
        lr = check_positive(lr, "lr")
        momentum = check_real(momentum, "momentum")
        steps = check_int(steps, "steps", minimum=1)
        if not isinstance(start, str) or start not in STARTS:
            raise ValueError(f"start must be one of {sorted(STARTS)}, got {start!r}")
        path = descent_path(lr, STARTS[start], steps, momentum)
        losses = loss2d(path[:, 0], path[:, 1])
        if steps != self.steps:                     # the only limit that moves: redraw the
            self.ax2.set_xlim(0, steps)             # cached background once
            self.steps = steps
            self.refresh()
        outside = np.flatnonzero(np.abs(path).max(axis=1) > 5)
        shown = path if outside.size == 0 else path[:outside[0] + 1]      # stop once it leaves
        self.path.set_data(shown[:, 0], shown[:, 1])
        self.start.set_data(path[:1, 0], path[:1, 1])
        self.loss.set_data(np.arange(len(losses)), np.log10(np.maximum(losses, 1e-12)))
        mu = f", momentum μ = {momentum:g}" if momentum else ""
        self.title.set_text(f"α = {lr:g}{mu}, start {start}: {_verdict(lr, losses, momentum)}")


#: panel 1 (a :class:`DescentPanel`): ``descent(lr=..., start=..., steps=...)`` -> Figure
descent = DescentPanel()


class MomentumPanel(DescentPanel):
    """Panel 1 with momentum: the same valley, 60 steps by default (a swing needs time).

    ``descent_momentum(lr=0.01, momentum=0.9)`` returns the figure, updated in place;
    the parameters are those of :class:`DescentPanel`.
    """

    def update(self, lr=0.01, momentum=0.0, start="A", steps=60):
        super().update(lr=lr, start=start, steps=steps, momentum=momentum)


#: the momentum panel (a :class:`MomentumPanel`): ``descent_momentum(lr=..., momentum=...)``
descent_momentum = MomentumPanel()


# ------------------------------------------------------------- lighter frames
def slider_panel(plot, *, alt, labels=None, defaults=None, colors=64, dpi=80, **grids):
    """:func:`nnbook.widgets.slider_demo`, with lighter frames on the static site.

    ``slider_demo(..., colors=64)``: static frames (``NNBOOK_STATIC=1``) are quantised
    to a palette of ``colors`` colours, which makes line-art frames about three times
    smaller than full-colour PNGs. Live, the panel is unchanged.

    Parameters
    ----------
    plot : callable or nnbook.widgets.Panel
        ``plot(**params) -> Figure``, one keyword per grid. A Panel's frames come
        from ``plot.render`` (its whole figure, at ``dpi``).
    alt, labels, defaults, **grids
        As in :func:`nnbook.widgets.slider_demo`.
    colors : int in [2, 256]
        Palette size of the static frames.
    dpi : int >= 20
        Resolution of the static frames.

    Returns
    -------
    ipywidgets.VBox (live) or nnbook.widgets.StaticPanel (static)
    """
    if not callable(plot):
        raise TypeError(f"plot must be a callable returning a Figure, got {type(plot).__name__}")
    colors = check_int(colors, "colors", minimum=2)
    if colors > 256:
        raise ValueError(f"colors must be at most 256, got {colors}")
    dpi = check_int(dpi, "dpi", minimum=20)
    return slider_demo(plot, alt=alt, labels=labels, defaults=defaults, dpi=dpi, colors=colors,
                       **grids)
