r"""The playground's random numbers, the same bit for bit in Python and in the browser.

NumPy's ``default_rng`` (PCG64 with a 128-bit multiply, a ziggurat for normals) has no
exact JavaScript twin, so a playground state could not reproduce on the website. The
playground therefore draws every random number (data, initial weights, batch order,
dropout masks) from this small generator, and ``book/_static/playground/rng.js`` is the
same code in JavaScript. Only operations that both languages compute exactly are used:
32-bit integer arithmetic (``Math.imul``, ``>>>`` in JavaScript, ``& 0xFFFFFFFF`` here)
and IEEE-754 double ``+ - * /`` and ``sqrt``, which are correctly rounded in both.

* **Generator: SFC32** (Chris Doty-Humphrey's Small Fast Chaotic generator, 128 bits of
  state, passes PractRand and BigCrush): one output needs four additions, a shift-xor and
  a rotation, all exact on 32-bit words. A ``(seed, stream)`` pair seeds it as PractRand
  does: ``a = stream, b = seed, c = 0, counter = 1``, then 12 outputs are thrown away.
* **Uniform doubles** take 53 bits from two outputs, :math:`u = (2^{26}(x \gg 5) +
  (y \gg 6))/2^{53} \in [0, 1)` (``genrand_res53`` of the Mersenne Twister), exact.
* **Normals: Marsaglia's polar method** with a logarithm written out below. Box–Muller
  needs ``log``, ``cos`` and ``sin``, and the last bit of those differs between glibc
  (NumPy, ``math``) and V8, so a state would drift apart. The polar method needs only
  ``log`` and ``sqrt``; ``sqrt`` is correctly rounded everywhere and :func:`portable_log`
  uses nothing but ``+ - * /``, so both languages produce the same double. Consequence:
  the normals are exact to within a few ulps of the true transform (far below any
  statistical effect), and each normal consumes an accepted pair of uniforms (on average
  :math:`4/\pi \approx 1.27` pairs); the second normal of the pair is thrown away, so
  the stream has no hidden cache.
* **Integers below n** (shuffles): :math:`\lfloor u\,n \rfloor`, exact for the
  ``n < 2^{21}`` a playground needs; the bias is below :math:`n/2^{53}`.

Python scalars are slow next to NumPy, but the playground draws few numbers: about
3,000 for a 500-point data set, a few dozen initial weights, one shuffle per epoch and
the dropout masks of each step.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["SFC32", "portable_log", "STREAMS"]

_MASK = 0xFFFFFFFF
_LN2 = 0.6931471805599453           # the double nearest ln 2, the same literal in rng.js
_SQRT2 = 1.4142135623730951
_SQRT_HALF = 0.7071067811865476
# the odd terms 1/(2k+1) of 2 atanh(t) = log((1+t)/(1-t)), highest first (Horner)
_ATANH_TERMS = [1.0 / k for k in range(31, 0, -2)]
# the stream of each use, so that changing one (say, the weights) leaves the others alone
STREAMS = {"data": 0, "weights": 1, "training": 2}


def portable_log(x):
    r"""Natural logarithm of a positive finite double with only ``+ - * /``.

    Writes :math:`x = m\,2^e` with :math:`m \in [1/\sqrt2, \sqrt2]` (multiplying by 2 is
    exact) and :math:`\log m = 2\,\mathrm{atanh}\,t = 2(t + t^3/3 + t^5/5 + \dots)`,
    :math:`t = (m-1)/(m+1)`, :math:`|t| \le 0.172`, summed to :math:`t^{31}` (the next term
    is below :math:`10^{-25}`). Accurate to a few ulps; identical in ``rng.js``.
    """
    if not x > 0 or x == math.inf:
        raise ValueError(f"portable_log needs a positive finite x, got {x!r}")
    e = 0
    while x < _SQRT_HALF:
        x *= 2.0
        e -= 1
    while x > _SQRT2:
        x /= 2.0
        e += 1
    t = (x - 1.0) / (x + 1.0)
    t2 = t * t
    s = 0.0
    for c in _ATANH_TERMS:
        s = s * t2 + c
    return e * _LN2 + 2.0 * t * s


class SFC32:
    """SFC32 generator with the draws the playground needs (see the module docstring).

    Parameters
    ----------
    seed : int in [0, 2**32)
    stream : int in [0, 2**32), or a key of :data:`STREAMS`
    """

    def __init__(self, seed, stream=0):
        stream = STREAMS.get(stream, stream)
        for name, v in (("seed", seed), ("stream", stream)):
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v <= _MASK:
                raise ValueError(f"{name} must be an integer in [0, 2**32), got {v!r}")
        self.a, self.b, self.c, self.d = int(stream), int(seed), 0, 1
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self):
        """The next 32-bit output: t = a + b + d; d += 1; a = b ^ (b >> 9); b = c + 8c;
        c = rotl(c, 21) + t."""
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b + d) & _MASK
        self.d = (d + 1) & _MASK
        self.a = b ^ (b >> 9)
        self.b = (c + (c << 3)) & _MASK
        c = ((c << 21) | (c >> 11)) & _MASK
        self.c = (c + t) & _MASK
        return t

    def uniform(self):
        """A double in [0, 1) from 53 random bits (two outputs)."""
        x = self.next_uint32() >> 5
        y = self.next_uint32() >> 6
        return (x * 67108864.0 + y) / 9007199254740992.0

    def normal(self):
        """A standard normal by the polar method (one accepted pair of uniforms)."""
        while True:
            u = 2.0 * self.uniform() - 1.0
            v = 2.0 * self.uniform() - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                return u * math.sqrt(-2.0 * portable_log(s) / s)

    def below(self, n):
        """An integer in [0, n), n >= 1: floor(u n)."""
        return int(self.uniform() * n)

    # ------------------------------------------------- NumPy-shaped draws (C order)
    def random(self, size):
        """Uniform doubles in [0, 1) of shape ``size``, filled in C order.

        The name and signature are ``numpy.random.Generator.random``'s, so an
        :class:`~nnbook.MLP` can draw its dropout masks from this generator.
        """
        shape = (size,) if isinstance(size, (int, np.integer)) else tuple(size)
        return np.array([self.uniform() for _ in range(math.prod(shape))],
                        dtype=float).reshape(shape)

    def standard_normal(self, size):
        """Standard normals of shape ``size``, filled in C order."""
        shape = (size,) if isinstance(size, (int, np.integer)) else tuple(size)
        return np.array([self.normal() for _ in range(math.prod(shape))],
                        dtype=float).reshape(shape)

    def shuffle(self, x):
        """Shuffle the 1-d array ``x`` in place (Fisher–Yates, from the end)."""
        for i in range(len(x) - 1, 0, -1):
            j = self.below(i + 1)
            x[i], x[j] = x[j], x[i]
