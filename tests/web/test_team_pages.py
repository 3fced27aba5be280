"""The charter page (its rules, examples, hits and a text to try), the routine and
figures page (the period's figures, each member's streaks, the weekly chart), and the
review queue page with its filters: read with an HTTP client on a real bot."""

from __future__ import annotations

import base64
import json
import re
from datetime import timedelta

from tests.web.conftest import Site, running_site
from tests.web.test_pages import client, csrf_of, shown


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
        # And one chart per member: their rate week by week.
        members = re.findall(r'alt="(\w+) — Routine : taux par semaine"', page)
        assert members == ["camille", "lea", "malik", "sofia", "yann"]
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


async def test_commands_typed_on_the_dashboard_work_as_in_chat(site: Site) -> None:
    """The box on the dashboard runs any command with chat's checks: a case file and a
    note for a moderator, a reminder (by direct message: the web has no channel),
    a draft written from the web voted on the author's chat platform."""
    await site.chat(":user lea\n:channel general\nRejoignez mon serveur discord.gg/promo")
    async with client() as http:
        async with http.get(await site.link_for("malik")) as response:
            csrf = csrf_of(await response.text())

        async def typed(command: str) -> str:
            async with http.post(f"{site.url}/command",
                                 data={"csrf": csrf, "command": command}) as response:
                return shown(await response.text())

        assert "Note ajoutée au dossier de lea." in await typed("/note lea Rappel du règlement")
        case = await typed("case lea")  # the slash is optional
        assert "Dossier de lea" in case and "Rappel du règlement" in case
        assert "Rappel programmé pour" in await typed("/remind +1h Relancer Lucas")
        assert "Commande inconnue : « nimportequoi »." in await typed("/nimportequoi")
        page = await typed("/draft new")
        assert "Nouveau brouillon" in page
        form_id = re.search(r'name="form_id" value="([^"]+)"', page)
        assert form_id is not None
        async with http.post(f"{site.url}/form", data={
                "csrf": csrf, "form_id": form_id.group(1), "title": "Vœux",
                "client": "", "network": "linkedin", "planned": "",
                "text": "Bonne année à toutes et à tous."}) as response:
            assert "Brouillon n° 1 proposé" in shown(await response.text())
    row = await site.bot.store.fetchone("SELECT platform, author FROM drafts")
    assert tuple(row) == ("local", "local:malik")
    electorate = await site.bot.store.fetchall("SELECT voter FROM draft_electorate")
    assert len(electorate) == 4  # the co-op's members but malik, on the console
    site.clock.advance(timedelta(hours=1, minutes=1))
    said = await site.chat(":user malik")
    assert "[MP à malik] ⏰ Rappel pour malik : Relancer Lucas" in said


async def test_the_director_judges_an_appeal_from_the_dashboard(site: Site) -> None:
    await site.chat("""\
        :user lea
        :channel general
        Rejoignez mon serveur discord.gg/promo
        :user malik
        :channel moderation
        :click 2
        Publicité pour un autre serveur
        .
        :user lea
        /appeal 1 Ce n'était pas de la publicité, c'est notre serveur de quartier.
        """)
    async with client() as http:
        async with http.get(await site.link_for("camille")) as response:
            page = shown(await response.text())
        assert "⚖ Contestations à juger (1)" in page
        overturn = re.search(r'name="action" value="(appeal:overturn:1)"', page)
        assert overturn is not None
        async with http.post(f"{site.url}/action", data={
                "csrf": csrf_of(page), "action": overturn.group(1)}) as response:
            page = shown(await response.text())
        assert "Annuler la décision (contestation n° 1)" in page  # a reason is asked
        async with http.post(f"{site.url}/form", data={
                "csrf": csrf_of(page), "form_id": "appeal:overturn:1",
                "reason": "Serveur associatif du quartier, pas de la publicité"}) as response:
            assert response.status == 200
    row = await site.bot.store.fetchone("SELECT status, decided_by_name FROM appeals")
    assert tuple(row) == ("overturned", "camille")
    assert "[MP à lea] Votre contestation du signalement n° 1 est acceptée : la décision " \
           "est annulée. Motif : Serveur associatif du quartier" in shown(site.out.getvalue())
    link = await site.link_for("malik")  # who removed it does not judge its appeal
    async with client() as http, http.get(link) as response:
        assert "Contestations à juger" not in shown(await response.text())


async def test_a_file_a_command_makes_is_downloaded_from_the_next_page(site: Site) -> None:
    """`/privacy export` posts a file in chat; typed on the web, where there is no
    channel, the file is handed to the person who asked: a download, theirs only."""
    await site.chat(":user lea\n:channel general\nBonjour à toutes et à tous")
    async with client() as http:
        async with http.get(await site.link_for("camille")) as response:
            csrf = csrf_of(await response.text())
        async with http.post(f"{site.url}/command",
                             data={"csrf": csrf, "command": "/privacy export lea"}) as response:
            page = shown(await response.text())
        link = re.search(r'<a href="(/file/\d+)">(garant-[^<]+\.json)</a>', page)
        assert link is not None
        async with http.get(f"{site.url}{link.group(1)}") as response:
            assert response.headers["Content-Disposition"].startswith("attachment;")
            exported = json.loads(await response.read())
        assert "lea" in json.dumps(exported, ensure_ascii=False)
        async with http.post(f"{site.url}/command", data={
                "csrf": csrf, "command": "/privacy export camille"}) as response:
            mine = re.search(r'<a href="(/file/\d+)">', shown(await response.text()))
        assert mine is not None
        async with http.get(f"{site.url}{mine.group(1)}") as response:
            sessions = json.loads(await response.read())["tables"]["web_sessions"]
        # What opens a session is not handed over with the person's data.
        assert sessions and all(row["csrf"] == row["token_hash"] == "(hidden)"
                                for row in sessions)
    async with client() as other:  # another person, or nobody, gets nothing
        await other.get(await site.link_for("malik"))
        async with other.get(f"{site.url}{link.group(1)}") as response:
            assert response.status == 404


async def test_a_moderator_adds_an_exception_from_the_queue_page(tmp_path) -> None:
    """The queue page's "Exception…" button opens the same form as in chat; sent, the
    exception is written into the charter file and the charters reloaded."""
    from tests.moderation.test_exceptions import CHARTER, added_lines, setup

    config = setup(tmp_path)
    async with running_site(tmp_path, config) as site:
        await site.chat(":user sofia\n:channel general\nRendez-vous rue du Général Leclerc")
        async with client() as http:
            await http.get(await site.link_for("malik"))
            async with http.get(f"{site.url}/p/queue") as response:
                page = shown(await response.text())
            exception = re.search(r'name="action" value="(review:exception:1)"', page)
            assert exception is not None
            async with http.post(f"{site.url}/action", data={
                    "csrf": csrf_of(page), "action": exception.group(1),
                    "back": "/p/queue"}) as response:
                form = shown(await response.text())
            form_id = re.search(r'name="form_id" value="([^"]+)"', form)
            assert form_id is not None and "<select" in form  # the rule, the scope: choices
            async with http.post(f"{site.url}/form", data={
                    "csrf": csrf_of(form), "form_id": form_id.group(1),
                    "rule": "concurrents", "scope": "expression", "phrase": "Général Leclerc",
                    "why": "C'est une rue, pas l'enseigne."}) as response:
                done = shown(await response.text())
            assert "Exception écrite dans la charte essai, règle « concurrents »" in done
    written = (tmp_path / "essai.yaml").read_text(encoding="utf-8")
    assert added_lines(CHARTER, written)[-1] == '    except: ["Général Leclerc"]'
