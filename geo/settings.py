"""Settings in one place, read from the environment (``CRAFTMAP_*``) or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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

    @model_validator(mode="after")
    def _limits(self) -> Settings:
        if self.default_limit > self.max_limit:
            raise ValueError("default_limit must not exceed max_limit")
        return self


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, built on first use (never at import time)."""
    return Settings()
