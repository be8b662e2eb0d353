"""Slider panels with two faces: live in Jupyter, pre-rendered on the static site.

A panel is a function ``plot(**params) -> Figure`` plus a grid of values for
each parameter. For speed, ``plot`` can be a :class:`Panel`: it builds its
figure once and then only updates the artists that change (``set_data``), so a
slider move costs a redraw instead of a new figure. :func:`slider_demo` turns
either into

* **live** (in Jupyter, the default): an ipywidgets panel that redraws the
  figure whenever a control moves; a slider's positions are exactly the grid's
  values (:func:`live_controls`), so ``plot`` never sees a value between them;
* **static** (when the environment variable ``NNBOOK_STATIC=1``, which
  ``make book`` sets): one self-contained HTML block with an
  ``<input type="range">`` per parameter, every frame rendered in advance as a
  PNG data URI, and a few lines of plain JavaScript that swap the picture. It
  needs no kernel, no widget manager and no network, so it works on the
  website and offline. (The default widget embedding renders an empty box
  offline; see the README, "How the sliders work on a static site".)
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import os
import re
import struct
import zlib

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = ["slider_demo", "frames_panel", "StaticPanel", "Panel", "pin_layout", "static_mode",
           "playground", "live_controls"]

MAX_FRAMES = 64
_counter = itertools.count()


def static_mode():
    """True when panels should be pre-rendered (``NNBOOK_STATIC=1``)."""
    return os.environ.get("NNBOOK_STATIC", "") == "1"


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
    pixels, and each update redraws only the moving artists on top, in zorder.
    So register every artist that ``update`` changes, and any artist that must
    stay drawn above one of them. Axis limits are not rescaled: fix them in
    ``setup``; :func:`pin_layout` at the end of ``setup`` also saves Matplotlib's
    layout search on every full redraw. The figure is not registered with pyplot.
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
            # Take the moving artists out of the background. Plain texts are blanked rather
            # than hidden: an invisible title has an empty extent, which makes matplotlib
            # push it far up when it lays the titles out.
            saved = [(a.get_visible(), a.get_text() if type(a) is Text else None)
                     for a in self._moving]
            for a, (_, text) in zip(self._moving, saved):
                a.set_text("") if text is not None else a.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            for a, (shown, text) in zip(self._moving, saved):
                a.set_visible(shown)
                if text is not None:
                    a.set_text(text)
        canvas.restore_region(self._background)
        for a in sorted(self._moving, key=lambda a: a.get_zorder()):
            if a.get_visible():
                self.fig.draw_artist(a)

    def render(self, *args, compress=1, **params):
        """Update for ``params`` and return the picture as PNG bytes.

        ``compress`` is the zlib level. At level 1 (the live sliders) the rows are
        stored unfiltered, which takes half the time of Pillow's encoder; higher
        levels (the static frames) go through Pillow, whose row filters make the
        file smaller.
        """
        self(*args, **params)
        self.draw()
        rgb = np.asarray(self.fig.canvas.buffer_rgba())[..., :3]
        if compress <= 1:
            return _png_unfiltered(rgb, compress)
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, format="png", compress_level=compress)
        return buf.getvalue()


def _png_unfiltered(rgb, level=1):
    """PNG bytes of an (h, w, 3) uint8 image: every row with filter type 0, zlib ``level``."""
    h, w, _ = rgb.shape
    raw = np.zeros((h, 1 + 3 * w), np.uint8)        # byte 0 of each row: filter "none"
    raw[:, 1:] = rgb.reshape(h, 3 * w)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)   # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), level)) + chunk(b"IEND", b""))


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
                locs = axis.get_majorticklocs()
                labels = axis.get_major_formatter().format_ticks(locs)
                lo, hi = sorted(axis.get_view_interval())
                tol = 1e-9 * (hi - lo)
                inside = [(t, s) for t, s in zip(locs, labels) if lo - tol <= t <= hi + tol]
                axis.set_ticks([t for t, _ in inside], [s for _, s in inside])
                axis.set_view_interval(lo, hi, ignore=True)     # set_ticks may widen it


def _check_grids(grids, max_frames):
    if not grids:
        raise ValueError("slider_demo needs at least one parameter grid, e.g. w=[-2, 0, 2]")
    clean = {}
    for name, values in grids.items():
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
            raise TypeError(f"grid {name!r} must be a list or array of values")
        values = list(values.tolist() if isinstance(values, np.ndarray) else values)
        if len(values) == 0:
            raise ValueError(f"grid {name!r} is empty")
        for v in values:
            if isinstance(v, float) and not np.isfinite(v):
                raise ValueError(f"grid {name!r} contains a non-finite value {v}")
        clean[name] = values
    n = int(np.prod([len(v) for v in clean.values()]))
    if n > max_frames:
        sizes = " × ".join(f"{k}:{len(v)}" for k, v in clean.items())
        raise ValueError(f"the grids make {n} frames ({sizes}), more than max_frames="
                         f"{max_frames}; use coarser grids for the static site")
    return clean


def _fmt(v):
    if isinstance(v, (float, np.floating)):
        return f"{v:.3g}"
    return str(v)


def _nearest(values, default):
    if default is None:
        return len(values) // 2
    if default in values:
        return values.index(default)
    if all(isinstance(v, (int, float)) for v in values):
        return int(np.argmin([abs(v - default) for v in values]))
    raise ValueError(f"default {default!r} is not one of the grid values {values}")


def _render_png(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


class StaticPanel:
    """A pre-rendered slider panel; displays as self-contained HTML.

    Attributes
    ----------
    html : str
        The ``<div>`` with inputs, an ``<img>`` and an inline ``<script>``.
    n_frames : int
    """

    def __init__(self, html_text, n_frames):
        self.html = html_text
        self.n_frames = n_frames

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return f"<StaticPanel with {self.n_frames} frames>"


_JS = """
(function () {
  var root = document.getElementById("%(id)s");
  var frames = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  var inputs = root.querySelectorAll("input[type=range]");
  var img = root.querySelector("img");
  function update() {
    var k = 0;
    inputs.forEach(function (inp) {
      k = k * Number(inp.max - inp.min + 1) + Number(inp.value);
      var vals = JSON.parse(inp.dataset.values);
      inp.parentNode.querySelector("output").textContent = vals[Number(inp.value)];
    });
    img.src = frames[k];
  }
  inputs.forEach(function (inp) { inp.addEventListener("input", update); });
})();
"""


def _quantize(png, colors):
    """The PNG redrawn with a palette of ``colors`` colours (line art: ~3x smaller)."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors).save(out, format="PNG",
                                                                     optimize=True)
    return out.getvalue()


def _static(plot, grids, defaults, alt, labels, dpi, colors=None):
    combos = [dict(zip(grids, combo)) for combo in itertools.product(*grids.values())]
    if isinstance(plot, Panel):
        plot.set_dpi(dpi)
        frames = [plot.render(compress=9, **c) for c in combos]
    else:
        frames = [_render_png(plot(**c), dpi) for c in combos]
    if colors is not None:
        frames = [_quantize(f, colors) for f in frames]
    return frames_panel(frames, alt=alt, labels=labels, defaults=defaults, **grids)


def frames_panel(frames, *, alt, labels=None, defaults=None, **grids):
    """A static panel from pictures rendered elsewhere.

    Parameters
    ----------
    frames : list of bytes
        One PNG or JPEG per combination of grid values, in ``itertools.product``
        order of the grids (the last grid varies fastest).
    alt : str
        Alternative text for the picture.
    **grids : sequences of values, as in :func:`slider_demo`.
    """
    grids = _check_grids(grids, max_frames=10**6)
    labels, defaults = dict(labels or {}), dict(defaults or {})
    n = int(np.prod([len(v) for v in grids.values()]))
    if len(frames) != n:
        raise ValueError(f"got {len(frames)} frames for {n} combinations of grid values")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt text is required for a static panel: describe the picture")
    uris = [("data:image/jpeg;base64," if f[:2] == b"\xff\xd8" else "data:image/png;base64,")
            + base64.b64encode(f).decode("ascii") for f in frames]
    names = list(grids)
    start = [_nearest(grids[n], defaults.get(n)) for n in names]
    flat = 0
    for name, i in zip(names, start):
        flat = flat * len(grids[name]) + i
    uid = f"nnbook-panel-{next(_counter)}-{re.sub(r'[^a-z0-9]', '', '-'.join(names).lower())}"
    rows = []
    for name, i in zip(names, start):
        shown = [_fmt(v) for v in grids[name]]
        label = html.escape(labels.get(name, name))
        rows.append(
            f'<label style="display:flex;gap:.6em;align-items:center;margin:.2em 0">'
            f'<span style="min-width:6em">{label}</span>'
            f'<input type="range" min="0" max="{len(shown) - 1}" step="1" value="{i}" '
            f'aria-label="{label}" data-values="{html.escape(json.dumps(shown))}" '
            f'style="flex:1;max-width:22em">'
            f'<output style="min-width:4em;font-family:monospace">{html.escape(shown[i])}'
            f'</output></label>')
    body = (f'<div class="nnbook-panel" id="{uid}" style="margin:1em 0">'
            + "".join(rows)
            + f'<img src="{uris[flat]}" alt="{html.escape(alt)}" '
              f'style="max-width:100%;height:auto;display:block">'
            + '<script type="application/json">' + json.dumps(uris) + "</script>"
            + "<script>" + _JS % {"id": uid} + "</script></div>")
    return StaticPanel(body, len(frames))


def _readouts(values):
    """Distinct short texts for the grid values a slider shows (3 significant digits, more if
    two values would read the same)."""
    for digits in range(3, 18):
        shown = [f"{v:.{digits}g}" if isinstance(v, float) else str(v) for v in values]
        if len(set(shown)) == len(set(values)):
            return shown
    return [repr(v) for v in values]


def _python(v):
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    return v.item() if isinstance(v, np.generic) else v


def live_controls(grids, defaults=None, labels=None, retrain=False):
    """The live face's widgets: one control per grid, offering the grid's values and nothing else.

    A numeric grid becomes a ``SelectionSlider`` whose options are exactly the grid values
    (NumPy scalars as the Python numbers they hold), shown by a short readout: a slider position
    between two grid values does not exist, so ``plot`` only ever receives values of its grid.
    Any other grid (strings, booleans) becomes a drop-down.

    Parameters
    ----------
    grids : dict name -> list of values, as checked by ``slider_demo``
    defaults, labels : dict, optional, as in :func:`slider_demo`
    retrain : bool, update on release instead of while dragging

    Returns
    -------
    dict name -> ipywidgets control, in the order of ``grids``; ``control.value`` is a grid value
    """
    import ipywidgets as W

    defaults, labels = dict(defaults or {}), dict(labels or {})
    controls = {}
    for name, values in grids.items():
        values = [_python(v) for v in values]
        desc = labels.get(name, name)
        value = values[_nearest(values, _python(defaults.get(name)))]
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        if numeric:
            controls[name] = W.SelectionSlider(
                options=list(zip(_readouts(values), values)), value=value, description=desc,
                continuous_update=not retrain, style={"description_width": "initial"},
                layout=W.Layout(width="420px"))
        else:
            controls[name] = W.Dropdown(options=values, value=value, description=desc,
                                        style={"description_width": "initial"})
    return controls


def _live(plot, grids, defaults, labels, retrain):
    import ipywidgets as W
    from IPython.display import Image, display

    controls = live_controls(grids, defaults, labels, retrain)

    def draw(**params):
        if isinstance(plot, Panel):
            display(Image(data=plot.render(**params), format="png"))
            return
        fig = plot(**params)
        if plt.fignum_exists(fig.number if hasattr(fig, "number") else -1):
            plt.show()          # ipywidgets 8.1.9 + matplotlib 3.11: needed to refresh inline
        else:
            display(fig)

    out = W.interactive_output(draw, controls)
    panel = W.VBox([W.VBox(list(controls.values())), out])
    return panel


def slider_demo(plot, *, alt="", labels=None, defaults=None, retrain=False, dpi=80,
                max_frames=MAX_FRAMES, static=None, colors=None, **grids):
    """Turn ``plot(**params) -> Figure`` into a slider panel.

    Parameters
    ----------
    plot : callable
        Draws one frame for a choice of parameters and returns the Figure.
    alt : str
        Alternative text of the picture on the static site (say what it shows).
    labels : dict, optional
        Display label per parameter (e.g. ``{"w": "weight w"}``).
    defaults : dict, optional
        Starting value per parameter (nearest grid value); the middle by default.
    retrain : bool
        Whether a frame retrains a model: live sliders then update on release
        (``continuous_update=False``).
    dpi : int
        Resolution of the pre-rendered frames.
    colors : int in [2, 256], optional
        Quantise each static frame to a palette of this many colours (line-art
        frames become about three times lighter); full colour by default.
    max_frames : int
        Refuse grids whose product is larger (page weight).
    static : bool, optional
        Force one face; by default static exactly when ``NNBOOK_STATIC=1``.
    **grids : sequences
        One list of values per parameter of ``plot``. Numbers become sliders whose
        positions are exactly these values, live and static alike (``plot`` receives the
        grid's own numbers); strings a drop-down (live) or a slider over the choices
        (static).

    Returns
    -------
    ipywidgets.VBox (live) or StaticPanel (static)
    """
    if not callable(plot):
        raise TypeError(f"plot must be a callable returning a Figure, got {type(plot).__name__}")
    grids = _check_grids(grids, max_frames)
    labels = dict(labels or {})
    defaults = dict(defaults or {})
    for key in list(labels) + list(defaults):
        if key not in grids:
            raise ValueError(f"{key!r} appears in labels/defaults but has no grid")
    if not isinstance(alt, str):
        raise TypeError("alt must be a string describing the picture")
    if colors is not None and not (isinstance(colors, int) and 2 <= colors <= 256):
        raise ValueError(f"colors must be an int from 2 to 256 (palette size), got {colors!r}")
    use_static = static_mode() if static is None else bool(static)
    if use_static:
        if not alt.strip():
            raise ValueError("alt text is required for a static panel: describe the picture")
        return _static(plot, grids, defaults, alt, labels, dpi, colors)
    return _live(plot, grids, defaults, labels, retrain)


def playground(**state):
    """The TensorFlow-Playground-style explorer (see :mod:`nnbook.playground`).

    Live app in Jupyter; with ``NNBOOK_STATIC=1`` a recorded run as an epoch slider.
    """
    from .playground import playground as _playground
    return _playground(**state)
