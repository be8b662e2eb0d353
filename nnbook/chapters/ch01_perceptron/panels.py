r"""Chapter 1's slider panels on the plane: one unit, the rule step by step, Novikoff's proof.

Each is a :class:`nnbook.widgets.Panel` (``panel(**params)`` returns one figure, built once and
updated in place): :data:`boundary_panel` (w1, w2, b over :data:`PANEL_DATA`),
:data:`rule_panel` (the line after k updates, for a learning rate eta) and
:data:`novikoff_panel` (the two inequalities of Novikoff's proof along a run, per data margin).
"""

from __future__ import annotations

import functools

import numpy as np

from ..._checks import check_int, check_positive, check_real
from ...exercises.ch1 import PANEL_DATA
from ...perceptron import rule_trace
from ...plotting import COLORS, MARKERS, PALETTE
from ...widgets import Panel
from .drawing import LIM, SHADE, draw_points, half_planes, move_line, square_axes
from .experiments import NOVIKOFF_MARGINS, novikoff_run

__all__ = ["BoundaryPanel", "boundary_panel", "RulePanel", "rule_panel", "NovikoffPanel",
           "novikoff_panel"]


class BoundaryPanel(Panel):
    r"""Panel: the unit :math:`[w_1x_1 + w_2x_2 + b \ge 0]` over :data:`PANEL_DATA`.

    ``panel(w1, w2, b)`` shades the half-plane labelled 1 (vermillion) and 0 (blue), draws
    the line and the weight vector (it points into the class-1 side), rings the
    misclassified points and counts them in the title. The figure is built once and
    updated in place.
    """

    figsize = (4.6, 4.8)

    def setup(self, fig):
        X, y = PANEL_DATA
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.2, top=0.92)
        self.shade = ax.imshow(np.zeros((60, 60)), origin="lower", cmap=SHADE, vmin=0, vmax=1,
                               extent=(-LIM, LIM, -LIM, LIM), alpha=0.18,
                               interpolation="nearest", aspect="auto")
        (self.line,) = ax.plot([], [], color="k", lw=2, ls="-")
        draw_points(ax, X, y)
        points = ax.collections[-2:]                     # drawn above the moving shade
        self.wrong = ax.scatter(X[:0, 0], X[:0, 1], s=140, facecolors="none", edgecolors="k",
                                lw=1.4, label="misclassified", zorder=4)
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops={"arrowstyle": "->", "lw": 1.8, "color": "k"})
        self.title = ax.set_title("", fontsize=10)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8)
        square_axes(ax, LIM)
        self.moving(self.shade, self.line, *points, self.wrong, self.arrow, self.title)

    def update(self, w1=1.0, w2=1.0, b=0.0):
        w = np.array([check_real(w1, "w1"), check_real(w2, "w2")])
        b = check_real(b, "b")
        X, y = PANEL_DATA
        self.shade.set_data(half_planes(w, b))
        move_line(self.line, w, b, LIM)
        wrong = (X @ w + b >= 0).astype(int) != y
        self.wrong.set_offsets(X[wrong])
        self.arrow.set_visible(bool(np.any(w)))
        if np.any(w):
            n = np.linalg.norm(w)
            foot = -b * w / n**2 if abs(b) / n < LIM else np.zeros(2)
            self.arrow.xy = tuple(foot + 0.6 * w / n)
            self.arrow.set_position(tuple(foot))
        self.title.set_text(f"w = ({w[0]:g}, {w[1]:g}), b = {b:g}: "
                            f"{int(wrong.sum())} misclassified")


boundary_panel = BoundaryPanel()


@functools.lru_cache(maxsize=8)
def _panel_trace(eta):
    """The in-order run of the rule on :data:`PANEL_DATA` at learning rate ``eta`` (cached)."""
    return rule_trace(*PANEL_DATA, eta=eta, max_epochs=50)


class RulePanel(Panel):
    r"""Panel: the Rosenblatt rule on :data:`PANEL_DATA` after ``k`` updates, learning rate ``eta``.

    Left: the data, the line after update k (dashed: before it) and, ringed, the point that
    triggered update k. Right: the path of :math:`(w_1, w_2)` in weight space on axes fixed for
    ``eta = 1``, so a smaller eta shows the same path shrunk. Built once, updated in place.
    """

    figsize = (8.4, 4.6)

    def setup(self, fig):
        X, y = PANEL_DATA
        ax, axw = self.ax, self.axw = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.24, top=0.92, wspace=0.3)
        self.shade = ax.imshow(np.zeros((60, 60)), origin="lower", cmap=SHADE, vmin=0, vmax=1,
                               extent=(-LIM, LIM, -LIM, LIM), alpha=0.18,
                               interpolation="nearest", aspect="auto")
        draw_points(ax, X, y)
        points = ax.collections[-2:]
        (self.before,) = ax.plot([], [], color=PALETTE["grey"], ls="--", lw=1.5, label="before")
        self.ring = ax.scatter(X[:1, 0], X[:1, 1], s=260, facecolors="none", edgecolors="k",
                               lw=2, zorder=4, label="point that triggered it")
        (self.after,) = ax.plot([], [], color="k", lw=2, ls="-", label="after")
        self.title = ax.set_title("", fontsize=10)
        self.legend = ax.legend(loc="upper left", bbox_to_anchor=(-0.1, -0.14), ncol=3,
                                fontsize=8)
        square_axes(ax, LIM)
        span = 1.1 * np.abs(_panel_trace(1.0)["w"]).max()
        (self.path,) = axw.plot([], [], color=COLORS[2], marker="o", ms=4, lw=1.5, ls="-")
        (self.star,) = axw.plot([], [], marker="*", ms=14, color="k", ls="none")
        axw.set_xlim(-span, span)
        axw.set_ylim(-span, span)
        axw.set_aspect("equal")
        axw.set_xlabel("$w_1$")
        axw.set_ylabel("$w_2$")
        self.wtitle = axw.set_title("", fontsize=10)
        self.moving(self.shade, *points, self.before, self.ring, self.after, self.title,
                    self.path, self.star, self.wtitle)

    def update(self, k=0, eta=1.0):
        k = check_int(k, "k", minimum=0)
        eta = check_positive(eta, "eta")
        tr = _panel_trace(eta)
        n_up = len(tr["index"])
        if k > n_up:
            raise ValueError(f"k must be <= {n_up}, the number of updates before convergence")
        X, y = PANEL_DATA
        w, b = tr["w"][k], tr["b"][k]
        self.shade.set_visible(bool(np.any(w)))
        self.shade.set_data(half_planes(w, b))
        move_line(self.after, w, b, LIM)
        self.ring.set_visible(k > 0)
        if k > 0:
            move_line(self.before, tr["w"][k - 1], tr["b"][k - 1], LIM)
            i = tr["index"][k - 1]
            self.ring.set_offsets(X[i:i + 1])
            self.title.set_text(f"update {k} of {n_up} (epoch {tr['epoch'][k - 1]}): "
                                f"point {i}, class {y[i]}")
        else:
            self.before.set_visible(False)
            self.title.set_text(f"start: w = 0, b = 0 (then {n_up} updates)")
        self.path.set_data(tr["w"][:k + 1, 0], tr["w"][:k + 1, 1])
        self.star.set_data([w[0]], [w[1]])
        self.wtitle.set_text(f"weights: w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}")


rule_panel = RulePanel()
class NovikoffPanel(Panel):
    r"""Panel: Novikoff's two inequalities along a real run, for a chosen margin.

    ``panel(margin)``: left, the 100 points of :func:`novikoff_run`, the generating line with
    its margin band and the perceptron's final line; right, on log-log axes against the
    mistake count k, the progress :math:`\mathbf u^\top\tilde{\mathbf w}_k` with its lower
    bound :math:`k\gamma`, and the length :math:`\lVert\tilde{\mathbf w}_k\rVert` with its upper
    bound :math:`\sqrt k R`. The two bounds cross at :math:`k = (R/\gamma)^2`.
    """

    figsize = (9.6, 4.6)

    def setup(self, fig):
        ax, axk = self.ax, self.axk = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.31, top=0.92, wspace=0.28)
        self.pts = [ax.scatter(np.zeros(1), np.zeros(1), s=16, c=COLORS[c], marker=MARKERS[c],
                               edgecolors="white", linewidths=0.4, zorder=3,
                               label=f"class {c}") for c in (0, 1)]
        (self.true_line,) = ax.plot([], [], color=COLORS[3], ls="-.", lw=1.5,
                                    label="line used for u")
        self.band = [ax.plot([], [], color=COLORS[3], ls=":", lw=1)[0] for _ in range(2)]
        (self.final,) = ax.plot([], [], color="k", lw=2, label="perceptron's final line")
        square_axes(ax, LIM)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8)
        self.title = ax.set_title("", fontsize=9)
        kmax = 1.5 * max(novikoff_run(m)["bound"] for m in NOVIKOFF_MARGINS)
        self.kk = np.geomspace(1, kmax, 200)
        (self.lo,) = axk.plot([], [], color=COLORS[0], ls="--", lw=1.5, label="kγ (lower bound)")
        (self.prog,) = axk.plot([], [], color=COLORS[0], ls="-", lw=2.2, marker="o", ms=3,
                                label="progress u·w̃ₖ")
        (self.hi,) = axk.plot([], [], color=COLORS[1], ls=":", lw=1.8, label="√k R (upper bound)")
        (self.leng,) = axk.plot([], [], color=COLORS[1], ls="-", lw=2.2, marker="s", ms=3,
                                label="length ‖w̃ₖ‖")
        self.cross = axk.axvline(1, color="k", lw=1, ls="-.")
        self.cross_text = axk.text(1, 0.05, "", fontsize=8, rotation=90, ha="right", va="bottom")
        axk.set_xscale("log")
        axk.set_yscale("log")
        axk.set_xlim(1, kmax)
        axk.set_ylim(0.03, 3 * np.sqrt(kmax) * novikoff_run(NOVIKOFF_MARGINS[0])["R"])
        axk.set_xlabel("number of mistakes k (log scale)")
        axk.set_ylabel("value (log scale)")
        axk.legend(loc="upper center", bbox_to_anchor=(0.45, -0.19), ncol=2, fontsize=8)
        self.ktitle = axk.set_title("", fontsize=9)
        self.moving(*self.pts, self.true_line, *self.band, self.final, self.title, self.lo,
                    self.prog, self.hi, self.leng, self.cross, self.cross_text, self.ktitle)

    def update(self, margin=0.1):
        margin = check_positive(margin, "margin")
        r = novikoff_run(margin)
        X, y = r["X"], r["y"]
        for c, pts in enumerate(self.pts):
            pts.set_offsets(X[y == c])
        u2, c0 = r["line"]
        move_line(self.true_line, u2, c0, LIM)
        for line, shift in zip(self.band, (-margin, margin)):
            move_line(line, u2, c0 + shift, LIM)
        move_line(self.final, r["w"], r["b"], LIM)
        n_mist = len(r["k"])
        self.title.set_text(f"margin {margin:g}: the perceptron stops after {n_mist} mistakes")
        self.lo.set_data(self.kk, self.kk * r["gamma"])
        self.hi.set_data(self.kk, np.sqrt(self.kk) * r["R"])
        self.prog.set_data(r["k"], np.maximum(r["progress"], 1e-3))
        self.leng.set_data(r["k"], r["length"])
        self.cross.set_xdata([r["bound"], r["bound"]])
        self.cross_text.set_x(r["bound"])
        self.cross_text.set_text(f"bounds cross: k = (R/γ)² = {r['bound']:.0f}")
        self.ktitle.set_text(f"γ = {r['gamma']:.3f}, R = {r['R']:.2f}")


novikoff_panel = NovikoffPanel()
