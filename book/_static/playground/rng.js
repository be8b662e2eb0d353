// The playground's random numbers: nnbook/playground/rng.py, line for line, in JavaScript.
//
// SFC32 (Small Fast Chaotic, 128-bit state) on 32-bit words: `>>> 0` reduces a sum mod 2^32
// exactly, as `& 0xFFFFFFFF` does in Python. Uniform doubles take 53 bits from two outputs;
// normals use Marsaglia's polar method with portableLog, which needs only + - * / (exact IEEE
// doubles in both languages), because Math.log/cos/sin may differ from glibc in the last bit.
// See the Python module's docstring for the reasons and the consequences.

export const STREAMS = { data: 0, weights: 1, training: 2 };

const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const SQRT_HALF = 0.7071067811865476;
const ATANH_TERMS = [];                      // 1/31, 1/29, ..., 1/1 (Horner, highest first)
for (let k = 31; k >= 1; k -= 2) ATANH_TERMS.push(1.0 / k);

/** Natural logarithm of a positive finite double: x = m 2^e, log m = 2 atanh((m-1)/(m+1)). */
export function portableLog(x) {
  if (!(x > 0) || x === Infinity) throw new RangeError(`portableLog needs a positive finite x, got ${x}`);
  let e = 0;
  while (x < SQRT_HALF) { x *= 2.0; e -= 1; }
  while (x > SQRT2) { x /= 2.0; e += 1; }
  const t = (x - 1.0) / (x + 1.0);
  const t2 = t * t;
  let s = 0.0;
  for (const c of ATANH_TERMS) s = s * t2 + c;
  return e * LN2 + 2.0 * t * s;
}

export class SFC32 {
  /** seed, stream: integers in [0, 2^32); stream may be a key of STREAMS. */
  constructor(seed, stream = 0) {
    if (typeof stream === "string") stream = STREAMS[stream];
    for (const [name, v] of [["seed", seed], ["stream", stream]]) {
      if (!Number.isInteger(v) || v < 0 || v > 0xFFFFFFFF) {
        throw new RangeError(`${name} must be an integer in [0, 2**32), got ${v}`);
      }
    }
    this.a = stream; this.b = seed; this.c = 0; this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** t = a + b + d; d += 1; a = b ^ (b >> 9); b = c + 8c; c = rotl(c, 21) + t. */
  nextUint32() {
    const t = (this.a + this.b + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = (this.b ^ (this.b >>> 9)) >>> 0;
    this.b = (this.c + (this.c << 3)) >>> 0;
    const c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (c + t) >>> 0;
    return t;
  }

  /** A double in [0, 1) from 53 random bits. */
  uniform() {
    const x = this.nextUint32() >>> 5;
    const y = this.nextUint32() >>> 6;
    return (x * 67108864.0 + y) / 9007199254740992.0;
  }

  /** A standard normal by the polar method (one accepted pair of uniforms). */
  normal() {
    for (;;) {
      const u = 2.0 * this.uniform() - 1.0;
      const v = 2.0 * this.uniform() - 1.0;
      const s = u * u + v * v;
      if (s > 0.0 && s < 1.0) return u * Math.sqrt(-2.0 * portableLog(s) / s);
    }
  }

  /** An integer in [0, n): floor(u n). */
  below(n) { return Math.floor(this.uniform() * n); }

  /** n uniforms (a Float64Array), in order. */
  random(n) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform();
    return out;
  }

  /** n standard normals (a Float64Array), in order. */
  standardNormal(n) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Shuffle an array in place (Fisher–Yates, from the end). */
  shuffle(x) {
    for (let i = x.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const tmp = x[i]; x[i] = x[j]; x[j] = tmp;
    }
  }
}
