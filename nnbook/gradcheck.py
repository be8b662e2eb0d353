r"""Numerical gradients by central differences, to check derivations and code.

The central difference

.. math:: \frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}

has error :math:`O(h^2)` from truncation plus about :math:`\epsilon_{mach}/h`
from round-off, so :math:`h \approx 10^{-5}`–:math:`10^{-6}` is best in
float64. It costs two evaluations of f per parameter, which is why nobody
trains with it and everybody tests with it.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_positive, check_real

__all__ = ["numerical_gradient", "finite_difference_errors", "relative_error",
           "relative_error_entries", "check_model", "gradient_check"]


def numerical_gradient(f, x, eps=1e-6):
    """Central-difference gradient of a scalar function.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; it may read ``x`` but must not keep it.
    x : array_like, any shape (float64 recommended)
        The point; it is not modified (a copy is perturbed).
    eps : float
        Step h.

    Returns
    -------
    ndarray, same shape as ``x``
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    x = as_float_array(x, "x", allow_scalar=True).astype(np.float64, copy=True)
    eps = check_positive(eps, "eps")
    grad = np.empty_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        fp = float(f(x))
        flat[i] = old - eps
        fm = float(f(x))
        flat[i] = old
        gflat[i] = (fp - fm) / (2 * eps)
    return grad


def finite_difference_errors(f, fprime, x0, hs):
    r"""Errors of the forward and the central difference quotient at ``x0``, step by step.

    The forward quotient's error is :math:`O(h)` from truncation, the central one's
    :math:`O(h^2)`; both grow like :math:`\epsilon_{mach}/h` from round-off as h shrinks,
    which is how the best step is found.

    Parameters
    ----------
    f, fprime : callable
        The function and its exact derivative, each float -> float.
    x0 : float
        The point.
    hs : array_like, shape (m,)
        Steps h > 0.

    Returns
    -------
    forward, central : ndarray, shape (m,)
        :math:`|(f(x_0+h) - f(x_0))/h - f'(x_0)|` and
        :math:`|(f(x_0+h) - f(x_0-h))/(2h) - f'(x_0)|`.
    """
    if not callable(f) or not callable(fprime):
        raise TypeError("f and fprime must be callables float -> float")
    x0 = check_real(x0, "x0")
    hs = as_float_array(hs, "hs", ndim=1)
    if np.any(hs <= 0):
        raise ValueError("every step h must be positive")
    exact = fprime(x0)
    fwd = np.array([(f(x0 + h) - f(x0)) / h for h in hs])
    cen = np.array([(f(x0 + h) - f(x0 - h)) / (2 * h) for h in hs])
    return np.abs(fwd - exact), np.abs(cen - exact)


def relative_error(a, b, floor=1e-12):
    r""":math:`\max_i |a_i-b_i| / \max(|a|_\infty, |b|_\infty, \text{floor})`."""
    a = as_float_array(a, "a", allow_scalar=True)
    b = as_float_array(b, "b", allow_scalar=True)
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}")
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)),
                floor)
    return float(np.max(np.abs(a - b), initial=0.0)) / scale


def relative_error_entries(a, b, floor=1e-8):
    r"""Per-entry relative error :math:`|a_i-b_i| / \max(|a_i|, |b_i|, \text{floor})`.

    Unlike :func:`relative_error`, which divides the largest difference by the
    largest entry of the whole block, each entry is measured against its own size,
    so a wrong entry that is small next to the block's largest one still shows.
    The floor keeps entries that are (almost) zero in both from dividing by zero.

    Parameters
    ----------
    a, b : array_like, same shape
    floor : float > 0

    Returns
    -------
    ndarray, the shape of ``a``, entries in [0, 2]
    """
    a = as_float_array(a, "a", allow_scalar=True)
    b = as_float_array(b, "b", allow_scalar=True)
    if a.shape != b.shape:
        raise ValueError(f"a has shape {a.shape} but b has shape {b.shape}")
    floor = check_positive(floor, "floor")
    return np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)


def gradient_check(loss, params, grads, eps=1e-6, floor=1e-8):
    """Per-entry relative errors of hand-computed gradients against central differences.

    Parameters
    ----------
    loss : callable
        ``loss() -> float``, reading the current values of ``params``.
    params : list of ndarray
        The parameter arrays (float64), perturbed in place one entry at a time and
        restored.
    grads : list of array_like
        The gradients to check, shaped like ``params``.
    eps, floor : float > 0
        Step of the central difference; floor of :func:`relative_error_entries`.

    Returns
    -------
    list of ndarray
        One array of per-entry relative errors per parameter, shaped like it.
    """
    if not callable(loss):
        raise TypeError(f"loss must be callable, got {type(loss).__name__}")
    if len(params) != len(grads):
        raise ValueError(f"got {len(grads)} gradients for {len(params)} parameters")
    errors = []
    for param, grad in zip(params, grads):
        saved = param.copy()

        def f(value, param=param):
            param[...] = value
            return loss()

        try:
            num = numerical_gradient(f, saved, eps)
        finally:
            param[...] = saved
        errors.append(relative_error_entries(grad, num, floor))
    return errors


def check_model(net, X, y, eps=1e-6):
    """Compare ``net.loss_and_gradients`` with central differences, parameter by parameter.

    Parameters
    ----------
    net : MLP
        A network in float64 (float32 is too coarse for the check).
    X, y : the batch on which the loss is measured.

    Returns
    -------
    float
        The largest relative error over all weight matrices and bias vectors
        (below about 1e-7 when backprop is right).
    """
    _, grads = net.loss_and_gradients(X, y)
    worst = 0.0
    for kind in ("weights", "biases"):
        for layer, param in enumerate(getattr(net, kind)):
            def loss_at(value, param=param):
                saved = param.copy()
                param[...] = value
                try:
                    return net.loss_and_gradients(X, y)[0]
                finally:
                    param[...] = saved
            num = numerical_gradient(loss_at, param.copy(), eps)
            worst = max(worst, relative_error(grads[kind][layer], num))
    return worst
