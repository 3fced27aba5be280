"""Two teams served by one process (`garant run --tenants DIR`), each on its own Slack
workspace (two fake Slack servers), with its own charter, roles and database: what one
flags the other does not, and neither sees the other's rows."""

from __future__ import annotations

import asyncio
import io
import json
import textwrap
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.cli import main
from bot.run import RunError, RunOptions
from bot.tenants import Tenant, build_all, database, environment, find, serve_all
from tests.slack.fake_slack import BOT_TOKEN, TEAM, FakeSlack
from tests.slack.harness import (
    GENERAL,
    MODERATION,
    MONDAY_10,
    SECRET,
    SOFIA,
    sign,
    workspace,
)

CONFIG = """\
language: fr
timezone: Europe/Paris
roles:
  members: [USOFIA, UMALIK, UCAMILLE, ULEA, UYANN]
  moderators: ["@moderateurs"]
  director: [UCAMILLE]
charters_dir: charters
channels:
  moderated:
    general: {charter}
  review_queue: moderation
moderation:
  quiet_hours: null
"""

#: Tenant "fruits" forbids a word the co-op's charter (coop-fr) lets through.
FRUITS = """\
name: fruits
title: Charte des fruits
language: fr
rules:
  - id: pas-de-banane
    kind: forbidden
    words: [banane]
    level: error
    action: flag
    message: "Pas de « {match} » ici."
    examples:
      bad: ["Une banane"]
      good: ["Une pomme"]
"""


def tenant(root: Path, name: str, charter: str, fake: FakeSlack) -> Path:
    folder = root / name
    (folder / "charters").mkdir(parents=True)
    (folder / "garant.yaml").write_text(CONFIG.format(charter=charter), encoding="utf-8")
    (folder / "charters" / "fruits.yaml").write_text(FRUITS, encoding="utf-8")
    (folder / ".env").write_text(
        f"SLACK_BOT_TOKEN={BOT_TOKEN}\nSLACK_SIGNING_SECRET={SECRET}\n"
        f"GARANT_SLACK_API_BASE={fake.api_base}\nGARANT_SLACK_HOST=127.0.0.1\n"
        "GARANT_SLACK_DM_INTERVAL=0\n", encoding="utf-8")
    return folder


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FakeSlack, FakeSlack]]:
    coop, client = await workspace(FakeSlack()).start(), await workspace(FakeSlack()).start()
    try:
        yield coop, client
    finally:
        await coop.stop()
        await client.stop()


async def say(port: int, text: str, n: int, team: str = TEAM) -> None:
    """Sofia says `text` in #general of `team`'s workspace (event n)."""
    ts = f"{MONDAY_10.timestamp():.0f}.{n:06d}"
    body = json.dumps({
        "token": "legacy", "team_id": team, "api_app_id": "A0GARANT",
        "type": "event_callback", "event_id": f"Ev{n:04d}", "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": "UGARANT", "is_bot": True}],
        "event": {"type": "message", "channel": GENERAL, "user": SOFIA, "text": text,
                  "ts": ts, "channel_type": "channel", "event_ts": ts}})
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{port}/slack/events", data=body,
            headers={"Content-Type": "application/json", **sign(body)}) as response:
        assert response.status == 200


async def test_two_teams_in_one_process_keep_their_charters_and_their_data_apart(
        tmp_path: Path, fakes: tuple[FakeSlack, FakeSlack]) -> None:
    coop, client = fakes
    root = tmp_path / "tenants"
    tenant(root, "coop", "coop-fr", coop)
    tenant(root, "client_a", "fruits", client)
    from bot.clock import ManualClock

    options = RunOptions(clock=ManualClock(MONDAY_10), port=0)
    built = await build_all(root, options, io.StringIO(), {})
    assert [t.name for t, _ in built] == ["client_a", "coop"]
    serving = asyncio.create_task(serve_all(built, options))
    try:
        ports = {}
        for t, runtime in built:
            ports[t.name] = await runtime.bot.platforms["slack"].wait_listening()  # type: ignore[attr-defined]
        await say(ports["coop"], "Rejoins mon serveur discord.gg/promo-gratuite", 1)
        await say(ports["coop"], "Une banane pour le goûter", 2)
        await say(ports["client_a"], "Rejoins mon serveur discord.gg/promo-gratuite", 3)
        await say(ports["client_a"], "Une banane pour le goûter", 4)
        (coop_card,) = await coop.wait_for("chat.postMessage", channel=MODERATION)
        (client_card,) = await client.wait_for("chat.postMessage", channel=MODERATION)
        assert "discord.gg" in coop_card.text() and "banane" not in coop_card.text()
        assert "banane" in client_card.text() and "discord.gg" not in client_card.text()
        stores = {t.name: runtime.store for t, runtime in built}
        for name, expected in (("coop", "%discord.gg%"), ("client_a", "%banane%")):
            rows = await stores[name].fetchall("SELECT text FROM review_items")
            assert len(rows) == 1 and expected.strip("%") in rows[0]["text"]
        # Each tenant's database is its own: a file in its folder (or a schema).
        assert stores["coop"].path != stores["client_a"].path
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)


def test_a_tenant_s_secrets_are_its_own(tmp_path: Path, fakes: tuple[FakeSlack, FakeSlack]
                                         ) -> None:
    coop, _ = fakes
    folder = tenant(tmp_path, "coop", "coop-fr", coop)
    [found] = find(tmp_path)
    env = environment(found, {"SLACK_BOT_TOKEN": "xoxb-of-another-team", "LANG": "fr_FR"})
    assert env["SLACK_BOT_TOKEN"] == BOT_TOKEN and env["LANG"] == "fr_FR"
    (folder / ".env").write_text("", encoding="utf-8")  # no token of its own: none at all
    env = environment(found, {"SLACK_BOT_TOKEN": "xoxb-of-another-team"})
    assert "SLACK_BOT_TOKEN" not in env


async def test_a_tenant_without_a_chat_token_or_a_bad_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "coop"
    folder.mkdir()
    (folder / "garant.yaml").write_text(textwrap.dedent(CONFIG.format(charter="base")).replace(
        "charters_dir: charters\n", ""), encoding="utf-8")
    with pytest.raises(RunError, match="tenant coop: no chat platform token"):
        await build_all(tmp_path, RunOptions(), io.StringIO(), {})
    (folder / ".env").write_bytes(b"SLACK_BOT_TOKEN=caf\xe9\n")  # Latin-1, not UTF-8
    with pytest.raises(RunError, match=r"tenant coop: .*not UTF-8"):
        await build_all(tmp_path, RunOptions(), io.StringIO(), {})
    (tmp_path / "Bad Name").mkdir()
    (tmp_path / "Bad Name" / "garant.yaml").write_text("language: fr\n", encoding="utf-8")
    with pytest.raises(RunError, match="lowercase letters"):
        find(tmp_path)


def test_the_command_line_refuses_tenants_with_a_config_or_a_frozen_clock(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--tenants", str(tmp_path), "--now", "2026-11-23T09:00"]) == 2
    assert "--tenants" in capsys.readouterr().err
    assert main(["run", "--tenants", str(tmp_path / "none")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_on_postgresql_each_tenant_is_a_schema_of_the_shared_database(tmp_path: Path) -> None:
    coop = Tenant("coop", tmp_path / "coop")
    assert database(coop, "postgresql://garant@db/agence?sslmode=require&search_path=x") == \
        "postgresql://garant@db/agence?sslmode=require&search_path=coop"
    assert database(coop, None) is None  # its own config's database (a file in its folder)
    with pytest.raises(RunError, match="PostgreSQL URL"):
        database(coop, tmp_path / "shared.db")
