"""Roles are per platform: a role entry names a platform-qualified identity, or a name
resolved on each platform; an id of one platform never gives roles on another."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import ManualClock
from bot.config import load_config
from bot.host import Bot
from bot.model import User
from bot.store import Store

CONFIG = """\
roles:
  members: [camille, "slack:U0SOFIA01", "discord:123456789012345678"]
  moderators: ["discord:@Modérateurs", "@moderateurs"]
  director: [U0456EFGH]
"""


async def test_an_id_of_one_platform_gives_no_role_on_another(tmp_path):
    path = tmp_path / "garant.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    async with Store.open(tmp_path / "g.db", clock) as store:
        bot = Bot(load_config(path, env={}), store, clock)
        # The Slack member U0456EFGH is the director; a Discord user who took that text
        # as their name is not, nor is a console user.
        assert bot.roles_of(User("slack", "U0456EFGH", "Camille B")) == {"director"}
        assert bot.roles_of(User("discord", "42", "u0456efgh")) == frozenset()
        assert bot.roles_of(User("local", "u0456efgh", "u0456efgh")) == frozenset()
        # Qualified entries hold on their platform only.
        assert bot.roles_of(User("slack", "U0SOFIA01", "sofia")) == {"member"}
        assert bot.roles_of(User("discord", "7", "U0SOFIA01")) == frozenset()
        assert bot.roles_of(User("discord", "123456789012345678", "lea")) == {"member"}
        assert bot.roles_of(User("slack", "U1", "123456789012345678")) == frozenset()
        assert bot.roles_of(User("discord", "8", "malik", frozenset({"Modérateurs"}))) \
            == {"moderator"}
        # A name without a platform is resolved on each platform.
        assert bot.roles_of(User("slack", "U2", "yann", frozenset({"moderateurs"}))) \
            == {"moderator"}
        assert bot.roles_of(User("discord", "9", "camille")) == {"member"}
        assert bot.config.roles.entries_for("members", "slack", bot.identifier_owner) == [
            "camille", "U0SOFIA01"]
        assert bot.config.roles.entries_for("members", "discord", bot.identifier_owner) == [
            "camille", "123456789012345678"]
