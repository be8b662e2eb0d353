"""`make lab` renders the chapters' MyST: jupyterlab-myst must load in the pinned JupyterLab.

jupyterlab-myst 2.x is built against @jupyter/ydoc 3; a JupyterLab that ships
another major version lists the extension as incompatible and silently falls
back to plain Markdown, where roles, directives and inline values show as raw text.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_jupyterlab_myst_is_enabled_and_compatible():
    jupyter = Path(sys.executable).with_name("jupyter")
    labextension = shutil.which("jupyter-labextension", path=str(jupyter.parent))
    if not jupyter.exists() or labextension is None:
        pytest.skip("JupyterLab is not installed here (it comes with the dev extra)")
    out = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True,
                         timeout=120)
    listing = out.stdout + out.stderr
    lines = [line for line in listing.splitlines() if "jupyterlab-myst" in line]
    assert lines, listing
    assert "enabled" in lines[0] and "OK" in lines[0], listing
    assert "is not compatible" not in listing, listing
