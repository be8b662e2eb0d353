"""Dropout: the thinned-network diagram, the drop-probability panel and the ensemble panel.

Dropout follows the book's convention: p is the probability that a unit is **dropped**.
``dropout_panel`` (:class:`DropoutPanel`, drop probability p) and ``ensemble_panel``
(:class:`EnsemblePanel`, number k of sampled sub-networks) are
:class:`nnbook.widgets.Panel` instances: ``panel(**params)`` returns one figure, built
once and updated in place.
"""

from __future__ import annotations

import functools

import numpy as np

from ..._checks import check_random_state
from ...exercises.ch7 import DROPS, FIT, problem
from ...mlp import MLP
from ...plotting import COLORS, MARKERS, PALETTE, draw_network
from ...regularization import dropout_mask, sub_network_proba
from ...widgets import Panel
from .maps import MapAxes, map_grid, probability_contour, probability_map, trained_summary
from .panel_parts import freeze_limits, grid_index

__all__ = ["draw_thinned", "DropoutPanel", "dropout_panel", "N_MASKS", "ENSEMBLE_SEED",
           "dropout_net", "sampled_sub_networks", "mask_average", "EnsemblePanel", "ensemble_panel"]

#: numbers of sampled sub-networks of the dropout-ensemble panel
N_MASKS = (1, 2, 3, 5, 10, 20, 50, 100)


def draw_thinned(ax, sizes, keep, title=""):
    """Draw the network of layer sizes ``sizes`` thinned by dropout: the dropped hidden units
    grey and crossed out, their links left out (:func:`nnbook.plotting.draw_network`).

    Parameters
    ----------
    ax : matplotlib Axes
    sizes : sequence of int, units per layer, input first
    keep : list of boolean arrays, one per hidden layer (inputs and outputs are never dropped)
    title : str

    Returns
    -------
    ax
    """
    if len(keep) != len(sizes) - 2:
        raise ValueError(f"keep must hold one mask per hidden layer ({len(sizes) - 2}), "
                         f"got {len(keep)}")
    draw_network(sizes=sizes, keep=[None, *keep, None], ax=ax, links="plain", link_width=0.8,
                 link_alpha=0.7, node_size=130, margin=0.3)
    ax.set_title(title, fontsize=10)
    return ax


class DropoutPanel(Panel):
    """Boundary of the network trained with drop probability ``p``, and training and test
    accuracy against p with the gap between them shaded.

    ``dropout_panel(p=...)`` returns the figure; ``p`` must be one of :data:`DROPS`. All
    eight networks are trained (once, cached) when the figure is built.
    """

    figsize = (8.4, 3.3)

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.25)
        self.boundary = MapAxes(self, ax0)
        acc = np.array([trained_summary("dropout", q)[:2] for q in DROPS])
        ax1.fill_between(DROPS, acc[:, 1], acc[:, 0], color=PALETTE["grey"], alpha=0.25,
                         label="gap")
        ax1.plot(DROPS, acc[:, 0], color=COLORS[0], marker=MARKERS[0], label="train")
        ax1.plot(DROPS, acc[:, 1], color=COLORS[1], ls="--", marker=MARKERS[1], label="test")
        freeze_limits(ax1)
        self.vline = ax1.axvline(DROPS[0], color=PALETTE["grey"], lw=1)
        ax1.set_xlabel("drop probability $p$")
        ax1.set_ylabel("accuracy")
        ax1.set_ylim(0.75, 1.01)
        legend = ax1.legend(fontsize=9, loc="upper right")
        self.moving(self.vline, legend)                 # the line passes under the legend

    def update(self, p=0.5):
        p = DROPS[grid_index(p, DROPS, "p")]
        tr, te = trained_summary("dropout", p)[:2]
        self.boundary.show(f"p = {p:g}: train {tr:.2f}, test {te:.2f}, gap {tr - te:.2f}",
                           probability_map("dropout", p))
        self.vline.set_xdata([p, p])


#: the dropout panel: ``dropout_panel(p)`` returns its figure
dropout_panel = DropoutPanel()


@functools.lru_cache(maxsize=1)
def dropout_net():
    """The 2-6-6-2 ReLU network trained with drop probability 0.5 on :func:`problem`
    (the ensemble experiment's second network; cached and shared: do not modify it)."""
    net = MLP([2, 6, 6, 2], activation="relu", random_state=0)
    return net.fit(*problem()["train"], dropout=0.5, **FIT)


#: seed of the sub-networks the ensemble panel and the chapter show
ENSEMBLE_SEED = 6


def sampled_sub_networks(random_state=ENSEMBLE_SEED):
    """P(class 1) on the m points of :func:`map_grid` for ``max(N_MASKS)`` sub-networks of
    :func:`dropout_net` with keep-masks drawn at p = 0.5, and for the network itself with
    its weights scaled (the test-time rule).

    Parameters
    ----------
    random_state : int, numpy.random.Generator or None
        Draws the masks (:func:`nnbook._checks.check_random_state`), one
        :func:`nnbook.regularization.dropout_mask` per hidden layer per sub-network.

    Returns
    -------
    subs : ndarray (max(N_MASKS), m), read-only
    scaled : ndarray (m,), read-only
    """
    rng = check_random_state(random_state)
    net = dropout_net()
    G = map_grid()[2]
    subs = np.array([sub_network_proba(net, G, [dropout_mask(h, 0.5, rng) for h in net.sizes[1:-1]],
                                       0.5)[:, 1] for _ in range(max(N_MASKS))])
    scaled = net.predict_proba(G)[:, 1]
    subs.flags.writeable = False
    scaled.flags.writeable = False
    return subs, scaled


@functools.lru_cache(maxsize=1)
def _panel_sub_networks():
    """:func:`sampled_sub_networks` of :data:`ENSEMBLE_SEED`, drawn once for every frame."""
    return sampled_sub_networks(ENSEMBLE_SEED)


def mask_average(k):
    """The k-th sampled sub-network and the mean of the first k, against the scaled network
    (the sub-networks of ``sampled_sub_networks(ENSEMBLE_SEED)``).

    Parameters
    ----------
    k : int, one of :data:`N_MASKS`

    Returns
    -------
    last, average : ndarray (m,), P(class 1) on the m points of :func:`map_grid`
    agree_last, agree_average : float, the fraction of grid points where each predicts the
        same class as the scaled network
    """
    k = N_MASKS[grid_index(k, N_MASKS, "k")]
    subs, scaled = _panel_sub_networks()
    avg = subs[:k].mean(axis=0)
    return subs[k - 1], avg, _agreement(subs[k - 1], scaled), _agreement(avg, scaled)


def _agreement(P, Q):
    """Fraction of the points where P(class 1) and Q(class 1) predict the same class."""
    return float(np.mean((P > 0.5) == (Q > 0.5)))


class EnsemblePanel(Panel):
    """Sampled dropout sub-networks of :func:`dropout_net` against the weight-scaling rule.

    ``ensemble_panel(k=...)`` returns the figure; ``k`` must be one of :data:`N_MASKS`.
    Left: the k-th sampled sub-network. Middle: the average of the first k sub-networks'
    probabilities (a Monte Carlo estimate of the ensemble). Right: the one network with
    scaled weights that dropout uses at test time.
    """

    figsize = (11.0, 3.4)

    def setup(self, fig):
        axes = fig.subplots(1, 3)
        fig.subplots_adjust(left=0.05, right=0.99, bottom=0.15, top=0.88, wspace=0.22)
        self.one, self.avg = MapAxes(self, axes[0]), MapAxes(self, axes[1])
        MapAxes(self, axes[2]).show("scaled weights (test time)",
                                    _as_map(_panel_sub_networks()[1]))

    def update(self, k=1):
        k = N_MASKS[grid_index(k, N_MASKS, "k")]
        last, avg, agree_last, agree = mask_average(k)
        self.one.show(f"sub-network {k}: same class as scaled on {agree_last:.0%}",
                      _as_map(last))
        self.avg.show(f"mean of {k}: same class as scaled on {agree:.0%}", _as_map(avg))


def _as_map(values):
    """:func:`probability_contour` of P(class 1) given on the points of :func:`map_grid`."""
    return probability_contour(values.reshape(map_grid()[0].shape).copy())


#: the dropout-ensemble panel: ``ensemble_panel(k)`` returns its figure
ensemble_panel = EnsemblePanel()
