"""Scripted sessions of the local console: `garant run --platform local < script`."""

from __future__ import annotations

import io
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.host import Bot, Context
from bot.model import Button, Card, ChannelRef, Command, Form, FormField, FormInvalid
from bot.run import RunError, RunOptions, run
from bot.typography import plain

PARIS = ZoneInfo("Europe/Paris")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


async def session(db: Path, script: str, now: datetime = MONDAY_9, **options) -> str:
    out = io.StringIO()
    await run(RunOptions(database=db, now=now, **options), io.StringIO(textwrap.dedent(script)),
              out, env={})
    return plain(out.getvalue())


async def test_startup_says_what_runs(tmp_path):
    out = await session(tmp_path / "g.db", "")
    # In the team's language (the bundled demo team speaks French).
    out = plain(out)
    assert "plateformes : console locale" in out
    assert "example_config.yaml" in out
    assert "chartes : base, coop-fr\n" in out
    assert f"base de données : {tmp_path / 'g.db'}" in out
    # What garant.yaml was read to mean, so that a mistake in it shows at once.
    assert "  canaux modérés : #general → coop-fr\n" in out
    assert "  rôles : members: camille, malik, sofia, yann, lea; moderators: malik; director: " \
        "camille; exempt: personne\n" in out
    assert "horloge : lun. 2026-11-23 09:00 (Europe/Paris)" in out


async def test_charter_check_uses_the_channel_charter(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /charter check Tu veux gagner ? Grand concours, espèce de c0nnard !
        :channel random
        /charter check Tu veux gagner ? Grand concours, espèce de c0nnard !
        /charter draft twitter Grand concours #a #b #c
        """)
    first, second = out.split("Salon : #random")
    # #general is moderated by coop-fr; in chat its draft rules (register...) do not apply.
    assert "Charte coop-fr : 1 remarque — bloqué" in first
    assert "  • [erreur] Insultes « c0nnard » : Les insultes ne sont pas acceptées ici" in first
    # #random has no charter: the default one (base) answers.
    assert "Charte base : 1 remarque — bloqué" in second
    # A draft is checked as /draft new will: with the drafts' charter (coop-fr here).
    assert "Charte coop-fr pour twitter : " in second
    assert "(pour vous seul)" in first


async def test_charter_show_lists_rules(tmp_path):
    out = await session(tmp_path / "g.db", "/charter show\n/charter show base\n/charter list\n")
    assert "Charte coop-fr — Charte éditoriale de la coopérative (étend base) : 24 règles" in out
    assert "  • vouvoiement — Vouvoiement (registre, attention → avertissement, brouillon)" in out
    assert "Charte base — Modération de base (FR/EN) : 10 règles" in out
    assert "  • coop-fr — modère #general" in out
    assert "  • base (par défaut)" in out


async def test_charter_show_says_which_rules_are_off_and_why(tmp_path, monkeypatch):
    """Grammalecte missing on this server: the coop-fr charter still loads and /charter
    show says plainly that its grammar rule is off, and why (never a silent skip)."""
    import sys

    from bot.charter.kinds import grammar

    monkeypatch.setitem(sys.modules, "grammalecte", None)
    monkeypatch.setattr(grammar, "SYSTEM_PLACES", ())
    monkeypatch.delenv("GARANT_GRAMMALECTE", raising=False)
    grammar.checker.cache_clear()
    try:
        out = await session(tmp_path / "g.db", "/charter show\n")
    finally:
        grammar.checker.cache_clear()
    assert "  ⚠ Grammaire est désactivée sur ce serveur : Grammalecte n'est pas installé " \
           "(apt install python3-grammalecte, ou GARANT_GRAMMALECTE=le dossier qui le " \
           "contient)." in out


class Script(io.StringIO):
    """Console input that can change the world between two lines (edit a file...)."""

    def __init__(self, *steps):
        super().__init__()
        self.steps = list(steps)

    def readline(self, size=-1):
        while self.steps:
            step = self.steps.pop(0)
            if callable(step):
                step()
            else:
                return step + "\n"
        return ""


def maison_config(tmp_path: Path) -> tuple[Path, Path]:
    charters = tmp_path / "charters"
    charters.mkdir()
    (charters / "maison.yaml").write_text(
        "name: maison\nrules:\n  - id: zut\n    kind: forbidden\n    words: [zut]\n",
        encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(textwrap.dedent(f"""\
        language: en
        charters_dir: {charters}
        default_charter: maison
        roles:
          members: [sofia, malik]
          moderators: [malik]
        """), encoding="utf-8")
    return config, charters / "maison.yaml"


async def test_reload_is_for_moderators_and_keeps_the_last_valid_charter(tmp_path):
    config, maison = maison_config(tmp_path)

    def write(rules):
        return lambda: maison.write_text("name: maison\nrules:\n" + rules, encoding="utf-8")

    out = io.StringIO()
    await run(RunOptions(config=config, database=tmp_path / "g.db", now=MONDAY_9), Script(
        ":user sofia",
        "/charter check zut et flûte",
        "/charter reload",
        ":user malik",
        write("  - id: zut\n    kind: forbidden\n    words: [zut, flûte]\n"),
        "/charter reload",
        "/charter check zut et flûte",
        write("  - id: zut\n    kind: forbiden\n    words: [zut]\n"),
        "/charter reload",
        "/charter check zut et flûte",
    ), out, env={})
    text = out.getvalue()
    assert "charters: maison" in text
    checks = text.split("(only you) Charter maison: ")[1:]
    assert [c.split(" finding")[0] for c in checks] == ["1", "2", "2"]
    assert "You may not use /charter reload: it is for the \u201cmoderator\u201d role." in text
    assert "Charters reloaded: maison." in text
    assert "⚠ Error, the previous version stays in use: " in text
    assert "maison.yaml:4:11: 'kind' must be one of" in text
    entries = await _audit(tmp_path / "g.db")
    assert [e.actor for e in entries if e.action == "charter.reload"] == ["local:malik"] * 2


async def _audit(db: Path):
    from bot.clock import ManualClock
    from bot.store import Store

    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        return await store.audit_entries()


async def test_an_invalid_charter_stops_the_start_with_its_error(tmp_path):
    config, maison = maison_config(tmp_path)
    maison.write_text("name: maison\nrules: [oops\n", encoding="utf-8")
    with pytest.raises(RunError, match=r"invalid charter: .*maison.yaml:3:1: invalid YAML"):
        await session(tmp_path / "g.db", "", config=config)


async def test_a_reminder_is_driven_by_time_and_survives_a_restart(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        /remind +2h Relancer le client Dupont
        :time +1h
        """)
    assert "Rappel programmé pour 2026-11-23 11:00 (Europe/Paris)." in out
    assert "Relancer le client" not in out.split("Rappel programmé")[1]
    out = await session(db, """\
        :time +2h
        :time +1d
        """, now=datetime(2026, 11, 23, 10, 0, tzinfo=PARIS))
    assert out.count("[#general] Garant: ⏰ Rappel pour sofia : Relancer le client Dupont") == 1


async def test_reminders_read_times_as_french_people_type_them(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /remind 14h Réunion client
        /remind demain 9h30 Relancer Dupont
        /remind "le 3 décembre à 10h" Bilan
        /remind "dans 2 jours" Facture
        /remind 99999999h Jamais
        /remind 15h 30 personnes au stand
        """)  # Monday 23 November, 09:00
    assert "Rappel programmé pour 2026-11-23 14:00 (Europe/Paris)." in out  # not midnight
    assert "Rappel programmé pour 2026-11-24 09:30 (Europe/Paris)." in out
    assert "Rappel programmé pour 2026-12-03 10:00 (Europe/Paris)." in out
    assert "Rappel programmé pour 2026-11-25 09:00 (Europe/Paris)." in out
    assert "Un rappel se programme à un an au plus." in out
    assert "Rappel programmé pour 2026-11-23 15:00 (Europe/Paris)." in out  # not 15:30


async def test_an_ambiguous_time_gets_a_question_not_a_guess(tmp_path, monkeypatch):
    from bot.config import BUNDLED_CONFIG

    config = tmp_path / "garant.yaml"
    config.write_text(BUNDLED_CONFIG.read_text(encoding="utf-8").replace(
        "language: fr", "language: en"), encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /remind 03/12 Call the client
        /remind 25/12 Holidays
        """, config=config)
    assert "\u201c03/12\u201d can be read two ways: 2026-12-03 09:00 or 2027-03-12 09:00. " \
           "Type the one you mean." in out
    assert "Reminder set for 2026-12-25 09:00 (Europe/Paris)." in out  # 25 is no month


async def test_bad_commands_get_clear_answers(tmp_path):
    out = await session(tmp_path / "g.db", """\
        /charter chek bonjour
        /chartre show
        /remind jamais Appeler
        /remind
        :click 1
        :time jamais
        :time 2020-01-01T09:00
        :nope
        """)
    assert "Sous-commande inconnue pour /charter. Possibles : /charter check" in out
    assert "Commande inconnue : « chartre ». Vouliez-vous dire /charter ?" in out
    assert "Je ne comprends pas « jamais »." in out
    assert "Il manque QUAND. Usage : /remind QUAND TEXTE…" in out
    assert "Aucune carte avec des boutons ici." in out
    assert "Heure non comprise : « jamais »." in out
    assert "L'horloge ne recule pas" in out
    assert "Commande console inconnue : :nope." in out


async def test_huge_numbers_and_odd_lines_get_clear_answers_and_never_end_the_console(
        tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user malik
        /remind 99999999999999999999h test
        /queue show 99999999999999999999999999
        /draft show 999999999999
        :time 99999-01-01
        :click 99999999999999999999999
        \x00
        :user
        /help
        """.replace("\\x00", "\x00"))
    assert "Un rappel se programme à un an au plus." in out
    assert "NUMÉRO est trop grand : 12 chiffres au plus." in out
    assert "Aucun brouillon n° 999999999999." in out
    assert "Heure non comprise : « 99999-01-01 »." in out
    assert "erreur interne" not in out and "Traceback" not in out
    assert out.rstrip().splitlines()[-1].startswith("  ")  # /help still answered at the end


async def test_help_lists_commands_for_the_user_roles(tmp_path):
    out = await session(tmp_path / "g.db", ":user lea\n/help\n:user malik\n/help charter\n")
    lea, malik = out.split("Vous êtes malik")
    assert "/charter check TEXTE… — vérifie un texte" in lea
    assert "/charter reload" not in lea
    assert "/charter reload — recharge les chartes" in malik
    assert "/remind" not in malik  # only the charter group was asked for


async def test_user_messages_are_numbered_and_kept(tmp_path):
    db = tmp_path / "g.db"
    out = await session(db, ":user yann\nBonjour l'équipe\n")
    assert "[#general] yann (1): Bonjour l'équipe" in out
    out = await session(db, ":user yann\nJe reviens\n:edit 1 Bonjour à tous\n:edit 1\n")
    assert "[#general] yann (2): Je reviens" in out
    assert "[#general] yann (1, modifié): Bonjour à tous" in out
    assert "Usage : :edit ID TEXTE" in out


@pytest.mark.sqlite  # a file that is not a SQLite database
async def test_unknown_platform_token_and_bad_database(tmp_path):
    bad = tmp_path / "not-a-db"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(RunError):
        await session(bad, "")
    with pytest.raises(RunError, match="--platform discord needs DISCORD_TOKEN"):
        await session(tmp_path / "g.db", "", platforms=("discord",))


# ---------------------------------------------------------------- forms and buttons


BUTTONS = (Button("Pour", "demo:vote:1:yes", "success"),
           Button("Contre", "demo:vote:1:no", "danger"))


def demo_cog(bot: Bot) -> None:
    """A small cog using every piece of the neutral model, as later cogs will."""

    async def start(ctx: Context) -> None:
        await ctx.open_form(Form("demo:new", "Nouvelle idée", (
            FormField("title", "Titre", max_length=20),
            FormField("network", "Réseau", choices=("twitter", "linkedin")),
            FormField("text", "Texte", multiline=True),
            FormField("note", "Note", required=False),
        )))

    async def submitted(ctx: Context, values: dict[str, str]) -> None:
        if "interdit" in values["title"]:
            raise FormInvalid({"title": "pas ce mot-là"}, values)
        card = Card(f"Idée : {values['title']}", values["text"],
                    (("Réseau", values["network"]), ("Par", ctx.user.name)), BUTTONS,
                    key="demo:1")
        await ctx.bot.send(ChannelRef.named("drafts"), card)

    async def vote(ctx: Context, id: int, choice: str) -> None:
        if not ctx.can("member"):
            await ctx.private("Réservé aux membres.")
            return
        await ctx.bot.update_card(Card("Idée : votée", f"{ctx.user.name} a voté {choice}",
                                       buttons=BUTTONS, key="demo:1"))
        await ctx.private(f"Vote enregistré : {choice}")

    bot.add_command(Command(("demo",), "core.help.help", start, permission="member"))
    bot.on_form("demo:new", submitted)
    bot.on_action("demo:vote:{id:int}:{choice}", vote)


@pytest.fixture
def with_demo_cog(monkeypatch):
    original = Bot.load_cogs

    def load_cogs(self, names=None):
        original(self, ("core", "charter"))
        demo_cog(self)

    monkeypatch.setattr(Bot, "load_cogs", load_cogs)


async def test_forms_cards_and_buttons(tmp_path, with_demo_cog):
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        /demo
        un titre interdit
        facebook
        Première ligne
        Deuxième ligne
        .

        linkedin
        un bon titre
        :user lea
        :channel drafts
        :click 1
        :user invité
        :click 1
        """)
    assert "Formulaire « Nouvelle idée » (:cancel pour abandonner)" in out
    assert "  Réseau (twitter / linkedin) ?" in out
    assert "  Texte (plusieurs lignes ; terminez par une ligne contenant seulement « . ») ?" in out
    assert "  Note (facultatif) ?" in out
    assert "  ! Réseau : Choisissez parmi : twitter, linkedin." in out
    assert "  ! Titre : pas ce mot-là" in out
    assert "[#drafts] Garant: ▶ Idée : un bon titre  [carte " in out
    assert "    Première ligne\n    Deuxième ligne" in out
    assert "    • Réseau : linkedin" in out
    assert "    [1] Pour  [2] Contre" in out
    assert "Garant (carte " in out and "modifiée): ▶ Idée : votée" in out
    assert "(pour vous seul) Vote enregistré : yes" in out
    assert "(pour vous seul) Réservé aux membres." in out
    # After a restart the card's buttons still work, by card number.
    card_id = out.split("[#drafts] Garant: ▶ Idée : un bon titre  [carte ")[1].split("]")[0]
    out = await session(db, f":user yann\n:channel drafts\n:click {card_id}.2\n")
    assert "(pour vous seul) Vote enregistré : no" in out


async def test_cancel_a_form(tmp_path, with_demo_cog):
    out = await session(tmp_path / "g.db", ":user sofia\n/demo\n:cancel\nBonjour\n")
    assert "Formulaire abandonné." in out
    assert "[#general] sofia (1): Bonjour" in out


async def test_console_commands_during_a_form_are_not_stored_as_answers(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        :channel drafts
        /draft new
        Soldes d'hiver
        :help
        Acme
        :user malik
        /draft list
        /draft new
        Relance
        """)
    assert "Un formulaire est ouvert : répondez à la question, ou :cancel pour l'abandonner" in out
    assert out.count("Formulaire abandonné.") == 1
    assert "Vous êtes malik" in out
    assert "Aucun brouillon" in out  # nothing was submitted with ":user malik" as an answer
    assert out.rstrip().endswith("Fin de l'entrée avant la fin du formulaire : rien n'a été "
                                 "envoyé.")


async def test_a_misspelt_user_is_not_created_silently(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofai
        :user sofai!
        :user invité
        """)
    assert "Personne ne s'appelle sofai ici. Vouliez-vous dire sofia ? Pour créer sofai quand " \
           "même : :user sofai!" in out
    assert "Vous êtes sofai (aucun rôle)." in out  # asked for explicitly
    assert "Vous êtes invité (aucun rôle)." in out  # close to nobody: a guest


async def test_the_directors_title_follows_the_person(tmp_path):
    from bot.config import BUNDLED_CONFIG

    config = tmp_path / "garant.yaml"
    config.write_text(BUNDLED_CONFIG.read_text(encoding="utf-8")
                      + "\ndirector_title: directrice de publication\n", encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /draft unveto 1
        Mon numéro : 06 12 34 56 78
        :user malik
        :channel moderation
        :click 4
        À voir avec la direction
        """, config=config)
    assert "réservé au rôle « directrice de publication »" in out
    assert "Signalement n° 1 transmis à la directrice de publication." in out
    assert "directeur" not in out


async def test_a_charter_that_no_longer_loads_is_explained_in_the_team_language(tmp_path):
    """/charter reload keeps the previous version and says why, in French, with the place
    of the mistake (it used to read "unknown charter 'fournil'" in a French chat)."""
    charters = tmp_path / "charters"
    charters.mkdir()
    mine = charters / "fournil.yaml"
    mine.write_text("name: fournil\ntitle: Le Fournil\nextends: base\nrules: []\n",
                    encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(f"language: fr\ntimezone: Europe/Paris\ncharters_dir: {charters}\n"
                      "roles:\n  members: [malik]\n  moderators: [malik]\n"
                      "channels:\n  moderated:\n    general: fournil\n", encoding="utf-8")
    mine_broken = "name: fournil\nextends: boulangerie\nrules:\n  - id: a\n    kind: forbiden\n"

    async def break_it(bot):  # the file is edited while Garant runs
        mine.write_text(mine_broken, encoding="utf-8")

    out = await session(tmp_path / "g.db", ":user malik\n/charter reload\n", config=config,
                        on_ready=break_it)
    assert "⚠ Erreur, l'ancienne version reste en service : " + str(mine) + ":2:10: charte " \
        "inconnue « boulangerie »" in out
    assert "unknown" not in out
