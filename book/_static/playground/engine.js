// The playground's engine in the browser: the same mathematics as nnbook.playground.core
// (the state, the session) and nnbook.MLP (its forward pass, backpropagation BP1-BP4 and SGD
// step), with the same names, so a state trains the same run in Python and here.
//
// Notation (chapters 3 and 5 of the book): layer l computes Z = A W^T + b over a batch (one
// row per point), A' = f(Z); W^(l) has shape (n_out, n_in) and is stored row-major in a
// Float64Array. Every random number comes from SFC32 (rng.js) in the order Python draws it.

import { DATASETS, FEATURES, featureMatrix, makeData } from "./datasets.js";
import { SFC32 } from "./rng.js";

// ------------------------------------------------------------------ the state (core.py)
export const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"];
export const REGULARIZATIONS = ["none", "L1", "L2"];
export const DEFAULTS = {
  dataset: "circle", n_classes: 2, noise: 0.0, train_ratio: 0.5, n_points: 500, seed: 0,
  features: ["x1", "x2"], hidden: [4, 2], activation: "tanh", regularization: "none",
  reg_rate: 0.0, learning_rate: 0.03, batch_size: 10, dropout: 0.0, epoch_stop: null,
};
export const LIMITS = {
  noise: [0.0, 0.5], train_ratio: [0.1, 0.9], reg_rate: [0.0, 10.0], dropout: [0.0, 0.9],
  learning_rate: [1e-5, 10.0], n_classes: [2, 5], n_points: [20, 5000], batch_size: [1, 500],
  seed: [0, 2 ** 31],
};
export const MAX_LAYERS = 6, MAX_UNITS = 8;
export const DIVERGENCE_FACTOR = 10.0;

function fail(key, msg) { throw new RangeError(`playground state '${key}': ${msg}`); }

/** A complete, checked copy of a state (defaults filled in), as core.validate_state. */
export function validateState(state = {}) {
  const s = structuredClone(DEFAULTS);
  for (const [key, value] of Object.entries(state)) {
    if (!(key in DEFAULTS)) fail(key, `unknown setting; known ones are ${Object.keys(DEFAULTS).join(", ")}`);
    s[key] = structuredClone(value);
  }
  if (!(s.dataset in DATASETS)) fail("dataset", `choose one of ${Object.keys(DATASETS).join(", ")}`);
  if (DATASETS[s.dataset] === "classification") {
    const [lo, hi] = LIMITS.n_classes;
    if (!Number.isInteger(s.n_classes) || s.n_classes < lo || s.n_classes > hi) fail("n_classes", `must be an integer from ${lo} to ${hi}`);
    if (s.n_classes > 2 && !["gauss", "spiral"].includes(s.dataset)) fail("n_classes", "more than 2 classes needs dataset 'gauss' or 'spiral'");
  }
  for (const key of ["noise", "train_ratio", "reg_rate", "dropout", "learning_rate"]) {
    const [lo, hi] = LIMITS[key];
    if (typeof s[key] !== "number" || !(s[key] >= lo && s[key] <= hi)) fail(key, `must be a number in [${lo}, ${hi}], got ${s[key]}`);
  }
  for (const key of ["n_points", "batch_size", "seed"]) {
    const [lo, hi] = LIMITS[key];
    if (!Number.isInteger(s[key]) || s[key] < lo || s[key] > hi) fail(key, `must be an integer in [${lo}, ${hi}], got ${s[key]}`);
  }
  if (!Array.isArray(s.features) || !s.features.length || s.features.some((f) => !(f in FEATURES))) {
    fail("features", `must be a non-empty list from ${Object.keys(FEATURES).join(", ")}`);
  }
  s.features = Object.keys(FEATURES).filter((f) => s.features.includes(f));   // canonical order
  if (!Array.isArray(s.hidden) || s.hidden.length > MAX_LAYERS
      || s.hidden.some((h) => !Number.isInteger(h) || h < 1 || h > MAX_UNITS)) {
    fail("hidden", `must be a list of 0 to ${MAX_LAYERS} layer sizes, each from 1 to ${MAX_UNITS}`);
  }
  const acts = typeof s.activation === "string" ? s.hidden.map(() => s.activation) : s.activation;
  if (!Array.isArray(acts) || acts.length !== s.hidden.length || acts.some((a) => !ACTIVATIONS.includes(a))) {
    fail("activation", `must be one of ${ACTIVATIONS.join(", ")} or one per hidden layer`);
  }
  if (!REGULARIZATIONS.includes(s.regularization)) fail("regularization", `choose one of ${REGULARIZATIONS.join(", ")}`);
  if (s.epoch_stop !== null && (!Number.isInteger(s.epoch_stop) || s.epoch_stop < 1)) fail("epoch_stop", "must be null or a positive integer");
  return s;
}

// ------------------------------------------------------------ the network (nnbook.MLP)
export class DivergenceError extends Error {}

// f(z) and f'(z) elementwise, as nnbook.activations (sigmoid without overflow)
function sigmoid(z) { const e = Math.exp(-Math.abs(z)); return (z >= 0 ? 1.0 : e) / (1.0 + e); }
export const ACTIVATION_FNS = {
  relu: [(z) => (z > 0 ? z : 0.0), (z) => (z > 0 ? 1.0 : 0.0)],
  tanh: [Math.tanh, (z) => { const t = Math.tanh(z); return 1.0 - t * t; }],
  sigmoid: [sigmoid, (z) => { const s = sigmoid(z); return s * (1.0 - s); }],
  linear: [(z) => z, () => 1.0],
};

export class MLP {
  /** sizes [n_in, h1, ..., n_out]; acts one name per hidden layer; output "softmax" or "identity". */
  constructor(sizes, acts, output) {
    this.sizes = sizes; this.hiddenActivations = acts; this.output = output;
    this.weights = sizes.slice(1).map((nOut, l) => new Float64Array(nOut * sizes[l]));
    this.biases = sizes.slice(1).map((nOut) => new Float64Array(nOut));
  }

  /** Forward pass over n rows of X (row-major (n, n_in)): {zs, as}, as[0] = X; masks for dropout. */
  forward(X, n, masks = null) {
    const L = this.weights.length, zs = [], as = [X];
    let A = X;
    for (let l = 0; l < L; l++) {
      const nIn = this.sizes[l], nOut = this.sizes[l + 1], W = this.weights[l], b = this.biases[l];
      const Z = new Float64Array(n * nOut);
      for (let i = 0; i < n; i++) {                       // z = W a + b, one row per point
        for (let j = 0; j < nOut; j++) {
          let s = 0.0;
          for (let k = 0; k < nIn; k++) s += A[i * nIn + k] * W[j * nIn + k];
          Z[i * nOut + j] = s + b[j];
        }
      }
      if (l < L - 1) {
        const f = ACTIVATION_FNS[this.hiddenActivations[l]][0], mask = masks && masks[l];
        A = new Float64Array(n * nOut);
        for (let i = 0; i < A.length; i++) A[i] = mask ? f(Z[i]) * mask[i] : f(Z[i]);
      } else if (this.output === "softmax") {
        A = softmaxRows(Z, n, nOut);
      } else {
        A = Z;
      }
      zs.push(Z); as.push(A);
    }
    return { zs, as };
  }

  /** Mean data loss: cross-entropy sum_i (lse_i - z_{i, y_i}) / n, or MSE (1/2n) sum (p - t)^2. */
  dataLoss(fp, y, n) {
    const P = fp.as[fp.as.length - 1], K = this.sizes[this.sizes.length - 1];
    let s = 0.0;
    if (this.output === "softmax") {
      for (let i = 0; i < n; i++) s += P.lse[i] - fp.zs[fp.zs.length - 1][i * K + y[i]];
    } else {
      for (let i = 0; i < n; i++) { const d = P[i] - y[i]; s += d * d; }
      s *= 0.5;
    }
    return s / n;
  }

  /** Gradients of the last forward pass times lr (the SGD step itself), BP1-BP4. */
  backward(fp, y, n, masks, lr, l1, l2) {
    const L = this.weights.length, K = this.sizes[L], P = fp.as[L];
    let delta = new Float64Array(n * K);
    const scale = lr / n;
    for (let i = 0; i < n; i++) {                         // (BP1) delta = (p - t) lr / n
      for (let k = 0; k < K; k++) {
        const t = this.output === "softmax" ? (y[i] === k ? 1.0 : 0.0) : y[i];
        delta[i * K + k] = (P[i * K + k] - t) * scale;
      }
    }
    const gW = [], gb = [];
    for (let l = L - 1; l >= 0; l--) {
      const nIn = this.sizes[l], nOut = this.sizes[l + 1], A = fp.as[l], W = this.weights[l];
      const g = new Float64Array(nOut * nIn), gbl = new Float64Array(nOut);
      for (let j = 0; j < nOut; j++) {
        for (let k = 0; k < nIn; k++) {                   // (BP4) dL/dW = delta^T a
          let s = 0.0;
          for (let i = 0; i < n; i++) s += delta[i * nOut + j] * A[i * nIn + k];
          g[j * nIn + k] = s;
        }
        let s = 0.0;
        for (let i = 0; i < n; i++) s += delta[i * nOut + j];
        gbl[j] = s;                                       // (BP3) dL/db = sum of delta
      }
      if (l2) { const c = lr * l2; for (let m = 0; m < g.length; m++) g[m] += c * W[m]; }
      if (l1) { const c = lr * l1; for (let m = 0; m < g.length; m++) g[m] += c * Math.sign(W[m]); }
      gW[l] = g; gb[l] = gbl;
      if (l > 0) {                                        // (BP2) delta W, times f'(z)
        const fprime = ACTIVATION_FNS[this.hiddenActivations[l - 1]][1];
        const Z = fp.zs[l - 1], mask = masks && masks[l - 1], next = new Float64Array(n * nIn);
        for (let i = 0; i < n; i++) {
          for (let k = 0; k < nIn; k++) {
            let s = 0.0;
            for (let j = 0; j < nOut; j++) s += delta[i * nOut + j] * W[j * nIn + k];
            let v = s * fprime(Z[i * nIn + k]);
            if (mask) v *= mask[i * nIn + k];
            next[i * nIn + k] = v;
          }
        }
        delta = next;
      }
    }
    return [gW, gb];
  }

  /** One SGD step on a batch; masks drawn from rng first (inverted dropout). Returns the loss. */
  step(X, y, n, { lr, l1 = 0.0, l2 = 0.0, dropout = 0.0, rng = null }) {
    let masks = null;
    if (dropout) {
      const keep = 1.0 / (1.0 - dropout);
      masks = this.sizes.slice(1, -1).map((units) => {
        const u = rng.random(n * units);
        return u.map((v) => (v >= dropout ? keep : 0.0));
      });
    }
    const fp = this.forward(X, n, masks);
    const loss = this.dataLoss(fp, y, n);
    if (!Number.isFinite(loss)) {
      throw new DivergenceError(`the loss became ${loss} with lr=${lr}; try a smaller learning rate`);
    }
    const [gW, gb] = this.backward(fp, y, n, masks, lr, l1, l2);
    this.weights.forEach((W, l) => { for (let m = 0; m < W.length; m++) W[m] -= gW[l][m]; });
    this.biases.forEach((b, l) => { for (let m = 0; m < b.length; m++) b[m] -= gb[l][m]; });
    return loss;
  }
}

/** Row-wise softmax of Z (n, K); the result carries lse = m + log sum exp(z - m) per row. */
function softmaxRows(Z, n, K) {
  const P = new Float64Array(n * K);
  P.lse = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, Z[i * K + k]);
    let s = 0.0;
    for (let k = 0; k < K; k++) { const e = Math.exp(Z[i * K + k] - m); P[i * K + k] = e; s += e; }
    for (let k = 0; k < K; k++) P[i * K + k] /= s;
    P.lse[i] = m + Math.log(s);
  }
  return P;
}

/** The playground's initial weights (core.initial_weights): normals times He/Glorot scales. */
export function initialWeights(net, seed) {
  const rng = new SFC32(seed, "weights");
  const acts = [...net.hiddenActivations, net.output];
  return net.weights.map((W, l) => {
    const nIn = net.sizes[l], nOut = net.sizes[l + 1];
    const scale = acts[l] === "relu" ? Math.sqrt(2.0 / nIn) : Math.sqrt(2.0 / (nIn + nOut));
    return rng.standardNormal(nOut * nIn).map((z) => z * scale);
  });
}

// -------------------------------------------------------------- the session (core.py)
export class Session {
  constructor(state = {}) {
    this.state = validateState(state);
    this.problem = DATASETS[this.state.dataset];
    this.data = makeData(this.state);
    const f = this.state.features;
    this.F_train = featureMatrix(this.data.X_train, f);
    this.F_test = featureMatrix(this.data.X_test, f);
    this.reset();
  }

  /** New initial weights (from the state's seed) and an empty history. */
  reset() {
    const s = this.state;
    const acts = typeof s.activation === "string" ? s.hidden.map(() => s.activation) : s.activation;
    const nOut = this.problem === "classification" ? s.n_classes : 1;
    const output = this.problem === "classification" ? "softmax" : "identity";
    this.net = new MLP([s.features.length, ...s.hidden, nOut], acts, output);
    initialWeights(this.net, s.seed).forEach((W, l) => this.net.weights[l].set(W));
    this.rng = new SFC32(s.seed, "training");           // batch order and dropout masks
    this.epoch = 0.0;
    this.steps = 0;
    this.order = Array.from({ length: this.data.X_train.length }, (_, i) => i);
    this.pos = this.order.length;
    this.history = { epoch: [], train_loss: [], test_loss: [] };
    this.record();
  }

  get stepsPerEpoch() { return Math.ceil(this.data.X_train.length / this.state.batch_size); }

  get done() {
    const stop = this.state.epoch_stop;
    return stop !== null && this.epoch >= stop - 1e-9;
  }

  /** Up to nSteps mini-batch updates (stops at epoch_stop); reshuffles at each epoch's start. */
  step(nSteps = 1) {
    const s = this.state, bs = s.batch_size, d = s.features.length;
    const l1 = s.regularization === "L1" ? s.reg_rate : 0.0;
    const l2 = s.regularization === "L2" ? s.reg_rate : 0.0;
    for (let t = 0; t < nSteps; t++) {
      if (this.done) break;
      if (this.pos >= this.order.length) { this.rng.shuffle(this.order); this.pos = 0; }
      const idx = this.order.slice(this.pos, this.pos + bs);
      this.pos += bs;
      const X = new Float64Array(idx.length * d);
      idx.forEach((i, r) => X.set(this.F_train.subarray(i * d, (i + 1) * d), r * d));
      const y = idx.map((i) => this.data.y_train[i]);
      this.net.step(X, y, idx.length, { lr: s.learning_rate, l1, l2, dropout: s.dropout, rng: this.rng });
      this.steps += 1;
      this.epoch = this.steps / this.stepsPerEpoch;
    }
    return this;
  }

  runEpochs(nEpochs = 1) {
    for (let e = 0; e < nEpochs; e++) { this.step(this.stepsPerEpoch); this.record(); }
    return this;
  }

  /** Data loss on the training or the test set (no penalty). */
  loss(which = "train") {
    const F = which === "train" ? this.F_train : this.F_test;
    const y = which === "train" ? this.data.y_train : this.data.y_test;
    if (!y.length) return NaN;
    return this.net.dataLoss(this.net.forward(F, y.length), y, y.length);
  }

  /** Fraction of points whose class the network predicts (classification). */
  accuracy(which = "train") {
    const F = which === "train" ? this.F_train : this.F_test;
    const y = which === "train" ? this.data.y_train : this.data.y_test;
    const K = this.state.n_classes, P = this.net.forward(F, y.length).as.at(-1);
    let right = 0;
    y.forEach((label, i) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (P[i * K + k] > P[i * K + best]) best = k;
      if (best === label) right += 1;
    });
    return right / y.length;
  }

  /** Why training has diverged (core.Session.divergence), or null. */
  divergence() {
    if (![...this.net.weights, ...this.net.biases].every((p) => p.every(Number.isFinite))) {
      return "a weight became infinite or NaN";
    }
    const loss = this.loss("train"), start = this.history.train_loss[0];
    if (!Number.isFinite(loss)) return `the training loss became ${loss}`;
    if (loss > DIVERGENCE_FACTOR * start) {
      return `the training loss rose to ${loss.toPrecision(3)}, more than ${DIVERGENCE_FACTOR} times its starting value ${start.toPrecision(3)}`;
    }
    return null;
  }

  record() {
    this.history.epoch.push(this.epoch);
    this.history.train_loss.push(this.loss("train"));
    this.history.test_loss.push(this.loss("test"));
  }

  /** What the plane shows at points X: P(class 1), the class, or the value; and hidden maps. */
  outputOn(X) {
    const F = featureMatrix(X, this.state.features), fp = this.net.forward(F, X.length);
    const P = fp.as.at(-1), K = this.net.sizes.at(-1), out = new Float64Array(X.length);
    for (let i = 0; i < X.length; i++) {
      if (this.problem === "regression") out[i] = P[i];
      else if (K === 2) out[i] = P[i * 2 + 1];
      else { let best = 0; for (let k = 1; k < K; k++) if (P[i * K + k] > P[i * K + best]) best = k; out[i] = best; }
    }
    return { output: out, hidden: fp.as.slice(1, -1) };
  }
}
