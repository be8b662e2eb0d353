r"""Chapter 2, activation functions: its figures, panels and experiments.

Notation as in the book: one neuron computes :math:`z = \mathbf{w}^\top\mathbf{x} + b` and
outputs :math:`a = f(z)`; a layer computes :math:`\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)}
+ \mathbf{b}^{(l)}` with :math:`W^{(l)}` of shape (n_out, n_in). The activations themselves
are core (:mod:`nnbook.activations`).

Submodules: :mod:`.zoo` (the activations drawn: the 1-D neuron panel ``neuron_1d``, the zoo
and modern-units figures, the ``negative_side`` panel), :mod:`.experiments` (bias data, loss
landscape, gradient norms, dying ReLUs, spread at initialisation), :mod:`.figures` (the static
figures of those experiments), :mod:`.panels` (``depth_panel``, ``init_panel``) and
:mod:`.formatting` (:func:`sci`, numbers for the prose).
"""

from .experiments import (
    INIT_ACTIVATIONS,
    INIT_DEPTH,
    INIT_N,
    INIT_SCALES,
    INIT_WIDTH,
    NAMED_SCALES,
    STACKS,
    bias_data,
    deep_pass,
    first_layer_norms,
    fit_neuron,
    gradient_norms,
    init_problem,
    init_spread,
    landscape_data,
    landscape_loss,
    relu_lr_runs,
)
from .figures import bias_figure, init_histogram_figure, landscape_figure, vanishing_figure
from .formatting import sci
from .panels import DepthPanel, InitPanel, depth_panel, init_panel
from .zoo import (
    MAXOUT_B,
    MAXOUT_W,
    MODERN_UNITS,
    PANEL_ACTIVATIONS,
    ZOO,
    NegativeSide,
    Neuron1D,
    modern_figure,
    negative_side,
    neuron_1d,
    zoo_figure,
)

__all__ = ["ZOO", "PANEL_ACTIVATIONS", "STACKS", "Neuron1D", "neuron_1d", "zoo_figure",
           "bias_data", "fit_neuron", "bias_figure", "landscape_data", "landscape_loss",
           "landscape_figure", "gradient_norms", "first_layer_norms", "vanishing_figure",
           "DepthPanel", "depth_panel", "NegativeSide", "negative_side", "MAXOUT_W", "MAXOUT_B",
           "sci", "relu_lr_runs", "INIT_SCALES", "NAMED_SCALES", "INIT_ACTIVATIONS", "INIT_DEPTH",
           "INIT_WIDTH", "INIT_N", "deep_pass", "init_problem", "init_spread",
           "init_histogram_figure", "InitPanel", "init_panel", "MODERN_UNITS", "modern_figure"]
