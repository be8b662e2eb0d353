"""Every live slider of the book, moved through every position it offers, redraws its panel.

The panels are the book's own: each notebook's code cells run with ``slider_demo`` recorded
(``benchmarks.panels.slider_calls``, only the cells the panels need), then each recorded call
builds its live widget and every control is set to each of its options in turn, the others
staying at their starting values. An exception in a redraw propagates out of the widget
(there is no IPython kernel to catch it), so it fails the test.
"""

from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
pytest.importorskip("ipywidgets")

import matplotlib.pyplot as plt  # noqa: E402

from benchmarks.panels import has_sliders, slider_calls  # noqa: E402
from nnbook.widgets import slider_demo  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"
PAGES = sorted(nb for nb in BOOK.glob("*.ipynb") if has_sliders(nb))


def _controls(widget):
    return list(widget.children[0].children)


def _move_through(control):
    """Set the control to each position it offers, in turn, as the browser would; yield the
    value after each move."""
    if hasattr(control, "options"):          # selection slider or drop-down: an index
        for i in range(len(control.options)):
            control.index = i
            yield control.value
    else:                                    # a plain numeric slider: min, min + step, ..., max
        for k in range(round((control.max - control.min) / control.step) + 1):
            control.value = control.min + k * control.step
            yield control.value


def _python(v):
    return v.item() if isinstance(v, np.generic) else v


def test_the_book_has_live_sliders():
    # every chapter with a panel, including those that build it through a wrapper (chapters 4 and 5)
    assert {p.stem for p in PAGES} >= {"intro", "01_perceptron", "04_gradient_descent",
                                       "05_backprop"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_live_slider_redraws_at_every_position(page, monkeypatch):
    monkeypatch.delenv("NNBOOK_STATIC", raising=False)
    calls = slider_calls(page, sliced=True)
    assert calls, f"{page.name} builds slider panels but none was recorded"
    for plot, options in calls:
        options = dict(options, static=False)
        grids = {k: v for k, v in options.items()
                 if k not in ("alt", "labels", "defaults", "dpi", "max_frames", "static",
                              "colors", "retrain")}
        widget = slider_demo(plot, **options)
        controls = _controls(widget)
        assert len(controls) == len(grids)
        for (name, grid), control in zip(grids.items(), controls):
            start = control.value
            offered = list(_move_through(control))      # each move redraws the panel
            # the control offers exactly the grid's values, nothing in between
            assert offered == [_python(v) for v in grid], (page.stem, name)
            assert all(type(a) is type(_python(b)) for a, b in zip(offered, grid))
            control.value = start
        plt.close("all")


def test_a_failing_redraw_fails_the_slider_move():
    # the check above relies on this: outside a kernel the widget lets the exception through
    def plot(w=1.0):
        if w > 1.5:
            raise ValueError("w too large")
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, w])
        return fig

    widget = slider_demo(plot, static=False, w=[1.0, 2.0], defaults={"w": 1.0})
    slider = _controls(widget)[0]
    with pytest.raises(ValueError, match="w too large"):
        slider.index = 1
    plt.close("all")
