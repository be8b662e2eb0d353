r"""Answer checkers for chapter 4 (gradient descent), and the chapter's valley they grade.

The valley is the quadratic bowl :math:`g(\mathbf w) = \tfrac12 \mathbf w^\top H \mathbf w`
with :data:`H` (2, 2), curvatures (eigenvalues) 1 and 10 along axes turned by 30 degrees;
:func:`loss2d` evaluates it, :func:`descent_path` runs gradient descent (with optional
momentum) on it and :func:`contraction` gives the per-step contraction factor along each
principal axis; the descent is :class:`nnbook.optim.SGD`, so the panels show the update
the networks use. The chapter's panels (:mod:`nnbook.chapters.ch04_gradient_descent`) draw it;
the checkers compute every expected answer from it, so the notebook never prints it next
to the question. Each checker returns a :class:`~nnbook.exercises.Feedback`.
"""

from __future__ import annotations

import numpy as np

from .._checks import as_float_array, check_int, check_positive, check_probability
from ..optim import SGD
from . import check_array, check_number

__all__ = ["H", "loss2d", "descent_path", "contraction",
           "critical_learning_rate", "momentum_critical_rate", "one_step_rate", "iterations",
           "batch_for_noise"]

# ------------------------------------------------------------------ the valley
_C, _S = np.cos(np.pi / 6), np.sin(np.pi / 6)
_R = np.array([[_C, -_S], [_S, _C]])
#: Hessian of the bowl: curvature 1 along one axis, 10 along the other, turned by 30 degrees
H = _R @ np.diag([1.0, 10.0]) @ _R.T


def loss2d(w1, w2):
    r""":math:`g(\mathbf w) = \tfrac12 \mathbf w^\top H \mathbf w` for coordinates ``w1``, ``w2``.

    Parameters
    ----------
    w1, w2 : float or ndarray
        Coordinates of the points; arrays broadcast against each other.

    Returns
    -------
    ndarray or float, the broadcast shape of ``w1`` and ``w2``.
    """
    w1 = as_float_array(w1, "w1", allow_scalar=True)
    w2 = as_float_array(w2, "w2", allow_scalar=True)
    return 0.5 * (H[0, 0] * w1 ** 2 + 2 * H[0, 1] * w1 * w2 + H[1, 1] * w2 ** 2)


def descent_path(lr, start, steps=30, momentum=0.0):
    r"""Iterates of gradient descent on the bowl, with optional momentum.

    Plain descent is :math:`\mathbf w \leftarrow \mathbf w - \alpha H \mathbf w`. With
    momentum :math:`\mu` a velocity :math:`\mathbf v` (zero at the start) carries part
    of the last step into the next: :math:`\mathbf v \leftarrow \mu \mathbf v - \alpha
    H \mathbf w`, then :math:`\mathbf w \leftarrow \mathbf w + \mathbf v`; ``momentum=0``
    is plain descent. The update is :meth:`nnbook.optim.SGD.step` with the gradient
    :math:`\nabla g(\mathbf w) = H \mathbf w`.

    Parameters
    ----------
    lr : float > 0
        The learning rate :math:`\alpha`.
    start : array_like, shape (2,)
        The first iterate.
    steps : int >= 0
        Number of updates.
    momentum : float in [0, 1)
        The momentum coefficient :math:`\mu`.

    Returns
    -------
    ndarray, shape (k, 2)
        ``start`` and the iterates, k = steps + 1, fewer if the path diverges
        (it stops once a coordinate exceeds 1e3 in size).
    """
    steps = check_int(steps, "steps", minimum=0)
    w = as_float_array(start, "start", ndim=1).copy()
    if w.shape != (2,):
        raise ValueError(f"start must be a point (w1, w2), got shape {w.shape}")
    opt = SGD([w], lr=lr, momentum=momentum)      # checks lr > 0 and momentum in [0, 1)
    path = [w.copy()]
    for _ in range(steps):
        opt.step([H @ w])                           # updates w in place
        path.append(w.copy())
        if np.abs(w).max() > 1e3:
            break
    return np.array(path)


def contraction(lr, momentum=0.0):
    r"""Per-step contraction factor of descent on the bowl, along each principal axis.

    Along an axis of curvature :math:`\lambda`, the pair (w, v) of
    :func:`descent_path` is multiplied per step by a 2-by-2 matrix whose eigenvalues
    r solve :math:`r^2 - (1 + \mu - \alpha\lambda)\, r + \mu = 0`; for
    :math:`\mu = 0` the one factor is :math:`1 - \alpha\lambda`. The distance to the
    minimum along that axis shrinks like :math:`\max |r|` per step.

    Parameters
    ----------
    lr : float > 0
    momentum : float in [0, 1)

    Returns
    -------
    ndarray, shape (2,)
        :math:`\max |r|` for the flat axis (curvature 1) and the steep one (10); the
        descent converges from every start exactly when both are below 1.
    """
    lr = check_positive(lr, "lr")
    mu = check_probability(momentum, "momentum")
    out = []
    for lam in np.linalg.eigvalsh(H):
        if mu == 0:
            out.append(abs(1 - lr * lam))
        else:
            out.append(float(np.abs(np.roots([1.0, -(1 + mu - lr * lam), mu])).max()))
    return np.array(out)


# ------------------------------------------------------------------ the checkers
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
