r"""The first neurons: the McCulloch–Pitts unit and Rosenblatt's perceptron.

* The threshold unit: unit j adds up its weighted inputs,
  :math:`\text{net}_j = \sum_i w_{ji}\,o_i`, and fires (outputs 1) when
  :math:`\text{net}_j \ge T_j`, else outputs 0. The weights and the threshold
  are chosen by hand, which is enough to build AND, OR and NOT. This weighted
  form is the later generalisation of the 1943 unit of McCulloch and Pitts,
  whose excitatory inputs carried no weights (the unit counted the active ones
  against its threshold) and any active inhibitory input vetoed firing; weight
  +1 on each excitatory input and a large negative weight on each inhibitory
  one reproduce it.
* Rosenblatt (1958): the same threshold unit with a bias :math:`b = -T`,
  :math:`\hat y = 1` if :math:`\mathbf w\cdot\mathbf x + b \ge 0` else 0, which
  *learns* from labelled examples, one at a time, by the perceptron rule

  .. math:: \mathbf w \leftarrow \mathbf w + \eta\,(y-\hat y)\,\mathbf x,\qquad
            b \leftarrow b + \eta\,(y-\hat y).

  A correct prediction changes nothing; a wrong one moves the boundary towards
  the example. On linearly separable data the perceptron convergence theorem
  bounds the number of mistakes, so training stops; on data that no line
  separates (XOR) the mistakes never end. Novikoff's theorem bounds the mistakes by
  :math:`(R/\gamma)^2` (:func:`novikoff_bound`).

The rule is written once, in :func:`perceptron_rule`, and its loop over epochs once, in
:func:`_rule_epochs`, which :class:`Perceptron` and :func:`rule_trace` (every update of an
in-order run) share; a unit's errors: :func:`count_mistakes`, :func:`unit_accuracy`.
Threshold units wired by hand: :func:`mcculloch_pitts`, the 1943 unit with its veto
(:func:`mp_unit_1943`) and a two-layer network of them (:func:`threshold_network`, which
with :data:`XOR_HIDDEN` and :data:`XOR_OUTPUT` computes XOR).
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_random_state, check_real
from .metrics import accuracy

__all__ = ["mcculloch_pitts", "mp_unit_1943", "threshold_network", "XOR_HIDDEN", "XOR_OUTPUT",
           "check_binary_data", "perceptron_rule", "Perceptron", "rule_trace", "count_mistakes",
           "unit_accuracy", "novikoff_bound"]

#: the hand-built XOR network: hidden OR and NAND units (rows), then an AND unit
XOR_HIDDEN = {"weights": np.array([[1.0, 1.0], [-1.0, -1.0]]), "thresholds": np.array([1.0, -1.5])}
XOR_OUTPUT = {"weights": np.array([1.0, 1.0]), "threshold": 2.0}


def mcculloch_pitts(inputs, weights, threshold):
    r"""Output of a (weighted) McCulloch–Pitts threshold unit, :math:`[\sum_i w_i o_i \ge T]`.

    Parameters
    ----------
    inputs : array_like, shape (n, d) or (d,)
        The inputs :math:`o_i` (usually 0/1), one row per case.
    weights : array_like, shape (d,)
        The weights :math:`w_i` (positive: excitatory, negative: inhibitory).
    threshold : float
        The threshold :math:`T`.

    Returns
    -------
    ndarray of int, shape (n,), or int when ``inputs`` is one case (d,)
        1 where :math:`\text{net} = \sum_i w_i o_i \ge T`, else 0.

    Examples
    --------
    >>> mcculloch_pitts([[0, 0], [0, 1], [1, 0], [1, 1]], [1, 1], 2)   # AND
    array([0, 0, 0, 1])
    """
    o = as_float_array(inputs, "inputs", ndim=(1, 2))
    w = as_float_array(weights, "weights", ndim=1)
    T = check_real(threshold, "threshold")
    if o.shape[-1] != w.shape[0]:
        raise ValueError(f"inputs has {o.shape[-1]} values per case but weights has "
                         f"{w.shape[0]} entries")
    fired = (o @ w >= T).astype(np.int64)
    return int(fired) if fired.ndim == 0 else fired


def mp_unit_1943(X, excitatory, inhibitory, threshold):
    r"""The unit of McCulloch and Pitts (1943), with an absolute veto.

    Inputs are 0/1. The unit fires (outputs 1) when no inhibitory input is on and at least
    ``threshold`` excitatory inputs are on; connections carry no weights. The weighted
    threshold unit :func:`mcculloch_pitts` is its later generalisation: weight +1 on each
    excitatory input and a weight below minus their number on each inhibitory one compute
    the same function.

    Parameters
    ----------
    X : array_like (n, d) of 0/1
    excitatory, inhibitory : sequences of column indices of X
    threshold : int >= 0

    Returns
    -------
    ndarray (n,) of int
    """
    X = as_float_array(X, "X", ndim=2)
    if not np.all(np.isin(X, (0, 1))):
        raise ValueError("X must hold 0/1 inputs only")
    exc, inh = list(excitatory), list(inhibitory)
    for j in exc + inh:
        if not 0 <= j < X.shape[1]:
            raise ValueError(f"input index {j} is outside 0..{X.shape[1] - 1}")
    threshold = check_int(threshold, "threshold", minimum=0)
    count = X[:, exc].sum(axis=1) if exc else np.zeros(X.shape[0])
    veto = X[:, inh].any(axis=1) if inh else np.zeros(X.shape[0], dtype=bool)
    return ((count >= threshold) & ~veto).astype(np.int64)


def threshold_network(X, hidden, output):
    r"""A two-layer network of McCulloch–Pitts threshold units.

    Hidden unit j fires when :math:`\sum_i W_{ji}x_i \ge T_j`; the output unit fires when
    :math:`\sum_j v_j h_j \ge T`. With ``hidden=XOR_HIDDEN`` and ``output=XOR_OUTPUT`` (OR and
    NAND in the hidden layer, AND at the output) it computes XOR.

    Parameters
    ----------
    X : array_like (n, d)
    hidden : dict with ``"weights"`` (m, d) and ``"thresholds"`` (m,)
    output : dict with ``"weights"`` (m,) and ``"threshold"`` float

    Returns
    -------
    H : ndarray (n, m) of int, the hidden outputs
    out : ndarray (n,) of int
    """
    X = as_float_array(X, "X", ndim=2)
    W = as_float_array(hidden["weights"], "hidden weights", ndim=2)
    T = as_float_array(hidden["thresholds"], "hidden thresholds", ndim=1)
    if W.shape[0] != T.shape[0]:
        raise ValueError(f"{W.shape[0]} hidden weight rows but {T.shape[0]} thresholds")
    H = np.column_stack([mcculloch_pitts(X, W[j], T[j]) for j in range(W.shape[0])])
    return H, mcculloch_pitts(H, output["weights"], output["threshold"])


def check_binary_data(X, y):
    """Return ``X`` (n, d) as finite floats and ``y`` (n,) as int64 labels 0/1, or raise.

    At least one example; the error names the argument and what was wrong.
    """
    X = as_float_array(X, "X", ndim=2)
    if X.shape[0] == 0:
        raise ValueError("X must hold at least one example, got 0 rows")
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be 1-D with one label per row of X ({X.shape[0]}), "
                         f"got shape {y.shape}")
    bad = ~np.isin(y, (0, 1))
    if bad.any():
        raise ValueError(f"y must hold labels 0 or 1 only, got {y[bad][0].item()!r}; "
                         "map other labels (e.g. -1/+1) to 0/1 first")
    return X, y.astype(np.int64)


def perceptron_rule(w, b, x, y, eta):
    r"""One step of Rosenblatt's perceptron rule on the example (x, y).

    .. math:: \hat y = [\mathbf w^\top\mathbf x + b \ge 0],\qquad
              \mathbf w \leftarrow \mathbf w + \eta\,(y-\hat y)\,\mathbf x,\qquad
              b \leftarrow b + \eta\,(y-\hat y).

    Parameters
    ----------
    w : ndarray (d,), b : float
        The unit before the step (``w`` is not modified).
    x : ndarray (d,), y : int, 0 or 1
        The example.
    eta : float > 0
        The learning rate :math:`\eta` (not checked: the callers check it once).

    Returns
    -------
    w : ndarray (d,), b : float
        The unit after the step (the same objects when the prediction was right).
    delta : int
        :math:`y - \hat y`: 0 when the unit was right, +1 or -1 on a mistake.
    """
    delta = y - (1 if x @ w + b >= 0 else 0)
    if delta:
        w = w + eta * delta * x
        b = b + eta * delta
    return w, b, delta


def _rule_epochs(X, y, w, b, eta, max_epochs, rng=None):
    """The perceptron's training loop: epochs of :func:`perceptron_rule` over checked data
    ``X`` (n, d), ``y`` (n,) from the unit ``(w, b)``, until an epoch makes no mistake or
    ``max_epochs`` have run. Rows go in data order or, given a generator ``rng``, in the order
    ``rng.shuffle`` redraws (from the previous one) every epoch.

    Yields ``(epoch, w, b, updates)`` after each epoch: the epoch (from 1), the unit at its end
    and, for each mistake in order, ``(row of X, w after it, b after it)``.
    """
    order = np.arange(X.shape[0])
    for epoch in range(1, max_epochs + 1):
        if rng is not None:
            rng.shuffle(order)
        updates = []
        for i in order:
            w, b, delta = perceptron_rule(w, b, X[i], y[i], eta)
            if delta:
                updates.append((int(i), w, b))
        yield epoch, w, b, updates
        if not updates:
            return


class Perceptron:
    """Rosenblatt's perceptron for labels in {0, 1}, trained by the perceptron rule.

    The hyperparameters are stored as given and checked in :meth:`fit`
    (scikit-learn's convention).

    Parameters
    ----------
    eta : float > 0
        Learning rate :math:`\\eta`. Starting from zero weights it only scales
        ``w_`` and ``b_``: the predictions and ``errors_`` do not depend on it.
    max_epochs : int >= 1
        Largest number of passes over the training set.
    shuffle : bool
        Visit the examples in a fresh random order every epoch (else in order).
    random_state : int, numpy.random.Generator or None
        Seed of the shuffling and of ``init="random"``, through
        :func:`nnbook._checks.check_random_state`.
        The same seed gives the same run; None gives a different run each time.
    init : {"zeros", "random"}
        Start from :math:`\\mathbf w = 0, b = 0`, or from small random weights
        :math:`w_i \\sim \\mathcal N(0, 0.01^2)` (and b = 0).

    Attributes
    ----------
    w_ : ndarray, shape (d,), b_ : float
        The learned weights :math:`\\mathbf w` and bias :math:`b`.
    errors_ : list of int
        Number of misclassified examples (i.e. updates) in each epoch, counted
        while the epoch runs.
    converged_ : bool
        True when an epoch made no mistake; training stops after that epoch.
        When ``max_epochs`` pass without such an epoch (XOR), ``converged_`` is
        False and no warning is issued: failing is a result, not an error.
    n_epochs_ : int
        Number of epochs run (``len(errors_)``).
    weights_path_ : list of (ndarray (d,), float)
        Copies of ``(w_, b_)`` after each epoch, the path the unit took (for animations).
    """

    def __init__(self, eta=1.0, max_epochs=100, shuffle=True, random_state=0, init="zeros"):
        self.eta = eta
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.init = init

    def _check_params(self):
        eta = check_positive(self.eta, "eta")
        max_epochs = check_int(self.max_epochs, "max_epochs", minimum=1)
        if self.init not in ("zeros", "random"):
            raise ValueError(f"init must be 'zeros' or 'random', got {self.init!r}")
        return eta, max_epochs, check_random_state(self.random_state)

    def fit(self, X, y):
        """Learn ``w_`` and ``b_`` with the perceptron rule, epoch by epoch.

        Parameters
        ----------
        X : array_like, shape (n, d), finite; y : array_like, shape (n,), labels 0 or 1

        Returns
        -------
        self : Perceptron
        """
        X, y = check_binary_data(X, y)
        eta, max_epochs, rng = self._check_params()
        d = X.shape[1]
        w0 = rng.normal(0.0, 0.01, d) if self.init == "random" else np.zeros(d)
        self.errors_, self.weights_path_ = [], []
        for _, w, b, updates in _rule_epochs(X, y, w0, 0.0, eta, max_epochs,
                                             rng if self.shuffle else None):
            self.errors_.append(len(updates))
            self.weights_path_.append((w.copy(), float(b)))
        self.converged_ = self.errors_[-1] == 0
        self.w_, self.b_ = w, float(b)
        self.n_epochs_ = len(self.errors_)
        return self

    def _check_X(self, X):
        if not hasattr(self, "w_"):
            raise RuntimeError("this Perceptron is not fitted yet: call fit(X, y) first")
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.w_.shape[0]:
            raise ValueError(f"X has {X.shape[1]} features but the perceptron was fitted "
                             f"with {self.w_.shape[0]}")
        return X

    def net_input(self, X):
        """Net input :math:`\\mathbf w\\cdot\\mathbf x + b` of each row of ``X`` (n, d): (n,)."""
        return self._check_X(X) @ self.w_ + self.b_

    def predict(self, X):
        """Predicted labels, shape (n,): 1 where the net input is >= 0, else 0."""
        return (self.net_input(X) >= 0).astype(np.int64)

    def score(self, X, y):
        """Accuracy: the fraction of rows of ``X`` whose prediction equals ``y``."""
        X, y = check_binary_data(X, y)
        return accuracy(y, self.predict(X))


def rule_trace(X, y, eta=1.0, max_epochs=100):
    r"""Every update of :func:`perceptron_rule` run in data order from :math:`\mathbf w = 0, b = 0`
    (the loop of ``Perceptron(eta, max_epochs, shuffle=False).fit(X, y)``).

    Parameters
    ----------
    X : array_like (n, d), y : array_like (n,), labels 0/1
    eta : float > 0, max_epochs : int >= 1

    Returns
    -------
    dict with
        ``"w"`` : ndarray (k + 1, d), the weights before the first and after each of the k updates;
        ``"b"`` : ndarray (k + 1,), the biases likewise;
        ``"index"`` : ndarray (k,), the row of X that triggered each update;
        ``"epoch"`` : ndarray (k,), the epoch (from 1) of each update;
        ``"errors"`` : list of int, mistakes per epoch; ``"converged"`` : bool.
    """
    X, y = check_binary_data(X, y)
    eta = check_positive(eta, "eta")
    max_epochs = check_int(max_epochs, "max_epochs", minimum=1)
    w0 = np.zeros(X.shape[1])
    ws, bs, idx, ep, errors = [w0], [0.0], [], [], []
    for epoch, _, _, updates in _rule_epochs(X, y, w0, 0.0, eta, max_epochs):
        for i, w, b in updates:
            ws.append(w)
            bs.append(b)
            idx.append(i)
            ep.append(epoch)
        errors.append(len(updates))
    return {"w": np.array(ws), "b": np.array(bs), "index": np.array(idx, dtype=np.int64),
            "epoch": np.array(ep, dtype=np.int64), "errors": errors,
            "converged": errors[-1] == 0}


def count_mistakes(X, y, w, b):
    r"""Number of rows of X (n, d) that the unit :math:`[\mathbf w^\top\mathbf x + b \ge 0]`
    labels differently from y (n,)."""
    X, y = check_binary_data(X, y)
    w = as_float_array(w, "w", ndim=1)
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w has {w.shape[0]} entries but X has {X.shape[1]} features")
    return int(np.sum((X @ w + check_real(b, "b") >= 0).astype(np.int64) != y))


def unit_accuracy(X, y, w, b):
    r"""The fraction of rows of X (n, d) that the unit :math:`[\mathbf w^\top\mathbf x + b \ge 0]`
    labels as y (n,) does: :math:`1 - k/n` with :math:`k` = :func:`count_mistakes`."""
    n = check_binary_data(X, y)[0].shape[0]
    return (n - count_mistakes(X, y, w, b)) / n


def novikoff_bound(X, y, w_star, b_star):
    r"""Novikoff's bound :math:`(R/\gamma)^2` on the number of perceptron mistakes.

    The bias is folded into the weights: :math:`\tilde{\mathbf x} = (\mathbf x, 1)` and
    :math:`\tilde{\mathbf w}^* = (\mathbf w^*, b^*)/\lVert(\mathbf w^*, b^*)\rVert`. Then
    :math:`R = \max_i \lVert\tilde{\mathbf x}_i\rVert` and :math:`\gamma = \min_i s_i\,
    \tilde{\mathbf w}^{*\top}\tilde{\mathbf x}_i` with :math:`s_i = 2y_i - 1`.

    Parameters
    ----------
    X : array_like (n, d)
    y : array_like (n,), labels 0/1
    w_star : array_like (d,), b_star : float
        Any separating hyperplane (it need not be the best one).

    Returns
    -------
    R, gamma, bound : float
    """
    X, y = check_binary_data(X, y)
    w_star = as_float_array(w_star, "w_star", ndim=1)
    if w_star.shape[0] != X.shape[1]:
        raise ValueError(f"w_star has {w_star.shape[0]} entries but X has {X.shape[1]} "
                         "features")
    u = np.append(w_star, check_real(b_star, "b_star"))
    if not np.any(u):
        raise ValueError("w_star and b_star are all zero: that is not a hyperplane")
    u = u / np.linalg.norm(u)
    Xa = np.column_stack([X, np.ones(X.shape[0])])
    R = float(np.max(np.linalg.norm(Xa, axis=1)))
    gamma = float(np.min((2 * y - 1) * (Xa @ u)))
    if gamma <= 0:
        raise ValueError(f"(w_star, b_star) does not separate the data (margin {gamma:.3g}); "
                         "the bound needs a separating hyperplane")
    return R, gamma, (R / gamma) ** 2
