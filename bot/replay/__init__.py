"""`garant replay`: a charter's chat checks over an exported chat history.

Why: before moderation is switched on in a space, a team wants to know what
its charter would have done there — how many messages it would have flagged or
blocked, for which rules, and who would have been hit — without posting
anything. Replaying an export answers that, and shows which rules are too
eager before anyone is bothered by them.

Every message is checked in the `chat` context with one `FloodTracker` across
the whole history, so `repetition` rules see the message's author, channel and
time. Messages from every file are merged and sorted by time (stable) before
checking: a flood that spans two Slack day files, or two exports, is found.

Inputs, one or more EXPORT arguments, the format detected per argument:

* a Slack workspace export, as a folder or a `.zip`: `CHANNEL/YYYY-MM-DD.json`
  files (a JSON array of messages: `ts`, `user` or `bot_id`, `text`,
  `subtype`, optional `user_profile`), and `users.json` at the root for names.
  System messages (joins, leaves, topics, pins...) and bot messages are
  skipped and counted as such. A single `YYYY-MM-DD.json` file passed alone is
  read as a Slack channel file of its folder. `&lt; &gt; &amp;` are unescaped;
  Slack markup (`<@U123>`, `<https://...|label>`) is kept, the engine reads it.
* a DiscordChatExporter JSON file (`.json` with a `messages` list); bot
  messages and system messages (`type` other than Default and Reply) skipped.
* JSON Lines (`.jsonl`, `.ndjson`): `{"ts": ISO 8601 or epoch seconds,
  "author": str, "channel": str, "text": str}` per line. A time without an
  offset is taken as UTC.

A malformed file or record is reported with its position — `FILE:LINE` for
JSON Lines, `FILE[INDEX]` for a Slack day file, `FILE:messages[INDEX]` for
DiscordChatExporter (0-based, as `jq` counts), `FILE:LINE:COL` for invalid
JSON, `export.zip:general/2026-01-02.json[3]` inside a zip — and the rest is
still read. JSON files are parsed one message at a time (`_JsonStream`), so a
100k-message DiscordChatExporter file never becomes one Python tree: what is
kept is the messages themselves (time, text, author and channel keys, a
position) and capped figures.

`--format json` prints one document:

    {
      "charter": "base",
      "exports": ["slack-export.zip", "chat.jsonl"],
      "messages": {"read": 16, "skipped": 5, "not_ok": 10,
                   "first": "2026-01-02T07:50:00+00:00", "last": "..."},
      "verdicts": {"ok": 6, "suggest": 1, "warn": 0, "flag": 7, "block": 2},
      "findings": 11,
      "per_1000": {"findings": 687.5, "not_ok": 625.0},
      "rules": [                       # rules with findings, most findings first
        {"rule": "coordonnees", "kind": "personal_data", "level": "warning",
         "action": "flag", "findings": 4,
         "examples": [                 # the first 3, in time order
           {"source": "slack-export.zip:general/2026-01-02.json[2]",
            "at": "2026-01-02T08:05:00+00:00", "channel": "general",
            "author": "Bob Durand", "match": "06 12 34 56 78"}, ...]}, ...],
      "authors": [                     # top 10 by findings (authors with none left out)
        {"author": "Bob Durand", "id": "U02BOB", "findings": 4, "messages": 3,
         "not_ok": 3}, ...],
      "errors": [{"source": "broken.jsonl:2:83", "error": "invalid JSON: ..."}],
      "errors_total": 3                # "errors" lists the first 100
    }

`messages.read` counts the messages checked, `not_ok` those whose verdict is
not `ok`; `first`/`last` are null when nothing was read. Times are UTC.
Matches in examples are cut to 80 characters.
"""

from bot.phrases import add_french
from bot.replay.exports import FORMATS, find_exports, read_exports
from bot.replay.phrases_fr import FRENCH
from bot.replay.records import Export, ExportError
from bot.replay.report import Report, replay

add_french(FRENCH)

__all__ = ["FORMATS", "Export", "ExportError", "Report", "find_exports", "read_exports",
           "replay"]
