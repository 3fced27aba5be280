"""A cog that lives outside `cogs/` (tests/cogs/hello) brings its own settings, table,
routes and figures: loaded by module path, nothing else in the project changes."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from bot.host import Bot
from bot.run import RunError, RunOptions, run
from bot.typography import plain
from tests import database
from tests.test_console import MONDAY_9


@pytest.fixture(autouse=True)
def with_hello(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Bot.load_cogs

    def load_cogs(self: Bot, names: object = None) -> None:
        original(self, ("core", "charter", "reports", "routine"))
        self.load_cog("tests.cogs.hello")

    monkeypatch.setattr(Bot, "load_cogs", load_cogs)


async def session(folder: Path, config: str, script: str) -> str:
    path = folder / "garant.yaml"
    path.write_text(textwrap.dedent(config), encoding="utf-8")
    out = io.StringIO()
    await run(RunOptions(config=path, database=folder / "g.db", now=MONDAY_9),
              io.StringIO(textwrap.dedent(script)), out, env={})
    return plain(out.getvalue())


CONFIG = """\
roles:
  members: [sofia]
hello:
  greeting: Salut
"""


async def test_its_settings_table_button_and_figures(tmp_path: Path) -> None:
    out = await session(tmp_path, CONFIG, """\
        :user sofia
        /hello
        :click 1
        /stats
        """)
    assert "Salut sofia ! Salut n° 1." in out
    assert "Salut sofia ! Salut n° 2." in out  # the button's route, typed
    assert "    Salutations — 2" in out  # its figures in /stats
    with database.connect(tmp_path / "g.db") as db:
        versions = dict(db.execute("SELECT component, version FROM schema_migrations"))
        greeted = db.execute("SELECT user_key FROM hello_greetings").fetchall()
    db.close()
    assert versions["cog.hello"] == 1
    assert greeted == [("local:sofia",), ("local:sofia",)]


async def test_its_section_is_checked_like_the_core(tmp_path: Path) -> None:
    with pytest.raises(RunError, match=r"garant.yaml:2:3: unknown key 'greting' in 'hello'; "
                                       r"did you mean 'greeting'\?"):
        await session(tmp_path, "hello:\n  greting: Salut\n", "")
    with pytest.raises(RunError, match=r"garant.yaml:1:1: unknown key 'helo' in the config; "
                                       r"did you mean 'hello'\?"):
        await session(tmp_path, "helo:\n  greeting: Salut\n", "")


async def test_a_non_member_is_refused_by_its_route(tmp_path: Path) -> None:
    out = await session(tmp_path, CONFIG, """\
        :user sofia
        /hello
        :user lea
        :channel general
        :click 1
        """)
    assert "Vous n'avez pas le droit de faire cela : réservé au rôle « membre »." in out
