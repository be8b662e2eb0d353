r"""The multi-layer perceptron: an estimator trained by mini-batch SGD.

The forward pass and backpropagation (equations BP1–BP4, chapter 5) are in
:mod:`nnbook.backprop`; the penalties in :mod:`nnbook.regularization`; the
optimiser in :mod:`nnbook.optim`. This module holds the network's parameters and
the training loop around them, in the notation of :mod:`nnbook.backprop`:
``weights[l]`` is :math:`W^{(l+1)}` of shape (n_out, n_in), ``biases[l]`` is
:math:`b^{(l+1)}`.

Training follows scikit-learn's estimator rules: hyperparameters of the
architecture go to the constructor and are checked there; ``fit`` returns
``self`` and fills attributes ending in ``_``; calling ``fit`` again continues
from the current weights (a warm start), so build a new ``MLP`` to start afresh.
"""

from __future__ import annotations

import os

import numpy as np

from . import activations, training
from . import backprop as bp
from ._checks import (
    as_float_array,
    check_int,
    check_labels,
    check_positive,
    check_random_state,
)
from .losses import one_hot
from .metrics import accuracy
from .optim import SGD
from .regularization import l1_penalty, l2_penalty
from .training import DivergenceError

__all__ = ["MLP", "DivergenceError", "count_parameters", "init_scale"]

OUTPUTS = ("softmax", "sigmoid", "identity")
LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
_PAIRS = {("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"),
          ("identity", "mse"), ("sigmoid", "mse")}
_RELU_LIKE = ("relu", "leaky_relu", "elu")


def count_parameters(sizes):
    r"""Number of weights and biases of a fully connected network with layer sizes ``sizes``.

    A layer with :math:`n_\text{in}` inputs and :math:`n_\text{out}` units has
    :math:`n_\text{out} n_\text{in}` weights and :math:`n_\text{out}` biases, so the
    total is :math:`\sum_l (n_{l-1} + 1)\, n_l` over ``sizes = [n_0, ..., n_L]``.
    """
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
        raise ValueError("sizes must be a list like [n_in, hidden..., n_out] "
                         "with at least two entries")
    sizes = [check_int(s, f"sizes[{i}]", minimum=1) for i, s in enumerate(sizes)]
    return sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:]))


def init_scale(activation, n_in, n_out):
    r"""Standard deviation of a layer's initial weights, :math:`W_{ij} \sim \mathcal N(0, s^2)`.

    He: :math:`s = \sqrt{2/n_\text{in}}` for ReLU-like units (ReLU, leaky ReLU, ELU),
    which zero about half of their inputs; Glorot: :math:`s = \sqrt{2/(n_\text{in} +
    n_\text{out})}` otherwise (chapter 2). Both keep the spread of :math:`z` roughly
    the same from layer to layer.
    """
    return float(np.sqrt(2.0 / n_in) if activation in _RELU_LIKE
                 else np.sqrt(2.0 / (n_in + n_out)))


def _nudged(W):
    """W, or W moved up by one ulp when ``NNBOOK_NUDGE_INIT=1``.

    The book's portability check (``book/_ext/nbexec.py check``) sets it: a
    printed training outcome must not change when every initial weight moves by
    the smallest step its dtype has, or it is float noise that another CPU or
    BLAS would print differently.
    """
    return np.nextafter(W, np.inf) if os.environ.get("NNBOOK_NUDGE_INIT") == "1" else W


class MLP:
    """A fully connected feed-forward network.

    Parameters
    ----------
    sizes : list of int
        ``[n_in, h1, ..., n_out]``, at least two entries.
    activation : str or list of str
        Hidden activation (``nnbook.activations.NAMES``), one for all hidden
        layers or one per hidden layer.
    output : {"softmax", "sigmoid", "identity"}
    loss : {"cross_entropy", "binary_cross_entropy", "mse"}
        Must suit ``output``: softmax+cross_entropy, sigmoid+binary_cross_entropy,
        identity+mse, or sigmoid+mse (the lectures' worked example).
    random_state : int, numpy.random.Generator or None
        Seed of the initial weights (He init for ReLU-like layers, Glorot
        otherwise) and of shuffling and dropout in :meth:`fit` and :meth:`step`.
    dtype : np.float32 or np.float64

    Attributes
    ----------
    weights : list of ndarray, ``weights[l]`` of shape (sizes[l+1], sizes[l])
    biases : list of ndarray, ``biases[l]`` of shape (sizes[l+1],)
    zs, activations_ : the last pass's pre-activations and activations of each
        layer (``activations_[0]`` is the input), kept for inspection by
        :meth:`forward`, :meth:`loss_and_gradients`, :meth:`step` and :meth:`fit`;
        the computation itself never reads them back
    history_ : dict of lists filled by :meth:`fit`
    """

    def __init__(self, sizes, activation="relu", output="softmax", loss="cross_entropy",
                 random_state=0, dtype=np.float64):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise ValueError("sizes must be a list like [n_in, hidden..., n_out] "
                             "with at least two entries")
        self.sizes = [check_int(s, f"sizes[{i}]", minimum=1) for i, s in enumerate(sizes)]
        n_hidden = len(self.sizes) - 2
        acts = [activation] * n_hidden if isinstance(activation, str) else list(activation)
        if len(acts) != n_hidden:
            raise ValueError(f"activation lists {len(acts)} names but the network has "
                             f"{n_hidden} hidden layers")
        for a in acts:
            activations.get(a)
        self.activation = activation
        self.hidden_activations = acts
        if output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        if (output, loss) not in _PAIRS:
            raise ValueError(f"output {output!r} does not pair with loss {loss!r}; use "
                             "softmax+cross_entropy, sigmoid+binary_cross_entropy, "
                             "identity+mse or sigmoid+mse")
        if output == "softmax" and self.sizes[-1] < 2:
            raise ValueError("a softmax output needs at least 2 units (use sigmoid for one)")
        self.output, self.loss = output, loss
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise TypeError(f"dtype must be float32 or float64, got {self.dtype}")
        self.random_state = random_state
        self.rng = check_random_state(random_state)
        self.weights, self.biases = [], []
        for l, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            act = acts[l] if l < n_hidden else output
            scale = init_scale(act, n_in, n_out)
            W = (self.rng.standard_normal((n_out, n_in)) * scale).astype(self.dtype)
            self.weights.append(_nudged(W))
            self.biases.append(np.zeros(n_out, dtype=self.dtype))
        self._fns = [tuple(map(activations._unchecked, activations.get(a))) for a in acts]
        self.zs, self.activations_ = [], []
        self.history_ = {}
        self._step_state = (None, {})     # step()'s optimiser (momentum) and workspaces

    # ------------------------------------------------------------------ checks
    @property
    def n_layers(self):
        """Number of weight layers L."""
        return len(self.weights)

    def _check_X(self, X, name="X"):
        X = as_float_array(X, name, ndim=2, dtype=self.dtype)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(f"{name} has {X.shape[1]} features but the network expects "
                             f"{self.sizes[0]}")
        if X.shape[0] == 0:
            raise ValueError(f"{name} has no rows")
        return X

    def _targets(self, y, n, name="y"):
        """Targets as an (n, n_out) array of the network's dtype."""
        K = self.sizes[-1]
        y = np.asarray(y)
        if self.output == "softmax":
            if y.ndim == 1:
                y = check_labels(y, name, n_classes=K, n_samples=n)
                return one_hot(y, K).astype(self.dtype, copy=False)
            T = as_float_array(y, name, ndim=2, dtype=self.dtype)
        else:
            T = as_float_array(y, name, ndim=(1, 2), dtype=self.dtype)
            if T.ndim == 1:
                T = T[:, None]
        if T.shape != (n, K):
            raise ValueError(f"{name} has shape {y.shape} but the network needs {n} targets "
                             f"with {K} outputs each")
        if self.loss != "mse" and (T.min() < 0 or T.max() > 1):
            raise ValueError(f"{name} must hold targets in [0, 1] for {self.loss}")
        return T

    # ---------------------------------------------------------------- passes
    def _remember(self, fp):
        """Keep the pass ``fp`` as the public ``zs``/``activations_``; return it."""
        self.zs, self.activations_ = fp.zs, fp.activations
        return fp

    def forward(self, X):
        """Outputs of the network for a batch.

        Parameters
        ----------
        X : ndarray, shape (n, n_in)

        Returns
        -------
        ndarray, shape (n, n_out)
            Probabilities for softmax/sigmoid outputs, raw values for identity.
            ``self.zs`` and ``self.activations_`` keep every layer's z and a.
        """
        return self._remember(bp.forward(self, self._check_X(X))).activations[-1]

    def _penalty(self, l1, l2):
        r""":math:`\lambda_1\sum\lVert W\rVert_1 + \tfrac{\lambda_2}{2}\sum\lVert W\rVert_F^2`."""
        pen = 0.0
        if l2:
            pen += l2_penalty(self.weights, l2)
        if l1:
            pen += l1_penalty(self.weights, l1)
        return pen

    def loss_and_gradients(self, X, y, l1=0.0, l2=0.0):
        """Mean loss on a batch and its gradient for every parameter.

        Parameters
        ----------
        X : ndarray, shape (n, n_in)
        y : targets: int labels (n,) or one-hot (n, K) for softmax; 0/1 values
            (n,) or (n, n_out) for sigmoid; values (n,) or (n, n_out) for identity
        l1, l2 : float >= 0
            Penalty strengths on the weights (biases are not penalised).

        Returns
        -------
        loss : float
        grads : dict with ``grads["weights"][l]`` and ``grads["biases"][l]``,
            shaped like the parameters.
        """
        X = self._check_X(X)
        T = self._targets(y, X.shape[0])
        l1 = check_positive(l1, "l1", allow_zero=True)
        l2 = check_positive(l2, "l2", allow_zero=True)
        fp = self._remember(bp.forward(self, X))
        loss = bp.data_loss(self, fp, T) + self._penalty(l1, l2)
        gW, gb = bp.backward(self, fp, T, l1=l1, l2=l2)
        return loss, {"weights": gW, "biases": gb}

    # --------------------------------------------------------- the parameters
    def _params(self):
        return [*self.weights, *self.biases]

    def snapshot(self):
        """Copies of the parameters, ``(weights, biases)``, to give to :meth:`restore`."""
        return [W.copy() for W in self.weights], [b.copy() for b in self.biases]

    def restore(self, snapshot):
        """Write parameters back in place from ``(weights, biases)``; returns ``self``.

        The arrays keep their identity (an optimiser holding them keeps working);
        values are cast to the network's dtype. ``snapshot`` is what
        :meth:`snapshot` returned, or lists of arrays shaped like ``weights`` and
        ``biases`` (how a worked example sets a network's weights by hand).
        """
        if not isinstance(snapshot, (tuple, list)) or len(snapshot) != 2:
            raise TypeError("snapshot must be a pair (weights, biases), as snapshot() returns")
        for name, mine, new in (("weights", self.weights, snapshot[0]),
                                ("biases", self.biases, snapshot[1])):
            if len(new) != len(mine):
                raise ValueError(f"snapshot has {len(new)} {name} arrays, the network {len(mine)}")
            for l, (p, v) in enumerate(zip(mine, new)):
                v = as_float_array(v, f"{name}[{l}]", ndim=p.ndim)
                if v.shape != p.shape:
                    raise ValueError(f"{name}[{l}] has shape {v.shape}, the network {p.shape}")
        for p, v in zip(self._params(), [*snapshot[0], *snapshot[1]]):
            p[...] = v
        return self

    # --------------------------------------------------------------- training
    def step(self, X, y, lr=0.1, momentum=0.0, l1=0.0, l2=0.0, dropout=0.0, weight_decay=0.0,
             rng=None):
        """One gradient step on the batch ``(X, y)``; returns the batch loss before the step.

        This is the building block of interactive training (the playground): call
        it repeatedly with mini-batches. The momentum velocity is kept between
        calls while ``lr`` and ``momentum`` stay the same. ``rng`` (anything with
        ``random(shape)``, default the network's own generator) draws the dropout
        masks: the playground passes its portable generator, so that its browser
        engine draws the same masks. The other arguments are those of :meth:`fit`.

        Raises
        ------
        DivergenceError
            If the loss is not finite (the weights are left unchanged).
        """
        X = self._check_X(X)
        T = self._targets(y, X.shape[0])
        hp = training.check_hyper(lr, momentum, l1, l2, dropout, weight_decay)
        opt, work = self._step_state
        if opt is None or opt.lr != hp.lr or opt.momentum != hp.momentum:
            opt, work = SGD(self._params(), lr=hp.lr, momentum=hp.momentum), {}
            self._step_state = (opt, work)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            try:
                return training.training_step(self, X, T, opt, hp, work, rng)
            except DivergenceError as err:
                raise DivergenceError(f"{err} with lr={lr}; try a smaller learning rate") from None

    def fit(self, X, y, epochs=100, lr=0.1, batch_size=32, momentum=0.0, l1=0.0, l2=0.0,
            dropout=0.0, validation=None, early_stopping=None, progress=False, shuffle=True,
            callback=None, weight_decay=0.0):
        r"""Train with mini-batch SGD; returns ``self`` (the loop is :func:`nnbook.training.fit`).

        Parameters
        ----------
        X, y : training data (see :meth:`loss_and_gradients` for y).
        epochs : int >= 1
        lr : float > 0
            Learning rate :math:`\eta`.
        batch_size : int >= 1 (capped at n)
        momentum : float in [0, 1)
        l1, l2 : float >= 0
            Weight penalties (chapter 7).
        dropout : float in [0, 1)
            Drop probability of each hidden unit per mini-batch (inverted
            dropout: kept units are scaled by 1/(1-p), nothing changes at test time).
        validation : (X_val, y_val) or None
            Evaluated after each epoch (``history_["val_loss"]``, ``["val_score"]``).
        early_stopping : int, EarlyStopping or None
            Patience in epochs (or a configured
            :class:`~nnbook.regularization.EarlyStopping`); needs ``validation``. The best
            weights are restored at the end.
        progress : bool
            Print one line per 10% of the epochs.
        shuffle : bool
            Reshuffle the samples every epoch (seeded by ``random_state``).
        callback : callable(net, epoch) or None
            Called after every epoch (e.g. to record training accuracy).
        weight_decay : float >= 0
            Decoupled weight decay :math:`\lambda_\text{wd}` (SGDW, Loshchilov & Hutter):
            each step multiplies every weight matrix by :math:`1-\eta\lambda_\text{wd}`
            outside the momentum velocity, :math:`W \leftarrow (1-\eta\lambda_\text{wd})W + v`.
            Without momentum it equals ``l2=weight_decay``; with momentum :math:`\mu` the
            coupled ``l2`` shrinks by about :math:`\eta\lambda/(1-\mu)` per step instead.
            Biases are not decayed.

        A second call continues from the current weights and random stream (a warm
        start); ``history_`` then describes the second call only.

        Raises
        ------
        DivergenceError
            If a mini-batch loss becomes NaN or infinite; the weights are put
            back to where they were at the start of that epoch.
        """
        hyper = dict(lr=lr, momentum=momentum, l1=l1, l2=l2, dropout=dropout,
                     weight_decay=weight_decay)
        return training.fit(self, X, y, epochs, batch_size, hyper, validation=validation,
                            early_stopping=early_stopping, progress=progress, shuffle=shuffle,
                            callback=callback)

    # ------------------------------------------------------------- prediction
    def predict_proba(self, X):
        """Output probabilities (n, n_out); only for softmax and sigmoid outputs."""
        if self.output == "identity":
            raise ValueError("predict_proba needs a softmax or sigmoid output; "
                             "this network is a regressor (use predict)")
        return self.forward(X)

    def predict(self, X):
        """Class labels (n,) for classifiers, outputs for regressors ((n,) if one output)."""
        P = self.forward(X)
        if self.output == "softmax":
            return P.argmax(axis=1)
        if self.output == "sigmoid" and self.loss == "binary_cross_entropy":
            out = (P >= 0.5).astype(np.int64)
        else:
            out = P
        return out[:, 0] if out.shape[1] == 1 else out

    def _score_from(self, P, T):
        if self.output == "softmax":
            return accuracy(T.argmax(axis=1), P.argmax(axis=1))
        if self.loss == "binary_cross_entropy":
            return float(np.mean((P >= 0.5) == (T >= 0.5)))     # per output unit
        ss_res = float(np.sum((T - P) ** 2))
        ss_tot = float(np.sum((T - T.mean(axis=0)) ** 2))
        return 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0

    def score(self, X, y):
        """Accuracy for classifiers; the coefficient of determination R^2 for regressors."""
        X = self._check_X(X)
        return self._score_from(self.forward(X), self._targets(y, X.shape[0]))

    def n_parameters(self):
        """Total number of weights and biases (:func:`count_parameters` of ``sizes``)."""
        return count_parameters(self.sizes)

    def __repr__(self):
        return (f"MLP({self.sizes}, activation={self.activation!r}, output={self.output!r}, "
                f"loss={self.loss!r})")
