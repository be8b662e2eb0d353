"""The grids of a slider panel: the values each parameter may take, checked once.

Both faces of a panel read the same grids: the live sliders offer exactly these
values, and the static page holds one frame per combination of them.
"""

from __future__ import annotations

import numpy as np

MAX_FRAMES = 64


def _check_grids(grids, max_frames):
    """The grids as lists of values; a clear error for an empty, infinite or too large grid."""
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
    """A grid value as the static page shows it (three significant digits for floats)."""
    if isinstance(v, (float, np.floating)):
        return f"{v:.3g}"
    return str(v)


def _nearest(values, default):
    """Index of the grid value a panel starts at: ``default`` or the nearest number to it;
    the middle of the grid when there is no default."""
    if default is None:
        return len(values) // 2
    if default in values:
        return values.index(default)
    if all(isinstance(v, (int, float)) for v in values):
        return int(np.argmin([abs(v - default) for v in values]))
    raise ValueError(f"default {default!r} is not one of the grid values {values}")
