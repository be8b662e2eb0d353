import itertools
import re

import numpy as np
import pytest

from nnbook.playground.core import (
    ACTIVATIONS,
    DATASETS,
    DEFAULTS,
    FEATURES,
    Session,
    make_data,
    validate_state,
)


def test_defaults_mirror_the_tensorflow_playground():
    s = validate_state()
    assert (s["dataset"], s["hidden"], s["activation"], s["learning_rate"], s["batch_size"]) \
        == ("circle", [4, 2], "tanh", 0.03, 10)


def test_state_round_trip_reproduces_the_run():
    state = dict(dataset="spiral", n_classes=3, noise=0.1, hidden=[6, 5],
                 activation=["relu", "tanh"], features=["x1", "x2", "sin(x1)"], seed=4,
                 dropout=0.1, regularization="L2", reg_rate=0.001, learning_rate=0.1)
    a = Session(state).run_epochs(3)
    b = Session(**a.state).run_epochs(3)
    assert a.state == b.state == validate_state(state)
    for Wa, Wb in zip(a.net.weights, b.net.weights):
        np.testing.assert_array_equal(Wa, Wb)
    assert a.history == b.history


def test_app_state_is_the_validated_state():
    pytest.importorskip("ipywidgets")
    from nnbook.playground import PlaygroundApp
    app = PlaygroundApp(dataset="xor", hidden=[3], activation="relu", epoch_stop=5)
    assert app.state == validate_state(dataset="xor", hidden=[3], activation="relu",
                                       epoch_stop=5)
    assert app.state_box.value.startswith("playground(**{'dataset': 'xor', ")
    assert eval(app.state_box.value, {"playground": dict}) == app.state        # noqa: S307
    app.c["layers"].value = 2          # moving a control rebuilds the run
    assert app.state["hidden"] == [3, 4]
    app.step_button.click()
    assert app.session.steps == 1


@pytest.mark.parametrize("combo", list(itertools.islice(itertools.product(
    DATASETS, [[], [1], [8, 8, 8, 8, 8, 8]], ACTIVATIONS, [["x1"], list(FEATURES)]), 0, None, 7)))
def test_sampled_control_combinations_build_a_working_network(combo):
    dataset, hidden, activation, features = combo
    s = Session(dataset=dataset, hidden=hidden, activation=activation, features=features,
                n_points=60, batch_size=7)
    k = s.net.sizes[-1]
    assert s.net.sizes == [len(features), *hidden, k]
    out = s.output_on(np.zeros((5, 2)))
    assert out.shape == (5,) and np.all(np.isfinite(out))
    s.step(3)
    assert len(s.hidden_on(np.zeros((4, 2)))) == len(hidden)


def test_multiclass_uses_softmax_with_k_outputs():
    s = Session(dataset="gauss", n_classes=4)
    assert s.net.sizes[-1] == 4 and s.net.output == "softmax"
    assert set(np.unique(make_data(s.state)["y_train"])) == {0, 1, 2, 3}


def test_training_lowers_the_loss_on_an_easy_set():
    s = Session(dataset="gauss", noise=0.05, learning_rate=0.1)
    before = s.loss()
    s.run_epochs(5)
    assert s.loss() < 0.5 * before


def test_epoch_stop_and_regression():
    s = Session(dataset="plane", epoch_stop=2, hidden=[3])
    s.step(10_000)
    assert s.done and s.epoch == pytest.approx(2)
    assert s.net.output == "identity"


@pytest.mark.parametrize("change, msg", [
    ({"dataset": "mnist"}, "'dataset'"),
    ({"hidden": [9]}, "'hidden'"),
    ({"hidden": [1] * 7}, "'hidden'"),
    ({"activation": ["relu"]}, "'activation'"),
    ({"features": ["x3"]}, "'features'"),
    ({"n_classes": 3}, "needs dataset 'gauss' or 'spiral'"),
    ({"learning_rate": 0}, "'learning_rate'"),
    ({"colour": "red"}, "unknown setting"),
])
def test_bad_state_names_the_setting(change, msg):
    with pytest.raises(ValueError, match=msg):
        validate_state(**change)


def test_defaults_cover_every_setting():
    assert set(validate_state()) == set(DEFAULTS)


def test_app_problem_switch_and_ticks():
    pytest.importorskip("ipywidgets")
    from nnbook.playground import PlaygroundApp
    app = PlaygroundApp(epoch_stop=2)
    app.c["problem"].value = "regression"
    assert app.state["dataset"] == "plane" and app.session.net.output == "identity"
    before = app.image.value
    app.play.value += 1                      # one tick of the Play widget: 50 steps + redraw
    assert app.session.steps > 0 and app.image.value != before
    for _ in range(5):
        app.play.value += 1
    assert app.session.done and app.session.epoch == pytest.approx(2)


def test_app_reports_divergence_instead_of_crashing():
    pytest.importorskip("ipywidgets")
    from nnbook.playground import PlaygroundApp
    app = PlaygroundApp(dataset="plane", learning_rate=10.0, hidden=[8, 8], activation="relu")
    for _ in range(20):
        app.play.value += 1
    assert "diverged" in app.message.value or "loss became" in app.message.value


@pytest.mark.parametrize("dataset", ["gauss", "plane"])
def test_session_follows_a_learning_rate_changed_between_steps(dataset):
    # one batch is the whole training set, so every step is lr times the full gradient;
    # the learning rate is changed in the session's state between steps
    s = Session(dataset=dataset, n_points=20, train_ratio=0.5, batch_size=10, hidden=[3],
                learning_rate=0.1)
    assert len(s.F_train) == 10
    for lr in [0.1, 0.01, 0.01, 1.0, 0.003, 0.1]:
        s.state["learning_rate"] = lr
        before = [p.copy() for p in s.net._params()]
        _, g = s.net.loss_and_gradients(s.F_train, s.data["y_train"])
        s.step(1)
        for p, b, gp in zip(s.net._params(), before, g["weights"] + g["biases"]):
            np.testing.assert_allclose(b - p, lr * gp, rtol=1e-9, atol=1e-16)
    assert s.steps == 6


def test_session_with_a_changed_learning_rate_continues_like_a_fresh_one():
    # trained with lr 0.3, then 0.03: the 0.03 part matches a session that starts from
    # the same weights and data position with lr 0.03 throughout
    a = Session(dataset="xor", n_points=60, batch_size=7, learning_rate=0.3)
    a.step(5)
    b = Session(dataset="xor", n_points=60, batch_size=7, learning_rate=0.03)
    b.step(5)
    for pa, pb in zip(a.net._params(), b.net._params()):
        pb[...] = pa
    a.state["learning_rate"] = 0.03
    a.step(8)
    b.step(8)
    for pa, pb in zip(a.net._params(), b.net._params()):
        np.testing.assert_allclose(pa, pb, rtol=1e-13, atol=1e-15)
    assert not np.allclose(a.net.weights[0], Session(dataset="xor", n_points=60, batch_size=7,
                                                     learning_rate=0.3).step(13).net.weights[0])


def test_app_trains_with_the_learning_rate_on_its_slider():
    pytest.importorskip("ipywidgets")
    from nnbook.playground import PlaygroundApp
    app = PlaygroundApp(dataset="gauss", n_points=20, train_ratio=0.5, batch_size=10,
                        hidden=[3], learning_rate=0.3)
    for lr in [0.3, 0.01, 3.0]:
        app.c["lr"].value = lr               # moving the slider rebuilds the session
        s = app.session
        assert s.state["learning_rate"] == lr and s.steps == 0
        before = [p.copy() for p in s.net._params()]
        _, g = s.net.loss_and_gradients(s.F_train, s.data["y_train"])
        app.step_button.click()
        for p, b, gp in zip(s.net._params(), before, g["weights"] + g["biases"]):
            np.testing.assert_allclose(b - p, lr * gp, rtol=1e-9, atol=1e-16)


# ------------------------------------------------------------------ the view is a Panel
def test_view_is_a_panel_whose_frames_are_blitted(monkeypatch):
    """A frame redraws only the moving artists on the kept background (no full canvas draw),
    and the blitted picture is the picture a full redraw makes."""
    import io

    from PIL import Image

    from nnbook.playground.view import PlaygroundView
    from nnbook.widgets import Panel

    session = Session(n_points=100)
    view = PlaygroundView(session, show_test=True)
    assert isinstance(view, Panel)
    session.run_epochs(12)                                 # the loss axes grow: full redraw
    view.update().image("png")
    session.step(3)
    session.record()
    with monkeypatch.context() as m:
        m.setattr(view.fig.canvas, "draw", lambda: pytest.fail("full redraw"))
        blitted = view.update().image("png")
    view.refresh()                                         # throw the background away
    full = view.image("png")
    pixels = [np.asarray(Image.open(io.BytesIO(b))) for b in (blitted, full)]
    assert np.array_equal(*pixels)


def test_view_image_refuses_an_unknown_format():
    from nnbook.playground.view import PlaygroundView

    with pytest.raises(ValueError, match="fmt must be 'png' or 'jpeg'"):
        PlaygroundView(Session(n_points=100)).image("gif")


# ------------------------------------------------------------------ the website's face
def test_on_the_site_playground_is_the_browser_app(monkeypatch):
    import html
    import json
    from pathlib import Path

    from nnbook.playground import playground
    from nnbook.playground.app import SITE_SCRIPT, SitePlayground

    monkeypatch.setenv("NNBOOK_STATIC", "1")
    out = playground(dataset="xor", hidden=[3], seed=2)
    assert isinstance(out, SitePlayground)
    page = out._repr_html_()
    state = re.search(r'data-state="([^"]*)"', page).group(1)
    assert json.loads(html.unescape(state)) == validate_state(dataset="xor", hidden=[3], seed=2)
    assert f'<script type="module" src="{SITE_SCRIPT}">' in page
    assert "http://" not in page.replace("http://localhost", "") and "https" not in page
    # the script the page names is where the site's html_static_path (book/_static) puts it
    book = Path(__file__).resolve().parents[1] / "book"
    assert (book / "_static" / SITE_SCRIPT.removeprefix("../_static/")).is_file()
    assert eval(repr(out), {"playground": dict}) == out.state       # noqa: S307
    with pytest.raises(ValueError, match="'hidden'"):
        playground(hidden=[9])
