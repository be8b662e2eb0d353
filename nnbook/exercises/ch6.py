"""Checkers for the exercises of chapter 6, the universal approximator.

Each function takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from ..approximation import count_pieces, hat_network, max_error, six_unit_network, tent_network
from ..losses import MARGIN_LOSSES
from ..mlp import count_parameters
from . import Feedback, check_array, check_function, check_number

__all__ = ["TARGETS", "six_unit_value", "hat_function", "bump_peak", "pieces_needed",
           "tent_counts", "tent_jump", "margin_losses", "budget"]

#: the chapter's two 1-D targets on [-pi, pi]: a smooth one and a discontinuous one
TARGETS = {"sin(3x)": lambda x: np.sin(3 * x),
           "jump at x=1": lambda x: (np.asarray(x) > 1).astype(float)}


def six_unit_value(answer, x=0.8):
    """Ex. ex-ch5-six: Z(0.8) of lecture 002's six-ReLU network."""
    expected = float(six_unit_network().predict(np.array([[x]]))[0])
    return check_number(answer, expected, name=f"Z({x:g})", rtol=1e-3, atol=1e-6,
                        hint="first find which of n1..n6 are switched on at this x "
                             "(a unit is on where its w x + b > 0)")


def _reference_hat(x, t=0.5, delta=0.25, h=2.0):
    r = activations.relu
    x = np.asarray(x, dtype=float)
    return h / delta * (r(x - (t - delta)) - 2 * r(x - t) + r(x - (t + delta)))


def hat_function(fn):
    """Ex. ex-ch5-hat: ``fn(x)`` must be the hat of height 2 on [0.25, 0.75] (centre 0.5)."""
    inputs = [np.array([0.0, 0.25, 0.375, 0.5, 0.625, 0.75, 1.0]), np.linspace(-1, 2, 61)]
    fb = check_function(fn, _reference_hat, inputs, name="hat",
                        hint="the slopes must be +h/Delta, then -h/Delta, then 0: the "
                             "three ReLUs get output weights h/Delta, -2h/Delta and h/Delta")
    if fb:
        points = sum(x.size for x in inputs)
        return Feedback(True, f"hat agrees with the reference at all {points} test points")
    return fb


def bump_peak(answer, s1=-1.0, s2=0.5, w=2.0, h=1.0):
    """Ex. ex-ch5-bump: the highest point of the bump h[sigma(w(x-s1)) - sigma(w(x-s2))]."""
    mid = 0.5 * (s1 + s2)       # the bump is symmetric about the midpoint
    sig = activations.sigmoid
    expected = float(h * (sig(w * (mid - s1)) - sig(w * (mid - s2))))
    fb = check_number(answer, expected, name="the peak", rtol=2e-3,
                      hint="the bump is highest halfway between s1 and s2; evaluate both "
                           "sigmoids there")
    if not fb and np.isclose(float(np.asarray(answer, dtype=float).ravel()[0]), h, rtol=1e-3):
        return Feedback(False, f"the peak is not h = {h:g}: with w = {w:g} the steps are too "
                               "shallow to reach their full height before the bump ends")
    return fb


def pieces_needed(answer, tol=0.01):
    """Ex. ex-ch5-pieces: fewest equal pieces for which the ReLU interpolant of sin(3x)
    on [-pi, pi] has max error below ``tol``."""
    f = TARGETS["sin(3x)"]
    n = 1
    while max_error(hat_network(f, n), f) >= tol:
        n += 1
    whole = isinstance(answer, (int, np.integer)) or (
        isinstance(answer, (float, np.floating)) and float(answer).is_integer())
    if isinstance(answer, bool) or not whole:
        return Feedback(False, f"the number of pieces should be a whole number, got {answer!r}")
    answer = int(answer)                  # 67.0 from np.ceil counts as 67
    if answer == n:
        return Feedback(True, f"{n} pieces (= {n} ReLU units) bring the max error below {tol:g}")
    if answer < n:
        err = max_error(hat_network(f, int(answer)), f) if answer >= 1 else float("inf")
        return Feedback(False, f"with {answer} pieces the max error is still {err:.4f}; "
                               f"you need more")
    return Feedback(False, f"{answer} pieces work, but fewer are enough: look for the smallest")


def tent_counts(answer, k=5):
    r"""Ex. ex-ch5-tent: [pieces of T^k, hidden units of the deep net, fewest one-layer units].

    The fewest units of one hidden layer equal to :math:`T^k` on [0, 1] is the number of
    pieces, :math:`2^k`: counting kinks gives at least :math:`2^k - 1`, and with exactly
    :math:`2^k - 1` units the slope of the first piece would be a sum of slope jumps
    :math:`\pm 2^{k+1}`, never :math:`2^k` (exercise ex-ch5-parity); the interpolant
    :func:`nnbook.approximation.hat_network` reaches :math:`2^k`.
    """
    deep = tent_network(k)
    pieces = count_pieces(lambda u: deep.predict(np.asarray(u)[:, None]), 0, 1,
                            n=2 ** (k + 4) + 1)
    expected = [pieces, sum(deep.sizes[1:-1]), pieces]
    fb = check_array(answer, expected, name="[pieces, deep units, shallow units]",
                     rtol=0, atol=0.5,
                     hint="each composition doubles the pieces; each ReLU of a single "
                          "hidden layer adds at most one kink, and one kink per unit is "
                          "not quite enough")
    arr = np.asarray(answer, dtype=float) if np.ndim(answer) == 1 else None
    if not fb and arr is not None and arr.shape == (3,) and np.allclose(arr[:2], expected[:2]) \
            and arr[2] == pieces - 1:
        return Feedback(False, f"{pieces - 1} units give {pieces - 1} kinks, the right number, "
                               "but they cannot also give the first piece its slope: see the "
                               "bonus exercise on the parity of the slope jumps")
    return fb


def tent_jump(answer, k=5):
    r"""Ex. ex-ch5-parity: the size of every slope jump of :math:`T^k` at an interior kink.

    :math:`T^k` has slopes :math:`\pm 2^k`, so each kink changes the slope by
    :math:`2^{k+1}` (computed here from the deep network's slopes). The jumps alternate in
    sign, so :math:`-2^{k+1}` is accepted as the same size.
    """
    deep = tent_network(k)
    x = np.linspace(0, 1, 2 ** (k + 4) + 1)
    slopes = np.diff(deep.predict(x[:, None])) / np.diff(x)
    jumps = np.abs(np.diff(slopes))
    expected = float(np.max(jumps))
    if isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool) \
            and np.isclose(answer, -expected, rtol=1e-6):
        return Feedback(True, f"the slope jump = {expected:g} in size (the slope falls by "
                              f"{expected:g} at one kink and rises by {expected:g} at the next)")
    return check_number(answer, expected, name="the slope jump", rtol=1e-6,
                        hint="the slopes of T^k are +2^k and -2^k; a kink turns one into "
                             "the other")


def margin_losses(answer, m=-1.0):
    """Ex. ex-ch5-loss: [square, hinge, logistic] loss at margin ``m`` (label y = +1; the
    exercise's point is on the wrong side, m = -1), from :data:`nnbook.losses.MARGIN_LOSSES`."""
    names = ("squared", "hinge", "logistic")
    expected = [float(MARGIN_LOSSES[name](m)) for name in names]
    flipped = [float(MARGIN_LOSSES[name](-m)) for name in names]
    if m and np.allclose(np.asarray(answer, dtype=float).ravel(), flipped, rtol=2e-3):
        side = "wrong" if m < 0 else "right"
        return Feedback(False, f"these are the losses at margin {-m:g}: the margin is "
                               f"m = y s = {m:g} (the point is on the {side} side)")
    return check_array(answer, expected, name="[square, hinge, logistic]", rtol=2e-3,
                       hint="logistic loss uses the natural logarithm: log(1 + exp(-m))")


def budget(answer, wide=(2, 37, 2), deep=(2, 8, 8, 8, 2)):
    """Ex. ex-ch5-budget: [parameters of the wide net, parameters of the deep net]."""
    expected = [count_parameters(wide), count_parameters(deep)]
    return check_array(answer, expected, name="[wide parameters, deep parameters]",
                       rtol=0, atol=0.5,
                       hint="a layer with n_in inputs and n_out units has n_in * n_out weights "
                            "and n_out biases")
