r"""Chapter 1, the history of the field and the perceptron: its figures, panels and experiments.

Notation as in the book: a threshold unit computes :math:`z = \mathbf w^\top\mathbf x + b` and
outputs :math:`\hat y = 1` when :math:`z \ge 0`, else 0 (labels in {0, 1}). The models and the
mathematics the chapter draws are core: :mod:`nnbook.perceptron` (the threshold units, the
perceptron rule, :func:`~nnbook.perceptron.rule_trace`, Novikoff's bound),
:mod:`nnbook.linear_classifiers` (the perceptron, hinge and logistic neuron trained by SGD) and
:func:`nnbook.data.linearly_separable`. The experiments the exercises also check
(:data:`PANEL_DATA`, :data:`DIRECTION_DATA`, :data:`DIRECTION_RUN`, :func:`direction_data`,
:func:`direction_paths`) are defined in :mod:`nnbook.exercises.ch1` and re-exported here.

Submodules: :mod:`.history` (timeline, brain scale, neuron cartoon), :mod:`.figures` (gates,
XOR, three trained neurons, losses), :mod:`.panels` (boundary, rule and Novikoff panels),
:mod:`.direction` (the direction panel), :mod:`.experiments` (:func:`novikoff_run`) and
:mod:`.drawing` (the helpers they share).
"""

from ...exercises.ch1 import (
    DIRECTION_DATA,
    DIRECTION_RUN,
    PANEL_DATA,
    direction_data,
    direction_paths,
)
from .direction import DirectionPanel, direction_panel
from .experiments import NOVIKOFF_MARGINS, novikoff_run
from .figures import gates_figure, losses_figure, three_models_figure, xor_figure
from .history import WAVES, brain_scale_figure, neuron_figure, timeline_figure
from .panels import (
    BoundaryPanel,
    NovikoffPanel,
    RulePanel,
    boundary_panel,
    novikoff_panel,
    rule_panel,
)

__all__ = ["PANEL_DATA", "DIRECTION_DATA", "DIRECTION_RUN", "direction_data", "direction_paths",
           "NOVIKOFF_MARGINS", "novikoff_run", "WAVES", "timeline_figure", "brain_scale_figure",
           "neuron_figure", "gates_figure", "xor_figure", "three_models_figure", "losses_figure",
           "BoundaryPanel", "boundary_panel", "RulePanel", "rule_panel", "NovikoffPanel",
           "novikoff_panel", "DirectionPanel", "direction_panel"]
