"""The duty roster: moderators on duty hear of each new item; an item left untouched
with nobody on duty goes to the director. Console sessions, the clock injected."""

from __future__ import annotations

from datetime import datetime

from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)

CONFIG = """\
language: fr
timezone: Europe/Paris
roles:
  members: [camille, malik, sofia, yann, lea]
  moderators: [malik, yann]
  director: [camille]
channels:
  moderated:
    general: coop-fr
  review_queue: moderation
moderation:
  quiet_hours: null
  duty:
    - moderators: [malik]
      days: [lun, mar, mer, jeu, ven]
      from: "09:00"
      to: "13:00"
  escalate_after: 2h
"""


async def test_the_moderator_on_duty_is_told_and_unattended_items_reach_the_director(
        tmp_path) -> None:
    config = tmp_path / "garant.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :time 12:00
        :time 14:00
        Et le mien : discord.gg/autre-serveur
        :time 16:00
        """, now=MONDAY_10, config=config)
    assert "[MP à malik] Nouveau signalement n° 1 dans #general (sofia) : vous êtes de " \
           "permanence." in out
    assert "n° 2 dans #general (sofia) : vous êtes" not in out  # 14:00: nobody on duty
    assert "[MP à yann]" not in out  # not on the roster
    # Item 1 waited 2 hours while malik was on duty: it stays his; item 2 goes up.
    assert "signalement n° 1 dans #general attend" not in out
    assert "[MP à camille] Le signalement n° 2 dans #general attend depuis 2 h et personne " \
           "n'est de permanence : il vous revient." in out
