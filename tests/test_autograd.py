"""Tests for nnbook.autograd: every local rule against central differences,
the lecture circuits, accumulation, the graph walk and the error messages."""

import math

import numpy as np
import pytest

from nnbook.autograd import Value, graph, vmax
from nnbook.gradcheck import numerical_gradient

# Expressions of two inputs, one (or a few) operations each. Points are away from kinks.
OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "neg": lambda a, b: -a * b,
    "pow_int": lambda a, b: a ** 3 + b ** -2,
    "pow_real": lambda a, b: b ** 0.5 + a ** 1.7,
    "pow_zero": lambda a, b: a ** 0 * b,
    "radd_rsub": lambda a, b: 2 + a - (3 - b),
    "rmul_rdiv": lambda a, b: 3 * b + 1 / b - 4 / (1 + a * a),
    "exp": lambda a, b: (a * b).exp(),
    "log": lambda a, b: (a * b).log(),
    "tanh": lambda a, b: (a * b).tanh(),
    "sigmoid": lambda a, b: (a - b).sigmoid(),
    "relu_on": lambda a, b: (a * b).relu(),
    "relu_off": lambda a, b: (a - 2 * b).relu() + a,
    "max_a": lambda a, b: vmax(a * 3, b),
    "max_b": lambda a, b: vmax(a, b * 2),
    "max_const": lambda a, b: vmax(a, 0.1) * vmax(-5.0, b),
    "composite": lambda a, b: ((a * b).tanh() + (a / b).exp() * b.log()) ** 2,
}
POINTS = [(0.7, 1.3), (1.9, 0.4)]


def _central(fn, point):
    """Central differences of the same expression evaluated with Values (forward only)."""
    return numerical_gradient(lambda v: fn(Value(v[0]), Value(v[1])).data, np.array(point))


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("name", list(OPS))
def test_every_op_matches_central_differences(name, point):
    a, b = Value(point[0]), Value(point[1])
    out = OPS[name](a, b)
    out.backward()
    assert out.grad == 1.0
    np.testing.assert_allclose([a.grad, b.grad], _central(OPS[name], point),
                               rtol=1e-7, atol=1e-9)


def test_forward_values_match_plain_floats():
    a, b = Value(0.7), Value(1.3)
    assert (a / b).data == pytest.approx(0.7 / 1.3, rel=1e-15)
    assert (2 - a).data == pytest.approx(1.3, rel=1e-15)
    assert (a ** 1.7).data == pytest.approx(0.7 ** 1.7, rel=1e-15)
    assert (a * b).exp().data == pytest.approx(math.exp(0.91), rel=1e-15)
    assert a.sigmoid().data == pytest.approx(1 / (1 + math.exp(-0.7)), rel=1e-15)
    assert vmax(a, b).data == 1.3 and (-a).relu().data == 0.0


def test_lecture_circuit_x_plus_y_times_z():
    x, y, z = Value(-2.0), Value(5.0), Value(-4.0)
    q = x + y
    f = q * z
    f.backward()
    assert (q.data, f.data) == (3.0, -12.0)
    assert (f.grad, q.grad, x.grad, y.grad, z.grad) == (1.0, -4.0, -4.0, -4.0, 3.0)


def test_max_gate_routes_and_multiply_swaps():
    x, y, z, w = Value(3.0), Value(-4.0), Value(2.0), Value(-1.0)
    f = (x * y + vmax(z, w)) * 2
    f.backward()
    assert f.data == -20.0
    assert (x.grad, y.grad, z.grad, w.grad) == (-8.0, 6.0, 2.0, 0.0)
    a = Value(1.5)
    vmax(a, 1.5).backward()             # tie: the first argument takes the gradient
    assert a.grad == 1.0


@pytest.mark.parametrize("z, slope", [(-0.5, 0.0), (-1e-12, 0.0), (0.0, 0.0), (2.0, 1.0)])
def test_relu_gate_passes_or_blocks(z, slope):
    v = Value(z)
    out = v.relu() * 3
    out.backward()
    assert out.data == 3 * max(z, 0.0) and v.grad == 3 * slope


def _neuron(as_one_gate):
    w0, x0, w1, x1, w2 = (Value(v) for v in (2.0, -1.0, -3.0, -2.0, -3.0))
    z = w0 * x0 + w1 * x1 + w2
    f = z.sigmoid() if as_one_gate else 1 / (1 + (-z).exp())
    f.backward()
    return f, np.array([w0.grad, x0.grad, w1.grad, x1.grad, w2.grad])


@pytest.mark.parametrize("as_one_gate", [True, False])
def test_sigmoid_neuron_lecture_numbers(as_one_gate):
    f, grads = _neuron(as_one_gate)
    s = 1 / (1 + math.exp(-1.0))        # w.x + w2 = -2 + 6 - 3 = 1
    ds = s * (1 - s)
    assert f.data == pytest.approx(s, rel=1e-14) and round(f.data, 4) == 0.7311
    np.testing.assert_allclose(grads, [-ds, 2 * ds, -2 * ds, -3 * ds, ds], rtol=1e-12)
    np.testing.assert_array_equal(np.round(grads, 4), [-0.1966, 0.3932, -0.3932, -0.5898, 0.1966])


def test_sigmoid_gate_equals_elementary_gates():
    (f1, g1), (f2, g2) = _neuron(True), _neuron(False)
    assert f1.data == pytest.approx(f2.data, rel=1e-15)
    np.testing.assert_allclose(g1, g2, rtol=1e-13)
    # 9 nodes for z; then 1 gate, or 8 more: -1, *, exp, 1, +, 1, **-1, * (1/u = 1 * u**-1)
    assert len(graph(f1)[0]) == 10 and len(graph(f2)[0]) == 17


def test_sigmoid_and_exp_at_large_inputs():
    lo, hi = Value(-1000.0), Value(1000.0)
    (lo.sigmoid() + hi.sigmoid()).backward()
    assert (lo.grad, hi.grad) == (0.0, 0.0)
    assert Value(-745.0).exp().data >= 0.0


def test_reused_node_accumulates():
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0                # d(x^2)/dx = 2x: both operand slots contribute
    a = Value(3.0)
    b = a * a + a
    b.backward()
    assert a.grad == 7.0


def test_backward_twice_adds_and_zero_grad_resets():
    a, c = Value(3.0), Value(-2.0)
    m = a * c
    b = m + a
    b.backward()
    assert (a.grad, c.grad, m.grad, b.grad) == (-1.0, 3.0, 1.0, 1.0)
    b.backward()                        # grads accumulate, exactly doubled
    assert (a.grad, c.grad, m.grad, b.grad) == (-2.0, 6.0, 2.0, 2.0)
    b.zero_grad()
    assert all(n.grad == 0.0 for n in graph(b)[0])
    b.backward()
    assert (a.grad, c.grad) == (-1.0, 3.0)


def test_two_losses_accumulate_like_their_sum():
    def build():
        x, y = Value(0.5), Value(-1.5)
        return x, y, (x * y).tanh(), (x + y) ** 2
    x, y, l1, l2 = build()
    l1.backward()
    l2.backward()
    xs, ys, s1, s2 = build()
    (s1 + s2).backward()
    assert x.grad == pytest.approx(xs.grad, rel=1e-14)
    assert y.grad == pytest.approx(ys.grad, rel=1e-14)


def test_graph_is_topological_and_deterministic():
    def build():
        x, y = Value(1.0, label="x"), Value(2.0, label="y")
        return x, (x * y + x * x).tanh()
    x, f = build()
    nodes, edges = graph(f)
    pos = {id(n): i for i, n in enumerate(nodes)}
    assert nodes[-1] is f and len(nodes) == 6 and len(set(pos)) == 6
    assert all(pos[id(c)] < pos[id(p)] for c, p in edges)
    assert sum(1 for c, p in edges if c is x and p.op == "*") == 3      # x*y once, x*x twice
    signature = [(n.op, n.label, n.data) for n in nodes]
    assert signature == [(n.op, n.label, n.data) for n in graph(build()[1])[0]]
    assert [n.op for n in nodes] == ["", "", "*", "*", "+", "tanh"]
    leaf = Value(4.0)
    assert graph(leaf) == ([leaf], [])


def test_op_labels_and_repr():
    x = Value(3.0, label="x")
    assert [(x ** -1).op, x.exp().op, x.sigmoid().op, x.relu().op, (x - 1).op] == \
        ["**-1", "exp", "sigmoid", "relu", "+"]
    f = x * Value(-4.0)
    f.backward()
    assert repr(f) == "Value(data=-12.0, grad=1.0)"
    assert repr(x) == "Value(data=3.0, grad=-4.0, label='x')"
    assert type(Value(np.float32(1.5)).data) is float and Value(2).data == 2.0


def test_deep_chain_does_not_recurse():
    v = x = Value(0.5)
    for _ in range(5000):
        v = v * 1.0 + 0.0
    v.backward()
    assert x.grad == 1.0


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: Value("3"), TypeError, "data must be a real number"),
    (lambda: Value(None), TypeError, "data must be a real number"),
    (lambda: Value(1 + 2j), TypeError, "data must be a real number"),
    (lambda: Value(True), TypeError, "data must be a real number"),
    (lambda: Value(math.nan), ValueError, "data must be finite"),
    (lambda: Value(-math.inf), ValueError, "data must be finite"),
    (lambda: Value(1.0, label=3), TypeError, "label must be a str"),
    (lambda: Value(-1.0, label="z").log(), ValueError, r"log needs a positive value, got z = -1"),
    (lambda: Value(0.0).log(), ValueError, "log needs a positive value, got 0.0"),
    (lambda: Value(-2.0) ** 0.5, ValueError, "non-integer power"),
    (lambda: Value(0.0) ** 0.5, ValueError, "derivative at 0 is infinite"),
    (lambda: Value(0.0) ** -1, ZeroDivisionError, "division by zero"),
    (lambda: Value(2.0) ** Value(2.0), TypeError, "exponent must be a real number"),
    (lambda: Value(1.0) / 0, ZeroDivisionError, "equal to 0"),
    (lambda: 1 / Value(0.0), ZeroDivisionError, "equal to 0"),
    (lambda: Value(1.0) + "a", TypeError, "operand must be a real number"),
    (lambda: Value(1.0) * math.nan, ValueError, "operand must be finite"),
    (lambda: vmax(Value(1.0), None), TypeError, "operand must be a real number"),
    (lambda: Value(1000.0).exp(), OverflowError, "too large"),
    (lambda: Value(1e308) * 10, OverflowError, "too large"),
    (lambda: graph(3.0), TypeError, "root must be a Value"),
])
def test_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()


def test_forward_mode_matches_reverse_mode_and_counts_sweeps():
    from nnbook.autograd import Dual, forward_gradient

    def f(v):
        s = v[0] * v[1] + v[2] / v[3] - v[4] ** 2
        return (s.tanh() + s.sigmoid() + (s * 0.1).exp() + (s * s + 1).log() + s.relu()) * 2

    x = [0.3, -1.2, 0.8, 1.7, -0.4]
    vs = [Value(a) for a in x]
    out = f(vs)
    out.backward()
    grad, sweeps = forward_gradient(f, x)
    assert sweeps == len(x)
    np.testing.assert_allclose(grad, [v.grad for v in vs], rtol=1e-12)
    assert f([Dual(a) for a in x]).value == pytest.approx(out.data)
    Dual.operations = 0
    f([Dual(a) for a in x])
    assert Dual.operations > 10
    d = 2 - Dual(3.0, 1.0)
    assert (d.value, d.tangent) == (-1.0, -1.0)
    d = 6 / Dual(3.0, 1.0)
    assert d.value == pytest.approx(2.0) and d.tangent == pytest.approx(-6 / 9)
    assert Dual(-1.0, 1.0).relu().tangent == 0.0
    with pytest.raises(ZeroDivisionError):
        Dual(1.0) / Dual(0.0)
    with pytest.raises(ValueError, match="log needs"):
        Dual(-1.0).log()
    with pytest.raises(TypeError, match="f must be callable"):
        forward_gradient(3, [1.0])
