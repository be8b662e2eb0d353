import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.panels.neuron import sigmoid_neuron
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
    assert isinstance(sliders[0], ipywidgets.FloatSlider) and sliders[0].min == -2.0
    assert sliders[0].continuous_update is False
    assert isinstance(sliders[1], ipywidgets.SelectionSlider)
    plt.close("all")


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
