"""Callbacks for ``MLP.fit(..., callback=cb)``: ``cb(net, epoch)`` runs after every epoch.

:class:`ProgressBar` follows the training: epochs done, the last training loss and, when
``fit`` got ``validation=``, the last validation accuracy. It only records and renders
(as text, and as HTML for Jupyter); showing it is left to a display handle passed in,
so this module imports no notebook machinery.
"""

from __future__ import annotations

from ._checks import check_int

__all__ = ["ProgressBar"]


class ProgressBar:
    """A training progress bar for ``MLP.fit(..., callback=ProgressBar(epochs))``.

    After every epoch it reads ``net.history_``: the last ``"loss"`` and, if present, the
    last ``"val_score"``. With a display ``handle`` (in Jupyter
    ``IPython.display.DisplayHandle()``) the bar is shown once, after the first epoch, and
    updated in place after the others, so the stored notebook keeps the final state:
    an HTML ``<progress>`` element plus a text line.

    Parameters
    ----------
    epochs : int >= 1
        The ``epochs`` given to ``fit``.
    width : int >= 5
        Characters of the text bar.
    handle : object with ``display(obj)`` and ``update(obj)`` methods, or None
        Where to show the bar; None only records (for tests and scripts).

    Attributes
    ----------
    done : int
        Epochs finished (at most ``epochs``).
    loss, score : float or None
        The last training loss and validation accuracy seen.
    """

    def __init__(self, epochs, width=30, handle=None):
        self.epochs = check_int(epochs, "epochs", minimum=1)
        self.width = check_int(width, "width", minimum=5)
        if handle is not None and not (callable(getattr(handle, "display", None))
                                       and callable(getattr(handle, "update", None))):
            raise TypeError("handle must have display(obj) and update(obj) methods, e.g. "
                            f"IPython.display.DisplayHandle(); got {type(handle).__name__}")
        self.handle = handle
        self.done, self.loss, self.score = 0, None, None

    def __call__(self, net, epoch):
        hist = net.history_
        first = self.done == 0
        self.done = min(epoch + 1, self.epochs)
        self.loss = hist["loss"][-1] if hist.get("loss") else None
        self.score = hist["val_score"][-1] if hist.get("val_score") else None
        if self.handle is not None:
            (self.handle.display if first else self.handle.update)(self)

    def text(self):
        """The bar as one line of text, e.g. ``[#####-----] epoch 5/10  loss 0.31``."""
        filled = round(self.width * self.done / self.epochs)
        msg = f"[{'#' * filled}{'-' * (self.width - filled)}] epoch {self.done}/{self.epochs}"
        if self.loss is not None:
            msg += f"  loss {self.loss:.3f}"
        if self.score is not None:
            msg += f"  validation accuracy {self.score:.3f}"
        return msg

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        return (f'<div style="font-family:monospace"><progress max="{self.epochs}" '
                f'value="{self.done}" style="width:16em"></progress> '
                f'{self.text().split("] ", 1)[1]}</div>')
