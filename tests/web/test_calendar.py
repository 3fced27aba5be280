"""The publication calendar on the web: the month and the week of planned drafts, with
French month and day names, navigation, and the private iCal feed a calendar app
subscribes to (its address replaced on demand)."""

from __future__ import annotations

from pathlib import Path

import icalendar

from bot.model import User
from bot.platforms.web import auth
from bot.typography import plain
from tests.web.conftest import Site, running_site
from tests.web.test_pages import client, csrf_of, shown


async def plan_two_drafts(site: Site) -> None:
    await site.chat("""\
        :user sofia
        :channel drafts
        /draft new
        Soldes d'hiver
        Boulangerie Martin
        1
        jeudi 9h
        Nos soldes commencent jeudi.
        .
        /draft new
        Galette des rois
        Boulangerie Martin
        1
        le 3 décembre à 14h
        La galette arrive !
        .
        """)


async def test_the_month_shows_each_planned_draft_under_its_day(site: Site) -> None:
    await plan_two_drafts(site)
    async with client() as http:
        await http.get(await site.link_for("yann"))
        async with http.get(f"{site.url}/p/calendar") as response:
            page = shown(await response.text())
        assert response.status == 200
        assert "Calendrier de publication — novembre 2026" in page
        assert ">lun.<" in page and ">dim.<" in page  # CLDR's French day names
        assert "… 09:00 twitter · Boulangerie Martin · n° 1 Soldes d'hiver" in page
        assert "Galette des rois" not in page  # December's
        assert 'href="/p/draft?id=1"' in page
        assert "1 publication prévue ce mois-ci" in page
        async with http.get(f"{site.url}/p/calendar?month=2026-12") as response:
            page = shown(await response.text())
        assert "décembre 2026" in page and "n° 2 Galette des rois" in page
        assert "‹ novembre 2026" in page and "janvier 2027 ›" in page
        async with http.get(f"{site.url}/p/calendar?month=13") as response:
            page = shown(await response.text())
        assert "« 13 » n'est pas un mois (attendu AAAA-MM, comme 2026-12)" in page
        assert "novembre 2026" in page
        async with http.get(f"{site.url}/p/calendar?view=week&day=2026-11-30") as response:
            page = shown(await response.text())
        assert "semaine du 30 novembre 2026" in page
        assert "jeudi 3 décembre" in page and "14:00 twitter" in page
        assert "Soldes d'hiver" not in page


async def test_the_private_feed_follows_the_plan_until_renewed(site: Site) -> None:
    await plan_two_drafts(site)
    async with client() as http:
        await http.get(await site.link_for("yann"))
        async with http.get(f"{site.url}/p/calendar") as response:
            page = await response.text()
        address = shown(page).split('id="feed-url" type="text" readonly value="')[1]
        address = address.split('"')[0]
        assert address.startswith(f"{site.url}/feed/plan/") and address.endswith(".ics")
        async with http.get(address) as response:
            assert response.headers["Content-Type"].startswith("text/calendar")
            feed = icalendar.Calendar.from_ical(await response.read())
        events = sorted(feed.walk("VEVENT"), key=lambda e: e["uid"])
        assert [str(e["uid"]) for e in events] == ["draft-1@garant", "draft-2@garant"]
        assert plain(str(events[0]["summary"])) == "twitter · Boulangerie Martin : Soldes d'hiver"
        assert events[0].decoded("dtstart").isoformat() == "2026-11-26T08:00:00+00:00"
        assert str(events[0]["status"]) == "TENTATIVE"
        async with http.post(f"{site.url}/feed/plan/renew",
                             data={"csrf": csrf_of(page), "back": "/p/calendar"}) as response:
            renewed = shown(await response.text())
        assert "Nouvelle adresse faite" in renewed
        async with http.get(address) as response:
            assert response.status == 404  # the old address stops working
    async with client() as stranger, stranger.get(f"{site.url}/p/calendar") as response:
        assert response.status == 401
    # An address made for someone who is not (or no longer) a member reads nothing.
    token = await auth.feed_token(site.bot.store, User("local", "nadia", "nadia"), "plan",
                                  site.clock.now())
    async with client() as http, http.get(f"{site.url}/feed/plan/{token}.ics") as response:
        assert response.status == 404


async def test_the_pages_speak_english_when_garant_does(tmp_path) -> None:
    demo = (Path(__file__).resolve().parents[2] / "bot" / "example_config.yaml").read_text(
        encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(demo.replace("language: fr", "language: en"), encoding="utf-8")
    async with running_site(tmp_path, config) as site:
        await plan_two_drafts(site)
        async with client() as http:
            await http.get(await site.link_for("yann"))
            async with http.get(f"{site.url}/p/calendar") as response:
                page = shown(await response.text())
            assert '<html lang="en">' in page
            assert "Publication calendar — November 2026" in page
            assert ">Mon<" in page and ">Sun<" in page
            assert "… 09:00 twitter · Boulangerie Martin · #1 Soldes d'hiver (voting)" in page
            assert "Dashboard" in page and "Drafts" in page and "Sign out" in page
