"""The pure half of the Slack adapter: Block Kit, modals, App Home, parsing."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from bot.model import Button, Card, Form, FormField
from bot.platforms.slack.render import (
    FormContext,
    action_id_for,
    action_of,
    card_blocks,
    command_rewriter,
    escape,
    form_errors,
    form_view,
    home_view,
    message_payload,
    parse_body,
    read_view,
    text_blocks,
    truncate,
)
from bot.platforms.slack.wire import (
    display_name,
    is_user_id,
    mention_token,
    parse_message_ref,
    permalink,
    unescape,
)


def mrkdwn_texts(blocks: list[dict]) -> list[str]:
    found = []
    for block in blocks:
        for part in [block.get("text"), *block.get("fields", []), *block.get("elements", [])]:
            if isinstance(part, dict) and part.get("type") == "mrkdwn":
                found.append(part["text"])
    return found


def test_escape_neutralises_pings_and_links():
    assert escape("<!channel> & <@U123> > <https://x.y|ok>") == \
        "&lt;!channel&gt; &amp; &lt;@U123&gt; &gt; &lt;https://x.y|ok&gt;"
    assert unescape(escape("a <b> & c")) == "a <b> & c"
    assert unescape("&amp;lt;") == "&lt;"  # decoded once, as typed


def test_user_text_in_a_card_can_never_ping():
    card = Card("<!here> title", "<!channel> text *bold*",
                fields=(("Auteur <@U1>", "<!everyone> _x_"),), footer="<!here>")
    payload = message_payload(card)
    assert "<!" not in payload["text"] and "&lt;!here&gt;" in payload["text"]
    for text in mrkdwn_texts(payload["blocks"]):
        assert "<" not in text and ">" not in text
    header, body = payload["blocks"][0], payload["blocks"][1]
    assert header["text"]["type"] == "plain_text"  # never parsed: shown as typed
    assert body["text"] == {"type": "plain_text", "text": "<!channel> text *bold*",
                            "emoji": True}
    assert payload["blocks"][-1]["elements"][0]["type"] == "plain_text"


def test_card_limits_are_respected():
    card = Card("T" * 400, "x" * 7000, fields=tuple((f"L{i}", "v" * 3000) for i in range(12)),
                buttons=tuple(Button(f"B{i}" * 50, f"a:{i}") for i in range(30)))
    blocks = card_blocks(card)
    assert len(blocks[0]["text"]["text"]) == 150 and blocks[0]["text"]["text"].endswith("…")
    sections = [b for b in blocks if b["type"] == "section" and "text" in b]
    assert [len(b["text"]["text"]) for b in sections] == [3000, 3000, 1000]
    field_sections = [b for b in blocks if "fields" in b]
    assert [len(b["fields"]) for b in field_sections] == [10, 2]
    assert all(len(f["text"]) <= 2000 for b in field_sections for f in b["fields"])
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [len(b["elements"]) for b in actions] == [25, 5]
    assert all(len(e["text"]["text"]) <= 75 for b in actions for e in b["elements"])


def test_buttons_carry_the_action_in_a_valid_unique_action_id():
    long_action = "draft:vote:" + "9" * 300
    card = Card("t", buttons=(Button("Oui", "x:1", "success"), Button("Non", "x:1", "danger"),
                              Button("Long", long_action)))
    elements = card_blocks(card)[-1]["elements"]
    ids = [e["action_id"] for e in elements]
    assert len(set(ids)) == 3 and all(len(i) <= 255 for i in ids)
    assert [action_of(e) for e in elements] == ["x:1", "x:1", long_action]
    assert [e.get("style") for e in elements] == ["primary", "danger", None]
    assert action_id_for(long_action) == action_id_for(long_action)  # stable across restarts
    assert action_of({"action_id": "only:id"}) == "only:id"


def test_text_messages_are_cut_at_line_ends_into_sections():
    text = "\n".join(f"ligne {i} " + "x" * 90 for i in range(80))
    blocks = text_blocks(text)
    assert len(blocks) == 3
    assert all(len(b["text"]["text"]) <= 3000 for b in blocks)
    assert "\n".join(b["text"]["text"] for b in blocks) == text
    assert text_blocks("") == [{"type": "section", "text": {"type": "plain_text", "text": " ",
                                                            "emoji": True}}]


def test_a_message_too_long_keeps_its_buttons():
    card = Card("t", "\n".join("y" * 2999 for _ in range(60)), buttons=(Button("Go", "go"),))
    blocks = message_payload(card)["blocks"]
    assert len(blocks) == 50
    assert blocks[-1]["type"] == "actions" and blocks[-2]["type"] == "context"


def test_commands_are_rewritten_for_the_slash_command_but_not_urls():
    rewrite = command_rewriter({"help", "draft", "charter"})
    assert rewrite("Tapez /help. Ou /draft new, puis /charter check TEXTE") == \
        "Tapez /garant help. Ou /garant draft new, puis /garant charter check TEXTE"
    assert rewrite("https://exemple.fr/help et a/draft et /helpers /drafts") == \
        "https://exemple.fr/help et a/draft et /helpers /drafts"
    assert command_rewriter({"help"}, "/garant-dev")("(/help)") == "(/garant-dev help)"
    assert command_rewriter(set())("/help") == "/help"


def test_a_card_field_label_keeps_its_bold_and_commands_are_rewritten_outside_the_text():
    rewrite = command_rewriter({"draft"})
    card = Card("Voir /draft show 1", "citation : /draft", fields=(("*Étape*", "/draft edit"),),
                footer="/draft list")
    blocks = card_blocks(card, rewrite)
    assert blocks[0]["text"]["text"] == "Voir /garant draft show 1"
    assert blocks[1]["text"]["text"] == "citation : /draft"  # someone's words: untouched
    assert blocks[2]["fields"][0]["text"] == "*Étape*\n/garant draft edit"
    assert blocks[3]["elements"][0]["text"] == "/garant draft list"


FORM = Form("report:C1:1800000000.000001", "Signaler ce message à la modération (trop long)", (
    FormField("reason", "Raison", choices=("spam", "hors-sujet", "autre")),
    FormField("note", "Note", multiline=True, required=False, max_length=500,
              placeholder="Précisez"),
    FormField("text", "Texte", multiline=True, max_length=10_000, default="Bonjour"),
))


def test_a_form_becomes_a_modal_and_comes_back_from_the_submission():
    where = FormContext(FORM.form_id, "C1", "general", message_id="1800000000.000001")
    view = form_view(FORM, {"reason": "autre"}, where, "Envoyer", "Annuler")
    assert view["title"]["text"] == "Signaler ce message à l…" and len(view["title"]["text"]) == 24
    assert view["callback_id"] == "garant-form"
    reason, note, text = view["blocks"]
    assert [b["block_id"] for b in view["blocks"]] == ["reason", "note", "text"]
    assert reason["element"]["type"] == "static_select"
    assert reason["element"]["initial_option"]["value"] == "autre"
    assert note["optional"] is True and note["element"]["multiline"] is True
    assert note["element"]["placeholder"]["text"] == "Précisez"
    assert text["element"]["max_length"] == 3000  # Slack's ceiling for a text input
    assert text["element"]["initial_value"] == "Bonjour"
    # Slack sends the view back with the state of each input.
    view["state"] = {"values": {
        "reason": {"value": {"type": "static_select", "selected_option": reason["element"]
                             ["options"][1]}},
        "note": {"value": {"type": "plain_text_input", "value": None}},
        "text": {"value": {"type": "plain_text_input", "value": "Salut"}}}}
    form, values, back = read_view(view)
    assert back == where
    assert form.form_id == FORM.form_id
    assert [(f.name, f.required, f.choices) for f in form.fields] == [
        ("reason", True, ("spam", "hors-sujet", "autre")), ("note", False, ()),
        ("text", True, ())]
    assert values == {"reason": "hors-sujet", "note": "", "text": "Salut"}


def test_form_errors_go_on_fields_the_modal_shows():
    assert form_errors({"note": "Précisez", "nowhere": "Oups"}, FORM) == {
        "note": "Précisez", "reason": "Oups"}


def test_too_many_choices_become_a_typed_field_with_a_hint():
    field = FormField("action", "Action", choices=tuple(f"a{i}" for i in range(120)))
    view = form_view(Form("f", "F", (field,)), {}, FormContext("f"), "OK", "Non")
    block = view["blocks"][0]
    assert block["element"]["type"] == "plain_text_input"
    assert block["hint"]["text"].startswith("a0, a1, a2")


def test_form_context_is_compact_and_bounded():
    assert FormContext.load(FormContext("f:1").dump()) == FormContext("f:1")
    assert FormContext("f", "D1", is_dm=True).dump() == '{"f":"f","c":"D1","d":1}'
    with pytest.raises(ValueError, match="private_metadata"):
        FormContext("f" * 3000).dump()


def test_home_view_shows_sections_within_the_limit():
    cards = [Card(f"Carte {i}", "texte", buttons=(Button("Go", f"go:{i}"),)) for i in range(40)]
    view = home_view("Garant", "Bonjour", ["Une ligne", *cards], "Rien")
    assert view["type"] == "home" and len(view["blocks"]) <= 100
    assert view["blocks"][-1] == {"type": "context", "elements": [
        {"type": "plain_text", "text": "…", "emoji": True}]}
    empty = home_view("Garant", "Bonjour", [], "Rien ne vous attend")
    assert empty["blocks"][-1]["text"]["text"] == "Rien ne vous attend"


def test_a_slash_command_containing_payload_is_not_mistaken_for_an_interaction():
    body = urlencode({"command": "/garant", "text": "charter check payload", "user_id": "U1"})
    assert parse_body(body, "application/x-www-form-urlencoded")["text"] == \
        "charter check payload"
    interactive = urlencode({"payload": json.dumps({"type": "block_actions"})})
    assert parse_body(interactive, "application/x-www-form-urlencoded") == {
        "type": "block_actions"}
    assert parse_body('{"type": "event_callback"}', None) == {"type": "event_callback"}
    assert parse_body("", None) == {}


def test_message_references_and_links():
    link = permalink("https://coop.slack.com", "C0GEN", "1700000000.123456")
    assert link == "https://coop.slack.com/archives/C0GEN/p1700000000123456"
    assert parse_message_ref(link) == ("C0GEN", "1700000000.123456")
    assert parse_message_ref(f"<{link}>") == ("C0GEN", "1700000000.123456")
    assert parse_message_ref("C0GEN/1700000000.123456") == ("C0GEN", "1700000000.123456")
    assert parse_message_ref("1700000000.123456") == (None, "1700000000.123456")
    assert parse_message_ref("12") is None
    threaded = permalink("https://coop.slack.com/", "C1", "1.000002", "1.000001")
    assert threaded.endswith("p1000002?thread_ts=1.000001&cid=C1")


def test_people_and_mentions():
    assert is_user_id("U0123ABC") and is_user_id("W0123") and not is_user_id("malik")
    assert mention_token("<@U0123|malik>") == "U0123"
    assert mention_token("@U0123") == "U0123"
    assert display_name({"id": "U1", "name": "m", "profile": {"display_name": "",
                                                               "real_name": "Malik B"}}) == \
        "Malik B"
    assert display_name({"id": "U1"}) == "U1"
    assert truncate("abcdef", 4) == "abc…" and truncate("abc", 4) == "abc"
