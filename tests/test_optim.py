import numpy as np
import pytest

from nnbook.optim import SGD

SHAPES = [(3,), (2, 4)]
LRS = [0.1, 0.01, 0.01, 1.0, 0.3]         # down, unchanged, up, down again


def _grads(rng):
    return [rng.standard_normal(s) for s in SHAPES]


@pytest.mark.parametrize("momentum", [0.0, 0.9])
@pytest.mark.parametrize("method", ["step", "apply"])
def test_sgd_follows_a_learning_rate_changed_between_steps(momentum, method):
    rng = np.random.default_rng(0)
    params = [rng.standard_normal(s) for s in SHAPES]
    ref = [p.copy() for p in params]
    velocity = [np.zeros_like(p) for p in params]
    opt = SGD(params, lr=LRS[0], momentum=momentum)
    for lr in LRS:
        opt.lr = lr
        g = _grads(rng)
        if method == "step":
            opt.step(g)
        else:
            opt.apply([lr * x for x in g])
        for p, v, x in zip(ref, velocity, g):
            v *= momentum
            v -= lr * x
            p += v
        for p, r in zip(params, ref):
            np.testing.assert_allclose(p, r, rtol=1e-14, atol=1e-15)
    if momentum:
        for v, w in zip(opt.velocity, velocity):
            np.testing.assert_allclose(v, w, rtol=1e-14, atol=1e-15)


def test_plain_sgd_step_size_is_lr_times_gradient_for_every_lr():
    p = np.array([1.0, -2.0])
    opt = SGD([p], lr=0.5)
    g = np.array([0.25, -1.0])
    for lr in [0.5, 0.125, 2.0, 0.5]:
        before = p.copy()
        opt.lr = lr
        opt.step([g])
        np.testing.assert_array_equal(before - p, lr * g)



@pytest.mark.parametrize("momentum", [0.0, 0.5])
def test_step_scales_the_gradients_by_lr_and_calls_apply(momentum, monkeypatch):
    p = np.array([1.0, -2.0])
    opt = SGD([p], lr=0.25, momentum=momentum)
    seen = []
    original = SGD.apply

    def spy(self, steps):
        seen.append([s.copy() for s in steps])
        original(self, steps)

    monkeypatch.setattr(SGD, "apply", spy)
    g = np.array([0.5, 4.0])
    opt.step([g])
    opt.step([g])
    assert len(seen) == 2
    np.testing.assert_array_equal(seen[0][0], 0.25 * g)
    expected = 1.0 - 0.25 * 0.5 - (momentum * 0.25 * 0.5 + 0.25 * 0.5)
    assert p[0] == pytest.approx(expected, rel=1e-15)
    with pytest.raises(ValueError, match="gradient of shape"):
        opt.step([np.ones(3)])
