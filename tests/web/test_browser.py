"""The web pages in a real headless Chromium: a moderator signs in with the link `/web`
sent them and clears the queue; a member votes on a draft; every control has a label
and the pages work from the keyboard. Screenshots go to the test's folder (and to
docs/web/ with GARANT_SCREENSHOTS=1)."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait

from tests.web.conftest import Site

DOCS = Path(__file__).resolve().parents[2] / "docs" / "web"


def shoot(driver: Any, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    driver.save_screenshot(str(path))
    if os.environ.get("GARANT_SCREENSHOTS"):
        DOCS.mkdir(exist_ok=True)
        shutil.copy(path, DOCS / path.name)


def wait(driver: Any, css: str) -> Any:
    """The element once the page showing it has loaded (a submit by keyboard does not
    wait for the next page)."""
    return WebDriverWait(driver, 10).until(shown.presence_of_element_located(
        (By.CSS_SELECTOR, css)))


def labelled(driver: Any) -> list[str]:
    """The form controls of the page that have no label (should be none)."""
    missing = []
    for control in driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, "
                                                         "textarea"):
        found = driver.find_elements(By.CSS_SELECTOR,
                                     f"label[for='{control.get_attribute('id')}']")
        if not found:
            missing.append(control.get_attribute("name"))
    return missing


async def test_a_moderator_signs_in_with_a_link_and_clears_the_queue(site: Site, browser,
                                                                     tmp_path) -> None:
    await site.chat("""\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        """)
    link = await site.link_for("malik")

    def sign_in_and_open_the_removal() -> str:
        browser.get(link)
        shoot(browser, tmp_path, "dashboard")
        assert browser.find_element(By.CSS_SELECTOR, ".who").text == "Connecté·e : malik"
        card = browser.find_element(By.CSS_SELECTOR, "article[data-key='review:1']")
        assert "Signalement n° 1 — à traiter" in card.text
        assert "liens-suspects" in card.text
        # The keyboard reaches the buttons: Tab until "Retirer" has the focus, then Enter.
        body = browser.find_element(By.TAG_NAME, "body")
        for _ in range(30):
            body = browser.switch_to.active_element
            if body.text == "Retirer":
                break
            body.send_keys(Keys.TAB)
        assert browser.switch_to.active_element.text == "Retirer"
        browser.switch_to.active_element.send_keys(Keys.ENTER)
        wait(browser, "form.form")
        return str(browser.title)

    assert await asyncio.to_thread(sign_in_and_open_the_removal) == \
        "Retirer le message n° 1 · Garant"

    def give_the_reason() -> None:
        assert labelled(browser) == []
        browser.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        error = wait(browser, ".field.invalid .error")
        assert error.text
        shoot(browser, tmp_path, "form-error")
        field = browser.find_element(By.ID, "f-reason")
        assert field.get_attribute("aria-invalid") == "true"
        field.send_keys("Publicité pour un autre serveur")
        field.send_keys(Keys.ENTER)

    await asyncio.to_thread(give_the_reason)

    def after() -> str:
        flashes = wait(browser, ".flashes")
        shoot(browser, tmp_path, "after-decision")
        return str(flashes.text)

    assert "Signalement n° 1 : message retiré." in await asyncio.to_thread(after)
    rows = await site.bot.store.fetchall("SELECT status, resolved_by, reason FROM review_items")
    assert [tuple(r) for r in rows] == [("removed", "local:malik",
                                         "Publicité pour un autre serveur")]
    # The chat card was updated in place, as if malik had clicked in chat.
    assert "Signalement n° 1 — retiré" in site.out.getvalue()

    def reuse_and_sign_out() -> tuple[str, str]:
        browser.find_element(By.CSS_SELECTOR, "header button.link").click()
        WebDriverWait(browser, 10).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".who"))
        signed_out = browser.find_element(By.TAG_NAME, "main").text
        browser.get(link)  # a link works once
        return signed_out, browser.find_element(By.TAG_NAME, "main").text

    signed_out, reused = await asyncio.to_thread(reuse_and_sign_out)
    assert "demandez un lien de connexion à Garant avec la commande /web" in signed_out
    assert "Ce lien de connexion n'est plus valable" in reused


async def test_a_member_votes_on_a_draft_from_the_dashboard(site: Site, browser,
                                                            tmp_path) -> None:
    await site.chat("""\
        :user sofia
        :channel drafts
        /draft new
        Soldes d'hiver

        1

        Nos soldes commencent mercredi.
        .
        """)
    link = await site.link_for("yann")

    def vote() -> str:
        browser.get(link)
        card = browser.find_element(By.CSS_SELECTOR, "article")
        assert "Soldes d'hiver" in card.text
        shoot(browser, tmp_path, "draft-to-vote")
        card.find_element(By.XPATH, ".//button[normalize-space()='Approuver']").click()
        return str(wait(browser, ".flashes").text)

    answer = await asyncio.to_thread(vote)
    assert "Vote enregistré sur le brouillon n° 1 (révision 1) : Approuver." in answer
    ballots = await site.bot.store.fetchall("SELECT voter, choice FROM draft_ballots")
    assert [tuple(r) for r in ballots] == [("local:yann", "approve")]
