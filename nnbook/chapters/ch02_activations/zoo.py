r"""Chapter 2's zoo of activations: the 1-D neuron panel, the zoo and modern-units figures, and
the negative-side panel (leaky ReLU, ELU).

Notation as in the book: one neuron computes :math:`z = \mathbf{w}^\top\mathbf{x} + b` and
outputs :math:`a = f(z)`.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ... import activations
from ..._checks import check_option
from ...plotting import COLORS, LINESTYLES, PALETTE
from ...widgets import Panel, pin_layout

__all__ = ["MAXOUT_W", "MAXOUT_B", "ZOO", "PANEL_ACTIVATIONS", "Neuron1D", "neuron_1d",
           "zoo_figure", "NegativeSide", "negative_side", "MODERN_UNITS", "modern_figure"]

#: the 1-D maxout unit drawn in the zoo: max(x, -0.5x - 1)
MAXOUT_W = np.array([[1.0], [-0.5]])
MAXOUT_B = np.array([0.0, -1.0])


def _maxout_1d(z):
    return activations.maxout(np.asarray(z, dtype=float)[:, None], MAXOUT_W, MAXOUT_B)


def _maxout_1d_grad(z):
    return activations.maxout_grad(np.asarray(z, dtype=float)[:, None], MAXOUT_W, MAXOUT_B)[:, 0]


#: name -> (f, f', formula shown in titles)
ZOO = {
    "step": (activations.step, activations.step_grad, r"$1\{z>0\}$ (½ at 0)"),
    "sign": (activations.sign, activations.sign_grad, r"$\mathrm{sign}(z)$"),
    "linear": (activations.linear, activations.linear_grad, r"$z$"),
    "sigmoid": (activations.sigmoid, activations.sigmoid_grad, r"$1/(1+e^{-z})$"),
    "tanh": (activations.tanh, activations.tanh_grad, r"$\tanh z$"),
    "relu": (activations.relu, activations.relu_grad, r"$\max(0, z)$"),
    "leaky_relu": (activations.leaky_relu, activations.leaky_relu_grad, r"$\max(0.1z, z)$"),
    "elu": (activations.elu, activations.elu_grad, r"$z$ or $e^z-1$ ($\alpha=1$)"),
    "maxout": (_maxout_1d, _maxout_1d_grad, r"$\max(z, -0.5z-1)$"),
}
#: the choices of the activation drop-down in :func:`neuron_1d`
PANEL_ACTIVATIONS = ("step", "sigmoid", "tanh", "relu")
_X1 = np.linspace(-4, 4, 401)
_YLIM = {"step": (-0.1, 1.1), "sigmoid": (-0.1, 1.1), "tanh": (-1.15, 1.15), "relu": (-0.5, 14.5)}

class Neuron1D(Panel):
    r"""Panel: one neuron over a 1-D input, :math:`a = f(wx+b)` (left) and the local
    gradient :math:`f'(z)` at :math:`z = wx+b` (right).

    ``neuron_1d(activation=..., w=..., b=...)`` returns the figure. The right-hand curve
    is the factor :math:`\partial a/\partial z` that every gradient through this neuron is
    multiplied by; the slope of the left-hand curve is :math:`da/dx = w\,f'(z)`, and the
    right-hand title reports the peaks of both; the dotted line marks :math:`x=-b/w`, where
    z = 0 (hidden when that point lies off the plot or w = 0).
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.86, wspace=0.28)
        (self.curve,) = ax0.plot(_X1, 0 * _X1, color=COLORS[0], lw=2.5, ls="-")
        ax0.set_ylabel("output $a = f(wx+b)$")
        (self.slope,) = ax1.plot(_X1, 0 * _X1, color=COLORS[1], lw=2.5, ls="--")
        ax1.set_ylim(-0.05, 1.1)
        ax1.set_ylabel("local gradient $f'(z)$")
        self.crosses = []
        for ax in (ax0, ax1):
            ax.set_title(" ", fontsize=10)
            ax.set_xlim(-4, 4)
            ax.set_xlabel("input $x$")
            self.crosses.append(ax.axvline(0, color=PALETTE["grey"], ls=":", lw=1.5))
        self.jump = ax1.annotate("jump: no derivative", (0, 0), xytext=(0, 0.6), ha="center",
                                 fontsize=9, arrowprops={"arrowstyle": "->"})
        pin_layout(fig, auto=[ax0.yaxis])              # its limits follow the activation
        self._ylim = None
        self.moving(self.curve, self.slope, *self.crosses, self.jump, ax0.title, ax1.title)

    def update(self, activation="sigmoid", w=1.0, b=0.0):
        check_option(activation, PANEL_ACTIVATIONS, "activation")
        f, df, formula = ZOO[activation]
        z = w * _X1 + b
        slope = df(z)
        ax0, ax1 = self.axes
        self.curve.set_ydata(f(z))
        if self._ylim != _YLIM[activation]:          # limits change with the activation only
            self._ylim = _YLIM[activation]
            ax0.set_ylim(*self._ylim)
            self.refresh()                              # new ticks: redraw the background
        ax0.title.set_text(f"{activation}: $f(z)=${formula}")
        self.slope.set_ydata(slope)
        peak = float(slope.max())
        ax1.title.set_text(f"largest f'(z): {peak:.3g};  steepest da/dx = w f': "
                           f"{abs(w) * peak:.3g}")
        shown = w != 0 and abs(b / w) <= 4
        for line in self.crosses:
            line.set_visible(shown)
            if shown:
                line.set_xdata([-b / w, -b / w])
        self.jump.set_visible(activation == "step" and shown)
        if shown:
            self.jump.xy = (-b / w, 0)
            self.jump.set_position((-b / w, 0.6))


#: the activation panel of chapter 2: ``neuron_1d(activation, w, b)`` returns its figure
neuron_1d = Neuron1D()


#: how the zoo figure names the units whose code name is not the one the prose uses
_ZOO_TITLES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "elu": "ELU"}


def zoo_figure():
    """Static figure: the nine activations of the chapter, f solid and f' dashed."""
    fig, axes = plt.subplots(3, 3, figsize=(9.6, 7.6), sharex=True)
    z = np.linspace(-3, 3, 601)
    for ax, (name, (f, df, formula)) in zip(axes.ravel(), ZOO.items()):
        ax.plot(z, f(z), color=COLORS[0], lw=2.2, ls="-", label="$f(z)$")
        g = df(z).astype(float)
        if name in ("step", "sign", "relu", "leaky_relu", "maxout"):
            g[np.abs(np.diff(g, prepend=g[0])) > 0] = np.nan     # no line across a jump
        ax.plot(z, g, color=COLORS[1], lw=2.0, ls="--", label="$f'(z)$")
        if name in ("step", "sign"):
            ax.plot([0], [0], marker="o", mfc="white", color=COLORS[1], ms=6)
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_title(f"{_ZOO_TITLES.get(name, name)}: {formula}", fontsize=10)
        ax.set_ylim(-1.6, 3.1)
    for ax in axes[-1]:
        ax.set_xlabel("$z$")
    for ax in axes[:, 0]:
        ax.set_ylabel("value")
    axes[0, 0].legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig


_Z_NEG = np.linspace(-4, 3, 351)
#: pre-activations of a mostly switched-off unit, z ~ N(-1, 1), for the mean slope
_Z_OFF = np.random.default_rng(0).normal(-1.0, 1.0, 4000)


class NegativeSide(Panel):
    r"""Panel: leaky ReLU with slope ``param`` or ELU with :math:`\alpha` = ``param``.

    ``negative_side(kind=..., param=...)`` returns the figure. Left: the function, with
    ReLU in grey for comparison. Right: its derivative, the factor a gradient is
    multiplied by on the way back; the title reports it at z = -2 and its average over
    pre-activations :math:`z\sim\mathcal N(-1, 1)` (a unit that is mostly switched off).
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.86, wspace=0.25)
        z = _Z_NEG
        ax0.plot(z, activations.relu(z), color=PALETTE["grey"], lw=4, ls="-", alpha=0.5,
                 label="ReLU")
        (self.curve,) = ax0.plot(z, 0 * z, color=COLORS[0], lw=2.3, ls="-", label="leaky ReLU")
        ax0.set_ylim(-2.2, 3.1)
        ax0.set_ylabel("$f(z)$")
        ax0.set_title(" ", fontsize=10)
        self.legend = ax0.legend(loc="upper left", fontsize=9)
        (self.slope,) = ax1.plot(z, 0 * z, color=COLORS[1], lw=2.3, ls="--")
        (self.dot,) = ax1.plot([-2], [0.0], marker="o", color=COLORS[1])
        ax1.set_ylim(-0.05, 2.1)
        ax1.set_ylabel("$f'(z)$")
        ax1.set_title(" ", fontsize=9)
        for ax in (ax0, ax1):
            ax.set_xlim(z[0] - 0.35, z[-1] + 0.35)          # the autoscaled limits, fixed
            ax.set_xlabel("$z$")
            ax.axhline(0, color="k", lw=0.5)
            ax.axvline(0, color="k", lw=0.5)
        pin_layout(fig)
        self.kind = None
        self.moving(self.curve, self.slope, self.dot, ax0.title, ax1.title)

    def update(self, kind="leaky ReLU", param=0.1):
        check_option(kind, ("leaky ReLU", "ELU"), "kind")
        if not 0 <= param <= 2:
            raise ValueError(f"param must lie in [0, 2], got {param!r}")
        f, df = ((activations.leaky_relu, activations.leaky_relu_grad) if kind == "leaky ReLU"
                 else (activations.elu, activations.elu_grad))
        z = _Z_NEG
        ax0, ax1 = self.axes
        self.curve.set_ydata(f(z, param))
        self.curve.set_label(kind)
        self.legend.get_texts()[1].set_text(kind)
        if kind != self.kind:                           # the legend is in the background
            self.kind = kind
            self.refresh()
        ax0.title.set_text(f"{kind}, {'slope' if kind == 'leaky ReLU' else 'alpha'} = {param:g}")
        g = df(z, param).astype(float)
        g[np.abs(np.diff(g, prepend=g[0])) > 1e-2] = np.nan
        self.slope.set_ydata(g)
        at_minus_two = float(df(-2.0, param))
        self.dot.set_ydata([at_minus_two])
        ax1.title.set_text(f"f'(-2) = {at_minus_two:.3f};  mean f' for z~N(-1,1): "
                           f"{float(df(_Z_OFF, param).mean()):.2f}")


#: the negative-side panel of chapter 2: ``negative_side(kind, param)`` returns its figure
negative_side = NegativeSide()

# ------------------------------------------------------------------ modern smooth units
#: the smooth units of today, drawn beside ReLU
MODERN_UNITS = ("relu", "softplus", "gelu", "silu")


def modern_figure():
    """Static figure: ReLU, softplus, GELU and SiLU (left) and their derivatives (right)."""
    z = np.linspace(-4, 3, 701)
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.4))
    for k, name in enumerate(MODERN_UNITS):
        f, df = activations.get(name)
        g = df(z).astype(float)
        if name == "relu":
            g[np.abs(np.diff(g, prepend=g[0])) > 0] = np.nan
        style = {"color": COLORS[k], "ls": LINESTYLES[k], "lw": 2.2}
        axes[0].plot(z, f(z), label=name, **style)
        axes[1].plot(z, g, label=f"{name}$'$", **style)
    axes[0].set_ylabel("$f(z)$")
    axes[1].set_ylabel("$f'(z)$")
    axes[0].set_ylim(-0.6, 3.1)
    axes[1].set_ylim(-0.2, 1.2)
    for ax in axes:
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_xlabel("$z$")
        ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig
