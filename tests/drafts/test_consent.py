"""Consent mode (`votes.mode: consent`): a draft passes unless a member raises a
reasoned objection; silence consents, so there is no quorum. Console sessions on
real SQLite."""

from __future__ import annotations

from tests.drafts.conftest import CONFIG, after, new_draft, session


def consent_config(tmp_path, language: str = "fr"):
    path = tmp_path / "garant.yaml"
    text = CONFIG.format(language=language, tally="always", quorum=50)
    path.write_text(text.replace("votes:\n", "votes:\n  mode: consent\n"), encoding="utf-8")
    return path


async def test_silence_consents_and_one_objection_stops_the_draft(tmp_path) -> None:
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        :channel drafts
        :user malik
        :click 1
        :time 2026-11-26T09:00
        """, consent_config(tmp_path))
    # One approval of four, no objection: at the deadline it passes (no quorum).
    assert "1/4 ont voté — par consentement : adopté sauf objection motivée" in out
    assert "[MP à sofia] Le vote sur votre brouillon n° 1 « Soldes d'hiver » est clos : " \
           "adopté." in out
    out = await session(db, f"""\
        :user yann
        {new_draft(title="Noël")}
        :channel drafts
        :user lea
        :click 2
        Le ton est trop familier pour ce client.
        .
        :time 2026-11-29T10:00
        """, consent_config(tmp_path), now=after_deadline())
    assert "[MP à yann] Le vote sur votre brouillon n° 2 « Noël » est clos : modifications " \
           "demandées." in out


def after_deadline():
    from tests.drafts.conftest import MONDAY_9

    return MONDAY_9.replace(day=26, hour=10)


async def test_everyone_consenting_closes_the_vote_early(tmp_path) -> None:
    out = await session(tmp_path / "g.db", f"""\
        :user sofia
        {new_draft()}
        :channel drafts
        :user malik
        :click 1
        :user lea
        :click 4
        :user yann
        :click 1
        :user camille
        :click 1
        """, consent_config(tmp_path))
    closed = after(out, "Vous êtes camille")
    assert "Le vote sur le brouillon n° 1 est clos : adopté." in closed
