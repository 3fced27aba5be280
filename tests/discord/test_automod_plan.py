"""Planning the AutoMod mirror of charters (pure): limits, updates, reports."""

from __future__ import annotations

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.platforms.discord import automod
from bot.platforms.discord.automod import CharterWords, Server, charter_words, plan_automod

BOT = "900"
CHANNELS = {"1": "general", "2": "moderation", "3": "random"}


def server(**changes) -> Server:
    values = dict(channels=CHANNELS, coverage={"coop": frozenset({"1"})}, existing=(),
                  bot_id=BOT, alert_channel_id="2", exempt_role_ids=("50",),
                  exempt_role_names=("Partenaires",))
    values.update(changes)
    return Server(**values)


def words(name: str = "coop", terms=("connard", "Con*", "fils de"), exceptions=("conseil",),
          others=()) -> CharterWords:
    return CharterWords(name, tuple((t, "insultes") for t in terms), tuple(exceptions),
                        tuple(others))


def ours(rule_id: str, charter: str) -> dict:
    return {"id": rule_id, "name": automod.RULE_PREFIX + charter, "creator_id": BOT,
            "trigger_type": 1}


def test_the_bundled_charter_gives_its_blocking_words_and_names_the_rest():
    charter = CharterLibrary([bundled_charters_dir()]).load("coop-fr")
    found = charter_words("coop-fr", charter.rules)
    terms = [t for t, _ in found.keywords]
    assert "connard" in terms and all(rule == "insultes" for _, rule in found.keywords)
    assert ("donnees-bancaires", "personal_data") in found.other_rules
    assert "grossieretes" not in {rule for _, rule in found.keywords}  # flag, not block


def test_a_first_sync_creates_one_rule_scoped_to_the_charter_channels():
    plan = plan_automod([words()], server(), "Bloqué par la charte.")
    assert not plan.update and not plan.delete and not plan.problems
    (created,) = plan.create
    payload = created.payload
    assert payload["name"] == "Garant · coop" and payload["trigger_type"] == 1
    assert payload["trigger_metadata"] == {"keyword_filter": ["connard", "con*", "fils de"],
                                           "allow_list": ["conseil"]}
    assert payload["exempt_channels"] == ["2", "3"]
    assert payload["exempt_roles"] == ["50"]
    assert payload["actions"] == [
        {"type": 1, "metadata": {"custom_message": "Bloqué par la charte."}},
        {"type": 2, "metadata": {"channel_id": "2"}}]
    assert (created.keywords, created.channels) == (3, 1)


def test_a_second_sync_updates_its_own_rules_deletes_stale_ones_and_leaves_others_alone():
    existing = (ours("10", "coop"), ours("11", "old"),
                {"id": "12", "name": "Garant · coop", "creator_id": "7", "trigger_type": 1})
    plan = plan_automod([words()], server(existing=existing), "x")
    assert not plan.create
    assert [(p.rule_id, p.name) for p in plan.update] == [("10", "Garant · coop")]
    assert "trigger_type" not in plan.update[0].payload  # cannot change on an edit
    assert plan.delete == [("11", "Garant · old")]


def test_six_keyword_rules_at_most_counting_the_ones_people_made():
    others = tuple({"id": str(i), "name": f"r{i}", "creator_id": "7", "trigger_type": 1}
                   for i in range(5))
    coverage = {"a": frozenset({"1"}), "b": frozenset({"3"})}
    plan = plan_automod([words("a"), words("b")], server(coverage=coverage, existing=others),
                        "x")
    assert [p.charter for p in plan.create] == ["a"]
    assert plan.problems == [automod.Problem("no_room", {"charter": "b", "max": 6,
                                                         "others": 5})]


def test_what_exceeds_the_limits_is_reported_precisely():
    terms = ["x" * 61, *(f"mot{i}" for i in range(1001))]
    exceptions = [f"ok{i}" for i in range(101)]
    plan = plan_automod([words(terms=terms, exceptions=exceptions,
                               others=(("iban", "personal_data"),))], server(), "x")
    codes = [(p.code, dict(p.values)) for p in plan.problems]
    assert codes[0] == ("kind", {"rule": "iban", "kind": "personal_data", "charter": "coop"})
    assert codes[1] == ("too_long", {"term": "x" * 61, "rule": "insultes", "charter": "coop",
                                     "max": 60})
    assert codes[2] == ("too_many_keywords", {"charter": "coop", "count": 1001, "max": 1000,
                                              "dropped": 1, "example": "mot1000"})
    assert codes[3][0] == "too_many_exceptions" and codes[3][1]["example"] == "ok100"
    payload = plan.create[0].payload["trigger_metadata"]
    assert len(payload["keyword_filter"]) == 1000 and len(payload["allow_list"]) == 100


def test_a_charter_needing_more_than_fifty_channel_exemptions_is_not_mirrored():
    channels = {str(i): f"c{i}" for i in range(60)}
    plan = plan_automod([words()], server(channels=channels,
                                          coverage={"coop": frozenset({"0"})}), "x")
    assert not plan.create
    assert plan.problems[0].code == "too_many_channels"
    assert plan.problems[0].values["count"] == 59


def test_more_than_twenty_exempt_roles_are_reported():
    ids = tuple(str(i) for i in range(22))
    plan = plan_automod([words()], server(exempt_role_ids=ids,
                                          exempt_role_names=tuple(f"r{i}" for i in ids)), "x")
    assert plan.problems[0] == automod.Problem("too_many_roles", {"count": 22, "max": 20,
                                                                  "example": "r20"})
    assert len(plan.create[0].payload["exempt_roles"]) == 20


def test_every_report_line_exists_in_french_and_english():
    from bot.i18n import Catalog

    catalog = Catalog()
    catalog.add(automod.MESSAGES)  # refuses a missing language or mismatched placeholders
    for code in ("too_long", "too_many_keywords", "too_many_exceptions", "no_room",
                 "too_many_channels", "kind", "user_exempt", "unknown_exempt",
                 "too_many_roles"):
        assert f"discord.automod.problem.{code}" in set(catalog.keys())
    assert len(catalog.text("fr", "discord.automod.blocked")) <= 150
    assert len(catalog.text("en", "discord.automod.blocked")) <= 150
