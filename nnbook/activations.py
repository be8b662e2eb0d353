r"""Activation functions and their derivatives.

Every activation :math:`f` comes as a pair: ``name(z)`` returns :math:`f(z)`
and ``name_grad(z)`` returns :math:`f'(z)`, both elementwise on an array of
any shape. ``get(name)`` returns the pair, which is how :class:`nnbook.MLP`
looks them up.

The conventions follow the lectures: the unit step is 0.5 at 0, the sign
function is 0 at 0, and the derivative of ReLU at 0 is taken to be 0.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ._checks import as_float_array

__all__ = ["step", "step_grad", "sign", "sign_grad", "linear", "linear_grad",
           "sigmoid", "sigmoid_grad", "tanh", "tanh_grad", "relu", "relu_grad",
           "leaky_relu", "leaky_relu_grad", "elu", "elu_grad", "softplus", "softplus_grad",
           "gelu", "gelu_grad", "silu", "silu_grad", "maxout", "maxout_grad", "get", "NAMES",
           "MODERN"]


def _checked(f):
    """Validate ``z`` (finite real numbers) before calling the raw kernel ``f``."""
    @functools.wraps(f)
    def wrapper(z, *args, **kwargs):
        return f(as_float_array(z, "z", allow_scalar=True), *args, **kwargs)
    wrapper.__wrapped__ = f
    return wrapper


@_checked
def step(z):
    r"""Unit step: 1 for z > 0, 0 for z < 0 and 0.5 at z = 0."""
    return np.where(z > 0, 1.0, np.where(z < 0, 0.0, 0.5)).astype(z.dtype)


@_checked
def step_grad(z):
    """Derivative of the step: 0 everywhere it exists (we return 0 at z = 0 too)."""
    return np.zeros_like(z)


@_checked
def sign(z):
    """Sign function: +1 for z > 0, -1 for z < 0, 0 at 0."""
    return np.sign(z)


@_checked
def sign_grad(z):
    """Derivative of the sign function: 0 wherever it exists."""
    return np.zeros_like(z)


@_checked
def linear(z):
    """Identity activation f(z) = z."""
    return z.copy()


@_checked
def linear_grad(z):
    """f'(z) = 1."""
    return np.ones_like(z)


@_checked
def sigmoid(z):
    r"""Logistic sigmoid :math:`\sigma(z) = 1/(1+e^{-z})`, computed without overflow."""
    e = np.exp(-np.abs(z))                      # never overflows
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


@_checked
def sigmoid_grad(z):
    r""":math:`\sigma'(z) = \sigma(z)\,(1-\sigma(z))`, at most 1/4."""
    s = sigmoid.__wrapped__(z)
    return s * (1.0 - s)


@_checked
def tanh(z):
    r"""Hyperbolic tangent; note :math:`\tanh z = 2\sigma(2z) - 1`."""
    return np.tanh(z)


@_checked
def tanh_grad(z):
    r""":math:`\tanh'(z) = 1 - \tanh^2 z`."""
    t = np.tanh(z)
    return 1.0 - t * t


@_checked
def relu(z):
    """Rectified linear unit max(0, z)."""
    return np.maximum(z, 0.0)


@_checked
def relu_grad(z):
    """Indicator 1{z > 0} (0 at z = 0 by convention)."""
    return (z > 0).astype(z.dtype)


@_checked
def leaky_relu(z, slope=0.1):
    """Leaky ReLU max(slope*z, z); the lectures use slope 0.1."""
    return np.where(z > 0, z, slope * z)


@_checked
def leaky_relu_grad(z, slope=0.1):
    """1 for z > 0, ``slope`` otherwise."""
    return np.where(z > 0, 1.0, slope).astype(z.dtype)


@_checked
def elu(z, alpha=1.0):
    r"""Exponential linear unit: z for z >= 0, :math:`\alpha(e^z - 1)` otherwise."""
    return np.where(z >= 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


@_checked
def elu_grad(z, alpha=1.0):
    r"""1 for z >= 0, :math:`\alpha e^z` otherwise."""
    return np.where(z >= 0, 1.0, alpha * np.exp(np.minimum(z, 0.0))).astype(z.dtype)


@_checked
def softplus(z):
    r"""Softplus :math:`\log(1 + e^{z})`, a smooth ReLU; computed as
    :math:`\max(z, 0) + \log(1 + e^{-|z|})`, which never overflows."""
    return (np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))).astype(z.dtype)


@_checked
def softplus_grad(z):
    r"""Derivative of softplus: the sigmoid :math:`\sigma(z)`."""
    return sigmoid.__wrapped__(z).astype(z.dtype)


_erf = np.vectorize(math.erf, otypes=[float])
_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def _normal_cdf(z):
    r""":math:`\Phi(z) = \tfrac12\,(1 + \operatorname{erf}(z/\sqrt2))`, in float64."""
    return 0.5 * (1.0 + _erf(np.asarray(z, dtype=float) / _SQRT2))


@_checked
def gelu(z):
    r"""Gaussian error linear unit :math:`z\,\Phi(z)`, with :math:`\Phi` the standard normal
    distribution function (the exact form, not the tanh approximation)."""
    return (z * _normal_cdf(z)).astype(z.dtype)


@_checked
def gelu_grad(z):
    r""":math:`\Phi(z) + z\,\varphi(z)`, with :math:`\varphi(z) = e^{-z^2/2}/\sqrt{2\pi}`."""
    zf = np.asarray(z, dtype=float)
    return (_normal_cdf(zf) + zf * _INV_SQRT_2PI * np.exp(-0.5 * zf * zf)).astype(z.dtype)


@_checked
def silu(z):
    r"""Sigmoid linear unit, also called swish: :math:`z\,\sigma(z)`."""
    return z * sigmoid.__wrapped__(z)


@_checked
def silu_grad(z):
    r""":math:`\sigma(z) + z\,\sigma(z)(1 - \sigma(z)) = \sigma(z)\,(1 + z(1 - \sigma(z)))`."""
    s = sigmoid.__wrapped__(z)
    return s * (1.0 + z * (1.0 - s))


def _maxout_pieces(x, W, b):
    r"""The k affine pieces :math:`w_k^\top x + b_k` of a maxout unit, (n, k) or (k,), after
    checking x (n, d) or (d,), W (k, d) and b (k,)."""
    x = as_float_array(x, "x", ndim=(1, 2))
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if W.shape[0] != b.shape[0]:
        raise ValueError(f"W has {W.shape[0]} pieces but b has {b.shape[0]} entries")
    if x.shape[-1] != W.shape[1]:
        raise ValueError(f"x has {x.shape[-1]} features but W expects {W.shape[1]}")
    return x @ W.T + b


def maxout(x, W, b):
    r"""Maxout unit: :math:`\max_k (w_k^\top x + b_k)`.

    Parameters
    ----------
    x : ndarray, shape (n, d) or (d,)
    W : ndarray, shape (k, d)
        One row of weights per linear piece (k >= 2).
    b : ndarray, shape (k,)

    Returns
    -------
    ndarray, shape (n,) or scalar
        The largest of the k affine functions at each input.
    """
    return _maxout_pieces(x, W, b).max(axis=-1)


def maxout_grad(x, W, b):
    r"""Gradient of :func:`maxout` with respect to its input: the weights :math:`w_{k^*}`
    of the piece :math:`k^* = \arg\max_k (w_k^\top x + b_k)` that wins (the first on a tie).

    Parameters
    ----------
    x : ndarray, shape (n, d) or (d,)
    W : ndarray, shape (k, d)
    b : ndarray, shape (k,)

    Returns
    -------
    ndarray, shape (n, d) or (d,)
        :math:`\partial\,\mathrm{maxout}(x)/\partial x` at each input.
    """
    return as_float_array(W, "W", ndim=2)[_maxout_pieces(x, W, b).argmax(axis=-1)]


def _unchecked(f):
    """The same function without input validation, for the MLP's hot path."""
    return getattr(f, "__wrapped__", f)


_TABLE = {
    "step": (step, step_grad),
    "sign": (sign, sign_grad),
    "linear": (linear, linear_grad),
    "identity": (linear, linear_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "tanh": (tanh, tanh_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "elu": (elu, elu_grad),
    "softplus": (softplus, softplus_grad),
    "gelu": (gelu, gelu_grad),
    "silu": (silu, silu_grad),
}
NAMES = ("step", "sign", "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu")
#: smooth units in wide use today, also available through :func:`get` (not in NAMES,
#: which lists the classic units every chapter iterates over)
MODERN = ("softplus", "gelu", "silu")


def get(name):
    """Return ``(f, f_grad)`` for the activation called ``name``.

    Raises
    ------
    ValueError
        If ``name`` is not one of :data:`NAMES`, :data:`MODERN` or ``"identity"``.
    """
    if not isinstance(name, str):
        raise TypeError(f"activation name must be a string, got {type(name).__name__}")
    try:
        return _TABLE[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; choose one of "
                         f"{', '.join(NAMES + MODERN)}") from None
