"""The wheel must carry every package and data file an installed `garant` needs."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_python_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("bot", "cogs") for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


def test_package_data_covers_migrations_charters_and_the_example_config():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    assert "migrations/*.sql" in data["bot.store"]
    assert "example_config.yaml" in data["bot"]
    assert {"*.yaml", "lists/*", "routines/*.yaml"} <= set(data["bot.bundled_charters"])
    assert any((ROOT / "charters" / "routines").glob("*.yaml"))
