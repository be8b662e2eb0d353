"""Checkers for the exercises of chapter 2, activation functions.

Each function takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.
"""

from __future__ import annotations

import numpy as np

from .. import activations
from . import Feedback, check_array, check_choice, check_function, check_number

__all__ = ["neuron_output", "elu_slope", "softplus", "maxout_abs", "sigmoid_bound",
           "collapse_problem", "collapse", "negative_gradients", "output_activations",
           "OUTPUT_TASKS", "glorot_variance", "DELTA_CHAIN", "delta_chain", "silu_minimum"]

#: the neuron of ex-ch2-neuron: weights w, bias b and the input x
NEURON = {"w": np.array([2.0, -1.0]), "b": -1.0, "x": np.array([1.0, 0.5])}

#: relative tolerance of the numeric checkers: three significant digits, what a hand
#: calculation or a panel title (printed to three digits) gives
RTOL = 5e-3


def _scalar(answer):
    """The answer as one float, or None when it is not a single number."""
    try:
        value = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    return float(value[0]) if value.size == 1 else None


def _number(answer, expected, name, hint, rtol=RTOL):
    """``check_number`` with relative tolerance ``rtol``; an answer within 3% of the expected
    value but outside ``rtol`` is told that it is close and needs more digits, not "off"."""
    fb = check_number(answer, expected, name=name, rtol=rtol, atol=1e-12, hint=hint)
    if fb:
        return fb
    value = _scalar(answer)
    if value is not None and np.isclose(value, expected, rtol=0.03):
        return Feedback(False, f"{name} = {value:.6g} is close, but not close enough: keep "
                               f"more digits (answers are checked to a relative {rtol:g})")
    return fb


def neuron_output(answer):
    """Ex. ex-ch2-neuron: the output sigma(w.x + b) of the exercise's neuron."""
    z = float(NEURON["w"] @ NEURON["x"] + NEURON["b"])
    expected = float(activations.sigmoid(z))
    fb = _number(answer, expected, name="sigma(z)",
                 hint="first compute z = w1*x1 + w2*x2 + b, then 1/(1 + exp(-z))")
    value = _scalar(answer)
    if not fb and value is not None and np.isclose(value, z, rtol=1e-3):
        return Feedback(False, f"{answer} is z itself; the neuron's output is sigma(z)")
    return fb


def elu_slope(answer, z=-1.0, alpha=0.5):
    """Ex. ex-ch2-elu: the derivative of ELU with alpha = 0.5 at z = -1."""
    expected = float(activations.elu_grad(z, alpha))
    fb = _number(answer, expected, name=f"ELU'({z:g})",
                 hint="for z < 0, d/dz alpha*(e^z - 1) = alpha*e^z")
    value = _scalar(answer)
    if not fb and value is not None and np.isclose(value, float(activations.elu(z, alpha)),
                                                   rtol=1e-3):
        return Feedback(False, "that is ELU's value at z, not its slope")
    return fb


def softplus(fn, fn_grad):
    """Ex. ex-ch2-softplus: ``fn`` = log(1 + e^z) and ``fn_grad`` its derivative, elementwise."""
    inputs = [np.array([-3.0, -1.0, 0.0, 0.5, 2.0]), np.linspace(-20, 20, 41)]
    fb = check_function(fn, activations.softplus, inputs, name="softplus", rtol=1e-6,
                        hint="log(1 + exp(z)) overflows for large z; np.logaddexp(0, z) "
                             "does not")
    if not fb:
        return fb
    fb = check_function(fn_grad, lambda z: activations.sigmoid(np.asarray(z, dtype=float)),
                        inputs, name="softplus'", rtol=1e-6,
                        hint="differentiate log(1 + e^z) with the chain rule and compare "
                             "with a function you met in this chapter")
    if not fb:
        return fb
    return Feedback(True, "softplus and its derivative agree with the reference on "
                          f"{sum(x.size for x in inputs)} inputs")


def maxout_abs(W, b):
    """Ex. ex-ch2-maxout: a two-piece maxout unit on 1-D inputs that computes |x|."""
    try:
        W = np.asarray(W, dtype=float)
        b = np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, "W and b should be arrays of numbers")
    if W.shape != (2, 1) or b.shape != (2,):
        return Feedback(False, f"W should have shape (2, 1) and b shape (2,) (two pieces, one "
                               f"input); got {W.shape} and {b.shape}")
    x = np.linspace(-3, 3, 61)[:, None]
    return check_array(activations.maxout(x, W, b), np.abs(x[:, 0]), name="maxout(x, W, b)",
                       rtol=1e-9, atol=1e-9,
                       hint="|x| is the larger of two lines through the origin")


def sigmoid_bound(answer, depth=10):
    """Ex. ex-ch2-bound: the largest possible |d a_depth / d a_0| of a chain of ``depth``
    sigmoid units with weights |w_k| <= 1."""
    peak = float(activations.sigmoid_grad(0.0))        # the largest slope of sigma
    expected = peak ** depth
    fb = _number(answer, expected, name="the bound",
                 hint=f"each of the {depth} units contributes a factor w_k sigma'(z_k); "
                      "how large can each factor be?")
    value = _scalar(answer)
    if not fb and value is not None and np.isclose(value, peak * depth, rtol=1e-3):
        return Feedback(False, "the factors multiply (chain rule); they do not add")
    return fb


def collapse_problem():
    """The three affine layers of ex-ch2-collapse: ``(W1, b1, W2, b2, W3, b3)``, 4 -> 5 -> 3 -> 2.

    The network computes ``W3 @ (W2 @ (W1 @ x + b1) + b2) + b3`` (no activation).
    """
    rng = np.random.default_rng(2)
    shapes = [(5, 4), (3, 5), (2, 3)]
    out = []
    for n_out, n_in in shapes:
        out += [np.round(rng.normal(size=(n_out, n_in)), 1), np.round(rng.normal(size=n_out), 1)]
    return tuple(out)


def collapse(W, b):
    """Ex. ex-ch2-collapse: the single affine map (W, b) equal to the three layers."""
    W1, b1, W2, b2, W3, b3 = collapse_problem()
    fb = check_array(W, W3 @ W2 @ W1, name="W", rtol=1e-9, atol=1e-9,
                     hint="the layer applied first (W1) stands rightmost in the product")
    if not fb:
        return fb
    fb = check_array(b, W3 @ (W2 @ b1 + b2) + b3, name="b", rtol=1e-9, atol=1e-9,
                     hint="b1 passes through W2 and W3, b2 through W3 only")
    if not fb:
        return fb
    return Feedback(True, "W and b reproduce the three-layer linear network exactly")


def negative_gradients(answer, z=-2.0):
    """Ex. ex-ch2-negative: [ReLU'(-2), leaky ReLU'(-2) with slope 0.1, ELU'(-2) with alpha 1]."""
    expected = [float(activations.relu_grad(z)), float(activations.leaky_relu_grad(z, 0.1)),
                float(activations.elu_grad(z, 1.0))]
    return check_array(answer, expected, name="[ReLU', leaky ReLU', ELU'] at z = -2",
                       rtol=RTOL, atol=1e-6,
                       hint="on the negative side ReLU is flat, leaky ReLU is the line 0.1 z "
                            "and ELU is e^z - 1")


#: the three tasks of ex-ch2-output and the output activation each one needs
OUTPUT_TASKS = {"price": "identity", "spam": "sigmoid", "digit": "softmax"}
#: other names the chapter uses for the same output activations
OUTPUT_SYNONYMS = {"linear": "identity", "logistic": "sigmoid"}


def output_activations(answer):
    """Ex. ex-ch2-output: a dict task -> output activation ("identity", "sigmoid", "softmax").

    Case is ignored, and "linear" counts as "identity" (the chapter's table uses both names)."""
    if not isinstance(answer, dict) or set(answer) != set(OUTPUT_TASKS):
        return Feedback(False, f"give a dict with the keys {sorted(OUTPUT_TASKS)}")
    why = {"price": "a real number with no bounds needs no squashing",
           "spam": "one probability in (0, 1) for a yes/no question",
           "digit": "ten probabilities that sum to 1"}
    for task, expected in OUTPUT_TASKS.items():
        given = answer[task]
        if isinstance(given, str):
            given = given.strip().lower()
            given = OUTPUT_SYNONYMS.get(given, given)
        fb = check_choice(given, expected, name=f"the output for {task!r}")
        if not fb:
            return Feedback(False, fb.message + f" (think: {why[task]})")
    return Feedback(True, "identity for a price, sigmoid for spam or not, softmax for the "
                          "ten digits")


def glorot_variance(answer, n_in=784, n_out=100):
    """Ex. ex-ch2-glorot: the Glorot variance 2 / (n_in + n_out) of a 784 -> 100 tanh layer."""
    expected = 2.0 / (n_in + n_out)
    fb = _number(answer, expected, name="Var(w)",
                 hint="Glorot averages the fan-in and the fan-out: 2 / (n_in + n_out)")
    value = _scalar(answer)
    if fb or value is None:
        return fb
    if np.isclose(value, np.sqrt(expected), rtol=1e-3):
        return Feedback(False, "that is the standard deviation; the question asks for the "
                               "variance (its square)")
    if np.isclose(value, 2.0 / n_in, rtol=1e-3):
        return Feedback(False, "2 / n_in is the He variance for ReLU layers; Glorot uses "
                               "n_in + n_out")
    return fb


#: the two-unit chain of ex-ch2-delta: a1 = tanh(w1 x), y_hat = w2 a1, L = (y_hat - y)^2 / 2
DELTA_CHAIN = {"x": 1.0, "w1": 0.5, "w2": 2.0, "y": 1.0}


def _delta_chain_values():
    c = DELTA_CHAIN
    z1 = c["w1"] * c["x"]
    a1 = float(activations.tanh(z1))
    delta2 = c["w2"] * a1 - c["y"]                       # dL/dz2 with the identity output
    delta1 = float(activations.tanh_grad(z1)) * c["w2"] * delta2
    return delta2, delta1


def delta_chain(answer):
    """Ex. ex-ch2-delta: the error signal delta1 = dL/dz1 of the chain DELTA_CHAIN."""
    delta2, delta1 = _delta_chain_values()
    fb = _number(answer, delta1, name="delta1",
                 hint="delta2 = y_hat - y; then delta1 = tanh'(z1) * w2 * delta2")
    value = _scalar(answer)
    if fb or value is None:
        return fb
    if np.isclose(value, delta2, rtol=1e-3):
        return Feedback(False, "that is delta2, the error signal of the output; carry it one "
                               "layer down")
    if np.isclose(value, DELTA_CHAIN["w2"] * delta2, rtol=1e-3):
        return Feedback(False, "you left out the local gradient tanh'(z1) = 1 - tanh(z1)^2")
    return fb


def _silu_minimum_location():
    """The z < 0 where SiLU'(z) = sigma(z) (1 + z (1 - sigma(z))) = 0 (bisection on [-3, -0.5])."""
    lo, hi = -3.0, -0.5                       # SiLU' < 0 at -3 and > 0 at -0.5
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if float(activations.silu_grad(mid)) < 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def silu_minimum(answer):
    """Ex. ex-ch2-silu: the location z of the minimum of SiLU(z) = z sigma(z)."""
    z_min = _silu_minimum_location()
    fb = _number(answer, z_min, name="z at the minimum", rtol=1e-4,
                 hint="the minimum is where the derivative sigma(z) (1 + z (1 - sigma(z))) "
                      "is zero; bisect between z = -3 and z = -0.5")
    value = _scalar(answer)
    if not fb and value is not None and np.isclose(value, float(activations.silu(z_min)),
                                                   rtol=1e-3):
        return Feedback(False, "that is the smallest value of SiLU; the question asks where "
                               "(at which z) it is reached")
    return fb
