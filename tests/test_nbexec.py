"""The book's executor and portability check (book/_ext/nbexec.py) and the stored-value role.

These run a real kernel on tiny notebooks written here, and one real Sphinx build
with the book's extension, so the promise "a number in the prose is the value a
cell computed" is tested end to end: stored by ``run``, printed by the site,
compared by ``check``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import nbexec  # noqa: E402


def _notebook(path: Path, cells) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    for kind, source, *tags in cells:
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = new(source)
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def test_inline_expressions_skip_fenced_code_and_repeats():
    md = "A {eval}`a` and {eval}`b_text`, again {eval}`a`.\n```\n{eval}`not_this`\n```\n"
    assert nbexec.inline_expressions(md) == ["a", "b_text"]
    md = "```python\nx = '{eval}`nor_this`'\n```\n"
    assert nbexec.inline_expressions(md) == []


def test_inline_expressions_inside_directives_count():
    md = ("```{solution} ex-1\n:class: dropdown\nIt is {eval}`answer_text`.\n```\n"
          ":::{note}\nAlso {eval}`other_text`.\n:::\n")
    assert nbexec.inline_expressions(md) == ["answer_text", "other_text"]


def test_plain_text_strips_the_quotes_of_a_string_result():
    assert nbexec.plain_text({"data": {"text/plain": "'94%'"}}) == "94%"
    assert nbexec.plain_text({"data": {"text/plain": "0.25"}}) == "0.25"


def test_output_text_joins_stream_chunks_however_they_were_cut():
    one = {"outputs": [{"output_type": "stream", "name": "stdout", "text": "a\nb\n"}]}
    two = {"outputs": [{"output_type": "stream", "name": "stdout", "text": "a\n"},
                       {"output_type": "stream", "name": "stdout", "text": "b\n"}]}
    assert nbexec.output_text(one) == nbexec.output_text(two)
    other = {"outputs": [{"output_type": "stream", "name": "stdout", "text": "a\nc\n"}]}
    assert nbexec.output_text(one) != nbexec.output_text(other)


def test_checked_cells_are_the_tagged_and_the_commented_ones():
    assert nbexec.is_checked({"metadata": {"tags": ["nbval-check-output"]}, "source": "x"})
    assert nbexec.is_checked({"metadata": {}, "source": "# NBVAL_CHECK_OUTPUT\nprint(1)"})
    assert not nbexec.is_checked({"metadata": {"tags": ["hide-input"]}, "source": "print(1)"})


def test_run_stores_each_value_where_its_cell_stands(tmp_path):
    path = _notebook(tmp_path / "nb.ipynb", [
        ("code", "x = 2\nx_text = f'{x / 3:.3f}'"),
        ("markdown", "Two thirds is {eval}`x_text`; x is {eval}`x`."),
        ("code", "print(x * 10)", "nbval-check-output"),
        ("code", "y = 'late'"),
        ("markdown", "Then {eval}`y`."),
    ])
    nb = nbexec.execute(path)
    assert nbexec.stored_values(nb) == {"x_text": "0.667", "x": "2", "y": "late"}
    assert nb.cells[1].metadata["user_expressions"][0]["result"]["status"] == "ok"
    assert nbexec.output_text(nb.cells[2]) == "[stdout] 20\n"


def test_run_refuses_an_expression_that_changes_value_between_cells(tmp_path):
    path = _notebook(tmp_path / "nb.ipynb", [
        ("code", "v = 1"), ("markdown", "{eval}`v`"),
        ("code", "v = 2"), ("markdown", "{eval}`v`"),
    ])
    with pytest.raises(RuntimeError, match="one expression has one value per notebook"):
        nbexec.execute(path)


def test_run_names_an_expression_that_fails(tmp_path):
    path = _notebook(tmp_path / "nb.ipynb", [("markdown", "{eval}`undefined_name`")])
    with pytest.raises(RuntimeError, match="undefined_name.*NameError"):
        nbexec.execute(path)


def test_check_finds_noise_and_stale_values_and_passes_a_clean_notebook(tmp_path):
    clean = _notebook(tmp_path / "clean.ipynb", [
        ("code", "import numpy as np\nfrom nnbook import MLP\n"
                 "w = MLP([3, 2], random_state=0).weights[0]\nprint(round(float(w.sum()), 6))",
         "nbval-check-output"),
        ("code", "s = 'six'"), ("markdown", "A {eval}`s`."),
    ])
    noisy = _notebook(tmp_path / "noisy.ipynb", [
        ("code", "from nnbook import MLP\nprint(MLP([3, 2], random_state=0).weights[0].tolist())",
         "nbval-check-output"),
    ])
    for path in (clean, noisy):
        nbexec._write(nbexec.execute(path), path)
    stale = json.loads(clean.read_text())
    stale["cells"][2]["metadata"]["user_expressions"][0]["result"]["data"]["text/plain"] = "'5'"
    (tmp_path / "stale.ipynb").write_text(json.dumps(stale))
    env = {k: v for k, v in os.environ.items() if k != "NNBOOK_NUDGE_INIT"}
    out = subprocess.run([sys.executable, str(ROOT / "book" / "_ext" / "nbexec.py"), "check",
                          str(clean), str(noisy), str(tmp_path / "stale.ipynb")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "clean.ipynb: OK" in out.stdout
    assert "noisy.ipynb: checked code cell 0 prints differently" in out.stdout
    assert "stale.ipynb: {eval}`s` is stored as '5', now 'six'" in out.stdout
    assert "2 differ" in out.stdout


def test_nudge_moves_every_initial_weight_by_one_ulp(monkeypatch):
    from nnbook import MLP

    for dtype in (np.float32, np.float64):
        plain = MLP([4, 3, 2], random_state=1, dtype=dtype).weights
        monkeypatch.setenv("NNBOOK_NUDGE_INIT", "1")
        nudged = MLP([4, 3, 2], random_state=1, dtype=dtype).weights
        monkeypatch.delenv("NNBOOK_NUDGE_INIT")
        for a, b in zip(plain, nudged):
            assert b.dtype == dtype
            np.testing.assert_array_equal(b, np.nextafter(a, np.inf))


def test_the_site_prints_stored_values_and_fails_on_a_missing_one(tmp_path):
    pytest.importorskip("sphinx")
    src = tmp_path / "src"
    src.mkdir()
    path = _notebook(src / "page.ipynb", [
        ("markdown", "# Page"),
        ("code", "answer_text = f'{6 * 7}'"),
        ("markdown", "The answer is {eval}`answer_text`."),
    ])
    nbexec._write(nbexec.execute(path), path)
    nb = json.loads(path.read_text())
    assert nbexec.stored_values(nb) == {"answer_text": "42"}
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_nb', 'nnbook_offline']\n"
        "nb_execution_mode = 'off'\nmathjax_path = 'mathjax/tex-chtml.js'\n"
        "nb_ipywidgets_js = {}\nroot_doc = 'page'\n"
        # added at env-before-read-docs by a handler connected twice, as sphinx-thebe's is
        "def once(app, env, docnames):\n"
        "    app.add_js_file(None, body='const ONCE = 1;')\n"
        "def setup(app):\n"
        "    app.connect('env-before-read-docs', once)\n"
        "    app.connect('env-before-read-docs', once)\n")
    out = tmp_path / "html"
    build = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "-d",
             str(tmp_path / "doctrees"), str(src), str(out)]
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    html = (out / "page.html").read_text()
    assert 'The answer is <span class="nnbook-value">42</span>.' in html
    assert html.count("const ONCE = 1;") == 1

    nb["cells"][2]["metadata"].pop("user_expressions")
    path.write_text(json.dumps(nb))
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "no stored value for {eval}`answer_text` in page.ipynb" in done.stderr


def test_a_hanging_run_is_abandoned_and_repeated_then_given_up(tmp_path, capsys):
    # the watchdog interrupts a run that outlasts --timeout; the retry gets a fresh kernel
    path = _notebook(tmp_path / "slow.ipynb", [("code", "import time\ntime.sleep(30)")])
    with pytest.raises(TimeoutError, match="hung 2 times"):
        nbexec._execute_patiently(path, timeout=3, tries=2)
    out = capsys.readouterr().out
    assert out.count("running it again in a fresh kernel") == 1 and "(2 of 2)" in out


def test_a_retry_returns_the_second_run_and_errors_are_not_retried(tmp_path, monkeypatch):
    from nbclient.exceptions import CellExecutionError

    calls = []

    def hang_once(path, timeout):
        calls.append(timeout)
        if len(calls) == 1:
            raise TimeoutError("hung")
        return "second run"

    monkeypatch.setattr(nbexec, "execute", hang_once)
    assert nbexec._execute_patiently(tmp_path / "x.ipynb", timeout=900, tries=3) == "second run"
    assert calls == [300, 300]                       # a cell never gets more than 300 s

    def fails(path, timeout):
        calls.append("error")
        raise CellExecutionError("boom", "ValueError", "bad")

    calls.clear()
    monkeypatch.setattr(nbexec, "execute", fails)
    with pytest.raises(CellExecutionError):
        nbexec._execute_patiently(tmp_path / "x.ipynb", timeout=900, tries=3)
    assert calls == ["error"]
