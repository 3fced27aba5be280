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

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
DEFAULT_CHARTER = "base"


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit status 2."""


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
    return parser


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


def library(charters_dir: Path | None, extra: Path | None = None) -> Any:
    from bot.charter import CharterLibrary, bundled_charters_dir

    if charters_dir is not None and not charters_dir.is_dir():
        raise UsageError(f"--charters-dir {charters_dir}: not a directory")
    dirs = [d for d in (extra, charters_dir) if d is not None]
    return CharterLibrary([*dirs, bundled_charters_dir()])


def load_charter(name: str, charters_dir: Path | None) -> Any:
    from bot.yamlsrc import SourceError

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


# --------------------------------------------------------------------------- charter


def run_validate(args: argparse.Namespace) -> int:
    from bot.yamlsrc import SourceError

    status = EXIT_OK
    for name in args.paths:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: no such charter file", file=sys.stderr)
            status = EXIT_USAGE
            continue
        try:
            charter = library(args.charters_dir, path.parent).load(str(path))
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
    from bot.yamlsrc import SourceError

    try:
        lib = library(args.charters_dir)
        for name, source in sorted(lib.sources().items()):
            title = source.raw.get("title", "")
            print(f"{name}\t{title}\t{source.path}")
    except SourceError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK
