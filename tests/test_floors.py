"""The floors of the presentation layer, seen from a fresh interpreter.

The playground's engine (``Session``, ``DEFAULTS``, ``validate_state``) is pure
NumPy: importing ``nnbook.playground`` must not pull in Matplotlib, Pillow or the
app and view, which load on first use. ``nnbook.widgets`` is below the
playground and must not load any of it.
"""

import subprocess
import sys

import pytest

APP_AND_VIEW = ("nnbook.playground.app", "nnbook.playground.view")


def _loaded_after(statement, names):
    """Which of ``names`` are in ``sys.modules`` after running ``statement`` in a new process."""
    code = (f"import sys; {statement}; "
            f"print(' '.join(m for m in {list(names)!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_the_playground_engine_loads_no_plotting_and_no_app():
    names = ("matplotlib", "PIL", "ipywidgets", *APP_AND_VIEW)
    assert _loaded_after("import nnbook.playground", names) == []


def test_the_engine_is_usable_without_the_app():
    loaded = _loaded_after("from nnbook.playground import DEFAULTS, Session, validate_state; "
                           "Session(validate_state(DEFAULTS)).step(3)",
                           ("matplotlib", *APP_AND_VIEW))
    assert loaded == []


def test_widgets_know_nothing_of_the_playground():
    assert _loaded_after("import nnbook.widgets", ("nnbook.playground", *APP_AND_VIEW)) == []
    import nnbook.widgets
    assert "playground" not in nnbook.widgets.__all__


@pytest.mark.parametrize("name, expected", [("playground", APP_AND_VIEW),
                                            ("PlaygroundApp", APP_AND_VIEW),
                                            ("PlaygroundView", APP_AND_VIEW[1:])])
def test_the_app_and_view_load_on_first_use(name, expected):
    """The app draws with the view, so it brings the view along; the view alone not the app."""
    loaded = _loaded_after(f"import nnbook.playground as p; p.{name}", APP_AND_VIEW)
    assert loaded == list(expected)


def test_an_unknown_playground_attribute_is_an_attribute_error():
    import nnbook.playground
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        nnbook.playground.nothing  # noqa: B018
