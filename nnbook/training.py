r"""Mini-batch SGD for :class:`nnbook.mlp.MLP`: one step, one epoch, the loop.

:meth:`MLP.fit <nnbook.mlp.MLP.fit>` and :meth:`MLP.step <nnbook.mlp.MLP.step>`
are the public entry points (their docstrings describe every argument); this
module is their body, in small named pieces:

* :func:`check_hyper` checks what a step needs, once;
* :func:`training_step` is one update on a batch: forward, loss, backward (BP1–BP4
  in :mod:`nnbook.backprop`), then :math:`\theta \leftarrow \theta - \eta\,\nabla L`
  through :class:`nnbook.optim.SGD` (with momentum, decoupled decay and dropout masks);
* :func:`run_epoch` is one pass over the shuffled data in mini-batches;
* :func:`fit` is the epoch loop with validation, callback, progress and early stopping.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import backprop as bp
from ._checks import check_int, check_positive, check_probability
from .optim import SGD
from .regularization import EarlyStopping, dropout_mask

__all__ = ["DivergenceError", "Hyper", "check_hyper", "training_step", "run_epoch", "fit"]


class DivergenceError(FloatingPointError):
    """Raised when training produces a non-finite loss."""


class Hyper(NamedTuple):
    """A step's hyperparameters, as :func:`check_hyper` returns them."""

    lr: float
    momentum: float
    l1: float
    l2: float
    dropout: float
    weight_decay: float


def check_hyper(lr, momentum, l1, l2, dropout, weight_decay):
    """Check what ``fit`` and ``step`` share; each message names the argument."""
    return Hyper(lr=check_positive(lr, "lr"),
                 momentum=check_probability(momentum, "momentum"),
                 l1=check_positive(l1, "l1", allow_zero=True),
                 l2=check_positive(l2, "l2", allow_zero=True),
                 dropout=check_probability(dropout, "dropout"),
                 weight_decay=check_positive(weight_decay, "weight_decay", allow_zero=True))


def training_step(net, Xb, Tb, opt, hp, work, rng=None):
    r"""One mini-batch update of ``net``; returns the batch's data loss before it.

    Xb (n, n_in) and Tb (n, n_out) are checked arrays; ``opt`` is the
    :class:`~nnbook.optim.SGD` holding ``net``'s parameters; ``work`` holds the
    loop's workspaces (:func:`nnbook.backprop.workspace`). Dropout masks (inverted:
    kept units scaled by :math:`1/(1-p)`) are drawn here with ``rng.random((n, units))``,
    hidden layer by hidden layer (``rng`` defaults to ``net.rng``). The
    decoupled weight decay :math:`\lambda_\text{wd}` multiplies every weight matrix by
    :math:`1-\eta\lambda_\text{wd}` before the optimiser adds its step, so
    :math:`W_{t+1} = (1-\eta\lambda_\text{wd})W_t + \Delta_t` whatever the momentum.
    """
    masks = None
    if hp.dropout:
        rng = net.rng if rng is None else rng
        masks = [dropout_mask((Xb.shape[0], n), hp.dropout, rng).astype(net.dtype)
                 / (1 - hp.dropout) for n in net.sizes[1:-1]]
    ws = bp.workspace(net, work, Xb.shape[0])
    fp = net._remember(bp.forward(net, Xb, masks, ws))
    loss = bp.data_loss(net, fp, Tb)
    if not math.isfinite(loss):
        raise DivergenceError(f"the loss became {loss}")
    gW, gb = bp.backward(net, fp, Tb, masks, hp.l1, hp.l2, scale=opt.lr, ws=ws)
    if hp.weight_decay:
        for W in net.weights:                                # decoupled: outside the velocity
            W *= 1.0 - opt.lr * hp.weight_decay
    opt.apply(gW + gb)                                       # gradients already carry eta
    return loss


def run_epoch(net, X, T, order, batch_size, shuffle, opt, hp, work, epoch):
    """One pass over the data in mini-batches; returns the epoch's training loss.

    The loss is the mean of the batch losses weighted by batch size, plus the
    penalty at the epoch's end. ``order`` (n,) is reshuffled in place from
    ``net.rng`` when ``shuffle``. A diverging batch puts the weights back to where
    they were when the epoch began and raises :class:`DivergenceError`.
    """
    saved = net.snapshot()
    if shuffle:
        net.rng.shuffle(order)
    n, total = X.shape[0], 0.0
    for start in range(0, n, batch_size):
        # without shuffling a batch is a view; with it, a gathered copy
        stop = start + batch_size
        idx = order[start:stop] if shuffle else slice(start, stop)
        try:
            batch_loss = training_step(net, X[idx], T[idx], opt, hp, work)
        except DivergenceError as err:
            net.restore(saved)
            raise DivergenceError(f"training diverged in epoch {epoch + 1}: {err}; "
                                  f"lr={hp.lr}, try a smaller learning rate") from None
        total += batch_loss * min(batch_size, n - start)
    return total / n + net._penalty(hp.l1, hp.l2)


def _validation_set(net, validation):
    """``(X_val, T_val)`` checked against ``net``, or None."""
    if validation is None:
        return None
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise ValueError("validation must be a pair (X_val, y_val)")
    Xv = net._check_X(validation[0], "validation X")
    return Xv, net._targets(validation[1], Xv.shape[0], "validation y")


def _validate(net, validation):
    """Append the validation loss and score to ``net.history_``; return the loss (or None)."""
    if validation is None:
        return None
    Xv, Tv = validation
    fp = net._remember(bp.forward(net, Xv))
    val_loss = bp.data_loss(net, fp, Tv)
    net.history_["val_loss"].append(val_loss)
    net.history_["val_score"].append(net._score_from(fp.activations[-1], Tv))
    return val_loss


def _stopper(early_stopping, validation):
    """A reset :class:`~nnbook.regularization.EarlyStopping`, or None."""
    if early_stopping is None:
        return None
    if validation is None:
        raise ValueError("early_stopping needs validation=(X_val, y_val)")
    stopper = (early_stopping if isinstance(early_stopping, EarlyStopping)
               else EarlyStopping(patience=early_stopping))
    stopper.reset()
    return stopper


def _progress_line(history, epoch, epochs):
    msg = f"epoch {epoch + 1:4d}/{epochs}  loss {history['loss'][-1]:.4f}"
    if history["val_loss"]:
        msg += f"  val_loss {history['val_loss'][-1]:.4f}"
    return msg


def fit(net, X, y, epochs, batch_size, hyper, validation=None, early_stopping=None,
        progress=False, shuffle=True, callback=None):
    """The body of :meth:`MLP.fit <nnbook.mlp.MLP.fit>` (see it for the arguments)."""
    X = net._check_X(X)
    T = net._targets(y, X.shape[0])
    epochs = check_int(epochs, "epochs", minimum=1)
    hp = check_hyper(**hyper)
    batch_size = min(check_int(batch_size, "batch_size", minimum=1), X.shape[0])
    validation = _validation_set(net, validation)
    stopper = _stopper(early_stopping, validation)
    if callback is not None and not callable(callback):
        raise TypeError("callback must be callable(net, epoch)")
    opt, work = SGD(net._params(), lr=hp.lr, momentum=hp.momentum), {}
    net.history_ = {"loss": [], "val_loss": [], "val_score": []}
    order = np.arange(X.shape[0])
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        for epoch in range(epochs):
            net.history_["loss"].append(
                run_epoch(net, X, T, order, batch_size, shuffle, opt, hp, work, epoch))
            val_loss = _validate(net, validation)
            if callback is not None:
                callback(net, epoch)
            if progress and (epoch + 1) % max(1, epochs // 10) == 0:
                print(_progress_line(net.history_, epoch, epochs))
            if stopper is not None and stopper.update(epoch, val_loss, net._params()):
                break
    if stopper is not None:
        net.early_stopping_ = stopper
        if stopper.restore_best and stopper.best_params_ is not None:
            best, L = stopper.best_params_, net.n_layers
            net.restore((best[:L], best[L:]))
    net.n_epochs_ = len(net.history_["loss"])
    return net
