"""The privacy cog's settings: garant.yaml's `privacy` (retention windows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import ClassVar

from bot.located.fields import fail
from bot.settings import Section, format_duration


@dataclass(frozen=True, slots=True)
class PrivacySettings:
    """How long Garant keeps what people wrote and who reported whom.

    excerpts: a flagged message's text (and its earlier versions and link) is
        emptied this long after its item was decided; the decision and the counts
        stay.
    reports: a member report's reporter is pseudonymised and its note emptied this
        long after it was made.
    audit_log: a line of the audit log has its person pseudonymised and its reason
        and details emptied this long after it was written (at least 90 days: the
        log is the moderators' accountability); what happened, when, stays.
    """

    SECTION: ClassVar[str] = "privacy"
    excerpts: timedelta = timedelta(days=180)
    reports: timedelta = timedelta(days=365)
    audit_log: timedelta = timedelta(days=3 * 365)

    @classmethod
    def read(cls, section: Section) -> PrivacySettings:
        audit_log = section.duration("audit_log", timedelta(days=3 * 365))
        if audit_log < MIN_AUDIT_LOG:
            raise fail(section.where("audit_log"), "'audit_log' must be at least 90d: the "
                       "audit log is what the moderators answer for, got {got}",
                       got=format_duration(audit_log))
        return cls(excerpts=section.duration("excerpts", timedelta(days=180)),
                   reports=section.duration("reports", timedelta(days=365)),
                   audit_log=audit_log)


#: The shortest audit log window: the moderators' decisions must stay answerable.
MIN_AUDIT_LOG = timedelta(days=90)


__all__ = ["PrivacySettings"]
