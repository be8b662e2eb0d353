import math

import numpy as np
import pytest

from nnbook.autograd import Value, graph, vmax
from nnbook.gradcheck import numerical_gradient

OPS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "pow": lambda a, b: a ** 3 + b ** 0.5,
    "rops": lambda a, b: 2 - a + 3 * b + 1 / b - 4 / (1 + a * a),
    "exp_log": lambda a, b: (a * b).exp() + (b * b).log(),
    "tanh": lambda a, b: (a * b).tanh(), "sigmoid": lambda a, b: (a - b).sigmoid(),
    "relu": lambda a, b: (a * b).relu() + (a - 2 * b).relu(), "max": lambda a, b: vmax(a, b * 2),
}


def _plain(fn):
    """The same expression on floats, via a Value forward pass."""
    return lambda v: fn(Value(v[0]), Value(v[1])).data


@pytest.mark.parametrize("name", list(OPS))
def test_every_op_matches_central_differences(name):
    fn = OPS[name]
    point = np.array([0.7, 1.3])
    a, b = Value(point[0]), Value(point[1])
    fn(a, b).backward()
    num = numerical_gradient(_plain(fn), point)
    np.testing.assert_allclose([a.grad, b.grad], num, rtol=1e-7, atol=1e-9)


def test_lecture_circuit_x_plus_y_times_z():
    x, y, z = Value(-2.0), Value(5.0), Value(-4.0)
    q = x + y
    f = q * z
    f.backward()
    assert (q.data, f.data) == (3.0, -12.0)
    assert (x.grad, y.grad, z.grad, q.grad) == (-4.0, -4.0, 3.0, -4.0)


def test_sigmoid_neuron_circuit_two_ways():
    def build(as_one_gate):
        w0, x0, w1, x1, w2 = (Value(v) for v in (2.0, -1.0, -3.0, -2.0, -3.0))
        z = w0 * x0 + w1 * x1 + w2
        f = z.sigmoid() if as_one_gate else 1 / (1 + (-z).exp())
        f.backward()
        return f, [w0.grad, x0.grad, w1.grad, x1.grad, w2.grad]
    f1, g1 = build(True)
    f2, g2 = build(False)
    assert f1.data == pytest.approx(0.7311, abs=1e-4)
    np.testing.assert_allclose(g1, [-0.1966, 0.3932, -0.3932, -0.5898, 0.1966], atol=1e-4)
    np.testing.assert_allclose(g1, g2, rtol=1e-12)
    assert f1.data * (1 - f1.data) == pytest.approx(0.1966, abs=1e-4)


def test_reused_node_accumulates_and_zero_grad_resets():
    a = Value(3.0)
    b = a * a + a
    b.backward()
    assert a.grad == 7.0
    b.backward()
    assert a.grad == 7.0             # each backward pass starts from zero
    b.zero_grad()
    assert a.grad == 0.0 and b.grad == 0.0


def test_graph_is_topological():
    x, y = Value(1.0, label="x"), Value(2.0, label="y")
    f = (x * y + x).tanh()
    nodes, edges = graph(f)
    pos = {id(n): i for i, n in enumerate(nodes)}
    assert nodes[-1] is f and all(pos[id(c)] < pos[id(p)] for c, p in edges)
    assert {n.label for n in nodes} >= {"x", "y"}


def test_deep_chain_does_not_recurse():
    v = x = Value(0.5)
    for _ in range(5000):
        v = v * 1.0
    v.backward()
    assert x.grad == 1.0


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: Value("3"), TypeError, "data must be a real number"),
    (lambda: Value(math.nan), ValueError, "data must be finite"),
    (lambda: Value(-1.0).log(), ValueError, "log needs a positive value"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, "equal to 0"),
    (lambda: Value(1.0) + "a", TypeError, "operand must be a real number"),
    (lambda: graph(3.0), TypeError, "root must be a Value"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
