"""The evasion view and the chunked-word search are woken by the same signs whichever
way they are looked for: the one-pass RE2 prefilter for ASCII text must never rule out
a sign that Python's tests see (a missed sign is a disguised insult let through), nor
invent one."""

from __future__ import annotations

import random

import pytest

from bot.charter import normalise as n
from bot.charter.normalise import TextViews


def python_signs(folded: str, words: str) -> tuple[bool, bool, bool] | None:
    """The signs as Python's regexes alone read them (the definition)."""
    leet = bool(n._LEET_TRIGGER.search(folded))
    spaced = bool(n._SPACED_TRIGGER.search(words))
    junk = (not folded.isascii() or "|" in folded or "\\" in folded) and bool(
        n._JUNK_CHAR.search(folded)) and bool(n._JUNK.search(folded))
    if leet or spaced or junk or n._STRETCH_TRIGGER.search(folded):
        return leet, spaced, junk
    return None


@pytest.mark.parametrize("text", [
    "c o n n a r d", "c.o.n.n.a.r.d", "c_o_n", "c|_|nt", "\\/ache", "connnnard", "CONNNARD",
    "c0nnard", "a$$hole", "@$$", "b!te", "ok!", "Super !!!", "2nd", "6hrs", "0800 000 000",
    "a b", "1 2 3", "x\ny\nz", "Le train a vingt minutes de retard.", "", "sa.lo.pe", "p.d",
    "S.A.", "peut-être", "a_b", "fin.", "x-y-z",
])
def test_the_prefilter_reads_the_signs_as_python_does(text):
    views = TextViews(text)
    assert n._evasion_signs(views.folded, views.words) == python_signs(views.folded, views.words)
    assert TextViews(text).may_be_chunked() == python_chunked(views.folded)


def python_chunked(folded: str) -> bool:
    return ("." in folded or "-" in folded or "_" in folded) and bool(
        n._CHUNK_HINT.search(folded))


def test_random_ascii_texts_agree():
    rng = random.Random(13)
    alphabet = "aabcnoz AZ 0123456789@$|!\\/_.-*#'\n"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
        views = TextViews(text)
        assert n._evasion_signs(views.folded, views.words) == python_signs(
            views.folded, views.words), text
        assert views.may_be_chunked() == python_chunked(views.folded), text


def test_the_fast_words_view_and_leet_reading_equal_the_regexes_they_replace():
    """The words view (translate and split for ASCII) and the leet reading (only the
    pieces holding a leet character) are the whole-text substitutions they replaced: an
    offset off by one would point a finding at the wrong characters."""
    rng = random.Random(13)
    alphabet = "ab l0$@|!€15_4 .-\t\n\x1cé"
    texts = ["", " ", "!", " a ", "_a_", "c0nnard ! a$$ 150p A55 b!te l33t", "x" * 50 + "0"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
              for _ in range(20_000)]
    for text in texts:
        assert n.words_view(text) == " " + n._SEPARATORS.sub(" ", text) + " ", text
        expected = n._LEET_RUN.sub(n._leet_run, text).translate(n._L_AS_I)
        assert n.evasion_base(text) == expected, text
