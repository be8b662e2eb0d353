"""Chapter 3, the multi-layer perceptron and handwritten digits: ``book/03_mlp.ipynb``.

The notebook imports ``from nnbook.chapters import ch03_mlp as chapter``. The code is split
by concern:

* :mod:`.experiments`: one layer computed three ways, the unstable softmax, the XOR
  solution families, the two-unit bottleneck run, and the table of the depth figure;
* :mod:`.figures`: the static figures;
* :mod:`.panels`: the slider panels (:class:`nnbook.widgets.Panel` instances).

The experiments the exercise checkers grade too (the XOR truth table, the hand-set XOR
network, the count of XOR rows right, the trained XOR runs, the digit split and the width
sweep) are defined in :mod:`nnbook.exercises.ch3` and re-exported here, so the notebook
finds every name of the chapter on ``chapter``. The losses figure draws
:data:`nnbook.losses.MARGIN_LOSSES`. Evaluation (:func:`nnbook.metrics.confusion_matrix`,
:func:`nnbook.metrics.confidently_wrong`) and the progress bar
(:class:`nnbook.callbacks.ProgressBar`) are core.
"""

from ...exercises.ch3 import (
    WIDTHS,
    XOR_C1,
    XOR_C2,
    XOR_EPOCHS,
    XOR_X,
    XOR_Y,
    digit_split,
    hand_set_xor_mlp,
    hidden_space_rows_right,
    width_sweep,
    xor_history,
    xor_rows_right,
)
from .experiments import (
    BOTTLENECK_EPOCHS,
    IMAGENET,
    XOR_SEEDS,
    bottleneck_history,
    layer_batched,
    layer_per_sample,
    layer_scalar,
    naive_softmax,
    xor_family,
)
from .figures import (
    XOR_LIM,
    depth_figure,
    digits_figure,
    losses_figure,
    weight_canvas,
    weights_figure,
    xor_figure,
    xor_output_map,
    xor_seeds_figure,
)
from .panels import (
    DIGIT_COLORS,
    BottleneckPanel,
    DigitExplorer,
    WidthPanel,
    XorHiddenPanel,
    XorPanel,
    bottleneck_panel,
    make_digit_explorer,
    width_panel,
    xor_hidden_panel,
    xor_panel,
)

__all__ = [
    # defined in nnbook.exercises.ch3
    "XOR_X", "XOR_Y", "XOR_C1", "XOR_C2", "XOR_EPOCHS", "WIDTHS", "hand_set_xor_mlp",
    "xor_rows_right", "hidden_space_rows_right", "xor_history", "digit_split", "width_sweep",
    # experiments
    "layer_scalar", "layer_per_sample", "layer_batched", "naive_softmax", "XOR_SEEDS",
    "xor_family", "BOTTLENECK_EPOCHS", "bottleneck_history", "IMAGENET",
    # figures
    "XOR_LIM", "xor_output_map", "xor_figure", "xor_seeds_figure", "weight_canvas",
    "digits_figure", "weights_figure", "depth_figure", "losses_figure",
    # panels
    "XorPanel", "xor_panel", "XorHiddenPanel", "xor_hidden_panel", "DigitExplorer",
    "make_digit_explorer", "WidthPanel", "width_panel", "DIGIT_COLORS", "BottleneckPanel",
    "bottleneck_panel",
]
