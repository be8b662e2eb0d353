"""nnbook: the small NumPy package behind the interactive neural-networks book.

Floors (a lower one never imports a higher one; CONTRIBUTING.md is the full map,
``tests/test_structure.py`` checks it):

1. **core**, ``nnbook/*.py`` but ``plotting``: models and mathematics, each idea
   once (``perceptron``, ``backprop``, ``training``, ``mlp``, ``regularization``,
   ``data``, ...); NumPy only;
2. the playground's engine, ``playground.core``, ``.datasets`` and ``.rng`` (pure
   NumPy; the same engine in JavaScript serves the website);
3. the answer checkers, ``exercises.chN``: core only, so checking an answer never
   loads matplotlib;
4. presentation: ``plotting`` (drawing shared by chapters), ``widgets`` (the
   ``Panel`` contract, static frames, live sliders, ``slider_demo``), the
   playground's ``view`` and ``app``;
5. chapter code, ``chapters.chNN_name``: one chapter's figures, panels and
   experiments, named like its notebook.

``import nnbook`` loads NumPy and the MLP only; every submodule is also reachable
as an attribute (``nnbook.data.load_mnist()``), imported on first use.
"""

import importlib
import pkgutil

from .mlp import MLP, DivergenceError

__version__ = "0.1.0"
__all__ = ["MLP", "DivergenceError", "__version__"]

# every public submodule and subpackage, read from the package's folder
_SUBMODULES = frozenset(m.name for m in pkgutil.iter_modules(__path__)
                        if not m.name.startswith("_"))


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'nnbook' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | _SUBMODULES)
