"""Proxies (procurations): a member's vote cast by another member for a while; the
member's own ballot always wins; no chains; one given and one held each. Scripted
console sessions on real SQLite, and the rules as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

from cogs.drafts.proxies import Proxy, refusal
from tests.drafts.conftest import after, new_draft, session

UNTIL = datetime(2026, 12, 1, tzinfo=UTC)


def test_the_rules_refuse_chains_self_and_gathering() -> None:
    lea_to_malik = Proxy("lea", "lea", "malik", "malik", UNTIL)
    assert refusal("lea", "lea", []) == ("drafts.proxy.self", {})
    assert refusal("yann", "lea", [lea_to_malik])[0] == "drafts.proxy.holder_gave"
    assert refusal("malik", "yann", [lea_to_malik])[0] == "drafts.proxy.giver_holds"
    assert refusal("camille", "malik", [lea_to_malik])[0] == "drafts.proxy.holder_holds"
    # Giving it again (to someone else) replaces one's own proxy: allowed.
    assert refusal("lea", "yann", [lea_to_malik]) is None


async def test_a_proxy_votes_until_its_giver_votes_and_shows_on_the_tally(tmp_path,
                                                                           config) -> None:
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user lea
        /proxy malik jusqu'au 30/11
        :user yann
        /proxy lea 30/11
        :user malik
        /proxy yann 30/11
        :user camille
        /proxy malik 30/11
        :user sofia
        {new_draft()}
        :channel drafts
        :user malik
        :click 1
        /proxy
        :user lea
        :click 4
        /draft show 1
        /proxy cancel
        /proxy cancel
        """, config())
    assert "(pour vous seul) malik vote pour vous jusqu'au 30/11/2026" in out
    assert "[MP à malik] lea vous a donné sa procuration jusqu'au 30/11/2026" in out
    assert "lea a déjà donné son vote à malik : pas de procuration en cascade." in out
    assert "Vous votez pour lea : pas de procuration en cascade ; lea doit d'abord reprendre " \
           "son vote." in out
    assert "malik vote déjà pour lea : une procuration par personne." in out
    voted = after(out, "Vous êtes malik")
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Approuver. Vote compté aussi " \
           "pour lea, par procuration." in voted
    assert "2/4 ont voté, dont 1 par procuration (quorum : 2)" in voted
    assert "Votre vote : le vôtre. Vous votez pour : lea." in voted
    # lea votes herself: her ballot replaces the one cast for her.
    mine = after(out, "Vous êtes lea")
    assert "2/4 ont voté (quorum : 2)" in mine and "par procuration (quorum" not in mine
    assert "lea (par procuration, voté par malik) : ✅ Approuver (r1) [remplacé]" in mine
    assert "Procuration à malik annulée : vous votez vous-même." in mine
    assert "Vous n'avez donné votre vote à personne." in mine


async def test_a_proxy_needs_a_member_and_a_readable_date(tmp_path, config) -> None:
    out = await session(tmp_path / "g.db", """\
        :user lea
        /proxy personne 30/11
        /proxy malik
        /proxy malik hier
        /proxy malik n'importe quand
        """, config())
    # On the console anyone named exists: not a member.
    assert "personne n'est pas membre : pas de procuration possible." in out
    assert "Jusqu'à quand ? Par exemple : /proxy malik 31/12." in out
    assert "Date illisible ou passée : « hier »." in out
    assert "Date illisible ou passée : « n'importe quand »." in out


async def test_in_english(tmp_path, config) -> None:
    out = await session(tmp_path / "g.db", """\
        :user lea
        /proxy malik 2026-11-30
        """, config(language="en"))
    assert "malik votes for you until 2026-11-30" in out
