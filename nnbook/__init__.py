"""nnbook: the small NumPy package behind the interactive neural-networks book.

Floors (lower never imports higher): maths (``activations``, ``losses``,
``gradcheck``, ``regularization``, ``optim``, ``autograd``, ``data``) → models
(``perceptron``, ``mlp``) → presentation (``plotting``, ``widgets``,
``exercises``). Only the top floor imports matplotlib or ipywidgets.

``import nnbook`` loads NumPy and the MLP only; every submodule is also reachable
as an attribute (``nnbook.data.load_mnist()``), imported on first use.
"""

import importlib

from .mlp import MLP, DivergenceError

__version__ = "0.1.0"
__all__ = ["MLP", "DivergenceError", "__version__"]

_SUBMODULES = frozenset({
    "activations", "autograd", "data", "exercises", "gradcheck", "losses", "mlp", "optim",
    "panels", "perceptron", "playground", "plotting", "regularization", "widgets",
})


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nnbook' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
