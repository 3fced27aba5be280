"""The drafts' part of each person's home view: what waits for their vote (and, for the
director, their final decision), with the buttons of the drafts-channel card. A console
session creates the drafts on a real SQLite file; the same database is then opened
again and each person's home view is read from the host, as the Slack adapter does."""

from __future__ import annotations

import json

import pytest

from bot.host import Bot
from bot.model import Card, Interaction, card_from_dict
from tests.drafts.conftest import Harness, harness, new_draft, session

VOTE_1 = ["draft:vote:1:approve:1", "draft:vote:1:changes:1", "draft:vote:1:reject:1",
          "draft:vote:1:abstain:1"]


@pytest.fixture
def only_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The home view of the drafts cog alone (the routine would add its own card)."""
    original = Bot.load_cogs

    def load_cogs(self: Bot, names: object = None) -> None:
        original(self, ("core", "charter", "drafts"))

    monkeypatch.setattr(Bot, "load_cogs", load_cogs)


async def home(h: Harness, user: str) -> list:
    console = h.console
    interaction = Interaction(console.name, console.make_user(user),  # type: ignore[arg-type, attr-defined]
                              console.make_channel("general"))  # type: ignore[attr-defined]
    return await h.bot.home_contents(interaction)  # type: ignore[attr-defined]


def actions(card: Card) -> list[str]:
    return [b.action for b in card.buttons]


async def channel_card(h: Harness, draft_id: int) -> Card:
    """The card of the draft as it stands in #drafts (edited in place at every change)."""
    row = await h.bot.store.fetchone(  # type: ignore[attr-defined]
        "SELECT card FROM local_messages WHERE channel = 'drafts' AND card LIKE ? "
        "ORDER BY id DESC", (f'%"key": "draft:{draft_id}"%',))
    return card_from_dict(json.loads(row["card"]))


async def test_voters_see_the_draft_with_its_buttons_until_they_vote(tmp_path, config,
                                                                     only_drafts):
    db = tmp_path / "g.db"
    await session(db, f"""\
        :user sofia
        {new_draft(client="Dupont", planned="2026-11-27 10:00")}
        """, config())
    async with harness(db, config()) as h:
        malik = await home(h, "malik")
        assert malik[0] == "🗳 Brouillons qui attendent votre vote (1)"
        card = malik[1]
        assert isinstance(card, Card) and len(malik) == 2
        assert card.title == "Brouillon n° 1 — Soldes d'hiver"
        assert card.text == "Nos soldes commencent mercredi."
        assert card.fields == (("Auteur", "sofia"), ("Réseau", "twitter"), ("Client", "Dupont"),
                               ("Publication prévue", "ven. 2026-11-27 10:00"),
                               ("Échéance", "jeu. 2026-11-26 09:00"))
        assert [b.label for b in card.buttons] == ["Approuver", "Demander des modifications",
                                                   "Rejeter", "S'abstenir"]
        # The very buttons of the card in #drafts, revision included.
        assert actions(card) == VOTE_1 == actions(await channel_card(h, 1))
        assert card.key is None  # the view is rebuilt, never edited as a posted card
        assert await home(h, "sofia") == []  # the author does not vote on their own draft
        assert await home(h, "invité") == []  # not a member: nothing to vote on
        assert [c.title for c in (await home(h, "camille"))[1:]] == [card.title]

        # malik votes from his home view: the same handler as a click in #drafts.
        out = await h.click("malik", card.buttons[0].action)
        assert "(pour vous seul) Vote enregistré sur le brouillon n° 1 (révision 1) : " \
            "Approuver." in out
        assert await home(h, "malik") == []
        assert len(await home(h, "lea")) == 2  # the others still have to vote


async def test_a_new_revision_brings_the_draft_back_with_the_new_revision(tmp_path, config,
                                                                         only_drafts):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        await h.click("malik", "draft:vote:1:approve:1")
        await h.click("yann", "draft:vote:1:abstain:1")
    await session(db, """\
        :user sofia
        /draft edit 1




        Nos soldes commencent mercredi à 9 h.
        .
        """, config())
    async with harness(db, config()) as h:
        # An edit dismisses approvals and abstentions: both have to vote again, on r2.
        for voter in ("malik", "yann"):
            card = (await home(h, voter))[1]
            assert card.text == "Nos soldes commencent mercredi à 9 h."
            assert actions(card) == [a[:-1] + "2" for a in VOTE_1]
            assert actions(card) == actions(await channel_card(h, 1))
        # A button kept from revision 1 is refused as stale; the draft stays on the view.
        out = await h.click("malik", VOTE_1[0])
        assert "Ce bouton montrait la révision 1 du brouillon n° 1" in out
        assert len(await home(h, "malik")) == 2


async def test_an_objection_stays_current_so_the_draft_does_not_come_back(tmp_path, config,
                                                                         only_drafts):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        out = await h.lines(":user lea\n:channel drafts\n:click 2\nIl manque l'horaire")
        assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Demander des " \
            "modifications." in out
        assert await home(h, "lea") == []
        await h.lines(":user sofia\n/draft edit 1\n\n\n\n\nNos soldes commencent à 9 h.\n.")
        assert await home(h, "lea") == []  # her request for changes still stands
        assert len(await home(h, "malik")) == 2


async def test_the_director_decides_from_the_home_view(tmp_path, config, only_drafts):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        await h.lines(f":user malik\n{new_draft(title='Portes ouvertes', network='linkedin')}")
        for voter in ("malik", "lea", "yann"):
            await h.click(voter, "draft:vote:1:approve:1")
        assert (await h.bot.store.fetchone(  # type: ignore[attr-defined]
            "SELECT status FROM drafts WHERE id = 1"))["status"] == "awaiting_final"
    async with harness(db, config()) as h:
        camille = await home(h, "camille")
        assert [c if isinstance(c, str) else c.title for c in camille] == [
            "🗳 Brouillons qui attendent votre vote (1)", "Brouillon n° 2 — Portes ouvertes",
            "⚖ Brouillons qui attendent votre décision finale (1)",
            "Brouillon n° 1 — Soldes d'hiver"]
        final = camille[3]
        assert [b.label for b in final.buttons] == ["Approuver pour publication",
                                                    "Demander des modifications", "Veto"]
        assert actions(final) == ["draft:final:1:approve:1", "draft:final:1:changes:1",
                                  "draft:final:1:veto:1"] == actions(await channel_card(h, 1))
        assert "Échéance" not in dict(final.fields)  # the vote is over
        # Nobody else decides: the voters of draft 1 have nothing left to do on it.
        assert [c.title for c in (await home(h, "lea"))[1:]] == ["Brouillon n° 2 — Portes "
                                                                 "ouvertes"]
        assert await home(h, "malik") == []  # author of draft 2, voted on draft 1
        out = await h.click("camille", final.buttons[0].action)
        assert "Brouillon n° 1 approuvé pour publication." in out
        assert [c if isinstance(c, str) else c.title for c in await home(h, "camille")] == [
            "🗳 Brouillons qui attendent votre vote (1)", "Brouillon n° 2 — Portes ouvertes"]


async def test_in_english_and_with_every_cog(tmp_path, config):
    db = tmp_path / "g.db"
    await session(db, f":user sofia\n{new_draft()}", config(language="en"))
    async with harness(db, config(language="en")) as h:
        yann = await home(h, "yann")
        assert yann[0] == "🗳 Drafts waiting for your vote (1)"
        assert yann[1].title == "Draft #1 — Soldes d'hiver"
        assert [b.label for b in yann[1].buttons] == ["Approve", "Request changes", "Reject",
                                                      "Abstain"]
        assert yann[1].footer == "History: /draft show 1"
        # The routine's section follows the drafts' (cogs are loaded alphabetically).
        assert isinstance(yann[2], Card) and yann[2].title.startswith("☀ Your routine today")
        assert len(yann) == 3
        assert [c.title for c in await home(h, "sofia") if isinstance(c, Card)] == [
            yann[2].title]
        assert await home(h, "invité") == []


async def test_draft_numbers_are_suggested_as_you_type(tmp_path, config, only_drafts):
    db = tmp_path / "g.db"
    await session(db, f"""\
        :user sofia
        {new_draft(client="Dupont", planned="2026-11-27 10:00")}
        """, config())
    async with harness(db, config()) as h:
        console = h.console
        for who, typed, expected in [("malik", "", ["1"]), ("malik", "1", ["1"]),
                                     ("malik", "2", []), ("invité", "", [])]:
            interaction = Interaction(console.name, console.make_user(who),  # type: ignore[arg-type, attr-defined]
                                      console.make_channel("drafts"))  # type: ignore[attr-defined]
            found = await h.bot.complete(interaction, "draft.open", typed)  # type: ignore[attr-defined]
            assert [value for _, value in found] == expected
            assert all(label.startswith("1 · ") for label, _ in found)
