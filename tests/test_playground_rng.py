"""The playground's portable generator (SFC32) and what the engine draws from it."""

import math

import numpy as np
import pytest

from nnbook.playground.core import Session, initial_weights
from nnbook.playground.datasets import make_data
from nnbook.playground.rng import SFC32, portable_log


def _sfc32_reference(seed, stream, n):
    """SFC32 written from its definition with explicit modular arithmetic."""
    a, b, c, d = stream, seed, 0, 1
    out = []
    for i in range(12 + n):
        t = (a + b + d) % 2**32
        d = (d + 1) % 2**32
        a = b ^ (b // 2**9)
        b = (c * 9) % 2**32
        c = ((c * 2**21) % 2**32 + c // 2**11 + t) % 2**32
        if i >= 12:
            out.append(t)
    return out


@pytest.mark.parametrize("seed, stream", [(0, 0), (1, 2), (2**31, 1), (2**32 - 1, 7)])
def test_outputs_follow_the_definition(seed, stream):
    rng = SFC32(seed, stream)
    assert [rng.next_uint32() for _ in range(50)] == _sfc32_reference(seed, stream, 50)


def test_streams_and_seeds_differ_and_repeat():
    draws = {key: SFC32(5, key).random(8).tolist() for key in ("data", "weights", "training")}
    assert len({tuple(v) for v in draws.values()}) == 3
    assert SFC32(5, "data").random(8).tolist() == draws["data"]
    assert SFC32(6, "data").random(8).tolist() != draws["data"]


def test_uniform_uses_53_bits_in_the_unit_interval():
    rng, ref = SFC32(3), _sfc32_reference(3, 0, 2)
    u = rng.uniform()
    assert u == ((ref[0] >> 5) * 2**26 + (ref[1] >> 6)) / 2**53
    u = SFC32(9).random(20_000)
    assert u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.01
    assert len(np.unique(u)) == u.size


def test_portable_log_is_accurate():
    xs = [1e-300, 2.0**-106, 1e-9, 0.1, 0.5, 0.7071067811865476, 0.999999, 1.0, 1.5, 2.0,
          3.14159, 1e10, 1e300]
    for x in xs + list(SFC32(1).random(2000) + 1e-12):
        assert portable_log(x) == pytest.approx(math.log(x), rel=4e-16, abs=4e-16), x
    for bad in (0.0, -1.0, math.inf, math.nan):
        with pytest.raises(ValueError, match="positive finite"):
            portable_log(bad)


def test_normals_have_the_moments_of_a_standard_normal():
    z = SFC32(11, 3).standard_normal(40_000)
    assert abs(z.mean()) < 0.02 and abs(z.std() - 1) < 0.02
    assert abs(np.mean(z**4) - 3) < 0.15               # the kurtosis of a normal
    assert 0.30 < np.mean(np.abs(z) > 1) < 0.34          # P(|z| > 1) = 0.317


def test_shuffle_is_a_uniform_permutation():
    rng = SFC32(2)
    counts = np.zeros((4, 4))
    for _ in range(4000):
        x = np.arange(4)
        rng.shuffle(x)
        counts[np.arange(4), x] += 1
    assert sorted(x) == [0, 1, 2, 3]
    assert np.all(np.abs(counts / 4000 - 0.25) < 0.03)


@pytest.mark.parametrize("seed, stream", [(-1, 0), (2**32, 0), (1.5, 0), (True, 0), (0, -2)])
def test_bad_seed_names_the_argument(seed, stream):
    with pytest.raises(ValueError, match="seed|stream"):
        SFC32(seed, stream)


def test_session_draws_everything_from_the_state_seed():
    s = Session(dataset="spiral", n_classes=3, noise=0.1, hidden=[3, 2], activation="relu",
                seed=7, dropout=0.2)
    expected = SFC32(7, "weights").standard_normal((3, 2)) * math.sqrt(2 / 2)
    np.testing.assert_array_equal(s.net.weights[0], expected)
    np.testing.assert_array_equal(initial_weights(s.net)[1],
                                  SFC32(7, "weights").standard_normal(6 + 6)[6:]
                                  .reshape(2, 3) * math.sqrt(2 / 3))
    # the softmax output layer (2 -> 3) takes the Glorot scale, sqrt(2 / (n_in + n_out))
    np.testing.assert_array_equal(initial_weights(s.net)[2],
                                  SFC32(7, "weights").standard_normal(6 + 6 + 6)[12:]
                                  .reshape(3, 2) * math.sqrt(2 / 5))
    assert all(not b.any() for b in s.net.biases)
    assert isinstance(s.rng, SFC32) and s.net.rng is not s.rng    # the MLP is not patched
    before = SFC32(7, "training")
    s.step(1)                         # one shuffle of the order, then one mask per hidden layer
    before.shuffle(np.arange(len(s.F_train)))
    keep = before.random((10, 3)) >= 0.2
    np.testing.assert_array_equal(s.net.activations_[1] != 0, keep & (s.net.zs[0] > 0))
    d = make_data(s.state)
    assert len(d["X_train"]) == 250 and np.abs(np.concatenate([d["X_train"],
                                                               d["X_test"]])).max() == 4.5
    assert sorted(np.bincount(np.concatenate([d["y_train"], d["y_test"]]))) == [166, 167, 167]
