"""A TensorFlow-Playground-style explorer built on :class:`nnbook.MLP`.

``core`` holds the engine (state, data, features, training session), ``view``
the figure updated in place, ``app`` the ipywidgets app and the recorder for
the static site. Use it as ``nnbook.widgets.playground(**state)`` or
``nnbook.playground.playground(**state)``.
"""

from .app import PlaygroundApp, playground, record_run
from .core import DEFAULTS, Session, validate_state

__all__ = ["playground", "record_run", "PlaygroundApp", "Session", "DEFAULTS", "validate_state"]
