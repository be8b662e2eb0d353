import gzip

import numpy as np
import pytest

from nnbook import data

SETS = [data.xor, data.moons, data.circles, data.gaussians, data.spiral,
        data.linearly_separable]


@pytest.mark.parametrize("make", SETS)
def test_shapes_balance_and_determinism(make):
    X, y = make(n=101, random_state=3)
    assert X.shape == (101, 2) and X.dtype == np.float64 and y.dtype == np.int64
    counts = np.bincount(y)
    assert counts.max() - counts.min() <= 1
    X2, y2 = make(n=101, random_state=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(n=101, random_state=4)[0])


def test_noise_free_sets_have_their_geometry():
    X, y = data.circles(n=200, noise=0.0, factor=0.4)
    r = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.4)
    X, y = data.xor(n=200, noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))


def test_linearly_separable_keeps_its_margin():
    X, y = data.linearly_separable(n=200, margin=0.1, random_state=5)
    gaps = np.linalg.norm(X[y == 0][:, None, :] - X[y == 1][None, :, :], axis=2)
    assert gaps.min() >= 0.2 - 1e-12


@pytest.mark.parametrize("make", [data.gaussians, data.spiral])
def test_multiclass(make):
    X, y = make(n=90, n_classes=3)
    assert set(np.unique(y)) == {0, 1, 2}


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: data.xor(n=1), ValueError, "n must be >= 2"),
    (lambda: data.moons(n=2.5), TypeError, "n must be an integer"),
    (lambda: data.circles(noise=-0.1), ValueError, "noise must be >= 0"),
    (lambda: data.circles(factor=1.0), ValueError, "factor must lie"),
    (lambda: data.gaussians(n=3, n_classes=4), ValueError, "smaller than n_classes"),
    (lambda: data.train_test_split(np.ones((4, 2)), [0, 1]), ValueError, "y has 2 entries"),
    (lambda: data.load_mnist(n_train=4005), ValueError, "multiple of 10"),
])
def test_bad_arguments(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_mnist_sample():
    X, y, Xt, yt = data.load_mnist()
    assert X.shape == (4000, 784) and Xt.shape == (1000, 784)
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.all(np.bincount(y) == 400) and np.all(np.bincount(yt) == 100)
    # disjoint: no test image is also a training image
    seen = {row.tobytes() for row in X}
    assert not any(row.tobytes() in seen for row in Xt)
    X2, *_ = data.load_mnist()
    np.testing.assert_array_equal(X, X2)
    Xb, *_ = data.load_mnist(binarize=True)
    assert set(np.unique(Xb)) == {0.0, 1.0}


def _write_set(folder, n_train=20, n_test=10, gz=False):
    rng = np.random.default_rng(0)
    ext = ".gz" if gz else ""
    for part, n in (("train", n_train), ("t10k", n_test)):
        data.write_idx(folder / f"{part}-images-idx3-ubyte{ext}",
                       rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        data.write_idx(folder / f"{part}-labels-idx1-ubyte{ext}",
                       rng.integers(0, 10, n, dtype=np.uint8))


@pytest.mark.parametrize("gz", [False, True])
def test_full_mnist_from_idx_files(tmp_path, gz):
    _write_set(tmp_path, gz=gz)
    X, y, Xt, yt = data.load_mnist(tmp_path)
    assert X.shape == (20, 784) and Xt.shape == (10, 784) and y.max() <= 9
    assert 0.0 <= X.min() and X.max() <= 1.0


def test_env_var_is_honoured(tmp_path, monkeypatch):
    _write_set(tmp_path, n_train=30)
    monkeypatch.setenv("NNBOOK_DATA", str(tmp_path))
    assert data.load_mnist()[0].shape == (30, 784)


def _corrupt(folder, kind):
    img = folder / "train-images-idx3-ubyte"
    lab = folder / "train-labels-idx1-ubyte"
    if kind == "missing":
        img.unlink()
    elif kind == "magic":
        raw = bytearray(img.read_bytes())
        raw[3] = 1
        img.write_bytes(bytes(raw))
    elif kind == "truncated":
        img.write_bytes(img.read_bytes()[:-100])
    elif kind == "label":
        data.write_idx(lab, np.full(20, 11, dtype=np.uint8))
    elif kind == "count":
        data.write_idx(lab, np.zeros(19, dtype=np.uint8))


@pytest.mark.parametrize("kind, exc, msg", [
    ("missing", FileNotFoundError, "train-images-idx3-ubyte.*not found"),
    ("magic", ValueError, "not an IDX file"),
    ("truncated", ValueError, "truncated or corrupt"),
    ("label", ValueError, "label 11 is not a digit"),
    ("count", ValueError, "20 images but .* 19 labels"),
])
def test_corrupt_files_are_named(tmp_path, kind, exc, msg):
    _write_set(tmp_path)
    _corrupt(tmp_path, kind)
    with pytest.raises(exc, match=msg):
        data.load_mnist(tmp_path)


def test_missing_folder_and_gz_header(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        data.load_mnist(tmp_path / "nope")
    with gzip.open(tmp_path / "x.gz", "wb") as fh:
        fh.write(b"")
    with pytest.raises(TypeError, match="uint8"):
        data.write_idx(tmp_path / "y", np.zeros(3))
