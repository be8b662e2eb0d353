"""Which pages a change re-executes (book/_ext/pagedeps.py): core all, chapter code its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import pagedeps  # noqa: E402


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _nb(path: Path, *code: str) -> Path:
    cells = [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []} for c in code]
    return _write(path, json.dumps({"cells": cells}))


def _tree(tmp_path):
    pkg = tmp_path / "nnbook"
    _write(pkg / "__init__.py", "from .mlp import MLP\n")
    _write(pkg / "mlp.py", "import numpy\n")
    _write(pkg / "widgets.py", "from .mlp import MLP\n")
    _write(pkg / "chapters" / "__init__.py", "")
    _write(pkg / "chapters" / "shared.py", "from ..widgets import x\n")
    _write(pkg / "chapters" / "one.py", "from .shared import helper\n")
    _write(pkg / "chapters" / "two.py", "from nnbook.widgets import slider_demo\n")
    _write(pkg / "exercises" / "__init__.py", "")
    _write(pkg / "exercises" / "ch2.py", "import numpy as np\n")
    book = tmp_path / "book"
    _write(tmp_path / "data" / "record.json", "{}")
    pages = [
        _nb(book / "one.ipynb", "%matplotlib inline\nimport nnbook.chapters.one as chapter"),
        _nb(book / "two.ipynb",
            "from nnbook.chapters import two\nfrom nnbook.exercises import ch2"),
        _nb(book / "appendix.ipynb", "import json\nr = json.load(open('../data/record.json'))"),
    ]
    return pkg, pages


def _changed(tmp_path, edit):
    pkg, pages = _tree(tmp_path)
    before = pagedeps.page_digests(pages, pkg, [])
    edit(tmp_path)
    after = pagedeps.page_digests(pages, pkg, [])
    return sorted(Path(p).stem for p in before if before[p] != after[p])


def _append(rel):
    return lambda root: (root / rel).write_text((root / rel).read_text() + "# edited\n")


def test_a_core_change_re_executes_every_page(tmp_path):
    assert _changed(tmp_path, _append("nnbook/mlp.py")) == ["appendix", "one", "two"]


def test_a_chapter_module_re_executes_only_the_pages_that_import_it(tmp_path):
    assert _changed(tmp_path, _append("nnbook/chapters/two.py")) == ["two"]
    assert _changed(tmp_path / "b", _append("nnbook/exercises/ch2.py")) == ["two"]


def test_imports_between_chapter_modules_are_followed(tmp_path):
    assert _changed(tmp_path, _append("nnbook/chapters/shared.py")) == ["one"]


def test_a_data_file_a_page_reads_re_executes_that_page(tmp_path):
    assert _changed(tmp_path, _append("data/record.json")) == ["appendix"]


def test_the_extension_counts_as_core(tmp_path):
    pkg, pages = _tree(tmp_path)
    ext = _write(tmp_path / "ext.py", "x = 1\n")
    before = pagedeps.page_digests(pages, pkg, [ext])
    ext.write_text("x = 2\n")
    after = pagedeps.page_digests(pages, pkg, [ext])
    assert all(before[p] != after[p] for p in before)


def test_notebook_imports_read_every_form():
    code = ("import nnbook\nfrom nnbook.chapters import (one,\n two as T)\n"
            "import nnbook.exercises.ch2 as ex\nfrom nnbook import data, plotting  # note\n")
    found = pagedeps.notebook_imports(code)
    assert {"nnbook", "nnbook.chapters.one", "nnbook.exercises.ch2", "nnbook.data",
            "nnbook.plotting"} <= found


def test_the_real_book_maps_each_chapter_to_its_own_modules():
    table = pagedeps.modules(ROOT / "nnbook")
    nb = json.loads((ROOT / "book" / "03_mlp.ipynb").read_text())
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    chapter = {n for n in pagedeps._closure(pagedeps.notebook_imports(code), table)
               if pagedeps.is_chapter_code(n)}
    assert {"nnbook.chapters.ch03_mlp", "nnbook.exercises.ch3"} <= chapter
    assert not any(n.startswith("nnbook.chapters.ch07") for n in chapter)
