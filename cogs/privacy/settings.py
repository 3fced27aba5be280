"""The privacy cog's settings: garant.yaml's `privacy` (retention windows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from bot.settings import Section


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    """How long Garant keeps what people wrote and who reported whom.

    excerpts: a flagged message's text (and its earlier versions and link) is
        emptied this long after its item was decided; the decision and the counts
        stay.
    reports: a member report's reporter is pseudonymised and its note emptied this
        long after it was made.
    """

    SECTION: ClassVar[str] = "privacy"
    excerpts: timedelta = timedelta(days=180)
    reports: timedelta = timedelta(days=365)

    @classmethod
    def read(cls, section: Section) -> PrivacySettings:
        return cls(excerpts=section.duration("excerpts", timedelta(days=180)),
                   reports=section.duration("reports", timedelta(days=365)))


__all__ = ["PrivacySettings"]
