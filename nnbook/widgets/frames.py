"""Static frames: pictures encoded once, and the self-contained HTML page that flips them.

The static face of a slider panel holds one picture per combination of grid
values. This module encodes those pictures (:func:`encode_png`, and an optional
palette to make line art lighter) and wraps them in one block of HTML
(:func:`frames_panel`): an ``<input type="range">`` per parameter, the frames as
data URIs and a few lines of plain JavaScript that swap the picture. It needs no
kernel, no widget manager and no network, so it works on the website and offline.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import re
import struct
import zlib

import numpy as np

from .grids import _check_grids, _fmt, _nearest

__all__ = ["encode_png", "frames_panel", "StaticPanel"]

_counter = itertools.count()


def encode_png(rgba, compress=1):
    """PNG bytes of an (h, w, 3 or 4) uint8 image (an alpha channel is dropped).

    ``compress`` is the zlib level. At level 1 (the live sliders) the rows are
    stored unfiltered, which takes half the time of Pillow's encoder; higher
    levels (the static frames) go through Pillow, whose row filters make the
    file smaller. Both give the same pixels.
    """
    rgb = np.asarray(rgba)[..., :3]
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


def _render_png(fig, dpi):
    """A whole Matplotlib figure as PNG bytes (cropped to its content); the figure is closed."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _quantize(png, colors):
    """The PNG redrawn with a palette of ``colors`` colours (line art: ~3x smaller)."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(colors).save(out, format="PNG",
                                                                     optimize=True)
    return out.getvalue()


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


def _data_uri(frame):
    kind = "jpeg" if frame[:2] == b"\xff\xd8" else "png"
    return f"data:image/{kind};base64," + base64.b64encode(frame).decode("ascii")


def _range_row(label, shown, i):
    """One labelled ``<input type="range">`` over the texts ``shown``, at position ``i``."""
    label = html.escape(label)
    return (f'<label style="display:flex;gap:.6em;align-items:center;margin:.2em 0">'
            f'<span style="min-width:6em">{label}</span>'
            f'<input type="range" min="0" max="{len(shown) - 1}" step="1" value="{i}" '
            f'aria-label="{label}" data-values="{html.escape(json.dumps(shown))}" '
            f'style="flex:1;max-width:22em">'
            f'<output style="min-width:4em;font-family:monospace">{html.escape(shown[i])}'
            f'</output></label>')


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
    uris = [_data_uri(f) for f in frames]
    names = list(grids)
    start = [_nearest(grids[n], defaults.get(n)) for n in names]
    flat = 0
    for name, i in zip(names, start):
        flat = flat * len(grids[name]) + i
    uid = f"nnbook-panel-{next(_counter)}-{re.sub(r'[^a-z0-9]', '', '-'.join(names).lower())}"
    rows = [_range_row(labels.get(name, name), [_fmt(v) for v in grids[name]], i)
            for name, i in zip(names, start)]
    body = (f'<div class="nnbook-panel" id="{uid}" style="margin:1em 0">'
            + "".join(rows)
            + f'<img src="{uris[flat]}" alt="{html.escape(alt)}" '
              f'style="max-width:100%;height:auto;display:block">'
            + '<script type="application/json">' + json.dumps(uris) + "</script>"
            + "<script>" + _JS % {"id": uid} + "</script></div>")
    return StaticPanel(body, len(frames))
