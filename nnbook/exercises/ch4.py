r"""Answer checkers for chapter 4 (backpropagation).

Every expected answer is computed here with ``nnbook`` itself (autograd,
MLP, the panels' loss surface), so the notebook never prints it next to the
question. Each checker returns a :class:`~nnbook.exercises.Feedback`.
"""

from __future__ import annotations

import numpy as np

from .. import MLP
from ..autograd import Value
from ..losses import softmax
from ..panels.backprop import WEIGHT_NAMES, H, worked_network
from . import Feedback, check_array, check_number

__all__ = ["review_gradient", "critical_learning_rate", "circuit_gradients", "numerical_cost",
           "softmax_gradient", "worked_update", "backprop_function"]


def review_gradient(answer):
    r"""Gradient :math:`[\partial g/\partial x, \partial g/\partial y]` of
    :math:`g(x, y) = x y^2 + 3x` at :math:`(2, -1)`."""
    x, y = Value(2.0), Value(-1.0)
    g = x * y ** 2 + 3 * x
    g.backward()
    return check_array(answer, [x.grad, y.grad], name="your gradient",
                       hint="differentiate in x with y held fixed, then in y with x fixed")


def critical_learning_rate(answer):
    r"""Largest :math:`\alpha` for which gradient descent on the panel's bowl converges."""
    expected = 2.0 / float(np.linalg.eigvalsh(H).max())
    return check_number(answer, expected, name="the critical learning rate", rtol=1e-2,
                        hint="along each principal axis w is multiplied by (1 - α λ) per step")


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
    net = MLP(list(sizes), output="identity", loss="mse", random_state=0)
    n_params = sum(W.size for W in net.weights) + sum(b.size for b in net.biases)
    return check_number(answer, 2 * n_params, name="the number of forward passes", rtol=0,
                        atol=0.5, hint="count weights and biases, then two passes each")


def softmax_gradient(answer, y=(2.0, 1.0, 0.1), k=0):
    r""":math:`\partial L/\partial y_j` for :math:`L = -\log p_k`, p = softmax(y)."""
    expected = softmax(np.asarray(y, dtype=float))
    expected[k] -= 1.0
    return check_array(answer, expected, name="your dL/dy",
                       hint="p_j for every wrong class j, and p_k - 1 for the true class k")


def worked_update(answer, t=0.9, eta=1.0):
    """The six weights [w1+, ..., w6+] after one step of the worked example with target ``t``."""
    net = worked_network()
    _, g = net.loss_and_gradients(np.array([[0.35, 0.9]]), [t])
    new = [float(net.weights[l][i, j] - eta * g["weights"][l][i, j])
           for l, i, j in WEIGHT_NAMES.values()]
    return check_array(answer, new, name="your list of new weights", rtol=1e-5,
                       hint="use the old w1 and w2 when you send the error back to the "
                            "hidden layer")


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
