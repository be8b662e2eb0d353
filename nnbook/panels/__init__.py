"""The book's slider panels and the figures around them, one module per chapter.

A panel is a :class:`nnbook.widgets.Panel` (a figure built once and updated in
place) or a plain ``plot(**params) -> Figure``; :func:`nnbook.widgets.slider_demo`
turns either into a live or a pre-rendered panel. Keeping them here (not in the
notebooks) means the benchmarks can time every panel and the tests can draw them.
"""
