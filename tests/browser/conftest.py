"""Headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright, offline.

Every request to a host other than 127.0.0.1 is aborted, so a page that needs a CDN fails here.
Without Chromium the tests skip with the reason, except under ``CI=true`` where they fail.
``scripts/setup-test-system.sh`` (run by ``make test``) installs it from apt; never
``playwright install``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from geo.settings import ROOT

CHROMIUM = Path(os.environ.get("CRAFTMAP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
READY_TIMEOUT_MS = 30_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run 'bash scripts/setup-test-system.sh' (or 'make test')."
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """One page load: the page and everything that went wrong on it."""

    page: Any
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def counts(self) -> list[dict[str, Any]]:
        return self.page.evaluate("craftmap.counts()")  # type: ignore[no-any-return]

    def layer(self, title: str) -> dict[str, Any]:
        return next(c for c in self.counts() if c["title"] == title)


def _is_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """``visit(url)`` opens a map page offline and waits until every layer has loaded."""
    contexts: list[Any] = []

    def open_page(url: str, wait: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        contexts.append(context)
        page = context.new_page()
        v = Visit(page)

        def route(r: Any) -> None:
            if _is_loopback(r.request.url):
                r.continue_()
            else:
                v.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: v.errors.append(str(e)))
        page.on("requestfailed", lambda r: v.failed.append(r.url) if _is_loopback(r.url) else None)
        page.on("response", lambda r: v.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

        def on_dialog(d: Any) -> None:
            v.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url)
        if wait:
            page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=READY_TIMEOUT_MS)
        return v

    yield open_page
    for context in contexts:
        context.close()
