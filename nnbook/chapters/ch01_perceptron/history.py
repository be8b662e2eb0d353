"""Chapter 1's figures of the history: the timeline, the brain's scale, neuron against unit."""

from __future__ import annotations

import numbers

import matplotlib.pyplot as plt
import numpy as np

from ...plotting import COLORS, LINESTYLES, PALETTE

__all__ = ["WAVES", "timeline_figure", "brain_scale_figure", "neuron_figure"]

#: the three waves of the timeline and their shaded year ranges
WAVES = {"first wave": (1940, 1969), "second wave": (1980, 1995), "third wave": (2006, 2020)}


def _timeline_labels(fig, ax, rows, kinds, step=1.05, first=0.9, max_level=5):
    """Place the timeline's labels so that no leader line crosses a label.

    Events alternate above and below the axis. Labels left of 1980 extend to the right of their
    leader line, later ones to the left (so none leaves the axes). Each label takes the lowest
    level at which its box overlaps no other box of its side, no taller leader runs through it,
    and its own leader runs through no lower box.
    """
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    placed = {1: [], -1: []}          # side -> list of (x0, x1, level, leader x)
    for j, (year, label, kind) in enumerate(rows):
        colour = kinds[kind][0]
        side = 1 if j % 2 == 0 else -1
        ha = "left" if year < 1980 else "right"
        text = ax.text(year, 0, f"{year}  {label}", ha=ha, va="bottom" if side > 0 else "top",
                       fontsize=8, bbox={"fc": "white", "ec": colour, "lw": 0.8, "pad": 1.5})
        ext = text.get_window_extent(renderer)
        (x0, _), (x1, _) = to_data.transform([(ext.x0, 0), (ext.x1, 0)])
        x0, x1 = x0 - 0.4, x1 + 0.4                       # room for the box's padding
        level = 1
        while level < max_level:
            ok = True
            for a, b, lev, lx in placed[side]:
                overlap = a < x1 and x0 < b
                if (lev == level and overlap) or (lev >= level and x0 <= lx <= x1) or \
                        (lev < level and a <= year <= b):
                    ok = False
                    break
            if ok:
                break
            level += 1
        placed[side].append((x0, x1, level, year))
        h = side * (first + step * (level - 1))
        ax.plot([year, year], [0, h], color=colour, lw=0.8, ls="-", zorder=1)
        text.set_y(h + side * 0.12)


def timeline_figure(events):
    """Static figure: a timeline of (year, label, kind) events over the three shaded waves.

    Parameters
    ----------
    events : sequence of (int, str, str)
        Year, short label and a kind, one of ``"model"``, ``"setback"``, ``"result"``;
        each kind has its own marker (and colour).
    """
    kinds = {"model": (COLORS[0], "o"), "setback": (COLORS[1], "v"), "result": (COLORS[2], "s")}
    rows = []
    for ev in events:
        if len(ev) != 3:
            raise ValueError(f"each event must be (year, label, kind), got {ev!r}")
        year, label, kind = ev
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise TypeError(f"year must be an integer, got {year!r}")
        if kind not in kinds:
            raise ValueError(f"kind must be one of {list(kinds)}, got {kind!r}")
        rows.append((int(year), str(label), kind))
    if not rows:
        raise ValueError("events is empty")
    rows.sort(key=lambda r: r[0])
    fig, ax = plt.subplots(figsize=(10.5, 5.2))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.1, top=0.97)
    for k, (name, (a, z)) in enumerate(WAVES.items()):
        ax.axvspan(a, z, color=PALETTE["grey"], alpha=0.12 + 0.06 * k, lw=0)
        ax.text((a + z) / 2, 5.6, name, ha="center", fontsize=10, style="italic")
    ax.axhline(0, color="k", lw=1)
    ax.set_xlim(1937, 2023)
    ax.set_ylim(-6.2, 6.2)
    for year, _, kind in rows:
        colour, marker = kinds[kind]
        ax.plot(year, 0, marker=marker, color=colour, ms=8, ls="none")
    _timeline_labels(fig, ax, rows, kinds)
    for kind, (colour, marker) in kinds.items():
        ax.plot([], [], marker=marker, color=colour, ls="none", label=kind)
    ax.legend(loc="lower left", fontsize=9, frameon=True)
    ax.set_yticks([])
    ax.set_xlabel("year")
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    return fig


def _pow10(v):
    """'$10^{k}$' for a power of ten, else the number in scientific notation."""
    k = np.log10(v)
    return f"$10^{{{k:.0f}}}$" if np.isclose(k, round(k)) else f"{v:.1e}"


def brain_scale_figure(neurons, connections, switch_s, recognition_s):
    """Static figure: the brain's width against its depth, on a log scale.

    Parameters
    ----------
    neurons : float, the number of neurons
    connections : (float, float), the low and high estimate of connections per neuron
    switch_s : float, the time one neuron needs to respond (seconds)
    recognition_s : float, the time to recognise a scene (seconds)
    """
    lo, hi = connections
    steps = recognition_s / switch_s
    rows = [("neurons working at once", neurons, neurons),
            ("connections (synapses)", neurons * lo, neurons * hi),
            ("serial steps in one recognition", steps, steps)]
    fig, ax = plt.subplots(figsize=(7.6, 2.8))
    fig.subplots_adjust(left=0.33, right=0.97, bottom=0.22, top=0.95)
    for k, (_, a, z) in enumerate(rows):
        ax.barh(k, np.log10(a), color=COLORS[k], height=0.55, hatch=["", "//", ".."][k],
                edgecolor="white")
        if z > a:
            ax.barh(k, np.log10(z) - np.log10(a), left=np.log10(a), color=COLORS[k],
                    alpha=0.45, height=0.55, edgecolor="white")
        text = _pow10(a) if z == a else f"{_pow10(a)} to {_pow10(z)}"
        ax.text(np.log10(z) + 0.2, k, text, va="center", fontsize=10)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 18)
    ax.set_xlabel("how many (log$_{10}$)")
    ax.grid(axis="y", visible=False)
    return fig


def neuron_figure():
    """Static figure: a cartoon of a biological neuron (left) next to a threshold unit (right)."""
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10, 3.8))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.04, top=0.9, wspace=0.08)
    rng = np.random.default_rng(1)
    for ang in np.linspace(0.7, 5.6, 7):                   # dendrites
        r = np.linspace(0.45, 1.6, 20)
        wiggle = 0.15 * np.sin(3 * r + ang)
        ax0.plot(-1 + r * np.cos(ang + wiggle), r * np.sin(ang + wiggle), color=COLORS[0], lw=2,
                 ls="-")
        tip = (-1 + 1.6 * np.cos(ang + wiggle[-1]), 1.6 * np.sin(ang + wiggle[-1]))
        for _ in range(2):
            d = rng.uniform(-0.6, 0.6)
            ax0.plot([tip[0], tip[0] + 0.35 * np.cos(ang + d)],
                     [tip[1], tip[1] + 0.35 * np.sin(ang + d)], color=COLORS[0], lw=1.2,
                     ls="-")
    ax0.add_patch(plt.Circle((-1, 0), 0.5, color=COLORS[3], zorder=3))
    ax0.add_patch(plt.Circle((-1, 0), 0.18, color=COLORS[1], zorder=4))
    ax0.plot([-0.5, 2.6], [0, 0], color="k", lw=3, ls="-", zorder=2)     # axon
    for yy in (-0.35, 0.0, 0.35):                                         # synaptic terminals
        ax0.plot([2.6, 3.0], [0, yy], color="k", lw=1.5, ls="-")
        ax0.plot(3.05, yy, marker="o", color=COLORS[2], ms=9, ls="none")
    notes = [((-2.3, 1.5), "dendrites\n(inputs)"), ((-1, -0.85), "cell body"),
             ((1.1, 0.25), "axon: the spike travels"), ((3.05, -0.8), "synapses\n(to next cells)")]
    for (x, yy), text in notes:
        ax0.text(x, yy, text, ha="center", fontsize=9)
    ax0.set_xlim(-3, 3.6)
    ax0.set_ylim(-1.9, 1.9)
    ax0.set_aspect("equal")
    ax0.axis("off")
    ax0.set_title("biological neuron (cartoon)", fontsize=10)
    ys = np.array([1.2, 0.4, -0.4, -1.2])
    for k, yy in enumerate(ys):
        ax1.text(-2.2, yy, f"$x_{k + 1}$" if k < 3 else "$1$", ha="center", va="center",
                 fontsize=12)
        style = LINESTYLES[0] if k != 1 else LINESTYLES[1]
        ax1.plot([-1.9, -0.45], [yy, 0], color=COLORS[1] if k != 1 else COLORS[0], ls=style,
                 lw=2)
        ax1.text(-1.25, 0.6 * yy + 0.12, f"$w_{k + 1}$" if k < 3 else "$b$", fontsize=11)
    ax1.add_patch(plt.Circle((0, 0), 0.45, fc="white", ec="k", lw=1.5))
    ax1.text(0, 0, r"$\Sigma$", ha="center", va="center", fontsize=15)
    ax1.annotate("", xy=(1.2, 0), xytext=(0.45, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    zs = np.linspace(-0.5, 0.5, 50)
    ax1.plot(1.35 + zs, 0.35 * (zs >= 0) - 0.15, color="k", lw=2, ls="-")
    ax1.annotate("", xy=(2.8, 0), xytext=(1.95, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    ax1.text(3.0, 0, r"$\hat y$", va="center", fontsize=13)
    ax1.text(0.5, -1.55, r"$\hat y = 1$ if $\sum_i w_i x_i + b \geq 0$, else 0", ha="center",
             fontsize=11)
    ax1.text(-1.0, 1.6, "solid: excitatory ($w>0$), dashed: inhibitory ($w<0$)", ha="center",
             fontsize=8)
    ax1.set_xlim(-2.6, 3.4)
    ax1.set_ylim(-1.9, 1.9)
    ax1.set_aspect("equal")
    ax1.axis("off")
    ax1.set_title("threshold unit", fontsize=10)
    return fig
