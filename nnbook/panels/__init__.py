"""Plot functions behind the book's slider panels, one module per chapter.

Each function is pure: ``plot(**params) -> Figure``; :func:`nnbook.widgets.slider_demo`
turns it into a live or a pre-rendered panel. Keeping them here (not in the
notebooks) means the benchmarks can time every panel and the tests can draw them.
"""
