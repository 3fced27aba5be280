"""Members tick, untick and note what they did; the review closes the day; streaks
carry over week-ends. Scripted console sessions on real SQLite files."""

from __future__ import annotations

import re

from tests.routine.console import paris, prompts, rows, session

MONDAY_9 = paris(2026, 11, 23, 9, 0)
TEN = " ".join(str(n) for n in range(1, 11))


def private(out: str) -> list[str]:
    """The answers only the user saw, first line each."""
    return re.findall(r"^\(pour vous seul\) (.*)$", out, re.MULTILINE)


async def test_ticking_and_unticking_with_buttons_and_commands(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 09:30
        :user sofia
        :channel routine
        :click 2
        :click 2
        :click 2
        /routine done 1 fb-post tw-reply
        /routine undo tw-mentions li-feed
        /routine done tw-repyl
        /routine done
        /routine done 99
        """, now=MONDAY_9)
    answers = private(out)
    assert answers[:3] == ["✓ Coché : tw-reply.", "☐ Décoché : tw-reply.", "✓ Coché : tw-reply."]
    assert "Lundi 23 novembre : 1/20 actions (objectif : 10) · série : 0 jour." in out
    assert answers[3] == "✓ Coché : tw-mentions, fb-post."
    assert "Déjà coché : tw-reply.\nLundi 23 novembre : 3/20 actions" in out
    assert answers[4] == "☐ Décoché : tw-mentions."
    assert "Pas coché : li-feed.\nLundi 23 novembre : 2/20 actions" in out
    assert answers[5] == ("Action inconnue : « tw-repyl ». Vouliez-vous dire tw-reply ? "
                          "/routine show liste les actions.")
    assert answers[6].startswith("Dites quelles actions, par identifiant ou numéro. Usage : "
                                 "/routine done [DATE] ID…")
    assert answers[7].startswith("Action inconnue : « 99 ».")
    # The shared card is edited in place with the team's counts.
    last_card = out.rsplit("[#routine] Garant (carte 1 modifiée): ", 1)[1]
    assert "      2. Répondre à des conversations du fil (×5) · tw-reply  ✓1\n" in last_card
    assert "      8. Publier ou programmer le post du jour (×1) · fb-post  ✓1\n" in last_card
    assert "      1. Répondre aux mentions et messages privés · tw-mentions\n" in last_card
    assert "Équipe : 2 actions cochées par 1 membre" in last_card
    assert rows(tmp_path, "SELECT user_key, action_id, section_id FROM routine_ticks "
                          "ORDER BY action_id") == [("local:sofia", "fb-post", "facebook"),
                                                    ("local:sofia", "tw-reply", "twitter")]
    actions = rows(tmp_path, "SELECT action FROM audit_log WHERE actor = 'local:sofia'")
    assert [a for (a,) in actions] == ["routine.tick", "routine.untick", "routine.tick",
                                       "routine.tick", "routine.tick", "routine.untick"]


async def test_only_members_tick_and_closed_days_are_refused(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 09:30
        :user invité
        :channel routine
        :click 1
        /routine done 1
        :user sofia
        /routine done 2026-11-20 1
        /routine done 2026-11-19 1
        /routine done demain 1
        /routine done 31/02 1
        """, now=MONDAY_9)
    assert "(pour vous seul) La routine est réservée aux membres de la coopérative." in out
    assert "Vous n'avez pas le droit d'utiliser /routine done : réservé au rôle « membre »." \
        in out
    answers = private(out)
    # Friday's routine is still open on Monday (no card was posted: nothing to edit).
    assert answers[2] == "✓ Coché : tw-mentions."
    assert "Vendredi 20 novembre : 1/20 actions" in out
    assert answers[3] == ("La routine du jeudi 19 novembre est close : on coche le jour même, "
                          "ou jusqu'au jour de routine suivant (lundi 23 novembre, vendredi 20 "
                          "novembre).")
    assert answers[4] == "Le mardi 24 novembre n'est pas encore arrivé : on ne coche que ce " \
                         "qui est fait."
    assert answers[5].startswith("Date non comprise : « 31/02 ».")
    out = await session(tmp_path, ":user sofia\n/routine done 1\n/routine today\n",
                        now=paris(2026, 11, 29, 10, 0))
    assert private(out)[0] == ("Pas de routine aujourd'hui (dimanche 29 novembre). Pour "
                               "vendredi 27 novembre : /routine done 2026-11-27 ID…")
    assert "(pour vous seul) ▶ Votre routine — vendredi 27 novembre" in out


async def test_notes_by_command_and_by_form_and_today_is_private(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 09:30
        :user malik
        :channel routine
        /routine note tw-reply replied to the X thread on pricing
        :click 21
        li-share
        partagé l'étude sur les coopératives
        /routine note fb-post
        :click 21
        10
        publié le visuel de l'atelier
        /routine today
        """, now=MONDAY_9)
    # In the form, an action is typed by its number as well as by its id.
    assert out.count("📝 Note ajoutée à") == 3
    assert "(pour vous seul) ✓ Coché : tw-reply.\n📝 Note ajoutée à « Répondre à des " \
           "conversations du fil »." in out
    assert "Formulaire « Note sur une action du lundi 23 novembre » (:cancel pour abandonner)" \
        in out
    assert "📝 Note ajoutée à « Partager un article avec son avis »." in out
    assert "Il manque le texte de la note. Usage : /routine note ID TEXTE…" in out
    today = out.split("(pour vous seul) ▶ Votre routine — lundi 23 novembre\n")[1]
    assert today.startswith("    3/20 actions · objectif : 10 · série : 0 jour "
                            "(record : 0)\n    Twitter / X\n"
                            "      ☐ 1. Répondre aux mentions et messages privés · tw-mentions\n"
                            "      ✓ 2. Répondre à des conversations du fil (×5) · tw-reply "
                            "— « replied to the X thread on pricing »\n")
    assert "      ✓ 11. Partager un article avec son avis (×1) · li-share — « partagé " \
           "l'étude sur les coopératives »" in today
    assert "      ✓ 10. " in today and "« publié le visuel de l'atelier »" in today
    assert rows(tmp_path, "SELECT action_id, note FROM routine_ticks ORDER BY action_id") == [
        ("li-feed", "publié le visuel de l'atelier"),  # action 10, typed by its number
        ("li-share", "partagé l'étude sur les coopératives"),
        ("tw-reply", "replied to the X thread on pricing")]


async def test_the_review_summary_at_1730(tmp_path) -> None:
    out = await session(tmp_path, f"""\
        :time 09:30
        :user sofia
        /routine done {TEN} 11 12
        /routine note tw-reply relancé le fil sur les tarifs
        :user malik
        /routine done 1 2 6 7
        :user yann
        /routine off
        :time 17:29
        :time 17:30
        :time 18:00
        """, now=MONDAY_9)
    assert "Le lundi 23 novembre est marqué off : il ne cassera pas votre série." in out
    review = out.split("Horloge : lun. 2026-11-23 17:30 (Europe/Paris)\n")[1]
    assert review.startswith("[#routine] Garant: ▶ 🌇 Bilan de la routine — lundi 23 novembre"
                             "  [carte 2]\n"
                             "    Taux de réalisation de l'équipe : 40 % (16 actions "
                             "sur 40)\n"
                             "    Qui a fait quoi :\n"
                             "      sofia : 12/20 · série : 1 jour\n"
                             "      malik : 4/20\n"
                             "      yann : jour off\n"
                             "    Sections délaissées : Blogs (0 %), Statistiques "
                             "(0 %)\n"
                             "    Notes :\n"
                             "      sofia, Répondre à des conversations du fil : relancé le fil "
                             "sur les tarifs\n")
    assert out.count("Bilan de la routine") == 1
    out = await session(tmp_path, ":time 19:00\n", now=paris(2026, 11, 23, 18, 30))
    assert "Bilan" not in out  # posted once, even after a restart
    assert rows(tmp_path, "SELECT kind, status FROM routine_posts ORDER BY kind") == [
        ("prompt", "posted"), ("review", "posted")]


async def test_a_streak_is_kept_across_a_weekend_and_broken_by_a_missed_day(tmp_path) -> None:
    week = "".join(f":time 2026-11-{day}T09:30\n/routine done {TEN}\n" for day in range(23, 28))
    out = await session(tmp_path, ":user sofia\n" + week + f"""\
        :time 2026-11-28T12:00
        :time 2026-11-29T12:00
        :time 2026-11-30T09:30
        /routine done {TEN}
        /routine today
        :time 2026-11-30T17:30
        :time 2026-12-01T09:30
        /routine today
        :time 2026-12-02T09:30
        /routine done 1 2 3
        /routine today
        /routine done 4 5 6 7 8 9 10
        """, now=MONDAY_9)
    assert "Vendredi 27 novembre : 10/20 actions (objectif : 10) · série : 5 jours." in out
    # Saturday and Sunday are not routine days: Monday carries on.
    assert "Lundi 30 novembre : 10/20 actions (objectif : 10) · série : 6 jours." in out
    # Tuesday in progress does not break it yet...
    assert "0/20 actions · objectif : 10 · série : 6 jours (record : 6)" in out
    # ...but once Tuesday is over with nothing done, the streak starts again.
    assert "3/20 actions · objectif : 10 · série : 0 jour (record : 6)" in out
    assert "Mercredi 2 décembre : 10/20 actions (objectif : 10) · série : 1 jour." in out
    # The reviews show the streak too.
    assert "      sofia : 10/20 · série : 6 jours\n" in out


async def test_a_day_off_does_not_break_the_streak(tmp_path) -> None:
    out = await session(tmp_path, f"""\
        :user sofia
        /routine off 2026-11-24
        /routine off 2026-11-24
        /routine off 2026-11-28
        /routine off 2026-12-25
        /routine off 2025-01-02
        /routine off 2030-01-02
        :time 09:30
        /routine done {TEN}
        :time 2026-11-24T09:30
        :time 2026-11-25T09:30
        /routine done {TEN}
        /routine today
        /routine on 2026-11-24
        /routine today
        /routine on 2026-11-23
        """, now=MONDAY_9)
    assert "Le mardi 24 novembre est marqué off : il ne cassera pas votre série." in out
    assert "Le mardi 24 novembre était déjà marqué off." in out
    assert "Le samedi 28 novembre n'est pas un jour de routine ; rien à marquer." in out
    assert "Le vendredi 25 décembre n'est pas un jour de routine (Noël) ; rien à marquer." \
        in out
    assert "Le jeudi 2 janvier est passé" in out
    assert "Un jour off se planifie à un an au plus." in out
    assert "Mercredi 25 novembre : 10/20 actions (objectif : 10) · série : 2 jours." in out
    assert "10/20 actions · objectif : 10 · série : 2 jours (record : 2)" in out
    # Tuesday is still open on Wednesday: un-marked, it breaks the streak after all.
    assert "Le mardi 24 novembre n'est plus off." in out
    assert "10/20 actions · objectif : 10 · série : 1 jour (record : 1)" in out
    # Monday is closed: too late to change.
    assert "Le lundi 23 novembre est passé : un jour off se marque au plus tard le jour de " \
           "routine suivant." in out
    assert rows(tmp_path, "SELECT user_key, day FROM routine_days_off") == []
    assert [a for (a,) in rows(tmp_path, "SELECT action FROM audit_log WHERE action IN "
                                         "('routine.off', 'routine.on') ORDER BY id")] == [
        "routine.off", "routine.on"]


async def test_members_opt_in_to_the_prompt_by_direct_message(tmp_path) -> None:
    out = await session(tmp_path, """\
        :user sofia
        /routine dm on
        :user malik
        /routine dm on
        /routine dm off
        :time 09:30
        :user sofia
        :click 3
        """, now=MONDAY_9)
    assert "Vous recevrez aussi la routine en message privé chaque jour de routine." in out
    assert "Vous ne recevrez plus la routine en message privé." in out
    assert prompts(out) == 1
    assert out.count("[MP à sofia] ▶ ☀ Les 20 actions quotidiennes — lundi 23 novembre") == 1
    assert "[MP à malik]" not in out
    # Ticking from the DM copy ticks for the member and updates the team's card.
    assert "(pour vous seul) ✓ Coché : tw-share." in out
    assert "[#routine] Garant (carte 1 modifiée)" in out
    out = await session(tmp_path, ":user sofia\n/routine dm on\n", now=MONDAY_9,
                        extra="  dm_opt_in: false\n")
    assert "La routine en message privé est désactivée dans la configuration" in out


async def test_in_english_with_the_english_routine(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 09:30
        :user sofia
        /routine done tw-reply
        /routine show
        :time 17:30
        """, now=MONDAY_9, language="en")
    assert "[#routine] Garant: ▶ ☀ The 20 daily actions — Monday 23 November  [card 1]" in out
    assert "Tick what you did: one click ticks, a second unticks." in out
    assert "(only you) ✓ Ticked: tw-reply.\nMonday 23 November: 1/20 actions (goal: 10)" in out
    assert "\n  2. Reply to conversations in the feed (×5) · tw-reply\n" \
           "       A reply that adds something (a figure, a link, a reasoned opinion), never " \
           "a bare \"great!\"." in out
    assert "▶ 🌇 Routine review — Monday 23 November" in out
    assert "Team completion rate: 2% (1 action out of 60)" in out


async def test_an_invalid_routine_is_reported_and_reload_keeps_the_last_valid(tmp_path) -> None:
    routines = tmp_path / "charters" / "routines"
    routines.mkdir(parents=True)
    mine = routines / "ours.yaml"
    mine.write_text("name: ours\ntitle: Ours\nsections:\n  - id: tw\n    title: Twitter\n"
                    "    actions:\n      - id: tw-a\n        lable: Répondre\n",
                    encoding="utf-8")
    extra = f"charters_dir: {tmp_path / 'charters'}\n"
    config = {"extra": extra.replace("charters_dir", "  file: routines/ours.yaml\n"
                                                     "charters_dir")}
    out = await session(tmp_path, ":user sofia\n/routine today\n:time 09:30\n", now=MONDAY_9,
                        **config)
    assert ("La routine est indisponible : " + str(mine)
            + ":8:9: clé inconnue « lable » dans une action ; vouliez-vous dire « label » ?") \
        in out  # in the team's language
    assert prompts(out) == 0
    mine.write_text(mine.read_text(encoding="utf-8").replace("lable", "label"),
                    encoding="utf-8")
    out = await session(tmp_path, ":user malik\n/routine reload\n:user sofia\n/routine done 1\n",
                        now=paris(2026, 11, 23, 10, 0))
    assert "Routine rechargée : Ours (1 action)." in out
    assert "✓ Coché : tw-a." in out
    mine.write_text("name: ours\n", encoding="utf-8")
    out = await session(tmp_path, "", now=paris(2026, 11, 23, 10, 5))  # broken at start...
    out = await session(tmp_path, ":user malik\n/routine reload\n/routine show\n",
                        now=paris(2026, 11, 23, 10, 10))
    assert "⚠ Routine toujours indisponible : " + str(mine) + ":1:1: clé obligatoire « title » " \
           "absente" in out


async def test_a_long_routine_gets_one_card_per_section(tmp_path) -> None:
    """30 actions and 2 more buttons do not fit the 25 buttons of one message: one card
    per section, each updated on its own."""
    routines = tmp_path / "charters" / "routines"
    routines.mkdir(parents=True)
    sections = "".join(
        f"  - id: s{s}\n    title: Section {s}\n    actions:\n"
        + "".join(f"      - id: s{s}-a{a}\n        label: Action {s}.{a}\n" for a in range(15))
        for s in (1, 2))
    (routines / "long.yaml").write_text(f"name: long\ntitle: Longue\nsections:\n{sections}",
                                        encoding="utf-8")
    extra = f"  file: routines/long.yaml\ncharters_dir: {tmp_path / 'charters'}\n"
    out = await session(tmp_path, """\
        :time 09:30
        :user sofia
        :channel routine
        :click 2.3
        :click 1.16
        """, now=MONDAY_9, extra=extra)
    assert prompts(out) == 2
    assert "▶ ☀ Longue — lundi 23 novembre — Section 1  [carte 1]" in out
    assert "▶ ☀ Longue — lundi 23 novembre — Section 2  [carte 2]" in out
    assert "[15] Action 1.14  [16] 📝 Note  [17] Mon bilan" in out
    assert "(pour vous seul) ✓ Coché : s2-a2." in out
    assert "[#routine] Garant (carte 2 modifiée)" in out
    assert "[#routine] Garant (carte 1 modifiée)" not in out
    assert "    Section : 1 action cochée · objectif : 10 actions par personne et par " \
           "jour" in out.split("(carte 2 modifiée)")[1]
    assert "Formulaire « Note sur une action du lundi 23 novembre »" in out
    assert rows(tmp_path, "SELECT card_key FROM posted_cards ORDER BY card_key") == [
        ("routine:2026-11-23:s1",), ("routine:2026-11-23:s2",)]
