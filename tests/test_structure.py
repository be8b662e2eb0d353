"""The package's floors and size limits (CONTRIBUTING.md, "The floors").

Core modules (``nnbook/*.py`` but ``plotting``) hold the models and the mathematics
and import no chapter code, plotting, widgets or matplotlib; exercise checkers import
core only and load no matplotlib (the playground engine's floor is in test_floors.py);
there is no import cycle;
no module is over 400 lines and no function over 60.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import nnbook

ROOT = Path(nnbook.__file__).parent
MODULES = {".".join(("nnbook", *p.relative_to(ROOT).with_suffix("").parts))
           .removesuffix(".__init__"): p for p in sorted(ROOT.rglob("*.py"))}
CORE = sorted(m for m, p in MODULES.items()
              if p.parent == ROOT and m not in ("nnbook", "nnbook.plotting"))
PRESENTATION = ("nnbook.chapters", "nnbook.plotting", "nnbook.widgets", "matplotlib", "ipywidgets",
                "IPython", "PIL", "nnbook.playground.app", "nnbook.playground.view")
MAX_MODULE, MAX_FUNCTION = 400, 60


def _imports(module):
    """Every module ``module`` imports, at any depth of its code (lazy imports count)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.add(sub if sub in MODULES else base)
    return found


def _is_under(name, prefixes):
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_module_list_is_found():
    assert "nnbook.mlp" in CORE and "nnbook.perceptron" in CORE
    assert "nnbook.plotting" not in CORE


@pytest.mark.parametrize("module", CORE)
def test_core_imports_no_presentation(module):
    bad = sorted(m for m in _imports(module) if _is_under(m, PRESENTATION))
    assert not bad, f"core module {module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("nnbook.exercises")))
def test_exercises_import_core_only(module):
    bad = sorted(m for m in _imports(module) if _is_under(m, PRESENTATION))
    assert not bad, f"{module} imports {bad}: answer checkers use core modules only"


def test_no_import_cycle():
    graph = {m: {i for i in _imports(m) if i in MODULES and i != m and not m.startswith(i + ".")}
             for m in MODULES}
    # a package's __init__ re-exporting its own submodules is not a cycle
    graph = {m: {i for i in deps
                 if not (i.startswith(m + ".") and MODULES[m].name == "__init__.py")}
             for m, deps in graph.items()}
    state, stack = {}, []

    def visit(m):
        state[m] = "open"
        stack.append(m)
        for i in sorted(graph[m]):
            if state.get(i) == "open":
                cycle = stack[stack.index(i):] + [i]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if i not in state:
                visit(i)
        stack.pop()
        state[m] = "done"

    for m in sorted(graph):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_and_function_sizes(module):
    text = MODULES[module].read_text()
    n = len(text.splitlines())
    assert n <= MAX_MODULE, f"{module} has {n} lines (at most {MAX_MODULE}: split it)"
    long = [(f.name, f.end_lineno - f.lineno + 1) for f in ast.walk(ast.parse(text))
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
            and f.end_lineno - f.lineno + 1 > MAX_FUNCTION]
    assert not long, f"{module}: functions over {MAX_FUNCTION} lines: {long}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("nnbook.exercises")))
def test_loads_no_matplotlib(module):
    code = (f"import sys, {module}; bad = sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('matplotlib', 'PIL', 'ipywidgets')); print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"import {module} loads {out.stdout.strip()}"
