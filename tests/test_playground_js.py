"""The browser's playground engine (book/_static/playground/*.js) against the NumPy engine.

Runs the ES modules in Debian's Chromium through Playwright, served by a local
http.server; every request that is not to that server is aborted and a page error fails
the test. A state trained in both languages must give the same random draws bit for bit
and the same losses and weights to 1e-9 (relative, float64).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from benchmarks.playground_js import browser_missing, launch, offline_page, page_html, serve
from nnbook.playground.core import Session
from nnbook.playground.rng import SFC32, portable_log

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "book" / "_static"
IN_CI = os.environ.get("CI", "").lower() == "true"
BLANK = "<!doctype html><meta charset=utf-8><title>engine</title>"


@pytest.fixture(scope="module")
def browser():
    missing = browser_missing()
    if missing:
        if IN_CI:
            pytest.fail(missing + " (CI=true: the browser check is required)")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def engine(browser):
    """``engine(js, arg)``: run ``async (m, arg) => ...`` with m the engine module."""
    origin, httpd = serve(STATIC)
    errors, outside = [], []
    page = offline_page(browser, origin, errors, outside)
    page.route(f"{origin}/blank.html", lambda r: r.fulfill(body=BLANK, content_type="text/html"))
    page.goto(f"{origin}/blank.html")
    page.evaluate("async (url) => { window.E = await import(url);"
                  " window.R = await import(url.replace('engine.js', 'rng.js')); }",
                  f"{origin}/playground/engine.js")

    def run(js, arg=None):
        return page.evaluate(f"(arg) => ({js})(window.E, window.R, arg)", arg)

    yield run
    page.close()
    httpd.shutdown()
    assert errors == [] and outside == [], (errors, outside)


def test_the_generator_is_the_same_bit_for_bit(engine):
    for seed, stream in [(0, 0), (1, 2), (2**31, 1), (12345, 0)]:
        py = SFC32(seed, stream)
        want = {"u32": [py.next_uint32() for _ in range(20)],
                "uniform": [py.uniform() for _ in range(20)],
                "normal": [py.normal() for _ in range(200)],
                "below": [py.below(k) for k in range(1, 30)]}
        got = engine("(E, R, [seed, stream]) => { const g = new R.SFC32(seed, stream); return {"
                     "u32: Array.from({length: 20}, () => g.nextUint32()),"
                     "uniform: Array.from({length: 20}, () => g.uniform()),"
                     "normal: Array.from({length: 200}, () => g.normal()),"
                     "below: Array.from({length: 29}, (_, k) => g.below(k + 1))}; }",
                     [seed, stream])
        assert got == want                                # == on floats: every bit


def test_portable_log_is_the_same_bit_for_bit(engine):
    xs = [1e-300, 1e-9, 0.1, 0.5, 0.7071067811865476, 0.999999, 1.0, 2.0, 1e300,
          *SFC32(4).random(300).tolist()]
    xs = [x for x in xs if x > 0]
    got = engine("(E, R, xs) => xs.map(R.portableLog)", xs)
    assert got == [portable_log(x) for x in xs]


def test_the_data_and_initial_weights_are_the_same(engine):
    for state in [{}, {"dataset": "spiral", "n_classes": 5, "noise": 0.2, "seed": 3},
                  {"dataset": "bumps", "noise": 0.1, "train_ratio": 0.3, "n_points": 45},
                  {"dataset": "xor", "noise": 0.05, "hidden": [3, 2], "activation": "relu"},
                  {"dataset": "moons", "noise": 0.1}, {"dataset": "plane", "seed": 9},
                  {"dataset": "gauss", "n_classes": 3, "noise": 0.3}]:
        py = Session(state)
        js = engine("(E, R, state) => { const s = new E.Session(state); return {"
                    "X_train: s.data.X_train, y_train: s.data.y_train, X_test: s.data.X_test,"
                    "W: s.net.weights.map((w) => Array.from(w))}; }", state)
        for key in ("X_train", "X_test"):
            np.testing.assert_allclose(np.array(js[key]).reshape(-1, 2), py.data[key],
                                       rtol=1e-14, atol=1e-15, err_msg=f"{state} {key}")
        assert js["y_train"] == py.data["y_train"].tolist()
        for Wj, Wp in zip(js["W"], py.net.weights):
            assert Wj == Wp.ravel().tolist()               # the normals are bit for bit


CONFIGS = {
    "tanh, defaults": {},
    "relu, xor": {"dataset": "xor", "noise": 0.05, "hidden": [3], "activation": "relu",
                  "learning_rate": 0.1},
    "sigmoid, L2": {"dataset": "moons", "noise": 0.1, "hidden": [5, 3], "activation": "sigmoid",
                    "regularization": "L2", "reg_rate": 0.01, "learning_rate": 0.3},
    "linear, L1, 5 classes": {"dataset": "gauss", "n_classes": 5, "noise": 0.3, "hidden": [6],
                              "activation": "linear", "regularization": "L1",
                              "reg_rate": 0.003, "learning_rate": 0.1},
    "dropout, 3 layers, 3 classes": {"dataset": "spiral", "n_classes": 3, "noise": 0.1,
                                     "hidden": [8, 8, 8], "dropout": 0.3,
                                     "learning_rate": 0.1, "seed": 5},
    "regression, no hidden layer": {"dataset": "plane", "hidden": [], "noise": 0.05,
                                    "learning_rate": 0.01, "features": ["x1", "x2", "x1*x2"]},
    "regression, 3 layers, dropout": {"dataset": "bumps", "hidden": [6, 4, 3],
                                      "activation": ["relu", "sigmoid", "tanh"],
                                      "dropout": 0.1, "learning_rate": 0.03, "batch_size": 7},
    "every feature, no hidden layer": {"dataset": "circle", "noise": 0.1, "hidden": [],
                                       "features": ["x1", "x2", "x1^2", "x2^2", "x1*x2",
                                                    "sin(x1)", "sin(x2)"],
                                       "n_points": 45, "train_ratio": 0.5, "batch_size": 4},
    "relu, L1, dropout, 2 classes": {"dataset": "circle", "noise": 0.1, "hidden": [4, 4],
                                     "activation": "relu", "regularization": "L1",
                                     "reg_rate": 0.01, "dropout": 0.2, "seed": 11},
}
TRAIN_JS = ("(E, R, [state, steps]) => { const s = new E.Session(state); s.step(steps);"
            " s.record(); return {history: s.history, steps: s.steps,"
            " W: s.net.weights.map((w) => Array.from(w)),"
            " b: s.net.biases.map((b) => Array.from(b))}; }")


@pytest.mark.parametrize("name", CONFIGS)
def test_200_steps_agree_with_numpy(engine, name):
    state, steps = CONFIGS[name], 200
    py = Session(state).step(steps)
    py.record()
    js = engine(TRAIN_JS, [state, steps])
    assert js["steps"] == py.steps == steps
    for key in ("epoch", "train_loss", "test_loss"):
        np.testing.assert_allclose(js["history"][key], py.history[key], rtol=1e-9, atol=0)
    assert py.history["train_loss"][-1] < py.history["train_loss"][0]      # it did train
    for got, want in zip(js["W"] + js["b"], py.net.weights + py.net.biases):
        np.testing.assert_allclose(got, want.ravel(), rtol=1e-9, atol=1e-12)


def test_a_diverging_run_stops_at_the_same_step(engine):
    state = {"dataset": "plane", "learning_rate": 10.0, "hidden": [8, 8], "activation": "relu"}
    py, reason, n = Session(state), None, 0
    while reason is None and n < 100:
        py.step(5)
        n += 1
        reason = py.divergence()
    js = engine("(E, R, state) => { const s = new E.Session(state); let why = null, n = 0;"
                " while (why === null && n < 100) { s.step(5); n += 1; why = s.divergence(); }"
                " return [n, why]; }", state)
    assert reason is not None and js[0] == n
    assert js[1].split(" ")[:5] == reason.split(" ")[:5]


def test_a_bad_state_names_the_setting(engine):
    msg = engine("(E, R, s) => { try { E.validateState(s); } catch (e) { return e.message; } }",
                 {"hidden": [9]})
    assert "'hidden'" in msg


# ------------------------------------------------------------------ the app on a page
PRESETS = [{"epoch_stop": 200},
           {"dataset": "spiral", "hidden": [8, 8], "learning_rate": 0.03, "epoch_stop": 200},
           {"dataset": "xor", "noise": 0.05, "hidden": [1], "learning_rate": 0.1, "seed": 2}]


@pytest.fixture()
def site(browser):
    """``open(hash="")`` -> the page with the live app; errors and off-site requests fail."""
    origin, httpd = serve(ROOT / "book")              # the page's ../_static is book/_static
    errors, outside, pages = [], [], []

    def open_page(hash_="", states=PRESETS):
        page = offline_page(browser, origin, errors, outside)
        page.route(f"{origin}/pages/playground.html",
                   lambda r: r.fulfill(body=page_html(states), content_type="text/html"))
        page.goto(f"{origin}/pages/playground.html{hash_}")
        page.wait_for_function("window.nnbookPlayground !== undefined")
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()
    httpd.shutdown()
    assert errors == [], f"page errors: {errors}"
    assert outside == [], f"requests that would leave the site: {outside}"


APP = "window.nnbookPlayground"


def _losses(page):
    return page.evaluate(f"[{APP}.session.steps, {APP}.session.history.train_loss.at(-1),"
                         f" {APP}.session.history.test_loss.at(-1)]")


def test_play_trains_and_the_circle_is_learnt(site):
    page = site()
    start = Session()
    fit_epoch = next(e for e in range(1, 200)
                     if start.run_epochs(1).history["test_loss"][-1] < 0.1)  # 68 at the defaults
    status = page.locator(".nnpg-status")
    before_text, before_map = status.inner_text(), page.evaluate(
        "document.querySelectorAll('.nnpg-pictures canvas')[1].toDataURL()")
    assert before_text.startswith("epoch 0.0")
    page.get_by_role("button", name="▶ play").click()
    page.wait_for_function(f"{APP}.session.history.test_loss.at(-1) < 0.1", timeout=60_000)
    # the page looks at the loss once per frame of STEPS_PER_FRAME steps, so it may see the
    # crossing up to one frame after the epoch Python found it in
    epoch, frame = page.evaluate(
        f"async () => [{APP}.session.epoch, (await import('../_static/playground/app.js'))"
        f".STEPS_PER_FRAME / {APP}.session.stepsPerEpoch]")
    assert 0 < epoch <= fit_epoch + frame
    page.get_by_role("button", name="❚❚ pause").click()
    assert status.inner_text() != before_text and "NaN" not in status.inner_text()
    assert page.evaluate("document.querySelectorAll('.nnpg-pictures canvas')[1].toDataURL()") \
        != before_map


def test_every_control_has_a_label_and_the_keyboard_drives_it(site):
    page = site()
    unlabelled = page.evaluate(
        "[...document.querySelectorAll('.nnpg-live input, .nnpg-live select,"
        " .nnpg-live textarea')].filter(e => !e.getAttribute('aria-label')"
        " && !document.querySelector(`label[for='${e.id}']`)).map(e => e.outerHTML)")
    assert unlabelled == []
    page.focus(".nnpg-bar button")                         # ▶ play, the first button
    page.keyboard.press("Space")
    page.wait_for_function(f"{APP}.session.steps > 0")
    page.keyboard.press("Space")
    assert page.evaluate(f"{APP}.playing") is False
    layers = page.get_by_label("hidden layers")
    layers.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")                  # a range cannot pass its end
    layers.dispatch_event("change")
    assert page.evaluate(f"{APP}.session.state.hidden.length") == 6


def test_learning_rate_10_is_reported_and_stopped_without_nan(site):
    page = site()
    page.get_by_label("learning rate").select_option("10")
    page.get_by_role("button", name="▶ play").click()
    page.wait_for_function(f"!{APP}.playing", timeout=30_000)
    message = page.locator(".nnpg-message").inner_text()
    assert "diverged" in message and "learning rate 10" in message
    history = page.evaluate(f"{APP}.session.history")
    assert all(np.isfinite(history["train_loss"])) and "NaN" not in \
        page.locator(".nnpg-status").inner_text()
    assert page.get_by_role("button", name="step").is_disabled()
    page.get_by_role("button", name="reset").click()
    assert page.locator(".nnpg-message").inner_text() == ""


def test_a_state_from_python_opens_the_same_run_on_the_page(site):
    import json
    from urllib.parse import quote

    state = Session(dataset="spiral", n_classes=3, noise=0.1, hidden=[5, 3],
                    activation=["relu", "tanh"], dropout=0.1, seed=7, learning_rate=0.1).state
    py = Session(state).step(12)
    py.record()
    page = site("#playground=" + quote(json.dumps(state)))
    for _ in range(12):
        page.get_by_role("button", name="step").click()
    steps, train, test = _losses(page)
    assert steps == 12
    np.testing.assert_allclose([train, test], [py.history["train_loss"][-1],
                                               py.history["test_loss"][-1]], rtol=1e-9)
    # print(state) pasted into the box opens it too
    page2 = site()
    page2.locator(".nnpg-state textarea").fill(repr(state))
    page2.get_by_role("button", name="load this state").click()
    assert page2.evaluate(f"{APP}.session.state") == state


def test_a_state_made_on_the_page_reproduces_in_python(site):
    import ast

    page = site()
    page.get_by_label("data", exact=True).select_option("moons")
    page.get_by_label("layer 1 activation").select_option("relu")
    page.get_by_label("regularization", exact=True).select_option("L2")
    page.get_by_label("reg. rate").select_option("0.01")
    page.locator(".nnpg-features label", has_text="x1*x2").click()
    for _ in range(30):
        page.get_by_role("button", name="step").click()
    steps, train, test = _losses(page)
    text = page.locator(".nnpg-state textarea").input_value()
    assert text.startswith("playground(**{") and text.endswith("})")
    state = ast.literal_eval(text[len("playground(**"):-1])
    assert state["dataset"] == "moons" and state["features"] == ["x1", "x2", "x1*x2"]
    assert state["activation"] == ["relu", "tanh"] and state["regularization"] == "L2"
    py = Session(**state).step(steps)
    py.record()
    assert steps == 30
    np.testing.assert_allclose([train, test], [py.history["train_loss"][-1],
                                               py.history["test_loss"][-1]], rtol=1e-9)


def test_a_preset_button_loads_its_experiment_into_the_app(site):
    from nnbook.playground.core import validate_state

    page = site()
    presets = page.locator(".nnpg-preset")
    assert presets.count() == len(PRESETS) - 1
    presets.nth(1).click()
    assert page.evaluate(f"{APP}.session.state") == validate_state(PRESETS[2])
    assert page.get_by_label("layer 1 units").input_value() == "1"


def test_both_apps_print_a_state_alike(engine):
    from nnbook.playground.app import state_text
    from nnbook.playground.core import validate_state

    states = [validate_state(), validate_state(learning_rate=1e-5, reg_rate=0.0001, noise=0.25),
              validate_state(dataset="gauss", n_classes=4, hidden=[3, 1],
                             activation=["relu", "linear"], epoch_stop=7, learning_rate=10.0)]
    got = engine("async (E, R, states) => { const a = await import('/playground/app.js');"
                 " return states.map((s) => [a.stateText(s), a.parseState(a.stateText(s)),"
                 " a.parseState(JSON.stringify(s))]); }", states)
    for state, (text, parsed, from_json) in zip(states, got):
        assert text == state_text(state)
        assert parsed == from_json == state


def test_the_app_offers_the_jupyter_apps_choices_and_palette(engine):
    from nnbook.playground import app
    from nnbook.playground.core import DEFAULTS, LIMITS
    from nnbook.plotting import PALETTE

    got = engine("async (E) => { const a = await import('/playground/app.js'); const v = await"
                 " import('/playground/view.js'); return [a.LEARNING_RATES, a.REG_RATES,"
                 " a.MAX_BATCH_SLIDER, a.MAX_DROPOUT_SLIDER, v.PALETTE, E.DEFAULTS, E.LIMITS]; }")
    assert got[:4] == [app.LEARNING_RATES, app.REG_RATES, app.MAX_BATCH_SLIDER,
                       app.MAX_DROPOUT_SLIDER]
    assert got[4] == PALETTE and got[5] == DEFAULTS
    assert {k: list(v) for k, v in LIMITS.items()} == got[6]


def test_the_benchmark_measures_engine_page_and_weight(browser):
    # in a process of its own: this module's browser holds Playwright's event loop
    import json
    import subprocess
    import sys

    code = ("import json; from benchmarks import playground_js as b; "
            "print(json.dumps(b.run(rounds=1, n_js=2000, n_py=200, seconds=1.0)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    res = json.loads(out.stdout)
    assert res["net"] == [2, 4, 2, 2] and res["steps_per_frame"] >= 10
    assert res["js_steps_per_s"] > 0 and res["numpy_steps_per_s"] > 0 and res["fps"] > 0
    assert res["steps_while_playing"] >= res["steps_per_frame"]
    assert 0 < res["modules_bytes"] < 2**20


def test_opened_as_a_file_the_page_says_how_to_serve_it(browser, tmp_path):
    # browsers run no ES module from file://: the app's place keeps its one-line hint
    (tmp_path / "_static").symlink_to(STATIC)
    (tmp_path / "book").mkdir()
    html = tmp_path / "book" / "playground.html"
    html.write_text(page_html([{}]), encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(html.as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    hint = page.locator(".nnbook-playground p")
    assert hint.is_visible() and "python -m http.server -d _build/html" in hint.inner_text()
    assert page.evaluate("window.nnbookPlayground") is None and errors == []
    page.close()
