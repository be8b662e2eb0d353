"""nnbook: the small NumPy package behind the interactive neural-networks book.

Floors (lower never imports higher): maths (``activations``, ``losses``,
``gradcheck``, ``regularization``, ``optim``, ``autograd``, ``data``) → models
(``perceptron``, ``mlp``, and the playground's engine ``playground.core``) →
presentation (``plotting``, ``widgets``, ``exercises``, the playground's
``view`` and ``app``). Only the top floor imports matplotlib, Pillow or
ipywidgets.

Presentation has floors of its own: ``widgets`` (a package: ``panel`` holds the
:class:`~nnbook.widgets.Panel` contract and its blitting, ``frames`` the static
frames and their HTML, ``live`` the ipywidgets face, ``slider`` the
``slider_demo`` that picks a face) imports nothing of the playground; the
playground's ``view`` is a ``Panel`` and its ``app`` records static runs with
``frames_panel``. ``import nnbook.playground`` loads the engine alone (the
app and view on first use).

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
