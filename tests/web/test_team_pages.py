"""The charter page (its rules, examples, hits and a text to try), the routine and
figures page (the period's figures, each member's streaks, the weekly chart), and the
review queue page with its filters: read with an HTTP client on a real bot."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

from tests.web.conftest import Site
from tests.web.test_pages import client, shown


async def test_the_charter_page_lists_rules_and_checks_a_text(site: Site) -> None:
    await site.chat(":user lea\n:channel general\nC'est vraiment de la merde ce truc")
    async with client() as http:
        await http.get(await site.link_for("yann"))
        async with http.get(f"{site.url}/p/charter") as response:
            page = shown(await response.text())
        assert response.status == 200
        assert "Charte « coop-fr »" in page  # the drafts' charter by default
        assert re.search(r"<caption>Ses \d+ règles</caption>", page)
        assert "✗ " in page and "✓ " in page  # examples, caught and let through
        async with http.get(f"{site.url}/p/charter", params={
                "text": "Tu vas adorer !!!", "context": "twitter",
                "name": "coop-fr"}) as response:
            page = shown(await response.text())
        assert "Charte coop-fr pour twitter : 3 remarques — avertissement" in page
        assert '<mark title="Vouvoiement : La charte demande le vouvoiement' in page
        assert 'name="text"' in page and ">Tu vas adorer !!!</textarea>" in page
        async with http.get(f"{site.url}/p/charter", params={"name": "base",
                                                             "text": "merde"}) as response:
            page = shown(await response.text())
        assert "Charte « base »" in page
        hit = re.search(r"<td><div class=\"line\">(\d+) relevé", page)
        assert hit is not None
        async with http.get(f"{site.url}/p/charter?name=nope") as response:
            page = shown(await response.text())
        assert "Pas de charte « nope » ; les chartes : base, coop-fr." in page


async def test_the_figures_page_shows_streaks_and_the_weekly_chart(site: Site) -> None:
    site.clock.advance(timedelta(days=1))  # Tuesday's checklist is posted at 9:30
    await site.chat(":user sofia\n:channel routine\n/routine done 1 2 3")
    site.clock.advance(timedelta(days=1))  # Tuesday is over: it counts
    await site.chat(":user sofia")
    async with client() as http:
        await http.get(await site.link_for("sofia"))
        async with http.get(f"{site.url}/p/stats") as response:
            page = shown(await response.text())
        assert response.status == 200
        assert "La routine et les chiffres de l'équipe" in page
        headers = re.findall(r'<th scope="col">([^<]+)</th>', page)
        assert headers[:7] == ["Membre", "Actions faites", "Possibles", "Taux",
                               "Série en cours", "Meilleure série", "Jours d'absence"]
        cells = re.findall(r'<td><div class="line">([^<]*)</div></td>',
                           page.split("<td><div class=\"line\">sofia</div></td>")[1])[:6]
        assert cells == ["3", "40", "8 %", "0", "0", "0"]  # two checklists posted
        image = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="Graphique '
                          r'hebdomadaire : ([^"]+)"', page)
        assert image is not None
        assert base64.b64decode(image.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
        async with http.get(f"{site.url}/p/stats?period=decade") as response:
            page = shown(await response.text())
        assert "« decade » n'est pas une période (week, month ou year)" in page


async def test_moderators_filter_the_queue_and_members_cannot_open_it(site: Site) -> None:
    await site.chat("""\
        :user lea
        :channel general
        Rejoignez mon serveur discord.gg/promo
        :user yann
        Franchement c'est de la merde
        """)
    async with client() as http:
        await http.get(await site.link_for("malik"))
        async with http.get(f"{site.url}/p/queue") as response:
            page = shown(await response.text())
        assert response.status == 200
        assert "2 éléments pour ce filtre." in page
        assert "Historique de l'élément n° 1" in page
        assert page.index("Signalement n° 1") < page.index("Signalement n° 2")  # oldest first
        async with http.get(f"{site.url}/p/queue?author=yan") as response:
            page = shown(await response.text())
        assert "1 élément pour ce filtre." in page and "Signalement n° 2" in page
        assert "Signalement n° 1 " not in page
        async with http.get(f"{site.url}/p/queue?status=removed") as response:
            assert "0 élément pour ce filtre." in shown(await response.text())
    async with client() as http:
        await http.get(await site.link_for("sofia"))
        async with http.get(f"{site.url}/p/queue") as response:
            assert response.status == 404  # a member has no queue page
        async with http.get(site.url) as response:
            nav = shown(await response.text()).split("</nav>")[0]
        assert "File de modération" not in nav and "Calendrier" in nav
