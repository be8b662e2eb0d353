r"""Answer checkers for chapter 4 (gradient descent).

Every expected answer is computed here from the panels' valley
(:data:`nnbook.panels.descent.H`, (2, 2), eigenvalues 1 and 10), so the notebook
never prints it next to the question. Each checker returns a
:class:`~nnbook.exercises.Feedback`.
"""

from __future__ import annotations

import numpy as np

from ..panels.descent import H, contraction
from . import check_number

__all__ = ["critical_learning_rate", "momentum_critical_rate"]


def critical_learning_rate(answer):
    r"""Largest :math:`\alpha` for which gradient descent on the panel's bowl converges."""
    expected = 2.0 / float(np.linalg.eigvalsh(H).max())
    return check_number(answer, expected, name="the critical learning rate", rtol=1e-2,
                        hint="along each principal axis w is multiplied by (1 - α λ) per step")


def momentum_critical_rate(answer, momentum=0.9):
    r"""Critical :math:`\alpha` of gradient descent with momentum ``momentum`` on the bowl.

    Along a principal axis of curvature :math:`\lambda` the iteration converges exactly
    when :math:`0 < \alpha\lambda < 2(1 + \mu)`; the steep axis decides.
    """
    expected = 2.0 * (1.0 + momentum) / float(np.linalg.eigvalsh(H).max())
    # the package's own stability test agrees on both sides of the answer
    assert contraction(0.99 * expected, momentum).max() < 1 <= contraction(1.01 * expected,
                                                                            momentum).max()
    return check_number(answer, expected, name="the critical learning rate with momentum",
                        rtol=1e-2, hint="find where a root of r² - (1 + μ - αλ) r + μ = 0 "
                                        "reaches r = -1")
