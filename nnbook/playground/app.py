"""The playground app (live, ipywidgets) and its face on the static website.

``playground(**state)`` returns, in Jupyter, an app with the TensorFlow
Playground's controls plus dropout, multiclass data, per-layer activations, an
epoch stop and a copyable state. Training runs in the app's own loop (an
``ipywidgets.Play`` ticker), never in a blocking cell. With
``NNBOOK_STATIC=1`` (the website's build) the same call returns the browser's app
(:class:`SitePlayground`, ``book/_static/playground/``), which trains in the
reader's browser.
"""

from __future__ import annotations

import html
import json
import math
import time

from ..widgets import static_mode
from .core import (
    ACTIVATIONS,
    DATASETS,
    FEATURES,
    LIMITS,
    MAX_LAYERS,
    MAX_UNITS,
    REGULARIZATIONS,
    Session,
    validate_state,
)
from .view import PlaygroundView

__all__ = ["playground", "PlaygroundApp", "SitePlayground", "state_text",
           "STEPS_PER_FRAME",
           "LEARNING_RATES", "REG_RATES"]

STEPS_PER_FRAME = 50
MIN_INTERVAL = 100   # ms between two ticks of the Play widget, raised when a frame takes longer
LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
REG_RATES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
# the sliders offer less than a state may hold (LIMITS): a typed state can go further
MAX_BATCH_SLIDER, MAX_DROPOUT_SLIDER = 30, 0.8


def state_text(state):
    """``playground(**{...})`` for a state: what both apps print, and either one reads back.

    The website's app (``book/_static/playground/app.js``, ``stateText``) writes the same
    characters for the same state.
    """
    return f"playground(**{state!r})"


def _wide(W):
    """Keyword arguments of a labelled control in the app's two columns."""
    return {"style": {"description_width": "110px"}, "layout": W.Layout(width="300px")}


class PlaygroundApp:
    """The live app; ``.widget`` is what Jupyter displays, ``.state`` the current settings."""

    def __init__(self, state=None, **changes):
        import ipywidgets as W

        self.W = W
        self.session = Session(state, **changes)
        self.view = PlaygroundView(self.session, show_text=False)
        self.image = W.Image(format="jpeg", layout=W.Layout(width="100%", max_width="900px",
                                                            height="auto"))
        self.status = W.HTML()
        self._building = False
        self._paused = False          # set when the Play widget is paused or stopped
        self._diverged = None         # the reason, once the current run has diverged
        self._clock = time.perf_counter
        self._make_controls()
        self._draw()

    # ---------------------------------------------------------------- state
    @property
    def state(self):
        """The current settings as a dict: ``playground(**app.state)`` reproduces this run."""
        return dict(self.session.state)

    def _controls_to_state(self):
        c = self.c
        n_layers = c["layers"].value
        s = dict(self.session.state)
        s.update(dataset=c["dataset"].value, n_classes=c["n_classes"].value,
                 noise=c["noise"].value, train_ratio=c["train_ratio"].value,
                 batch_size=c["batch_size"].value,
                 features=[f for f, box in c["features"].items() if box.value] or ["x1"],
                 hidden=[c["units"][i].value for i in range(n_layers)],
                 activation=[c["acts"][i].value for i in range(n_layers)],
                 regularization=c["reg"].value, reg_rate=c["reg_rate"].value,
                 learning_rate=c["lr"].value, dropout=c["dropout"].value,
                 epoch_stop=c["epoch_stop"].value or None)
        if s["dataset"] not in ("gauss", "spiral"):
            s["n_classes"] = 2
        if len(set(s["activation"])) == 1:
            s["activation"] = s["activation"][0] if s["activation"] else "tanh"
        elif not s["activation"]:
            s["activation"] = "tanh"
        return s

    # ------------------------------------------------------------- controls
    def _make_controls(self):
        W = self.W
        self.c = {**self._data_controls(), **self._model_controls(),
                  "show_test": W.Checkbox(value=False, description="show test points"),
                  "discretize": W.Checkbox(value=False, description="discretize output")}
        self._make_buttons()
        self._observe()
        self.widget = self._layout()

    def _data_controls(self):
        """The data side: problem, data set, classes, noise, split, batch size, features."""
        W, s = self.W, self.session.state
        wide = _wide(W)
        problem = DATASETS[s["dataset"]]
        return {
            "problem": W.ToggleButtons(options=["classification", "regression"], value=problem,
                                       description="problem",
                                       style={"description_width": "110px",
                                              "button_width": "115px"}),
            "dataset": W.Dropdown(options=[d for d, p in DATASETS.items() if p == problem],
                                  value=s["dataset"], description="data", **wide),
            "n_classes": W.IntSlider(value=s["n_classes"], min=LIMITS["n_classes"][0],
                                     max=LIMITS["n_classes"][1], description="classes", **wide),
            "noise": W.FloatSlider(value=s["noise"], min=LIMITS["noise"][0],
                                   max=LIMITS["noise"][1], step=0.05, description="noise",
                                   **wide),
            "train_ratio": W.FloatSlider(value=s["train_ratio"], min=LIMITS["train_ratio"][0],
                                         max=LIMITS["train_ratio"][1], step=0.1,
                                         description="train ratio", **wide),
            "batch_size": W.IntSlider(value=s["batch_size"], min=1, max=MAX_BATCH_SLIDER,
                                      description="batch size", **wide),
            "features": {f: W.Checkbox(value=f in s["features"], description=f, indent=False,
                                       layout=W.Layout(width="80px")) for f in FEATURES},
        }

    def _model_controls(self):
        """The model side: layers, units and activation per layer, penalty, rate, dropout, stop."""
        W, s = self.W, self.session.state
        wide = _wide(W)
        acts = [s["activation"]] * len(s["hidden"]) if isinstance(s["activation"], str) \
            else list(s["activation"])
        layers = range(MAX_LAYERS)
        return {
            "layers": W.IntSlider(value=len(s["hidden"]), min=0, max=MAX_LAYERS,
                                  description="hidden layers", **wide),
            "units": [W.IntSlider(value=(s["hidden"] + [4] * MAX_LAYERS)[i], min=1,
                                  max=MAX_UNITS, description=f"layer {i + 1} units", **wide)
                      for i in layers],
            "acts": [W.Dropdown(options=ACTIVATIONS, value=(acts + ["tanh"] * MAX_LAYERS)[i],
                                layout=W.Layout(width="90px")) for i in layers],
            "reg": W.Dropdown(options=REGULARIZATIONS, value=s["regularization"],
                              description="regularization", **wide),
            "reg_rate": W.SelectionSlider(options=REG_RATES, value=s["reg_rate"]
                                          if s["reg_rate"] in REG_RATES else 0.0,
                                          description="reg. rate", **wide),
            "lr": W.SelectionSlider(options=LEARNING_RATES, value=min(
                LEARNING_RATES, key=lambda v: abs(v - s["learning_rate"])),
                description="learning rate", **wide),
            "dropout": W.FloatSlider(value=s["dropout"], min=0, max=MAX_DROPOUT_SLIDER, step=0.1,
                                     description="dropout p", **wide),
            "epoch_stop": W.BoundedIntText(value=s["epoch_stop"] or 0, min=0, max=100000,
                                           description="stop at epoch", **wide),
        }

    def _make_buttons(self):
        W = self.W
        self.play = W.Play(value=0, min=0, max=10**9, step=1, interval=MIN_INTERVAL,
                           description="train")
        self.step_button = W.Button(description="step", icon="step-forward")
        self.reset_button = W.Button(description="reset", icon="undo")
        self.regen_button = W.Button(description="regenerate", icon="refresh")
        self.state_box = W.Textarea(layout=W.Layout(width="100%", height="70px"))
        self.message = W.HTML()

    def _observe(self):
        """Connect every control and button to what it does."""
        for key, ctrl in self.c.items():
            if key == "show_test":
                ctrl.observe(lambda ch: self._toggle_test(), "value")
            elif key == "discretize":
                ctrl.observe(lambda ch: self._toggle_discretize(), "value")
            elif key == "problem":
                ctrl.observe(lambda ch: self._switch_problem(ch["new"]), "value")
            else:
                for widget in (ctrl.values() if isinstance(ctrl, dict) else
                               ctrl if isinstance(ctrl, list) else [ctrl]):
                    widget.observe(lambda ch: self._rebuild(), "value")
        self.play.observe(self._on_play_value, "value")
        self.play.observe(lambda ch: setattr(self, "_paused", not ch["new"]), "playing")
        self.step_button.on_click(lambda b: self._advance(1, draw=True))
        self.reset_button.on_click(lambda b: self._rebuild(force=True))
        self.regen_button.on_click(lambda b: self._regenerate())

    def _layout(self):
        """The app's box: buttons, picture, the two columns of controls, messages, state."""
        W, c = self.W, self.c
        self._layer_rows = [W.HBox([c["units"][i], c["acts"][i]]) for i in range(MAX_LAYERS)]
        self._show_layer_rows()
        data_box = W.VBox([c["problem"], c["dataset"], c["n_classes"], c["noise"],
                           c["train_ratio"], c["batch_size"], W.HTML("<b>features</b>"),
                           W.GridBox(list(c["features"].values()),
                                     layout=W.Layout(grid_template_columns="repeat(4, 80px)")),
                           c["show_test"], c["discretize"]], layout=W.Layout(min_width="340px"))
        model_box = W.VBox([c["layers"], *self._layer_rows, c["reg"], c["reg_rate"], c["lr"],
                            c["dropout"], W.HBox([c["epoch_stop"], W.HTML("0: never")])],
                           layout=W.Layout(min_width="400px"))
        buttons = W.HBox([self.play, self.step_button, self.reset_button, self.regen_button,
                          self.status])
        return W.VBox([buttons, self.image, W.HBox([data_box, model_box]), self.message,
                       W.HTML("<b>state</b> (run it in a cell, or paste it into the website's "
                              "playground: the same run)"), self.state_box])

    def _show_layer_rows(self):
        for i, row in enumerate(self._layer_rows):
            row.layout.display = "" if i < self.c["layers"].value else "none"

    # -------------------------------------------------------------- actions
    def _draw(self):
        if self._diverged is not None:
            return                  # keep the last good picture; never draw a diverged network
        self.view.update()
        self.image.value = self.view.image("jpeg")
        h = self.session.history
        self.status.value = (f"<code>epoch {self.session.epoch:.1f} · train loss "
                             f"{h['train_loss'][-1]:.3f} · test loss {h['test_loss'][-1]:.3f}"
                             "</code>")
        self.state_box.value = state_text(self.state)

    def _rebuild(self, force=False):
        self._show_layer_rows()
        try:
            state = self._controls_to_state()
            self.session = Session(state)
        except ValueError as err:
            self.message.value = f"<span style='color:#D55E00'>{err}</span>"
            return
        self.message.value = ""
        self._diverged = None
        self.play.interval = MIN_INTERVAL
        self.view = PlaygroundView(self.session, show_test=self.c["show_test"].value,
                                   show_text=False, discretize=self.c["discretize"].value)
        self._draw()

    def _switch_problem(self, problem):
        """Offer the data sets of the chosen problem type and start the first of them."""
        names = [d for d, p in DATASETS.items() if p == problem]
        self.c["dataset"].options = names      # ipywidgets then selects names[0]
        if self.c["dataset"].value != names[0]:
            self.c["dataset"].value = names[0]

    def _regenerate(self):
        self.session.state["seed"] += 1
        self._rebuild()

    def _toggle_test(self):
        self.view.set_show_test(self.c["show_test"].value)
        self._draw()

    def _toggle_discretize(self):
        self.view.set_discretize(self.c["discretize"].value)
        self._draw()

    def _advance(self, n_steps, draw=True):
        """Train ``n_steps`` mini-batches, then record and draw, unless training diverged.

        A diverged run is not recorded or drawn (the picture keeps the last good frame, never
        a NaN), the Play widget stops, the message says why, and the run trains no further
        until it is reset or a control changes.
        """
        from ..mlp import DivergenceError
        if self._diverged is None:
            try:
                self.session.step(n_steps)
            except DivergenceError as err:
                self._diverged = str(err)
            else:
                self._diverged = self.session.divergence()
        if self._diverged is not None:
            self.play.playing = False
            self.message.value = (
                f"<span style='color:#D55E00'>Training diverged at epoch "
                f"{self.session.epoch:.1f}: {self._diverged}. The learning rate "
                f"{self.session.state['learning_rate']:g} is too large for this network: "
                "lower it (or press reset to watch it again).</span>")
            return
        self.session.record()
        if self.session.done:
            self.play.playing = False
        if draw:
            self._draw()

    def _on_play_value(self, change):
        # The Play widget's pause sets playing to False; its stop does that and then sets the
        # value back to its minimum. Neither that move nor a tick that arrives after the pause
        # may train.
        if self._paused or change["new"] <= change["old"]:
            return
        self._tick()

    def _tick(self):
        """One frame: STEPS_PER_FRAME steps and a redraw.

        The Play widget sends a tick every ``interval`` ms whether or not the kernel keeps up;
        ticks that queue behind slow frames would still train after ■ is pressed. So the
        interval grows to 1.25 times the slowest frame so far (rounded up to 50 ms).
        """
        start = self._clock()
        self._advance(STEPS_PER_FRAME)
        took = 1000 * (self._clock() - start)
        wanted = max(MIN_INTERVAL, 50 * math.ceil(1.25 * took / 50))
        if wanted > self.play.interval:
            self.play.interval = wanted


#: the browser's app (book/_static/playground/) as a page in book/ finds it on the built site
SITE_SCRIPT = "../_static/playground/app.js"
SERVE_HINT = ("The live playground runs here in your browser. If you see this line, the page was "
              "opened as a file, where browsers do not run its script: serve the site instead, "
              "with <code>python -m http.server -d _build/html</code>, and open "
              "<code>http://localhost:8000/book/playground.html</code>.")


class SitePlayground:
    """What the website shows for ``playground(**state)``: the browser's live app.

    Its HTML is a ``div.nnbook-playground`` holding the state as JSON and the module
    ``book/_static/playground/app.js``, which turns the page's first such div into the
    app (the JavaScript engine, the same mathematics and random numbers as
    :mod:`nnbook.playground.core`) and every later one into a button that loads its
    state into that app (a guided experiment's preset).
    """

    def __init__(self, state=None, **changes):
        self.state = validate_state(state, **changes)

    def _repr_html_(self):
        state = html.escape(json.dumps(self.state), quote=True)
        return (f'<div class="nnbook-playground" data-state="{state}"><p>{SERVE_HINT}</p></div>'
                f'<script type="module" src="{SITE_SCRIPT}"></script>')

    def __repr__(self):
        return state_text(self.state)


def playground(**state):
    """The playground: a live app in Jupyter, the browser's app when ``NNBOOK_STATIC=1``.

    Keyword arguments are state settings (see ``nnbook.playground.core.DEFAULTS``).
    On the static site (:class:`SitePlayground`) the run trains in the reader's browser.
    """
    if static_mode():
        return SitePlayground(state)
    return PlaygroundApp(state).widget
