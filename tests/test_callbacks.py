"""nnbook.callbacks: the training progress bar (core: no notebook machinery needed)."""

import subprocess
import sys

import numpy as np
import pytest

from nnbook.callbacks import ProgressBar
from nnbook.mlp import MLP


class _Handle:
    """Stands in for IPython.display.DisplayHandle: records what was shown and updated."""

    def __init__(self):
        self.calls = []

    def display(self, obj):
        self.calls.append(("display", obj.text()))

    def update(self, obj):
        self.calls.append(("update", obj.text()))


def _fit(bar, epochs=4):
    net = MLP([2, 3, 2], random_state=0)
    X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0, 1])
    net.fit(X, y, epochs=epochs, lr=0.1, batch_size=2, validation=(X, y), callback=bar)
    return net


def test_progress_bar_records_and_renders():
    bar = ProgressBar(4, width=8)
    net = _fit(bar)
    assert bar.done == 4
    assert bar.loss == pytest.approx(net.history_["loss"][-1])
    assert bar.score == pytest.approx(net.history_["val_score"][-1])
    assert bar.text().startswith("[########] epoch 4/4")
    assert repr(bar) == bar.text()
    assert 'value="4"' in bar._repr_html_() and 'max="4"' in bar._repr_html_()
    half = ProgressBar(10, width=10)
    half.done = 5
    assert half.text() == "[#####-----] epoch 5/10"
    with pytest.raises(ValueError, match="epochs"):
        ProgressBar(0)


def test_progress_bar_is_shown_once_then_updated_in_place():
    handle = _Handle()
    _fit(ProgressBar(3, width=6, handle=handle), epochs=3)
    assert [kind for kind, _ in handle.calls] == ["display", "update", "update"]
    assert handle.calls[0][1].startswith("[##----] epoch 1/3  loss ")
    assert handle.calls[-1][1].startswith("[######] epoch 3/3  loss ")
    assert "validation accuracy" in handle.calls[-1][1]


def test_progress_bar_without_validation_shows_the_loss_only():
    bar = ProgressBar(2, width=5)
    net = MLP([2, 3, 2], random_state=0)
    net.fit(np.eye(2), np.array([0, 1]), epochs=2, lr=0.1, batch_size=2, callback=bar)
    assert bar.score is None and bar.text().endswith(f"loss {net.history_['loss'][-1]:.3f}")


@pytest.mark.parametrize("kwargs, exc, msg", [
    ({"epochs": 2.5}, TypeError, "epochs must be an integer"),
    ({"epochs": 3, "width": 4}, ValueError, "width must be >= 5"),
    ({"epochs": 3, "handle": print}, TypeError, "handle must have display"),
])
def test_progress_bar_rejects_bad_arguments(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        ProgressBar(**kwargs)


def test_callbacks_load_no_notebook_machinery():
    code = ("import sys, nnbook.callbacks; print(sorted(m for m in sys.modules if "
            "m.split('.')[0] in ('IPython', 'matplotlib', 'ipywidgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
