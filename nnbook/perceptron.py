r"""The first neurons: the McCulloch–Pitts unit and Rosenblatt's perceptron.

* McCulloch–Pitts (1943): :math:`\text{net}_j=\sum_i w_{ji}o_i`, output 1 when
  :math:`\text{net}_j \ge T_j`, else 0. Weights and threshold are set by hand.
* Rosenblatt (1958): the same threshold unit, written with a bias
  :math:`b=-T`, *learns* its weights from labelled examples with the rule

  .. math:: \mathbf w \leftarrow \mathbf w + \eta\,(y-\hat y)\,\mathbf x,\qquad
            b \leftarrow b + \eta\,(y-\hat y),

  which changes nothing when the prediction :math:`\hat y` is right. On
  linearly separable data it stops after finitely many mistakes; on data that
  no line separates (XOR) it never settles.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_real

__all__ = ["mcculloch_pitts", "Perceptron"]


def mcculloch_pitts(inputs, weights, threshold):
    """Output of a McCulloch–Pitts unit: 1 where :math:`\\sum_i w_i o_i \\ge T`, else 0.

    Parameters
    ----------
    inputs : array_like, shape (n, d) or (d,)
        Binary (or real) inputs :math:`o_i`, one row per case.
    weights : array_like, shape (d,)
    threshold : float

    Returns
    -------
    ndarray of int, shape (n,), or int for a single case
    """
    o = as_float_array(inputs, "inputs", ndim=(1, 2))
    w = as_float_array(weights, "weights", ndim=1)
    T = check_real(threshold, "threshold")
    if o.shape[-1] != w.shape[0]:
        raise ValueError(f"inputs have {o.shape[-1]} entries per case but weights has "
                         f"{w.shape[0]}")
    out = (o @ w >= T).astype(np.int64)
    return int(out) if out.ndim == 0 else out


class Perceptron:
    """Rosenblatt's perceptron for labels in {0, 1}.

    Parameters
    ----------
    eta : float > 0
        Learning rate :math:`\\eta`.
    max_epochs : int >= 1
        Passes over the data before giving up.
    shuffle : bool
        Visit the examples in a new random order every epoch.
    random_state : int
        Seed of the shuffling and of ``init="random"``.
    init : {"zeros", "random"}
        Start from zero weights or from small random ones.

    Attributes
    ----------
    w_ : ndarray (d,), b_ : float
        The learned weights and bias.
    errors_ : list of int
        Mistakes (updates) in each epoch.
    converged_ : bool
        True when an epoch made no mistake (training stopped there). A run that
        never converges (XOR) is not an error: ``converged_`` is False.
    n_epochs_ : int
    history_ : list of (w, b)
        Copies after every epoch, for drawing how the boundary moved.
    """

    def __init__(self, eta=1.0, max_epochs=100, shuffle=True, random_state=0, init="zeros"):
        self.eta = eta
        self.max_epochs = max_epochs
        self.shuffle = shuffle
        self.random_state = random_state
        self.init = init

    def _check_Xy(self, X, y):
        X = as_float_array(X, "X", ndim=2)
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must hold one label per row of X ({X.shape[0]}), "
                             f"got shape {y.shape}")
        if not np.all(np.isin(y, (0, 1))):
            raise ValueError("y must hold labels 0 or 1 for the perceptron")
        return X, y.astype(np.int64)

    def fit(self, X, y):
        """Apply the perceptron rule epoch by epoch until no mistake is left; returns self."""
        X, y = self._check_Xy(X, y)
        eta = check_positive(self.eta, "eta")
        max_epochs = check_int(self.max_epochs, "max_epochs", minimum=1)
        if self.init not in ("zeros", "random"):
            raise ValueError(f"init must be 'zeros' or 'random', got {self.init!r}")
        rng = np.random.default_rng(self.random_state)
        d = X.shape[1]
        self.w_ = rng.normal(0, 0.01, d) if self.init == "random" else np.zeros(d)
        self.b_ = 0.0
        self.errors_, self.history_ = [], []
        self.converged_ = False
        order = np.arange(X.shape[0])
        for _ in range(max_epochs):
            if self.shuffle:
                rng.shuffle(order)
            mistakes = 0
            for i in order:
                error = y[i] - int(X[i] @ self.w_ + self.b_ >= 0)   # y - y_hat
                if error:
                    self.w_ += eta * error * X[i]
                    self.b_ += eta * error
                    mistakes += 1
            self.errors_.append(mistakes)
            self.history_.append((self.w_.copy(), self.b_))
            if mistakes == 0:
                self.converged_ = True
                break
        self.n_epochs_ = len(self.errors_)
        return self

    def _check_fitted(self, X):
        if not hasattr(self, "w_"):
            raise RuntimeError("this Perceptron is not fitted yet: call fit(X, y) first")
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.w_.shape[0]:
            raise ValueError(f"X has {X.shape[1]} features but the perceptron was fitted "
                             f"with {self.w_.shape[0]}")
        return X

    def net_input(self, X):
        """:math:`\\mathbf w\\cdot\\mathbf x + b` for each row of X, shape (n,)."""
        X = self._check_fitted(X)
        return X @ self.w_ + self.b_

    def predict(self, X):
        """Labels in {0, 1}: 1 where the net input is >= 0."""
        return (self.net_input(X) >= 0).astype(np.int64)

    def score(self, X, y):
        """Fraction of rows classified correctly."""
        X, y = self._check_Xy(X, y)
        return float(np.mean(self.predict(X) == y))
