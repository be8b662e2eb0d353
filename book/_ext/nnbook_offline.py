"""Sphinx extension that keeps the website self-contained and offline.

1. Slider panels are pre-rendered: the build sets ``NNBOOK_STATIC=1`` before any
   notebook is executed (kernels inherit it), so a plain ``jupyter-book build .``
   gives the same static panels as ``make book``.
2. MathJax 3 is served from the site itself, so pages typeset offline.
3. The execution cache never serves stale outputs: jupyter-cache keys a
   notebook on its code cells only, so each page's other dependencies are
   tracked here (``pagedeps``): a change to the package's core re-executes every
   page, a change to one chapter's code only the pages that import it. The
   record lives in the cache folder, so a fresh doctree folder (a translation
   build) keeps the cache.
4. Numbers in the prose are inline expressions, ``{eval}`acc_text` ``, whose
   values ``book/_ext/nbexec.py run`` (``make execute``) stored in the markdown
   cell's ``user_expressions`` metadata, the record JupyterLab's MyST extension
   shows too. The ``eval`` role here prints that stored value, so pages need no
   live kernel: cached and translated builds work, and a missing value is a
   build error (``-W``).

MathJax comes from the PyPI package ``django-static-mathjax`` (installed with the
``book`` extra; nothing third-party is committed). After the HTML build its
``es5`` folder is copied to ``_static/mathjax``, where ``mathjax_path`` points.
It is copied after the build rather than listed in ``html_static_path``
because Jupyter Book would otherwise add every ``*.js`` it finds there to
every page.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pagedeps
from docutils import nodes
from nbexec import stored_values
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)


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


def _cache_dir(app) -> Path:
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def _guard_cache(app, config):
    """Drop the cached outputs of every page whose dependencies changed (see pagedeps)."""
    spec = importlib.util.find_spec("nnbook")
    if spec is None or not spec.submodule_search_locations:
        raise ExtensionError("the nnbook package is not importable: pip install -e .")
    package = Path(list(spec.submodule_search_locations)[0])
    srcdir = Path(app.srcdir)
    notebooks = sorted(srcdir.rglob("*.ipynb"))
    notebooks = [p for p in notebooks if not {"_build", ".venv"} & set(p.relative_to(srcdir).parts)
                 and ".ipynb_checkpoints" not in p.parts]
    app.nnbook_digests = pagedeps.page_digests(
        notebooks, package, [Path(__file__), Path(pagedeps.__file__)])
    stamp = _cache_dir(app) / "nnbook-pages.json"
    old = json.loads(stamp.read_text()) if stamp.is_file() else {}
    stale = {path for path, digest in app.nnbook_digests.items() if old.get(path) != digest}
    app.nnbook_stale = {Path(p).relative_to(srcdir).with_suffix("").as_posix() for p in stale}
    if stale and (_cache_dir(app) / "global.db").is_file():
        from jupyter_cache import get_cache

        cache = get_cache(_cache_dir(app))
        for record in cache.list_cache_records():
            if str(Path(record.uri).resolve()) in stale:
                cache.remove_cache(record.pk)


def _remember(app, exception):
    if exception is None and getattr(app, "nnbook_digests", None) is not None:
        stamp = _cache_dir(app) / "nnbook-pages.json"
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(app.nnbook_digests, indent=1, sort_keys=True))


def _outdated(app, env, added, changed, removed):
    # Sphinx re-reads only pages whose source changed; outputs also depend on nnbook
    return sorted(app.nnbook_stale & set(env.found_docs))


_VALUES: dict[tuple[str, float], dict[str, str]] = {}


def _values(path: Path) -> dict[str, str]:
    key = (str(path), path.stat().st_mtime)
    if key not in _VALUES:
        _VALUES[key] = stored_values(json.loads(path.read_text(encoding="utf-8")))
    return _VALUES[key]


def stored_eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """``{eval}`expr` `` -> the value ``make execute`` stored for expr in this notebook."""
    env = inliner.document.settings.env
    path = Path(env.doc2path(env.docname))
    values = _values(path) if path.suffix == ".ipynb" else {}
    if text not in values:
        msg = (f"no stored value for {{eval}}`{text}` in {path.name}: run "
               f"`make execute NB={path.relative_to(Path(env.srcdir)).as_posix()}`")
        logger.warning(msg, location=(env.docname, lineno))
        return [nodes.literal(rawtext, text)], []
    return [nodes.inline(rawtext, values[text], classes=["nnbook-value"])], []


def _unique_scripts(app, pagename, templatename, context, doctree):
    """Keep one of identical script entries on a page.

    Under Jupyter Book, sphinx-thebe registers its inline configuration twice, so every
    page declared ``const THEBE_JS_URL`` twice: a page error in every browser, on every
    page. Two identical entries never do more than one, so the later copies go.
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for js in scripts:
        attrs = getattr(js, "attributes", {}) or {}
        key = (str(getattr(js, "filename", js) or ""), tuple(sorted(map(str, attrs.items()))))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"] = unique


def setup(app):
    os.environ["NNBOOK_STATIC"] = "1"
    app.connect("config-inited", _guard_cache)
    app.connect("env-get-outdated", _outdated)
    app.connect("builder-inited", lambda app: _check(app, app.config))
    app.connect("build-finished", _copy)
    app.connect("build-finished", _remember)
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.add_role("eval", stored_eval_role, override=True)   # replaces myst-nb's kernel-bound one
    return {"parallel_read_safe": True, "parallel_write_safe": True}
