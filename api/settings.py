"""The web server's settings: the domain settings plus listening address, paging, public URL,
proxies, CORS, basemap and body limits (``CRAFTMAP_*`` like the rest)."""

from __future__ import annotations

from pydantic import Field, model_validator

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
    max_body_bytes: int = Field(default=5_000_000, ge=1024)
    max_upload_bytes: int = Field(default=200_000_000, ge=1024,
                                  description="Largest file accepted by POST /collections/{id}/import")

    @model_validator(mode="after")
    def _limits(self) -> ServerSettings:
        if self.default_limit > self.max_limit:
            raise ValueError("default_limit must not exceed max_limit")
        return self


def server_settings() -> ServerSettings:
    """The process-wide server settings (``geo.settings.get_settings`` with this class)."""
    settings: ServerSettings = get_settings(ServerSettings)  # functools.cache hides the type
    return settings
