"""Illegal transitions change nothing and say why; concurrent votes are never lost or
doubled; the director's minor edits; the forms' checks; English."""

from __future__ import annotations

import asyncio

from bot.clock import ManualClock
from bot.store import IntegrityError, Store
from bot.typography import plain
from tests.drafts.conftest import MONDAY_9, after, harness, last_card, new_draft, session


async def snapshot(db) -> dict:
    """Everything the drafts cog stores, to compare before and after a refused action."""
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        found = {}
        for table in ("drafts", "draft_revisions", "draft_electorate", "draft_ballots",
                      "draft_events", "jobs"):
            found[table] = [tuple(r) for r in await store.fetchall(f"SELECT * FROM {table}")]
        return found


async def test_illegal_transitions_get_a_clear_answer_and_change_nothing(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f""":user sofia
{new_draft()}""")
        await h.click("malik", "draft:vote:1:approve:1")
        await h.click("lea", "draft:vote:1:approve:1")
        out = await h.click("yann", "draft:vote:1:approve:1")
        assert "Le vote sur le brouillon n° 1 est clos : adopté." in out
    before = await snapshot(db)
    async with harness(db, config()) as h:
        answers = [
            await h.click("camille", "draft:vote:1:approve:1"),  # the vote is closed
            await h.click("yann", "draft:vote:1:reject:1"),  # no reason form on a closed vote
            await h.click("sofia", "draft:final:1:approve:1"),  # not the director
            await h.click("camille", "draft:final:1:approve:0"),  # a stale revision
            await h.click("camille", "draft:quorum:1:extend:1"),  # not waiting on quorum
            await h.click("camille", "draft:vote:1"),  # malformed
            await h.click("camille", "draft:vote:x:approve:1"),  # malformed
            await h.click("camille", "draft:vote:9:approve:1"),  # no such draft
            await h.lines(":user malik\n/draft withdraw 1"),  # not the author
            await h.lines(":user malik\n/draft edit 1"),  # neither author nor director
            await h.lines(":user sofia\n/draft published 1 https://x.com/1"),  # not approved
            await h.lines(":user sofia\n/draft published 1 x.com/1"),  # not a link
            await h.lines(":user sofia\n/draft override 1 parce que"),  # not blocked
            await h.lines(":user camille\n/draft unveto 1"),  # no veto
        ]
    assert [a.strip().split("\n")[-1] for a in answers] == [
        "(pour vous seul) Le vote sur le brouillon n° 1 n'est pas ouvert (attend le directeur "
        "de publication) : votre vote n'est pas enregistré.",
        "(pour vous seul) Le vote sur le brouillon n° 1 n'est pas ouvert (attend le directeur "
        "de publication) : votre vote n'est pas enregistré.",
        "(pour vous seul) Seul le directeur de publication approuve pour publication.",
        "(pour vous seul) Ce bouton montrait la révision 0 du brouillon n° 1, qui en est à la "
        "révision 1 : relisez la carte ; rien n'est enregistré.",
        "(pour vous seul) Le brouillon n° 1 n'attend pas de décision sur le quorum (attend le "
        "directeur de publication).",
        "(pour vous seul) Ce bouton ne correspond plus à rien : l'élément a peut-être été "
        "supprimé.",
        "(pour vous seul) Ce bouton ne correspond plus à rien : l'élément a peut-être été "
        "supprimé.",
        "(pour vous seul) Aucun brouillon n° 9.",
        "(pour vous seul) Seul l'auteur du brouillon n° 1 peut le retirer.",
        "(pour vous seul) Seuls l'auteur du brouillon n° 1 et le directeur de publication "
        "peuvent le modifier.",
        "(pour vous seul) Le brouillon n° 1 n'est pas approuvé pour publication (attend le "
        "directeur de publication).",
        "(pour vous seul) « x.com/1 » n'est pas un lien : donnez l'adresse de la publication "
        "(https://…).",
        "(pour vous seul) Le brouillon n° 1 n'est pas bloqué par la charte (attend le directeur "
        "de publication) : pas de dérogation à demander.",
        "(pour vous seul) Le brouillon n° 1 n'a pas de veto.",
    ]
    assert await snapshot(db) == before
    # Once published, the draft is closed to everything.
    async with harness(db, config()) as h:
        await h.click("camille", "draft:final:1:approve:1")
        await h.lines(":user sofia\n/draft published 1 https://x.com/1")
    published = await snapshot(db)
    async with harness(db, config()) as h:
        out = await h.lines(":user sofia\n/draft edit 1\n/draft withdraw 1")
        out += await h.click("camille", "draft:final:1:veto:1")
    assert out.count("Le brouillon n° 1 est clos (publié) : rien n'a changé.") == 3
    assert await snapshot(db) == published


async def test_concurrent_votes_are_never_lost_or_doubled(tmp_path, config):
    """Many members clicking at once, and one member double-clicking: every ballot is
    counted exactly once (transactions, and the UNIQUE index on current ballots)."""
    db = tmp_path / "g.db"
    members = [f"m{i}" for i in range(30)]
    team = tmp_path / "team.yaml"
    team.write_text(config().read_text(encoding="utf-8").replace(
        "members: [camille, malik, sofia, yann, lea]",
        f"members: [sofia, {', '.join(members)}]").replace("quorum: 50", "quorum: 100"),
        encoding="utf-8")
    async with harness(db, team) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        choices = ["approve", "abstain"] * 15
        await asyncio.gather(*(h.click(m, f"draft:vote:1:{c}:1")
                               for m, c in zip(members, choices, strict=True)),
                             *(h.click("m0", "draft:vote:1:approve:1") for _ in range(5)))
        async with Store.open(db, ManualClock(MONDAY_9)) as store:
            current = await store.fetchall(
                "SELECT voter, count(*) AS n FROM draft_ballots WHERE latest = 1 "
                "GROUP BY voter")
            total = await store.fetchone("SELECT count(*) AS n FROM draft_ballots")
            status = await store.fetchone("SELECT status FROM drafts WHERE id = 1")
        assert len(current) == 30 and all(r["n"] == 1 for r in current)
        assert total["n"] == 30  # the double clicks were "already voted", not new rows
        # Everyone voted: the vote closed exactly once, as approved (15 of 15 expressed).
        assert status["status"] == "awaiting_final"
        assert h.out.getvalue().count("[MP à sofia] Le vote sur votre brouillon n° 1") == 1


async def test_the_unique_index_refuses_a_second_current_ballot(tmp_path, config):

    import pytest

    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        await h.click("malik", "draft:vote:1:approve:1")
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        with pytest.raises(IntegrityError):
            async with store.transaction() as tx:
                await tx.execute(
                    "INSERT INTO draft_ballots (draft_id, voter, voter_name, choice, revision, "
                    "cast_at) VALUES (1, 'local:malik', 'malik', 'reject', 1, 'x')")
        with pytest.raises(IntegrityError):  # an objection needs its reason
            async with store.transaction() as tx:
                await tx.execute(
                    "INSERT INTO draft_ballots (draft_id, voter, voter_name, choice, revision, "
                    "cast_at) VALUES (1, 'local:lea', 'lea', 'reject', 1, 'x')")
        with pytest.raises(IntegrityError):  # the history is append-only
            async with store.transaction() as tx:
                await tx.execute("DELETE FROM draft_events")


async def test_a_minor_edit_by_the_director_keeps_the_votes(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(text="Nos soldes commencent mecredi.")}
        :channel drafts
        :user malik
        :click 1
        :user camille
        /draft edit 1




        Nos soldes commencent mercredi.
        .
        oui
        :user sofia
        /draft edit 1




        Nos soldes commencent mercredi !
        .
        """, config())
    assert "  Modification mineure (garde les votes) (non / oui; facultatif; vide : garder la " \
        "valeur actuelle ci-dessous) ?" in out
    assert "révision 2 enregistrée comme mineure ; les votes sont conservés." in out
    minor = out.split("comme mineure")[0]
    assert "• Votes : 1/4 ont voté" in last_card(minor)
    # sofia has no minor field: her edit dismisses malik's approval.
    assert "Modification mineure" not in out.split("Vous êtes sofia")[-1]
    assert "[MP à malik] Le brouillon n° 1 « Soldes d'hiver » a une nouvelle révision (3)" \
        in out
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        rows = await store.fetchall("SELECT number, minor, editor FROM draft_revisions")
        edit = await store.audit_entries("draft:1", action="draft.edit")
    assert [tuple(r) for r in rows] == [(1, 0, "local:sofia"), (2, 1, "local:camille"),
                                        (3, 0, "local:sofia")]
    assert [e.data["minor"] for e in edit] == [True, False]


async def test_form_answers_are_checked_and_asked_again(tmp_path, config):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /draft new
        Soldes
        Dupont
        tiktok
        demain matin
        Texte
        .
        twitter
        2026-11-01 09:00
        +2d
        :user malik
        /draft edit 1
        :user sofia
        /draft edit 1
        :cancel
        :user invité
        /draft new
        """, config())
    assert "  ! Réseau : Choisissez parmi : twitter, linkedin, facebook, instagram, blog, " \
        "other." in out
    assert "  ! Publication prévue : Heure non comprise : « demain matin »." in out
    assert "  ! Publication prévue : Cette heure est déjà passée." in out
    assert "• Publication prévue : mer. 2026-11-25 09:00" in out
    assert "Seuls l'auteur du brouillon n° 1 et le directeur de publication peuvent le " \
        "modifier." in out
    assert "Formulaire abandonné." in out
    assert "Vous n'avez pas le droit d'utiliser /draft new : réservé au rôle « membre »." in out


async def test_english_and_a_tally_shown_always(tmp_path, config):
    out = await session(tmp_path / "g.db", f"""\
        :user sofia
        {new_draft(title="Winter sale", client="Acme")}
        :channel drafts
        :user malik
        :click 2
        Too vague
        /draft list
        /plan
        /plan 0
        /draft list vetoed
        """, config(language="en", tally="always"))
    assert "Draft #1 submitted: the vote is open in the drafts channel." in out
    assert "• Votes: ✅ 0 approve · ✏️ 1 change · ❌ 0 reject · ⏸ 0 abstain — 1/4 voted " \
        "(quorum: 2)" in out
    assert "[1] Approve  [2] Request changes  [3] Reject  [4] Abstain" in out
    assert "  #1 [voting] Winter sale — sofia, twitter, Acme, deadline Thu 2026-11-26 09:00" \
        in out
    assert "No publication planned in the next 7 days." in out
    assert "The plan covers 1 to 92 days." in out  # /plan 0 is refused, not made 7
    assert "No drafts (vetoed by the publication director)." in out


async def test_a_vote_is_extended_once_then_the_director_decides(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f":user sofia\n{new_draft()}\n:time +3d")
        assert "[1] Prolonger le vote" in last_card(h.out.getvalue())
        await h.click("camille", "draft:quorum:1:extend:1")
        out = await h.lines(":time +3d")
        card = last_card(out)
        assert "• État : sans quorum" in card
        assert "[1] Décider : adopté  [2] Décider : modifications  [3] Décider : rejeté" in card
        out = await h.click("camille", "draft:quorum:1:extend:1")
        assert "Le vote sur le brouillon n° 1 a déjà été prolongé une fois : décidez." in out
        out = await h.click("sofia", "draft:quorum:1:pass:1")
        assert "Seul le directeur de publication décide d'un vote sans quorum." in out
        out = await h.click("camille", "draft:quorum:1:pass:1")
        assert "Brouillon n° 1 : décision enregistrée (adopté)." in out
        assert "• État : attend le directeur de publication" in last_card(out)
        assert "[MP à sofia] Le directeur de publication a décidé pour votre brouillon n° 1 " \
            "« Soldes d'hiver » : adopté (—)." in out


async def test_the_director_refuses_an_override(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(":user sofia\n" + new_draft(text="Une crème miracle pour l'hiver.")
                      + "/draft override 1 C'est le nom du produit")
        out = await h.click("malik", "draft:override:1:refuse:1")
        assert "Seul le directeur de publication accorde une dérogation à la charte." in out
        out = await h.click("camille", "draft:override:1:refuse:1")
        assert "Dérogation refusée pour le brouillon n° 1." in out
        assert "[MP à sofia] Dérogation refusée pour votre brouillon n° 1" in out
        card = last_card(out)
        assert "• État : bloqué par la charte" in card and "[1]" not in card
        out = await h.click("camille", "draft:override:1:refuse:1")
        assert "Aucune dérogation n'est demandée pour le brouillon n° 1." in out
        # The director may still override on their own, with a reason.
        out = await h.lines(":user camille\n/draft override 1 Nom commercial déposé")
        assert "Dérogation accordée : le brouillon n° 1 passe au vote." in out


async def test_the_tally_rule_is_fixed_when_the_vote_opens(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config(tally="after_close")) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        out = await h.click("malik", "draft:vote:1:approve:1")
        assert out.strip().endswith("(pour vous seul) Vote enregistré sur le brouillon n° 1 "
                                    "(révision 1) : Approuver.")  # no tally before the close
        assert "• Votes : 1/4 ont voté (quorum : 2) — décompte visible à la clôture" \
            in last_card(out)
    # The config now says "always": the open vote keeps the rule it opened with.
    async with harness(db, config(tally="always")) as h:
        out = await h.click("lea", "draft:vote:1:abstain:1")
        assert "décompte visible à la clôture" in last_card(out)
        assert "✅" not in out
        await h.lines(f":user yann\n{new_draft(title='Autre')}")
        assert "• Votes : ✅ 0 pour" in last_card(h.out.getvalue())  # a new vote: always


async def test_the_plan_groups_by_day_and_network(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(":user sofia\n"
                      + new_draft("Soldes", "Dupont", "twitter", "2026-11-24 10:00")
                      + new_draft("Recrutement", "", "linkedin", "2026-11-24 09:00")
                      + new_draft("Fil d'actu", "Acme", "twitter", "2026-11-24 08:30")
                      + new_draft("Bilan", "Acme", "blog", "2026-12-10 08:30")
                      + new_draft("Noël", "Acme", "instagram", "2026-11-26 12:00")
                      + "/draft withdraw 5\n/plan")
    plan = after(plain(h.out.getvalue()), "Calendrier des publications")
    assert plan.split("\n")[:8] == [
        "Calendrier des publications — 7 jours :",
        "mar. 2026-11-24",
        "  linkedin",
        "    … 09:00 (sans client) — n° 2 Recrutement (vote en cours)",
        "  twitter",
        "    … 08:30 Acme — n° 3 Fil d'actu (vote en cours)",
        "    … 10:00 Dupont — n° 1 Soldes (vote en cours)",
        "",
    ]  # the withdrawn draft and the one beyond the week are not there


async def test_an_edit_that_brings_in_a_charter_error_pauses_the_vote(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config(tally="after_close")) as h:
        await h.lines(f":user sofia\n{new_draft()}")
        await h.click("malik", "draft:vote:1:reject:1")
        await h.lines("Trop vague")
        out = await h.lines(":user sofia\n/draft edit 1\n\n\n\n\n"
                            "Nos soldes\u00a0: résultat 100 % garanti.\n.")
        card = last_card(out)
        assert "• État : bloqué par la charte" in card
        assert "✅" not in card and "décompte visible à la clôture" in card  # still hidden
        assert "Échéance" not in card and "[1]" not in card
        assert "révision 2 enregistrée, mais la charte la bloque." in out
        assert "• [erreur] Promesses excessives « 100 % garanti »" in out
        out = await h.click("lea", "draft:vote:1:approve:2")
        assert "n'est pas ouvert (bloqué par la charte)" in out
        async with Store.open(db, ManualClock(MONDAY_9)) as store:
            jobs = await store.fetchall("SELECT id, next_run FROM jobs WHERE id LIKE 'draft:%'")
        assert {r["id"]: r["next_run"] for r in jobs} == {}  # deadline and reminder cancelled
        # Fixed: the vote opens again, malik's objection still stands.
        out = await h.lines(":user sofia\n/draft edit 1\n\n\n\n\n"
                            "Nos soldes\u00a0: des prix doux tout l'hiver.\n.")
        assert "• Votes : 1/4 ont voté" in last_card(out)


async def test_a_ballot_after_the_deadline_closes_the_vote_and_is_not_counted(tmp_path, config):
    from datetime import timedelta

    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f""":user sofia
{new_draft()}""")
        await h.click("malik", "draft:vote:1:approve:1")
        # The closing job has not run (the bot was busy, or it failed): a month later...
        h.bot.clock.advance(timedelta(days=30))  # type: ignore[attr-defined]
        out = await h.click("lea", "draft:vote:1:approve:1")
        assert "Le vote sur le brouillon n° 1 est clos : son échéance est passée. Votre vote " \
               "n'a pas été compté." in out
        again = await h.click("yann", "draft:vote:1:approve:1")
        assert "n'est pas ouvert" in again
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        ballots = await store.fetchall("SELECT voter FROM draft_ballots")
        assert [b["voter"] for b in ballots] == ["local:malik"]
        (draft,) = await store.fetchall("SELECT status FROM drafts")
        assert draft["status"] != "voting"


async def test_crafted_forms_and_buttons_check_who_sends_them(tmp_path, config):
    """A non-member who forges the form or button ids gets a refusal; nothing is stored."""
    from bot.model import Interaction
    from cogs.drafts.forms import edit_form, new_form

    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f""":user sofia
{new_draft()}""")
        before = await snapshot(db)
        bot, console = h.bot, h.console
        guest = Interaction(console.name, console.make_user("invité"),  # type: ignore[attr-defined]
                            console.make_channel("drafts"))  # type: ignore[attr-defined]
        values = {"title": "Faux", "network": "twitter", "text": "Publicité"}
        start = len(h.out.getvalue())
        await bot.handle_form(guest, new_form(bot.t, bot.config.tz), values)  # type: ignore[attr-defined]
        from cogs.drafts.workflow.values import Fields

        current = Fields("Soldes d'hiver", "", "twitter", None, "Nos soldes commencent mercredi.")
        await bot.handle_form(guest, edit_form(bot.t, 1, 1, current, bot.config.tz, False),  # type: ignore[attr-defined]
                              values)
        await bot.handle_action(guest, "draft:vote:1:approve:1")  # type: ignore[attr-defined]
        answers = plain(h.out.getvalue()[start:])
        assert answers.count("(pour vous seul)") == 3
        assert "Seuls l'auteur du brouillon n° 1 et le directeur de publication peuvent le " \
               "modifier." in answers
    assert await snapshot(db) == before


def test_the_planned_time_is_read_as_french_people_type_it():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import pytest

    from bot.i18n import Catalog, Translator
    from bot.messages import MESSAGES as HOST_MESSAGES
    from bot.model import FormInvalid
    from cogs.drafts.forms import parse_fields
    from cogs.drafts.messages import MESSAGES

    paris = ZoneInfo("Europe/Paris")
    now = datetime(2026, 11, 23, 10, 0, tzinfo=paris)
    catalog = Catalog()
    catalog.add(HOST_MESSAGES)
    catalog.add(MESSAGES)
    values = {"title": "Soldes", "network": "twitter", "text": "Nos soldes.", "planned": "14h"}
    fields_ = parse_fields(values, now, paris, Translator(catalog, "fr"))
    assert fields_.planned_at == datetime(2026, 11, 23, 14, 0, tzinfo=paris)  # not midnight
    with pytest.raises(FormInvalid) as asked:
        parse_fields({**values, "planned": "03/12"}, now, paris, Translator(catalog, "en"))
    assert asked.value.errors["planned"] == (
        "\u201c03/12\u201d can be read two ways: 2026-12-03 09:00 or 2027-03-12 09:00. Type the "
        "one you mean.")


async def approved(h, planned: str = "") -> None:
    await h.lines(f""":user sofia
{new_draft(planned=planned)}""")
    for member in ("malik", "lea", "yann"):
        await h.click(member, "draft:vote:1:approve:1")
    await h.click("camille", "draft:final:1:approve:1")


async def status_of(db, draft_id: int = 1) -> str:
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        row = await store.fetchone("SELECT status FROM drafts WHERE id = ?", (draft_id,))
        return str(row["status"])


async def test_withdrawing_an_approved_draft_is_confirmed_with_a_reason_and_can_be_undone(
        tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await approved(h)
        asked = await h.lines(":user sofia\n/draft withdraw 1")
        assert "Formulaire « Retirer le brouillon n° 1 »" in asked
        assert "Raison du retrait ?" in asked
        await h.lines(":cancel")  # changing one's mind withdraws nothing
        assert await status_of(db) == "approved"
        await h.lines("/draft withdraw 1 Le client a annulé")  # the form is the confirmation
        done = await h.lines("Le client a annulé la promotion")
        assert "[MP à camille] sofia a retiré le brouillon n° 1 « Soldes d'hiver », qui était " \
               "approuvé pour publication. Raison : Le client a annulé la promotion" in done
        assert "Brouillon n° 1 retiré ; le directeur de publication est prévenu. Pour " \
               "annuler : /draft restore 1" in done
        assert await status_of(db) == "withdrawn"
        undone = await h.lines("/draft restore 1")
        assert "Retrait du brouillon n° 1 annulé : il est de nouveau approuvé pour " \
               "publication." in undone
        assert "[MP à camille] sofia a annulé le retrait du brouillon n° 1 « Soldes d'hiver »" \
            in undone
        assert await status_of(db) == "approved"
        shown = await h.lines("/draft show 1")
        assert "retrait annulé" in shown


async def test_a_withdrawal_during_the_vote_cannot_be_restored(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await h.lines(f""":user sofia
{new_draft()}""")
        await h.lines("/draft withdraw 1")  # in the vote: at once, no form
        assert await status_of(db) == "withdrawn"
        refused = await h.lines("/draft restore 1")
        assert "Le brouillon n° 1 a été retiré avant d'être approuvé : son retrait ne " \
               "s'annule pas. Proposez-le de nouveau avec /draft new." in refused
        assert "Seuls l'auteur du brouillon n° 1 et le directeur de publication peuvent " \
               "annuler son retrait." in await h.lines(":user yann\n/draft restore 1")


async def test_an_expired_draft_is_rescheduled_as_french_people_type_the_time(
        tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        await approved(h, planned="mardi 10h")
        expired = await h.lines(":time +5d")
        assert "n'a pas été publié à temps : il est expiré. Pour le reprogrammer : " \
               "/draft reschedule 1 QUAND" in expired
        assert await status_of(db) == "expired"
        past = await h.lines(":user sofia\n/draft reschedule 1 2026-11-25 09:00")
        assert "Cette heure est déjà passée." in past
        done = await h.lines("/draft reschedule 1 lundi 14h")
        assert "Brouillon n° 1 programmé pour le 2026-11-30 14:00." in done
        assert "[MP à camille] sofia a programmé le brouillon n° 1 « Soldes d'hiver » pour le " \
               "2026-11-30 14:00." in done
        assert await status_of(db) == "scheduled"
        plan = await h.lines("/plan 14")
        assert "Soldes d'hiver" in plan
        # and it expires again if that date is missed too (its expiry was scheduled anew)
        await h.lines(":time +10d")
        assert await status_of(db) == "expired"


async def test_corriger_applies_the_fixes_as_a_new_revision(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        out = await h.lines(f":user sofia\n{new_draft(text='Venez nous voir! Soldes... enfin.')}")
        assert "[info] Typographie" in out
        assert "Corriger" in last_card(out)
        await h.click("malik", "draft:vote:1:approve:1")
        refused = await h.click("yann", "draft:fix:1:apply:1")  # not the author's to change
        assert "Seuls l'auteur du brouillon n° 1 et le directeur de publication peuvent le " \
               "modifier." in refused
        done = await h.click("sofia", "draft:fix:1:apply:1")
        assert "2 corrections appliquées au brouillon n° 1." in done
        card = last_card(done)
        assert "Venez nous voir ! Soldes… enfin." in card  # plain() shows the no-break space
        assert "Corriger" not in card  # nothing left to fix
        assert "[MP à malik]" in done  # a new text: malik's approval is dismissed, he is told
        stale = await h.click("sofia", "draft:fix:1:apply:1")  # the card of revision 1
        assert "révision" in stale
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        rows = await store.fetchall("SELECT number, text FROM draft_revisions ORDER BY number")
    assert [(r["number"], r["text"]) for r in rows] == [
        (1, "Venez nous voir! Soldes... enfin."), (2, "Venez nous voir\u202f! Soldes… enfin.")]


async def test_a_draft_with_a_spelling_a_grammar_and_a_typography_slip_is_fixed_in_one_click(
        tmp_path, config):
    """The co-op's "orthographe irréprochable": /draft new shows the three findings with
    their fixes, and "Corriger" makes a clean revision."""
    import os

    import pytest

    from bot.charter.kinds import grammar

    try:
        grammar.checker()
    except grammar.GrammarUnavailable:  # pragma: no cover - depends on the machine
        if os.environ.get("GARANT_REQUIRE_GRAMMALECTE"):
            raise
        pytest.skip("Grammalecte is not installed")
    db = tmp_path / "g.db"
    text = "Nous sommes fière de vous accueillir aujourdhui! Venez nombreux."
    async with harness(db, config()) as h:
        out = await h.lines(f":user sofia\n{new_draft(text=text)}")
        assert "• [attention] Orthographe « aujourdhui » : Orthographe : « aujourdhui » est " \
               "inconnu du dictionnaire ; vouliez-vous dire « aujourd’hui » ?" in out
        assert "• [attention] Grammaire « fière » : Grammaire : Accord avec le sujet “nous” : " \
               "“fière” devrait être au pluriel. → « fières »" in out
        assert "• [info] Typographie « ! » : Typographie : espace insécable avant « ! »" in out
        done = await h.click("sofia", "draft:fix:1:apply:1")
        assert "3 corrections appliquées au brouillon n° 1." in done
        assert "Corriger" not in last_card(done)
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        (row,) = await store.fetchall(
            "SELECT text, findings FROM draft_revisions WHERE number = 2")
    assert row["text"] == ("Nous sommes fières de vous accueillir aujourd’hui\u202f! Venez "
                           "nombreux.")
    assert row["findings"] == "[]"  # a clean revision


async def test_a_vote_cast_while_the_card_is_being_posted_shows_on_it(tmp_path, config):
    # The card is rendered, then its post is slow (a slow platform): a vote committed
    # meanwhile must still reach the card, by an edit after the post.
    async with harness(tmp_path / "g.db", config()) as h:
        console, posted = h.console, asyncio.Event()
        send = console.send

        async def slow_send(channel, content):
            if getattr(content, "key", None) == "draft:1" and not posted.is_set():
                await posted.wait()
            return await send(channel, content)

        console.send = slow_send
        submitting = asyncio.create_task(h.lines(f":user sofia\n{new_draft()}"))
        while not await h.bot.store.fetchall(
                "SELECT 1 FROM outbox WHERE card_key = 'draft:1' AND status = 'sending'"):
            await asyncio.sleep(0)
        voting = asyncio.create_task(h.click("malik", "draft:vote:1:approve:1"))
        while not await h.bot.store.fetchall("SELECT 1 FROM draft_ballots"):
            await asyncio.sleep(0)
        posted.set()
        await submitting
        await voting
        out = plain(h.out.getvalue())
    first = out.split("[#drafts] Garant: ", 1)[1]
    assert "0/4 ont voté" in first.split("\n[")[0]  # rendered before the vote
    edited = out.split("[#drafts] Garant (carte 1 modifiée): ", 1)[1]
    assert "✅ 1 pour" in edited and "1/4 ont voté" in edited
