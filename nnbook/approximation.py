r"""Universal approximation by construction: networks whose weights are *set*, not trained.

Every construction returns an :class:`nnbook.MLP`, so a built network and a trained one
are used alike (``predict``, ``sizes``). Notation as in the book: a hidden unit of a
one-hidden-layer network computes :math:`a_i = f(w_i x + b_i)` and the output is
:math:`\hat y = \sum_i v_i a_i + c`; ``weights[0]`` (n, 1) holds the :math:`w_i`,
``biases[0]`` the :math:`b_i`, ``weights[1]`` (1, n) the :math:`v_i` and ``biases[1]``
the output bias :math:`c`.

* shallow constructions: :func:`step_network` (sigmoid staircase), :func:`hat_network`
  (ReLU interpolant), :func:`six_unit_network` (the lectures' six ReLU units);
* depth: :func:`tent` and :func:`tent_network` (:math:`2^k` pieces from :math:`2k` units),
  :func:`count_pieces`, :func:`activation_regions` (linear regions of a ReLU network);
* measures: :func:`max_error` on a :func:`grid`.

The parameter count of a network is :func:`nnbook.mlp.count_parameters`; the checkerboard
data of the depth experiment is :func:`nnbook.data.checkerboard`.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_real
from .backprop import forward
from .mlp import MLP

__all__ = ["DOMAIN", "SIX_UNITS", "grid", "step_network", "hat_network", "six_unit_network",
           "tent", "tent_network", "count_pieces", "max_error", "activation_regions"]

#: the interval of the 1-D examples, [-pi, pi]
DOMAIN = (-np.pi, np.pi)
#: six ReLU units (w_i, b_i, v_i) of a 1-6-1 network, n_i = ReLU(w_i x + b_i) and
#: Z(x) = sum_i v_i n_i = -n_1 - n_2 - n_3 + n_4 + n_5 + n_6: a piecewise-linear curve
#: with six kinks, at x = -b_i / w_i
SIX_UNITS = ((-5.0, -7.7, -1.0), (-1.2, -1.3, -1.0), (1.2, 1.0, -1.0),
             (1.2, -0.2, 1.0), (2.0, -1.1, 1.0), (5.0, -5.0, 1.0))


def grid(a=DOMAIN[0], b=DOMAIN[1], n=8001):
    """Evaluation points: ``n`` equally spaced values from ``a`` to ``b``, shape (n,)."""
    return np.linspace(a, b, n)


def _check_count(n, name, minimum=1):
    """``n`` as an int >= ``minimum`` (a count of pieces, units or points): any other
    value, of any type, is a ValueError (:func:`nnbook._checks.check_int`'s message)."""
    try:
        return check_int(n, name, minimum=minimum)
    except TypeError as err:
        raise ValueError(str(err)) from None


def _check_interval(a, b):
    """``(a, b)`` as floats with ``a < b``."""
    a, b = check_real(a, "a"), check_real(b, "b")
    if not a < b:
        raise ValueError(f"need a < b, got a={a}, b={b}")
    return a, b


def _one_hidden_layer(activation, w, b, v, c):
    r"""``MLP([1, n, 1])`` with an identity output computing :math:`\sum_i v_i f(w_i x + b_i) + c`.

    ``w``, ``b``, ``v`` have shape (n,); the network is built, then its parameters are set
    with :meth:`MLP.restore`.
    """
    w, b, v = (as_float_array(p, name, ndim=1) for p, name in ((w, "w"), (b, "b"), (v, "v")))
    net = MLP([1, w.size, 1], activation=activation, output="identity", loss="mse")
    return net.restore(([w[:, None], v[None, :]], [b, np.array([float(c)])]))


def step_network(f, n_pieces, a=DOMAIN[0], b=DOMAIN[1], sharpness=20.0):
    r"""Sum of sigmoid steps: a staircase through ``f`` at the middle of each piece.

    ``[a, b]`` is cut into ``n_pieces`` pieces of width :math:`\Delta`; on piece i the
    network should equal :math:`h_i = f(m_i)` (its midpoint value). A bump
    :math:`h_i[\sigma(w(x-t_{i-1})) - \sigma(w(x-t_i))]` per piece, summed, shares its
    inner steps with its neighbours, which leaves

    .. math:: g(x) = h_1 + \sum_{i=1}^{N-1} (h_{i+1} - h_i)\,\sigma(w(x - t_i)),

    ``n_pieces - 1`` sigmoid units plus the output bias :math:`h_1`.

    Parameters
    ----------
    f : callable, array (m,) -> array (m,)
    n_pieces : int >= 2
    a, b : float, a < b
    sharpness : float > 0
        Steepness in units of the piece width: :math:`w = \text{sharpness}/\Delta`.

    Returns
    -------
    MLP of sizes [1, n_pieces - 1, 1], sigmoid hidden units, identity output.
    """
    n = _check_count(n_pieces, "n_pieces", minimum=2)
    a, b = _check_interval(a, b)
    sharpness = check_positive(sharpness, "sharpness")
    edges = np.linspace(a, b, n + 1)
    h = np.asarray(f(0.5 * (edges[:-1] + edges[1:])), dtype=float)
    w = sharpness * n / (b - a)
    return _one_hidden_layer("sigmoid", np.full(n - 1, w), -w * edges[1:-1], np.diff(h), h[0])


def hat_network(f, n_pieces, a=DOMAIN[0], b=DOMAIN[1]):
    r"""ReLU network that interpolates ``f`` linearly between ``n_pieces + 1`` nodes.

    With nodes :math:`t_0 < \dots < t_N` and slopes :math:`s_i` of the chords,

    .. math:: g(x) = f(t_0) + s_0\,\mathrm{relu}(x - t_0)
              + \sum_{i=1}^{N-1} (s_i - s_{i-1})\,\mathrm{relu}(x - t_i),

    which is the sum of hats :math:`f(t_i)\,\mathrm{hat}_i(x)`: ``n_pieces`` ReLU units.

    Parameters
    ----------
    f : callable, array (m,) -> array (m,)
    n_pieces : int >= 1
    a, b : float, a < b

    Returns
    -------
    MLP of sizes [1, n_pieces, 1], ReLU hidden units, identity output.
    """
    n = _check_count(n_pieces, "n_pieces")
    a, b = _check_interval(a, b)
    t = np.linspace(a, b, n + 1)
    y = np.asarray(f(t), dtype=float)
    s = np.diff(y) / np.diff(t)
    return _one_hidden_layer("relu", np.ones(n), -t[:-1], np.concatenate([[s[0]], np.diff(s)]),
                             y[0])


def six_unit_network():
    """The six ReLU units of :data:`SIX_UNITS`, Z(x) = -n1 - n2 - n3 + n4 + n5 + n6, as an
    MLP [1, 6, 1] with ReLU hidden units, an identity output and output bias 0."""
    w, b, v = np.array(SIX_UNITS).T
    return _one_hidden_layer("relu", w, b, v, 0.0)


def tent(u):
    r"""The tent map :math:`T(u) = 2\min(u, 1-u)` on [0, 1] (= 2 relu(u) - 4 relu(u - 1/2))."""
    u = np.asarray(u, dtype=float)
    return 2 * np.minimum(u, 1 - u)


def tent_network(k):
    r"""A deep ReLU network computing :math:`T^k = T\circ\dots\circ T` on [0, 1].

    Every hidden layer has two units, :math:`\mathrm{relu}(u)` and
    :math:`\mathrm{relu}(u - 1/2)`, whose combination :math:`2a_1 - 4a_2` is the next
    layer's input: sizes ``[1] + [2] * k + [1]``, so ``2k`` hidden units in all.

    Parameters
    ----------
    k : int >= 1
        Number of compositions.

    Returns
    -------
    MLP with ReLU hidden units and an identity output.
    """
    k = _check_count(k, "k")
    net = MLP([1] + [2] * k + [1], activation="relu", output="identity", loss="mse")
    combine = [[2.0, -4.0], [2.0, -4.0]]
    weights = [[[1.0], [1.0]], *[combine] * (k - 1), combine[:1]]
    return net.restore((weights, [[0.0, -0.5]] * k + [[0.0]]))


def count_pieces(fn, a, b, n=4097, tol=1e-7):
    """Number of linear pieces of a piecewise-linear ``fn`` on [a, b], read off slopes.

    Two neighbouring slopes of the grid of ``n`` points that differ by more than ``tol``
    mark a kink; the grid must contain every kink (use a dyadic grid for the tent map).
    ``fn`` maps an array (n,) to n values.
    """
    x = np.linspace(a, b, n)
    slopes = np.diff(np.asarray(fn(x), dtype=float).ravel()) / np.diff(x)
    return 1 + int(np.sum(~np.isclose(slopes[1:], slopes[:-1], rtol=0, atol=tol)))


def max_error(net_or_fn, f, a=DOMAIN[0], b=DOMAIN[1], n=8001):
    """Largest |g(x) - f(x)| over ``n`` equally spaced points of [a, b] (:func:`grid`).

    ``net_or_fn`` is an MLP with one input and one output, or a callable (n,) -> (n,).
    """
    x = grid(a, b, n)
    g = net_or_fn.predict(x[:, None]) if isinstance(net_or_fn, MLP) else net_or_fn(x)
    return float(np.max(np.abs(np.ravel(g) - f(x))))


def activation_regions(net, X):
    r"""Label every point by the linear region of a ReLU network that contains it.

    Inside one region every hidden unit keeps its sign, so the network is one affine map
    there; the region is named by the on/off pattern of all hidden units,
    :math:`(\mathbf{z}^{(1)} > 0, \dots, \mathbf{z}^{(L-1)} > 0)`.

    Parameters
    ----------
    net : MLP whose hidden layers are all ReLU (``activation="relu"`` or a per-layer list
        of ``"relu"``); its pre-activations come from :func:`nnbook.backprop.forward`
    X : array_like (m, n_in)

    Returns
    -------
    ids : ndarray (m,) of int, 0 .. R-1, one id per distinct pattern met (in order of the
        sorted patterns, so equal inputs give equal ids)
    R : int, the number of distinct regions among the points
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    if any(act != "relu" for act in net.hidden_activations):
        raise ValueError("activation_regions needs ReLU hidden units, got "
                         f"{list(net.hidden_activations)}")
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != net.sizes[0]:
        raise ValueError(f"X must have {net.sizes[0]} columns (the network's inputs), "
                         f"got {X.shape[1]}")
    patterns = [z > 0 for z in forward(net, X).zs[:-1]]
    packed = np.packbits(np.concatenate(patterns, axis=1), axis=1)
    _, ids = np.unique(packed, axis=0, return_inverse=True)
    ids = ids.ravel()
    return ids, int(ids.max()) + 1
