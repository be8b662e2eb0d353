"""Small pieces the chapter's slider panels share: grid lookup, a ring marker, fixed limits."""

from __future__ import annotations

import numpy as np

from ..._checks import check_real

__all__ = ["grid_index", "ring_marker", "freeze_limits"]


def grid_index(value, grid, name):
    """Index of ``value`` in ``grid``, compared with a tolerance: a slider that steps
    through a float grid reaches 0.30000000000000004 where the grid holds 0.3.

    Raises ``ValueError`` naming ``name`` when ``value`` is not on the grid.
    """
    value = check_real(value, name)
    hits = np.flatnonzero(np.isclose(grid, value, rtol=1e-9, atol=1e-9))
    if not hits.size:
        raise ValueError(f"{name} must be one of {grid}, got {value}")
    return int(hits[0])


def ring_marker(ax, color):
    """An empty ring marker for the current choice on a curve (moved with ``set_data``)."""
    return ax.plot([], [], marker="o", ms=11, mfc="none", mec=color, mew=2, ls="none")[0]


def freeze_limits(ax):
    """Fix the limits that autoscaling gives the static curves drawn so far."""
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())
