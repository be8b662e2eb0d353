"""Checkers that tell a student whether an answer is right, and if not, why not.

Each checker returns a :class:`Feedback`, which prints as one friendly line
and is truthy exactly when the answer is right, so it works both in a notebook
(``check_number(my_answer, ...)`` shows the verdict) and in a test
(``assert check_number(...)``). The chapter modules (``nnbook.exercises.ch1``
...) compute the expected answers with the package itself, so the notebook
never has to show the solution next to the question.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

__all__ = ["Feedback", "check_number", "check_array", "check_function", "check_choice"]


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: ``ok`` plus a message saying why."""

    ok: bool
    message: str

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("Correct: " if self.ok else "Not yet: ") + self.message

    def _repr_html_(self):
        colour = "#009E73" if self.ok else "#D55E00"
        mark = "✔ Correct" if self.ok else "✘ Not yet"
        return f'<p style="color:{colour}"><b>{mark}:</b> {self.message}</p>'


def check_number(answer, expected, *, name="your answer", rtol=1e-3, atol=1e-9, hint=""):
    """Compare a number with the expected value (relative tolerance ``rtol``)."""
    if isinstance(answer, bool) or not isinstance(answer, (numbers.Real, np.number)):
        arr = np.asarray(answer)
        if arr.size != 1 or not np.issubdtype(arr.dtype, np.number):
            return Feedback(False, f"{name} should be a single number, got "
                                   f"{type(answer).__name__}")
        answer = arr.item()
    answer = float(answer)
    if not np.isfinite(answer):
        return Feedback(False, f"{name} is {answer}; something overflowed or divided by zero")
    if np.isclose(answer, expected, rtol=rtol, atol=atol):
        return Feedback(True, f"{name} = {answer:.6g}")
    msg = f"{name} = {answer:.6g} is off"
    if expected != 0 and np.isclose(answer, -expected, rtol=rtol, atol=atol):
        msg += "; the size is right but the sign is flipped"
    return Feedback(False, msg + (f". Hint: {hint}" if hint else ""))


def check_array(answer, expected, *, name="your answer", rtol=1e-3, atol=1e-9, hint=""):
    """Compare an array with the expected one: shape first, then values."""
    expected = np.asarray(expected, dtype=float)
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{name} should be an array of numbers")
    if arr.shape != expected.shape:
        extra = ""
        if arr.T.shape == expected.shape and arr.ndim == 2:
            extra = " (it looks transposed)"
        return Feedback(False, f"{name} has shape {arr.shape} but should have shape "
                               f"{expected.shape}{extra}")
    if not np.all(np.isfinite(arr)):
        return Feedback(False, f"{name} contains NaN or infinity")
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    if not bad.any():
        return Feedback(True, f"{name} matches in all {arr.size} entries")
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    msg = f"{name} differs in {int(bad.sum())} of {arr.size} entries (first at index {first})"
    return Feedback(False, msg + (f". Hint: {hint}" if hint else ""))


def check_function(fn, reference, inputs, *, name="your function", rtol=1e-6, hint=""):
    """Call ``fn`` and ``reference`` on each input and compare the results."""
    if not callable(fn):
        return Feedback(False, f"{name} should be a function")
    for x in inputs:
        try:
            got = fn(x)
        except Exception as err:  # the student's code: report, don't crash
            return Feedback(False, f"{name}({x!r}) raised {type(err).__name__}: {err}")
        want = reference(x)
        fb = check_array(got, want, name=f"{name}({x!r})", rtol=rtol)
        if not fb:
            return Feedback(False, fb.message + (f". Hint: {hint}" if hint else ""))
    return Feedback(True, f"{name} agrees with the reference on {len(inputs)} inputs")


def check_choice(answer, expected, *, name="your answer", explain=""):
    """Compare a choice (a string or an integer) with the expected one."""
    if answer == expected:
        return Feedback(True, f"{name} is {answer!r}" + (f": {explain}" if explain else ""))
    return Feedback(False, f"{name} is {answer!r}, which is not it")
