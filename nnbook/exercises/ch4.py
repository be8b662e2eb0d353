r"""Answer checkers for chapter 4 (gradient descent).

Every expected answer is computed here (the valley's from
:data:`nnbook.panels.descent.H`, (2, 2), eigenvalues 1 and 10), so the notebook
never prints it next to the question. Each checker returns a
:class:`~nnbook.exercises.Feedback`.
"""

from __future__ import annotations

import numpy as np

from ..panels.descent import H, contraction
from . import check_array, check_number

__all__ = ["critical_learning_rate", "momentum_critical_rate", "one_step_rate", "iterations",
           "batch_for_noise"]


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


def one_step_rate(answer, curvature=4.0):
    r"""``[rate that lands on the minimum in one step, critical rate]`` for
    :math:`g(w) = \tfrac{c}{2} w^2` with curvature :math:`c` = ``curvature``.

    One step maps :math:`w \mapsto (1 - \alpha c)\, w`: the factor is 0 at
    :math:`\alpha = 1/c` and reaches :math:`-1` at :math:`\alpha = 2/c`.
    """
    expected = [1.0 / curvature, 2.0 / curvature]
    return check_array(answer, expected, name="your two learning rates", rtol=1e-2,
                       hint="one step multiplies w by (1 - α c); when is that factor 0, and "
                            "when is it -1?")


def iterations(answer, n=60_000, batch_size=32, epochs=5):
    r"""``[iterations per epoch, iterations in all]`` of mini-batch SGD on ``n``
    examples with batches of ``batch_size`` (the last batch may be smaller)."""
    per_epoch = -(-n // batch_size)                      # ceil(n / B)
    return check_array(answer, [per_epoch, epochs * per_epoch], name="your iteration counts",
                       rtol=0, atol=0, hint="an epoch is ceil(n / B) iterations: the last, "
                                            "smaller batch counts too")


def batch_for_noise(answer, factors=(2, 10)):
    r"""``[batch size that halves the typical error, batch size that cuts it tenfold]``.

    The mean squared error of a mini-batch gradient is :math:`\sigma^2 / B` (ignoring the
    without-replacement factor :math:`(n - B)/(n - 1)`), so its root falls like
    :math:`1/\sqrt B`: dividing it by :math:`k` needs :math:`B = k^2`.
    """
    expected = [float(k) ** 2 for k in factors]
    return check_array(answer, expected, name="your two batch sizes", rtol=0, atol=0,
                       hint="the typical error is s / sqrt(B)")
