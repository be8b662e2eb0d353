// The playground's data sets and input features: nnbook/playground/datasets.py in JavaScript.
// Every random number comes from SFC32 (rng.js) in the order the Python module's docstring
// lists: the shuffled labels, each point's shape draws, the noise, then the train/test split.

import { SFC32 } from "./rng.js";

export const DATASETS = {
  circle: "classification", xor: "classification", gauss: "classification",
  spiral: "classification", moons: "classification", plane: "regression", bumps: "regression",
};
export const FEATURES = {
  x1: (x1, x2) => x1, x2: (x1, x2) => x2, "x1^2": (x1, x2) => x1 * x1,
  "x2^2": (x1, x2) => x2 * x2, "x1*x2": (x1, x2) => x1 * x2,
  "sin(x1)": (x1, x2) => Math.sin(x1), "sin(x2)": (x1, x2) => Math.sin(x2),
};
export const SCALE = 5.0;          // inputs live in [-SCALE, SCALE]^2
const TWO_PI = 2.0 * Math.PI;

export const SHAPES = {
  circle(rng, label) {                       // rings of radius 1 (class 0) and 1/2
    const t = TWO_PI * rng.uniform();
    const r = label === 0 ? 1.0 : 0.5;
    return [r * Math.cos(t), r * Math.sin(t)];
  },
  xor(rng, label) {                          // |x_i| in [0.1, 1], signs agree for class 0
    const a = 0.1 + 0.9 * rng.uniform();
    const b = 0.1 + 0.9 * rng.uniform();
    const s1 = rng.uniform() < 0.5 ? -1.0 : 1.0;
    const s2 = label === 1 ? -s1 : s1;
    return [s1 * a, s2 * b];
  },
  gauss(rng, label, k) {                     // blob centres on the circle of radius 1.5
    const angle = TWO_PI * label / k + (k === 2 ? Math.PI / 4 : Math.PI / 2);
    return [1.5 * Math.cos(angle), 1.5 * Math.sin(angle)];
  },
  spiral(rng, label, k) {                    // radius r, angle 2 pi (1.25 r + label / K)
    const r = 0.05 + 0.95 * rng.uniform();
    const t = TWO_PI * (1.25 * r + label / k);
    return [r * Math.cos(t), r * Math.sin(t)];
  },
  moons(rng, label) {
    const t = Math.PI * rng.uniform();
    return label === 0 ? [Math.cos(t), Math.sin(t)] : [1.0 - Math.cos(t), 0.5 - Math.sin(t)];
  },
  plane: (x1, x2) => (x1 + x2) / 2.0,
  bumps(x1, x2) {
    const a1 = x1 - 0.4, a2 = x2 - 0.4, b1 = x1 + 0.4, b2 = x2 + 0.4;
    return Math.exp(-(a1 * a1 + a2 * a2) / 0.15) - Math.exp(-(b1 * b1 + b2 * b2) / 0.15);
  },
};

/** Raw points and targets, draws 1-3 of datasets.py's docstring. */
export function makePoints(dataset, n, noise, nClasses, rng) {
  if (DATASETS[dataset] === "regression") {
    const points = [];
    for (let i = 0; i < n; i++) points.push([2.0 * rng.uniform() - 1.0, 2.0 * rng.uniform() - 1.0]);
    let targets = points.map(([x1, x2]) => SHAPES[dataset](x1, x2));
    if (noise > 0) targets = targets.map((t) => t + noise * rng.normal());
    return [points, targets];
  }
  const labels = Array.from({ length: n }, (_, i) => i % nClasses);
  rng.shuffle(labels);
  let points = labels.map((label) => SHAPES[dataset](rng, label, nClasses));
  if (noise > 0) points = points.map(([x1, x2]) => [x1 + noise * rng.normal(), x2 + noise * rng.normal()]);
  return [points, labels];
}

/** {X_train, y_train, X_test, y_test}: X arrays of [x1, x2], centred, scaled into [-4.5, 4.5]^2. */
export function makeData(state) {
  const n = state.n_points;
  const rng = new SFC32(state.seed, "data");
  const [points, targets] = makePoints(state.dataset, n, state.noise, state.n_classes, rng);
  const mean = [0, 1].map((c) => { let s = 0; for (const p of points) s += p[c]; return s / n; });
  let X = points.map(([x1, x2]) => [x1 - mean[0], x2 - mean[1]]);
  let big = 0;
  for (const p of X) big = Math.max(big, Math.abs(p[0]), Math.abs(p[1]));
  const factor = 0.9 * SCALE / big;
  X = X.map(([x1, x2]) => [x1 * factor, x2 * factor]);
  const order = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  const nTrain = Math.floor(state.train_ratio * n + 0.5);
  const pick = (idx) => [idx.map((i) => X[i]), idx.map((i) => targets[i])];
  const [X_train, y_train] = pick(order.slice(0, nTrain));
  const [X_test, y_test] = pick(order.slice(nTrain));
  return { X_train, y_train, X_test, y_test };
}

/** The chosen input features of points X (list of [x1, x2]) as a row-major (n, d) matrix. */
export function featureMatrix(X, features) {
  const d = features.length, F = new Float64Array(X.length * d);
  const fns = features.map((f) => FEATURES[f]);
  X.forEach(([x1, x2], i) => { for (let j = 0; j < d; j++) F[i * d + j] = fns[j](x1, x2); });
  return F;
}

