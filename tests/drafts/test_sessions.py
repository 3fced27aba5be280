"""The issue's "Done when": scripted console sessions on real SQLite files, the clock
injected and moved with :time, nothing mocked."""

from __future__ import annotations

from datetime import datetime

from bot.clock import ManualClock
from bot.store import Store
from tests.drafts.conftest import (
    MONDAY_9,
    PARIS,
    after,
    card_of,
    last_card,
    new_draft,
    session,
)

# Typed with French typography (coop-fr's typography rule would otherwise add findings).
CONCOURS = "Grand concours\u00a0: une box à gagner\u202f!"
CONCOURS_OK = ("Grand concours\u00a0: une box à gagner\u202f! Règlement\u00a0: "
               "https://exemple.fr/reglement")


async def events(db, draft_id: int = 1) -> list[tuple[str, str | None, str, int]]:
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        rows = await store.fetchall(
            "SELECT action, from_status, to_status, revision FROM draft_events "
            "WHERE draft_id = ? ORDER BY id", (draft_id,))
        audit = await store.audit_entries(f"draft:{draft_id}")
    transitions = [(r["action"], r["from_status"], r["to_status"], r["revision"]) for r in rows]
    # Every transition is in the audit log too (votes and reminders are audited as well).
    audited = [(e.action.removeprefix("draft."), e.data["from_status"], e.data["to_status"],
                e.data["revision"]) for e in audit if "to_status" in e.data]
    assert audited == transitions
    return transitions


async def test_a_draft_blocked_by_the_charter_then_fixed(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(text=CONCOURS)}
        :user malik
        :channel drafts
        :click 1
        :user sofia
        /draft edit 1




        {CONCOURS_OK}
        .
        """, config())
    submitted = after(out, "Brouillon n° 1 enregistré")
    assert "la charte le bloque : il n'ira pas au vote" in submitted
    assert "• [erreur] Règlement des jeux-concours « concours » : Un jeu-concours doit " \
        "renvoyer à son règlement" in submitted
    assert "Corrigez-le avec /draft edit 1, ou demandez une dérogation" in submitted
    blocked_card = out.split("(pour vous seul) Brouillon n° 1 enregistré")[0]
    assert "• État : bloqué par la charte" in blocked_card
    assert "[1] Approuver" not in blocked_card  # no vote while blocked
    assert "Aucune carte avec des boutons ici." in out  # malik has nothing to click
    fixed = after(out, "modifiée): ▶ Brouillon n° 1")
    assert "• Révision : 2" in fixed and "• État : vote en cours" in fixed
    assert "• Charte : coop-fr : rien à signaler" in fixed
    assert "• Échéance : jeu. 2026-11-26 09:00" in fixed
    assert "[1] Approuver  [2] Demander des modifications  [3] Rejeter  [4] S'abstenir" in fixed
    assert "révision 2 enregistrée ; le vote est ouvert" in out
    assert await events(db) == [("submit", None, "blocked", 1), ("edit", "blocked", "voting", 2)]


async def test_an_override_is_asked_then_granted_by_the_director(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(text=CONCOURS)}
        /draft override 1 Le règlement est en lien dans la bio du client
        :user malik
        :channel drafts
        :click 1
        :user camille
        :click 1
        """, config())
    assert "Demande de dérogation envoyée au directeur de publication" in out
    assert "[MP à camille] sofia demande une dérogation à la charte pour le brouillon n° 1 " \
        "« Soldes d'hiver » : Le règlement est en lien dans la bio du client." in out
    assert "• Dérogation demandée : Le règlement est en lien" in out
    assert "Seul le directeur de publication accorde une dérogation à la charte." in out
    assert "Dérogation accordée : le brouillon n° 1 passe au vote." in out
    assert "[MP à sofia] Dérogation accordée pour votre brouillon n° 1" in out
    card = last_card(out)
    assert "• Charte : coop-fr : 1 erreur sur 1 remarque — dérogation du directeur" in card
    assert "[1] Approuver" in card
    assert await events(db) == [("submit", None, "blocked", 1),
                                ("override_request", "blocked", "blocked", 1),
                                ("override", "blocked", "voting", 1)]


async def test_a_full_vote_passes_then_the_director_approves_and_it_is_published(tmp_path,
                                                                                   config):
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
        /plan
        :click 1
        /plan 3
        :time 2026-11-25T10:00
        :user sofia
        /draft published 1 https://x.com/dupont/status/1
        /draft list all
        """, config())
    # lea's confirmation shows the tally (after_vote): she has voted.
    assert "(pour vous seul) Vote enregistré sur le brouillon n° 1 (révision 1) : Approuver.\n" \
        "✅ 2 pour · ✏️ 0 modification · ❌ 0 contre · ⏸ 0 abstention — 2/4 ont voté " \
        "(quorum : 2)" in out
    # The public card only shows the turnout until the close.
    assert "• Votes : 2/4 ont voté (quorum : 2) — décompte visible après votre vote" in out
    # yann abstains: 3 of 4 have voted, 2 approvals of 2 expressed; lea... the last member
    # (camille) could only reject: 2 > 1.5, so the result cannot change: early close.
    assert "Le vote sur le brouillon n° 1 est clos : adopté." in out
    assert "[MP à sofia] Le vote sur votre brouillon n° 1 « Soldes d'hiver » est clos : adopté." \
        in out
    assert "[MP à camille] Le brouillon n° 1 « Soldes d'hiver » a été adopté par le vote et " \
        "attend votre décision" in out
    closed = after(out, "Vous êtes camille")
    assert "Calendrier des publications — 7 jours :\nmer. 2026-11-25\n  twitter\n" \
        "    … 10:00 Dupont — n° 1 Soldes d'hiver (attend le directeur de publication)" in closed
    assert "Brouillon n° 1 approuvé pour publication." in closed
    assert "[MP à sofia] Votre brouillon n° 1 « Soldes d'hiver » est approuvé et programmé" \
        in closed
    assert "    ✔ 10:00 Dupont — n° 1 Soldes d'hiver (programmé)" in closed
    assert "[MP à sofia] C'est l'heure prévue pour publier le brouillon n° 1 « Soldes d'hiver »" \
        in closed
    assert "Publication du brouillon n° 1 enregistrée : https://x.com/dupont/status/1" in closed
    final = last_card(out)
    assert "• État : publié" in final and "• Lien : https://x.com/dupont/status/1" in final
    assert "✅ 2 pour · ✏️ 0 modification · ❌ 0 contre · ⏸ 1 abstention — 3/4" in final
    assert "n° 1 [publié] Soldes d'hiver — sofia, twitter, Dupont" in out
    # The client Dupont has its own charter (base, in this config).
    assert "• Charte : base : rien à signaler" in out
    assert await events(db) == [
        ("submit", None, "voting", 1), ("close", "voting", "awaiting_final", 1),
        ("final_approve", "awaiting_final", "scheduled", 1),
        ("publish", "scheduled", "published", 1)]


async def test_request_changes_then_an_edit_dismisses_approvals_and_members_vote_again(
        tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(text="Nos soldes commencent mercredi.")}
        :channel drafts
        :user malik
        :click 1
        :user lea
        :click 2
        Précisez les dates, svp
        :user yann
        :click 4
        :user sofia
        /draft edit 1




        Nos soldes commencent mercredi 25 novembre.
        .
        :user malik
        :click 1
        :user lea
        :click 1
        /draft show 1
        """, config())
    assert "Formulaire « Demander des modifications au brouillon n° 1 »" in out
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Demander des modifications." \
        in out
    edited = after(out, "Vous êtes sofia")
    assert "révision 2 enregistrée ; 2 approbations ou abstentions écartées, les " \
        "objections restent." in edited
    assert "[MP à malik] Le brouillon n° 1 « Soldes d'hiver » a une nouvelle révision (2) : " \
        "votre vote « Approuver » est écarté, votez à nouveau." in edited
    assert "[MP à yann] Le brouillon n° 1 « Soldes d'hiver » a une nouvelle révision (2) : " \
        "votre vote « S'abstenir » est écarté" in edited
    # Her objection stays, and she is told to reread (the "not told" bug).
    assert "[MP à lea] Le brouillon n° 1 « Soldes d'hiver » a une nouvelle révision (2). Votre " \
        "vote « Demander des modifications » tient toujours : relisez-la et changez votre " \
        "vote si elle répond à votre demande." in edited
    card = edited.split("(pour vous seul)")[0]
    assert "• Votes : 1/4 ont voté (quorum : 2)" in card  # lea's objection only
    # The deadline is at least 24 h away (it was 72 h: it stays).
    assert "• Échéance : jeu. 2026-11-26 09:00" in card
    # malik approves revision 2; lea changes her objection into an approval.
    assert "Vote enregistré sur le brouillon n° 1 (révision 2) : Approuver." in out
    assert "Vote modifié sur le brouillon n° 1 (révision 2) : Approuver. L'ancien reste dans " \
        "l'historique." in out
    history = after(out, "(pour vous seul) Brouillon n° 1 — Soldes d'hiver")
    assert "      -Nos soldes commencent mercredi.\n      +Nos soldes commencent mercredi 25 " \
        "novembre." in history
    assert "malik : ✅ Approuver (r1) [écarté par une révision]" in history
    assert "lea : ✏️ Demander des modifications (r1) — Précisez les dates, svp [remplacé]" \
        in history
    assert "yann : ⏸ S'abstenir (r1) [écarté par une révision]" in history
    assert "malik : ✅ Approuver (r2)\n" in history
    # Two approvals of revision 2 out of 4: yann and camille could still tie it: still open.
    assert "• État : vote en cours" in last_card(out)


async def test_an_edit_late_in_the_vote_pushes_the_deadline_to_24_hours(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        :time +70h
        /draft edit 1




        Nos soldes commencent mercredi, et durent un mois.
        .
        """, config())
    assert "• Échéance : jeu. 2026-11-26 09:00" in out
    assert "• Échéance : ven. 2026-11-27 07:00" in last_card(out)  # 24 h after the edit


async def test_deadline_and_reminder_are_driven_by_time_then_no_quorum_is_extended(tmp_path,
                                                                                    config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        :channel drafts
        :user malik
        :click 1
        :time +47h
        :time +1h
        :time +1d
        :user lea
        :click 1.1
        :user camille
        :click 1
        :click 1
        :user malik
        :click 1
        :user lea
        :click 1
        :time +3d
        :user camille
        :click 1
        """, config())
    before_reminder = out.split("Horloge : mer. 2026-11-25 08:00")[1].split("Horloge :")[0]
    assert "MP à" not in before_reminder
    reminder = out.split("Horloge : mer. 2026-11-25 09:00")[1].split("Horloge :")[0]
    # One reminder each for the members who have not voted; not malik, not the author.
    for name in ("camille", "lea", "yann"):
        assert reminder.count(f"[MP à {name}] Rappel : le vote sur le brouillon n° 1 « Soldes " \
                              "d'hiver » se clôt le jeu. 2026-11-26 09:00 et vous n'avez pas " \
                              "voté.") == 1
    assert "[MP à malik]" not in reminder and "[MP à sofia]" not in reminder
    closed = out.split("Horloge : jeu. 2026-11-26 09:00")[1]
    assert "• État : sans quorum" in closed and "• Résultat du vote : quorum non atteint" in closed
    assert "[1] Prolonger le vote  [2] Décider : adopté  [3] Décider : modifications  " \
        "[4] Décider : rejeté" in closed
    assert "[MP à sofia] Le vote sur votre brouillon n° 1 « Soldes d'hiver » est clos : " \
        "quorum non atteint." in closed
    assert "[MP à camille] Le vote sur le brouillon n° 1 « Soldes d'hiver » a manqué le " \
        "quorum : prolongez-le une fois ou décidez" in closed
    # A vote on the closed draft is refused and changes nothing.
    assert "Seul le directeur de publication prolonge un vote." in closed
    assert "Vote sur le brouillon n° 1 prolongé (une seule fois)." in closed
    assert "[MP à sofia] Le vote sur votre brouillon n° 1 « Soldes d'hiver » est prolongé." \
        in closed
    extended = after(closed, "prolongé (une seule fois)")
    # camille's second click lands on the reopened card: she approves as a member.
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Approuver." in extended
    assert "• Échéance : dim. 2026-11-29 09:00" in closed
    # Three approvals of four: yann alone cannot change it, the vote closes early.
    assert "Le vote sur le brouillon n° 1 est clos : adopté." in extended
    final = out.split("Horloge : dim. 2026-11-29 09:00")[1]
    assert "MP à" not in final.split("Vous êtes camille")[0]  # the old deadline does nothing
    assert "• État : approuvé pour publication" in final
    assert await events(db) == [
        ("submit", None, "voting", 1), ("close", "voting", "no_quorum", 1),
        ("extend", "no_quorum", "voting", 1), ("close", "voting", "awaiting_final", 1),
        ("final_approve", "awaiting_final", "approved", 1)]


PASS_VOTE = """\
:channel drafts
:user malik
:click 1
:user lea
:click 1
:user yann
:click 1
"""


async def test_a_veto_stands_across_revisions_until_the_director_lifts_it(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        {PASS_VOTE}
        :user camille
        :click 3
        Le client a demandé de ne rien publier cette semaine
        :user sofia
        /draft edit 1




        Nos soldes commencent la semaine prochaine.
        .
        {PASS_VOTE}
        :user camille
        :click 1
        :user sofia
        /draft unveto 1
        :user camille
        /draft unveto 1 Le client a donné son accord
        :click 1
        /draft show 1
        """, config())
    assert "Formulaire « Veto sur le brouillon n° 1 »" in out
    assert "Veto enregistré sur le brouillon n° 1 : il tient à travers les révisions jusqu'à " \
        "/draft unveto 1." in out
    assert "[MP à sofia] Veto du directeur de publication sur votre brouillon n° 1 « Soldes " \
        "d'hiver » : Le client a demandé de ne rien publier cette semaine" in out
    vetoed = after(out, "Veto enregistré")
    assert "• Veto : Le client a demandé de ne rien publier cette semaine" in vetoed
    # The edited draft is voted on again and passes, but the veto still stands.
    assert "• État : vote en cours" in vetoed
    assert "Le veto sur le brouillon n° 1 tient toujours : levez-le d'abord avec /draft " \
        "unveto 1." in vetoed
    assert "Vous n'avez pas le droit d'utiliser /draft unveto : réservé au rôle « directeur " \
        "de publication »." in vetoed
    assert "Veto levé sur le brouillon n° 1 (attend le directeur de publication)." in vetoed
    assert "[MP à sofia] Le veto sur votre brouillon n° 1 « Soldes d'hiver » est levé." in vetoed
    assert "Brouillon n° 1 approuvé pour publication." in vetoed
    assert await events(db) == [
        ("submit", None, "voting", 1), ("close", "voting", "awaiting_final", 1),
        ("veto", "awaiting_final", "vetoed", 1), ("edit", "vetoed", "voting", 2),
        ("close", "voting", "awaiting_final", 2),
        ("unveto", "awaiting_final", "awaiting_final", 2),
        ("final_approve", "awaiting_final", "approved", 2)]
    history = after(out, "Événements :")
    assert "camille : veto (attend le directeur de publication → veto du directeur de " \
        "publication, r1) — Le client a demandé de ne rien publier cette semaine" in history
    assert "camille : veto levé (attend le directeur de publication → attend le directeur de " \
        "publication, r2) — Le client a donné son accord" in history


async def test_the_author_cannot_vote_and_a_member_changes_their_vote(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        :channel drafts
        :click 1
        :user malik
        :click 1
        :click 1
        :click 3
        Finalement, non : le ton ne va pas
        :click 3
        Finalement, non : le ton ne va pas
        :user invité
        :click 1
        /draft show 1
        :user yann
        /draft show 1
        :user malik
        /draft show 1
        """, config())
    assert "Vous êtes l'auteur du brouillon n° 1 : vous ne votez pas sur votre propre " \
        "brouillon." in out
    assert "Vous avez déjà voté « Approuver » sur le brouillon n° 1." in out
    assert "Vote modifié sur le brouillon n° 1 (révision 1) : Rejeter. L'ancien reste dans " \
        "l'historique." in out
    assert "Vous avez déjà voté « Rejeter » sur le brouillon n° 1." in out
    assert "Le vote est réservé aux membres de la coopérative." in out
    assert "Vous n'avez pas le droit d'utiliser /draft show : réservé au rôle « membre »." \
        in out
    yann, member = after(out, "Vous êtes yann").split("Vous êtes malik")
    # A hidden tally (after_vote) hides the ballots from who has not voted...
    assert "(2 votes masqués selon la règle du décompte)" in yann
    assert "malik :" not in yann.split("Bulletins :")[1]
    # ...and malik, who voted, sees the history of his own vote.
    assert "malik : ✅ Approuver (r1) [remplacé]\n" in member
    assert "malik : ❌ Rejeter (r1) — Finalement, non : le ton ne va pas\n" in member
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        rows = await store.fetchall("SELECT choice, latest FROM draft_ballots ORDER BY id")
    assert [(r["choice"], r["latest"]) for r in rows] == [("approve", 0), ("reject", 1)]


async def test_a_restart_mid_vote_keeps_the_card_its_buttons_and_the_deadline(tmp_path,
                                                                              config):
    db = tmp_path / "g.db"
    first = await session(db, f"""\
        :user sofia
        {new_draft(title="Recrutement", network="linkedin")}
        :channel drafts
        :user malik
        :click 1
        """, config())
    card = card_of(first, 1)
    second = await session(db, f"""\
        :user lea
        :click {card}.2
        Ajoutez le lien vers l'offre
        :user yann
        :click {card}.4
        :time +3d
        """, config(), now=datetime(2026, 11, 23, 12, 0, tzinfo=PARIS))
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Demander des modifications." \
        in second
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : S'abstenir." in second
    # The deadline job planned by the first session closes the vote in the second.
    closed = after(second, "Horloge : jeu. 2026-11-26 12:00")
    assert "• État : modifications demandées" in closed
    assert "[MP à sofia] Le vote sur votre brouillon n° 1 « Recrutement » est clos : " \
        "modifications demandées." in closed
    assert closed.count("est clos") == 1
    third = await session(db, ":time +1d\n", config(),
                          now=datetime(2026, 11, 26, 12, 0, tzinfo=PARIS))
    assert "est clos" not in third  # the deadline fired once
    assert await events(db) == [("submit", None, "voting", 1),
                                ("close", "voting", "changes_requested", 1)]


async def test_an_approved_draft_not_published_in_time_expires(tmp_path, config):
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft(planned="2026-11-24 18:00")}
        {PASS_VOTE}
        :user camille
        :click 1
        :time 2026-11-24T18:00
        :time +23h
        :time +1h
        :user sofia
        /draft published 1 https://x.com/1
        """, config())
    assert "⚠ La publication prévue tombe avant la fin du vote" in out
    assert "• État : programmé" in out
    assert "[MP à sofia] C'est l'heure prévue pour publier le brouillon n° 1" in out
    assert "expiré" not in out.split("Horloge : mer. 2026-11-25 17:00")[1].split("Horloge")[0]
    expired = after(out, "Horloge : mer. 2026-11-25 18:00")
    assert "• État : expiré" in expired
    for name in ("sofia", "camille"):
        assert f"[MP à {name}] Le brouillon n° 1 « Soldes d'hiver » n'a pas été publié à " \
            "temps : il est expiré." in expired
    # Published late all the same: the record says so instead of refusing the truth.
    assert "Publication du brouillon n° 1 enregistrée : https://x.com/1" in expired
    assert (await events(db))[-2:] == [("expire", "scheduled", "expired", 1),
                                       ("publish", "expired", "published", 1)]


async def test_the_electorate_is_the_members_when_the_vote_opens(tmp_path, config):
    db = tmp_path / "g.db"
    await session(db, f":user sofia\n{new_draft()}", config())
    bigger = tmp_path / "bigger.yaml"
    bigger.write_text(config().read_text(encoding="utf-8").replace(
        "members: [camille, malik, sofia, yann, lea]",
        "members: [camille, malik, sofia, yann, lea, zoe]"), encoding="utf-8")
    out = await session(db, """\
        :channel drafts
        :user zoe
        :click 1
        :click 2
        :user sofia
        /draft withdraw 1 Le client a annulé
        /draft edit 1
        :user malik
        :click 1
        """, bigger)
    assert out.count("Vous ne faites pas partie des votants du brouillon n° 1 (les membres à " \
                     "l'ouverture du vote, sans l'auteur).") == 2
    assert "Formulaire" not in out  # no reason asked from someone who cannot vote
    assert "Brouillon n° 1 retiré." in out
    assert "Le brouillon n° 1 est clos (retiré) : rien n'a changé." in out
    assert "• État : retiré" in last_card(out)
    assert "Aucune carte avec des boutons ici." in out  # a withdrawn draft has no buttons
    assert (await events(db))[-1] == ("withdraw", "voting", "withdrawn", 1)
