"""`/privacy export USER` (RGPD right of access): every row that names the person, in
every place a cog declared, as one JSON file; the director only; audited. Console
session on real SQLite, the bundled demo team."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from tests import database
from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


def attached(out: str, suffix: str) -> Path:
    found = re.findall(r"📎 (\S+" + re.escape(suffix) + ")", out)
    assert len(found) == 1, found
    return Path(found[0])


async def test_the_director_exports_everything_about_a_member(tmp_path) -> None:
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        /routine off 2026-11-24
        /privacy export sofia
        :user malik
        /note sofia Prévenue en privé.
        :user camille
        /privacy export sofia
        """, now=MONDAY_10)
    assert "réservé au rôle « directeur de publication »" in out
    assert re.search(r"Export des données de sofia : \d+ lignes dans \d+ tables\.", out)
    document = json.loads(attached(out, ".json").read_text(encoding="utf-8"))
    assert document["person"] == {"key": "local:sofia", "name": "sofia"}
    tables = document["tables"]
    assert [r["text"] for r in tables["review_items"]] == [
        "Rejoins mon serveur discord.gg/promo-gratuite"]
    assert [r["day"] for r in tables["routine_days_off"]] == ["2026-11-24"]
    assert [r["text"] for r in tables["moderation_notes"]] == ["Prévenue en privé."]
    # Only rows about sofia: malik's own actions are not in it unless they name her.
    assert all("local:sofia" in json.dumps(row) for rows in tables.values() for row in rows)
    assert any(r["action"] == "routine.off" for r in tables["audit_log"])


async def test_the_director_erases_a_member_after_seeing_the_plan(tmp_path) -> None:

    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        /routine off 2026-11-24
        :user malik
        /note sofia Prévenue en privé.
        :user camille
        /privacy erase sofia
        /privacy erase sofia confirm
        """, now=MONDAY_10)
    plan = out.split("Effacement des données de sofia :")[1]
    assert "  review_items : 1 ligne pseudonymisée (nom remplacé, textes vidés)" in plan
    assert "  routine_days_off : 1 ligne supprimée" in plan
    assert "  audit_log :" in plan and "conservée" in plan
    assert "/privacy erase sofia confirm" in plan
    match = re.search(r"Données de sofia effacées ; ce qui reste porte le pseudonyme "
                      r"(erased:[0-9a-f]{12})\.", out)
    assert match
    with database.connect(db) as conn:
        items = conn.execute("SELECT author_key, author_name, text FROM review_items").fetchall()
        assert items == [(match.group(1), "—", "")]
        assert conn.execute("SELECT count(*) FROM routine_days_off").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM moderation_notes").fetchone() == (0,)
        # Kept for accountability: the audit log, append-only, still says who did what.
        assert conn.execute("SELECT count(*) FROM audit_log WHERE actor = 'local:sofia'"
                            ).fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'privacy.erase' "
                            "AND subject = ?", (f"member:{match.group(1)}",)).fetchone() == (1,)
    conn.close()


async def test_texts_and_reporters_past_their_windows_are_emptied(tmp_path) -> None:

    db = tmp_path / "g.db"
    await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        Voici une recette de cuisine
        :user yann
        /report 3 spam C'est de la pub déguisée
        :user malik
        :channel moderation
        :click 2.2
        Publicité
        :time +100d
        :time +90d
        """, now=MONDAY_10)
    with database.connect(db) as conn:
        items = conn.execute("SELECT status, text FROM review_items ORDER BY id").fetchall()
        reports = conn.execute("SELECT reporter_key, reporter_name, note FROM review_flags "
                               "WHERE source = 'member'").fetchall()
        kept = conn.execute("SELECT count(*) FROM moderation_daily").fetchone()[0]
    conn.close()
    # The decided item's text is gone after 180 days; the open one keeps its text.
    assert items == [("removed", ""), ("open", "Voici une recette de cuisine")]
    # The report is older than 365 days? Not yet: 190 days.
    assert reports == [("local:yann", "yann", "C'est de la pub déguisée")]
    assert kept > 0  # the counts stay
    await session(db, ":time +200d\n", now=MONDAY_10.replace(year=2027, month=6, day=1))
    with database.connect(db) as conn:
        reports = conn.execute("SELECT reporter_key, reporter_name, note FROM review_flags "
                               "WHERE source = 'member'").fetchall()
    conn.close()
    assert len(reports) == 1 and reports[0][0].startswith("erased:") \
        and reports[0][1:] == ("—", None)


async def test_the_audit_log_s_people_are_pseudonymised_past_its_window(tmp_path) -> None:

    db = tmp_path / "g.db"
    await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :user malik
        :channel moderation
        :click 2.2
        Publicité
        /warn sofia Publicité répétée
        """, now=MONDAY_10)

    def audit() -> list[tuple]:
        with database.connect(db) as conn:
            found = conn.execute("SELECT actor, action, subject, reason, data FROM audit_log "
                                 "ORDER BY id").fetchall()
        conn.close()
        return found

    before = audit()
    assert ("local:malik", "warning.add", "user:local:sofia") in [r[:3] for r in before]
    # Two years on, within the window (three years by default): nothing changes.
    await session(db, ":time +1d\n", now=MONDAY_10.replace(year=2028))
    assert audit()[:len(before)] == before
    # Past it: the people are pseudonyms, the reasons and details gone, the lines kept.
    await session(db, ":time +1d\n", now=MONDAY_10.replace(year=2030))
    after = audit()[:len(before)]
    assert [r[1] for r in after] == [r[1] for r in before]  # what happened, in order
    assert all(r[3] is None and r[4] == "{}" for r in after)
    people = {r[0] for r in after} - {"garant"}
    assert people and all(p.startswith("pseudonym:") for p in people)
    malik = {a[0] for a, b in zip(after, before, strict=True) if b[0] == "local:malik"}
    assert len(malik) == 1  # one pseudonym per person in a run: their lines still count
    warned = next(r for r in after if r[1] == "warning.add")
    assert warned[2].startswith("member:pseudonym:")
    (retention,) = [r for r in audit() if r[1] == "privacy.retention"][-1:]
    assert '"audit_log": ' in retention[4]


def test_an_audit_log_window_under_90_days_is_refused(tmp_path) -> None:
    import pytest

    from bot.config import load_config
    from bot.located.yamlsrc import SourceError
    from cogs.privacy.settings import PrivacySettings

    path = tmp_path / "garant.yaml"
    path.write_text("language: fr\nprivacy:\n  audit_log: 30d\n", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_config(path, env={}).read(PrivacySettings)
    from bot.typography import plain

    assert plain(raised.value.text("fr")).endswith(
        "garant.yaml:3:14: « audit_log » doit valoir au moins 90d : le journal d'audit est "
        "ce dont les modérateurs répondent, trouvé : 30d")
