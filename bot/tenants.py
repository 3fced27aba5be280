"""Several teams served by one process: `garant run --tenants DIR`.

An agency's community managers work for many clients, each with its own Slack
workspace or Discord server, charter, moderators and approvers. A *tenant* is one
such team: a folder of DIR holding its own `garant.yaml` (language, roles,
channels, charters, routines, settings), its own `.env` (its platform's tokens),
and its own charters. Each tenant runs as the complete Garant it would be alone
(`bot.run.build`), side by side in one process.

Isolation is by construction, not by a filter on every query: each tenant has a
store of its own. On SQLite it is the tenant's own file (its config's `database`,
by default `garant.db` in its folder); with `--db postgresql://...` it is a schema
of that database named after the tenant (`search_path=<tenant>`, created at the
first start). A tenant's bot holds only its own store, so no query of one tenant
can read another's rows; writers of different tenants never wait for each other
(the write lock is per schema).

Secrets never leak from one tenant to another: a tenant's platform tokens come
from its own `.env` only; the process's environment gives the rest (paths, log
level, proxies) but none of the platforms' secrets.

One Discord bot may serve several tenants: each reads only its own server
(`discord.guild_id`). One Slack app may serve them all too: the agency's app
(SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET in the environment or in
DIR/.env) serves every tenant without a chat token of its own. Each tenant's
client installs it from /slack/install?tenant=NAME; the token Slack grants is kept
in that tenant's store, and one endpoint (`bot/platforms/slack/endpoint.py`, on
--port) routes each request to the tenant installed on its workspace. A tenant
served by its own Slack app (its .env's SLACK_BOT_TOKEN) keeps its own port.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.credentials import declared, load_secrets, read_dotenv
from bot.located.yamlsrc import SourceError
from bot.platforms import discover
from bot.platforms.base import PlatformStartError
from bot.run import RunError, RunOptions, Runtime, build, serve

if TYPE_CHECKING:
    from bot.platforms.slack.endpoint import SlackEndpoint

#: A tenant's name: its folder's, usable as a PostgreSQL schema name.
NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


@dataclass(slots=True)
class Tenant:
    name: str
    folder: Path

    @property
    def config(self) -> Path:
        return self.folder / "garant.yaml"


def find(directory: Path) -> list[Tenant]:
    """The tenants of `directory`: its folders holding a garant.yaml, by name."""
    if not directory.is_dir():
        raise RunError("--tenants {path}: no such folder", path=str(directory))
    found = []
    for folder in sorted(directory.iterdir()):
        if not (folder / "garant.yaml").is_file():
            continue
        if not NAME.fullmatch(folder.name):
            raise RunError("{path}: a tenant's folder is named in lowercase letters, digits "
                           "and _ (it names its database schema)", path=str(folder))
        found.append(Tenant(folder.name, folder))
    if not found:
        raise RunError("--tenants {path}: no tenant in it (a folder holding a garant.yaml)",
                       path=str(directory))
    return found


#: The agency's Slack app, installed on its tenants' workspaces through OAuth.
SHARED_SLACK_APP = ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET")


def environment(tenant: Tenant, env: Mapping[str, str],
                agency: Mapping[str, str] | None = None) -> dict[str, str]:
    """The process's environment without any platform's secrets, plus the tenant's
    `.env` (which wins); a tenant without a chat token of its own is on the agency's
    Slack app (`agency`: its credentials, when it has one)."""
    secrets = {secret.variable for secret in declared(discover().values())}
    own = {k: v for k, v in read_dotenv(tenant.folder / ".env").items() if v is not None}
    shared = dict(agency or {}) if not chat_ready(own) else {}
    return {**{k: v for k, v in env.items() if k not in secrets}, **shared, **own}


def agency_app(directory: Path, env: Mapping[str, str]) -> dict[str, str]:
    """The agency's Slack app credentials, from the environment or DIR/.env: all three,
    or none."""
    try:
        file = read_dotenv(directory / ".env")
    except SourceError as exc:
        raise RunError("{error}", error=exc) from None
    found = {name: env.get(name) or file.get(name) or "" for name in SHARED_SLACK_APP}
    if not any(found.values()):
        return {}
    missing = [name for name, value in found.items() if not value]
    if missing:
        raise RunError("the agency's Slack app needs {missing} too (beside {given}), in the "
                       "environment or in {path}", missing=", ".join(missing),
                       given=", ".join(n for n, v in found.items() if v),
                       path=str(directory / ".env"))
    return {name: str(value) for name, value in found.items()}


def chat_ready(env: Mapping[str, str]) -> bool:
    """Whether the secrets of a chat platform (not the console) are all there."""
    specs = discover()
    secrets = load_secrets(specs.values(), env, None)
    return any(spec.ready(secrets) for spec in specs.values() if not spec.default)


def database(tenant: Tenant, shared: Path | str | None) -> Path | str | None:
    """The tenant's database: a schema of its own in a shared PostgreSQL database, else
    what its config says (None)."""
    if isinstance(shared, str):
        parts = urlsplit(shared)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "search_path"]
        query.append(("search_path", tenant.name))
        return urlunsplit(parts._replace(query=urlencode(query)))
    if shared is not None:
        raise RunError("--tenants with --db: a PostgreSQL URL (each tenant a schema of it); "
                       "SQLite files are each tenant's own (its config's 'database')")
    return None


async def build_all(directory: Path, options: RunOptions, stdout: TextIO,
                    env: Mapping[str, str]) -> list[tuple[Tenant, Runtime]]:
    """Every tenant's Garant, built; none started if one cannot be (its error names it)."""
    import io

    built: list[tuple[Tenant, Runtime]] = []
    tenants = find(directory)
    agency = agency_app(directory, env)
    try:
        for tenant in tenants:
            try:
                tenant_env = environment(tenant, env, agency)
            except SourceError as exc:  # an unreadable .env
                raise RunError("tenant {name}: {error}", name=tenant.name, error=exc) from None
            # --port is the agency app's endpoint, when there is one: a tenant with a Slack
            # app of its own listens on its own slack.port.
            own_app = bool(agency) and bool(tenant_env.get("SLACK_BOT_TOKEN"))
            tenant_options = replace(options, config=tenant.config,
                                     database=database(tenant, options.database),
                                     port=None if own_app else options.port)
            if not chat_ready(tenant_env):
                raise RunError("tenant {name}: no chat platform token in {path}; tenants run "
                               "on Slack or Discord (the console serves one team)",
                               name=tenant.name, path=str(tenant.folder / ".env"))
            try:
                runtime = await build(tenant_options, io.StringIO(), stdout, tenant_env,
                                      dotenv=None)
            except RunError as exc:
                raise RunError("tenant {name}: {error}", name=tenant.name, error=exc) from None
            built.append((tenant, runtime))
    except BaseException:
        for _, runtime in built:
            await runtime.store.close()
        raise
    return built


async def serve_all(built: list[tuple[Tenant, Runtime]], options: RunOptions,
                    env: Mapping[str, str] | None = None) -> None:
    """Serve every tenant until one stops (its error raised) or the task is cancelled;
    the tenants on the agency's Slack app through one endpoint."""
    endpoint = await _slack_endpoint(built, options, env or {})
    tasks = [asyncio.create_task(serve(runtime, options), name=f"tenant:{tenant.name}")
             for tenant, runtime in built]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if endpoint is not None:
            await endpoint.close()
        for _, runtime in built:
            await runtime.store.close()


async def _slack_endpoint(built: list[tuple[Tenant, Runtime]], options: RunOptions,
                          env: Mapping[str, str]) -> SlackEndpoint | None:
    """The endpoint of the agency's Slack app, listening, when tenants are on it."""
    teams = {tenant.name: runtime.bot.platforms["slack"] for tenant, runtime in built
             if "slack" in runtime.bot.platforms}
    if not teams:
        return None
    from bot.platforms.slack.endpoint import SlackEndpoint

    host = env.get("GARANT_SLACK_HOST", "").strip() or "0.0.0.0"
    endpoint = SlackEndpoint.for_tenants(
        teams, host, 3000 if options.port is None else options.port)
    if endpoint is not None:
        try:
            await endpoint.start()
        except PlatformStartError as exc:
            for _, runtime in built:
                await runtime.store.close()
            raise RunError("{error}", error=exc) from None
    return endpoint


async def run(directory: Path, options: RunOptions, stdout: TextIO,
              env: Mapping[str, str]) -> int:
    await serve_all(await build_all(directory, options, stdout, env), options, env)
    return 0


__all__ = ["Tenant", "agency_app", "build_all", "database", "environment", "find", "run",
           "serve_all"]
