r"""How well a classifier's predictions match the labels.

For n samples with true classes :math:`y_i` and predicted classes :math:`\hat y_i`
(integers 0..K-1):

* :func:`accuracy`: the fraction right, :math:`\frac1n \sum_i [\hat y_i = y_i]`;
* :func:`confusion_matrix`: :math:`C_{jk}` = the number of samples of true class j
  predicted as class k (the diagonal holds the right ones);
* :func:`confidently_wrong`: the mistakes a model was surest of, from its class
  probabilities :math:`\hat{\mathbf y}_i` (rows of ``predict_proba``).
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_int, check_labels

__all__ = ["accuracy", "confusion_matrix", "confidently_wrong"]


def accuracy(y_true, y_pred):
    r"""The fraction of samples whose predicted class is the true one.

    Parameters
    ----------
    y_true, y_pred : array_like of int, shape (n,), n >= 1
        True and predicted class labels 0..K-1.

    Returns
    -------
    float in [0, 1], :math:`\frac1n \sum_i [\hat y_i = y_i]`.
    """
    t = check_labels(y_true, "y_true")
    p = check_labels(y_pred, "y_pred", n_samples=t.shape[0])
    if t.size == 0:
        raise ValueError("y_true is empty: accuracy needs at least one sample")
    return float(np.mean(t == p))


def confusion_matrix(y_true, y_pred, n_classes=10):
    """Counts ``C[i, j]`` of samples with true class i predicted as class j.

    Parameters
    ----------
    y_true, y_pred : array_like of int (n,), values in 0..n_classes-1
    n_classes : int >= 2

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes); rows sum to the class sizes and
    the diagonal over ``n`` is the :func:`accuracy`.
    """
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    t = check_labels(y_true, "y_true", n_classes=n_classes)
    p = check_labels(y_pred, "y_pred", n_classes=n_classes, n_samples=t.shape[0])
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (t, p), 1)
    return C


def confidently_wrong(proba, y_true, k=10):
    """Indices of the ``k`` misclassified samples with the highest predicted probability.

    A sample is misclassified when the largest entry of its row of ``proba`` is not at its
    true class; its confidence is that largest entry.

    Parameters
    ----------
    proba : array_like (n, K), rows of class probabilities
    y_true : array_like of int (n,)
    k : int >= 1

    Returns
    -------
    ndarray of int (at most k,), most confident mistake first (ties in sample order).
    """
    P = as_float_array(proba, "proba", ndim=2)
    t = check_labels(y_true, "y_true", n_classes=P.shape[1], n_samples=P.shape[0])
    k = check_int(k, "k", minimum=1)
    wrong = np.flatnonzero(P.argmax(axis=1) != t)
    conf = P[wrong].max(axis=1)
    return wrong[np.argsort(-conf, kind="stable")][:k]
