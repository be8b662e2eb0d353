"""Chapter 2's number formatting for the prose (inline values)."""

from __future__ import annotations

import numpy as np

__all__ = ["sci"]

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(value, digits=2):
    """``value`` as readable scientific text for the prose: ``sci(3.6e-4)`` -> '3.6 × 10⁻⁴'.

    Values between 0.01 and 1000 are printed plainly with ``digits`` significant digits.
    """
    value = float(value)
    if value == 0 or 1e-2 <= abs(value) < 1e3:
        return f"{value:.{digits}g}"
    exponent = int(np.floor(np.log10(abs(value))))
    mantissa = value / 10.0 ** exponent
    if round(mantissa, digits - 1) >= 10:               # 9.99 rounds up to 10
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.{digits - 1}f} × 10{str(exponent).translate(_SUPERSCRIPT)}"
