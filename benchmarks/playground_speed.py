"""The playground's live loop: gradient steps per second and frames per second.

A frame is what the app does on every tick of its ``Play`` widget: 50 gradient
steps, then one redraw (update the artists, blit, encode a JPEG). Targets (issue
"The playground"): >= 10 frames/s with >= 50 steps between frames on the
default network and 500 points, and a redraw <= 25 ms.
"""

from __future__ import annotations

import time

from nnbook.playground.app import STEPS_PER_FRAME
from nnbook.playground.core import Session
from nnbook.playground.view import PlaygroundView

from .common import interleaved


def run(repeats=7):
    session = Session()
    view = PlaygroundView(session, show_text=False)
    view.image("jpeg")

    def steps():
        session.step(500)

    def redraw():
        view.update()
        view.image("jpeg")

    def frame():
        session.step(STEPS_PER_FRAME)
        session.record()
        redraw()

    times = interleaved({"500 steps": steps, "redraw": redraw, "frame": frame},
                        repeats=repeats)
    t0 = time.perf_counter()
    n = 0
    while time.perf_counter() - t0 < 2.0:
        frame()
        n += 1
    fps = n / (time.perf_counter() - t0)
    return {"steps_per_s": 500 / times["500 steps"][0], "redraw": times["redraw"],
            "frame": times["frame"], "fps": fps, "net": session.net.sizes,
            "n_train": len(session.F_train)}
