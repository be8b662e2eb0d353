"""nnbook.metrics: accuracy, the confusion matrix and the most confident mistakes."""

import numpy as np
import pytest

from nnbook.metrics import accuracy, confidently_wrong, confusion_matrix
from nnbook.mlp import MLP


def test_accuracy_is_the_fraction_right():
    assert accuracy([0, 1, 2, 2], [0, 1, 1, 2]) == 0.75
    assert accuracy(np.array([1.0, 0.0]), [1, 0]) == 1.0         # whole-number floats
    assert isinstance(accuracy([0], [1]), float) and accuracy([0], [1]) == 0.0


def test_accuracy_agrees_with_the_mlp_score():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 3, size=40)
    net = MLP([3, 5, 3], random_state=0).fit(X, y, epochs=3, lr=0.1, batch_size=8)
    assert accuracy(y, net.predict(X)) == net.score(X, y)


@pytest.mark.parametrize("y_true, y_pred, exc, msg", [
    ([0, 1], [0], ValueError, "y_pred has 1 labels"),
    ([], [], ValueError, "y_true is empty"),
    ([0, -1], [0, 1], ValueError, "y_true has negative label"),
    ([[0, 1]], [[0, 1]], ValueError, "y_true must be 1-dimensional"),
    ([0.5, 1], [0, 1], ValueError, "y_true must hold whole-number"),
])
def test_accuracy_rejects_bad_labels(y_true, y_pred, exc, msg):
    with pytest.raises(exc, match=msg):
        accuracy(y_true, y_pred)


def test_confusion_matrix_counts():
    C = confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], n_classes=3)
    np.testing.assert_array_equal(C, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert C.sum() == 6 and C.dtype == np.int64
    assert np.trace(C) / C.sum() == accuracy([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2])
    assert confusion_matrix([3], [3]).shape == (10, 10)                # ten classes by default
    with pytest.raises(ValueError, match="y_pred"):
        confusion_matrix([0, 1], [0], n_classes=2)
    with pytest.raises(ValueError, match="label 3"):
        confusion_matrix([0, 3], [0, 1], n_classes=3)
    with pytest.raises(ValueError, match="n_classes"):
        confusion_matrix([0], [0], n_classes=1)


def test_confidently_wrong_orders_by_confidence():
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.05, 0.95]])
    y = np.array([1, 1, 1, 0])            # rows 0, 2 and 3 are wrong
    np.testing.assert_array_equal(confidently_wrong(proba, y, k=10), [3, 0, 2])
    np.testing.assert_array_equal(confidently_wrong(proba, y, k=1), [3])
    assert confidently_wrong(proba, [0, 1, 0, 1]).size == 0
    with pytest.raises(ValueError, match="k"):
        confidently_wrong(proba, y, k=0)
    with pytest.raises(ValueError, match="y_true has 3 labels"):
        confidently_wrong(proba, [0, 1, 0])
