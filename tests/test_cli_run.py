"""`garant run` and `garant db backup` from the command line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.typography import plain


def garant(*args: str, stdin: str = "", cwd: Path | None = None, env: dict | None = None):
    result = subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                            capture_output=True, cwd=cwd, env=env, timeout=60)
    result.stdout = plain(result.stdout)  # French spaces read as plain ones
    return result


@pytest.mark.parametrize("loop", ["", "asyncio"])  # uvloop where installed, then asyncio's
def test_run_pipes_a_script_through_the_console(tmp_path, loop):
    env = {**os.environ, "GARANT_LOOP": loop}
    result = garant("run", "--db", str(tmp_path / "g.db"), "--now", "2026-11-23T09:00",
                    stdin=":user malik\n/charter reload\n", env=env)
    assert result.returncode == 0, result.stderr
    assert "Vous êtes malik (membre, modérateur)." in result.stdout
    assert "(pour vous seul) Chartes rechargées : base, coop-fr." in result.stdout
    assert result.stderr == ""


def test_uvloop_is_the_loop_where_it_is_installed(monkeypatch) -> None:
    from bot.cli import run_loop

    async def which() -> str:
        import asyncio
        return type(asyncio.get_running_loop()).__module__

    monkeypatch.delenv("GARANT_LOOP", raising=False)
    try:
        import uvloop  # noqa: F401
    except ImportError:
        assert run_loop(which()).startswith("asyncio")
    else:
        assert run_loop(which()).startswith("uvloop")
    monkeypatch.setenv("GARANT_LOOP", "asyncio")
    assert run_loop(which()).startswith("asyncio")


def test_run_reports_config_errors_with_their_position(tmp_path, capsys):
    config = tmp_path / "garant.yaml"
    config.write_text("language: fr\ntimezone: Paris\n", encoding="utf-8")
    status = main(["run", "--config", str(config), "--db", str(tmp_path / "g.db")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"garant: invalid configuration: {config}:2:11: ")
    assert "Europe/Paris" in err


def test_run_refuses_a_bad_now(capsys):
    assert main(["run", "--now", "lundi"]) == 2
    assert "--now lundi: expected a date and time" in capsys.readouterr().err


def test_secrets_in_the_environment_are_never_printed(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DISCORD_TOKEN": "super-secret-discord-token-123",
           "HOME": str(tmp_path)}
    result = garant("run", "--db", str(tmp_path / "g.db"), stdin="", cwd=tmp_path, env=env)
    assert "super-secret-discord-token-123" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 2)


@pytest.mark.sqlite  # the command line on a SQLite file
def test_db_backup_makes_a_readable_copy(tmp_path, capsys):
    db = tmp_path / "g.db"
    assert garant("run", "--db", str(db), "--now", "2026-11-23T09:00",
                  stdin=":user yann\nBonjour\n").returncode == 0
    status = main(["db", "backup", str(tmp_path / "copy.db"), "--db", str(db)])
    assert status == 0
    assert "backup of" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT author, text FROM local_messages").fetchall() == [
            ("yann", "Bonjour")]


def test_db_backup_of_a_missing_database(tmp_path, capsys):
    assert main(["db", "backup", str(tmp_path / "c.db"), "--db", str(tmp_path / "none.db")]) == 2
    assert "no such database" in capsys.readouterr().err


def test_a_missing_charters_dir_is_reported_at_its_line(tmp_path, capsys):
    config = tmp_path / "garant.yaml"
    config.write_text("language: fr\ncharters_dir: nowhere\n", encoding="utf-8")
    status = main(["run", "--config", str(config), "--db", str(tmp_path / "g.db")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"garant: invalid configuration: {config}:2:15: charters_dir ")
    assert "is not a directory" in err


@pytest.mark.sqlite  # the command line on a SQLite file
def test_outbox_lists_failed_deliveries_and_queues_dead_ones_again(tmp_path, capsys):
    import asyncio
    from datetime import UTC, datetime

    from bot.clock import ManualClock
    from bot.effects import Outbox
    from bot.store import Store

    db = tmp_path / "g.db"

    async def dead_dm() -> None:
        clock = ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
        async with Store.open(db, clock) as store, store.transaction() as tx:
            await Outbox(store, clock).record(
                tx, "dm", "slack", {"user_id": "USOFIA"}, "Votre message a été retiré.")
            await tx.execute("UPDATE outbox SET status = 'dead', attempts = 8, "
                             "error = 'Slack: conversations.open: internal_error'")

    asyncio.run(dead_dm())
    assert main(["outbox", "--db", str(db)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith("#1  dead     2026-11-23 09:00  direct message slack USOFIA")
    assert "(8 attempts: Slack: conversations.open: internal_error)" in line
    assert main(["outbox", "retry", "x", "--db", str(db)]) == 2
    assert "expected a delivery number or 'all'" in capsys.readouterr().err
    assert main(["outbox", "retry", "7", "--db", str(db)]) == 2
    assert "no dead or refused delivery #7" in capsys.readouterr().err
    assert main(["outbox", "retry", "1", "--db", str(db)]) == 0
    assert "1 delivery queued again" in capsys.readouterr().out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status, attempts FROM outbox").fetchall() == [("pending", 0)]
    conn.close()
    assert main(["outbox", "list", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "no failed delivery or job\n"


@pytest.mark.sqlite  # the command line on a SQLite file
def test_db_backup_keeps_an_existing_file_unless_forced(tmp_path, capsys):
    db, dest = tmp_path / "g.db", tmp_path / "copy.db"
    assert garant("run", "--db", str(db), "--now", "2026-11-23T09:00", stdin="").returncode == 0
    dest.write_text("last week's backup", encoding="utf-8")
    assert main(["db", "backup", str(dest), "--db", str(db)]) == 2
    assert "copy.db exists; choose another name, or --force to replace it" in \
        capsys.readouterr().err
    assert dest.read_text(encoding="utf-8") == "last week's backup"
    assert main(["db", "backup", str(dest), "--db", str(db), "--force"]) == 0
    with sqlite3.connect(dest) as copy:
        assert copy.execute("PRAGMA quick_check").fetchone() == ("ok",)
    copy.close()


def test_now_is_refused_with_a_chat_platform(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "DISCORD_TOKEN": "MTAxMDEwMTAxMDEwMTAxMDEwMQ.GabcDE.abcdefghijklmnopqrstuvwxyz0123"}
    result = garant("run", "--db", str(tmp_path / "g.db"), "--now", "2026-11-23T09:00",
                    stdin="", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "--now is for rehearsing in the console; Discord runs on the real clock" in \
        result.stderr


def test_ctrl_c_ends_the_console_at_once(tmp_path):
    """Ctrl-C while the console waits for a line: Garant ends, without a traceback and
    without waiting for another line."""
    import os
    import signal
    import threading

    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--db", str(tmp_path / "g.db")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        # As from a terminal: a test run started in the background (`cmd &` in a script)
        # passes SIGINT on ignored, and then no Ctrl-C could reach Garant.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert process.stdout is not None
        for line in process.stdout:  # the banner is out: the console reads its input
            if "Console Garant" in line:
                break
        # Drained while waiting, stdin left open: what Garant writes meanwhile (a card
        # posted at start, its log) must not fill a pipe nobody reads and block its exit.
        errors: list[str] = []
        readers = [threading.Thread(target=lambda: process.stdout.read(), daemon=True),
                   threading.Thread(target=lambda: errors.append(process.stderr.read()),
                                    daemon=True)]
        for reader in readers:
            reader.start()
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=20)  # stdin stays open: no line will ever come
        readers[1].join(timeout=5)
        err = "".join(errors)
    finally:
        process.kill()
    assert status in (0, 130)
    assert "Traceback" not in err
