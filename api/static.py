"""``/static/<package>/…``: the map pages' JS/CSS/fonts, served by craftmap (no CDN at run time).

The folders come from ``maps.assets.STATIC_DIRS`` (xstatic packages, npm packages and ``maps/static``).
Files are immutable per installed version, so browsers may cache them for a day.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from maps.assets import NPM_DIRS, STATIC_DIRS, STATIC_PREFIX


class _CachedStatic(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers.setdefault("Cache-Control", "public, max-age=86400")
        return response


def mount(app: FastAPI) -> None:
    """Mount one static folder per asset package under ``/static``."""
    for name, folder in STATIC_DIRS.items():
        # npm folders may be missing until scripts/setup-npm.sh ran: their files then answer 404.
        app.mount(f"{STATIC_PREFIX}/{name}", _CachedStatic(directory=folder, check_dir=name not in NPM_DIRS),
                  name=f"static-{name}")
