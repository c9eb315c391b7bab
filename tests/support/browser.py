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
    page.on("response", lambda r: v.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def on_dialog(d: Any) -> None:
        v.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url)
    if wait:
        page.wait_for_selector("html[data-cm-ready]", state="attached", timeout=READY_TIMEOUT_MS)
    return v
