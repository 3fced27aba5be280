"""`/minutes FROM TO`: the record of the period's decisions, as Markdown and PDF files
(console sessions on real SQLite; the files as the console writes them)."""

from __future__ import annotations

import re
from pathlib import Path

from bot.typography import plain
from tests.drafts.conftest import new_draft, session


def attached(out: str, suffix: str) -> Path:
    found = re.findall(r"📎 (\S+" + re.escape(suffix) + ")", out)
    assert len(found) == 1, found
    return Path(found[0])


async def test_the_minutes_of_a_vote_and_the_director_s_decisions(tmp_path, config) -> None:
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(client="Dupont", planned="2026-11-25 10:00")}
        :channel drafts
        :user malik
        :click 1
        :user lea
        :click 1
        :user yann
        :click 4
        :user camille
        :click 1
        :time 2026-11-30T10:00
        /minutes 23/11 29/11
        /minutes 29/11 23/11
        /minutes hier
        """, config())
    assert "Procès-verbal du 23/11/2026 au 29/11/2026 : 1 brouillon." in out
    written = attached(out, ".md").read_text(encoding="utf-8")
    assert "\u00a0:" in written  # French typography: a no-break space before the colon
    text = plain(written)
    assert text.startswith("# Procès-verbal des décisions du 23/11/2026 au 29/11/2026\n\n"
                           "Établi par Garant le 30/11/2026 10:00 : 1 brouillon avec une "
                           "décision.\n")
    assert "## Brouillon n° 1 « Soldes d'hiver » (Dupont, twitter)\n" \
           "- Proposé par sofia le 23/11/2026 09:00.\n" in text
    assert "- 23/11/2026 09:00 — vote clos (résultat acquis avant l'échéance) : adopté. " \
           "2 pour, 0 demande de modification, 0 contre, 1 abstention ; 3 votants sur 4. " \
           "Bulletins :\n" in text
    assert "  - malik : Approuver\n  - lea : Approuver\n  - yann : S'abstenir\n" in text
    assert "- 23/11/2026 09:00 — camille, direction de la publication, approuve la " \
           "publication." in text
    pdf = attached(out, ".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
    assert "Le 23/11/2026 est avant le 29/11/2026 : donnez le premier jour, puis le dernier." \
        in out
    assert "Donnez le premier et le dernier jour : /minutes 01/11 30/11." in out


async def test_a_period_without_decisions_and_in_english(tmp_path, config) -> None:
    out = await session(tmp_path / "g.db", """\
        /minutes 2026-11-01 2026-11-22
        """, config(language="en"))
    assert "Minutes from 2026-11-01 to 2026-11-22: 0 drafts." in out
    text = attached(out, ".md").read_text(encoding="utf-8")
    assert "- No decision in the period." in text
