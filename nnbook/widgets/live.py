"""The live face of a slider panel: ipywidgets controls that redraw a figure in Jupyter.

Each grid becomes one control whose positions are exactly the grid's values
(:func:`live_controls`), so ``plot`` never receives a value between two of
them. A :class:`~nnbook.widgets.Panel` answers a move with a blitted PNG; a
plain ``plot`` draws a new figure. ipywidgets is imported on first use only.
"""

from __future__ import annotations

import numpy as np

from .grids import _nearest
from .panel import Panel

__all__ = ["live_controls"]


def _readouts(values):
    """Distinct short texts for the grid values a slider shows (3 significant digits, more if
    two values would read the same)."""
    for digits in range(3, 18):
        shown = [f"{v:.{digits}g}" if isinstance(v, float) else str(v) for v in values]
        if len(set(shown)) == len(set(values)):
            return shown
    return [repr(v) for v in values]


def _python(v):
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    return v.item() if isinstance(v, np.generic) else v


def live_controls(grids, defaults=None, labels=None, retrain=False):
    """The live face's widgets: one control per grid, offering the grid's values and nothing else.

    A numeric grid becomes a ``SelectionSlider`` whose options are exactly the grid values
    (NumPy scalars as the Python numbers they hold), shown by a short readout: a slider position
    between two grid values does not exist, so ``plot`` only ever receives values of its grid.
    Any other grid (strings, booleans) becomes a drop-down.

    Parameters
    ----------
    grids : dict name -> list of values, as checked by ``slider_demo``
    defaults, labels : dict, optional, as in :func:`slider_demo`
    retrain : bool, update on release instead of while dragging

    Returns
    -------
    dict name -> ipywidgets control, in the order of ``grids``; ``control.value`` is a grid value
    """
    import ipywidgets as W

    defaults, labels = dict(defaults or {}), dict(labels or {})
    controls = {}
    for name, values in grids.items():
        values = [_python(v) for v in values]
        desc = labels.get(name, name)
        value = values[_nearest(values, _python(defaults.get(name)))]
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        if numeric:
            controls[name] = W.SelectionSlider(
                options=list(zip(_readouts(values), values)), value=value, description=desc,
                continuous_update=not retrain, style={"description_width": "initial"},
                layout=W.Layout(width="420px"))
        else:
            controls[name] = W.Dropdown(options=values, value=value, description=desc,
                                        style={"description_width": "initial"})
    return controls


def _live(plot, grids, defaults, labels, retrain):
    """The controls above an output area that shows ``plot`` at their current values."""
    import ipywidgets as W
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    controls = live_controls(grids, defaults, labels, retrain)

    def draw(**params):
        if isinstance(plot, Panel):
            display(Image(data=plot.render(**params), format="png"))
            return
        fig = plot(**params)
        if plt.fignum_exists(fig.number if hasattr(fig, "number") else -1):
            plt.show()          # ipywidgets 8.1.9 + matplotlib 3.11: needed to refresh inline
        else:
            display(fig)

    out = W.interactive_output(draw, controls)
    return W.VBox([W.VBox(list(controls.values())), out])
