"""Time one update of every slider panel in the book (Agg backend, each grid value).

For a plain plot function an update is ``plot(**params)`` plus a full draw; for
a :class:`nnbook.widgets.Panel` it is ``panel.render(**params)``: update the
artists, redraw the moving ones over the cached background, encode the PNG.

The panels are found by executing each notebook's code cells with
``nnbook.widgets.slider_demo`` replaced by a recorder, so the benchmark sees
exactly the plot functions and grids the book uses. Targets: median <= 50 ms
for panels that only redraw, <= 150 ms for panels that retrain.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import nnbook.widgets  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"


#: keyword options of ``slider_demo`` that are not slider grids
OPTIONS = ("alt", "labels", "defaults", "dpi", "max_frames", "static", "colors")


def _collect(notebook):
    """Run a notebook's code cells; return the (plot, grids, retrain) of each slider panel."""
    found = []

    def recorder(plot, *, retrain=False, **kwargs):
        grids = {k: v for k, v in kwargs.items() if k not in OPTIONS}
        found.append((plot, grids, retrain))

    original = nnbook.widgets.slider_demo, nnbook.widgets.playground
    nnbook.widgets.slider_demo = recorder
    nnbook.widgets.playground = lambda **state: None     # timed on its own (playground_speed)
    namespace = {"__name__": "__bench__"}
    cwd = os.getcwd()
    os.chdir(notebook.parent)            # notebooks read files relative to book/
    try:
        cells = json.loads(notebook.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                # IPython magics (%matplotlib inline) are not Python; the backend is Agg here
                src = "".join(line for line in cell["source"]
                              if not line.lstrip().startswith(("%", "!")))
                exec(compile(src, str(notebook), "exec"), namespace)
                plt.close("all")
    finally:
        os.chdir(cwd)
        nnbook.widgets.slider_demo, nnbook.widgets.playground = original
    return found


def run():
    rows = []
    for nb in sorted(BOOK.glob("*.ipynb")):
        if "slider_" not in nb.read_text():
            continue                         # no slider panel on this page
        for k, (plot, grids, retrain) in enumerate(_collect(nb)):
            times = []
            for combo in itertools.product(*grids.values()):
                params = dict(zip(grids, combo))
                t = time.perf_counter()
                if isinstance(plot, nnbook.widgets.Panel):
                    plot.render(**params)        # update + redraw + PNG, as the live face does
                else:
                    fig = plot(**params)
                    fig.canvas.draw()
                times.append(time.perf_counter() - t)
                if not isinstance(plot, nnbook.widgets.Panel):
                    plt.close(fig)
            rows.append({"page": nb.stem, "panel": f"{k + 1}: {plot.__name__}",
                         "frames": len(times), "median": statistics.median(times),
                         "max": max(times), "retrain": retrain,
                         "target": 0.150 if retrain else 0.050})
    return rows
