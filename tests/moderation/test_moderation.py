"""Moderation in scripted console sessions, on real SQLite files (issue: moderation)."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

from bot.clock import ManualClock
from bot.model import Channel, Message, User
from bot.store import Store
from bot.typography import plain
from cogs.moderation.queue import ReviewQueue
from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # moderators on duty
MONDAY_22 = datetime(2026, 11, 23, 22, 0, tzinfo=PARIS)  # quiet hours


def card_number(out: str, item: int) -> str:
    return re.findall(rf"Signalement n° {item} — [^\n]*\[carte (\d+)\]", out)[0]


async def test_a_flagged_message_reaches_the_queue_and_a_moderator_removes_it(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :user malik
        :channel moderation
        :click 2
        Publicité pour un autre serveur
        """, now=MONDAY_10)
    assert "[#moderation] Garant: ▶ Signalement n° 1 — à traiter  [carte 2]" in out
    assert "    • Constats de la charte : liens-suspects « discord.gg/promo-gratuite »" in out
    assert "Formulaire « Retirer le message n° 1 » (:cancel pour abandonner)\n  Raison ?" in out
    assert "[#general] (message 1 de sofia retiré)" in out
    assert ("[MP à sofia] Votre message dans #general a été retiré par la modération. Raison : "
            "Publicité pour un autre serveur") in out
    assert "▶ Signalement n° 1 — retiré  [carte 2]" in out
    assert "    • Décision : retiré par malik le 2026-11-23 10:00 — Publicité pour un autre " \
           "serveur" in out
    assert "(pour vous seul) Signalement n° 1 : message retiré." in out
    # The audit log records who, when and why.
    async with Store.open(db, ManualClock(MONDAY_10)) as store:
        entries = await store.audit_entries(subject="review:1")
    assert [(e.actor, e.action, e.reason) for e in entries] == [
        ("garant", "review.flag", None),
        ("local:malik", "review.remove", "Publicité pour un autre serveur")]


async def test_only_moderators_and_the_director_act(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :channel moderation
        :click 1
        :user lea
        :click 2
        /queue
        :user camille
        :click 5
        """, now=MONDAY_10)
    refusal = ("(pour vous seul) Seuls les modérateurs et le directeur de publication peuvent "
               "traiter les signalements.")
    assert out.count(refusal) == 2
    assert "Vous n'avez pas le droit d'utiliser /queue : réservé au rôle « modérateur »." in out
    assert "▶ Signalement n° 1 — à traiter  [carte 2]" in out
    assert "Pris en charge par : camille" in out  # the director may act


async def test_the_first_moderator_wins_and_the_second_is_told(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :user malik
        :channel moderation
        :click 2.1
        :user camille
        :click 2.3
        """, now=MONDAY_10)
    assert "(pour vous seul) Signalement n° 1 : message conservé." in out
    assert "Aucune carte avec des boutons ici." in out  # the card lost its buttons
    out = await session(db, ":user camille\n:channel moderation\n:click 2.3\n", now=MONDAY_10)
    assert "Aucune carte avec des boutons ici." in out


async def test_two_concurrent_actions_only_one_wins(tmp_path):
    clock = ManualClock(MONDAY_10)
    async with Store.open(tmp_path / "g.db", clock) as store:
        queue = ReviewQueue(store)
        channel = Channel("local", "general", "general")
        message = Message("local", "7", channel, User("local", "sofia", "sofia"), "x", MONDAY_10)
        item = (await queue.flag(message, MONDAY_10)).item
        outcomes = await asyncio.gather(*(
            queue.act(item.id, action, (f"local:{who}", who), MONDAY_10, "r")
            for who, action in [("malik", "remove"), ("camille", "keep"), ("malik", "warn")]))
        assert sum(o.done for o in outcomes) == 1
        final = await queue.get(item.id)
        assert final is not None
        winner = next(o for o in outcomes if o.done)
        assert final.status == winner.item.status
        assert len([e for e in await queue.events(item.id) if e.action != "created"]) == 1


async def test_reports_by_members_weigh_more_and_hide_the_message(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Achetez mes bijoux faits main
        :user yann
        /report 1 spam
        /report 1 spam encore
        :user lea
        /report 1 hors-sujet
        /report 1 autre
        /report 1 n'importe-quoi
        :user sofia
        /report 1 spam
        :user camille
        /report 1 inapproprié ce n'est pas le lieu
        /report 99 spam
        :user malik
        /queue show 1
        """, now=MONDAY_10)
    assert out.count("Merci, votre signalement est transmis aux modérateurs.") == 4
    assert "  2026-11-23 10:00 · lea · signalé par un membre — hors-sujet" in out
    assert "  2026-11-23 10:00 · Garant · message masqué" in out
    assert "Pour « autre », ajoutez une note" in out
    assert "Raison inconnue : « n'importe-quoi »." in out
    assert "Vous ne pouvez pas signaler votre propre message." in out
    assert "Message 99 introuvable" in out
    # yann's second report replaces his first: three distinct reporters hide it.
    assert "    • Signalements : 2 — yann : spam (encore); lea : hors-sujet" in out
    assert "[#general] (message 1 de sofia retiré)" in out
    assert ("    • Message : masqué en attente de vérification\n    • Signalements : 3 — yann : "
            "spam (encore); lea : hors-sujet; camille : inapproprié (ce n'est pas le lieu)") in out
    # The reporters are shown to the moderators only: the author hears nothing of them.
    author_lines = [line for line in out.splitlines() if line.startswith("[MP à sofia]")]
    assert author_lines == []


async def test_quiet_hours_hide_flagged_messages_until_restored(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :time 2026-11-24T09:15
        :user malik
        :channel moderation
        :click 1
        """, now=MONDAY_22)
    assert "[#general] (message 1 de sofia retiré)" in out
    assert ("(pour vous seul) Votre message dans #general est masqué jusqu'à sa vérification "
            "par un modérateur (hors des heures de modération).") in out
    assert ("[#general] Garant: Message de sofia, rétabli après vérification : « Mon numéro : "
            "06 12 34 56 78 »") in out


async def test_flooding_is_flagged_across_messages(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user yann
        PROMO PROMO
        promo promo !
        :user lea
        promo promo
        :user yann
        Promo, promo.
        """, now=MONDAY_10)
    assert out.count("▶ Signalement n° ") == 1
    card = card_number(out, 1)
    assert f"Signalement n° 1 — à traiter  [carte {card}]\n    Promo, promo.\n    • Auteur : yann" \
        in out
    assert "    • Constats de la charte : flood « Promo, promo. »" in out


async def test_warnings_threshold_and_expiry(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user malik
        /warn sofia langage agressif
        /warn sofia hors-sujet répété
        /warnings sofia
        :user sofia
        c0nnard
        :user malik
        :channel moderation
        :click 3
        /warnings sofia
        :user lea
        /warnings sofia
        """, now=MONDAY_10)
    assert "[MP à sofia] Avertissement de la modération : langage agressif (avertissements " \
           "actifs : 1)." in out
    assert "(pour vous seul) sofia a été averti (2 avertissements actifs)." in out
    assert "[#moderation] Garant: ⚠ sofia a atteint 3 avertissements actifs (seuil : 3)." in out
    # The warning names the message by what it said, never by a platform id.
    assert "  2026-11-23 10:00 · malik · message « c0nnard » dans #general (Insultes)" \
        in out
    assert "Vous n'avez pas le droit d'utiliser /warnings" in out
    out = await session(db, ":user malik\n:time +91d\n/warnings sofia\n/warn sofia encore\n",
                        now=MONDAY_10)
    assert out.count(" (expiré)") == 3
    assert "sofia a été averti (1 avertissement actif)." in out


async def test_an_edit_is_checked_again(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Bonjour à tous
        :edit 1 Bonjour espèce de c0nnard
        :edit 1 Bonjour, appelez-moi au 06 12 34 56 78
        """, now=MONDAY_10)
    assert "[#general] sofia (1, modifié): Bonjour espèce de c0nnard" in out
    assert "[#general] (message 1 de sofia retiré)" in out
    # Removed, the message can no longer be edited (nor checked again).
    assert out.count("Le message 1 n'existe pas ou n'est pas le vôtre.") == 1


async def test_a_restart_keeps_open_items_and_their_buttons(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, ":user sofia\nMon numéro : 06 12 34 56 78\n", now=MONDAY_10)
    card = card_number(out, 1)
    out = await session(db, f"""\
        :user malik
        /queue
        :channel moderation
        :click {card}.4
        Menace : à voir avec la direction
        /queue show 1
        """, now=MONDAY_10)
    assert "  n° 1 · 0 min · sofia dans #general · coordonnees · « Mon numéro" in out
    assert f"[#moderation] Garant (carte {card} modifiée): ▶ Signalement n° 1 — transmis au " \
           "directeur de publication" in out
    assert ("[MP à camille] Le signalement n° 1 (message de sofia dans #general) vous est "
            "transmis par malik : Menace : à voir avec la direction") in out
    # The history speaks French, not codes ("escalate", "created").
    assert "  2026-11-23 10:00 · malik · transmis au directeur de publication — Menace : à voir " \
        "avec la direction" in out
    assert "  2026-11-23 10:00 · Garant · signalement créé" in out


async def test_open_items_are_listed_to_moderators_once_a_day(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :time 2026-11-24T09:05
        :time 2026-11-24T18:00
        :time 2026-11-25T09:05
        """, now=MONDAY_10)
    reminders = [line for line in out.splitlines() if "Signalements ouverts depuis" in line]
    assert reminders == [
        "[#moderation] Garant: Signalements ouverts depuis plus de 24 h : n° 1 (47 h)"]


async def test_moderators_get_hints_not_blocks(tmp_path):
    out = await session(tmp_path / "g.db", ":user malik\nquel c0nnard ce client\n",
                        now=MONDAY_10)
    assert "(message 1 de malik retiré)" not in out
    assert "▶ Signalement n° 1 — à traiter" in out


async def test_report_to_moderators_from_the_message_menu(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Venez voir ma boutique
        :user yann
        :act 1 report
        données personnelles
        .
        :act 1
        :act 1 report
        autre
        .
        Il insiste en privé
        .
        """, now=MONDAY_10)
    assert "Formulaire « Signaler ce message » (:cancel pour abandonner)" in out
    assert ("  Raison (1. spam / 2. hors-sujet / 3. inapproprié / 4. données personnelles / "
            "5. autre) ?" in out)
    assert "    • Signalements : 1 — yann : données personnelles" in out
    assert "Usage : :act ID ACTION — actions sur un message : report (Signaler aux modérateurs)" \
        in out
    assert "  ! Précisions (obligatoire pour « autre ») : Précisez la raison « autre »." in out
    assert "    • Signalements : 1 — yann : autre (Il insiste en privé)" in out


async def test_an_item_closes_when_its_author_deletes_the_message(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :delete 1
        :user malik
        /queue
        """, now=MONDAY_10)
    assert "[#general] (message 1 de sofia retiré)" in out
    assert "▶ Signalement n° 1 — retiré" in out
    assert "    • Message : supprimé" in out
    assert "Décision : retiré par Garant le 2026-11-23 10:00 — message supprimé sur la " \
           "plateforme" in out
    assert "Aucun signalement ouvert." in out


async def test_moderators_see_open_items_on_their_home_view(tmp_path):
    from bot.clock import ManualClock
    from bot.config import load_config
    from bot.host import Bot
    from bot.model import Interaction
    from bot.platforms.local.console import Console

    db = tmp_path / "g.db"
    await session(db, ":user sofia\nMon numéro : 06 12 34 56 78\n", now=MONDAY_10)
    import io

    async with Store.open(db, ManualClock(MONDAY_10)) as store:
        bot = Bot(load_config(None, {}), store, store.clock)
        bot.load_cogs(["core", "charter", "moderation"])
        console = Console(bot, io.StringIO(), io.StringIO())
        bot.attach(console)
        channel = console.make_channel("general")
        malik = await bot.home_contents(Interaction("local", console.make_user("malik"), channel))
        lea = await bot.home_contents(Interaction("local", console.make_user("lea"), channel))
    assert plain(malik[0]) == "Signalements ouverts (1), du plus ancien au plus récent :"
    assert malik[1].title == "Signalement n° 1 — à traiter"
    assert [b.action for b in malik[1].buttons][:2] == ["review:keep:1", "review:remove:1"]
    assert lea == []


async def test_remove_where_the_platform_refuses_keeps_the_item_open(tmp_path, monkeypatch):
    from bot.platforms.local.console import Console

    async def refuse(self, message):
        from bot.platforms.base import DeliveryError

        raise DeliveryError("not allowed here", permanent=True)

    monkeypatch.setattr(Console, "delete_message", refuse)  # a platform that cannot delete
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :user malik
        :channel moderation
        :click 2
        Données personnelles
        /queue
        """, now=MONDAY_10)
    assert "Le bot n'a pas pu supprimer le message ; son auteur a été invité à le retirer." in out
    assert "[MP à sofia] La modération demande le retrait de votre message dans #general" in out
    assert "a été retiré par la modération" not in out
    assert "    • Message : le bot ne peut pas le supprimer : l'auteur a été invité à le retirer" \
        in out
    assert "  n° 1 · 0 min · sofia dans #general" in out  # still open


async def test_warning_the_author_leaves_the_item_open_until_a_decision(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :user malik
        :channel moderation
        :click 3
        /queue
        :click 2
        Données personnelles
        """, now=MONDAY_10)
    assert "Signalement n° 1 : sofia a été averti. Le signalement reste ouvert : conservez ou " \
           "retirez le message." in out
    assert "    • Auteur averti par : malik" in out
    assert "  n° 1 · 0 min · sofia dans #general" in out  # still open after the warning
    assert "[MP à sofia] Votre message dans #general a été retiré par la modération." in out
    assert "Signalement n° 1 : message retiré." in out
