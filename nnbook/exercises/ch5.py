r"""Answer checkers for chapter 5 (backpropagation).

Every expected answer is computed here with ``nnbook`` itself (autograd,
MLP, the chapter's worked network), so the notebook never prints it next to the
question. Each checker returns a :class:`~nnbook.exercises.Feedback`.

The worked example of the lectures, a 2-2-1 sigmoid network (:data:`WORKED`,
:data:`WEIGHT_NAMES`, :func:`worked_network`), is defined here, where both its
checkers and the chapter's figures (:mod:`nnbook.chapters.ch05_backprop`) find it.
"""

from __future__ import annotations

import numpy as np

from .. import MLP
from .._checks import as_float_array
from ..autograd import Value
from ..backprop import forward
from ..gradcheck import gradient_check
from ..losses import softmax
from ..mlp import count_parameters
from . import Feedback, check_array, check_number

__all__ = ["WORKED", "WEIGHT_NAMES", "worked_network",
           "review_gradient", "circuit_gradients", "numerical_cost", "softmax_gradient",
           "worked_update", "backprop_function",
           "SUSPECTS", "BUGS", "debug_problem", "show_suspect", "debug_blocks", "debug_bugs",
           "batch_shapes", "forward_mode_derivative"]


#: the lectures' 2-2-1 network: inputs, hidden weights, output weights, target, rate
WORKED = {"x": (0.35, 0.9), "W1": ((0.1, 0.8), (0.4, 0.6)), "W2": ((0.3, 0.9),),
          "t": 0.5, "eta": 1.0}
#: lecture names of the weights -> (layer index, i, j) in ``net.weights``
WEIGHT_NAMES = {"w1": (1, 0, 0), "w2": (1, 0, 1), "w3": (0, 0, 0), "w4": (0, 0, 1),
                "w5": (0, 1, 0), "w6": (0, 1, 1)}


def worked_network(W1=None, W2=None):
    """The worked example as an ``MLP([2, 2, 1])`` with sigmoid units, MSE and zero biases.

    Parameters
    ----------
    W1 : array_like, shape (2, 2), optional
        Hidden weights, row i for hidden unit i: ``[[w3, w4], [w5, w6]]`` (lecture values
        by default).
    W2 : array_like, shape (1, 2), optional
        Output weights ``[[w1, w2]]``.

    Returns
    -------
    MLP
    """
    W1 = as_float_array(WORKED["W1"] if W1 is None else W1, "W1", ndim=2)
    W2 = as_float_array(WORKED["W2"] if W2 is None else W2, "W2", ndim=2)
    if W1.shape != (2, 2) or W2.shape != (1, 2):
        raise ValueError(f"W1 must have shape (2, 2) and W2 shape (1, 2), got {W1.shape} "
                         f"and {W2.shape}")
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="mse")
    return net.restore(([W1, W2], [np.zeros(2), np.zeros(1)]))


def review_gradient(answer):
    r"""Gradient :math:`[\partial g/\partial x, \partial g/\partial y]` of
    :math:`g(x, y) = x y^2 + 3x` at :math:`(2, -1)`."""
    x, y = Value(2.0), Value(-1.0)
    g = x * y ** 2 + 3 * x
    g.backward()
    return check_array(answer, [x.grad, y.grad], name="your gradient",
                       hint="differentiate in x with y held fixed, then in y with x fixed")


def circuit_gradients(answer):
    r""":math:`[\partial f/\partial x, \partial f/\partial y, \partial f/\partial z]` for
    :math:`f = (x + y) z` at :math:`x = 2, y = -1, z = -4`."""
    x, y, z = Value(2.0), Value(-1.0), Value(-4.0)
    f = (x + y) * z
    f.backward()
    return check_array(answer, [x.grad, y.grad, z.grad], name="your gradient",
                       hint="the add gate passes the upstream gradient on unchanged; the "
                            "multiply gate hands each input the other input's value")


def numerical_cost(answer, sizes=(784, 100, 10)):
    """Forward passes that central differences need for one gradient of ``MLP(sizes)``."""
    return check_number(answer, 2 * count_parameters(sizes), name="the number of forward passes",
                        rtol=0, atol=0.5, hint="count weights and biases, then two passes each")


def softmax_gradient(answer, y=(2.0, 1.0, 0.1), k=0):
    r""":math:`\partial L/\partial y_j` for :math:`L = -\log p_k`, p = softmax(y)."""
    expected = softmax(np.asarray(y, dtype=float))
    expected[k] -= 1.0
    # a calculator answer to three decimals is right: half a unit of the third decimal
    # and a little slack, absolute, since the entries are of order 0.1 to 1
    return check_array(answer, expected, name="your dL/dy", rtol=0.0, atol=6e-4,
                       hint="p_j for every wrong class j, and p_k - 1 for the true class k")


def worked_update(answer, t=0.9, eta=1.0):
    """The six weights [w1+, ..., w6+] after one step of the worked example with target ``t``."""
    net = worked_network()
    _, g = net.loss_and_gradients(np.array([WORKED["x"]]), [t])
    new = [float(net.weights[l][i, j] - eta * g["weights"][l][i, j])
           for l, i, j in WEIGHT_NAMES.values()]
    # four decimals are enough; the tempting variant that sends the error back through the
    # already updated w1+, w2+ differs by more than 1e-4 in w4 and w6, so it still fails
    return check_array(answer, new, name="your list of new weights", rtol=0.0, atol=6e-5,
                       hint="give at least four decimals, and use the old w1 and w2 when you "
                            "send the error back to the hidden layer")


def backprop_function(fn, n_trials=3):
    """Check a hand-written ``fn(weights, biases, X, Y) -> (dW list, db list)``.

    The network it must differentiate has tanh hidden layers, an identity output and
    the mean squared error (mean over the n rows of ½‖ŷ - y‖²), as
    ``MLP(sizes, activation="tanh", output="identity", loss="mse")``.
    """
    if not callable(fn):
        return Feedback(False, "pass your function itself, e.g. backprop_function(backprop)")
    rng = np.random.default_rng(4)
    for trial, sizes in enumerate([[3, 4, 2], [2, 5, 3, 1], [4, 3, 3, 2]][:n_trials]):
        net = MLP(sizes, activation="tanh", output="identity", loss="mse", random_state=trial)
        for b in net.biases:
            b[...] = rng.normal(0, 0.5, b.shape)
        X = rng.standard_normal((5, sizes[0]))
        Y = rng.standard_normal((5, sizes[-1]))
        _, want = net.loss_and_gradients(X, Y)
        try:
            dW, db = fn([W.copy() for W in net.weights], [b.copy() for b in net.biases], X, Y)
        except Exception as err:  # the student's code: report, don't crash
            return Feedback(False, f"your function raised {type(err).__name__}: {err}")
        if len(dW) != len(want["weights"]) or len(db) != len(want["biases"]):
            return Feedback(False, f"for sizes {sizes} return {len(want['weights'])} weight "
                                   f"gradients and as many bias gradients")
        for l in range(len(dW)):
            for got, ref, what in ((dW[l], want["weights"][l], "dW"), (db[l], want["biases"][l],
                                                                       "db")):
                fb = check_array(got, ref, name=f"{what}[{l}] for sizes {sizes}", rtol=1e-6,
                                 atol=1e-10)
                if not fb:
                    return Feedback(False, fb.message + ". Hint: tanh'(z) = 1 - tanh(z)^2, and "
                                    "the loss is a mean over the rows of X")
    return Feedback(True, f"your backpropagation matches MLP.loss_and_gradients on {n_trials} "
                          "networks")


# ------------------------------------------------------------------ debug this backprop
# Five backward passes for sigmoid layers and the mean squared error, each with one planted
# bug. They are written for a square network on a square batch (4 inputs, 4 units per layer,
# 4 samples), so that no bug changes a shape and nothing crashes. Each is the correct pass
# below with a few lines replaced, compiled from that text: what show_suspect prints is
# exactly the code that runs.

def _forward(weights, biases, X):
    """The suspects' forward pass: activations ``[X, a1, ..., aL]`` of the sigmoid network
    (sigmoid output) with these ``weights`` and ``biases``, from
    :func:`nnbook.backprop.forward` on an :class:`~nnbook.MLP` holding copies of them."""
    sizes = [weights[0].shape[1], *(W.shape[0] for W in weights)]
    net = MLP(sizes, activation="sigmoid", output="sigmoid", loss="mse")
    return forward(net.restore((weights, biases)), X).activations


_CORRECT = """\
def suspect(weights, biases, X, Y):
    A = _forward(weights, biases, X)
    n, n_layers = len(X), len(weights)
    delta = (A[n_layers] - Y) * A[n_layers] * (1 - A[n_layers]) / n
    dW, db = [None] * n_layers, [None] * n_layers
    for l in reversed(range(n_layers)):
        dW[l] = delta.T @ A[l]
        db[l] = delta.sum(axis=0)
        if l > 0:
            delta = (delta @ weights[l]) * A[l] * (1 - A[l])
    return dW, db
"""
#: per suspect, the replacements that plant its bug in :data:`_CORRECT`
_PLANTED = {
    "A": [("* A[l] * (1 - A[l])", "* A[l + 1] * (1 - A[l + 1])")],
    "B": [("delta.sum(axis=0)", "delta.sum(axis=1)")],
    "C": [("n, n_layers = len(X), len(weights)", "n_layers = len(weights)"),
          (" * (1 - A[n_layers]) / n", " * (1 - A[n_layers])")],
    "D": [("X, Y):\n", "X, Y, lr=0.5):\n    # a backward pass fused with the update: each "
                       "layer is stepped as soon as it is done\n"),
          ("len(weights)\n", "len(weights)\n    weights = [W.copy() for W in weights]"
                             "           # (the caller's arrays stay untouched)\n"),
          ("axis=0)\n", "axis=0)\n        weights[l] -= lr * dW[l]\n")],
    "E": [("delta @ weights[l])", "delta @ weights[l].T)")],
}


def _suspect_source(name):
    """The source of suspect ``name``: :data:`_CORRECT` with its planted replacements."""
    source = _CORRECT.replace("def suspect(", f"def suspect_{name.lower()}(")
    for old, new in _PLANTED[name]:
        if source.count(old) != 1:                  # a replacement must name one place
            raise RuntimeError(f"suspect {name}: {old!r} occurs {source.count(old)} times")
        source = source.replace(old, new)
    return source


def _compile_suspect(name):
    namespace = {"_forward": _forward}
    exec(compile(_suspect_source(name), f"<suspect {name}>", "exec"), namespace)
    return namespace[f"suspect_{name.lower()}"]


#: the five suspects of the debugging exercise, each ``fn(weights, biases, X, Y) -> (dW, db)``
SUSPECTS = {name: _compile_suspect(name) for name in _PLANTED}
#: the names of the planted bugs, one per suspect (in another order)
BUGS = ("missing transpose", "missing 1/n", "wrong sigma'", "bias summed over the wrong axis",
        "updated weights used in delta")
_TRUTH = {"A": "wrong sigma'", "B": "bias summed over the wrong axis", "C": "missing 1/n",
          "D": "updated weights used in delta", "E": "missing transpose"}


def debug_problem():
    """The network and batch of the debugging exercise: ``(net, X, Y)``.

    ``net`` is ``MLP([4, 4, 4, 4], activation="sigmoid", output="sigmoid", loss="mse")``
    with random biases; ``X`` and ``Y`` have shape (4, 4). The loss the suspects
    differentiate is ``net.loss_and_gradients(X, Y)[0]``.
    """
    rng = np.random.default_rng(7)
    net = MLP([4, 4, 4, 4], activation="sigmoid", output="sigmoid", loss="mse", random_state=3)
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, b.shape)
    return net, rng.normal(size=(4, 4)), rng.uniform(size=(4, 4))


def show_suspect(name):
    """Print the source code of suspect ``name`` ("A" ... "E")."""
    if name not in SUSPECTS:
        raise ValueError(f"name must be one of {list(SUSPECTS)}, got {name!r}")
    print(_suspect_source(name))


def _wrong_blocks(fn, threshold=1e-4):
    net, X, Y = debug_problem()
    dW, db = fn([W.copy() for W in net.weights], [b.copy() for b in net.biases], X, Y)
    names, params, grads = [], [], []
    for l in range(net.n_layers):
        names += [f"W{l + 1}", f"b{l + 1}"]
        params += [net.weights[l], net.biases[l]]
        grads += [dW[l], db[l]]
    errors = gradient_check(lambda: net.loss_and_gradients(X, Y)[0], params, grads)
    return [name for name, e in zip(names, errors) if e.max() > threshold]


def debug_blocks(answer):
    """Check, for every suspect, the list of parameter blocks whose gradient is wrong.

    ``answer`` maps "A" ... "E" to a list of block names such as ``["W1", "b1"]``
    (layer 1 is next to the input), found with a per-entry gradient check.
    """
    if not isinstance(answer, dict) or set(answer) != set(SUSPECTS):
        return Feedback(False, f"answer with a dict that has the keys {sorted(SUSPECTS)}")
    for name in sorted(SUSPECTS):
        want = _wrong_blocks(SUSPECTS[name])
        got = answer[name]
        if isinstance(got, str) or not all(isinstance(b, str) for b in got):
            return Feedback(False, f"for suspect {name} give a list of block names like "
                                   "['W1', 'b1']")
        if sorted(got) != sorted(want):
            return Feedback(False, f"suspect {name}: not the right blocks. Hint: compute the "
                                   "per-entry relative error of every block; a correct block "
                                   "stays below about 1e-6")
    return Feedback(True, "the wrong blocks of all five suspects")


def _bug_name(text):
    """``text`` in the spelling of :data:`BUGS`: any case, spaces squeezed, σ and ′ spelled out."""
    if not isinstance(text, str):
        return text
    text = text.replace("σ", "sigma").replace("′", "'").replace("’", "'")
    return " ".join(text.lower().split())


def debug_bugs(answer):
    """Check which planted bug (one of :data:`BUGS`) each suspect contains.

    ``answer`` maps "A" ... "E" to a string of :data:`BUGS` (any case; "σ′" may stand
    for "sigma'").
    """
    if not isinstance(answer, dict) or set(answer) != set(SUSPECTS):
        return Feedback(False, f"answer with a dict that has the keys {sorted(SUSPECTS)}")
    named = {}
    for name in sorted(SUSPECTS):
        named[name] = _bug_name(answer[name])
        if named[name] not in BUGS:
            return Feedback(False, f"suspect {name}: name the bug with one of {list(BUGS)}")
    wrong = [name for name in sorted(SUSPECTS) if named[name] != _TRUTH[name]]
    if wrong:
        return Feedback(False, f"{len(wrong)} of 5 suspects misnamed, e.g. {wrong[0]}. Hint: "
                               "the wrong blocks tell you which line to read")
    return Feedback(True, "all five planted bugs named")


def batch_shapes(answer, sizes=(784, 100, 10), n=32):
    r"""Shapes in the batch form of backpropagation for ``MLP(sizes)`` on ``n`` samples.

    ``answer`` maps the names "A0", "Z1", "Delta1", "Delta2", "dW1", "dW2", "db1" and
    "Delta2 W2" (the product :math:`\Delta^{(2)} W^{(2)}` that sends the error back) to
    shape tuples. The expected shapes come from running the batch formulas on zeros: the
    forward pass is :func:`nnbook.backprop.forward`, the error terms are BP2, BP3 and BP4
    written out, since those are what the exercise asks about.
    """
    net = MLP(list(sizes), activation="sigmoid", output="sigmoid", loss="mse", random_state=0)
    W2 = net.weights[1]
    A0 = np.zeros((n, sizes[0]))
    fp = forward(net, A0)
    Z1, A1 = fp.zs[0], fp.activations[1]
    Delta2 = np.zeros((n, sizes[2]))
    back = Delta2 @ W2
    Delta1 = back * A1 * (1 - A1)
    want = {"A0": A0.shape, "Z1": Z1.shape, "Delta1": Delta1.shape, "Delta2": Delta2.shape,
            "dW1": (Delta1.T @ A0).shape, "dW2": (Delta2.T @ A1).shape,
            "db1": Delta1.sum(axis=0).shape, "Delta2 W2": back.shape}
    if not isinstance(answer, dict) or set(answer) != set(want):
        return Feedback(False, f"answer with a dict that has the keys {sorted(want)}")
    for key, shape in want.items():
        try:
            got = tuple(int(k) for k in answer[key])
        except (TypeError, ValueError):
            return Feedback(False, f"give the shape of {key} as a tuple of ints, like (32, 100)")
        if got != shape:
            return Feedback(False, f"{key}: {got} is not its shape. Hint: a batch keeps one "
                                   "sample per row, and a gradient has the shape of its parameter")
    return Feedback(True, f"all {len(want)} shapes")


def forward_mode_derivative(answer, weight="w3"):
    """dE/d(weight) of the worked example at its own weights, found with one forward sweep.

    The expected value is the reverse-mode gradient of :func:`worked_network`, so a
    correct forward-mode sweep (a :class:`~nnbook.autograd.Dual` seeded on that weight)
    must agree with it to rounding.
    """
    if weight not in WEIGHT_NAMES:
        raise ValueError(f"weight must be one of {list(WEIGHT_NAMES)}, got {weight!r}")
    net = worked_network()
    _, g = net.loss_and_gradients(np.array([WORKED["x"]]), [WORKED["t"]])
    layer, i, j = WEIGHT_NAMES[weight]
    return check_number(answer, float(g["weights"][layer][i, j]), name=f"your dE/d{weight}",
                        rtol=1e-3, hint="seed the tangent 1 on that weight and 0 on the other "
                                        "five, then read the tangent of E")
