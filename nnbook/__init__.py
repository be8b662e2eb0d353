"""nnbook: the small NumPy package behind the interactive neural-networks book.

Floors (lower never imports higher): maths (``activations``, ``losses``,
``gradcheck``, ``regularization``, ``optim``, ``autograd``, ``data``) → models
(``perceptron``, ``mlp``) → presentation (``plotting``, ``widgets``,
``exercises``). Only the top floor imports matplotlib or ipywidgets, and it is
not imported here, so ``import nnbook`` stays light.
"""

from .mlp import MLP, DivergenceError

__version__ = "0.1.0"
__all__ = ["MLP", "DivergenceError", "__version__"]
