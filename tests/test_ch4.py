"""Chapter 4: nnbook.chapters.ch04_gradient_descent (the panels) and nnbook.exercises.ch4
(the valley and the checkers)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from nnbook.chapters import ch04_gradient_descent as chapter
from nnbook.exercises import ch4
from nnbook.widgets import Panel


def _labelled(fig):
    axes = [ax for ax in fig.axes if ax.axison]
    assert axes, "the figure has no visible axes"
    for ax in axes:
        assert ax.get_xlabel() and ax.get_ylabel()


@pytest.mark.parametrize("lr", [0.01, 0.15, 0.21])
@pytest.mark.parametrize("start", ["A", "D"])
def test_descent_panel_draws_labelled_axes(lr, start):
    fig = chapter.descent(lr=lr, start=start)
    _labelled(fig)
    assert start in fig._suptitle.get_text()
    plt.close(fig)


def test_descent_verdicts_follow_the_curvature():
    # the bowl has curvatures 1 and 10: smooth below 0.1, zig-zag up to 0.2, divergent beyond
    titles = {lr: chapter.descent(lr=lr)._suptitle.get_text() for lr in (0.05, 0.15, 0.21, 0.001)}
    plt.close("all")
    assert "smoothly" in titles[0.05]
    assert "zig-zag" in titles[0.15]
    assert "diverges" in titles[0.21]
    assert "crawls" in titles[0.001]
    np.testing.assert_allclose(np.linalg.eigvalsh(chapter.H), [1.0, 10.0])


def test_descent_path_converges_or_stops():
    path = chapter.descent_path(0.1, (3.0, -2.0), steps=200)
    assert np.abs(path[-1]).max() < 1e-6
    path = chapter.descent_path(0.3, (3.0, -2.0), steps=500)
    assert len(path) < 501 and np.abs(path[-1]).max() > 1e3       # stopped at divergence
    with pytest.raises(ValueError, match="lr"):
        chapter.descent_path(0.0, (1.0, 1.0))
    with pytest.raises(ValueError, match="start"):
        chapter.descent(start="Z")


def test_descent_panel_updates_its_artists():
    fig = chapter.descent(lr=0.05, start="B", steps=30)
    path = chapter.descent_path(0.05, chapter.STARTS["B"], 30)
    np.testing.assert_allclose(np.column_stack(chapter.descent.path.get_data()), path)
    np.testing.assert_allclose(chapter.descent.start.get_data(), [[4.0], [3.0]])
    x, y = chapter.descent.loss.get_data()
    np.testing.assert_array_equal(x, np.arange(31))
    np.testing.assert_allclose(y, np.log10(chapter.loss2d(path[:, 0], path[:, 1])))
    assert chapter.descent.ax2.get_xlim() == (0, 30)
    # diverging: the drawn path stops at the first iterate outside the box, the loss goes on
    fig2 = chapter.descent(lr=0.21, start="A", steps=40)
    shown = np.column_stack(chapter.descent.path.get_data())
    assert fig2 is fig and np.abs(shown[-1]).max() > 5 and np.abs(shown[:-1]).max() <= 5
    assert len(chapter.descent.loss.get_data()[0]) == 41
    assert chapter.descent.ax2.get_xlim() == (0, 40)
    assert fig._suptitle.get_text() == "α = 0.21, start A: diverges"
    chapter.descent.render(lr=0.1, steps=30)                     # the x range follows steps back
    assert chapter.descent.ax2.get_xlim() == (0, 30)


def test_critical_learning_rate():
    assert ch4.critical_learning_rate(0.2)
    fb = ch4.critical_learning_rate(0.1)
    assert not fb and "Hint" in fb.message


def test_loss2d_matches_the_quadratic_form():
    w = np.array([1.5, -0.5])
    assert chapter.loss2d(w[0], w[1]) == pytest.approx(0.5 * w @ chapter.H @ w, rel=1e-14)
    grid = chapter.loss2d(np.zeros((3, 4)), np.ones((3, 4)))
    assert grid.shape == (3, 4) and np.allclose(grid, 0.5 * chapter.H[1, 1])


def test_momentum_path_and_contraction():
    # v <- mu v - lr H w, w <- w + v; mu = 0 is plain descent
    np.testing.assert_array_equal(chapter.descent_path(0.05, (1.0, 2.0), 10, momentum=0.0),
                                  chapter.descent_path(0.05, (1.0, 2.0), 10))
    w, v = np.array([1.0, 2.0]), np.zeros(2)
    for _ in range(3):
        v = 0.5 * v - 0.05 * (chapter.H @ w)
        w = w + v
    np.testing.assert_allclose(chapter.descent_path(0.05, (1.0, 2.0), 3, momentum=0.5)[-1], w)
    # bit for bit the recurrence above (the notebook's printed step counts depend on it)
    for mu in (0.0, 0.5, 0.9):
        w, v, path = np.array([-4.0, 2.5]), np.zeros(2), [np.array([-4.0, 2.5])]
        for _ in range(60):
            v = mu * v - 0.15 * (chapter.H @ w)
            w = w + v
            path.append(w)
        np.testing.assert_array_equal(chapter.descent_path(0.15, (-4.0, 2.5), 60, mu), path)
    with pytest.raises(ValueError, match=r"momentum must lie in \[0, 1\)"):
        chapter.contraction(0.1, momentum=1.0)
    with pytest.raises(ValueError, match="momentum"):
        chapter.contraction(0.1, momentum=-0.1)
    np.testing.assert_allclose(chapter.contraction(0.05), [0.95, 0.5])
    # heavy ball on a quadratic is stable iff lr * lambda_max < 2 (1 + mu)
    assert chapter.contraction(0.37, 0.9).max() < 1 < chapter.contraction(0.39, 0.9).max()
    assert chapter.contraction(0.35, 0.5).max() > 1
    with pytest.raises(ValueError, match="momentum"):
        chapter.descent_path(0.1, (1.0, 1.0), momentum=1.0)


def test_descent_panel_with_momentum_titles():
    t = {mu: chapter.descent(lr=0.01, momentum=mu)._suptitle.get_text() for mu in (0.0, 0.9)}
    assert "crawls" in t[0.0] and "μ" not in t[0.0]
    assert "μ = 0.9" in t[0.9] and "diverges" not in t[0.9]
    assert "diverges" in chapter.descent(lr=0.35, momentum=0.5)._suptitle.get_text()
    assert "diverges" not in chapter.descent(lr=0.35, momentum=0.9)._suptitle.get_text()


def test_momentum_exercise_checker():
    assert ch4.momentum_critical_rate(0.38)
    assert not ch4.momentum_critical_rate(0.2)
    assert ch4.momentum_critical_rate(0.3, momentum=0.5)


def test_the_descent_panels_are_fast_panels_reusing_one_figure():
    for panel in (chapter.descent, chapter.descent_momentum):
        assert isinstance(panel, Panel)
        first = panel()
        assert panel() is first                                # built once, updated in place
        png = panel.render()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and panel.fig is first
        assert all(plt.figure(n) is not first for n in plt.get_fignums())   # not in pyplot


@pytest.mark.parametrize("call, exc, msg", [
    (lambda: chapter.descent(lr=-0.1), ValueError, "lr must be > 0"),
    (lambda: chapter.descent(lr="big"), TypeError, "lr must be a real number"),
    (lambda: chapter.descent(steps=0), ValueError, "steps must be >= 1"),
    (lambda: chapter.descent_path(0.1, (1.0, 2.0, 3.0)), ValueError, "start must be a point"),
    (lambda: chapter.descent_path(0.1, (1.0, np.nan)), ValueError, "start contains NaN"),
    (lambda: chapter.loss2d("a", 1.0), TypeError, "w1 must be a numeric array"),
    (lambda: chapter.descent(start=1), ValueError, "start must be one of"),
    (lambda: chapter.descent.render(steps=2.5), TypeError, "steps"),
])
def test_descent_functions_reject_bad_input(call, exc, msg):
    with pytest.raises(exc, match=msg):
        call()
    plt.close("all")


def test_one_step_rate_checker():
    assert ch4.one_step_rate([0.25, 0.5])
    assert ch4.one_step_rate([0.5, 1.0], curvature=2.0)          # g = w² + 3 of the chapter
    fb = ch4.one_step_rate([0.5, 0.25])                           # swapped
    assert not fb and "factor" in fb.message
    assert not ch4.one_step_rate([0.25])


def test_iterations_checker():
    assert ch4.iterations([1875, 9375])
    assert not ch4.iterations([1875, 1875])                       # forgot the epochs
    assert ch4.iterations([7, 14], n=200, batch_size=32, epochs=2)
    assert not ch4.iterations([6, 12], n=200, batch_size=32, epochs=2)   # dropped the last batch


def test_batch_for_noise_checker():
    assert ch4.batch_for_noise([4, 100])
    fb = ch4.batch_for_noise([2, 10])                             # forgot the square root
    assert not fb and "sqrt" in fb.message
    assert ch4.batch_for_noise([9], factors=(3,))


def test_the_valley_is_defined_once_in_the_checkers_module():
    for name in ("H", "loss2d", "descent_path", "contraction"):
        assert getattr(chapter, name) is getattr(ch4, name)
    # the contraction factor is what the path shows: after k plain steps along the steep
    # axis the distance has shrunk by |1 - 10 lr|^k
    steep = np.linalg.eigh(ch4.H)[1][:, 1]
    path = ch4.descent_path(0.05, 3 * steep, steps=4)
    np.testing.assert_allclose(path[-1], 3 * steep * ch4.contraction(0.05)[1] ** 4, atol=1e-12)
