"""The drafts board and a draft's page: columns by step, the text with the charter's
findings marked, each revision's changes word by word, the story with the same
visibility as /draft show, and a vote from the page that updates the chat card."""

from __future__ import annotations

import re

from cogs.drafts.pages import changes
from tests.web.conftest import Site
from tests.web.test_pages import client, csrf_of, shown


def test_a_revision_reads_as_words_removed_and_added() -> None:
    text, marks = changes("Nos soldes commencent jeudi.", "Nos soldes d'hiver commencent mercredi.")
    assert text == "Nos soldes d'hiver commencent jeudimercredi."
    assert [(text[m.start:m.end], m.kind) for m in marks] == [
        ("d'hiver ", "added"), ("jeudi", "removed"), ("mercredi", "added")]
    assert changes("même texte", "même texte") == ("même texte", ())


async def test_the_board_and_a_drafts_page(site: Site) -> None:
    await site.chat("""\
        :user sofia
        :channel drafts
        /draft new
        Soldes d'hiver
        Boulangerie Martin
        1

        Tu vas adorer nos soldes de jeudi.
        .
        /draft edit 1
        Soldes d'hiver
        Boulangerie Martin
        1

        Vous allez adorer nos soldes de mercredi.
        .
        """)
    async with client() as http:
        await http.get(await site.link_for("yann"))
        async with http.get(f"{site.url}/p/drafts") as response:
            board = shown(await response.text())
        assert response.status == 200 and "Tableau des brouillons" in board
        headers = re.findall(r'<th scope="col">([^<]+)</th>', board)
        assert headers == ["À reprendre", "En vote", "Décision de la direction",
                           "Validation du client", "Prêts à publier", "Publiés"]
        assert '<a href="/p/draft?id=1">n° 1 Soldes d\'hiver · Boulangerie Martin · twitter ' \
               '(vote en cours)</a>' in board
        async with http.get(f"{site.url}/p/draft?id=1") as response:
            page = shown(await response.text())
        assert "Brouillon n° 1 — Soldes d'hiver" in page
        assert "Révision 2, par sofia" in page
        assert "<del>Tu</del><ins>Vous</ins> <del>vas</del><ins>allez</ins> adorer" in page
        assert "<del>jeudi</del><ins>mercredi</ins>" in page
        assert "Historique, votes et discussion" in page and "proposé" in page
        # A vote from the draft's page comes back to it, and the chat card follows.
        vote = re.search(r'name="action" value="([^"]+)">\s*<input type="hidden" name="back" '
                         r'value="([^"]+)">\s*<button type="submit" class="success">Approuver',
                         page)
        assert vote is not None and vote.group(2) == "/p/draft?id=1"
        async with http.post(f"{site.url}/action", data={
                "csrf": csrf_of(page), "action": vote.group(1), "back": vote.group(2)}) \
                as response:
            after = shown(await response.text())
        assert str(response.url).endswith("/p/draft?id=1")
        assert "Vote enregistré sur le brouillon n° 1 (révision 2) : Approuver." in after
        await site.chat(":user lea\n/draft new\nNoël\n\n1\n\nTu vas adorer Noël.\n.")
        async with http.get(f"{site.url}/p/draft?id=2") as response:
            page = shown(await response.text())
        assert re.search(r'<mark title="attention · Vouvoiement : La charte demande le '
                         r'vouvoiement[^"]*">Tu</mark> vas adorer Noël\.', page)
        async with http.get(f"{site.url}/p/draft?id=99") as response:
            assert "Aucun brouillon n° 99." in shown(await response.text())
    assert "1/4 ont voté" in shown(site.out.getvalue().rsplit("▶ Brouillon n° 1", 1)[1])


async def test_a_click_goes_back_to_a_page_of_this_site_only(site: Site) -> None:
    async with client() as http:
        async with http.get(await site.link_for("yann")) as response:
            csrf = csrf_of(await response.text())
        for back in ("https://evil.example/", "//evil.example/p/", "/p/x\r\nSet-Cookie: a=b"):
            async with http.post(f"{site.url}/action", data={
                    "csrf": csrf, "action": "draft:vote:9:approve:1", "back": back},
                    allow_redirects=False) as response:
                assert (response.status, response.headers["Location"]) == (303, "/")
        async with http.post(f"{site.url}/action", data={
                "csrf": csrf, "action": "draft:vote:9:approve:1", "back": "/p/drafts"},
                allow_redirects=False) as response:
            assert response.headers["Location"] == "/p/drafts"
