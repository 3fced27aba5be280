"""Rendering the neutral model into Discord's shapes, within Discord's limits (pure)."""

from __future__ import annotations

import base64

import pytest

from bot.cli import main
from bot.model import Button, Card, Command, Form, FormField, MessageAction, Option
from bot.platforms.discord import render
from bot.platforms.kit import dm_delay
from tests.discord.conftest import TOKEN

TEXTS = {
    ("fr", "q.help"): "liste la file", ("en", "q.help"): "list the queue",
    ("fr", "q.show"): "montre un élément", ("en", "q.show"): "show an item",
    ("fr", "opt.id"): "le numéro", ("en", "opt.id"): "the number",
    ("fr", "report"): "Signaler aux modérateurs", ("en", "report"): "Report to moderators",
    ("fr", "discord.group"): "Commandes /{name}", ("en", "discord.group"): "/{name} commands",
    ("fr", "discord.option.text"): "un mot", ("en", "discord.option.text"): "a word",
}


def texts(language: str, key: str) -> str | None:
    return TEXTS.get((language, key))


async def nothing(ctx, **args) -> None:
    return None


def test_long_texts_are_cut_at_line_ends_into_messages_discord_accepts():
    text = "\n".join(f"ligne {i} " + "x" * 90 for i in range(60))
    chunks = render.text_chunks(text)
    assert all(len(c) <= 2000 for c in chunks) and len(chunks) == 3
    assert "\n".join(chunks) == text
    assert render.text_chunks("y" * 4500) == ["y" * 2000, "y" * 2000, "y" * 500]
    assert render.text_chunks("  \n") == []


def test_a_card_becomes_an_embed_within_every_limit():
    card = Card("T" * 300, "texte", tuple((f"champ {i}", f"valeur {i}") for i in range(30)),
                footer="pied", key="review:1")
    embed = render.card_embed(card)
    assert len(embed["title"]) == 256 and embed["title"].endswith("…")
    assert len(embed["fields"]) == 25
    assert embed["description"].endswith("• champ 29 : valeur 29")  # not lost
    assert embed["footer"] == {"text": "pied"}
    huge = render.card_embed(Card("x", "d" * 5000, (("a", "v" * 2000),) * 6))
    size = len(huge["title"]) + len(huge.get("description", "")) + sum(
        len(f["name"]) + len(f["value"]) for f in huge.get("fields", []))
    assert size <= 6000 and all(len(f["value"]) <= 1024 for f in huge["fields"])
    empty = render.card_embed(Card("t", fields=(("", ""),)))
    assert empty["fields"][0]["name"] == "\u200b" == empty["fields"][0]["value"]


def test_buttons_keep_their_action_ids_in_rows_of_five_and_what_cannot_fit_is_reported():
    buttons = tuple(Button(f"b{i}", f"routine:tick:2026-11-23:a{i}") for i in range(26))
    card = Card("t", buttons=(*buttons, Button("long", "x:" + "9" * 120, "danger")))
    specs, problems = render.card_buttons(card)
    assert len(specs) == 25 and specs[0].custom_id == "routine:tick:2026-11-23:a0"
    assert [s.row for s in specs[::5]] == [0, 1, 2, 3, 4]
    assert len(problems) == 2
    assert "more than 25 buttons" in problems[0] and "longer than 100" in problems[1]
    styles = render.card_buttons(Card("t", buttons=(Button("ok", "a:1", "success"),)))[0]
    assert styles[0].style == 3


def test_a_form_becomes_modal_pages_of_five_inputs_prefilled_with_what_was_typed():
    fields = (FormField("title", "Titre", max_length=120, default="Soldes"),
              FormField("network", "Réseau", choices=("twitter", "linkedin")),
              FormField("text", "Texte", multiline=True, max_length=10_000),
              FormField("a", "A"), FormField("b", "B", required=False),
              FormField("minor", "Modification mineure", placeholder="oui ou non"))
    form = Form("draft:edit:1:2", "Modifier le brouillon n° 1", fields)
    pages = render.modal_pages(form, {"network": "Choisissez parmi : twitter, linkedin."},
                               {"title": "Soldes d'hiver"})
    assert [p.title for p in pages] == ["Modifier le brouillon n° 1 (1/2)",
                                        "Modifier le brouillon n° 1 (2/2)"]
    first = {i.name: i for i in pages[0].inputs}
    assert len(first) == 5 and pages[1].inputs[0].name == "minor"
    assert first["title"].value == "Soldes d'hiver"  # typed wins over the default
    assert first["network"].label == "⚠ Réseau"
    assert first["network"].placeholder == "twitter / linkedin"
    assert first["text"].paragraph and first["text"].max_length == 4000
    assert not first["b"].required
    assert pages[1].inputs[0].placeholder == "oui ou non"
    assert render.page_of(pages, "minor") == 1
    assert len(render.modal_pages(Form("x", "T" * 80, fields[:1]), {}, {})[0].title) == 45


def test_submitted_values_are_read_from_action_rows_and_labels():
    components = [{"type": 1, "components": [{"type": 4, "custom_id": "a", "value": "1"}]},
                  {"type": 18, "component": {"type": 4, "custom_id": "b", "value": "2"}}]
    assert render.submitted_values(components) == {"a": "1", "b": "2"}


def commands() -> list[Command]:
    return [
        Command(("queue",), "q.help", nothing),
        Command(("queue", "show"), "q.show", nothing,
                (Option("note", required=False), Option("id", "int", help="opt.id"))),
        Command(("charter", "automod", "sync"), "q.help", nothing, permission="moderator"),
        Command(("warn",), "q.help", nothing, (Option("user", "user"),
                                               Option("reason", "rest"))),
        Command(("pick",), "q.help", nothing, (Option("colour", choices=("bleu", "rouge")),)),
        Command(("a", "b", "c", "d"), "q.help", nothing),
    ]


def test_the_command_tree_groups_by_first_word_with_typed_localised_options():
    tree = render.build_command_tree(commands(), [MessageAction("report", "report", nothing)],
                                     texts, "fr")
    by_name = {c["name"]: c for c in tree.payload}
    queue = by_name["queue"]
    assert queue["description"] == "Commandes /queue"
    assert queue["description_localizations"]["en-US"] == "/queue commands"
    main_, show = queue["options"]
    assert (main_["name"], main_["type"], main_["description"]) == ("main", 1, "liste la file")
    assert main_["description_localizations"] == {"fr": "liste la file",
                                                  "en-US": "list the queue",
                                                  "en-GB": "list the queue"}
    assert [o["name"] for o in show["options"]] == ["id", "note"]  # required first
    assert show["options"][0]["type"] == 4 and show["options"][0]["description"] == "le numéro"
    assert show["options"][1]["description"] == "un mot"  # the type's generic help
    sync = by_name["charter"]["options"][0]
    assert sync["type"] == 2 and sync["options"][0]["name"] == "sync"
    assert [o["type"] for o in by_name["warn"]["options"]] == [6, 3]
    assert by_name["pick"]["options"][0]["choices"] == [{"name": "bleu", "value": "bleu"},
                                                        {"name": "rouge", "value": "rouge"}]
    assert "a" not in by_name and "at most 3 words" in tree.problems[0]
    menu = by_name["Signaler aux modérateurs"]
    assert menu["type"] == 3 and menu["name_localizations"]["en-US"] == "Report to moderators"
    assert tree.menus == {"Signaler aux modérateurs": "report"}
    english = render.build_command_tree(commands(), [], texts, "en")
    assert next(c for c in english.payload if c["name"] == "warn")["description"] == \
        "list the queue"


def test_an_interaction_is_routed_back_to_the_registry_path_and_named_options():
    tree = render.build_command_tree(commands(), [], texts, "fr")
    data = {"name": "queue", "options": [{"type": 1, "name": "show", "options": [
        {"type": 4, "name": "id", "value": 12}]}]}
    assert render.command_call(data, tree) == (("queue", "show"), {"id": 12})
    assert render.command_call({"name": "queue", "options": [{"type": 1, "name": "main"}]},
                               tree) == (("queue",), {})
    warn = {"name": "warn", "options": [{"type": 6, "name": "user", "value": 42},
                                        {"type": 3, "name": "reason", "value": "spam"}]}
    assert render.command_call(warn, tree) == (("warn",), {"user": "42", "reason": "spam"})
    nested = {"name": "charter", "options": [{"type": 2, "name": "automod", "options": [
        {"type": 1, "name": "sync", "options": []}]}]}
    assert render.command_call(nested, tree) == (("charter", "automod", "sync"), {})
    assert render.command_call({"name": "gone"}, tree) is None


def test_direct_messages_are_paced():
    assert dm_delay([], 100.0, 1.0, 5) == 0
    assert dm_delay([99.5], 100.0, 1.0, 5) == pytest.approx(0.5)
    five = [50.0, 60.0, 70.0, 80.0, 90.0]
    assert dm_delay(five, 100.0, 1.0, 5) == pytest.approx(10.0)  # 50 + 60 - 100
    assert dm_delay(five, 100.0, 1.0, 6) == 0
    assert dm_delay(five, 100.0, 0.0, 0) == 0


def test_the_invite_link_has_exactly_the_scopes_and_permissions_needed():
    # Manage Server, View Channels, Send Messages, Manage Messages, Embed Links,
    # Attach Files, Read Message History, Create Public Threads, Send Messages in
    # Threads, Moderate Members.
    bits = sum(1 << b for b in (5, 10, 11, 13, 14, 15, 16, 35, 38, 40))
    assert render.invite_url(123) == ("https://discord.com/oauth2/authorize?client_id=123"
                                      f"&permissions={bits}&scope=bot+applications.commands")
    token = base64.b64encode(b"900000000000000001").decode().rstrip("=") + ".Gabcde." + "y" * 27
    assert render.application_id_from_token(token) == "900000000000000001"
    assert render.application_id_from_token("not-a-token") is None


def test_garant_discord_invite_url(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["discord", "invite-url", "--client-id", "123"]) == 0
    out = capsys.readouterr()
    assert out.out == render.invite_url(123) + "\n"
    assert "Moderate Members" in out.err and "Manage Messages" in out.err
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    assert main(["discord", "invite-url"]) == 0
    assert "client_id=900000000000000001&" in capsys.readouterr().out
    monkeypatch.delenv("DISCORD_TOKEN")
    assert main(["discord", "invite-url"]) == 2
    assert "give --client-id" in capsys.readouterr().err
    assert main(["discord", "invite-url", "--client-id", "abc"]) == 2
