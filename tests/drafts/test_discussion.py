"""A draft's discussion: replies in the thread of its card are kept in its history
(`/draft show`). Console sessions on real SQLite; Slack and Discord have their own
end-to-end tests."""

from __future__ import annotations

from tests.drafts.conftest import card_of, new_draft, session


async def test_replies_under_the_card_are_the_draft_s_discussion(tmp_path, config) -> None:
    db = tmp_path / "g.db"
    out = await session(db, f"""\
        :user sofia
        {new_draft()}
        """, config())
    card = card_of(out, 1)
    out = await session(db, f"""\
        :user malik
        :reply {card} Le visuel est-il validé par le client ?
        :user sofia
        :reply {card} Oui, hier soir.
        :reply 999 Perdu ?
        :reply {card}
        Un message ordinaire, hors du fil.
        /draft show 1
        """, config())
    assert f"[#drafts ↳ {card}] malik" in out
    shown = out.split("Discussion :")[1]
    assert "malik : Le visuel est-il validé par le client ?" in shown
    assert "sofia : Oui, hier soir." in shown
    assert "ordinaire" not in shown
    assert out.count("Usage : :reply CARTE TEXTE") == 2
