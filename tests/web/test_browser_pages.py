"""The pages of issue 17's "done when", in headless Chromium at a phone's width: the
director sees the month's plan and approves a draft from the dashboard; a client
approves the post from its link, with no account; the charter checks a text as it is
typed (the page's little script); and every page is shot for docs/web.md."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from bot.typography import plain
from tests.web.conftest import Site
from tests.web.test_browser import labelled, shoot, wait
from tests.web.test_sign_off import approved_by_the_director, voted_draft


async def test_the_director_sees_the_plan_and_approves_from_a_phone(site: Site, browser: Any,
                                                                    tmp_path) -> None:
    await voted_draft(site)
    link = await site.link_for("camille")

    def plan_and_approve() -> tuple[str, str, str]:
        browser.get(link)
        browser.find_element(By.LINK_TEXT, "Calendrier").click()
        month = wait(browser, "table").text
        shoot(browser, tmp_path, "calendar")
        browser.find_element(By.LINK_TEXT, "Cette semaine").click()
        week = wait(browser, "table caption").text
        shoot(browser, tmp_path, "calendar-week")
        browser.find_element(By.LINK_TEXT, "Tableau de bord").click()
        wait(browser, "article")
        card = browser.find_element(By.XPATH, "//article[contains(., 'Plateau de Noël')]")
        shoot(browser, tmp_path, "director-dashboard")
        card.find_element(By.XPATH, ".//button[normalize-space()='Approuver pour "
                                    "publication']").click()
        return month, week, str(wait(browser, ".flashes").text)

    month, week, answer = await asyncio.to_thread(plan_and_approve)
    assert "… 09:00 twitter · Fromagerie Lucas · n° 1 Plateau de Noël" in month
    assert week == "Publications prévues la semaine du 23 novembre 2026"
    assert "il attend maintenant la validation de Fromagerie Lucas" in answer
    row = await site.bot.store.fetchone("SELECT status FROM drafts")
    assert row["status"] == "awaiting_client"
    # The chat card was updated in place: it now carries the client's link.
    assert re.search(r"Validation du client : en attente jusqu.au jeu\. 2026-11-26 09:00 — "
                     r"lien à envoyer au client : http://127\.0\.0\.1:\d+/g/",
                     site.out.getvalue().replace("\u202f", " ").replace("\u00a0", " "))


async def test_a_client_approves_from_the_link_in_a_browser(site: Site, browser: Any,
                                                           tmp_path) -> None:
    link = await approved_by_the_director(site)

    def sign_off() -> tuple[str, str, list[str]]:
        browser.get(link)
        page = wait(browser, "main").text
        missing = labelled(browser)
        shoot(browser, tmp_path, "client-sign-off")
        browser.find_element(By.XPATH, "//button[normalize-space()='Demander des "
                                       "modifications']").click()
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error"))
        error = browser.find_element(By.CSS_SELECTOR, ".error").text  # a comment is needed
        browser.find_element(By.XPATH, "//button[normalize-space()='Approuver']").click()
        # The next page replaces this one: an element read meanwhile may be gone.
        WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda d: "Merci" in d.find_element(By.TAG_NAME, "main").text)
        shoot(browser, tmp_path, "client-signed-off")
        return page, error, missing

    page, error, missing = await asyncio.to_thread(sign_off)
    page = plain(page)
    assert "Fromagerie Lucas — votre validation : « Plateau de Noël »" in page
    assert "comté 24 mois, brie truffé" in page
    assert missing == []
    assert error.startswith("Dites ce qui doit changer dans le brouillon n° 1")
    row = await site.bot.store.fetchone("SELECT status, client_approved FROM drafts")
    assert tuple(row) == ("scheduled", 1)


async def test_the_charter_checks_a_text_as_it_is_typed(site: Site, browser: Any,
                                                        tmp_path) -> None:
    link = await site.link_for("yann")

    def type_a_text() -> tuple[str, str]:
        browser.get(link)
        browser.find_element(By.LINK_TEXT, "Charte").click()
        Select(browser.find_element(By.NAME, "context")).select_by_value("twitter")
        box = wait(browser, "textarea[name=text]")
        box.send_keys("Tu vas adorer nos soldes !!!")
        # No click: the script fetches the page with the text and shows its findings.
        WebDriverWait(browser, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#results mark"))
        shoot(browser, tmp_path, "charter")
        return (browser.find_element(By.CSS_SELECTOR, "#results").text,
                browser.current_url)

    results, url = await asyncio.to_thread(type_a_text)
    assert "Charte coop-fr pour twitter : 3 remarques" in plain(results)
    # The address follows, to share or reload.
    assert "text=Tu+vas+adorer" in url and "context=twitter" in url


async def test_every_page_is_shot_for_the_docs(site: Site, browser: Any, tmp_path) -> None:
    await voted_draft(site)
    await site.chat("""\
        :user sofia
        /draft edit 1
        Plateau de Noël
        Fromagerie Lucas
        1
        jeudi 9h
        Notre plateau de fêtes est prêt : comté 24 mois, brie truffé, tu vas adorer.
        .
        :user lea
        :channel general
        Rejoignez mon serveur discord.gg/promo
        """)
    link = await site.link_for("malik")

    def visit() -> dict[str, str]:
        browser.get(link)
        texts = {}
        for label, name in (("Brouillons", "drafts-board"), ("File de modération", "queue"),
                            ("Routine et chiffres", "stats"), ("Calendrier", "calendar"),
                            ("Charte", "charter")):
            browser.find_element(By.LINK_TEXT, label).click()
            texts[name] = wait(browser, "main").text
            texts[f"{name}:unlabelled"] = ",".join(labelled(browser))
            if name not in ("calendar", "charter"):  # shot by the tests above
                shoot(browser, tmp_path, name)
        browser.find_element(By.LINK_TEXT, "Brouillons").click()
        wait(browser, "table a").click()
        texts["draft"] = wait(browser, ".marked").text
        shoot(browser, tmp_path, "draft-page")
        return texts

    texts = await asyncio.to_thread(visit)
    assert "n° 1 Plateau de Noël" in texts["drafts-board"]
    assert "Signalement n° 1" in texts["queue"]
    assert "La routine et les chiffres de l'équipe" in texts["stats"]
    assert "tu vas adorer" in texts["draft"]
    # Every control of every page has its label (the queue's filters, the charter's box,
    # the calendar's feed address).
    assert [name for name in texts if name.endswith(":unlabelled") and texts[name]] == []
