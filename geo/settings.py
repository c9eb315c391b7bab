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

from geo.model.limits import DEFAULT_LIMITS, Limits

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """craftmap's domain settings. ``database_url`` selects PostGIS; otherwise the GeoPackage ``store``."""

    model_config = SettingsConfigDict(env_prefix="CRAFTMAP_", env_file=".env", extra="ignore")

    store: Path = Field(default=ROOT / "var" / "craftmap.gpkg", description="GeoPackage store path")
    database_url: str | None = Field(default=None, description="postgresql://… selects the PostGIS store")
    data_dir: Path = Field(default=ROOT / "data", description="The shipped dataset")
    max_filter_chars: int = Field(default=DEFAULT_LIMITS.max_filter_chars, ge=100)
    max_filter_depth: int = Field(default=DEFAULT_LIMITS.max_filter_depth, ge=2, le=200)
    max_filter_terms: int = Field(default=DEFAULT_LIMITS.max_filter_terms, ge=1)
    max_sortby_terms: int = Field(default=DEFAULT_LIMITS.max_sortby_terms, ge=1, le=64)
    max_body_depth: int = Field(default=DEFAULT_LIMITS.max_body_depth, ge=4, le=200)
    max_number_digits: int = Field(default=DEFAULT_LIMITS.max_number_digits, ge=20, le=4000)
    max_import_rows: int = Field(default=DEFAULT_LIMITS.max_import_rows, ge=1)
    max_import_bytes: int = Field(default=DEFAULT_LIMITS.max_import_bytes, ge=1024,
                                  description="Largest uncompressed size of an imported file")
    max_import_ratio: int = Field(default=DEFAULT_LIMITS.max_import_ratio, ge=2,
                                  description="Largest uncompressed/compressed ratio of a zip member")

    @property
    def limits(self) -> Limits:
        """The request budget in force (``geo.model.limits``)."""
        return Limits(**{name: getattr(self, name) for name in Limits.__dataclass_fields__})


S = TypeVar("S", bound=Settings)


@cache
def get_settings(kind: type[S] = Settings) -> S:  # type: ignore[assignment]
    """The process-wide settings of ``kind`` (the domain's, or a subclass such as the server's),
    built on first use, never at import time."""
    return kind()
