"""The web platform's settings: garant.yaml's `web` section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from bot.located.fields import describe, fail
from bot.settings import Section

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8080


def parse_listen(text: str) -> tuple[str, int] | None:
    """`HOST:PORT` (or `:PORT`, or `PORT`) as (host, port); None when unreadable."""
    host, sep, port = text.strip().rpartition(":")
    if not sep:
        host, port = "", text.strip()
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return (host.strip("[]") or DEFAULT_HOST), int(port)


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Garant on the web.

    listen: `HOST:PORT` the pages are served on (None: not served, unless `garant run`
        is given `--web` or runs the no-token demo, on 127.0.0.1:8080).
    public_url: the address people open, when it is not `http://HOST:PORT` (behind a
        reverse proxy with TLS: `https://garant.example.coop`); login links use it.
    session: how long a session opened by a login link lasts.
    """

    SECTION: ClassVar[str] = "web"
    listen: tuple[str, int] | None = None
    public_url: str | None = None
    session: timedelta = timedelta(hours=12)

    @classmethod
    def read(cls, section: Section) -> WebSettings:
        listen = None
        if section.get("listen") is not None:
            value = section.get("listen")
            listen = parse_listen(str(value)) if not isinstance(value, bool | list | dict) \
                else None
            if listen is None:
                raise fail(section.where("listen"), "'listen' must be HOST:PORT, like "
                           "127.0.0.1:8080, got {got}", got=describe(value))
        public_url = section.url("public_url")
        session = section.duration("session", timedelta(hours=12))
        if not timedelta(minutes=5) <= session <= timedelta(days=30):
            raise fail(section.where("session"), "'session' must be between 5m and 30d")
        return cls(listen=listen, public_url=public_url, session=session)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "WebSettings", "parse_listen"]
