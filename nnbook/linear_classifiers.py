r"""One linear neuron trained by per-example SGD: perceptron, linear SVM, logistic regression.

The neuron computes :math:`z = \mathbf w^\top\mathbf x + b` and predicts class 1 when
:math:`z \ge 0`. The three models differ only in the loss of one example, written with the
label :math:`s = 2y - 1 \in \{-1, +1\}` and the margin :math:`m = sz`:

* ``"perceptron"``: :math:`\max(0, -m)`;
* ``"svm"``: the hinge :math:`\max(0, 1 - m)` plus
  :math:`\tfrac{\lambda}{2}\lVert\mathbf w\rVert^2`;
* ``"logistic"``: the cross-entropy of :math:`\sigma(z)`, :math:`\log(1 + e^{-m})`.

Every model makes the same step, :math:`\mathbf w \leftarrow \mathbf w - \eta\lambda\mathbf w +
\eta\, g(m)\, s\,\mathbf x`, :math:`b \leftarrow b + \eta\, g(m)\, s`, with :math:`g = -\ell'`
(:func:`margin_weight`); the loop that makes it is written once, in :func:`_sgd_run`.
:func:`sgd_path` records the weights after every epoch, :func:`sgd_neuron` returns the last ones
and :func:`averaged_perceptron_path` the running mean of the perceptron's weights.

The perceptron here is the perceptron *loss*: it also steps when :math:`m = 0`, so from
:math:`\mathbf w = 0, b = 0` the first example of class 1 counts as a mistake. Rosenblatt's rule
(:func:`nnbook.perceptron.perceptron_rule`) predicts 1 at :math:`z = 0` and does not step there;
the two agree everywhere else.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_random_state
from .perceptron import check_binary_data

__all__ = ["MODELS", "margin_weight", "sgd_path", "sgd_neuron", "averaged_perceptron_path",
           "direction_angle"]

#: the three single-neuron models
MODELS = ("perceptron", "svm", "logistic")


def margin_weight(model, m):
    r"""The weight :math:`g(m) = -\ell'(m)` an example of margin ``m`` gets in the update.

    :math:`[m \le 0]` for the perceptron, :math:`[m < 1]` for the hinge and
    :math:`\sigma(-m)` for the logistic loss (computed as :func:`nnbook.activations.sigmoid`
    does, without overflow). ``m`` is one Python float; the result is a float.
    """
    if model == "perceptron":
        return 1.0 if m <= 0 else 0.0
    if model == "svm":
        return 1.0 if m < 1 else 0.0
    t = math.exp(-abs(m))
    return (t if m >= 0 else 1.0) / (1.0 + t)


def _sgd_run(X, y, model, eta, epochs, lam, random_state):
    """Check the arguments of :func:`sgd_path`; return ``(epochs, d, visits)``.

    ``visits`` trains with per-example SGD and yields ``(epoch, last, w, b)`` after every
    example visited, ``last`` being True on the last example of the epoch. ``w`` is a list of
    d floats, replaced (not changed in place) by each step. The arithmetic runs on Python
    floats, one example at a time, which for two inputs is several times faster than NumPy on
    arrays of length 2.
    """
    X, y = check_binary_data(X, y)
    if model not in MODELS:
        raise ValueError(f"model must be one of {list(MODELS)}, got {model!r}")
    eta = check_positive(eta, "eta")
    epochs = check_int(epochs, "epochs", minimum=1)
    lam = check_positive(lam, "lam", allow_zero=True)
    rng = check_random_state(random_state)
    rows, s, n = X.tolist(), (2 * y - 1).tolist(), X.shape[0]
    shrink = 1.0 - eta * lam if model == "svm" else 1.0

    def visits():
        w, b = [0.0] * X.shape[1], 0.0
        for e in range(1, epochs + 1):
            for k, i in enumerate(rng.permutation(n).tolist()):
                x, si = rows[i], s[i]
                z = b
                for wj, xj in zip(w, x):
                    z += wj * xj
                g = margin_weight(model, si * z)
                if g:
                    step = eta * g * si
                    w = [shrink * wj + step * xj for wj, xj in zip(w, x)]
                    b += step
                elif shrink != 1.0:
                    w = [shrink * wj for wj in w]
                yield e, k == n - 1, w, b

    return epochs, X.shape[1], visits()


def sgd_path(X, y, model, eta=0.1, epochs=50, lam=0.01, random_state=0):
    r"""The weights of one linear neuron at the end of every epoch of per-example SGD.

    Samples are visited in a fresh seeded order every epoch; the bias is never penalised
    and :math:`\lambda` acts for the SVM only.

    Parameters
    ----------
    X : array_like (n, d)
    y : array_like (n,), labels 0/1
    model : {"perceptron", "svm", "logistic"}
    eta : float > 0
    epochs : int >= 1
    lam : float >= 0, the L2 strength (SVM only)
    random_state : int >= 0, numpy.random.Generator or None

    Returns
    -------
    W : ndarray (epochs + 1, d), the weights before training (zeros) and after each epoch
    B : ndarray (epochs + 1,), the biases likewise
    """
    epochs, d, visits = _sgd_run(X, y, model, eta, epochs, lam, random_state)
    W, B = np.zeros((epochs + 1, d)), np.zeros(epochs + 1)
    for e, last, w, b in visits:
        if last:
            W[e], B[e] = w, b
    return W, B


def sgd_neuron(X, y, model, eta=0.1, epochs=50, lam=0.01, random_state=0):
    r"""Train one linear neuron :math:`z = \mathbf w^\top\mathbf x + b` by per-example SGD.

    With :math:`s = 2y - 1`: the perceptron steps :math:`\mathbf w \leftarrow \mathbf w +
    \eta s\mathbf x`, :math:`b \leftarrow b + \eta s` when :math:`sz \le 0`; the SVM steps
    :math:`\mathbf w \leftarrow \mathbf w - \eta(\lambda\mathbf w - s\mathbf x)`,
    :math:`b \leftarrow b + \eta s` when :math:`sz < 1` and otherwise only shrinks
    :math:`\mathbf w \leftarrow \mathbf w - \eta\lambda\mathbf w`; logistic regression steps
    :math:`\mathbf w \leftarrow \mathbf w + \eta(y - \sigma(z))\mathbf x`, :math:`b \leftarrow
    b + \eta(y - \sigma(z))`. This is the last row of :func:`sgd_path` (same arguments).

    Returns
    -------
    w : ndarray (d,), b : float
    """
    W, B = sgd_path(X, y, model, eta=eta, epochs=epochs, lam=lam, random_state=random_state)
    return W[-1].copy(), float(B[-1])


def averaged_perceptron_path(X, y, eta=0.1, epochs=50, random_state=0):
    r"""The averaged perceptron: the running mean of the perceptron's weights, epoch by epoch.

    Runs exactly the perceptron of :func:`sgd_path` (same seeded order) and keeps
    :math:`\bar{\mathbf w}_t = \frac1t\sum_{s=1}^{t}\mathbf w_s`, the mean of the weights after
    every one of the t example visits so far (likewise for b). Averaging damps the swings of
    the last few updates on data that no line separates.

    Parameters
    ----------
    X, y, eta, epochs, random_state : as in :func:`sgd_path`

    Returns
    -------
    W : ndarray (epochs + 1, d), the mean weights at the end of each epoch (zeros first)
    B : ndarray (epochs + 1,)
    """
    epochs, d, visits = _sgd_run(X, y, "perceptron", eta, epochs, 0.0, random_state)
    W, B = np.zeros((epochs + 1, d)), np.zeros(epochs + 1)
    sw, sb, t = [0.0] * d, 0.0, 0
    for e, last, w, b in visits:
        sw = [a + wj for a, wj in zip(sw, w)]
        sb += b
        t += 1
        if last:
            W[e], B[e] = [a / t for a in sw], sb / t
    return W, B


def direction_angle(W):
    r"""The direction of each weight vector, :math:`\operatorname{atan2}(w_2, w_1)`, in degrees.

    Parameters
    ----------
    W : array_like (k, 2)

    Returns
    -------
    ndarray (k,), in (-180, 180]
    """
    W = as_float_array(W, "W", ndim=2)
    if W.shape[1] != 2:
        raise ValueError(f"W must have 2 columns (w1, w2), got {W.shape[1]}")
    return np.degrees(np.arctan2(W[:, 1], W[:, 0]))
