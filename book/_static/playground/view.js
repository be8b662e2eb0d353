// The playground's picture on canvases, as nnbook/playground/view.py draws it: the network
// (a map per unit, links whose width grows with |w|: solid vermillion positive, dashed blue
// negative), the output over the plane with the points, and the loss curves.

import { SCALE, featureMatrix } from "./datasets.js";

// nnbook.plotting.PALETTE and COLORS (Okabe & Ito); tests/test_playground_js.py checks them
export const PALETTE = {
  blue: "#0072B2", orange: "#E69F00", green: "#009E73", vermillion: "#D55E00", sky: "#56B4E9",
  purple: "#CC79A7", yellow: "#F0E442", black: "#000000", grey: "#999999",
};
export const COLORS = ["blue", "vermillion", "green", "orange", "purple", "sky", "black", "yellow"]
  .map((k) => PALETTE[k]);
const MID = "#f7f7f7";                    // the middle of plotting.DIVERGING
const OUTPUT_RES = 50, UNIT_RES = 16;

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const STOPS = [PALETTE.blue, MID, PALETTE.vermillion].map(rgb);

/** plotting.DIVERGING at v in [lo, hi]: blue, light grey, vermillion, linear in RGB. */
export function diverging(v, lo = -1, hi = 1) {
  let x = (v - lo) / (hi - lo);
  x = Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0.5;
  const [a, b, t] = x < 0.5 ? [STOPS[0], STOPS[1], 2 * x] : [STOPS[1], STOPS[2], 2 * x - 1];
  return a.map((c, i) => Math.round(c + (b[i] - c) * t));
}

/** Points of a res x res lattice over [-SCALE, SCALE]^2, row 0 at the top (x2 = SCALE). */
function lattice(res) {
  const X = [];
  for (let r = 0; r < res; r++) {
    for (let c = 0; c < res; c++) X.push([-SCALE + (2 * SCALE * c) / (res - 1), SCALE - (2 * SCALE * r) / (res - 1)]);
  }
  return X;
}
const GRIDS = { [OUTPUT_RES]: lattice(OUTPUT_RES), [UNIT_RES]: lattice(UNIT_RES) };

/** Paint values (one per lattice point) into ctx's rectangle (x, y, size) via colour(v). */
function paintMap(ctx, values, res, colour, x, y, size) {
  const tile = document.createElement("canvas");
  tile.width = tile.height = res;
  const t = tile.getContext("2d"), img = t.createImageData(res, res);
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = colour(values[i]);
    img.data.set([r, g, b, 255], 4 * i);
  }
  t.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tile, x, y, size, size);
}

function classColour(k, nClasses) {
  if (nClasses === 2) return rgb(k === 0 ? PALETTE.blue : PALETTE.vermillion);
  return rgb(COLORS[k % COLORS.length]);
}

/** The output map with the training (and test) points. */
export function drawOutput(canvas, session, { showTest = false, discretize = false } = {}) {
  const ctx = canvas.getContext("2d"), size = canvas.width;
  const { output } = session.outputOn(GRIDS[OUTPUT_RES]);
  const k = session.state.n_classes, regression = session.problem === "regression";
  let colour;
  if (regression) colour = discretize ? (v) => diverging(v >= 0 ? 1 : -1) : (v) => diverging(v);
  else if (k === 2) colour = discretize ? (v) => diverging(v >= 0.5 ? 1 : 0, 0, 1) : (v) => diverging(v, 0, 1);
  else colour = (v) => classColour(v, k).map((c) => Math.round(c + (255 - c) * 0.45));
  paintMap(ctx, output, OUTPUT_RES, colour, 0, 0, size);
  const toPx = (v) => ((v + SCALE) / (2 * SCALE)) * size;
  const sets = [[session.data.X_train, session.data.y_train, true]];
  if (showTest) sets.push([session.data.X_test, session.data.y_test, false]);
  for (const [X, y, filled] of sets) {
    X.forEach(([x1, x2], i) => {
      const c = regression ? diverging(y[i]) : classColour(y[i], k);
      ctx.beginPath();
      ctx.arc(toPx(x1), size - toPx(x2), 3, 0, 2 * Math.PI);
      ctx.lineWidth = filled ? 0.8 : 1.5;
      if (filled) { ctx.fillStyle = `rgb(${c})`; ctx.fill(); ctx.strokeStyle = "#fff"; } else ctx.strokeStyle = `rgb(${c})`;
      ctx.stroke();
    });
  }
}

/** The network: feature maps, unit maps and links, left to right. */
export function drawNetwork(canvas, session) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height;
  ctx.clearRect(0, 0, W, H);
  const net = session.net, sizes = net.sizes, box = 26;
  const cols = sizes.length, dx = (W - box) / Math.max(cols - 1, 1);
  const pos = sizes.map((n, l) => Array.from({ length: n }, (_, i) => [l * dx, (H / n) * (i + 0.5) - box / 2]));
  // links first, so the maps sit on top of them
  net.weights.forEach((Wl, l) => {
    const nIn = sizes[l];
    for (let j = 0; j < sizes[l + 1]; j++) {
      for (let i = 0; i < nIn; i++) {
        const w = Wl[j * nIn + i];
        const [x0, y0] = pos[l][i], [x1, y1] = pos[l + 1][j];
        ctx.beginPath();
        ctx.moveTo(x0 + box, y0 + box / 2);
        ctx.lineTo(x1, y1 + box / 2);
        ctx.lineWidth = Math.min(0.4 + 2.5 * Math.abs(w), 7);
        ctx.strokeStyle = w >= 0 ? PALETTE.vermillion : PALETTE.blue;
        ctx.setLineDash(w >= 0 ? [] : [4, 3]);
        ctx.stroke();
      }
    }
  });
  ctx.setLineDash([]);
  const grid = GRIDS[UNIT_RES], F = featureMatrix(grid, session.state.features);
  const d = session.state.features.length;
  session.state.features.forEach((f, i) => {
    const vals = grid.map((_, p) => F[p * d + i]);
    const big = Math.max(...vals.map(Math.abs)) || 1;
    paintMap(ctx, vals, UNIT_RES, (v) => diverging(v / big), ...pos[0][i], box);
    ctx.fillStyle = PALETTE.black;
    ctx.font = "10px sans-serif";
    ctx.fillText(f, pos[0][i][0], pos[0][i][1] - 2);
  });
  const { hidden, output } = session.outputOn(grid);
  hidden.forEach((A, l) => {
    const n = sizes[l + 1];
    for (let j = 0; j < n; j++) {
      const vals = grid.map((_, p) => A[p * n + j]);
      paintMap(ctx, vals, UNIT_RES, (v) => diverging(v), ...pos[l + 1][j], box);
    }
  });
  // the output units: a class's colour for a classifier, the predicted value's map for regression
  const k = session.state.n_classes;
  pos[cols - 1].forEach(([x, y], j) => {
    if (session.problem === "regression") {
      paintMap(ctx, output, UNIT_RES, (v) => diverging(v), x, y, box);
    } else {
      ctx.fillStyle = `rgb(${classColour(j, k)})`;
      ctx.fillRect(x, y, box, box);
    }
  });
}

/** Train (solid blue) and test (dashed vermillion) loss against epochs. */
export function drawLosses(canvas, history) {
  const ctx = canvas.getContext("2d"), W = canvas.width, H = canvas.height, pad = 28;
  ctx.clearRect(0, 0, W, H);
  const e = history.epoch, last = Math.max(e.at(-1), 1);
  const top = Math.max(...history.train_loss, ...history.test_loss.filter(Number.isFinite), 1e-9);
  const px = (x) => pad + ((W - pad - 4) * x) / last, py = (v) => H - pad - ((H - pad - 6) * v) / top;
  ctx.strokeStyle = PALETTE.grey; ctx.lineWidth = 1; ctx.setLineDash([]);
  ctx.strokeRect(pad, 6, W - pad - 4, H - pad - 6);
  ctx.fillStyle = PALETTE.black; ctx.font = "10px sans-serif";
  ctx.fillText(top.toPrecision(2), 2, 14); ctx.fillText("0", pad - 10, H - pad);
  ctx.fillText(`epoch ${last.toFixed(0)}`, W - 60, H - 8);
  for (const [key, colour, dash] of [["train_loss", PALETTE.blue, []], ["test_loss", PALETTE.vermillion, [5, 3]]]) {
    ctx.beginPath();
    ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.setLineDash(dash);
    const n = e.length, stride = Math.ceil(n / 400);   // a long run: at most ~400 vertices
    for (let i = 0; i < n; i += stride) (i ? ctx.lineTo : ctx.moveTo).call(ctx, px(e[i]), py(history[key][i]));
    ctx.lineTo(px(e[n - 1]), py(history[key][n - 1]));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.fillStyle = PALETTE.blue; ctx.fillText("train", pad + 6, H - 8);
  ctx.fillStyle = PALETTE.vermillion; ctx.fillText("test", pad + 40, H - 8);
}


