r"""Chapter 7, regularization: figures, slider panels and experiments.

``book/07_regularization.ipynb`` imports this package as ``chapter``. The experiment
itself (:func:`problem`, :func:`trained`, :data:`SIZES`, :data:`FIT`, the strength
grids) is defined in :mod:`nnbook.exercises.ch7`, whose checkers need the same
networks, and is re-exported here; the mathematics (penalties, dropout and its
ensemble, early stopping, the weight norm) is in :mod:`nnbook.regularization`.

Submodules, by concern:

* :mod:`.maps`: P(class 1) of a network over the plane, drawn or as a panel half.
* :mod:`.penalties`: ``penalty_panel`` (L2/L1 strength :math:`\lambda`) and ``l1_toy``
  (the minimiser of :math:`(\theta-2)^2+\lambda|\theta|`).
* :mod:`.dropout_panels`: the thinned-network diagram, ``dropout_panel`` (drop
  probability p) and ``ensemble_panel`` (sampled sub-networks against the scaled network).
* :mod:`.stopping_panel`: ``patience_panel`` (the epoch early stopping keeps).
* :mod:`.experiments`: every regulariser over several draws and seeds; more data.
"""

from ...exercises.ch7 import DROPS, FIT, LAMBDAS, PATIENCE, SIZES, problem, trained
from .dropout_panels import (
    ENSEMBLE_SEED,
    N_MASKS,
    DropoutPanel,
    EnsemblePanel,
    draw_thinned,
    dropout_net,
    dropout_panel,
    ensemble_panel,
    mask_average,
    sampled_sub_networks,
)
from .experiments import N_TRAINS, big_test, chosen_settings, more_data, robust_comparison
from .maps import draw_probability_map, map_grid, probability_map
from .penalties import TOY_LAMBDAS, TOY_THETA, L1Toy, PenaltyPanel, l1_toy, penalty_panel
from .stopping_panel import PATIENCES, PatiencePanel, patience_panel

__all__ = ["SIZES", "FIT", "LAMBDAS", "DROPS", "PATIENCE", "problem", "trained",
           "map_grid", "draw_probability_map", "probability_map",
           "TOY_LAMBDAS", "TOY_THETA", "PenaltyPanel", "penalty_panel", "L1Toy", "l1_toy",
           "draw_thinned", "DropoutPanel", "dropout_panel", "N_MASKS", "ENSEMBLE_SEED",
           "dropout_net", "sampled_sub_networks", "mask_average", "EnsemblePanel",
           "ensemble_panel", "PATIENCES", "PatiencePanel", "patience_panel",
           "N_TRAINS", "chosen_settings", "robust_comparison", "big_test", "more_data"]
