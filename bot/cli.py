"""The `garant` command line.

Subcommands import what they need when they run: `garant check` must start
fast, so nothing here imports the chat platform libraries at module level.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import __version__
from bot.usage import UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_CHARTER = "base"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="garant",
        description="Garant keeps a team on its editorial line: charter checks, draft votes, "
                    "moderation and the daily routine.",
    )
    parser.add_argument("--version", action="version", version=f"garant {__version__}")
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
    run.add_argument("--db", metavar="PATH", type=Path,
                     help="SQLite database (default: the config's 'database')")
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
        description="Copy the database with SQLite's online backup: safe while the bot runs.",
    )
    backup.add_argument("dest", metavar="PATH")
    backup.add_argument("--force", action="store_true",
                        help="replace PATH if it exists (by default an existing file is kept)")
    _config_option(backup)
    backup.add_argument("--db", metavar="PATH", type=Path,
                        help="database to copy (default: the config's 'database')")
    backup.set_defaults(handler=run_backup)
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
        sub.add_argument("--db", metavar="PATH", type=Path,
                         help="database (default: the config's 'database')")
    outbox.set_defaults(handler=run_outbox, outbox_command="list")
    listing_.set_defaults(handler=run_outbox)
    retry.set_defaults(handler=run_outbox)

    for spec in specs.values():
        if spec.add_cli is not None:
            spec.add_cli(commands)
    return parser


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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args.load_secrets = _load_secrets
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"garant: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


# --------------------------------------------------------------------------- check


@dataclass(slots=True)
class Message:
    source: str
    line: int  # 1-based line of the text's start in its file
    text: str


def library(charters_dir: Path | None) -> Any:
    from bot.charter import CharterLibrary, bundled_charters_dir

    if charters_dir is not None and not charters_dir.is_dir():
        raise UsageError(f"--charters-dir {charters_dir}: not a directory")
    return CharterLibrary([*([charters_dir] if charters_dir else []), bundled_charters_dir()])


def load_charter(name: str, charters_dir: Path | None) -> Any:
    from bot.located.yamlsrc import SourceError

    try:
        return library(charters_dir).load(name)
    except SourceError as exc:
        raise UsageError(f"invalid charter: {exc}") from None


def read_inputs(paths: list[str], by_line: bool) -> list[Message]:
    messages = []
    for path in paths or ["-"]:
        source = "<stdin>" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            text = data.decode("utf-8-sig")
        except FileNotFoundError:
            raise UsageError(f"{path}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"{path}: is a directory, expected a text file") from None
        except UnicodeDecodeError as exc:
            raise UsageError(f"{source}: not UTF-8 text (byte {exc.start})") from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
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
            raise UsageError(f"--network {args.network}: unknown network (one of: "
                             f"{', '.join(NETWORKS)})")
    charter = load_charter(args.charter, args.charters_dir)
    messages = read_inputs(args.paths, args.lines)
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
        print_text_report(charter, results, args.lines)
    has_error = any(f.level == "error" for _, findings, _ in results for f in findings)
    return EXIT_FINDINGS if has_error else EXIT_OK


def print_text_report(charter: Any, results: list, by_line: bool) -> None:
    levels: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    for message, findings, message_verdict in results:
        verdicts[message_verdict] += 1
        for finding in findings:
            levels[finding.level] += 1
            line, col = line_col(message.text, finding.start)
            place = (f"{message.source}:{col}" if by_line
                     else f"{message.source}:{message.line + line}:{col}")
            print(f"{place}: {finding.level} {finding.rule}: {finding.message}")
    total = sum(levels.values())
    flagged = len(results) - verdicts.get("ok", 0)
    detail = ", ".join(f"{levels[lv]} {lv}{'s' if levels[lv] > 1 and lv != 'info' else ''}"
                       for lv in ("error", "warning", "info") if levels[lv])
    noun = "message" if by_line else "text"
    summary = (f"{total} finding{'s' if total != 1 else ''}"
               f"{f' ({detail})' if detail else ''} in {flagged} of {len(results)} "
               f"{noun}{'s' if len(results) != 1 else ''}, charter {charter.name}")
    if flagged:
        summary += "; verdicts: " + ", ".join(
            f"{v} {n}" for v, n in sorted(verdicts.items()) if v != "ok")
    print(summary)


# --------------------------------------------------------------------------- replay


def run_replay(args: argparse.Namespace) -> int:
    from bot import replay

    try:
        exports = replay.find_exports(args.exports)
    except replay.ExportError as exc:
        raise UsageError(str(exc)) from None
    charter = load_charter(args.charter, args.charters_dir)
    report = replay.replay(charter, exports)
    if report.read == 0:
        for where, message in report.errors:
            print(f"{where}: {message}", file=sys.stderr)
        skipped = f" ({report.skipped} system or bot messages skipped)" if report.skipped else ""
        raise UsageError(f"nothing to replay: no message could be read{skipped}")
    if args.format == "json":
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.as_text())
    return EXIT_OK


# --------------------------------------------------------------------------- run


def run_bot(args: argparse.Namespace) -> int:
    import asyncio
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from bot.run import RunError, RunOptions, run

    now = None
    if args.now:
        try:
            now = datetime.fromisoformat(args.now)
        except ValueError:
            raise UsageError(f"--now {args.now}: expected a date and time like "
                             "2026-11-23T09:00") from None
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo(_timezone(args.config)))
    given = vars(args)
    options = RunOptions(config=args.config, platforms=tuple(args.platform or ()),
                         database=args.db, now=now, user=given.get("user"),
                         channel=given.get("channel") or "general", port=given.get("port"),
                         extra=given)
    _configure_logging(args.log_level, console_only=_console_only(args.platform))
    try:
        return asyncio.run(run(options))
    except RunError as exc:
        raise UsageError(str(exc)) from None


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
        raise UsageError(f"invalid configuration: {exc}") from None


def existing_database(args: argparse.Namespace) -> Path:
    """The database a maintenance command works on: `--db`, else the config's; it must
    exist (these commands never create one)."""
    import os

    from bot.config import load_config
    from bot.located.yamlsrc import SourceError

    try:
        database = Path(args.db or load_config(args.config, os.environ).database)
    except SourceError as exc:
        raise UsageError(f"invalid configuration: {exc}") from None
    if not database.exists():
        raise UsageError(f"{database}: no such database")
    return database


def run_backup(args: argparse.Namespace) -> int:
    import asyncio

    from bot.clock import SystemClock
    from bot.store import Store, StoreError

    database = existing_database(args)
    if Path(args.dest).exists() and not args.force:
        raise UsageError(f"{args.dest} exists; choose another name, or --force to replace it")

    async def copy() -> Path:
        async with Store.open(database, SystemClock()) as store:
            return await store.backup(args.dest)

    try:
        dest = asyncio.run(copy())
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    print(f"backup of {database} written to {dest}")
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
            raise UsageError(f"outbox retry: expected a delivery number or 'all', not {args.id!r}")
        wanted = -1 if value == "all" else int(value)
    database = existing_database(args)

    async def work() -> list[str]:
        async with Store.open(database, SystemClock()) as store:
            outbox = Outbox(store, store.clock)
            if wanted is not None:
                count = await outbox.retry(None if wanted < 0 else wanted, "cli")
                if wanted >= 0 and not count:
                    raise UsageError(f"no dead or refused delivery #{wanted}")
                noun = "delivery" if count == 1 else "deliveries"
                return [f"{count} {noun} queued again; the running bot delivers them"]
            lines = [f"#{e.id}  {e.status:<7}  {e.created_at:%Y-%m-%d %H:%M}  {e.describe()}"
                     f"  ({e.attempts} attempts: {e.error or '?'})"
                     for e in await outbox.listing(("dead", "refused"))]
            jobs = await store.fetchall(
                "SELECT job_id, scheduled_for, attempts, error FROM job_runs "
                "WHERE status = 'dead' ORDER BY id DESC LIMIT 50")
            lines += [f"job {row['job_id']}  dead  {row['scheduled_for']}  "
                      f"({row['attempts']} attempts: {row['error'] or '?'})" for row in jobs]
            return lines or ["no failed delivery or job"]

    try:
        for line in asyncio.run(work()):
            print(line)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


# --------------------------------------------------------------------------- charter


def run_validate(args: argparse.Namespace) -> int:
    from bot.located.yamlsrc import SourceError

    status = EXIT_OK
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such charter file", file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            charter = library(args.charters_dir).load(str(path))  # siblings are searched too
        except SourceError as exc:
            print(str(exc), file=sys.stderr)
            status = EXIT_USAGE
            continue
        examples = sum(len(rule.examples) for rule in charter.rules)
        parents = f", extends {', '.join(charter.parents)}" if charter.parents else ""
        print(f"{name}: ok, charter '{charter.name}': {len(charter.rules)} rules, "
              f"{examples} examples verified{parents}")
    return status


def run_list(args: argparse.Namespace) -> int:
    from bot.located.yamlsrc import SourceError

    try:
        lib = library(args.charters_dir)
        for name, source in sorted(lib.sources().items()):
            title = source.raw.get("title", "")
            print(f"{name}\t{title}\t{source.path}")
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK
