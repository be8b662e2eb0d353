"""What a page's executed outputs depend on, beyond its own code cells.

The execution cache (jupyter-cache) keys a notebook on its code cells only, so the
build must decide itself when a cached page is stale. A page depends on

* the **core** of the package: every ``nnbook`` module that is not chapter code
  (models, maths, widgets). A change there re-executes every page;
* the **chapter code** it imports, followed through imports: modules under
  ``nnbook/chapters`` (a chapter's figures and panels) or ``nnbook/exercises``
  (its answer checkers). A change to chapter 3's figure code re-executes chapter 3
  only;
* the **data files** its code names by a relative path that exists (the
  appendix reads ``../benchmarks/results.json``).

:func:`page_digests` returns one digest per notebook; the Sphinx extension keeps
the last ones in the cache folder and re-executes the pages whose digest moved.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from pathlib import Path

CHAPTER_PACKAGES = ("chapters", "exercises")
_NB_IMPORT = re.compile(
    r"^\s*(?:from\s+(nnbook[\w.]*)\s+import\s+([^#\n]+)|import\s+(nnbook[\w.]*))", re.M)
_DATA_PATH = re.compile(r"""["']([\w./-]+\.(?:json|csv|npz|npy|txt))["']""")


def modules(package_root: Path) -> dict[str, Path]:
    """Dotted name -> file of every module of the package."""
    out = {}
    for path in sorted(package_root.rglob("*.py")):
        parts = path.relative_to(package_root.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def is_chapter_code(name: str) -> bool:
    parts = name.split(".")
    return len(parts) > 1 and parts[1] in CHAPTER_PACKAGES


def module_imports(name: str, path: Path) -> set[str]:
    """The nnbook names a module imports (``from .x import y`` gives both x and x.y)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[:len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return {n for n in found if n == "nnbook" or n.startswith("nnbook.")}


def notebook_imports(code: str) -> set[str]:
    """The nnbook names a notebook's code imports (magics and all: read with a regex)."""
    found = set()
    for m in _NB_IMPORT.finditer(code):
        if m.group(3):
            found.add(m.group(3))
            continue
        base = m.group(1)
        found.add(base)
        names = m.group(2).replace("(", " ").replace(")", " ").replace("\\", " ")
        for item in names.split(","):
            if item.strip():
                found.add(f"{base}.{item.split()[0]}")
    return found


def _closure(start: set[str], table: dict[str, Path]) -> set[str]:
    """Every module reached from ``start``, with the packages whose __init__ runs on the way."""
    seen, todo = set(), [n for n in start if n in table]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        parts = name.split(".")
        reached = {".".join(parts[:k]) for k in range(1, len(parts))}
        reached |= module_imports(name, table[name])
        todo += [n for n in reached if n in table and n not in seen]
    return seen


def _hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def page_digests(notebooks: list[Path], package_root: Path, extra: list[Path]) -> dict[str, str]:
    """Notebook path -> digest of everything its outputs depend on besides its code cells.

    ``extra`` files (the build's own extension) count as core.
    """
    table = modules(package_root)
    core = _hash(*[p for n, p in sorted(table.items()) if not is_chapter_code(n)], *extra)
    out = {}
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        chapter = sorted(n for n in _closure(notebook_imports(code), table) if is_chapter_code(n))
        data = sorted({(nb_path.parent / p).resolve() for p in _DATA_PATH.findall(code)
                       if (nb_path.parent / p).is_file()})
        out[str(nb_path)] = hashlib.sha256(
            (core + _hash(*[table[n] for n in chapter], *data)).encode()).hexdigest()
    return out
