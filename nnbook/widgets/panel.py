"""The panel contract: a figure built once, then updated in place and redrawn by blitting.

A :class:`Panel` is the fast form of a slider panel's ``plot``. Its figure is made
once (``setup``); a slider move only changes the artists that depend on the
parameters (``update``). Drawing the result is the one blitting implementation of
the package: the still part of the figure (axes, ticks, labels, legends) is drawn
once and kept as pixels, and each frame pastes those pixels back and draws the
moving artists on top. The playground's view (:mod:`nnbook.playground.view`) is a
Panel too, so the chapters' sliders and the playground share this code.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from .frames import encode_png

__all__ = ["Panel", "pin_layout"]


class Panel:
    """A slider panel that draws its figure once and then updates it in place.

    Subclasses set ``figsize`` and define two methods:

    * ``setup(fig)``: create the axes, fixed decorations (labels, limits,
      legends) and the artists that will change, kept as attributes; pass the
      changing artists through ``self.moving(...)``;
    * ``update(**params)``: move those artists (``set_data``, ``set_text``,
      ``set_array`` ...) for one choice of parameters.

    ``panel(**params)`` returns the one Figure, updated (a full redraw shows it).
    ``panel.render(**params)`` returns the picture as PNG bytes and is what the
    slider faces use: when artists were registered with :meth:`moving`, the rest
    of the figure (axes, ticks, labels, legends) is drawn once and kept as
    pixels, and each update redraws only the moving artists on top, in zorder
    (artists of equal zorder in the order they were registered).
    So register every artist that ``update`` changes, and any artist that must
    stay drawn above one of them. Axis limits are not rescaled: fix them in
    ``setup``, or call :meth:`refresh` after changing them; :func:`pin_layout` at
    the end of ``setup`` also saves Matplotlib's layout search on every full
    redraw. The figure is not registered with pyplot.
    """

    figsize = (6.4, 4.0)
    dpi = 100

    def __init__(self):
        self.fig = None
        self._moving = []
        self._background = None
        self.__name__ = type(self).__name__

    def setup(self, fig):
        raise NotImplementedError(f"{type(self).__name__} must define setup(fig)")

    def update(self, **params):
        raise NotImplementedError(f"{type(self).__name__} must define update(**params)")

    def moving(self, *artists):
        """Register artists that ``update`` changes; returns them (one artist if one given)."""
        self._moving.extend(artists)
        self.refresh()
        return artists[0] if len(artists) == 1 else artists

    def refresh(self):
        """Redraw the cached background at the next render: call it from ``update`` after
        changing something that is not a moving artist (axis limits, tick labels, legend)."""
        self._background = None

    def set_dpi(self, dpi):
        """Resolution of :meth:`render` (pixels per inch)."""
        self.dpi = int(dpi)
        if self.fig is not None:
            self.fig.set_dpi(self.dpi)
            self.refresh()

    def __call__(self, *args, **params):
        if self.fig is None:
            self.fig = Figure(figsize=self.figsize, dpi=self.dpi)
            FigureCanvasAgg(self.fig)
            self.setup(self.fig)
        self.update(*args, **params)
        return self.fig

    def draw(self):
        """Draw the current state into the canvas (blitting the moving artists)."""
        canvas = self.fig.canvas
        if not self._moving:
            canvas.draw()
            return
        if self._background is None:
            self._background = self._still_pixels()
        canvas.restore_region(self._background)
        for a in sorted(self._moving, key=lambda a: a.get_zorder()):
            if a.get_visible():
                self.fig.draw_artist(a)

    def _still_pixels(self):
        """Draw the figure without its moving artists and keep the pixels.

        Plain texts are blanked rather than hidden: an invisible title has an empty
        extent, which makes Matplotlib push it far up when it lays the titles out.
        """
        saved = [(a.get_visible(), a.get_text() if type(a) is Text else None)
                 for a in self._moving]
        for a, (_, text) in zip(self._moving, saved):
            a.set_text("") if text is not None else a.set_visible(False)
        self.fig.canvas.draw()
        pixels = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        for a, (shown, text) in zip(self._moving, saved):
            a.set_visible(shown)
            if text is not None:
                a.set_text(text)
        return pixels

    def pixels(self):
        """The canvas as an (h, w, 4) RGBA memory view (no copy); call :meth:`draw` first."""
        return self.fig.canvas.buffer_rgba()

    def render(self, *args, compress=1, **params):
        """Update for ``params`` and return the picture as PNG bytes.

        ``compress`` is the zlib level (see :func:`nnbook.widgets.frames.encode_png`):
        level 1 for the live sliders, 9 for the static frames.
        """
        self(*args, **params)
        self.draw()
        return encode_png(self.pixels(), compress)


def pin_layout(fig, auto=()):
    """Keep every title, axis label and tick where a first draw of ``fig`` put them.

    For a :class:`~nnbook.widgets.Panel` whose axis limits are fixed. On every draw
    Matplotlib otherwise searches again for these places (the title above the tick
    labels, each axis label beside its tick labels, tick positions and texts from the
    limits), which is most of the time of a redraw; pinned, the picture is the same.
    Axes listed in ``auto`` (e.g. ``ax.yaxis`` of an axes whose limits change) keep
    Matplotlib's placement.
    """
    fig.canvas.draw()
    for ax in fig.axes:
        ax.set_title(ax.get_title(), fontsize=ax.title.get_fontsize(),
                     y=ax.title.get_position()[1])
        to_axes = ax.transAxes.inverted()
        for axis in (ax.xaxis, ax.yaxis):
            if axis in auto:
                continue
            # the label's position is in pixels along the side: convert to axes coordinates
            x, y = to_axes.transform(axis.label.get_transform().transform(
                axis.label.get_position()))
            axis.set_label_coords(x, y)
            if axis.get_scale() == "linear":
                _pin_ticks(axis)


def _pin_ticks(axis):
    """Fix a linear axis' ticks and their texts to those inside its current view."""
    locs = axis.get_majorticklocs()
    labels = axis.get_major_formatter().format_ticks(locs)
    lo, hi = sorted(axis.get_view_interval())
    tol = 1e-9 * (hi - lo)
    inside = [(t, s) for t, s in zip(locs, labels) if lo - tol <= t <= hi + tol]
    axis.set_ticks([t for t, _ in inside], [s for _, s in inside])
    axis.set_view_interval(lo, hi, ignore=True)     # set_ticks may widen it
