"""The Docker Compose file of docs/deployment.md stays in step with Garant: every
command it gives Garant is one the command line accepts, the instances share one
database without a password in its URL, and each connects its own Discord shard."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.cli import build_parser

COMPOSE = Path(__file__).resolve().parents[1] / "deploy" / "compose.yaml"


def test_every_garant_command_of_the_compose_file_is_accepted() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    garant = {name: s for name, s in services.items() if s.get("build") == ".."}
    assert set(garant) == {"migrate", "garant-1", "garant-2"}
    parser = build_parser()
    parsed = {name: parser.parse_args(s["command"]) for name, s in garant.items()}
    databases = {str(args.db) for args in parsed.values()}
    assert databases == {"postgresql://garant@db/garant"}  # one database, no password
    assert {parsed["garant-1"].shard, parsed["garant-2"].shard} == {(0, 2), (1, 2)}
    proxy = services["proxy"]["command"]
    assert "garant-1:3000" in proxy and "garant-2:3000" in proxy  # slack.port's default
    example = (COMPOSE.parent / ".env.example").read_text(encoding="utf-8")
    assert "PGPASSWORD=" in example
