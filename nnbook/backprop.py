r"""The forward and backward passes of a fully connected network (chapter 5).

Layer l computes, for one sample,

.. math:: z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = f(z^{(l)}),

with :math:`W^{(l)}` of shape (n_out, n_in), :math:`w_{ij}` joining unit j of
layer l-1 to unit i of layer l, and :math:`a^{(0)}=x`. Over a batch of n rows
the code computes ``Z = A @ W.T + b``; the loss is the mean over the batch.

Backpropagation in the same notation:

* (BP1) output error :math:`\delta^{(L)} = (\hat y - y)/n` for the matched pairs
  softmax+cross-entropy, sigmoid+binary cross-entropy and identity+MSE;
* (BP2) :math:`\delta^{(l)} = (W^{(l+1)\top}\delta^{(l+1)}) \odot f'(z^{(l)})`;
* (BP3) :math:`\partial L/\partial b^{(l)} = \sum_{\text{batch}}\delta^{(l)}`;
* (BP4) :math:`\partial L/\partial W^{(l)} = \delta^{(l)} a^{(l-1)\top}`.

:class:`nnbook.mlp.MLP` is the estimator around these functions; they take the
network for its parameters and layer types and return everything they compute
(a :class:`Pass`), so nothing is left behind between calls.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import activations

__all__ = ["Pass", "workspace", "forward", "data_loss", "backward", "softmax_rows"]

_sigmoid = activations._unchecked(activations.sigmoid)


class Pass(NamedTuple):
    """What a forward pass computed, which the loss and the backward pass read.

    zs : list of ndarray, ``zs[l]`` (n, sizes[l+1]), the pre-activations :math:`z^{(l+1)}`
        (with a training workspace, a ReLU layer's entry holds :math:`\\max(z, 0)`)
    activations : list of ndarray, ``activations[0]`` is the input, the last the output
    lse : ndarray (n,) or None, :math:`\\log\\sum_k e^{z_k}` of a softmax output
    """

    zs: list
    activations: list
    lse: np.ndarray | None


def softmax_rows(z):
    """Row-wise softmax of z (n, K) and its log-sum-exp (n,), sharing one exp pass.

    With few classes a row is only K numbers; in column-major order NumPy takes the
    row maxima and sums as K vectorised column operations instead of n short loops.
    """
    z = np.asfortranarray(z)
    m = z.max(axis=1)
    e = z - m[:, None]
    np.exp(e, out=e)
    s = e.sum(axis=1)
    e /= s[:, None]
    return e, m + np.log(s)


def workspace(net, work, n):
    """Arrays that every training step on ``n`` rows reuses, made on first use.

    ``work`` is a dict owned by the training loop (one per ``fit`` call or per run of
    ``step`` calls); writing each step's z, errors and gradients into the same memory
    avoids allocating (and the operating system zeroing) fresh arrays per batch.
    """
    ws = work.get(n)
    if ws is None:
        if len(work) > 8:               # batch sizes keep changing: start afresh
            work.clear()
        dt, hidden = net.dtype, net.sizes[1:]
        ws = work[n] = {"z": [np.empty((n, k), dt) for k in hidden],
                        "delta": [np.empty((n, k), dt) for k in hidden],
                        "gW": [np.empty_like(W) for W in net.weights],
                        "zero": [np.zeros(k, dt) for k in hidden],
                        "ones": np.ones(n, dt)}
    return ws


def forward(net, X, masks=None, ws=None):
    """The forward pass of ``net`` on X (n, n_in); returns a :class:`Pass`.

    ``masks[l]`` (n, sizes[l+1]) multiplies hidden layer l's output (dropout).
    Training passes a workspace ``ws`` (:func:`workspace`): each layer's z is written
    into it, and a ReLU layer is applied in place, so its entry in ``zs`` holds
    :math:`\\max(z, 0)`. That is all backpropagation needs:
    :math:`f'(z) = 1\\{z>0\\} = 1\\{a>0\\}`.
    """
    A, lse = X, None
    zs, acts = [], [X]
    L = len(net.weights)
    for l in range(L):
        Z = np.matmul(A, net.weights[l].T, out=ws["z"][l] if ws else None)
        Z += net.biases[l]
        if l < L - 1:
            if ws and net.hidden_activations[l] == "relu":
                A = np.maximum(Z, ws["zero"][l], out=Z)   # a zero row: NumPy's fast loop
            else:
                A = net._fns[l][0](Z)
            if masks is not None and masks[l] is not None:
                A = A * masks[l]
        elif net.output == "softmax":
            A, lse = softmax_rows(Z)
        elif net.output == "sigmoid":
            A = _sigmoid(Z)
        else:
            A = Z
        zs.append(Z)
        acts.append(A)
    return Pass(zs, acts, lse)


def data_loss(net, fp, T):
    """Mean loss of the pass ``fp`` against targets T (n, n_out), without penalty."""
    P, n = fp.activations[-1], T.shape[0]
    if net.loss == "cross_entropy":
        # -sum_k t_k log p_k = sum_k t_k (lse - z_k), lse = log sum_j exp z_j
        return float(np.vdot(T, fp.lse[:, None] - fp.zs[-1])) / n
    if net.loss == "binary_cross_entropy":
        Z = fp.zs[-1]
        return float(np.sum(np.maximum(Z, 0) - Z * T + np.log1p(np.exp(-np.abs(Z)))) / n)
    D = P - T
    return 0.5 * float(np.sum(D * D)) / n


def backward(net, fp, T, masks=None, l1=0.0, l2=0.0, scale=1.0, ws=None):
    """Gradients (BP1–BP4) of the pass ``fp``, each multiplied by ``scale``.

    Returns ``gW, gb``: lists shaped like ``net.weights`` and ``net.biases``, with
    the penalty gradients :math:`\\lambda_2 W` and :math:`\\lambda_1 \\operatorname{sgn} W`
    added. Every gradient is linear in the output error, so ``scale`` (the SGD step
    :math:`\\eta`) costs one multiply of the small (n, n_out) array instead of a pass
    over all parameters. With a workspace ``ws`` the results are written into it.
    """
    n = T.shape[0]
    P = fp.activations[-1]
    L = len(net.weights)
    delta = np.subtract(P, T, out=ws["delta"][-1] if ws else None)
    delta *= scale / n                                   # (BP1), matched pairs
    if net.output == "sigmoid" and net.loss == "mse":
        delta *= P * (1 - P)                             # chain through sigma'
    ones = ws["ones"] if ws else np.ones(n, net.dtype)
    gW, gb = [None] * L, [None] * L
    for l in range(L - 1, -1, -1):
        gW[l] = np.matmul(delta.T, fp.activations[l],    # (BP4)
                          out=ws["gW"][l] if ws else None)
        gb[l] = ones @ delta                             # (BP3), a sum over the batch
        if l2:
            gW[l] += (scale * l2) * net.weights[l]
        if l1:
            gW[l] += (scale * l1) * np.sign(net.weights[l])
        if l > 0:
            delta = np.matmul(delta, net.weights[l],     # (BP2)
                              out=ws["delta"][l - 1] if ws else None)
            if net.hidden_activations[l - 1] == "relu":
                np.multiply(delta, fp.zs[l - 1] > 0, out=delta)   # f' = 1{z > 0}
            else:
                delta *= net._fns[l - 1][1](fp.zs[l - 1])
            if masks is not None and masks[l - 1] is not None:
                delta *= masks[l - 1]
    return gW, gb
