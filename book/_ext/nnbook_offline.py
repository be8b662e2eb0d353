"""Sphinx extension: serve MathJax 3 from the site itself, so pages typeset offline.

MathJax comes from the PyPI package ``django-static-mathjax`` (installed with the
``book`` extra; nothing third-party is committed). After the HTML build its
``es5`` folder is copied to ``_static/mathjax``, where ``mathjax_path`` points.
It is copied after the build rather than listed in ``html_static_path``
because Jupyter Book would otherwise add every ``*.js`` it finds there to
every page.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError


def _mathjax_es5() -> Path:
    spec = importlib.util.find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError("MathJax is missing: pip install django-static-mathjax "
                             "(it is part of the book extra: pip install -e '.[book]')")
    es5 = Path(list(spec.submodule_search_locations)[0]) / "static" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").is_file():
        raise ExtensionError(f"MathJax files not found under {es5}")
    return es5


def _copy(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "mathjax"
    if not (target / "tex-chtml.js").is_file():
        shutil.copytree(_mathjax_es5(), target, dirs_exist_ok=True)


def _check(app, config):
    if app.builder.format == "html":
        _mathjax_es5()
        if config.mathjax_path.startswith(("http:", "https:", "//")):
            raise ExtensionError("mathjax_path must point into the site, not to a CDN")


def setup(app):
    app.connect("builder-inited", lambda app: _check(app, app.config))
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
