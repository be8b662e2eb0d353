import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.chapters.intro import sigmoid_neuron
from nnbook.widgets import StaticPanel, slider_demo


def _frame(w=1.0, b=0.0):
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [b, w + b])
    return fig


def test_static_panel_is_self_contained():
    panel = slider_demo(_frame, static=True, alt="a line", w=[1.0, 2.0, 3.0], b=[0.0, 1.0])
    assert isinstance(panel, StaticPanel) and panel.n_frames == 6
    html = panel._repr_html_()
    skeleton = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "DATA", html)
    assert "http" not in skeleton and "//" not in skeleton   # no URL of any kind
    assert re.findall(r'src="([^"]*)"', skeleton) == ["DATA"]
    assert html.count("<input type=\"range\"") == 2
    frames = re.findall(r"data:image/png;base64,[A-Za-z0-9+/=]+", html)
    assert len(set(frames)) == 6          # one distinct picture per combination (+ the shown one)
    assert 'alt="a line"' in html


def test_static_frames_follow_grid_order_and_default():
    panel = slider_demo(_frame, static=True, alt="x", w=[1.0, 2.0], b=[0.0, 1.0, 2.0],
                        defaults={"w": 2.0, "b": 1.0})
    # starting values: w index 1, b index 1 -> flat index 1*3 + 1 = 4
    assert 'value="1"' in panel.html
    src = re.search(r'<img src="([^"]+)"', panel.html).group(1)
    frames = re.search(r"<script type=\"application/json\">(.*?)</script>", panel.html).group(1)
    import json
    assert json.loads(frames)[4] == src


def test_env_var_selects_static(monkeypatch):
    monkeypatch.setenv("NNBOOK_STATIC", "1")
    assert isinstance(slider_demo(sigmoid_neuron, alt="s", w=[1.0, 2.0], b=[0.0]), StaticPanel)


def test_live_panel_builds_widgets():
    ipywidgets = pytest.importorskip("ipywidgets")
    panel = slider_demo(sigmoid_neuron, static=False, w=[-2.0, -1.0, 0.0, 1.0], b=[0.0, 1.0],
                        retrain=True)
    assert isinstance(panel, ipywidgets.VBox)
    sliders = panel.children[0].children
    assert all(isinstance(s, ipywidgets.SelectionSlider) for s in sliders)
    assert sliders[0].value == 0.0 and sliders[0].continuous_update is False
    plt.close("all")


def test_live_slider_offers_only_grid_values():
    # chapter 7's drop probabilities: a slider with half the grid's step reached 0.05, 0.15, ...
    pytest.importorskip("ipywidgets")
    from nnbook.widgets import live_controls

    drops = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
    slider = live_controls({"p": drops}, defaults={"p": 0.5})["p"]
    assert slider.value == 0.5
    seen = []
    for i in range(len(slider.options)):
        slider.index = i                      # the browser moves a selection slider by index
        seen.append(slider.value)
    assert seen == drops and all(type(v) is float for v in seen)
    assert [label for label, _ in slider.options][:3] == ["0", "0.1", "0.2"]
    from traitlets import TraitError
    with pytest.raises(TraitError):
        slider.value = 0.05                   # not a position of this slider


def test_live_controls_pass_numpy_grids_as_python_numbers():
    pytest.importorskip("ipywidgets")
    from nnbook.widgets import live_controls

    c = live_controls({"lam": list(np.array([0.0, 1e-3, 0.3])),
                       "k": list(np.arange(3)), "kind": ["a", "b"]},
                      defaults={"k": np.int64(2)}, labels={"lam": "strength λ"})
    assert c["lam"].value == 1e-3 and type(c["lam"].value) is float
    assert c["lam"].description == "strength λ"
    assert c["k"].value == 2 and type(c["k"].value) is int
    assert list(c["kind"].options) == ["a", "b"]


def test_live_readouts_are_short_and_distinct():
    from nnbook.widgets import _readouts

    assert _readouts([0.0, 0.1, 0.30000000000000004, 1e-05]) == ["0", "0.1", "0.3", "1e-05"]
    assert _readouts([1.0, 1.0001, 1.0002]) == ["1", "1.0001", "1.0002"]
    assert _readouts([1, 2, 10]) == ["1", "2", "10"]


@pytest.mark.parametrize("kwargs, exc, msg", [
    ({"static": True, "w": [1.0]}, ValueError, "alt text is required"),
    ({"static": True, "alt": "x", "w": list(np.linspace(0, 1, 100))}, ValueError,
     "100 frames"),
    ({"alt": "x"}, ValueError, "at least one parameter grid"),
    ({"alt": "x", "w": []}, ValueError, "grid 'w' is empty"),
    ({"alt": "x", "w": 3.0}, TypeError, "grid 'w' must be a list"),
    ({"alt": "x", "w": [1.0], "defaults": {"q": 1}}, ValueError, "'q' appears"),
    ({"alt": "x", "w": [1.0, float("nan")]}, ValueError, "non-finite"),
])
def test_bad_panels(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        slider_demo(_frame, **kwargs)


def test_plot_must_be_callable():
    with pytest.raises(TypeError, match="plot must be a callable"):
        slider_demo("not a function", alt="x", w=[1.0])


def test_panel_reuses_one_figure_and_moves_its_artists():
    from nnbook.chapters.intro import SigmoidNeuron

    panel = SigmoidNeuron()
    fig1 = panel(w=1.0, b=0.0)
    y1 = panel.curve.get_ydata().copy()
    fig2 = panel(w=2.0, b=1.0)
    assert fig1 is fig2                                   # no new figure per update
    x = np.linspace(-6, 6, 241)
    np.testing.assert_allclose(panel.curve.get_ydata(), 1 / (1 + np.exp(-(2 * x + 1))))
    assert not np.allclose(y1, panel.curve.get_ydata())
    assert panel.cross.get_xdata()[0] == -0.5 and panel.cross.get_visible()
    panel(w=0.0, b=1.0)                                   # no crossing: the marker hides
    assert not panel.cross.get_visible()
    assert all(plt.figure(n) is not fig1 for n in plt.get_fignums())   # not in pyplot


def test_static_panel_from_a_panel_has_distinct_frames():
    from nnbook.chapters.intro import SigmoidNeuron

    panel = slider_demo(SigmoidNeuron(), static=True, alt="s", w=[0.5, 1.0, 2.0], b=[0.0, 1.0])
    frames = re.findall(r"data:image/png;base64,[A-Za-z0-9+/=]+", panel.html)
    assert len(set(frames)) == 6


@pytest.mark.parametrize("w, exc", [(float("nan"), ValueError), ("1", TypeError)])
def test_panel_rejects_bad_parameters(w, exc):
    from nnbook.chapters.intro import SigmoidNeuron

    with pytest.raises(exc, match="w must"):
        SigmoidNeuron()(w=w, b=0.0)


def test_panel_base_needs_setup_and_update():
    from nnbook.widgets import Panel

    with pytest.raises(NotImplementedError, match="setup"):
        Panel()(w=1.0)


def _pixels(png):
    import io

    from PIL import Image
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_panel_render_blits_the_same_picture_as_a_full_redraw():
    from nnbook.chapters.intro import SigmoidNeuron

    panel = SigmoidNeuron()
    panel.render(w=1.0, b=0.0)                      # caches the background
    blitted = _pixels(panel.render(w=-2.0, b=3.0))
    panel.fig.canvas.draw()                         # everything, the slow way
    full = np.asarray(panel.fig.canvas.buffer_rgba())[..., :3].astype(int)
    assert blitted.shape == full.shape
    differ = np.any(np.abs(blitted - full) > 40, axis=-1).mean()
    assert differ < 0.005                           # only where equal-zorder lines cross
    first = _pixels(panel.render(w=1.0, b=0.0))
    assert np.any(np.abs(first - blitted) > 40, axis=-1).mean() > 0.01   # the curve moved


def test_panel_render_reuses_its_background(monkeypatch):
    from nnbook.chapters.intro import SigmoidNeuron

    panel = SigmoidNeuron()
    panel.render(w=1.0, b=0.0)
    monkeypatch.setattr(panel.fig.canvas, "draw", lambda: pytest.fail("full redraw"))
    assert panel.render(w=2.0, b=0.0)[:8] == b"\x89PNG\r\n\x1a\n"
    panel.set_dpi(50)                               # a new resolution needs a new background
    with pytest.raises(pytest.fail.Exception):
        panel.render(w=2.0, b=0.0)


def _book_panels():
    """Every Panel instance the chapter modules define (a package's re-export counted once)."""
    import importlib
    import pkgutil

    import nnbook.chapters
    from nnbook.widgets import Panel
    found, seen = [], set()
    for info in pkgutil.walk_packages(nnbook.chapters.__path__, "nnbook.chapters."):
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if isinstance(obj, Panel) and id(obj) not in seen:
                seen.add(id(obj))
                found.append((f"{info.name.removeprefix('nnbook.chapters.')}.{name}", obj))
    assert len(found) >= 25, f"only {len(found)} panels found under nnbook.chapters (25 in 2026-11)"
    return found


@pytest.mark.parametrize("name, panel", _book_panels(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_panel_texts_lie_inside_the_figure(name, panel):
    # a label pushed past the figure's edge is cut off in every frame on the site
    fig = panel()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    for ax in fig.axes:
        if not ax.axison:
            continue
        texts = [ax.title, ax.xaxis.label, ax.yaxis.label]
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            tol = 1e-9 * (hi - lo)
            texts += [t.label1 for t in axis.get_major_ticks()
                      if lo - tol <= t.get_loc() <= hi + tol]
        for text in texts:
            if not text.get_visible() or not text.get_text().strip():
                continue
            box = text.get_window_extent(renderer)
            inside = box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1
            assert inside, (f"{name}: {text.get_text()!r} at {box.extents.round()} leaves "
                            f"the {width}x{height} figure")


@pytest.mark.parametrize("shape", [(1, 1), (7, 13), (40, 3)])
def test_unfiltered_png_decodes_to_the_same_pixels(shape):
    from nnbook.widgets import _png_unfiltered

    rgb = np.random.default_rng(0).integers(0, 256, (*shape, 3), dtype=np.uint8)
    png = _png_unfiltered(rgb, 1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert np.array_equal(_pixels(png), rgb)
