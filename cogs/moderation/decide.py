"""The moderation decisions, as plain functions: no store, no platform."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from bot.charter import Finding, strongest

OPEN = ("open", "escalated")

# Which item statuses each moderator action may start from, and where it leads.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "keep": (OPEN, "kept"),
    "remove": (OPEN, "removed"),
    # A warning is not a decision on the message: the item stays open until a moderator
    # keeps or removes it (a visible phone number must not stay visible for good).
    "warn": (OPEN, None),
    "escalate": (("open",), "escalated"),
    "claim": (OPEN, None),  # the status does not change
}

REPORT_REASONS = ("spam", "off_topic", "inappropriate", "personal_data", "other")
_REASON_ALIASES = {
    "spam": "spam", "pub": "spam",
    "off_topic": "off_topic", "offtopic": "off_topic", "hors_sujet": "off_topic",
    "horssujet": "off_topic",
    "inappropriate": "inappropriate", "inapproprie": "inappropriate",
    "personal_data": "personal_data", "donnees_perso": "personal_data",
    "donnees_personnelles": "personal_data", "perso": "personal_data",
    "other": "other", "autre": "other",
}


def parse_reason(word: str) -> str | None:
    """A report reason typed in French or English (`hors-sujet`, `off-topic`...)."""
    folded = unicodedata.normalize("NFKD", word.strip().lower())
    key = "".join(c for c in folded if not unicodedata.combining(c))
    key = key.replace("-", "_").replace(" ", "_")
    return _REASON_ALIASES.get(key)


def live_action(findings: list[Finding], protected: bool) -> str | None:
    """The action a message's findings call for; people protected from chat rules
    (moderators, the director) are flagged rather than blocked."""
    action = strongest([f.action for f in findings])
    if protected and action == "block":
        return "flag"
    return action


def check_transition(action: str, status: str) -> str | None:
    """The new status, or None when the action is not allowed from `status`."""
    allowed, target = TRANSITIONS[action]
    if status not in allowed:
        return None
    return target or status


def should_hide_for_reports(reporters: int, threshold: int) -> bool:
    return threshold > 0 and reporters >= threshold


def age_text(delta: timedelta, language: str) -> str:
    """A short human age: 5 min, 3 h, 2 j / 2 d."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} {'j' if language == 'fr' else 'd'}"


def excerpt(text: str, limit: int = 280) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
