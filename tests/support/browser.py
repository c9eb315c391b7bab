"""Headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright, offline.

Every request to a host other than 127.0.0.1 is aborted, so a page that needs a CDN fails here.
``scripts/setup-test-system.sh`` (run by ``make test``) installs Chromium from apt; never
``playwright install``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geo.settings import ROOT

CHROMIUM = Path(os.environ.get("CRAFTMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
READY_TIMEOUT_MS = 30_000
SCREEN_SIZES = ((1400, 900), (390, 844))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # scripts/setup-npm.sh; injected by tests, never served
SERIOUS = ("serious", "critical")


@dataclass
class Visit:
    """One page load: the page and everything that went wrong on it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    responses: list[tuple[int, str, int]] = field(default_factory=list)  # status, URL, Content-Length, from the start

    def counts(self) -> list[dict[str, Any]]:
        return self.page.evaluate("craftmap.counts()")  # type: ignore[no-any-return]

    def layer(self, title: str) -> dict[str, Any]:
        return next(c for c in self.counts() if c["title"] == title)


def is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


def open_page(context: Any, url: str, wait: bool = True) -> Visit:
    """Load ``url`` in a new page of ``context`` offline, recording errors; wait until every layer loaded."""
    page = context.new_page()
    v = Visit(page)

    def route(r: Any) -> None:
        if is_loopback(r.request.url):
            r.continue_()
        else:
            v.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: v.errors.append(str(e)))
    page.on("requestfailed", lambda r: v.failed.append(r.url) if is_loopback(r.url) else None)

    def on_response(r: Any) -> None:
        v.responses.append((r.status, r.url, int(r.headers.get("content-length") or 0)))
        if r.status >= 400:
            v.failed.append(f"{r.status} {r.url}")

    page.on("response", on_response)

    def on_dialog(d: Any) -> None:
        v.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    if wait:
        page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=READY_TIMEOUT_MS)
    return v


def screenshots(page: Any, name: str, sizes: tuple[tuple[int, int], ...] = SCREEN_SIZES) -> list[Path]:
    """``test-artifacts/<name>-<w>x<h>.png`` of the whole page at each size (desktop, phone); the viewport
    is left at the last size."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = []
    for width, height in sizes:
        page.set_viewport_size({"width": width, "height": height})
        path = ARTIFACTS / f"{name}-{width}x{height}.png"
        page.screenshot(path=str(path), full_page=True)
        out.append(path)
    return out


def axe_violations(page: Any, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """axe-core's violations of ``impacts`` on the loaded page, one readable line per rule and element."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['impact']} {v['id']}: {v['help']} @ {', '.join(map(str, n['target']))}"
            for v in found if v["impact"] in impacts for n in v["nodes"]]


def page_width(page: Any) -> int:
    """How wide the page itself scrolls (a table scrolling in its own box does not count)."""
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


TILE_HOSTS = ("tile.openstreetmap.org",)


def is_local(url: str) -> bool:
    """Loopback or a file of the static export: what a :class:`Tab` lets through."""
    return urlsplit(url).scheme == "file" or is_loopback(url)


class Tab:
    """A page with what went wrong on it; only loopback and file:// requests are let through."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" and
                     "ERR_FAILED" not in m.text else None)
        # Non-loopback requests are aborted by design; the event may arrive before _route records them.
        self.page.on("requestfailed", lambda r: self.failed.append(r.url) if is_local(r.url) else None)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, url: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.failed == []
        assert all(urlsplit(u).hostname in TILE_HOSTS for u in self.blocked), self.blocked
