"""Chapter 6 (the universal approximator): its figures, slider panels and training run.

The networks the chapter builds by hand, and the measures it applies to them, are core
mathematics in :mod:`nnbook.approximation`; the chapter's two 1-D targets are
:data:`nnbook.exercises.ch6.TARGETS` (re-exported here). By concern:

==============  ==========================================================================
``curves``      ``bump_builder`` and ``units_approximation``: steps, bumps and built
                networks against their targets
``spiral_run``  :func:`record_run` (the 500-epoch spiral run, cached), its decision map
                :func:`draw_run_boundary` and the ``training_epoch`` panel
``regions``     :class:`LinearRegions`: the linear regions of trained ReLU networks
==============  ==========================================================================
"""

from ...exercises.ch6 import TARGETS
from .curves import BumpBuilder, UnitsApproximation, bump_builder, units_approximation
from .regions import LinearRegions
from .spiral_run import RUN_EPOCHS, TrainingEpoch, draw_run_boundary, record_run, training_epoch

__all__ = ["TARGETS", "BumpBuilder", "bump_builder", "UnitsApproximation",
           "units_approximation", "RUN_EPOCHS", "record_run", "draw_run_boundary",
           "TrainingEpoch", "training_epoch", "LinearRegions"]
