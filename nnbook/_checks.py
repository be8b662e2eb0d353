"""Input validation shared by the public functions of :mod:`nnbook`.

Every check raises ``TypeError`` or ``ValueError`` whose message names the
argument and says what was expected, so that a student who passes the wrong
thing learns what to fix instead of getting a silently wrong answer.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["as_float_array", "check_finite", "check_real", "check_positive",
           "check_probability", "check_int", "check_labels", "check_random_state",
           "check_option"]


def as_float_array(x, name, ndim=None, dtype=None, allow_scalar=False):
    """Return ``x`` as a finite floating-point ndarray, or raise.

    Parameters
    ----------
    x : array_like
        The value to check.
    name : str
        Argument name used in error messages.
    ndim : int or tuple of int, optional
        Accepted numbers of dimensions.
    dtype : numpy dtype, optional
        Float dtype to convert to; by default float64 unless ``x`` is
        already float32.
    allow_scalar : bool
        Accept 0-d input (only when ``ndim`` is None).
    """
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be a numeric array, got {type(x).__name__}")
    arr = np.asarray(x)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number)
                                   or arr.dtype == bool):
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must be real, got complex dtype {arr.dtype}")
    if dtype is None:
        dtype = arr.dtype if arr.dtype in (np.float32, np.float64) else np.float64
    arr = arr.astype(dtype, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must be {want}-dimensional, got shape {arr.shape}")
    elif arr.ndim == 0 and not allow_scalar:
        raise ValueError(f"{name} must be an array, got a scalar")
    check_finite(arr, name)
    return arr


def _all_finite(arr):
    """True if ``arr`` holds no NaN or infinity.

    A large float matrix is first checked through its row sums, one BLAS
    matrix-vector product with no temporary of the matrix's size: a NaN or an
    infinity in a row makes that row's sum non-finite. Only when some sum is
    not finite (a bad value, or finite values overflowing) is every element looked at.
    """
    if arr.ndim == 2 and arr.size >= 65536 and arr.dtype in (np.float32, np.float64):
        with np.errstate(over="ignore", invalid="ignore"):
            if np.isfinite(arr @ np.ones(arr.shape[1], arr.dtype)).all():
                return True
    return bool(np.all(np.isfinite(arr)))


def check_finite(arr, name):
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity."""
    if not _all_finite(arr):
        bad = "NaN" if np.any(np.isnan(arr)) else "infinite values"
        raise ValueError(f"{name} contains {bad}; clean the data first")
    return arr


def check_real(value, name):
    """Return ``value`` as a float after checking it is a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return float(value)


def check_positive(value, name, allow_zero=False):
    """Return ``value`` as float after checking ``value > 0`` (or ``>= 0``)."""
    value = check_real(value, name)
    if value < 0 or (value == 0 and not allow_zero):
        rel = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {rel}, got {value}")
    return value


def check_probability(value, name, upper_open=True):
    """Return ``value`` as float after checking ``0 <= value < 1``."""
    value = check_real(value, name)
    if value < 0 or value > 1 or (upper_open and value == 1):
        rng = "[0, 1)" if upper_open else "[0, 1]"
        raise ValueError(f"{name} must lie in {rng}, got {value}")
    return value


def check_int(value, name, minimum=None):
    """Return ``value`` as int after checking it is an integer ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_labels(y, name, n_classes=None, n_samples=None):
    """Return integer class labels ``y`` of shape (n,), checked against ``n_classes``."""
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-dimensional integer labels, got shape {arr.shape}")
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} contains NaN or infinite values")
        if not np.all(arr == np.round(arr)):
            raise ValueError(f"{name} must hold whole-number class labels")
        arr = arr.astype(np.int64)
    elif not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must hold integer class labels, got dtype {arr.dtype}")
    if n_samples is not None and arr.shape[0] != n_samples:
        raise ValueError(f"{name} has {arr.shape[0]} labels but X has {n_samples} samples")
    if arr.size and arr.min() < 0:
        raise ValueError(f"{name} has negative label {arr.min()}; labels must be 0..K-1")
    if n_classes is not None and arr.size and arr.max() >= n_classes:
        raise ValueError(f"{name} has label {arr.max()} but there are only {n_classes} "
                         f"classes (labels must be 0..{n_classes - 1})")
    return arr.astype(np.int64, copy=False)


def check_option(value, options, name):
    """Return ``value`` if it is one of ``options``, else raise ``ValueError`` naming ``name``
    and listing the options."""
    if value not in options:
        raise ValueError(f"{name} must be one of {list(options)}, got {value!r}")
    return value


def check_random_state(random_state, name="random_state"):
    """The one way :mod:`nnbook` turns a seed into a random generator.

    ``None`` gives fresh OS entropy (not reproducible), an ``int >= 0`` a seeded
    ``np.random.default_rng(seed)``, and a ``np.random.Generator`` is returned as it
    is, so that a caller can share one stream between several draws (scikit-learn's
    ``check_random_state`` rule, for NumPy's ``Generator``).
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None:
        return np.random.default_rng()
    return np.random.default_rng(check_int(random_state, name, minimum=0))
