"""``slider_demo``: one call that gives a panel its live face or its static face.

The face is chosen by the environment: live ipywidgets in Jupyter (:mod:`.live`),
pre-rendered frames in one HTML block when ``NNBOOK_STATIC=1``, which
``make book`` sets (:mod:`.frames`).
"""

from __future__ import annotations

import itertools
import os

from .frames import _quantize, _render_png, frames_panel
from .grids import MAX_FRAMES, _check_grids
from .live import _live
from .panel import Panel

__all__ = ["slider_demo", "static_mode"]


def static_mode():
    """True when panels should be pre-rendered (``NNBOOK_STATIC=1``)."""
    return os.environ.get("NNBOOK_STATIC", "") == "1"


def slider_demo(plot, *, alt="", labels=None, defaults=None, retrain=False, dpi=80,
                max_frames=MAX_FRAMES, static=None, colors=None, **grids):
    """Turn ``plot(**params) -> Figure`` into a slider panel.

    Parameters
    ----------
    plot : callable
        Draws one frame for a choice of parameters and returns the Figure.
    alt : str
        Alternative text of the picture on the static site (say what it shows).
    labels : dict, optional
        Display label per parameter (e.g. ``{"w": "weight w"}``).
    defaults : dict, optional
        Starting value per parameter (nearest grid value); the middle by default.
    retrain : bool
        Whether a frame retrains a model: live sliders then update on release
        (``continuous_update=False``).
    dpi : int
        Resolution of the pre-rendered frames.
    colors : int in [2, 256], optional
        Quantise each static frame to a palette of this many colours (line-art
        frames become about three times lighter); full colour by default.
    max_frames : int
        Refuse grids whose product is larger (page weight).
    static : bool, optional
        Force one face; by default static exactly when ``NNBOOK_STATIC=1``.
    **grids : sequences
        One list of values per parameter of ``plot``. Numbers become sliders whose
        positions are exactly these values, live and static alike (``plot`` receives the
        grid's own numbers); strings a drop-down (live) or a slider over the choices
        (static).

    Returns
    -------
    ipywidgets.VBox (live) or StaticPanel (static)
    """
    if not callable(plot):
        raise TypeError(f"plot must be a callable returning a Figure, got {type(plot).__name__}")
    grids = _check_grids(grids, max_frames)
    labels, defaults = dict(labels or {}), dict(defaults or {})
    _check_options(grids, labels, defaults, alt, colors)
    use_static = static_mode() if static is None else bool(static)
    if use_static:
        if not alt.strip():
            raise ValueError("alt text is required for a static panel: describe the picture")
        return _static(plot, grids, defaults, alt, labels, dpi, colors)
    return _live(plot, grids, defaults, labels, retrain)


def _check_options(grids, labels, defaults, alt, colors):
    """Clear errors for the options of :func:`slider_demo` (labels and defaults name a grid)."""
    for key in list(labels) + list(defaults):
        if key not in grids:
            raise ValueError(f"{key!r} appears in labels/defaults but has no grid")
    if not isinstance(alt, str):
        raise TypeError("alt must be a string describing the picture")
    if colors is not None and not (isinstance(colors, int) and 2 <= colors <= 256):
        raise ValueError(f"colors must be an int from 2 to 256 (palette size), got {colors!r}")


def _static(plot, grids, defaults, alt, labels, dpi, colors=None):
    """Render ``plot`` at every combination of grid values and wrap the frames in HTML."""
    combos = [dict(zip(grids, combo)) for combo in itertools.product(*grids.values())]
    if isinstance(plot, Panel):
        plot.set_dpi(dpi)
        frames = [plot.render(compress=9, **c) for c in combos]
    else:
        frames = [_render_png(plot(**c), dpi) for c in combos]
    if colors is not None:
        frames = [_quantize(f, colors) for f in frames]
    return frames_panel(frames, alt=alt, labels=labels, defaults=defaults, **grids)
