r"""The multi-layer perceptron, trained by backpropagation.

Notation (the book's): layer l computes, for one sample,

.. math:: z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = f(z^{(l)}),

with :math:`W^{(l)}` of shape (n_out, n_in), :math:`w_{ij}` joining unit j of
layer l-1 to unit i of layer l, and :math:`a^{(0)}=x`. Over a batch of n rows
the code computes ``Z = A @ W.T + b``. The loss is the mean over the batch.

Backpropagation (chapter 5) in the same notation:

* (BP1) output error :math:`\delta^{(L)} = (\hat y - y)/n` for the matched pairs
  softmax+cross-entropy, sigmoid+binary cross-entropy and identity+MSE;
* (BP2) :math:`\delta^{(l)} = (W^{(l+1)\top}\delta^{(l+1)}) \odot f'(z^{(l)})`;
* (BP3) :math:`\partial L/\partial b^{(l)} = \sum_{\text{batch}}\delta^{(l)}`;
* (BP4) :math:`\partial L/\partial W^{(l)} = \delta^{(l)} a^{(l-1)\top}`.
"""

from __future__ import annotations

import math
import os

import numpy as np

from . import activations
from ._checks import as_float_array, check_int, check_labels, check_positive, check_probability
from .optim import SGD
from .regularization import EarlyStopping

__all__ = ["MLP", "DivergenceError"]

_sigmoid = activations._unchecked(activations.sigmoid)

OUTPUTS = ("softmax", "sigmoid", "identity")
LOSSES = ("cross_entropy", "binary_cross_entropy", "mse")
_PAIRS = {("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy"),
          ("identity", "mse"), ("sigmoid", "mse")}
_RELU_LIKE = ("relu", "leaky_relu", "elu")


def _nudged(W):
    """W, or W moved up by one ulp when ``NNBOOK_NUDGE_INIT=1``.

    The book's portability check (``book/_ext/nbexec.py check``) sets it: a
    printed training outcome must not change when every initial weight moves by
    the smallest step its dtype has, or it is float noise that another CPU or
    BLAS would print differently.
    """
    return np.nextafter(W, np.inf) if os.environ.get("NNBOOK_NUDGE_INIT") == "1" else W


class DivergenceError(FloatingPointError):
    """Raised when training produces a non-finite loss."""


def _softmax_rows(z):
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
    random_state : int or None
        Seed of the initial weights (He init for ReLU-like layers, Glorot
        otherwise) and of shuffling/dropout in :meth:`fit`.
    dtype : np.float32 or np.float64

    Attributes
    ----------
    weights : list of ndarray, ``weights[l]`` of shape (sizes[l+1], sizes[l])
    biases : list of ndarray, ``biases[l]`` of shape (sizes[l+1],)
    zs, activations_ : lists filled by :meth:`forward` (pre-activations and
        activations of each layer; ``activations_[0]`` is the input)
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
        self.rng = np.random.default_rng(random_state)
        self.weights, self.biases = [], []
        for l, (n_in, n_out) in enumerate(zip(self.sizes[:-1], self.sizes[1:])):
            act = acts[l] if l < n_hidden else output
            scale = np.sqrt(2.0 / n_in) if act in _RELU_LIKE else np.sqrt(2.0 / (n_in + n_out))
            W = (self.rng.standard_normal((n_out, n_in)) * scale).astype(self.dtype)
            self.weights.append(_nudged(W))
            self.biases.append(np.zeros(n_out, dtype=self.dtype))
        self._fns = [tuple(map(activations._unchecked, activations.get(a))) for a in acts]
        self.zs, self.activations_ = [], []
        self.history_ = {}

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
                T = np.zeros((n, K), dtype=self.dtype)
                T[np.arange(n), y] = 1
                return T
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

    # ---------------------------------------------------------------- forward
    def _workspace(self, work, n):
        """Arrays that every training step on ``n`` rows reuses, made on first use.

        ``work`` is a dict owned by the training loop (one per :meth:`fit` call);
        writing each step's z, errors and gradients into the same memory avoids
        allocating (and the operating system zeroing) fresh arrays per batch.
        """
        ws = work.get(n)
        if ws is None:
            if len(work) > 8:               # batch sizes keep changing: start afresh
                work.clear()
            dt, hidden = self.dtype, self.sizes[1:]
            ws = work[n] = {"z": [np.empty((n, k), dt) for k in hidden],
                            "delta": [np.empty((n, k), dt) for k in hidden],
                            "gW": [np.empty_like(W) for W in self.weights],
                            "zero": [np.zeros(k, dt) for k in hidden],
                            "ones": np.ones(n, dt)}
        return ws

    def _forward(self, X, masks=None, ws=None):
        """Forward pass filling ``zs`` and ``activations_``.

        Training passes a workspace ``ws`` (:meth:`_workspace`): each layer's z is
        written into it, and a ReLU layer is applied in place, so its entry in
        ``zs`` holds :math:`\\max(z, 0)`. That is all backpropagation needs:
        :math:`f'(z) = 1\\{z>0\\} = 1\\{a>0\\}`.
        """
        A = X
        self.zs, self.activations_ = [], [X]
        L = len(self.weights)
        for l in range(L):
            Z = np.matmul(A, self.weights[l].T, out=ws["z"][l] if ws else None)
            Z += self.biases[l]
            if l < L - 1:
                if ws and self.hidden_activations[l] == "relu":
                    A = np.maximum(Z, ws["zero"][l], out=Z)   # a zero row: NumPy's fast loop
                else:
                    A = self._fns[l][0](Z)
                if masks is not None and masks[l] is not None:
                    A = A * masks[l]
            elif self.output == "softmax":
                A, self._lse = _softmax_rows(Z)
            elif self.output == "sigmoid":
                A = _sigmoid(Z)
            else:
                A = Z
            self.zs.append(Z)
            self.activations_.append(A)
        return A

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
        return self._forward(self._check_X(X))

    # ---------------------------------------------------------------- backward
    def _data_loss(self, P, T):
        n = P.shape[0]
        if self.loss == "cross_entropy":
            # -sum_k t_k log p_k = sum_k t_k (lse - z_k), lse = log sum_j exp z_j
            return float(np.vdot(T, self._lse[:, None] - self.zs[-1])) / n
        if self.loss == "binary_cross_entropy":
            Z = self.zs[-1]
            return float(np.sum(np.maximum(Z, 0) - Z * T + np.log1p(np.exp(-np.abs(Z)))) / n)
        D = P - T
        return 0.5 * float(np.sum(D * D)) / n

    def _backward(self, T, masks=None, l1=0.0, l2=0.0, scale=1.0, ws=None):
        """Gradients of the last forward pass, each multiplied by ``scale``.

        Every gradient is linear in the output error, so ``scale`` (the SGD step
        :math:`\\eta`) costs one multiply of the small (n, n_out) array instead
        of a pass over all parameters. With a workspace ``ws`` (training) the
        gradients and errors are written into its arrays.
        """
        n = T.shape[0]
        P = self.activations_[-1]
        L = len(self.weights)
        delta = np.subtract(P, T, out=ws["delta"][-1] if ws else None)
        delta *= scale / n                                   # (BP1), matched pairs
        if self.output == "sigmoid" and self.loss == "mse":
            delta *= P * (1 - P)                             # chain through sigma'
        ones = ws["ones"] if ws else np.ones(n, self.dtype)
        gW, gb = [None] * L, [None] * L
        for l in range(L - 1, -1, -1):
            gW[l] = np.matmul(delta.T, self.activations_[l],  # (BP4)
                              out=ws["gW"][l] if ws else None)
            gb[l] = ones @ delta                             # (BP3), a sum over the batch
            if l2:
                gW[l] += (scale * l2) * self.weights[l]
            if l1:
                gW[l] += (scale * l1) * np.sign(self.weights[l])
            if l > 0:
                delta = np.matmul(delta, self.weights[l],    # (BP2)
                                  out=ws["delta"][l - 1] if ws else None)
                if self.hidden_activations[l - 1] == "relu":
                    np.multiply(delta, self.zs[l - 1] > 0, out=delta)   # f' = 1{z > 0}
                else:
                    delta *= self._fns[l - 1][1](self.zs[l - 1])
                if masks is not None and masks[l - 1] is not None:
                    delta *= masks[l - 1]
        return gW, gb

    def _penalty(self, l1, l2):
        pen = 0.0
        if l2:
            pen += 0.5 * l2 * sum(float(np.sum(W * W)) for W in self.weights)
        if l1:
            pen += l1 * sum(float(np.sum(np.abs(W))) for W in self.weights)
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
        P = self._forward(X)
        loss = self._data_loss(P, T) + self._penalty(l1, l2)
        gW, gb = self._backward(T, l1=l1, l2=l2)
        return loss, {"weights": gW, "biases": gb}

    # --------------------------------------------------------------- training
    def _params(self):
        return [*self.weights, *self.biases]

    def _sgd_step(self, Xb, Tb, opt, l1, l2, p_drop, work, decay=0.0):
        """One mini-batch update (forward, backward, SGD); returns the batch's data loss.

        ``work`` is the training loop's dict of workspaces (:meth:`_workspace`).
        ``decay`` is the decoupled weight decay :math:`\\lambda_\\text{wd}`: after the
        gradients are computed, every weight matrix is multiplied by
        :math:`1-\\eta\\lambda_\\text{wd}` and then the optimiser's step is added, so
        :math:`W_{t+1} = (1-\\eta\\lambda_\\text{wd})W_t + \\Delta_t` whatever the momentum.
        """
        masks = None
        if p_drop:
            masks = [(self.rng.random((Xb.shape[0], n)) >= p_drop).astype(self.dtype)
                     / (1 - p_drop) for n in self.sizes[1:-1]]
        ws = self._workspace(work, Xb.shape[0])
        P = self._forward(Xb, masks, ws)
        loss = self._data_loss(P, Tb)
        if not math.isfinite(loss):
            raise DivergenceError(f"the loss became {loss}")
        gW, gb = self._backward(Tb, masks, l1, l2, scale=opt.lr, ws=ws)
        if decay:
            for W in self.weights:                           # decoupled: outside the velocity
                W *= 1.0 - opt.lr * decay
        opt.apply(gW + gb)                                   # gradients already carry eta
        return loss

    def step(self, X, y, lr=0.1, momentum=0.0, l1=0.0, l2=0.0, dropout=0.0, weight_decay=0.0):
        """One gradient step on the batch ``(X, y)``; returns the batch loss before the step.

        This is the building block of interactive training (the playground): call
        it repeatedly with mini-batches. The momentum velocity is kept between
        calls while ``lr`` and ``momentum`` stay the same. ``weight_decay`` is the
        decoupled decay of :meth:`fit`.

        Raises
        ------
        DivergenceError
            If the loss is not finite (the weights are left unchanged).
        """
        X = self._check_X(X)
        T = self._targets(y, X.shape[0])
        lr = check_positive(lr, "lr")
        momentum = check_probability(momentum, "momentum")
        l1 = check_positive(l1, "l1", allow_zero=True)
        l2 = check_positive(l2, "l2", allow_zero=True)
        p_drop = check_probability(dropout, "dropout")
        decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        opt = getattr(self, "_step_opt", None)
        if opt is None or opt.lr != lr or opt.momentum != momentum:
            opt = self._step_opt = SGD(self._params(), lr=lr, momentum=momentum)
            self._step_work = {}
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            try:
                return self._sgd_step(X, T, opt, l1, l2, p_drop, self._step_work, decay)
            except DivergenceError as err:
                raise DivergenceError(f"{err} with lr={lr}; try a smaller learning rate") from None

    def fit(self, X, y, epochs=100, lr=0.1, batch_size=32, momentum=0.0, l1=0.0, l2=0.0,
            dropout=0.0, validation=None, early_stopping=None, progress=False, shuffle=True,
            callback=None, weight_decay=0.0):
        """Train with mini-batch SGD; returns ``self``.

        Parameters
        ----------
        X, y : training data (see :meth:`loss_and_gradients` for y).
        epochs : int >= 1
        lr : float > 0
            Learning rate :math:`\\eta`.
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
            Patience in epochs (or a configured :class:`EarlyStopping`); needs
            ``validation``. The best weights are restored at the end.
        progress : bool
            Print one line per 10% of the epochs.
        shuffle : bool
            Reshuffle the samples every epoch (seeded by ``random_state``).
        callback : callable(net, epoch) or None
            Called after every epoch (e.g. to record training accuracy).
        weight_decay : float >= 0
            Decoupled weight decay :math:`\\lambda_\\text{wd}` (SGDW, Loshchilov & Hutter):
            each step multiplies every weight matrix by :math:`1-\\eta\\lambda_\\text{wd}`
            outside the momentum velocity, :math:`W \\leftarrow (1-\\eta\\lambda_\\text{wd})W + v`.
            Without momentum it equals ``l2=weight_decay``; with momentum :math:`\\mu` the
            coupled ``l2`` shrinks by about :math:`\\eta\\lambda/(1-\\mu)` per step instead.
            Biases are not decayed.

        Raises
        ------
        DivergenceError
            If a mini-batch loss becomes NaN or infinite; the weights are put
            back to where they were at the start of that epoch.
        """
        X = self._check_X(X)
        T = self._targets(y, X.shape[0])
        epochs = check_int(epochs, "epochs", minimum=1)
        lr = check_positive(lr, "lr")
        batch_size = min(check_int(batch_size, "batch_size", minimum=1), X.shape[0])
        momentum = check_probability(momentum, "momentum")
        l1 = check_positive(l1, "l1", allow_zero=True)
        l2 = check_positive(l2, "l2", allow_zero=True)
        p_drop = check_probability(dropout, "dropout")
        decay = check_positive(weight_decay, "weight_decay", allow_zero=True)
        if validation is not None:
            if not isinstance(validation, (tuple, list)) or len(validation) != 2:
                raise ValueError("validation must be a pair (X_val, y_val)")
            Xv = self._check_X(validation[0], "validation X")
            Tv = self._targets(validation[1], Xv.shape[0], "validation y")
        if early_stopping is not None:
            if validation is None:
                raise ValueError("early_stopping needs validation=(X_val, y_val)")
            stopper = (early_stopping if isinstance(early_stopping, EarlyStopping)
                       else EarlyStopping(patience=early_stopping))
            stopper.reset()
        if callback is not None and not callable(callback):
            raise TypeError("callback must be callable(net, epoch)")

        opt = SGD(self._params(), lr=lr, momentum=momentum)
        work = {}
        n = X.shape[0]
        hist = {"loss": [], "val_loss": [], "val_score": []}
        self.history_ = hist
        order = np.arange(n)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            for epoch in range(epochs):
                saved = [p.copy() for p in self._params()]
                if shuffle:
                    self.rng.shuffle(order)
                total = 0.0
                for start in range(0, n, batch_size):
                    # without shuffling a batch is a view; with it, a gathered copy
                    stop = start + batch_size
                    idx = order[start:stop] if shuffle else slice(start, stop)
                    try:
                        batch_loss = self._sgd_step(X[idx], T[idx], opt, l1, l2, p_drop, work,
                                                    decay)
                    except DivergenceError as err:
                        for p, s in zip(self._params(), saved):
                            p[...] = s
                        raise DivergenceError(f"training diverged in epoch {epoch + 1}: {err}; "
                                              f"lr={lr}, try a smaller learning rate") from None
                    total += batch_loss * min(batch_size, n - start)
                hist["loss"].append(total / n + self._penalty(l1, l2))
                if validation is not None:
                    Pv = self._forward(Xv)
                    vloss = self._data_loss(Pv, Tv)
                    hist["val_loss"].append(vloss)
                    hist["val_score"].append(self._score_from(Pv, Tv))
                if callback is not None:
                    callback(self, epoch)
                if progress and (epoch + 1) % max(1, epochs // 10) == 0:
                    msg = f"epoch {epoch + 1:4d}/{epochs}  loss {hist['loss'][-1]:.4f}"
                    if validation is not None:
                        msg += f"  val_loss {hist['val_loss'][-1]:.4f}"
                    print(msg)
                if early_stopping is not None and stopper.update(epoch, vloss, self._params()):
                    break
        if early_stopping is not None:
            self.early_stopping_ = stopper
            if stopper.restore_best and stopper.best_params_ is not None:
                for p, best in zip(self._params(), stopper.best_params_):
                    p[...] = best
        self.n_epochs_ = len(hist["loss"])
        return self

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
            return float(np.mean(P.argmax(axis=1) == T.argmax(axis=1)))
        if self.loss == "binary_cross_entropy":
            return float(np.mean((P >= 0.5) == (T >= 0.5)))
        ss_res = float(np.sum((T - P) ** 2))
        ss_tot = float(np.sum((T - T.mean(axis=0)) ** 2))
        return 1.0 - ss_res / ss_tot if ss_tot > 0 else 0.0

    def score(self, X, y):
        """Accuracy for classifiers; the coefficient of determination R^2 for regressors."""
        X = self._check_X(X)
        return self._score_from(self.forward(X), self._targets(y, X.shape[0]))

    def n_parameters(self):
        """Total number of weights and biases."""
        return sum(p.size for p in self._params())

    def __repr__(self):
        return (f"MLP({self.sizes}, activation={self.activation!r}, output={self.output!r}, "
                f"loss={self.loss!r})")
