"""Each chapter's own code: its figures, slider panels and experiments.

One module (or, past 400 lines, one package) per notebook, named like it:
``book/03_mlp.ipynb`` imports ``nnbook.chapters.ch03_mlp as chapter``. Chapter code
may use everything below it (the core modules, :mod:`nnbook.plotting`,
:mod:`nnbook.widgets`); nothing below imports a chapter, and one chapter does not
import another. It ships in the wheel, so a notebook opened in Colab finds it.
"""
