"""The static export: the public pages, their maps, assets and downloads as files that open from disk.

``craftmap export --static`` runs the app in-process (httpx's ASGI transport: no socket, no server,
with the header that tells pages they are being exported) and crawls it: it starts at the public
pages, follows every root-relative ``href``/``src``/``action`` and every ``url(...)`` in style
sheets, writes each response to a file and rewrites links into relative file paths. Pages become
``…/index.html`` (``index.en.html`` for English), so the site works from ``file://`` and from any
static host. Maps embed their data, so nothing needs the API.
"""

from __future__ import annotations

import asyncio
import html
import logging
import posixpath
import re
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx

from api.app import create_app
from api.render import STATIC_HEADER
from api.settings import ServerSettings
from maps.render import PageShell, render_page

log = logging.getLogger(__name__)

Fetch = Callable[[str], tuple[int, str, bytes]]
"""``fetch(url) -> (status, content type, body)`` for a root-relative URL."""

SEEDS = ("/transparency", "/transparency?lang=en", "/pollution", "/pollution?lang=en", "/downloads",
         "/downloads?lang=en")
PAGE_PREFIXES = ("/transparency", "/pollution", "/downloads")
ASSET_PREFIX = "/static/"
MAX_FILES = 5000

_ATTR = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>/[^"/][^"]*|/)"')
_CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")]+)['\"]?\s*\)")


@dataclass
class StaticReport:
    """What the export wrote and what it could not fetch."""

    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _in_scope(path: str) -> bool:
    return path.startswith(ASSET_PREFIX) or any(
        path == p or path.startswith(p + "/") for p in PAGE_PREFIXES)


def target_file(url: str) -> str | None:
    """The file a root-relative URL is written to, or ``None`` when it is not part of the static site.

    ``/transparency?lang=en`` → ``transparency/index.en.html``; ``/downloads/x.csv?crs=EPSG:9210`` →
    ``downloads/x-epsg9210.csv``. Page query parameters other than ``lang`` (filters) are dropped.
    """
    parts = urlsplit(url)
    path = parts.path
    if not _in_scope(path) or ".." in path.split("/"):
        return None
    query = parse_qsl(parts.query)
    base = path.strip("/")
    last = base.rsplit("/", 1)[-1]
    if "." in last:
        stem, ext = base.rsplit(".", 1)
        slug = "-".join(re.sub(r"[^a-z0-9]", "", v.lower()) for k, v in query if k != "lang")
        return f"{stem}-{slug}.{ext}" if slug else base
    lang = dict(query).get("lang")
    return f"{base}/index.en.html" if lang == "en" else f"{base}/index.html"


def _canonical(url: str) -> str:
    """The URL actually fetched for a file: pages keep only ``lang``; fragments are dropped."""
    parts = urlsplit(url)
    target = target_file(url) or ""
    if target.endswith(".html"):
        return parts.path + ("?lang=en" if target.endswith(".en.html") else "")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _rewrite_html(text: str, own: str, queue: deque[str]) -> str:
    def swap(match: re.Match[str]) -> str:
        raw = html.unescape(match.group("url"))
        target = target_file(raw)
        if target is None:
            return match.group(0)
        queue.append(_canonical(raw))
        fragment = urlsplit(raw).fragment
        rel = posixpath.relpath(target, posixpath.dirname(own) or ".")
        return f'{match.group("attr")}="{html.escape(rel)}{"#" + fragment if fragment else ""}"'

    return _ATTR.sub(swap, text)


def _css_refs(text: str, url: str, queue: deque[str]) -> None:
    """Queue what a style sheet loads; its relative paths stay valid because the tree is mirrored."""
    for match in _CSS_URL.finditer(text):
        ref = match.group("url").strip()
        if ref.startswith(("data:", "#", "http:", "https:")):
            continue
        absolute = urlsplit(urljoin(url, ref))
        queue.append(absolute.path)


def export_site(out: Path, fetch: Fetch, seeds: tuple[str, ...] = SEEDS) -> StaticReport:
    """Crawl from ``seeds`` and write the static site into ``out``; pages that fail stop the export."""
    report = StaticReport()
    queue: deque[str] = deque(seeds)
    done: set[str] = set()
    while queue:
        url = queue.popleft()
        target = target_file(url)
        if target is None or target in done:
            continue
        if len(done) >= MAX_FILES:
            raise RuntimeError(f"static export stopped at {MAX_FILES} files")
        done.add(target)
        status, content_type, body = fetch(url)
        if status != 200:
            if target.endswith(".html"):
                raise RuntimeError(f"static export: {url} answered {status}")
            log.warning("static export: %s answered %s; skipped", url, status)
            report.missing.append(url)
            continue
        if "text/html" in content_type:
            body = _rewrite_html(body.decode("utf-8"), target, queue).encode("utf-8")
        elif "text/css" in content_type or target.endswith(".css"):
            _css_refs(body.decode("utf-8", "replace"), url, queue)
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        report.files.append(target)
    _write_index(out)
    report.files.append("index.html")
    return report


def _write_index(out: Path) -> None:
    """A start page at the root linking to the exported pages."""
    page = render_page("pages/static_index.html", PageShell("vi", static=True))
    (out / "index.html").write_text(page, encoding="utf-8")


def build_static(settings: ServerSettings, out: Path) -> StaticReport:
    """Write the public pages, maps, assets and downloads of ``settings``' store into ``out``.

    The crawl runs its own event loop in a worker thread, so it works from plain scripts and from
    callers that already run a loop (Playwright's sync API, notebooks).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_crawl, settings, out).result()


def _crawl(settings: ServerSettings, out: Path) -> StaticReport:
    app = create_app(settings)
    loop = asyncio.new_event_loop()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://craftmap.local",
                               headers={STATIC_HEADER: "1"})

    def fetch(url: str) -> tuple[int, str, bytes]:
        response = loop.run_until_complete(client.get(url))
        return response.status_code, response.headers.get("content-type", ""), response.content

    try:
        return export_site(out, fetch)
    finally:
        loop.run_until_complete(client.aclose())
        loop.close()
        app.state.store.close()
