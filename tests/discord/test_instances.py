"""One Discord bot across instances and teams: each instance connects its shard
(`garant run --shard I/N`), and a team reads only its own server (`discord.guild_id`),
so one bot token may serve several teams without two of them answering one message."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.clock import ManualClock
from bot.model import Button, Card, UserRef
from bot.run import RunError
from tests.discord.conftest import CONFIG, MODERATION_ROLE, running_bot
from tests.discord.fake import GUILD_ID, FakeDiscord
from tests.discord.helpers import raw_custom_ids

OTHER_SERVER = "900000000000000009"


async def test_an_instance_connects_its_shard_and_reads_only_its_team_s_server(
        fake: FakeDiscord, config_file: Path, clock: ManualClock) -> None:
    async with running_bot(fake, config_file, clock, shard=(1, 2)) as garant:
        assert fake.identified[-1]["shard"] == [1, 2]
        general, queue = fake.channel_id("general"), fake.channel_id("moderation")
        # The same invitation, first from another team's server the bot is also in.
        sofia = fake.user_id("sofia")
        elsewhere = fake.message_payload(
            general, fake.members[sofia]["user"], "Rejoins discord.gg/promo-gratuite",
            guild_id=OTHER_SERVER, member=fake.member_payload(sofia, with_user=False))
        await fake.dispatch("MESSAGE_CREATE", elsewhere)
        mark = fake.mark()
        await fake.user_says("sofia", "general", "Rejoins discord.gg/promo-gratuite")
        await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
        rows = await garant.bot.store.fetchall("SELECT message_id FROM review_items")
        assert [r["message_id"] for r in rows] != [elsewhere["id"]]
        assert len(rows) == 1
        # A command from the other server is left to the team whose server it is.
        mark = fake.mark()
        other = await fake.slash("malik", "general", "charter", "check", text="Bonjour",
                                 guild_id=OTHER_SERVER)
        own = await fake.slash("malik", "general", "charter", "check", text="Bonjour")
        await fake.answer(own, mark)
        assert not [r for r in fake.requests[mark:] if other["id"] in r.path]


def test_the_shard_option_says_what_it_expects() -> None:
    parser = build_parser()
    assert parser.parse_args(["run", "--shard", "0/2"]).shard == (0, 2)
    for wrong in ("2/2", "a/2", "1", "-1/2"):
        with pytest.raises(SystemExit):
            parser.parse_args(["run", "--shard", wrong])


async def test_an_instance_whose_shard_is_not_the_server_s_starts_at_once_and_says_so(
        fake: FakeDiscord, config_file: Path, clock: ManualClock,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="bot.platforms.discord")
    async with running_bot(fake, config_file, clock, shard=(0, 2)):
        assert fake.identified[-1]["shard"] == [0, 2]
    said = [r.getMessage() for r in caplog.records if r.name.startswith("bot.platforms.discord")]
    assert any("is on shard 1 of 2" in line for line in said), said
    assert not any("not a member" in line for line in said)


async def test_a_button_in_a_direct_message_is_answered_by_its_own_team_only(
        fake: FakeDiscord, config_file: Path, clock: ManualClock) -> None:
    """A click in a DM carries no server: the buttons are marked with the team's, so
    teams sharing one bot each answer only their own (and forms only they hold)."""
    async with running_bot(fake, config_file, clock) as garant:
        sofia = fake.user_id("sofia")
        await garant.bot.send(UserRef("discord", sofia), Card(
            "Rappel", buttons=(Button("Fait", "routine:done:1"),)))
        await garant.bot.flush()
        (dm,) = [m for m in fake.bot_messages("sofia") if m.get("components")]
        (marked,) = raw_custom_ids(dm)
        assert marked == f"~g{GUILD_ID}:routine:done:1"
        # What the gateway hands on (a click in a DM carries no server id):
        client = garant.platform.client
        dm_click = fake.interaction(3, "sofia", dm["channel_id"], {}, message=dm)
        for custom_id, ours in ((marked, True), (f"~g{OTHER_SERVER}:routine:done:1", False),
                                ("~f:0123456789abcdef", False),  # a form another team holds
                                ("routine:done:1", True)):  # a button of before the marks
            dm_click["data"] = {"custom_id": custom_id, "component_type": 2}
            assert client._ours(dm_click) is ours, custom_id
        # And the click on the marked button is answered, end to end.
        mark = fake.mark()
        await fake.answer(await fake.click("sofia", dm, "routine:done:1"), mark)



async def test_teams_sharing_a_bot_in_one_process_share_one_gateway_session(
        fake: FakeDiscord, tmp_path: Path, clock: ManualClock) -> None:
    """Two teams on one bot (tenants): one IDENTIFY, not one per team; each server's
    messages reach its own team; the session outlives a team that stops."""
    def config(name: str, guild: str) -> Path:
        (tmp_path / name).mkdir()
        path = tmp_path / name / "garant.yaml"
        path.write_text(textwrap.dedent(CONFIG).format(moderators=MODERATION_ROLE,
                                                       guild=guild), encoding="utf-8")
        return path

    ours, theirs = config("ours", GUILD_ID), config("theirs", OTHER_SERVER)
    async with running_bot(fake, ours, clock) as garant:
        async with running_bot(fake, theirs, clock) as other:
            assert len(fake.identified) == 1
            assert other.platform.client is garant.platform.client
            mark = fake.mark()
            await fake.user_says("sofia", "general", "Rejoins discord.gg/promo-gratuite")
            await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}"
                                    "/messages", mark)
            assert len(await garant.bot.store.fetchall("SELECT id FROM review_items")) == 1
            assert await other.bot.store.fetchall("SELECT id FROM review_items") == []
        # The other team stopped: this one is still connected, on the same session.
        mark = fake.mark()
        await fake.user_says("sofia", "general", "Encore discord.gg/promo-gratuite")
        await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}"
                                "/messages", mark)
        assert len(fake.identified) == 1


async def test_two_teams_may_not_serve_one_server_with_one_bot(
        fake: FakeDiscord, config_file: Path, clock: ManualClock, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    (twin / "garant.yaml").write_text(config_file.read_text(encoding="utf-8"),
                                      encoding="utf-8")
    async with running_bot(fake, config_file, clock):
        with pytest.raises(RunError, match="two teams serve the Discord server"):
            async with running_bot(fake, twin / "garant.yaml", clock):
                pass
