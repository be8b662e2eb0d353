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

import ast
import itertools
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import nnbook.playground  # noqa: E402
import nnbook.widgets  # noqa: E402

BOOK = Path(__file__).resolve().parents[1] / "book"


#: keyword options of ``slider_demo`` that are not slider grids
OPTIONS = ("alt", "labels", "defaults", "dpi", "max_frames", "static", "colors")


def _code_cells(notebook):
    """The notebook's code cells as Python source (IPython magics and shell lines dropped)."""
    cells = json.loads(notebook.read_text())["cells"]
    return ["".join(line for line in cell["source"]
                    if not line.lstrip().startswith(("%", "!")))
            for cell in cells if cell["cell_type"] == "code"]


def _base(node):
    """The variable at the root of ``a.b[c].d`` (or None)."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _defines_and_uses(src):
    """Names a cell binds or changes, and names it reads before binding them (a rough guess).

    A name counts as changed when it is assigned, imported, defined, has an attribute or item
    assigned, or has a method called on it in a statement of its own (``net.fit(X, y)``).
    A name the cell binds itself counts as read only in an augmented assignment (``x += 1``).
    """
    defined, loads, imported, augmented = set(), set(), set(), set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else defined).add(node.id)
        elif isinstance(node, ast.arg):
            defined.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imported.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, ast.Store):
            defined.add(_base(node))
        elif isinstance(node, ast.AugAssign):
            augmented.add(_base(node.target))
        elif (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
              and isinstance(node.value.func, ast.Attribute)):
            defined.add(_base(node.value.func))
    used = (loads - defined) | (augmented & loads) | augmented
    defined = (defined | imported) - {None}
    return defined, used - {None}


def _wrappers():
    """Names of the package's functions that build a panel by calling ``slider_demo``
    (a chapter module's own wrapper): a cell that calls one makes a slider panel too."""
    names = set()
    root = Path(nnbook.__file__).parent
    for path in root.rglob("*.py"):
        if path.relative_to(root).parts[0] == "widgets":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == "slider_demo" for n in ast.walk(node)):
                names.add(node.name)
    return names


def _makes_panel(src, wrappers):
    """Whether a cell's source calls ``slider_demo`` or one of its ``wrappers``."""
    return "slider_demo(" in src or any(re.search(rf"\b{name}\(", src) for name in wrappers)


def has_sliders(notebook):
    """Whether any code cell of the notebook builds a slider panel."""
    wrappers = _wrappers()
    return any(_makes_panel(src, wrappers) for src in _code_cells(notebook))


def _slice(sources):
    """Indices of the cells a notebook's slider panels need, in order.

    Walks back from every cell that calls ``slider_demo`` (or a wrapper of it) and keeps each
    earlier cell that binds or changes a name a kept cell reads (see :func:`_defines_and_uses`);
    a method called on a module (``plt.show()``) does not count as changing it.
    """
    wrappers = _wrappers()
    modules = set()
    for src in sources:
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules.update((a.asname or a.name).split(".")[0] for a in node.names)
    keep, needed = [], set()
    for i in reversed(range(len(sources))):
        defined, used = _defines_and_uses(sources[i])
        imports = {n for n in defined if n in modules and _imports(sources[i], n)}
        changed = (defined - modules) | imports
        if _makes_panel(sources[i], wrappers) or changed & needed:
            keep.append(i)
            needed |= used
    return sorted(keep)


def _imports(src, name):
    """Whether the cell imports ``name``."""
    return any(isinstance(node, (ast.Import, ast.ImportFrom))
               and name in {(a.asname or a.name).split(".")[0] for a in node.names}
               for node in ast.walk(ast.parse(src)))


def slider_calls(notebook, sliced=False):
    """Run a notebook's code cells; return ``(plot, options)`` for each ``slider_demo`` call.

    ``options`` holds every keyword argument of the call (the grids, ``defaults``, ``labels``,
    ``retrain``, ...), so ``slider_demo(plot, **options)`` rebuilds the book's panel.
    ``slider_demo`` and ``playground`` are replaced by recorders while the cells run.
    With ``sliced=True`` only the cells the panels need run (see :func:`_slice`), which is much
    faster for pages that train networks elsewhere; if that fails, every cell runs.
    """
    found = []

    def recorder(plot, **kwargs):
        found.append((plot, kwargs))

    sources = _code_cells(notebook)
    chosen = _slice(sources) if sliced else range(len(sources))
    original = nnbook.widgets.slider_demo, nnbook.playground.playground
    def no_playground(**state):                          # timed on its own (playground_speed)
        return None

    fakes = {"slider_demo": (original[0], recorder), "playground": (original[1], no_playground)}
    _swap(fakes, forward=True)         # also in modules that imported them by name (panels)
    namespace = {"__name__": "__bench__"}
    cwd = os.getcwd()
    os.chdir(notebook.parent)            # notebooks read files relative to book/
    try:
        for i in chosen:
            exec(compile(sources[i], str(notebook), "exec"), namespace)
            plt.close("all")
    except Exception:
        if not sliced:
            raise
        found = None
    finally:
        os.chdir(cwd)
        _swap(fakes, forward=False)    # and in modules first imported while the cells ran
    return found if found is not None else slider_calls(notebook, sliced=False)


def _swap(fakes, forward):
    """Replace ``name -> (real, fake)`` in every loaded nnbook module (or put the real back)."""
    for module in [m for name, m in sys.modules.items() if name.split(".")[0] == "nnbook"]:
        for name, (real, fake) in fakes.items():
            old, new = (real, fake) if forward else (fake, real)
            if getattr(module, name, None) is old:
                setattr(module, name, new)


def _collect(notebook):
    """Run a notebook's code cells; return the (plot, grids, retrain) of each slider panel."""
    return [(plot, {k: v for k, v in kw.items() if k not in OPTIONS + ("retrain",)},
             kw.get("retrain", False)) for plot, kw in slider_calls(notebook)]


def run():
    rows = []
    for nb in sorted(BOOK.glob("*.ipynb")):
        if not has_sliders(nb):
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
