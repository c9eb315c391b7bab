"""Domain settings in one place, read from the environment (``CRAFTMAP_*``) or a ``.env`` file.

Only what the domain needs lives here (which store, which dataset); the web server's settings
extend this class in ``api/settings.py``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """craftmap's domain settings. ``database_url`` selects PostGIS; otherwise the GeoPackage ``store``."""

    model_config = SettingsConfigDict(env_prefix="CRAFTMAP_", env_file=".env", extra="ignore")

    store: Path = Field(default=ROOT / "var" / "craftmap.gpkg", description="GeoPackage store path")
    database_url: str | None = Field(default=None, description="postgresql://… selects the PostGIS store")
    data_dir: Path = Field(default=ROOT / "data", description="The shipped dataset")


S = TypeVar("S", bound=Settings)


@cache
def get_settings(kind: type[S] = Settings) -> S:  # type: ignore[assignment]
    """The process-wide settings of ``kind`` (the domain's, or a subclass such as the server's),
    built on first use, never at import time."""
    return kind()
