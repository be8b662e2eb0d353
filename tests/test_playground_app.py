"""The live playground app, driven from Python the way the browser drives it.

The browser talks to the app only through widget values: the Play widget's ▶ sets
``playing`` to True and then raises ``value`` by one every ``interval`` ms (a *tick*); ⏸ sets
``playing`` to False; ■ sets ``playing`` to False and ``value`` back to its minimum. Buttons
are clicked with ``button.click()``.
"""

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from matplotlib.backends.backend_agg import RendererAgg  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402

from nnbook.playground import PlaygroundApp, Session  # noqa: E402
from nnbook.playground.core import DIVERGENCE_FACTOR  # noqa: E402


def _tick(app):
    app.play.value += 1


def _press_play(app):
    app.play.playing = True
    _tick(app)                      # the first tick follows one interval later


# ------------------------------------------------------------------ ■ and ⏸ stop at once
def test_stop_button_trains_no_further_frame():
    app = PlaygroundApp(n_points=100)
    _press_play(app)
    _tick(app)
    steps, picture = app.session.steps, app.image.value
    assert steps > 0
    app.play.playing = False        # ■: pause ...
    app.play.value = app.play.min   # ... and rewind the counter
    assert app.session.steps == steps and app.image.value == picture


def test_a_tick_that_arrives_after_pause_trains_nothing():
    app = PlaygroundApp(n_points=100)
    _press_play(app)
    steps = app.session.steps
    app.play.playing = False        # ⏸
    _tick(app)                      # a tick the browser sent before it saw the pause
    assert app.session.steps == steps
    _press_play(app)                # ▶ again: training resumes
    assert app.session.steps > steps


def test_slow_frames_slow_the_ticks_down():
    # a tick every 100 ms while a frame takes 300 ms would queue ticks that still train
    # after ■; the app asks the Play widget for fewer ticks instead
    app = PlaygroundApp(n_points=100)
    times = iter(np.arange(0.0, 100.0, 0.3))
    app._clock = lambda: float(next(times))
    _press_play(app)
    assert app.play.interval >= 1.25 * 300


# ------------------------------------------------------------ divergence is caught, shown
def test_learning_rate_10_stops_with_a_message_and_draws_no_bad_frame():
    app = PlaygroundApp(learning_rate=10.0)          # the review: loss swings from 2 to 30
    _press_play(app)
    for _ in range(30):
        if not app.play.playing:
            break
        _tick(app)
    assert not app.play.playing
    assert "diverged" in app.message.value and "learning rate 10" in app.message.value
    losses = app.session.history["train_loss"]
    assert all(np.isfinite(losses)) and max(losses) <= DIVERGENCE_FACTOR * losses[0]
    # nothing trains or redraws any more: not a tick, not the step button
    steps, picture, status = app.session.steps, app.image.value, app.status.value
    app.play.playing = True
    _tick(app)
    app.step_button.click()
    assert (app.session.steps, app.image.value, app.status.value) == (steps, picture, status)
    assert not app.play.playing
    app.c["show_test"].value = True                  # nor does a display toggle
    app.c["discretize"].value = True
    assert app.image.value == picture
    # reset starts the run again, without the message
    app.reset_button.click()
    assert app.message.value == "" and app.session.steps == 0
    app.step_button.click()
    assert app.session.steps == 1


def test_non_finite_weights_are_never_drawn():
    app = PlaygroundApp(n_points=100)
    picture = app.image.value
    session = app.session
    real_step = session.step

    def step_to_nan(n):
        real_step(n)
        session.net.weights[0][0, 0] = np.nan
        return session

    session.step = step_to_nan
    app.step_button.click()
    assert app.image.value == picture and len(session.history["epoch"]) == 1
    assert "diverged" in app.message.value and "NaN" in app.message.value


def test_session_divergence():
    s = Session(n_points=60)
    assert s.divergence() is None
    s.net.weights[-1] *= 200.0                       # confident and wrong: a huge loss
    assert "times its starting value" in s.divergence()
    s.net.biases[0][0] = np.inf
    assert "infinite or NaN" in s.divergence()


# ------------------------------------------------------------------ labels are readable
def _widgets(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from _widgets(child)


def test_every_label_fits_its_box():
    # JupyterLab draws widget labels at 13 px; DejaVu Sans is wider than the usual UI fonts
    renderer, font = RendererAgg(10, 10, 72), FontProperties(family="DejaVu Sans", size=13)
    app = PlaygroundApp()
    checked = 0
    for w in _widgets(app.widget):
        width = getattr(getattr(w, "style", None), "description_width", "")
        if not getattr(w, "description", "") or not width.endswith("px"):
            continue
        text_width = renderer.get_text_width_height_descent(w.description, font, False)[0]
        assert text_width <= float(width[:-2]), f"{w.description!r} is cut off at {width}"
        checked += 1
    assert checked >= 10
    assert any("0: never" in getattr(w, "value", "") for w in _widgets(app.widget)
               if type(w).__name__ == "HTML")


def test_session_accuracy():
    s = Session(dataset="circle", features=["x1^2", "x2^2"], hidden=[])
    s.run_epochs(5)
    assert s.accuracy("train") == 1.0 and s.accuracy("test") == 1.0
    manual = np.mean(s.net.forward(s.F_test).argmax(axis=1) == s.data["y_test"])
    assert s.accuracy("test") == manual
    with pytest.raises(ValueError, match="regression"):
        Session(dataset="plane", n_points=40).accuracy()


@pytest.mark.parametrize("dataset, shown", [("circle", {0.0, 1.0}), ("plane", {-1.0, 1.0})])
def test_discretize_output_shows_the_decision_only(dataset, shown):
    app = PlaygroundApp(dataset=dataset, n_points=100)
    app.step_button.click()
    graded, picture = app.view.output_map(), app.image.value
    assert len(np.unique(graded)) > 2
    app.c["discretize"].value = True
    hard = app.view.output_map()
    assert set(np.unique(hard)) == shown and app.image.value != picture
    if dataset == "circle":
        np.testing.assert_array_equal(hard, graded >= 0.5)
    else:
        np.testing.assert_array_equal(hard, np.where(graded >= 0, 1.0, -1.0))
    app.c["noise"].value = 0.1                       # a new run keeps the display choice
    assert app.view.discretize
    app.c["discretize"].value = False
    assert len(np.unique(app.view.output_map())) > 2


# ------------------------------------------------------------------ one set of limits
def test_every_slider_end_is_a_valid_state():
    """The sliders read their bounds from core.LIMITS (or offer less): both ends of each one
    make a state that validate_state accepts."""
    from nnbook.playground.core import LIMITS, validate_state

    app = PlaygroundApp(dataset="gauss", n_points=100)
    for key in ("n_classes", "noise", "train_ratio", "batch_size", "dropout"):
        ctrl = app.c[key]
        lo, hi = LIMITS[key]
        assert lo <= ctrl.min <= ctrl.max <= hi, key
        for end in (ctrl.min, ctrl.max):
            validate_state(app.state, **{key: end})
    for key, options in (("reg_rate", app.c["reg_rate"].options),
                         ("learning_rate", app.c["lr"].options)):
        values = [o[1] if isinstance(o, tuple) else o for o in options]
        assert LIMITS[key][0] <= min(values) and max(values) <= LIMITS[key][1], key
    n_units = app.c["units"][0].max
    validate_state(app.state, hidden=[n_units] * app.c["layers"].max,
                   activation="tanh")
