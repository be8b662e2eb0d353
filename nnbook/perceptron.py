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
  separates (XOR) the mistakes never end.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_real

__all__ = ["mcculloch_pitts", "Perceptron"]


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
        Seed for ``np.random.default_rng``: the shuffling and ``init="random"``.
        The same seed gives the same run; None gives a different run each time.
    init : {"zeros", "random"}
        Start from :math:`\\mathbf w = 0, b = 0`, or from small random weights
        :math:`w_i \\sim \\mathcal N(0, 0.01^2)` (and b = 0).

    Attributes
    ----------
    w_ : ndarray, shape (d,)
        The learned weights :math:`\\mathbf w`.
    b_ : float
        The learned bias :math:`b`.
    errors_ : list of int
        Number of misclassified examples (i.e. updates) in each epoch, counted
        while the epoch runs.
    converged_ : bool
        True when an epoch made no mistake; training stops after that epoch.
        When ``max_epochs`` pass without such an epoch (XOR), ``converged_`` is
        False and no warning is issued: failing is a result, not an error.
    n_epochs_ : int
        Number of epochs run (``len(errors_)``).
    history_ : list of (ndarray (d,), float)
        Copies of ``(w_, b_)`` after each epoch, to animate the boundary.
    """

    def __init__(self, eta=1.0, max_epochs=100, shuffle=True, random_state=0, init="zeros"):
        self.eta = eta
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.init = init

    @staticmethod
    def _check_Xy(X, y):
        X = as_float_array(X, "X", ndim=2)
        if X.shape[0] == 0:
            raise ValueError("X must hold at least one example, got 0 rows")
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must be 1-D with one label per row of X ({X.shape[0]}), "
                             f"got shape {y.shape}")
        bad = ~np.isin(y, (0, 1))
        if bad.any():
            raise ValueError(f"y must hold labels 0 or 1 only, got {y[bad][0]!r}; "
                             "map other labels (e.g. -1/+1) to 0/1 first")
        return X, y.astype(np.int64)

    def _check_params(self):
        eta = check_positive(self.eta, "eta")
        max_epochs = check_int(self.max_epochs, "max_epochs", minimum=1)
        if self.init not in ("zeros", "random"):
            raise ValueError(f"init must be 'zeros' or 'random', got {self.init!r}")
        seed = self.random_state
        if not (seed is None or isinstance(seed, np.random.Generator)):
            if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
                raise TypeError("random_state must be an int, a numpy Generator or None, "
                                f"got {type(seed).__name__}")
            check_int(seed, "random_state", minimum=0)
        return eta, max_epochs, np.random.default_rng(seed)

    def fit(self, X, y):
        """Learn ``w_`` and ``b_`` with the perceptron rule, epoch by epoch.

        Parameters
        ----------
        X : array_like, shape (n, d)
            Training inputs, finite.
        y : array_like, shape (n,)
            Labels, 0 or 1.

        Returns
        -------
        self : Perceptron
        """
        X, y = self._check_Xy(X, y)
        eta, max_epochs, rng = self._check_params()
        d = X.shape[1]
        w = rng.normal(0.0, 0.01, d) if self.init == "random" else np.zeros(d)
        b = 0.0
        self.errors_, self.history_, self.converged_ = [], [], False
        order = np.arange(X.shape[0])
        for _ in range(max_epochs):
            if self.shuffle:
                rng.shuffle(order)
            mistakes = 0
            for i in order:
                y_hat = 1 if X[i] @ w + b >= 0 else 0
                delta = y[i] - y_hat                   # 0 when right, +1 or -1 when wrong
                if delta:
                    w += eta * delta * X[i]            # w <- w + eta (y - y_hat) x
                    b += eta * delta                   # b <- b + eta (y - y_hat)
                    mistakes += 1
            self.errors_.append(mistakes)
            self.history_.append((w.copy(), float(b)))
            if mistakes == 0:
                self.converged_ = True
                break
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
        X, y = self._check_Xy(X, y)
        return float(np.mean(self.predict(X) == y))
