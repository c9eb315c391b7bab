"""The web server's settings: the domain settings plus listening address, paging, public URL,
proxies, CORS, basemap, body limits and sign-in (``CRAFTMAP_*`` like the rest)."""

from __future__ import annotations

import os

from pydantic import Field, model_validator

from geo.records.accounts import Lockout
from geo.settings import Settings, get_settings


class ServerSettings(Settings):
    """What ``create_app`` and ``craftmap serve`` read on top of the domain settings."""

    host: str = "127.0.0.1"
    port: int = 8000
    default_limit: int = Field(default=10, ge=1)
    max_limit: int = Field(default=10000, ge=1)
    base_url: str | None = Field(default=None, description="Public URL (with any path prefix) behind a proxy")
    trust_proxy_headers: bool = Field(
        default=False, description="Build links from X-Forwarded-Proto/Host (only behind a proxy that sets them)")
    cors_origins: list[str] = Field(default_factory=list)
    tiles: str = Field(default="OpenStreetMap", description="Basemap tiles: a folium name, a URL or 'none'")
    tiles_attribution: str = "© OpenStreetMap contributors"
    threads: int = Field(
        default_factory=lambda: max(2, os.cpu_count() or 2), ge=1,
        description="Requests run at once on blocking work (store reads, exports); more than the cores only "
                    "queues them behind the GIL and lengthens the slowest answers")
    max_body_bytes: int = Field(default=5_000_000, ge=1024)
    max_upload_bytes: int = Field(default=200_000_000, ge=1024,
                                  description="Largest file accepted by POST /collections/{id}/import")

    session_idle_minutes: float = Field(default=30, gt=0, description="A session unused this long ends")
    signin_lock_after: int = Field(default=5, ge=1, description="Wrong passwords in a row that lock an account")
    signin_address_lock_after: int = Field(default=20, ge=1,
                                           description="Wrong passwords from one client address that lock it")
    signin_lock_minutes: float = Field(default=15, gt=0, description="How long a lock lasts")

    def lockout(self) -> Lockout:
        return Lockout(lock_after=self.signin_lock_after, address_lock_after=self.signin_address_lock_after,
                       lock_seconds=self.signin_lock_minutes * 60)

    @model_validator(mode="after")
    def _limits(self) -> ServerSettings:
        if self.default_limit > self.max_limit:
            raise ValueError("default_limit must not exceed max_limit")
        return self


def server_settings() -> ServerSettings:
    """The process-wide server settings (``geo.settings.get_settings`` with this class)."""
    settings: ServerSettings = get_settings(ServerSettings)  # functools.cache hides the type
    return settings
