"""`/privacy export USER` (RGPD right of access): every row that names the person, in
every place a cog declared, as one JSON file; the director only; audited. Console
session on real SQLite, the bundled demo team."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

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
