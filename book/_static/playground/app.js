// The live playground on the website: the Jupyter app's controls around the engine (engine.js).
//
// The page holds one or more <div class="nnbook-playground" data-state='{...}'> (written by
// nnbook.playground.playground() when the book is built). The first becomes the live app; each
// later one becomes a preset button that loads its state into that app. A state in the URL hash
// (#playground={...}) opens in the app. The container's text explains how to serve the page if
// this module cannot load (browsers do not run ES modules from file://).

import { DATASETS, FEATURES } from "./datasets.js";
import { ACTIVATIONS, DivergenceError, LIMITS, MAX_LAYERS, MAX_UNITS, REGULARIZATIONS, Session,
  validateState } from "./engine.js";
import { drawLosses, drawNetwork, drawOutput } from "./view.js";

// the choices of nnbook/playground/app.py (tests/test_playground_js.py checks they agree)
export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
export const REG_RATES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
export const MAX_BATCH_SLIDER = 30, MAX_DROPOUT_SLIDER = 0.8;
export const STEPS_PER_FRAME = 10;
const FLOAT_KEYS = ["noise", "train_ratio", "reg_rate", "learning_rate", "dropout"];

/** A number as Python's repr writes it: floats keep ".0", exponents have two digits. */
function pyNumber(v, isFloat) {
  if (!isFloat) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e16)) {
    return v.toExponential().replace(/e([+-])(\d)$/, (_, sign, digit) => `e${sign}0${digit}`);
  }
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** A value as Python's repr writes it (strings in single quotes, None, lists). */
function pyValue(v, isFloat) {
  if (v === null) return "None";
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map((x) => pyValue(x, false)).join(", ")}]`;
  return pyNumber(v, isFloat);
}

/** The state as both apps print it: playground(**{...}), Python's repr of the dict
 *  (nnbook.playground.app.state_text); json = true gives JSON instead (the link's hash). */
export function stateText(state, json = false) {
  if (json) return JSON.stringify(state);
  const items = Object.entries(state).map(([k, v]) => `'${k}': ${pyValue(v, FLOAT_KEYS.includes(k))}`);
  return `playground(**{${items.join(", ")}})`;
}

/** A state typed or pasted by a reader: JSON, or a Python dict as print(state) shows it. */
export function parseState(text) {
  const json = text.trim().replace(/^playground\(\*\*/, "").replace(/\)$/, "")
    .replaceAll("'", '"').replace(/\bNone\b/g, "null").replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false");
  return validateState(JSON.parse(json));
}

const STYLE = `
.nnpg-live { font: 14px/1.4 sans-serif; border: 1px solid #999; border-radius: 6px; padding: 8px; }
.nnpg-bar { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.nnpg-bar button, .nnpg-state button, .nnpg-preset { padding: 3px 10px; cursor: pointer; }
.nnpg-status { font-family: monospace; margin-left: 8px; }
.nnpg-message { color: #D55E00; min-height: 1.2em; margin: 4px 0; }
.nnpg-pictures { display: flex; gap: 10px; flex-wrap: wrap; align-items: flex-start; }
.nnpg-controls { display: flex; gap: 10px; flex-wrap: wrap; }
.nnpg-controls fieldset { flex: 1 1 300px; }
.nnpg-row { display: flex; gap: 6px; align-items: center; margin: 2px 0; }
.nnpg-row[hidden] { display: none; }
.nnpg-row > label { width: 150px; }
.nnpg-row output { width: 3em; font-family: monospace; }
.nnpg-features span { display: inline-block; width: 80px; }
.nnpg-state textarea { width: 100%; font-family: monospace; }
.nnpg-live :focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }`;

let uid = 0;
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A labelled control: [row, input]; the input's id ties it to its label. */
function labelled(text, input) {
  input.id = `nnpg-${++uid}`;
  return [el("div", { class: "nnpg-row" }, el("label", { for: input.id, text }), input), input];
}

function range(min, max, step, value) {
  return el("input", { type: "range", min, max, step, value });
}

function select(options, value) {
  const s = el("select");
  for (const o of options) {
    const opt = el("option", { value: String(o), text: String(o) });
    if (o === value) opt.selected = true;
    s.append(opt);
  }
  return s;
}

export class PlaygroundApp {
  constructor(root, state) {
    this.root = root;
    this.playing = false;
    this.diverged = null;
    this.showTest = false;
    this.discretize = false;
    this.frameTimes = [];
    root.textContent = "";
    root.classList.add("nnpg-live");
    this.build();
    this.load(state);
  }

  // ------------------------------------------------------------------ layout
  build() {
    const c = (this.c = {});
    this.playButton = el("button", { type: "button", "aria-pressed": "false", onclick: () => this.toggle() });
    this.stepButton = el("button", { type: "button", text: "step", onclick: () => this.advance(1) });
    const reset = el("button", { type: "button", text: "reset", onclick: () => this.load(this.session.state) });
    const regen = el("button", { type: "button", text: "regenerate", onclick: () => this.regenerate() });
    this.status = el("output", { class: "nnpg-status", "aria-live": "off" });
    this.message = el("p", { class: "nnpg-message", role: "alert" });
    this.netCanvas = el("canvas", { width: 340, height: 300, role: "img" });
    this.outCanvas = el("canvas", { width: 300, height: 300, role: "img" });
    this.lossCanvas = el("canvas", { width: 260, height: 150, role: "img" });

    const data = el("fieldset", {}, el("legend", { text: "Data" }));
    const add = (box, key, label, input) => { const [row] = labelled(label, input); c[key] = input; box.append(row); };
    const dataset = el("select");
    for (const problem of ["classification", "regression"]) {
      const group = el("optgroup", { label: problem });
      for (const [name, p] of Object.entries(DATASETS)) if (p === problem) group.append(el("option", { value: name, text: name }));
      dataset.append(group);
    }
    add(data, "dataset", "data", dataset);
    add(data, "n_classes", "classes", range(...LIMITS.n_classes, 1, 2));
    add(data, "noise", "noise", range(...LIMITS.noise, 0.05, 0));
    add(data, "train_ratio", "train ratio", range(...LIMITS.train_ratio, 0.1, 0.5));
    add(data, "batch_size", "batch size", range(1, MAX_BATCH_SLIDER, 1, 10));
    const feats = el("fieldset", { class: "nnpg-features" }, el("legend", { text: "features" }));
    c.features = {};
    for (const f of Object.keys(FEATURES)) {
      const box = el("input", { type: "checkbox" });
      box.id = `nnpg-${++uid}`;
      c.features[f] = box;
      feats.append(el("span", {}, box, el("label", { for: box.id, text: f })));
    }
    data.append(feats);
    const [testRow, testBox] = labelled("show test points", el("input", { type: "checkbox" }));
    const [discRow, discBox] = labelled("discretize output", el("input", { type: "checkbox" }));
    testBox.addEventListener("change", () => { this.showTest = testBox.checked; this.draw(); });
    discBox.addEventListener("change", () => { this.discretize = discBox.checked; this.draw(); });
    data.append(testRow, discRow);

    const model = el("fieldset", {}, el("legend", { text: "Model and training" }));
    add(model, "layers", "hidden layers", range(0, MAX_LAYERS, 1, 2));
    c.units = []; c.acts = []; this.layerRows = [];
    for (let i = 0; i < MAX_LAYERS; i++) {
      const [row, units] = labelled(`layer ${i + 1} units`, range(1, MAX_UNITS, 1, 4));
      const act = select(ACTIVATIONS, "tanh");
      act.setAttribute("aria-label", `layer ${i + 1} activation`);
      row.append(act);
      c.units.push(units); c.acts.push(act); this.layerRows.push(row);
      model.append(row);
    }
    add(model, "learning_rate", "learning rate", select(LEARNING_RATES, 0.03));
    add(model, "regularization", "regularization", select(REGULARIZATIONS, "none"));
    add(model, "reg_rate", "reg. rate", select(REG_RATES, 0));
    add(model, "dropout", "dropout p", range(0, MAX_DROPOUT_SLIDER, 0.1, 0));
    add(model, "epoch_stop", "stop at epoch (0: never)", el("input", { type: "number", min: 0, max: 100000, step: 1, value: 0 }));

    for (const input of this.allInputs()) input.addEventListener("change", () => this.rebuild());
    for (const input of this.allInputs()) if (input.type === "range") input.addEventListener("input", () => this.showValues());

    this.stateBox = el("textarea", { rows: 3, spellcheck: "false" });
    const [stateRow] = labelled("state (run it in Python, or paste one here)", this.stateBox);
    const loadButton = el("button", { type: "button", text: "load this state", onclick: () => this.loadText(this.stateBox.value) });
    this.link = el("a", { text: "link to this run" });
    this.root.append(
      el("div", { class: "nnpg-bar" }, this.playButton, this.stepButton, reset, regen, this.status),
      this.message,
      el("div", { class: "nnpg-pictures" }, this.netCanvas, this.outCanvas, this.lossCanvas),
      el("div", { class: "nnpg-controls" }, data, model),
      el("div", { class: "nnpg-state" }, stateRow, loadButton, this.link));
  }

  allInputs() {
    const c = this.c;
    return [c.dataset, c.n_classes, c.noise, c.train_ratio, c.batch_size, ...Object.values(c.features),
      c.layers, ...c.units, ...c.acts, c.learning_rate, c.regularization, c.reg_rate, c.dropout, c.epoch_stop];
  }

  showValues() {
    for (const input of this.allInputs()) {
      if (input.type === "range") input.setAttribute("aria-valuetext", input.value);
    }
    for (const row of this.root.querySelectorAll(".nnpg-row")) {
      const input = row.querySelector("input[type=range]");
      let out = row.querySelector("output");
      if (!input) continue;
      if (!out) { out = el("output"); input.after(out); }
      out.textContent = input.value;
    }
    this.layerRows.forEach((row, i) => { row.hidden = i >= Number(this.c.layers.value); });
    this.c.n_classes.disabled = !["gauss", "spiral"].includes(this.c.dataset.value);
  }

  // ------------------------------------------------------------------ state
  controlsToState() {
    const c = this.c, n = Number(c.layers.value);
    const acts = c.acts.slice(0, n).map((a) => a.value);
    const dataset = c.dataset.value;
    return {
      ...this.session.state, dataset,
      n_classes: ["gauss", "spiral"].includes(dataset) ? Number(c.n_classes.value) : 2,
      noise: Number(c.noise.value), train_ratio: Number(c.train_ratio.value),
      batch_size: Number(c.batch_size.value),
      features: Object.keys(FEATURES).filter((f) => c.features[f].checked),
      hidden: c.units.slice(0, n).map((u) => Number(u.value)),
      activation: new Set(acts).size === 1 ? acts[0] : (acts.length ? acts : "tanh"),
      regularization: c.regularization.value, reg_rate: Number(c.reg_rate.value),
      learning_rate: Number(c.learning_rate.value), dropout: Number(c.dropout.value),
      epoch_stop: Math.min(Math.max(Math.round(Number(c.epoch_stop.value)) || 0, 0), 100000) || null,
    };
  }

  stateToControls(s) {
    const c = this.c;
    const nearest = (list, v) => list.reduce((a, b) => (Math.abs(b - v) < Math.abs(a - v) ? b : a));
    c.dataset.value = s.dataset; c.n_classes.value = s.n_classes; c.noise.value = s.noise;
    c.train_ratio.value = s.train_ratio; c.batch_size.value = s.batch_size;
    for (const [f, box] of Object.entries(c.features)) box.checked = s.features.includes(f);
    c.layers.value = s.hidden.length;
    const acts = typeof s.activation === "string" ? s.hidden.map(() => s.activation) : s.activation;
    s.hidden.forEach((h, i) => { c.units[i].value = h; c.acts[i].value = acts[i]; });
    c.learning_rate.value = String(nearest(LEARNING_RATES, s.learning_rate));
    c.regularization.value = s.regularization;
    c.reg_rate.value = String(nearest(REG_RATES, s.reg_rate));
    c.dropout.value = s.dropout; c.epoch_stop.value = s.epoch_stop || 0;
    this.showValues();
  }

  /** Start the run of a state (validated; a bad one is reported and changes nothing). */
  load(state) {
    let session;
    try {
      session = new Session(state);
    } catch (err) {
      this.say(String(err.message));
      return false;
    }
    this.session = session;
    this.diverged = null;
    this.say("");
    this.stateToControls(session.state);
    this.draw();
    return true;
  }

  loadText(text) {
    try { return this.load(parseState(text)); } catch (err) { this.say(`This state cannot be read: ${err.message}`); return false; }
  }

  rebuild() {
    if (!this.c.features.x1.checked && !Object.values(this.c.features).some((b) => b.checked)) this.c.features.x1.checked = true;
    this.showValues();
    this.load(this.controlsToState());
  }

  regenerate() {
    this.load({ ...this.session.state, seed: (this.session.state.seed + 1) % (LIMITS.seed[1] + 1) });
  }

  say(text) { this.message.textContent = text; }

  // ------------------------------------------------------------------ training
  toggle() { if (this.playing) this.pause(); else this.play(); }

  play() {
    if (this.diverged || this.session.done) return;
    this.playing = true;
    this.showButtons();
    const frame = (t) => {
      if (!this.playing) return;
      this.frameTimes.push(t);                    // the last 600 frames' times, for the bench
      if (this.frameTimes.length > 600) this.frameTimes.shift();
      this.advance(STEPS_PER_FRAME);
      if (this.playing) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  pause() { this.playing = false; this.showButtons(); }

  /** Train n steps, then record and draw, unless training diverged (then stop and say why). */
  advance(n) {
    if (this.diverged) return;
    try {
      this.session.step(n);
      this.diverged = this.session.divergence();
    } catch (err) {
      if (!(err instanceof DivergenceError)) throw err;
      this.diverged = err.message;
    }
    if (this.diverged) {
      this.pause();
      this.say(`Training diverged at epoch ${this.session.epoch.toFixed(1)}: ${this.diverged}. The learning rate `
        + `${this.session.state.learning_rate} is too large for this network: lower it (or press reset to watch it again).`);
      this.showButtons();
      return;
    }
    this.session.record();
    if (this.session.done) this.pause();
    this.draw();
  }

  showButtons() {
    this.playButton.textContent = this.playing ? "❚❚ pause" : "▶ play";
    this.playButton.setAttribute("aria-pressed", String(this.playing));
    this.playButton.disabled = this.stepButton.disabled = Boolean(this.diverged);
  }

  // ------------------------------------------------------------------ drawing
  draw() {
    const s = this.session, h = s.history;
    this.showButtons();
    if (this.diverged) return;                  // keep the last good picture, never a NaN
    drawNetwork(this.netCanvas, s);
    drawOutput(this.outCanvas, s, { showTest: this.showTest, discretize: this.discretize });
    drawLosses(this.lossCanvas, h);
    const train = h.train_loss.at(-1), test = h.test_loss.at(-1);
    this.status.textContent = `epoch ${s.epoch.toFixed(1)} · train loss ${train.toFixed(3)} · test loss ${test.toFixed(3)}`;
    this.outCanvas.setAttribute("aria-label", `Output of the network over the plane with the ${s.state.dataset} data, epoch ${s.epoch.toFixed(1)}`);
    this.netCanvas.setAttribute("aria-label", `The network ${[s.state.features.length, ...s.state.hidden].join("-")} with a map per unit and its weights as links`);
    this.lossCanvas.setAttribute("aria-label", `Train and test loss by epoch: now ${train.toFixed(3)} and ${test.toFixed(3)}`);
    if (document.activeElement !== this.stateBox) this.stateBox.value = stateText(s.state);
    this.link.href = `#playground=${encodeURIComponent(stateText(s.state, true))}`;
  }
}

/** A preset: a button that loads its state into the page's app and scrolls to it. */
function presetButton(root, state, app) {
  const s = validateState(state);
  root.textContent = "";
  const label = `Load this experiment into the playground (${s.dataset}, hidden layers [${s.hidden.join(", ")}], learning rate ${s.learning_rate})`;
  root.append(el("button", { type: "button", class: "nnpg-preset", text: label, onclick: () => {
    app.pause();
    app.load(s);
    app.root.scrollIntoView({ behavior: "smooth", block: "start" });
    app.playButton.focus({ preventScroll: true });
  } }));
}

export function start() {
  const roots = [...document.querySelectorAll(".nnbook-playground")];
  if (!roots.length) return null;
  document.head.append(el("style", { text: STYLE }));
  const first = JSON.parse(roots[0].dataset.state || "{}");
  const app = new PlaygroundApp(roots[0], first);
  roots.slice(1).forEach((r) => presetButton(r, JSON.parse(r.dataset.state || "{}"), app));
  const hash = decodeURIComponent(location.hash);
  if (hash.startsWith("#playground=")) app.loadText(hash.slice("#playground=".length));
  window.nnbookPlayground = app;
  return app;
}


start();
