"""Secret ballots: counted, but nobody — the director included — sees who voted what,
and once the vote closes no ballot names anyone. Console sessions on real SQLite,
the database read afterwards."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import ManualClock
from bot.store import Store
from tests.drafts.conftest import CONFIG, after, new_draft, session


def secret_config(tmp_path):
    path = tmp_path / "garant.yaml"
    text = CONFIG.format(language="fr", tally="always", quorum=50)
    path.write_text(text.replace("votes:\n", "votes:\n  anonymous_clients: [Dupont]\n"),
                    encoding="utf-8")
    return path


async def rows(db, sql: str) -> list[tuple]:
    """What the database holds, read as any program with the file would."""
    async with Store.open(db, ManualClock(datetime(2026, 11, 23, tzinfo=UTC))) as store:
        return [tuple(r) for r in await store.fetchall(sql)]


async def test_a_client_s_drafts_are_voted_in_secret_and_sealed_at_the_close(tmp_path) -> None:
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(client="Dupont")}
        :channel drafts
        :user malik
        :click 1
        :user lea
        :click 3
        Trop promotionnel pour ce client.
        .
        /draft show 1
        :user camille
        /draft show 1
        :time 2026-11-26T09:00
        /draft show 1
        """, secret_config(tmp_path))
    assert "2/4 ont voté (quorum : 2) · bulletins secrets" in out
    during = after(out, "Vous êtes lea")
    assert "(vote à bulletins secrets : personne ne voit qui a voté quoi)" in during
    assert "lea : ❌ Rejeter (r1) — Trop promotionnel pour ce client." in during
    assert "malik : ✅" not in during and "Ont voté : lea, malik" in during
    director = after(out, "Vous êtes camille")
    assert "malik : ✅" not in director and "lea : ❌" not in director
    # Closed: the choices and reasons, with no name; who took part.
    closed = after(out, "Horloge : jeu. 2026-11-26 09:00")
    assert "bulletin secret : ✅ Approuver" in closed
    assert "bulletin secret : ❌ Rejeter — Trop promotionnel pour ce client." in closed
    assert "Ont voté : lea, malik" in closed
    assert "✅ 1 pour · ✏️ 0 modification · ❌ 1 contre · ⏸ 0 abstention — 2/4 ont voté" \
        in closed
    # Nothing stored links a person to a choice any more.
    assert await rows(db, "SELECT count(*) FROM draft_ballots WHERE voter NOT LIKE 'secret:%' "
                    "OR voter_name != ''") == [(0,)]
    assert await rows(db, "SELECT count(*) FROM audit_log WHERE action = 'draft.vote' "
                    "AND (data LIKE '%approve%' OR data LIKE '%reject%' OR reason IS NOT NULL)"
                ) == [(0,)]
    assert sorted(await rows(db, "SELECT name FROM draft_participation")) == [("lea",), ("malik",)]


async def test_the_author_makes_a_draft_secret_before_anyone_votes(tmp_path, config) -> None:
    out = await session(tmp_path / "g.db", f"""\
        :user sofia
        {new_draft()}
        :user yann
        /draft secret 1
        :user sofia
        /draft secret 1
        /draft secret 1
        {new_draft(title="Noël")}
        :channel drafts
        :user malik
        :click 1
        :user sofia
        /draft secret 2
        """, config())
    assert "Seul l'auteur ou la direction de la publication peut rendre un vote secret." in out
    assert "Le brouillon n° 1 sera voté à bulletins secrets." in out
    assert "Le brouillon n° 1 est déjà à bulletins secrets." in out
    assert "Des bulletins ont déjà été déposés sur le brouillon n° 2 : trop tard pour le " \
           "rendre secret." in out
