"""Drafts and the daily routine on Slack, end to end: the modal with a field error, the
vote by buttons, the director's approval; the routine prompt posted and ticked."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from tests.slack.harness import (
    CAMILLE,
    CONFIG,
    DRAFTS,
    GENERAL,
    LEA,
    MALIK,
    PARIS,
    ROUTINE,
    SOFIA,
    YANN,
    SlackBot,
)

COGS = Path(__file__).resolve().parents[2] / "cogs"
needs_drafts = pytest.mark.skipif(not (COGS / "drafts" / "__init__.py").exists(),
                                  reason="the drafts cog is not there yet")
needs_routine = pytest.mark.skipif(not (COGS / "routine" / "__init__.py").exists(),
                                   reason="the routine cog is not there yet")

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)


def button(call, *, starts: str) -> str:
    return next(a for a in call.actions() if a.startswith(starts))


@needs_drafts
async def test_a_form_delivered_twice_makes_one_draft(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        await slack.command("draft new", user=SOFIA, channel=GENERAL)
        (opened,) = await fake.wait_for("views.open")
        draft = {"title": "Soldes d'hiver", "network": "twitter", "planned": "",
                 "text": "Nos soldes commencent mercredi."}
        for _ in range(2):  # Slack missed the first ack and sends the submission again
            status, body = await slack.submit(opened["view"], draft, SOFIA,
                                              trigger="trigger-twice")
            assert (status, body) == (200, "")
        await fake.wait_for("chat.postMessage", channel=DRAFTS)
        assert len(await slack.rows("SELECT id FROM drafts")) == 1
        assert len(fake.called("chat.postMessage", channel=DRAFTS)) == 1


@needs_drafts
async def test_a_draft_through_the_modal_voted_by_buttons_and_approved(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        await slack.command("draft new", user=SOFIA, channel=GENERAL)
        (opened,) = await fake.wait_for("views.open")
        view = opened["view"]
        assert [b["block_id"] for b in view["blocks"]] == ["title", "client", "network",
                                                           "planned", "text"]
        network = view["blocks"][2]["element"]
        assert network["type"] == "static_select"
        draft = {"title": "Soldes d'hiver", "network": "twitter", "planned": "2026-11-20 10:00",
                 "text": "Nos soldes commencent mercredi."}
        # A planned time in the past: the error is shown on that field, the modal stays.
        status, body = await slack.submit(view, draft, SOFIA)
        answer = json.loads(body)
        assert status == 200 and answer["response_action"] == "errors"
        assert list(answer["errors"]) == ["planned"]
        assert not fake.called("chat.postMessage", channel=DRAFTS)
        status, body = await slack.submit(view, {**draft, "planned": ""}, SOFIA)
        assert (status, body) == (200, "")
        (card,) = await fake.wait_for("chat.postMessage", channel=DRAFTS)
        assert "Soldes d'hiver" in card.text() and "vote en cours" in card.text()
        (check,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        assert "Brouillon n° 1 proposé : le vote est ouvert" in check.text()
        approve = button(card, starts="draft:vote:1:approve")
        abstain = button(card, starts="draft:vote:1:abstain")
        card_ts = card.response["ts"]
        # The author does not vote on her own draft.
        await slack.click(approve, SOFIA, DRAFTS, card_ts)
        await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=DRAFTS)
        for voter, choice in ((MALIK, approve), (LEA, approve), (YANN, abstain)):
            await slack.click(choice, voter, DRAFTS, card_ts)
            await fake.wait_for("chat.postEphemeral", user=voter, channel=DRAFTS)
        # 2 approvals, 1 abstention of 4 voters: the result cannot change, the vote closes.
        notices = await fake.wait_for("chat.postMessage", channel="DCAMILLE")
        assert "attend votre décision" in notices[-1].text()
        updates = await fake.wait_for("chat.update", channel=DRAFTS, ts=card_ts)
        final = button(updates[-1], starts="draft:final:1:approve")
        await slack.click(final, CAMILLE, DRAFTS, card_ts)
        (approved,) = await fake.wait_for("chat.postEphemeral", user=CAMILLE, channel=DRAFTS)
        assert "approuvé" in approved.text()
        rows = await slack.rows("SELECT status, approved_by FROM drafts WHERE id = 1")
        assert rows == [{"status": "approved", "approved_by": f"slack:{CAMILLE}"}]
        ballots = await slack.rows("SELECT voter FROM draft_ballots ORDER BY voter")
        assert [b["voter"] for b in ballots] == [f"slack:{LEA}", f"slack:{MALIK}",
                                                 f"slack:{YANN}"]


@needs_routine
async def test_the_routine_prompt_is_posted_and_ticked(fake, tmp_path):
    async with SlackBot(fake, tmp_path, clock=ManualClock(MONDAY_9)) as slack:
        slack.clock.set(datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
        await slack.bot.run_due_jobs()
        prompts = await fake.wait_for("chat.postMessage", channel=ROUTINE)
        first = prompts[0]
        assert "Les 20 actions quotidiennes" in first.text()
        # Slack has one command: the card's hints say /garant routine, never /routine.
        assert "/garant routine done" in first.text() and " /routine" not in first.text()
        tick = button(first, starts="routine:tick:2026-11-23:")
        await slack.click(tick, SOFIA, ROUTINE, first.response["ts"])
        (update,) = await fake.wait_for("chat.update", channel=ROUTINE,
                                        ts=first.response["ts"])
        (answer,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=ROUTINE)
        action = tick.rsplit(":", 1)[1]
        assert action in answer.text()
        rows = await slack.rows("SELECT user_key, action_id FROM routine_ticks")
        assert rows == [{"user_key": f"slack:{SOFIA}", "action_id": action}]
        # Exactly one prompt for the day, whatever the clock does next.
        await slack.bot.run_due_jobs()
        assert len(fake.called("chat.postMessage", channel=ROUTINE)) == len(prompts)
        assert update.actions()  # the refreshed card keeps its buttons


async def submit_draft(slack: SlackBot, fake, author: str = SOFIA) -> dict:
    """`/garant draft new`, filled and sent: the draft card posted in #drafts."""
    await slack.command("draft new", user=author, channel=GENERAL)
    view = (await fake.wait_for("views.open"))[-1]["view"]
    await slack.submit(view, {"title": "Soldes d'hiver", "network": "linkedin",
                              "text": "Nos soldes commencent mercredi."}, author)
    return (await fake.wait_for("chat.postMessage", channel=DRAFTS))[-1]


@needs_drafts
@needs_routine
async def test_app_home_shows_votes_routine_and_review_items_and_its_buttons_work(fake,
                                                                                   tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        await submit_draft(slack, fake)
        await slack.say("Mon numéro : 06 12 34 56 78", user=LEA)
        await fake.wait_for("chat.postMessage", channel="CMODERATION")
        await slack.event({"type": "app_home_opened", "user": MALIK, "channel": "DMALIK",
                           "tab": "home"})
        (home,) = await fake.wait_for("views.publish", user_id=MALIK)
        text = home.text()
        assert "🗳 Brouillons qui attendent votre vote (1)" in text
        assert "☀ Votre routine du jour" in text
        assert " /routine" not in text and "/garant routine done" in text  # Slack's command
        assert "Signalement n° 1 — à traiter" in text  # Malik moderates
        approve = button(home, starts="draft:vote:1:approve")
        assert "review:keep:1" in home.actions()
        # Voting from the home view: the same action as on the card, then a fresh view.
        await slack.send("interactive", {
            "type": "block_actions", "user": {"id": MALIK}, "team": {"id": "T0COOP"},
            "trigger_id": "t-home", "container": {"type": "view", "view_id": "VHOME"},
            "view": {"id": "VHOME", "type": "home"},
            "actions": [{"type": "button", "action_id": approve, "value": approve}]})
        again = await fake.wait_for("views.publish", 2, user_id=MALIK)
        assert not any(a.startswith("draft:vote:1:") for a in again[-1].actions())
        assert await slack.rows("SELECT voter, choice FROM draft_ballots") == [
            {"voter": f"slack:{MALIK}", "choice": "approve"}]
        # The draft's author has nothing to vote on, and no review item to see.
        await slack.event({"type": "app_home_opened", "user": SOFIA, "channel": "DSOFIA",
                           "tab": "home"})
        (sofia,) = await fake.wait_for("views.publish", user_id=SOFIA)
        assert "Brouillons qui attendent" not in sofia.text()
        assert "Signalement" not in sofia.text()


@needs_drafts
@needs_routine
async def test_proxies_absences_and_minutes_on_slack(fake, tmp_path):
    async with SlackBot(fake, tmp_path, clock=ManualClock(MONDAY_9)) as slack:
        await slack.command(f"proxy <@{YANN}> 31/12", user=SOFIA, channel=GENERAL)
        (given,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        assert "vote pour vous jusqu'au 31/12/2026" in given.text()
        await slack.command("absent 2026-12-21 2027-01-04", user=SOFIA, channel=GENERAL)
        answers = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        assert any("9 jours de routine off" in a.text() for a in answers)
        rows = await slack.rows("SELECT giver, holder FROM vote_proxies")
        assert rows == [{"giver": f"slack:{SOFIA}", "holder": f"slack:{YANN}"}]


@needs_routine
async def test_the_reminder_follows_the_slack_profile_s_time_zone(fake, tmp_path):
    from tests.slack.harness import CONFIG

    fake.users[MALIK]["tz"] = "America/Montreal"  # his Slack profile says so
    config = CONFIG + 'routine:\n  reminder_time: "16:00"\n'
    async with SlackBot(fake, tmp_path, clock=ManualClock(MONDAY_9), config=config) as slack:
        for hour, minute in ((9, 30), (16, 0)):
            slack.clock.set(datetime(2026, 11, 23, hour, minute, tzinfo=PARIS))
            await slack.bot.run_due_jobs()
        await fake.wait_for("chat.postMessage", channel="DSOFIA")
        reminded = {c.args["channel"] for c in fake.called("chat.postMessage")
                    if "Petit rappel" in c.text()}
        assert "DMALIK" not in reminded and "DSOFIA" in reminded
        slack.clock.set(datetime(2026, 11, 23, 22, 0, tzinfo=PARIS))  # 16:00 in Montreal
        await slack.bot.run_due_jobs()
        late = await fake.wait_for("chat.postMessage", channel="DMALIK")
        assert "Petit rappel" in late[-1].text()


@needs_drafts
async def test_replies_in_the_thread_of_a_draft_card_are_its_discussion(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        await slack.command("draft new", user=SOFIA, channel=GENERAL)
        (opened,) = await fake.wait_for("views.open")
        await slack.submit(opened["view"], {"title": "Soldes d'hiver", "network": "twitter",
                                            "planned": "", "text": "Nos soldes commencent."},
                           SOFIA)
        (card,) = await fake.wait_for("chat.postMessage", channel=DRAFTS)
        await slack.say("Le visuel est prêt ?", user=MALIK, channel=DRAFTS,
                        thread_ts=card.response["ts"])
        await slack.say("Un message hors du fil.", user=MALIK, channel=DRAFTS)
        await slack.platform.intake.join()  # both acked: now handled
        found = await slack.rows("SELECT author_name, text FROM draft_comments")
        assert [r["text"] for r in found] == ["Le visuel est prêt ?"]


@needs_routine
async def test_a_client_s_routine_is_posted_in_its_channel_and_ticked(fake, tmp_path):
    from tests.routine.test_several_routines import ACME_FILE
    from tests.slack.harness import CONFIG

    (tmp_path / "acme.yaml").write_text(ACME_FILE, encoding="utf-8")
    fake.add_channel("CACME", "acme-routine")
    config = CONFIG + (f"routines:\n  acme:\n    file: {tmp_path / 'acme.yaml'}\n"
                       "    channel: acme-routine\n    time: \"10:00\"\n")
    async with SlackBot(fake, tmp_path, clock=ManualClock(MONDAY_9), config=config) as slack:
        slack.clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=PARIS))
        await slack.bot.run_due_jobs()
        (card,) = await fake.wait_for("chat.postMessage", channel="CACME")
        assert "Routine Acme" in card.text() and "/garant routine done acme" in card.text()
        await slack.click(button(card, starts="routine:acme:tick:2026-11-23:ig-reply"), SOFIA,
                          "CACME", card.response["ts"])
        (update,) = await fake.wait_for("chat.update", channel="CACME", ts=card.response["ts"])
        assert "ig-reply  ✓1" in update.text()
        await slack.command("routine done acme li-post", user=SOFIA, channel=GENERAL)
        await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        rows = await slack.rows("SELECT routine, action_id FROM routine_ticks ORDER BY action_id")
        assert [(r["routine"], r["action_id"]) for r in rows] == [("acme", "ig-reply"),
                                                                  ("acme", "li-post")]
        # The team's routine in #routine is its own: nothing of Acme's there.
        assert all("Acme" not in c.text() for c in fake.called("chat.postMessage",
                                                                channel=ROUTINE))


@needs_drafts
async def test_a_secret_consent_vote_with_an_objection_in_a_modal_on_slack(fake, tmp_path):
    from tests.slack.harness import CONFIG

    config = CONFIG + "votes:\n  mode: consent\n  anonymous: true\n"
    async with SlackBot(fake, tmp_path, clock=ManualClock(MONDAY_9), config=config) as slack:
        card = await submit_draft(slack, fake)
        assert "par consentement" in card.text() and "bulletins secrets" in card.text()
        card_ts = card.response["ts"]
        await slack.click(button(card, starts="draft:vote:1:approve"), MALIK, DRAFTS, card_ts)
        await fake.wait_for("chat.postEphemeral", user=MALIK, channel=DRAFTS)
        # An objection needs its reason: a modal asks for it.
        await slack.click(button(card, starts="draft:vote:1:changes"), YANN, DRAFTS, card_ts)
        view = (await fake.wait_for("views.open"))[-1]["view"]
        (field,) = [b["block_id"] for b in view["blocks"] if b.get("type") == "input"]
        assert (await slack.submit(view, {field: "Le visuel manque."}, YANN)) == (200, "")
        await fake.wait_for("chat.postEphemeral", user=YANN, channel=DRAFTS)
        updates = await fake.wait_for("chat.update", channel=DRAFTS, ts=card_ts)
        shown = updates[-1].text()
        assert "2/4 ont voté" in shown and "bulletins secrets" in shown
        assert "Malik" not in shown and "Yann" not in shown
        slack.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=PARIS))  # the deadline
        await slack.bot.run_due_jobs()
        closed = await fake.wait_for("chat.postMessage", channel="DSOFIA")
        assert "modifications demandées" in closed[-1].text()
        rows = await slack.rows("SELECT count(*) AS n FROM draft_ballots "
                                "WHERE voter NOT LIKE 'secret:%'")
        assert rows == [{"n": 0}]  # sealed: no ballot linked to a person any more


@needs_routine
async def test_holidays_questions_and_the_reminder_on_slack(fake, tmp_path):
    from tests.routine.test_several_routines import ACME_FILE
    from tests.slack.harness import CONFIG

    (tmp_path / "r.yaml").write_text(ACME_FILE + "questions:\n  - id: publie\n"
                                     "    text: Qu'avez-vous publié ?\n", encoding="utf-8")
    config = CONFIG + (f"routine:\n  file: {tmp_path / 'r.yaml'}\n"
                       "  reminder_time: \"16:00\"\n  review_time: \"17:30\"\n")
    christmas = datetime(2026, 12, 25, 9, 0, tzinfo=PARIS)
    async with SlackBot(fake, tmp_path, clock=ManualClock(christmas), config=config) as slack:
        slack.clock.set(christmas.replace(hour=9, minute=30))
        await slack.bot.run_due_jobs()  # Noël: no prompt
        await slack.command("routine done 1", user=SOFIA, channel=GENERAL)
        (refused,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        assert "Pas de routine aujourd'hui, vendredi 25 décembre : Noël." in refused.text()
        monday = datetime(2026, 12, 28, 9, 30, tzinfo=PARIS)
        for hour, minute in ((9, 30), (16, 0), (17, 30)):
            slack.clock.set(monday.replace(hour=hour, minute=minute))
            await slack.bot.run_due_jobs()
            if hour == 9:
                await slack.command("routine answer publie Un carrousel LinkedIn", user=SOFIA,
                                    channel=ROUTINE)
                await slack.command("routine done 1", user=SOFIA, channel=ROUTINE)
        posted = await fake.wait_for("chat.postMessage", channel=ROUTINE, count=2)
        assert "lundi 28 décembre" in posted[0].text()
        assert all("25 décembre" not in p.text() for p in posted)
        review = posted[-1].text()
        assert "Qu'avez-vous publié ?" in review and "Un carrousel LinkedIn" in review
        reminded = {c.args["channel"] for c in fake.called("chat.postMessage")
                    if "Petit rappel" in c.text()}
        assert "DSOFIA" not in reminded and {"DMALIK", "DYANN"} <= reminded


@needs_drafts
async def test_the_director_and_the_client_answer_on_the_web_and_the_slack_card_follows(
        fake, tmp_path):
    """Slack and the web pages in one Garant: the director approves a draft from the web
    dashboard, the client signs it off from its link; the card in #drafts is updated in
    place each time, and the channel is told."""
    import re

    import aiohttp

    from tests.web.conftest import free_port

    config = CONFIG + "drafts:\n  client_sign_off: [Fromagerie Lucas]\n"
    web = f"127.0.0.1:{free_port()}"
    async with SlackBot(fake, tmp_path, config=config, web=web) as slack:
        await slack.command("draft new", user=SOFIA, channel=GENERAL)
        (opened,) = await fake.wait_for("views.open")
        await slack.submit(opened["view"], {"title": "Plateau de Noël",
                                            "client": "Fromagerie Lucas",
                                            "network": "twitter", "planned": "jeudi 9h",
                                            "text": "Notre plateau de fêtes est prêt."}, SOFIA)
        (card,) = await fake.wait_for("chat.postMessage", channel=DRAFTS)
        card_ts = card.response["ts"]
        approve = button(card, starts="draft:vote:1:approve")
        for voter in (MALIK, LEA, YANN):
            await slack.click(approve, voter, DRAFTS, card_ts)
            await fake.wait_for("chat.postEphemeral", user=voter, channel=DRAFTS)
        login = await slack.bot.platforms["web"].login_link(
            await slack.bot.user(f"slack:{CAMILLE}"))
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(login) as response:
                page = await response.text()
            final = re.search(r'name="action" value="(draft:final:1:approve:1)"', page)
            assert final is not None, "the director's dashboard offers the approval"
            csrf = re.findall(r'name="csrf" value="([^"]+)"', page)[0]
            async with http.post(f"http://{web}/action", data={"csrf": csrf,
                                                               "action": final.group(1)}):
                pass
            waiting = await fake.wait_for("chat.update", channel=DRAFTS, ts=card_ts)
            text = waiting[-1].text()
            assert "en attente de la validation du client" in text
            link = re.search(r"(http://127\.0\.0\.1:\d+/g/[\w.-]+)", text)
            assert link is not None, "the Slack card carries the client's link"
        async with aiohttp.ClientSession() as client, \
                client.post(link.group(1), data={"answer": "Approuver"}) as response:
            assert "Merci" in await response.text()
        told = await fake.wait_for("chat.postMessage", channel=DRAFTS)
        assert any("Fromagerie Lucas a validé le brouillon n° 1" in m.text() for m in told)
        updates = await fake.wait_for("chat.update", channel=DRAFTS, ts=card_ts)
        assert "validé par le client" in updates[-1].text()
        rows = await slack.rows("SELECT status, approved_by FROM drafts WHERE id = 1")
        assert rows == [{"status": "scheduled", "approved_by": f"slack:{CAMILLE}"}]
