"""Slider panels with two faces: live in Jupyter, pre-rendered on the static site.

A panel is a function ``plot(**params) -> Figure`` plus a grid of values for
each parameter. For speed, ``plot`` can be a :class:`Panel`: it builds its
figure once and then only updates the artists that change (``set_data``), so a
slider move costs a redraw instead of a new figure. :func:`slider_demo` turns
either into

* **live** (in Jupyter, the default): an ipywidgets panel that redraws the
  figure whenever a control moves; a slider's positions are exactly the grid's
  values (:func:`live_controls`), so ``plot`` never sees a value between them;
* **static** (when the environment variable ``NNBOOK_STATIC=1``, which
  ``make book`` sets): one self-contained HTML block with an
  ``<input type="range">`` per parameter, every frame rendered in advance as a
  PNG data URI, and a few lines of plain JavaScript that swap the picture. It
  needs no kernel, no widget manager and no network, so it works on the
  website and offline. (The default widget embedding renders an empty box
  offline; see the README, "How the sliders work on a static site".)

The package is split by concern; everything below is importable from
``nnbook.widgets`` itself:

=============  ==============================================================
``panel``      the :class:`Panel` contract and its blitting; :func:`pin_layout`
``frames``     static frames: PNG encoding, palettes, :func:`frames_panel`,
               :class:`StaticPanel` (the self-contained HTML and JavaScript)
``live``       the live face: :func:`live_controls` and the ipywidgets panel
``grids``      the checked grids of values both faces share
``slider``     :func:`slider_demo`, which picks a face; :func:`static_mode`
=============  ==============================================================

``widgets`` knows nothing of the playground; the playground's view is a
:class:`Panel` and its static face a :func:`frames_panel`
(:mod:`nnbook.playground`).
"""

from .frames import StaticPanel, encode_png, frames_panel
from .frames import _png_unfiltered as _png_unfiltered  # private, imported by the tests
from .grids import MAX_FRAMES
from .live import _readouts as _readouts  # private, imported by the tests
from .live import live_controls
from .panel import Panel, pin_layout
from .slider import slider_demo, static_mode

__all__ = ["slider_demo", "frames_panel", "StaticPanel", "Panel", "pin_layout", "static_mode",
           "live_controls", "encode_png", "MAX_FRAMES"]

