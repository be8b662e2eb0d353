"""The built website, checked in a real browser with the network cut off.

Needs the site in ``_build/html`` (``make book``; ``make test`` builds it first)
and Debian's Chromium at /usr/bin/chromium driven by Playwright. Every page is
visited with every request that is not to 127.0.0.1 aborted, and must show no
failed or off-host request, no page error (Jupyter Book's doubled sphinx-thebe
configuration, which redeclared THEBE_JS_URL on every page, is removed by
``book/_ext/nnbook_offline.py``), typeset math, decoded images, and static slider
panels whose picture changes when a slider moves.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("NNBOOK_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _skip_or_fail(reason):
    if IN_CI:
        pytest.fail(reason + " (CI=true: the browser check is required)")
    pytest.skip(reason)


def _pages():
    if not SITE.is_dir():
        return []
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")
                  if not p.name.startswith(("genindex", "search"))
                  and "_static" not in p.parts and p.name != "index.html")


@pytest.fixture(scope="module")
def server():
    if not (SITE / "index.html").is_file():
        _skip_or_fail(f"no built site at {SITE}; run `make book` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))

    class Quiet(handler.func):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(Quiet, directory=str(SITE)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


class PageLog:
    """Records what one page did: blocked requests, failed requests, page errors."""

    def __init__(self, page, origin):
        self.blocked, self.failed, self.errors = [], [], []
        self.origin = origin
        page.route("**/*", self._route)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.origin) or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def test_site_has_pages():
    if not SITE.is_dir():
        _skip_or_fail(f"no built site at {SITE}; run `make book` first")
    assert "book/intro.html" in _pages()


@pytest.mark.parametrize("page_path", _pages() or ["book/intro.html"])
def test_page_offline(server, browser, page_path):
    page = browser.new_page()
    log = PageLog(page, server)
    page.goto(f"{server}/{page_path}", wait_until="load")
    # MathJax 3 typesets asynchronously (its script is deferred, so it exists by "load")
    page.evaluate("async () => { if (window.MathJax && MathJax.startup)"
                  " await MathJax.startup.promise; }")
    text = page.inner_text("article")
    broken_imgs = page.eval_on_selector_all(
        "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0))"
               ".map(i => i.src.slice(0, 80))")
    raw_math = [m for m in ("$$", "\\(", "\\[") if m in text]
    has_math = page.eval_on_selector_all(".math", "els => els.length") > 0
    typeset = page.eval_on_selector_all("mjx-container", "els => els.length")
    page.close()

    assert log.blocked == [], f"requests that would leave the host: {log.blocked}"
    assert log.failed == [], f"failed requests: {log.failed}"
    errors = log.errors
    assert errors == [], f"page errors: {errors}"
    assert broken_imgs == [], f"images that did not decode: {broken_imgs}"
    assert raw_math == [], f"untypeset math markers {raw_math} on {page_path}"
    if has_math:
        assert typeset > 0, f"{page_path} has math but MathJax typeset nothing"


def test_static_sliders_change_picture(server, browser):
    checked = 0
    for page_path in _pages():
        if "nnbook-panel" not in (SITE / page_path).read_text(encoding="utf-8"):
            continue
        page = browser.new_page()
        PageLog(page, server)
        page.goto(f"{server}/{page_path}", wait_until="load")
        panels = page.query_selector_all(".nnbook-panel")
        assert panels, f"{page_path} mentions a panel but none rendered"
        for panel in panels:
            img = panel.query_selector("img")
            assert img.get_attribute("alt"), f"a panel on {page_path} has no alt text"
            for slider in panel.query_selector_all("input[type=range]"):
                before = img.get_attribute("src")
                value, top = int(slider.input_value()), int(slider.get_attribute("max"))
                new = 0 if value == top else top
                slider.evaluate("(el, v) => { el.value = v; el.dispatchEvent("
                                "new Event('input', {bubbles: true})); }", new)
                after = img.get_attribute("src")
                readout = panel.evaluate("p => [...p.querySelectorAll('output')]"
                                         ".map(o => o.textContent)")
                assert after != before, (f"slider {slider.get_attribute('aria-label')} on "
                                         f"{page_path} did not change the picture")
                assert img.evaluate("i => i.complete && i.naturalWidth > 0")
                assert all(readout), "a slider read-out went blank"
                checked += 1
        page.close()
    assert checked > 0, "no static slider panel found on the site"


def test_playground_page_trains_offline(server, browser):
    """The playground page is the browser's live app: ▶ trains (the epoch counter rises and
    the output map changes) with no request off the site and no page error, and the page
    with its app's modules weighs at most 1 MB (no recorded frames)."""
    html = SITE / "book" / "playground.html"
    if not html.is_file():
        _skip_or_fail(f"no playground page in {SITE}")
    weight = html.stat().st_size + sum(p.stat().st_size
                                       for p in (SITE / "_static" / "playground").glob("*.js"))
    assert weight <= 2**20, f"the playground page weighs {weight / 2**20:.2f} MB"
    page = browser.new_page()
    log = PageLog(page, server)
    page.goto(f"{server}/book/playground.html", wait_until="load")
    page.wait_for_function("window.nnbookPlayground !== undefined", timeout=20_000)
    assert page.locator(".nnpg-preset").count() >= 3, "the guided experiments' presets"
    status = page.locator(".nnpg-status")
    canvas = "document.querySelectorAll('.nnpg-pictures canvas')[1].toDataURL()"
    before, picture = status.inner_text(), page.evaluate(canvas)
    page.get_by_role("button", name="▶ play").click()
    page.wait_for_function("window.nnbookPlayground.session.epoch >= 2", timeout=30_000)
    page.get_by_role("button", name="❚❚ pause").click()
    after = status.inner_text()
    assert before.startswith("epoch 0.0") and after != before and "NaN" not in after
    assert page.evaluate(canvas) != picture
    page.close()
    assert log.blocked == [] and log.failed == []
    assert log.errors == []
