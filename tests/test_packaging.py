"""The wheel must carry every package and data file an installed `garant` needs."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_found_by_the_build():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("bot", "cogs") for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    missed = [name for name in found if not any(fnmatch(name, pattern) for pattern in include)]
    assert not missed, f"not packaged: {sorted(missed)}"


def test_package_data_covers_migrations_charters_and_the_example_config():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    assert "migrations/*.sql" in data["*"]  # every component's own migrations
    assert any((ROOT / "cogs").glob("*/migrations/*.sql"))
    assert "example_config.yaml" in data["bot"]
    assert {"*.yaml", "lists/*", "routines/*.yaml"} <= set(data["charters"])
    assert "charters" in config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert any((ROOT / "charters" / "routines").glob("*.yaml"))
