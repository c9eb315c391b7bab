"""Settings in one place, read from the environment (``CRAFTMAP_*``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from geo.model.limits import DEFAULT_LIMITS, Limits

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """craftmap's settings. ``database_url`` selects PostGIS; otherwise the GeoPackage ``store``."""

    model_config = SettingsConfigDict(env_prefix="CRAFTMAP_", env_file=".env", extra="ignore")

    store: Path = Field(default=ROOT / "var" / "craftmap.gpkg", description="GeoPackage store path")
    database_url: str | None = Field(default=None, description="postgresql://… selects the PostGIS store")
    data_dir: Path = Field(default=ROOT / "data", description="The shipped dataset")
    host: str = "127.0.0.1"
    port: int = 8000
    default_limit: int = Field(default=10, ge=1)
    max_limit: int = Field(default=10000, ge=1)
    base_url: str | None = Field(default=None, description="Public URL prefix when behind a proxy")
    cors_origins: list[str] = Field(default_factory=list)
    tiles: str = Field(default="OpenStreetMap", description="Basemap tiles: a folium name, a URL or 'none'")
    tiles_attribution: str = "© OpenStreetMap contributors"
    max_body_bytes: int = Field(default=5_000_000, ge=1024)
    max_upload_bytes: int = Field(default=200_000_000, ge=1024,
                                  description="Largest file accepted by POST /collections/{id}/import")
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

    @model_validator(mode="after")
    def _limits(self) -> Settings:
        if self.default_limit > self.max_limit:
            raise ValueError("default_limit must not exceed max_limit")
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, built on first use (never at import time)."""
    return Settings()
