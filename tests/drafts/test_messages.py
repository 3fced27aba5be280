"""Every text the cog can say exists in French and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from bot.i18n import Catalog
from cogs.drafts.messages import MESSAGES
from cogs.drafts.states import Action, State
from cogs.drafts.votes import Choice, Result

SOURCES = Path(__file__).resolve().parents[2] / "cogs" / "drafts"


def test_the_catalog_accepts_every_message() -> None:
    Catalog().add(MESSAGES)  # refuses a missing language or mismatched placeholders


def test_every_key_the_code_names_exists() -> None:
    named = set()
    for source in SOURCES.glob("*.py"):
        named |= set(re.findall(r"""["'](drafts\.[a-z_.]+[a-z_])["']""",
                                source.read_text(encoding="utf-8")))
    jobs = {"drafts.deadline", "drafts.reminder", "drafts.planned", "drafts.expire"}
    assert sorted(k for k in named - jobs if k not in MESSAGES) == []


def test_every_key_built_from_values_exists() -> None:
    built = [f"drafts.state.{s.value}" for s in State]
    built += [f"drafts.result.{r.value}" for r in Result]
    built += [f"drafts.choice.{c.value}" for c in Choice]
    built += [f"drafts.refused.who.{a.value}" for a in Action]
    built += [f"drafts.refused.state.{a.value}" for a in Action]
    built += [f"drafts.level.{level}" for level in ("info", "warning", "error")]
    built += [f"drafts.tally.hidden.{m}" for m in ("always", "after_vote", "after_close")]
    built += [f"drafts.form.why.{w}" for w in ("changes", "reject", "final_changes", "veto",
                                                "decide_changes", "decide_reject", "withdraw")]
    built += [f"drafts.notice.director.{s}" for s in ("awaiting_final", "no_quorum")]
    built += [f"drafts.notice.final.{s}" for s in ("approved", "scheduled", "changes")]
    built += [f"drafts.list.which.{w}" for w in ("open", "all")]
    built += [f"drafts.show.ended.{w}" for w in ("changed", "dismissed")]
    built += [f"drafts.close.{w}" for w in ("early", "deadline")]
    built += [f"drafts.event.{e}" for e in (
        "submit", "override_request", "override_refused", "override", "edit", "close",
        "extend", "decide", "final_approve", "final_changes", "veto", "unveto", "withdraw",
        "publish", "expire", "reschedule", "restore")]
    built += [f"drafts.button.{k}" for k in (
        "vote.approve", "vote.changes", "vote.reject", "vote.abstain", "final.approve",
        "final.changes", "final.veto", "quorum.extend", "quorum.pass", "quorum.changes",
        "quorum.reject", "override.grant", "override.refuse", "fix.apply")]
    built += [f"drafts.field.{f}" for f in ("title", "client", "network", "planned")]
    assert [k for k in built if k not in MESSAGES] == []
