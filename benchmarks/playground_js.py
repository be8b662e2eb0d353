"""The browser's playground (book/_static/playground) in headless Chromium, offline.

Three numbers (issue 19):

* **engine speed**: gradient steps per second of the JavaScript engine on the default
  network (circle, 2-4-2-2 tanh, batch 10, 250 training points) against the NumPy engine
  (:class:`nnbook.playground.Session`) in the same rounds; the ratio is the median over
  rounds of JS steps/s divided by NumPy steps/s (target >= 5);
* **the page while training**: after ▶, the median time between two animation frames and
  the frames per second over a few seconds, with the app's ``STEPS_PER_FRAME`` steps per
  frame (targets >= 30 frames/s, >= 10 steps/frame), and the median time the app's work
  of a frame (steps, record, draw) takes;
* **page weight**: the built page (``_build/html/book/playground.html``, when the site is
  built) plus the app's modules (target <= 1 MB).

The helpers (:func:`browser_missing`, :func:`launch`, :func:`serve`, :func:`offline_page`,
:func:`page_html`) are shared with ``tests/test_playground_js.py``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import statistics
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "book" / "_static"
CHROMIUM = os.environ.get("NNBOOK_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
APP = "window.nnbookPlayground"


def browser_missing():
    """Why headless Chromium cannot be driven here, or None when it can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    return None


def launch(pw):
    """Debian's Chromium, headless, with the background services that phone home off."""
    return pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)


def serve(directory):
    """A quiet threading HTTP server on 127.0.0.1 for ``directory``: (origin, server)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


def offline_page(browser, origin, errors, outside):
    """A new page that aborts every request outside ``origin`` (listed in ``outside``) and
    lists its page errors in ``errors``."""
    page = browser.new_page()

    def route(r):
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def page_html(states):
    """A page as the site builds it: one ``playground(**state)`` output per state (the first
    is the app, the others its presets); it expects to be served from a folder beside
    ``_static`` (the module is ``../_static/playground/app.js``)."""
    from nnbook.playground.app import SitePlayground

    body = "\n".join(SitePlayground(s)._repr_html_() for s in states)
    return ("<!doctype html><html><head><meta charset=utf-8><title>playground</title></head>"
            f"<body>{body}</body></html>")


@contextlib.contextmanager
def app_page(states=({},)):
    """A headless Chromium page with the app (served from ``book/``), offline."""
    from playwright.sync_api import sync_playwright

    origin, httpd = serve(ROOT / "book")
    errors, outside = [], []
    with sync_playwright() as pw:
        browser = launch(pw)
        page = offline_page(browser, origin, errors, outside)
        page.route(f"{origin}/pages/playground.html",
                   lambda r: r.fulfill(body=page_html(states), content_type="text/html"))
        page.goto(f"{origin}/pages/playground.html")
        page.wait_for_function(f"{APP} !== undefined")
        try:
            yield page
        finally:
            browser.close()
            httpd.shutdown()
    if errors or outside:
        raise RuntimeError(f"the playground page failed: errors {errors}, requests {outside}")


JS_STEPS = ("(n) => { const s = new window.E.Session({}); s.step(50);"
            " const t = performance.now(); s.step(n); return (performance.now() - t) / 1000; }")
FRAMES = (f"async (ms) => {{ const a = {APP}, advance = a.advance.bind(a), work = [];"
          " a.advance = (n) => { const t = performance.now(); advance(n);"
          " work.push(performance.now() - t); };"
          " a.frameTimes = []; a.play(); await new Promise((r) => setTimeout(r, ms)); a.pause();"
          " return {times: a.frameTimes, work, steps: a.session.steps}; }")


def _engine_rounds(page, rounds, n_js, n_py):
    """Per round: NumPy steps/s, JS steps/s (interleaved)."""
    from nnbook.playground.core import Session

    page.evaluate("async () => { window.E = await import('../_static/playground/engine.js'); }")
    py, js = [], []
    for _ in range(rounds):
        s = Session()
        s.step(50)
        t = time.perf_counter()
        s.step(n_py)
        py.append(n_py / (time.perf_counter() - t))
        js.append(n_js / page.evaluate(JS_STEPS, n_js))
    return py, js


def page_weight(site=ROOT / "_build" / "html"):
    """Bytes of the built playground page (None if not built; ``page_is_current`` False when
    it was built before the notebook last changed) and of the app's modules."""
    html = site / "book" / "playground.html"
    modules = sum(p.stat().st_size for p in (STATIC / "playground").glob("*.js"))
    notebook = ROOT / "book" / "playground.ipynb"
    return {"page_bytes": html.stat().st_size if html.is_file() else None,
            "page_is_current": html.is_file()
            and html.stat().st_mtime >= notebook.stat().st_mtime,
            "modules_bytes": modules}


def run(rounds=5, n_js=20_000, n_py=1_000, seconds=3.0):
    """Measure the three numbers above; returns a JSON-ready dict (``{"skipped": why}``
    without Chromium or Playwright)."""
    from nnbook.playground.core import Session

    missing = browser_missing()
    if missing:
        return {"skipped": missing}

    with app_page() as page:
        py, js = _engine_rounds(page, rounds, n_js, n_py)
        frames = page.evaluate(FRAMES, int(seconds * 1000))
        steps_per_frame = page.evaluate("async () => (await import("
                                        "'../_static/playground/app.js')).STEPS_PER_FRAME")
    t = frames["times"]
    gaps = [b - a for a, b in zip(t, t[1:])]
    ratios = [j / p for j, p in zip(js, py)]
    return {"net": Session().net.sizes,
            "numpy_steps_per_s": statistics.median(py), "js_steps_per_s": statistics.median(js),
            "js_over_numpy": (statistics.median(ratios), min(ratios), max(ratios)),
            "steps_per_frame": steps_per_frame,
            "fps": 1000 * len(gaps) / (t[-1] - t[0]) if gaps else 0.0,
            "median_frame_ms": statistics.median(gaps) if gaps else None,
            "median_frame_work_ms": statistics.median(frames["work"]),
            "steps_while_playing": frames["steps"], **page_weight()}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))
