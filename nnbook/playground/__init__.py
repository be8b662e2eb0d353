"""A TensorFlow-Playground-style explorer built on :class:`nnbook.MLP`.

``core`` holds the engine (state, training session), ``datasets`` the data and
input features, ``rng`` the random generator both languages share; all three are
pure NumPy. ``view`` is the picture, a :class:`nnbook.widgets.Panel` updated in
place; ``app`` the ipywidgets app and the website's face of ``playground()``, the
browser's app in ``book/_static/playground/`` (the same engine in JavaScript). Use it as
``nnbook.playground.playground(**state)``.

Importing this package loads the engine only: ``Session``, ``DEFAULTS`` and
``validate_state`` come without Matplotlib or Pillow. The app's names
(``playground``, ``PlaygroundApp``) and the view
(``PlaygroundView``) are imported on first use.
"""

import importlib

from .core import DEFAULTS, Session, validate_state

__all__ = ["playground", "PlaygroundApp", "PlaygroundView", "Session", "DEFAULTS",
           "validate_state"]

_LAZY = {"playground": "app", "PlaygroundApp": "app",
         "PlaygroundView": "view"}


def __getattr__(name):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
