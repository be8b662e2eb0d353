"""nnbook.approximation: networks built by hand, their errors, pieces and regions."""

import numpy as np
import pytest

from nnbook import MLP, activations
from nnbook import approximation as approx
from nnbook.exercises.ch6 import TARGETS
from nnbook.mlp import count_parameters

relu = activations.relu
SIN = TARGETS["sin(3x)"]


# ------------------------------------------------------------------ constructions
def test_six_unit_network_is_the_lecture_sum():
    x = np.linspace(-3, 3, 121)
    n = [relu(w * x + b) for w, b, _ in approx.SIX_UNITS]
    z = -n[0] - n[1] - n[2] + n[3] + n[4] + n[5]
    np.testing.assert_allclose(approx.six_unit_network().predict(x[:, None]), z, atol=1e-12)
    assert approx.six_unit_network().predict(np.array([[0.0]]))[0] == pytest.approx(-1.0)


def test_hat_network_interpolates_at_the_nodes_and_is_linear_between():
    net = approx.hat_network(SIN, 10)
    t = np.linspace(-np.pi, np.pi, 11)
    np.testing.assert_allclose(net.predict(t[:, None]), SIN(t), atol=1e-12)
    mid = 0.5 * (t[:-1] + t[1:])
    np.testing.assert_allclose(net.predict(mid[:, None]), 0.5 * (SIN(t[:-1]) + SIN(t[1:])),
                               atol=1e-12)
    assert net.sizes == [1, 10, 1]


@pytest.mark.parametrize("build", [approx.hat_network, approx.step_network])
def test_error_shrinks_with_more_units_for_a_continuous_target(build):
    errs = [approx.max_error(build(SIN, n), SIN) for n in (10, 40, 160)]
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 0.07


def test_error_stays_large_for_a_jump():
    f = TARGETS["jump at x=1"]
    assert approx.max_error(approx.hat_network(f, 200), f) > 0.4


def test_hats_beat_steps_second_order_vs_first_order():
    e_hat = [approx.max_error(approx.hat_network(SIN, n), SIN) for n in (40, 80)]
    e_step = [approx.max_error(approx.step_network(SIN, n), SIN) for n in (40, 80)]
    assert e_hat[0] / e_hat[1] == pytest.approx(4, rel=0.1)     # O(1/N^2)
    assert e_step[0] / e_step[1] == pytest.approx(2, rel=0.1)   # O(1/N)


def test_step_network_staircase_sits_at_midpoint_values():
    net = approx.step_network(SIN, 8, sharpness=200.0)
    edges = np.linspace(-np.pi, np.pi, 9)
    mid = 0.5 * (edges[:-1] + edges[1:])
    np.testing.assert_allclose(net.predict(mid[:, None]), SIN(mid), atol=1e-6)
    assert net.sizes == [1, 7, 1]


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_tent_network_is_the_composed_tent_map_with_2_to_k_pieces(k):
    x = np.linspace(0, 1, 2 ** (k + 4) + 1)
    t = x.copy()
    for _ in range(k):
        t = approx.tent(t)
    net = approx.tent_network(k)
    np.testing.assert_allclose(net.predict(x[:, None]), t, atol=1e-12)
    assert approx.count_pieces(lambda u: net.predict(u[:, None]), 0, 1, n=x.size) == 2 ** k
    assert sum(net.sizes[1:-1]) == 2 * k


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "4"])
def test_bad_piece_counts_are_refused(bad):
    with pytest.raises(ValueError, match="n_pieces"):
        approx.hat_network(SIN, bad)


def test_bad_interval_is_refused():
    with pytest.raises(ValueError, match="a < b"):
        approx.step_network(SIN, 4, a=1.0, b=0.0)


def test_count_parameters_of_the_chapter_networks():
    assert count_parameters([2, 37, 2]) == 187 and count_parameters([2, 8, 8, 8, 2]) == 186
    assert count_parameters([1, 64, 1]) == 193
    assert count_parameters([784, 100, 10]) == sum(
        W.size + b.size for W, b in zip(*MLP([784, 100, 10]).snapshot()))


# ------------------------------------------------------------------ linear regions
def _relu_nets():
    return {(name, seed): MLP(sizes, activation="relu", random_state=seed)
            for name, sizes in [("wide", [2, 6, 2]), ("deep", [2, 3, 3, 2])] for seed in (0, 1)}


def test_activation_regions_of_one_layer_are_cells_of_its_lines():
    net = MLP([2, 2, 2], activation="relu", random_state=0)
    weights, biases = net.snapshot()
    weights[0][:] = [[1.0, 0.0], [0.0, 1.0]]              # the two axes
    biases[0][:] = 0.0
    net.restore((weights, biases))
    X = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1], [2, 3.0]])
    ids, count = approx.activation_regions(net, X)
    assert count == 4 and ids.shape == (5,)
    assert ids[0] == ids[4] and len(set(ids[:4])) == 4
    with pytest.raises(ValueError, match="ReLU"):
        approx.activation_regions(MLP([2, 3, 2], activation="tanh"), X)


def test_activation_regions_takes_a_per_layer_list_of_relus():
    X = np.random.default_rng(1).uniform(-1, 1, (300, 2))
    one = MLP([2, 3, 3, 2], activation="relu", random_state=4)
    listed = MLP([2, 3, 3, 2], activation=["relu", "relu"], random_state=4)
    ids, count = approx.activation_regions(listed, X)
    want_ids, want_count = approx.activation_regions(one, X)
    np.testing.assert_array_equal(ids, want_ids)
    assert count == want_count > 1
    with pytest.raises(ValueError, match="ReLU hidden units"):
        approx.activation_regions(MLP([2, 3, 3, 2], activation=["relu", "tanh"]), X)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        approx.activation_regions(one, X[:, :1])
    with pytest.raises(TypeError, match="net must be an MLP"):
        approx.activation_regions("net", X)


def test_network_is_affine_inside_each_region():
    net = _relu_nets()["deep", 0]
    X = np.random.default_rng(0).uniform(-1, 1, (400, 2))
    ids, _ = approx.activation_regions(net, X)
    region = ids == np.bincount(ids).argmax()
    Xr = X[region]
    # the pre-softmax output is affine on the region: fit it exactly with [x1, x2, 1]
    a = Xr
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        a = np.maximum(a @ W.T + b, 0)
    z = a @ net.weights[-1].T + net.biases[-1]
    A = np.column_stack([Xr, np.ones(len(Xr))])
    coef = np.linalg.lstsq(A, z, rcond=None)[0]
    np.testing.assert_allclose(A @ coef, z, atol=1e-10)


def test_built_networks_hold_the_construction_weights():
    net = approx.hat_network(SIN, 4, 0.0, 4.0)                # nodes 0, 1, 2, 3, 4
    np.testing.assert_array_equal(net.weights[0].ravel(), np.ones(4))
    np.testing.assert_array_equal(net.biases[0], [0.0, -1.0, -2.0, -3.0])
    assert net.biases[1][0] == pytest.approx(SIN(0.0))
    deep = approx.tent_network(2)
    np.testing.assert_array_equal(deep.weights[1], [[2.0, -4.0], [2.0, -4.0]])
    np.testing.assert_array_equal(deep.biases[1], [0.0, -0.5])


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"sharpness": 0.0}, ValueError, "sharpness must be > 0"),
    ({"a": "0"}, TypeError, "a must be a real number"),
    ({"b": np.inf}, ValueError, "b must be finite"),
])
def test_step_network_checks_its_interval_and_sharpness(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        approx.step_network(SIN, 4, **kwargs)
