"""The mistakes people make in garant.yaml, .env and routine files read in French too,
at the same place, and their English is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config
from bot.credentials import load_secrets
from bot.located.yamlsrc import SourceError
from bot.platforms import discover
from bot.typography import NARROW_NBSP, NBSP, french
from cogs.drafts.settings import DraftSettings, VoteSettings
from cogs.moderation.settings import ModerationSettings
from cogs.routine.routine_file import load_routine
from cogs.routine.settings import RoutineSettings

SECTIONS = (ModerationSettings, VoteSettings, DraftSettings, RoutineSettings)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named relative to the test's directory, as errors show them."""
    monkeypatch.chdir(tmp_path)


def config_error(body: str) -> SourceError:
    """The error of a garant.yaml read as `garant run` reads it: the core, every section,
    then the unknown sections."""
    Path("garant.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        config = load_config(Path("garant.yaml"), env={})
        for kind in SECTIONS:
            config.read(kind)
        config.check_sections(kind.SECTION for kind in SECTIONS)
    return caught.value


def routine_error(body: str) -> SourceError:
    Path("ours.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_routine(Path("ours.yaml"))
    return caught.value


@pytest.mark.parametrize(("body", "english", "in_french"), [
    # an unknown key, with the one that was meant
    ("langage: fr\n",
     "garant.yaml:1:1: unknown key 'langage' in the config; did you mean 'language'?",
     "garant.yaml:1:1: clé inconnue « langage » dans la configuration ; vouliez-vous dire "
     "« language » ?"),
    ("moderation:\n  reminder_aftr: 24h\n",
     "garant.yaml:2:3: unknown key 'reminder_aftr' in 'moderation'; did you mean "
     "'reminder_after'?",
     "garant.yaml:2:3: clé inconnue « reminder_aftr » dans « moderation » ; vouliez-vous "
     "dire « reminder_after » ?"),
    ("moderation:\n  quiet_hours:\n    - days: [sat]\n      form: '10:00'\n",
     "garant.yaml:4:7: unknown key 'form' in a quiet_hours window; did you mean 'from'?",
     "garant.yaml:4:7: clé inconnue « form » dans une plage de quiet_hours ; vouliez-vous "
     "dire « from » ?"),
    # one text where a list is expected
    ("roles:\n  members: sofia, yann\n",
     "garant.yaml:2:12: 'members' is one text with commas, not a list; write [sofia, yann]",
     "garant.yaml:2:12: « members » est un seul texte avec des virgules, pas une liste ; "
     "écrivez [sofia, yann]"),
    ("roles: [sofia]\n",
     "garant.yaml:1:8: 'roles' must be a mapping of keys, got a list",
     "garant.yaml:1:8: « roles » doit être une table de clés, trouvé : une liste"),
    # times
    ("routine:\n  time: '25:00'\n",
     "garant.yaml:2:9: 'time' must be a time between 00:00 and 23:59, got '25:00'",
     "garant.yaml:2:9: « time » doit être une heure entre 00:00 et 23:59, trouvé : "
     "« 25:00 »"),
    ("routine:\n  time: 24:00\n",
     "garant.yaml:2:9: 'time' must be a time between 00:00 and 23:59, got '24:00'; write "
     "\"00:00\" for midnight",
     "garant.yaml:2:9: « time » doit être une heure entre 00:00 et 23:59, trouvé : "
     "« 24:00 » ; écrivez \"00:00\" pour minuit"),
    ("routine:\n  time: 930\n",
     "garant.yaml:2:9: 'time' must be a time like \"09:30\" (hours:minutes), got '930'",
     "garant.yaml:2:9: « time » doit être une heure comme \"09:30\" (heures:minutes), "
     "trouvé : « 930 »"),
    # the core's keys, and what describes a value in words
    ("timezone: Paris\n",
     "garant.yaml:1:11: 'timezone' must be an IANA time zone name like 'Europe/Paris', got "
     "'Paris'; did you mean 'Europe/Paris'?",
     "garant.yaml:1:11: « timezone » doit être un nom de fuseau horaire IANA comme "
     "« Europe/Paris », trouvé : « Paris » ; vouliez-vous dire « Europe/Paris » ?"),
    ("language: french\n",
     "garant.yaml:1:11: 'language' must be one of fr, en, got 'french'; did you mean 'fr'?",
     "garant.yaml:1:11: « language » doit être l'une des valeurs fr, en (trouvé : "
     "« french ») ; vouliez-vous dire « fr » ?"),
    ("moderation:\n  moderators_exempt: maybe\n",
     "garant.yaml:2:22: 'moderators_exempt' must be true or false, got 'maybe'",
     "garant.yaml:2:22: « moderators_exempt » doit valoir true ou false, trouvé : « maybe »"),
    ("channels:\n  review_queue: [a, b]\n",
     "garant.yaml:2:17: 'review_queue' must be a channel name, got a list",
     "garant.yaml:2:17: « review_queue » doit être un nom de salon, trouvé : une liste"),
    ("votes:\n  deadline: 48\n",
     "garant.yaml:2:13: 'deadline' needs a unit: 48h for hours, 48d for days (or s, m), got "
     "'48'",
     "garant.yaml:2:13: « deadline » doit avoir une unité : 48h pour des heures, 48j pour des "
     "jours (ou s, m), trouvé : « 48 »"),
    ("drafts:\n  clients:\n    acme:\n",
     "garant.yaml:3:10: client 'acme' needs the name of its charter, like 'acme: coop-fr', "
     "got nothing",
     "garant.yaml:3:10: client « acme » doit avoir le nom de sa charte, comme "
     "« acme: coop-fr », trouvé : aucune valeur"),
    # a secret in the config
    ("discord:\n  token: abc\n",
     "garant.yaml:2:3: 'token' looks like a secret, and secrets never go in the config file: "
     "set DISCORD_TOKEN in the environment or in a .env file; if this file was ever shared, "
     "revoke the value written here",
     "garant.yaml:2:3: « token » ressemble à un secret, et les secrets ne vont jamais dans le "
     "fichier de configuration : définissez DISCORD_TOKEN dans l'environnement ou dans un "
     "fichier .env ; si ce fichier a déjà été partagé, révoquez la valeur écrite ici"),
])
def test_a_config_mistake_reads_in_french_and_in_unchanged_english(
        body: str, english: str, in_french: str) -> None:
    error = config_error(body)
    assert str(error) == english
    assert error.text("en") == english
    assert error.text("fr") == french(in_french)


@pytest.mark.parametrize(("body", "english", "in_french"), [
    ("name: ours\ntitle: Ours\nsections:\n  - id: tw\n    title: Twitter\n    actions:\n"
     "      - id: tw-a\n        lable: Répondre\n",
     "ours.yaml:8:9: unknown key 'lable' in an action; did you mean 'label'?",
     "ours.yaml:8:9: clé inconnue « lable » dans une action ; vouliez-vous dire « label » ?"),
    ("name: ours\ntitle: Ours\nsections: twitter\n",
     "ours.yaml:3:11: 'sections' must be a list of sections (each starting with '- id: ...'), "
     "got 'twitter'",
     "ours.yaml:3:11: « sections » doit être une liste de sections (chacune commençant par "
     "« - id: ... »), trouvé : « twitter »"),
    ("name: Our Routine\n",
     "ours.yaml:1:7: routine name 'Our Routine' must be lowercase letters, digits and '-' (at "
     "most 40, e.g. tw-reply): it is typed in commands and carried by buttons",
     "ours.yaml:1:7: nom de routine « Our Routine » ne doit contenir que des minuscules, des "
     "chiffres et des « - » (40 au plus, par ex. tw-reply) : on le tape dans les commandes "
     "et les boutons le transportent"),
    ("name: ours\n",
     "ours.yaml:1:1: missing required key 'title'",
     "ours.yaml:1:1: clé obligatoire « title » absente"),
    ("name: ours\ntitle: Ours\nsections:\n  - id: tw\n    title: Twitter\n    actions:\n"
     "      - id: tw-a\n        label: A\n  - id: tw\n    title: Encore\n",
     "ours.yaml:9:9: section id 'tw' is already used at line 4; ids must be unique",
     "ours.yaml:9:9: identifiant de section « tw » déjà utilisé à la ligne 4 ; les "
     "identifiants doivent être uniques"),
    ("name: ours\nname: again\n",
     "ours.yaml:2:1: duplicate key 'name' (first defined at line 1)",
     "ours.yaml:2:1: clé « name » en double (déjà définie à la ligne 1)"),
])
def test_a_routine_file_mistake_reads_in_french_and_in_unchanged_english(
        body: str, english: str, in_french: str) -> None:
    error = routine_error(body)
    assert str(error) == english
    assert error.text("fr") == french(in_french)


def test_french_spacing_is_applied_to_the_sentence_not_to_what_people_wrote() -> None:
    error = config_error("roles:\n  members: 'a : b, c'\n")
    assert error.text("fr") == (
        f"garant.yaml:2:12: «{NARROW_NBSP}members{NARROW_NBSP}» est un seul texte avec des "
        f"virgules, pas une liste{NARROW_NBSP}; écrivez [a : b, c]")
    error = config_error("routine:\n  time: nope\n")
    assert error.text("fr") == (
        f"garant.yaml:2:9: «{NARROW_NBSP}time{NARROW_NBSP}» doit être une heure comme "
        f"\"09:30\", trouvé{NBSP}: «{NARROW_NBSP}nope{NARROW_NBSP}»")


def test_a_missing_config_file_and_an_unreadable_env_read_in_french(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        load_config(Path("nowhere.yaml"), env={})
    assert str(caught.value) == "nowhere.yaml: no such config file (given with --config)"
    assert caught.value.text("fr") == french(
        "nowhere.yaml : fichier de configuration introuvable (donné par --config)")
    Path(".env").mkdir()
    with pytest.raises(SourceError) as caught:
        load_secrets(discover().values(), {}, Path(".env"))
    assert str(caught.value) == ".env: is a directory, expected a .env file"
    assert caught.value.text("fr") == french(".env : c'est un dossier, pas un fichier .env")
