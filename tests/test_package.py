"""The package as a user meets it: `import nnbook` is light, and every submodule is reachable."""

import subprocess
import sys
from pathlib import Path

import pytest

import nnbook

ROOT = Path(nnbook.__file__).parent
SUBMODULES = sorted(p.stem if p.suffix == ".py" else p.name for p in ROOT.iterdir()
                    if not p.name.startswith(("_", ".")) and
                    (p.suffix == ".py" or (p / "__init__.py").is_file()))


def test_the_submodule_list_is_read_from_disk():
    assert {"activations", "chapters", "data", "exercises", "mlp", "playground", "plotting",
            "widgets"} <= set(SUBMODULES)


@pytest.mark.parametrize("name", SUBMODULES)
def test_every_submodule_is_an_attribute_of_the_package(name):
    module = getattr(nnbook, name)
    assert module.__name__ == f"nnbook.{name}"
    assert name in dir(nnbook)


def test_the_readme_spelling_works_after_a_bare_import():
    code = ("import nnbook, sys; X, y, Xt, yt = nnbook.data.load_mnist(); "
            "print(X.shape[1], 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["784", "False"]


def test_import_nnbook_loads_no_plotting():
    code = ("import nnbook, sys; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_unknown_attribute_is_an_attribute_error_that_names_it():
    with pytest.raises(AttributeError, match="no attribute 'load_mnist'"):
        nnbook.load_mnist  # noqa: B018
