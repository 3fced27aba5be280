"""The `garant` command line.

Subcommands import what they need when they run: `garant check` must start
fast, so nothing here imports the chat platform libraries at module level.

It speaks the locale's language (`LANG`, `LC_MESSAGES`...) or `--lang`'s: the
parser is declared in English and translated once built (`localise`), which
also covers the options platforms add; argparse's own words ("usage:",
"options", its errors) are translated through the gettext hook argparse reads
them with (`argparse_in`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Coroutine, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot import __version__
from bot.phrases import LANGUAGES, Phrase, cli_language, has_french, render, text_of
from bot.phrases_fr import ARGPARSE_FRENCH
from bot.usage import UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_CHARTER = "base"


T = TypeVar("T")

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="garant",
        description="Garant keeps a team on its editorial line: charter checks, draft votes, "
                    "moderation and the daily routine.",
    )
    parser.add_argument("--version", action="version", version=f"garant {__version__}")
    _lang_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check texts against a charter",
        description="Check texts against an editorial charter and print the findings.",
        epilog="Exit status: 0 no error-level finding, 1 at least one, 2 usage error or "
               "invalid charter.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="text files to check; none or '-' reads standard input")
    _charter_options(check)
    check.add_argument("--context", choices=("chat", "draft"), default="draft",
                       help="check as a chat message or as a draft post (default: draft)")
    check.add_argument("--network", metavar="NET",
                       help="the social network of the draft (twitter, linkedin, facebook, "
                            "instagram...): selects network rules and length limits")
    check.add_argument("--lines", action="store_true",
                       help="treat each non-empty line as one message")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="print the text with the fixes that need no choice applied "
                             "(typography, unambiguous spelling); one text")
    fixing.add_argument("--diff", action="store_true",
                        help="print those fixes as a unified diff, for every text")
    check.set_defaults(handler=run_check)

    replay = commands.add_parser(
        "replay", help="replay a chat export through a charter's chat checks",
        description="Check every message of exported chat history (Slack export folder or "
                    ".zip, DiscordChatExporter .json, JSON Lines) in time order, as live "
                    "moderation would, without posting anything; report verdicts, findings "
                    "per rule, busiest authors and rates per 1,000 messages.",
        epilog="Exit status: 0 at least one message read (files that could not be read are "
               "listed in the report), 2 nothing could be read, usage error or invalid charter.",
    )
    replay.add_argument("exports", nargs="+", metavar="EXPORT",
                        help="Slack export folder or .zip, DiscordChatExporter .json, .jsonl")
    _charter_options(replay)
    replay.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    replay.set_defaults(handler=run_replay)

    charter = commands.add_parser("charter", help="work with charter files")
    charter_commands = charter.add_subparsers(dest="charter_command", metavar="SUBCOMMAND")
    validate = charter_commands.add_parser(
        "validate", help="check charter files (schema, regexes, examples)",
        description="Validate charter files: schema, word lists, regexes and examples.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--charters-dir", metavar="DIR", type=Path,
                          help="where the charters they extend live (default: next to each "
                               "file, then the bundled charters)")
    validate.set_defaults(handler=run_validate)
    listing = charter_commands.add_parser("list", help="list the available charters")
    listing.add_argument("--charters-dir", metavar="DIR", type=Path)
    listing.set_defaults(handler=run_list)
    show = charter_commands.add_parser(
        "show", help="show a charter's rules and what each term finds",
        description="Show a charter's rules and, for word rules, each term with the "
                    "inflected forms it also finds (connard: connards, connarde...).")
    show.add_argument("charter", metavar="CHARTER", help="a charter name or file")
    show.add_argument("--rule", metavar="ID", help="only this rule")
    show.add_argument("--charters-dir", metavar="DIR", type=Path)
    show.set_defaults(handler=run_show)
    charter.set_defaults(handler=lambda args: _missing_subcommand(charter))

    run = commands.add_parser(
        "run", help="run the bot (the local console when no platform token is set)",
        description="Run Garant. With no DISCORD_TOKEN or SLACK_BOT_TOKEN it runs the local "
                    "console on the configured (or bundled example) team.",
    )
    _config_option(run)
    from bot.platforms import discover

    specs = discover()
    run.add_argument("--platform", action="append", choices=tuple(specs),
                     help="platform to run (repeatable; default: those with a token, else local)")
    run.add_argument("--db", metavar="PATH|URL", type=database_location,
                     help="SQLite file or postgresql:// URL (default: the config's 'database')")
    run.add_argument("--tenants", metavar="DIR", type=Path,
                     help="serve every team of DIR (a folder each, with its garant.yaml and "
                          ".env) in this process; with --db postgresql://..., each in a "
                          "schema of its own")
    run.add_argument("--now", metavar="DATETIME",
                     help="console only: start the clock at this local time and keep it still "
                          "(for scripted sessions), e.g. 2026-11-23T09:00")
    run.add_argument("--log-level", choices=("debug", "info", "warning", "error"),
                     help="what to log on standard error (default: warning for the console, "
                          "info when a chat platform runs)")
    for spec in specs.values():
        if spec.add_run_options is not None:
            spec.add_run_options(run)
    run.set_defaults(handler=run_bot)

    db = commands.add_parser("db", help="work with the database")
    db_commands = db.add_subparsers(dest="db_command", metavar="SUBCOMMAND")
    backup = db_commands.add_parser(
        "backup", help="make a consistent copy of the database while the bot runs",
        description="Copy the database into a SQLite file, safe while the bot runs: "
                    "SQLite's online backup, or one consistent read of a PostgreSQL database "
                    "(put it back with 'garant db copy BACKUP postgresql://...').",
    )
    backup.add_argument("dest", metavar="PATH")
    backup.add_argument("--force", action="store_true",
                        help="replace PATH if it exists (by default an existing file is kept)")
    _config_option(backup)
    backup.add_argument("--db", metavar="PATH|URL", type=database_location,
                        help="database to copy (default: the config's 'database')")
    backup.set_defaults(handler=run_backup)
    migrate = db_commands.add_parser(
        "migrate", help="bring the database's schema up to this Garant's version",
        description="Apply the migrations this Garant ships and say each component's "
                    "version ('garant run' does it too at start; this does it ahead, e.g. "
                    "before starting several instances).")
    _config_option(migrate)
    migrate.add_argument("--db", metavar="PATH|URL", type=database_location,
                         help="database (default: the config's 'database'; a SQLite file is "
                              "created if missing)")
    migrate.set_defaults(handler=run_migrate)
    copy = db_commands.add_parser(
        "copy", help="copy every row of one database into a new, empty one",
        description="Move a co-op between SQLite and PostgreSQL: FROM and TO are SQLite "
                    "files or postgresql:// URLs. Both are brought to this Garant's schema; "
                    "TO must hold no rows. Stop the bot first: what it writes during the "
                    "copy would not be copied.")
    copy.add_argument("source", metavar="FROM", type=database_location)
    copy.add_argument("target", metavar="TO", type=database_location)
    copy.set_defaults(handler=run_copy)
    db.set_defaults(handler=lambda args: _missing_subcommand(db))

    outbox = commands.add_parser(
        "outbox", help="list or retry the deliveries Garant could not make",
        description="Every effect on a platform (a post, a card, a direct message, a "
                    "deletion) goes through the outbox and is retried with back-off. This "
                    "lists the ones a platform refused and the ones given up after their "
                    "retries, and puts dead ones back in the queue (the running bot then "
                    "delivers them).",
    )
    outbox_commands = outbox.add_subparsers(dest="outbox_command", metavar="SUBCOMMAND")
    listing_ = outbox_commands.add_parser("list", help="list failed deliveries and dead jobs")
    retry = outbox_commands.add_parser("retry", help="queue a dead delivery again, or all")
    retry.add_argument("id", metavar="ID|all", help="the delivery's number, or 'all'")
    for sub in (outbox, listing_, retry):
        _config_option(sub)
        sub.add_argument("--db", metavar="PATH|URL", type=database_location,
                         help="database (default: the config's 'database')")
    outbox.set_defaults(handler=run_outbox, outbox_command="list")
    listing_.set_defaults(handler=run_outbox)
    retry.set_defaults(handler=run_outbox)

    for spec in specs.values():
        if spec.add_cli is not None:
            spec.add_cli(commands)
    for sub in _subparsers(parser):
        _lang_option(sub)
    return parser


def _lang_option(parser: argparse.ArgumentParser) -> None:
    # Read before the parser is built (`cli_language`); declared so that it is accepted
    # anywhere and shown in the help. SUPPRESS: a subcommand never resets it.
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help="language of what garant prints (default: from the locale, "
                             "LANG or LC_MESSAGES; English otherwise)")


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield sub
                yield from _subparsers(sub)


def parser_texts(parser: argparse.ArgumentParser) -> Iterator[str]:
    """Every text of the parser a person reads (descriptions, helps, metavars)."""
    for text in (parser.description, parser.epilog):
        if text:
            yield text
    for action in parser._actions:
        for said in (action.help, action.metavar):
            if isinstance(said, str) and said and said != argparse.SUPPRESS:
                yield said
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    yield choice.help
            for sub in dict.fromkeys(action.choices.values()):
                yield from parser_texts(sub)


def localise(parser: argparse.ArgumentParser, language: str) -> None:
    """Translate the built parser's texts (argparse reads them as attributes when it
    prints help or an error)."""
    if language == "en":
        return

    def tr(text: Any) -> Any:
        return (render(text, {}, language) if isinstance(text, str) and has_french(text)
                else text)

    parser.description, parser.epilog = tr(parser.description), tr(parser.epilog)
    parser.formatter_class = _FrenchHelpFormatter
    for action in parser._actions:
        action.help, action.metavar = tr(action.help), tr(action.metavar)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = tr(choice.help)
            for sub in dict.fromkeys(action.choices.values()):
                localise(sub, language)


class _FrenchHelpFormatter(argparse.HelpFormatter):
    """argparse ends a section heading with a colon glued to it; French puts a no-break
    space before the colon."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading}\u00a0" if heading else heading)


@contextlib.contextmanager
def argparse_in(language: str) -> Iterator[None]:
    """argparse looks its own words up through the module's gettext functions (`_`,
    `ngettext`), the hook it has for translations; French ones while the command line
    is parsed, the standard ones after."""
    if language != "fr":
        yield
        return
    gettext, ngettext = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def french_ngettext(singular: str, plural: str, n: int) -> str:
        return ARGPARSE_FRENCH.get(singular if n == 1 else plural,
                                   singular if n == 1 else plural)

    argparse._ = lambda text: ARGPARSE_FRENCH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = french_ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="PATH", type=Path,
                        help="garant.yaml (default: $GARANT_CONFIG, ./garant.yaml, else the "
                             "bundled example)")


def _charter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--charter", metavar="NAME|PATH", default=DEFAULT_CHARTER,
                        help=f"charter name or file (default: {DEFAULT_CHARTER})")
    parser.add_argument("--charters-dir", metavar="DIR", type=Path,
                        help="directory of charters (default: the bundled ones)")


def _missing_subcommand(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    language = cli_language(given, os.environ)
    with argparse_in(language):
        return _main(given, language)


def _main(given: list[str], language: str) -> int:
    parser = build_parser()
    localise(parser, language)
    args = parser.parse_args(given)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.language = language
    args.load_secrets = _load_secrets
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(say(language, "garant: {error}", error=exc), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def say(language: str, template: str, **values: Any) -> str:
    """A text of the command line in its language (`bot.phrases`)."""
    return render(template, values, language)


# --------------------------------------------------------------------------- check


@dataclass(slots=True)
class Message:
    source: str
    line: int  # 1-based line of the text's start in its file
    text: str


def library(charters_dir: Path | None) -> Any:
    from bot.charter import CharterLibrary, bundled_charters_dir

    if charters_dir is not None and not charters_dir.is_dir():
        raise UsageError("--charters-dir {dir}: not a directory", dir=charters_dir)
    return CharterLibrary([*([charters_dir] if charters_dir else []), bundled_charters_dir()])


def load_charter(name: str, charters_dir: Path | None) -> Any:
    from bot.located.yamlsrc import SourceError

    try:
        return library(charters_dir).load(name)
    except SourceError as exc:
        raise UsageError("invalid charter: {error}", error=exc) from None


def read_inputs(paths: list[str], by_line: bool) -> list[Message]:
    messages = []
    for path in paths or ["-"]:
        source = "<stdin>" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            text = data.decode("utf-8-sig")
        except FileNotFoundError:
            raise UsageError("{path}: no such file", path=path) from None
        except IsADirectoryError:
            raise UsageError("{path}: is a directory, expected a text file", path=path) from None
        except UnicodeDecodeError as exc:
            raise UsageError("{source}: not UTF-8 text (byte {byte})", source=source,
                             byte=exc.start) from None
        except OSError as exc:
            raise UsageError("{path}: cannot read: {reason}", path=path,
                             reason=exc.strerror) from None
        if by_line:
            for number, line in enumerate(text.split("\n"), start=1):
                line = line.removesuffix("\r")
                if line.strip():
                    messages.append(Message(f"{source}:{number}", number, line))
        else:
            messages.append(Message(source, 1, text))
    return messages


def line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return line, col + 1


def run_check(args: argparse.Namespace) -> int:
    from bot.charter import verdict

    if args.network is not None:
        from bot.charter import NETWORKS

        if args.network not in NETWORKS:
            raise UsageError("--network {network}: unknown network (one of: {known})",
                             network=args.network, known=", ".join(NETWORKS))
    if (args.fix or args.diff) and args.lines:
        raise UsageError("--fix and --diff work on whole texts, not with --lines")
    if args.fix and len(args.paths) > 1:
        raise UsageError("--fix prints one corrected text: give one file (or --diff for "
                         "several)")
    charter = load_charter(args.charter, args.charters_dir)
    for rule, reason in charter.off():  # said, never a silent skip
        print(say(args.language, "garant: {error}", error=Phrase(
            "rule '{rule}' ({kind}) is off: {reason}", rule=rule.id, kind=rule.kind,
            reason=reason)), file=sys.stderr)
    messages = read_inputs(args.paths, args.lines)
    if args.fix or args.diff:
        return print_fixes(charter, messages, args)
    results = []
    for message in messages:
        findings = charter.check(message.text, args.context, args.network)
        results.append((message, findings, verdict(findings)))
    if args.format == "json":
        document = {
            "charter": charter.name,
            "results": [{"source": m.source, "verdict": v,
                         "findings": [f.as_dict() for f in findings]}
                        for m, findings, v in results],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_text_report(charter, results, args.lines, args.language)
    has_error = any(f.level == "error" for _, findings, _ in results for f in findings)
    return EXIT_FINDINGS if has_error else EXIT_OK


#: A finding's level as printed before its rule, like a compiler's "error"/"warning".
LEVEL_WORDS = {"fr": {"error": "erreur", "warning": "attention", "info": "info"}}
LEVEL_COUNTS = {"error": "{count} error(s)", "warning": "{count} warning(s)",
                "info": "{count} info"}
VERDICT_WORDS = {"fr": {"suggest": "suggestion", "warn": "avertissement",
                        "flag": "signalé", "block": "bloqué"}}


def print_text_report(charter: Any, results: list, by_line: bool, language: str = "en") -> None:
    levels: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    level_words = LEVEL_WORDS.get(language, {})
    for message, findings, message_verdict in results:
        verdicts[message_verdict] += 1
        for finding in findings:
            levels[finding.level] += 1
            line, col = line_col(message.text, finding.start)
            place = (f"{message.source}:{col}" if by_line
                     else f"{message.source}:{message.line + line}:{col}")
            level = level_words.get(finding.level, finding.level)
            print(f"{place}: {level} {finding.rule}: {finding.message}")
    flagged = len(results) - verdicts.get("ok", 0)
    detail = ", ".join(say(language, LEVEL_COUNTS[lv], count=levels[lv])
                       for lv in ("error", "warning", "info") if levels[lv])
    template = ("{total} finding(s){detail} in {flagged} of {count} message(s), charter "
                "{charter}" if by_line else
                "{total} finding(s){detail} in {flagged} of {count} text(s), charter {charter}")
    summary = say(language, template, total=sum(levels.values()),
                  detail=f" ({detail})" if detail else "", flagged=flagged,
                  count=len(results), charter=charter.name)
    if flagged:
        words = VERDICT_WORDS.get(language, {})
        summary += say(language, "; verdicts: {verdicts}", verdicts=", ".join(
            say(language, "{verdict} {count}", verdict=words.get(v, v), count=n)
            for v, n in sorted(verdicts.items()) if v != "ok"))
    print(summary)


def print_fixes(charter: Any, messages: list[Message], args: argparse.Namespace) -> int:
    """--fix: the corrected text on standard output; --diff: a unified diff per text.
    What is left for a person is counted on standard error; the exit status is that of
    the corrected texts (1 when an error-level finding remains)."""
    import difflib

    from bot.charter import fixed

    status = EXIT_OK
    for message in messages:
        findings = charter.check(message.text, args.context, args.network)
        corrected = fixed(message.text, findings)
        if args.fix:
            sys.stdout.write(corrected)
        else:
            sys.stdout.writelines(difflib.unified_diff(
                message.text.splitlines(keepends=True), corrected.splitlines(keepends=True),
                message.source, message.source))
        applied = sum(1 for f in findings if f.fix is not None)
        left = charter.check(corrected, args.context, args.network)
        print(say(args.language, "{source}: {applied} change(s) applied, {left} finding(s) "
                                 "left for a person", source=message.source, applied=applied,
                  left=len(left)), file=sys.stderr)
        if any(f.level == "error" for f in left):
            status = EXIT_FINDINGS
    return status


# --------------------------------------------------------------------------- replay


def run_replay(args: argparse.Namespace) -> int:
    from bot import replay

    try:
        exports = replay.find_exports(args.exports)
    except replay.ExportError as exc:
        raise UsageError("{error}", error=exc) from None
    charter = load_charter(args.charter, args.charters_dir)
    report = replay.replay(charter, exports)
    if report.read == 0:
        for where, message in report.errors:
            print(f"{where}: {text_of(message, args.language)}", file=sys.stderr)
        if report.skipped:
            raise UsageError("nothing to replay: no message could be read ({skipped} system "
                             "or bot messages skipped)", skipped=report.skipped)
        raise UsageError("nothing to replay: no message could be read")
    if args.format == "json":
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.as_text(args.language))
    return EXIT_OK


# --------------------------------------------------------------------------- run


def run_bot(args: argparse.Namespace) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from bot.run import RunError, RunOptions, run

    now = None
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            raise UsageError("--now {value}: expected a date and time like 2026-11-23T09:00",
                             value=args.now) from None
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo(_timezone(args.config)))
    given = vars(args)
    options = RunOptions(config=args.config, platforms=tuple(args.platform or ()),
                         database=args.db, now=now, user=given.get("user"),
                         channel=given.get("channel") or "general", port=given.get("port"),
                         extra=given)
    tenants = given.get("tenants")
    _configure_logging(args.log_level, console_only=tenants is None and _console_only(
        args.platform))
    try:
        if tenants is not None:
            if args.config is not None or args.now:
                raise UsageError("--tenants: each tenant has its own garant.yaml and runs on "
                                 "the real clock (leave --config and --now out)")
            from bot import tenants as tenants_

            return run_loop(tenants_.run(tenants, options, sys.stdout, dict(os.environ)))
        return run_loop(run(options))
    except RunError as exc:
        raise UsageError("{error}", error=exc) from None


def run_loop(main: Coroutine[Any, Any, T]) -> T:
    """Run `garant run`'s coroutine on uvloop when it is installed (the default on Linux
    and macOS: thread hand-offs, which every database call makes, cost less there — see
    docs/performance.md), on asyncio's own loop when it is not or GARANT_LOOP=asyncio."""
    import asyncio

    if os.environ.get("GARANT_LOOP", "").strip().lower() != "asyncio":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.run(main)
    return asyncio.run(main)


def _load_secrets() -> Any:
    """The platforms' secrets from the environment and .env (for subcommands that need
    one, such as `garant discord invite-url`); SourceError for an unreadable .env."""
    import os

    from bot.credentials import load_secrets
    from bot.platforms import discover

    return load_secrets(discover().values(), os.environ)


def _console_only(requested: list[str] | None) -> bool:
    """Whether only the default platform (the console) will run: quieter logs."""
    import os

    from bot.credentials import load_secrets
    from bot.platforms import discover

    specs = discover()
    if requested:
        return all(specs[name].default for name in requested if name in specs)
    try:
        return not load_secrets(specs.values(), os.environ).ready(specs.values())
    except Exception:  # a bad .env is reported by `run` itself
        return True


def _configure_logging(level: str | None, console_only: bool) -> None:
    """Log lines go to standard error; secrets are never logged by Garant."""
    import logging

    chosen = level or ("warning" if console_only else "info")
    logging.basicConfig(level=chosen.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _timezone(config_path: Path | None) -> str:
    import os

    from bot.config import load_config
    from bot.located.yamlsrc import SourceError

    try:
        return load_config(config_path, os.environ).timezone
    except SourceError as exc:
        raise UsageError("invalid configuration: {error}", error=exc) from None


def database_location(text: str) -> Path | str:
    """A `--db` value: a PostgreSQL URL as written, else a SQLite file's path."""
    return text if text.startswith(("postgresql://", "postgres://")) else Path(text)


def configured_database(args: argparse.Namespace) -> Path | str:
    """`--db`, else the config's database."""
    import os

    from bot.config import load_config
    from bot.located.yamlsrc import SourceError

    if args.db:
        return database_location(str(args.db))
    try:
        return load_config(args.config, os.environ).database
    except SourceError as exc:
        raise UsageError("invalid configuration: {error}", error=exc) from None


def existing_database(args: argparse.Namespace) -> Path | str:
    """The database a maintenance command works on: `--db`, else the config's; a SQLite
    file must exist (these commands never create one)."""
    database = configured_database(args)
    if isinstance(database, Path) and not database.exists():
        raise UsageError("{database}: no such database", database=database)
    return database


def shown_database(database: Path | str) -> str:
    from bot.store.postgres import shown

    return shown(database) if isinstance(database, str) else str(database)


def run_backup(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.store import Store, StoreError

    database = existing_database(args)
    if Path(args.dest).exists() and not args.force:
        raise UsageError("{path} exists; choose another name, or --force to replace it",
                         path=args.dest)

    async def copy() -> Path:
        async with Store.open(database, SystemClock()) as store:
            return await store.backup(args.dest)

    try:
        dest = asyncio.run(copy())
    except StoreError as exc:
        raise UsageError("{error}", error=exc) from None
    print(say(args.language, "backup of {database} written to {dest}",
              database=shown_database(database), dest=dest))
    return EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.store import Store, StoreError
    from bot.store.schema import describe, installed

    database = configured_database(args)

    async def migrate() -> dict[str, int]:
        async with Store.open(database, SystemClock()) as store:
            return dict(store.versions)

    try:
        versions = asyncio.run(migrate())
    except StoreError as exc:
        raise UsageError("{error}", error=exc) from None
    print(say(args.language, "{database} is up to date: {versions}",
              database=shown_database(database), versions=describe(versions, installed())))
    return EXIT_OK


def run_copy(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.store import Store, StoreError
    from bot.store.copy import copy_database

    if isinstance(args.source, Path) and not args.source.exists():
        raise UsageError("{database}: no such database", database=args.source)
    if str(args.source) == str(args.target):
        raise UsageError("FROM and TO are the same database")

    async def copy() -> dict[str, int]:
        clock = SystemClock()
        async with Store.open(args.source, clock) as source, \
                Store.open(args.target, clock) as target:
            return await copy_database(source, target)

    try:
        copied = asyncio.run(copy())
    except StoreError as exc:
        raise UsageError("{error}", error=exc) from None
    print(say(args.language, "{rows} rows in {tables} tables copied from {source} to {target}",
              rows=sum(copied.values()), tables=len(copied),
              source=shown_database(args.source), target=shown_database(args.target)))
    return EXIT_OK


# --------------------------------------------------------------------------- outbox


def run_outbox(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.effects import Outbox
    from bot.store import Store, StoreError

    wanted = None
    if args.outbox_command == "retry":
        value = args.id.strip().lstrip("#").lower()
        if value != "all" and not value.isdigit():
            raise UsageError("outbox retry: expected a delivery number or 'all', not {value}",
                             value=repr(args.id))
        wanted = -1 if value == "all" else int(value)
    database = existing_database(args)
    language = args.language
    statuses = {"fr": {"dead": "abandonné", "refused": "refusé"}}.get(
        language, {"dead": "dead", "refused": "refused"})

    async def work() -> list[str]:
        async with Store.open(database, SystemClock()) as store:
            outbox = Outbox(store, store.clock)
            if wanted is not None:
                count = await outbox.retry(None if wanted < 0 else wanted, "cli")
                if wanted >= 0 and not count:
                    raise UsageError("no dead or refused delivery #{number}", number=wanted)
                template = ("{count} delivery queued again; the running bot delivers it"
                            if count == 1 else "{count} deliveries queued again; the running "
                            "bot delivers them")
                return [say(language, template, count=count)]
            lines = [f"#{e.id}  {statuses.get(e.status, e.status):<7}  "
                     f"{e.created_at:%Y-%m-%d %H:%M}  {e.describe(language)}  "
                     + say(language, "({attempts} attempt(s): {error})", attempts=e.attempts,
                           error=e.error or "?")
                     for e in await outbox.listing(("dead", "refused"))]
            jobs = await store.fetchall(
                "SELECT job_id, scheduled_for, attempts, error FROM job_runs "
                "WHERE status = 'dead' ORDER BY id DESC LIMIT 50")
            lines += [say(language, "job {job}", job=row["job_id"])
                      + f"  {statuses['dead']}  {row['scheduled_for']}  "
                      + say(language, "({attempts} attempt(s): {error})",
                            attempts=row["attempts"], error=row["error"] or "?")
                      for row in jobs]
            return lines or [say(language, "no failed delivery or job")]

    try:
        for line in asyncio.run(work()):
            print(line)
    except StoreError as exc:
        raise UsageError("{error}", error=exc) from None
    return EXIT_OK


# --------------------------------------------------------------------------- charter


def run_validate(args: argparse.Namespace) -> int:
    from bot.located.yamlsrc import SourceError

    status = EXIT_OK
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            print(say(args.language, "{path}: no such charter file", path=name),
                  file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            charter = library(args.charters_dir).load(str(path))  # siblings are searched too
        except SourceError as exc:
            print(exc.text(args.language), file=sys.stderr)
            status = EXIT_USAGE
            continue
        examples = sum(len(rule.examples) for rule in charter.rules)
        template = ("{path}: ok, charter '{name}': {rules} rule(s), {examples} example(s) "
                    "verified, extends {parents}" if charter.parents else
                    "{path}: ok, charter '{name}': {rules} rule(s), {examples} example(s) "
                    "verified")
        print(say(args.language, template, path=name, name=charter.name,
                  rules=len(charter.rules), examples=examples,
                  parents=", ".join(charter.parents)))
    return status


def run_show(args: argparse.Namespace) -> int:
    charter = load_charter(args.charter, args.charters_dir)
    rules = [rule for rule in charter.rules if args.rule in (None, rule.id)]
    if not rules:
        raise UsageError("charter '{name}' has no rule '{rule}'; its rules: {rules}",
                         name=charter.name, rule=args.rule,
                         rules=", ".join(rule.id for rule in charter.rules))
    template = ("charter '{name}' ({title}): {rules} rule(s), extends {parents}"
                if charter.parents else "charter '{name}' ({title}): {rules} rule(s)")
    print(say(args.language, template, name=charter.name, title=charter.title,
              rules=len(charter.rules), parents=", ".join(charter.parents)))
    for rule in rules:
        title = f" — {rule.title}" if rule.title else ""
        print(f"\n{rule.id}{title} ({rule.kind}, {rule.level} → {rule.action}, "
              f"{'/'.join(sorted(rule.applies_to))})")
        for key, terms in charter.covered(rule):
            written = [f"{term} (+ {', '.join(made)})" if made else term
                       for term, made in terms.items()]
            print(f"  {key}: " + "; ".join(written))
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from bot.located.yamlsrc import SourceError

    try:
        lib = library(args.charters_dir)
        for name, source in sorted(lib.sources().items()):
            title = source.raw.get("title", "")
            print(f"{name}\t{title}\t{source.path}")
    except SourceError as exc:
        raise UsageError("{error}", error=exc) from None
    return EXIT_OK
