"""Discord end to end: Garant against bare discord.py on the same flood, in one run.

The project's fake Discord (tests/discord/fake.py) runs in a process of its own on
127.0.0.1 and sends gateway MESSAGE_CREATE frames; the client under test runs in
another process, so each side has its own core and its own memory figures:

* bare: discord.py's `Client` with an `on_message` that only reads the text, what
  any bot built on the library costs at least;
* garant: the real bot (`bot.run.build` and `serve`, the real discord.py client, the
  moderated channel on the bundled coop-fr charter, SQLite in a temporary folder),
  a message counted once every cog has handled it.

The flood is 90 % clean French sentences, 8 % messages the charter answers with a
hint (exclamation marks), 2 % flagged ones (a suspicious link, which opens a review
item and posts its card over REST), from a thousand members drawn at random (seeded):
no one posts the same text three times, which the charter rightly flags as flooding,
so the mix measured is the mix announced. Quiet hours are off (a staffed server), so
the figures do not depend on the hour the benchmark runs. Three measures per client:

* throughput: a burst of `--messages` sent as fast as the socket takes them,
  messages handled per second from the first frame to the last message handled;
* latency at `--rate` messages per second (paced by the fake): p50 and p99 from the
  frame's sending to the message handled (monotonic clock, shared by processes);
* memory under a `--burst` burst: peak RSS of the client process, and for Garant the
  deepest intake backlog (bounded: the client stops reading when it is full).

Issue 13's targets: garant >= 50 % of bare throughput, p99 at 200 msg/s <= 2x bare,
memory bounded under a 20,000 burst.
Usage: python benchmarks/e2e_discord.py [--messages N] [--rate R] [--burst N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPENINGS = ["Bonjour à toutes et à tous,", "Petit point rapide :", "Pour info,", "Rappel :",
            "Bonne nouvelle,", "Question pour l'équipe :", "Suite à la réunion,", "En bref,"]
SUBJECTS = ["la réunion de lundi", "le visuel de printemps", "le compte rendu de l'atelier",
            "la newsletter de jeudi", "la charte graphique", "le planning du mois prochain",
            "la vidéo de présentation", "le recrutement du stage"]
DETAILS = ["est déplacée à 14 h.", "avance bien, merci à tous.", "est dans le dossier partagé.",
           "attend encore une relecture.", "a été validée par le client.",
           "sera discutée vendredi.", "a reçu de bons retours.", "demande un peu plus de temps."]
CHANNEL = "general"
#: A busy server's members; message n's author is drawn at random (seeded, the same
#: in every run and for both clients).
AUTHORS = [f"membre{n:03d}" for n in range(1000)]

CONFIG = """\
language: fr
timezone: Europe/Paris
roles:
  members: ["Membres"]
  moderators: [malik]
  director: [camille]
channels:
  moderated:
    general: coop-fr
  review_queue: moderation
moderation:
  quiet_hours: null
discord:
  guild_id: {guild}
"""


def flood_text(n: int) -> str:
    """Message n of the flood: 2 in 100 flagged, 8 in 100 hints, the rest clean."""
    slot = n % 100
    if slot in (17, 67):
        return f"Rejoins mon serveur discord.gg/promo-{n}"
    subject = SUBJECTS[n // 8 % 8]
    if slot % 12 == 5:  # 8 of 100
        return f"{OPENINGS[n % 8]} super nouvelle pour {subject} !!!"
    # 512 different sentences, as in a real channel.
    return f"{OPENINGS[n % 8]} {subject} {DETAILS[n // 64 % 8]}"


def flood_author(n: int) -> int:
    """The index in AUTHORS of message n's author."""
    return random.Random(n).randrange(len(AUTHORS))


# ---------------------------------------------------------------- the fake, in its process


async def serve_fake() -> None:
    """Start the fake, print its port, then obey lines on stdin:
    `burst N` (as fast as the socket takes them), `paced N RATE`, `quit`. Each
    command prints `sent T0 T1` (the monotonic times of its first and last frames)."""
    from tests.discord.fake import FakeDiscord

    fake = FakeDiscord()
    fake.add_role(None, "Membres")
    for channel in (CHANNEL, "moderation"):
        fake.add_channel(channel)
    fake.add_member("camille", ("Membres",))
    fake.add_member("malik", ("Membres",))
    for name in AUTHORS:
        fake.add_member(name, ("Membres",))
    await fake.start()
    print(f"port {fake.port} guild {fake.guild_id}", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    authors = [(fake.members[fake.user_id(name)]["user"],
                fake.member_payload(fake.user_id(name), with_user=False)) for name in AUTHORS]
    channel_id = fake.channel_id(CHANNEL)
    sent = 0  # messages are numbered across commands: a text is not posted again
    while line := (await reader.readline()).decode().split():
        if line[0] == "quit":
            break
        count = int(line[1])
        rate = float(line[2]) if line[0] == "paced" else 0.0
        payloads = [fake.message_payload(channel_id, authors[flood_author(n)][0],
                                         flood_text(n), member=authors[flood_author(n)][1],
                                         nonce=str(n - sent))
                    for n in range(sent, sent + count)]
        sent += count
        t0 = time.monotonic()
        for n, payload in enumerate(payloads):
            if rate:
                delay = t0 + n / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            await fake.dispatch("MESSAGE_CREATE", payload)
        print(f"sent {t0!r} {time.monotonic()!r}", flush=True)
    await fake.close()


# ---------------------------------------------------------------- the clients


#: The client's connection task, referenced while it runs.
RUNNING: list[asyncio.Future[Any]] = []


class Meter:
    """Counts handled messages; the time each was handled, by its flood index."""

    def __init__(self) -> None:
        self.handled: dict[int, float] = {}
        self.expected = 0
        self.done = asyncio.Event()

    def expect(self, count: int) -> None:
        self.handled.clear()
        self.expected = count
        self.done.clear()

    def mark(self, index: int) -> None:
        self.handled[index] = time.monotonic()
        if len(self.handled) >= self.expected:
            self.done.set()


async def bare_client(port: int, token: str, meter: Meter, ready: asyncio.Event) -> Any:
    import discord

    discord.http.Route.BASE = f"http://127.0.0.1:{port}/api/v10"
    intents = discord.Intents.none()
    intents.guilds = intents.guild_messages = intents.message_content = True

    class Bare(discord.Client):
        async def setup_hook(self) -> None:  # the fake's gateway, as Garant's adapter does
            import yarl

            data = await self.http.request(discord.http.Route("GET", "/gateway/bot"))
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(data["url"])

        async def on_ready(self) -> None:
            ready.set()

        async def on_message(self, message: discord.Message) -> None:
            if message.content:  # what any bot does at least: read the text
                meter.mark(int(message.nonce or 0))

    client = Bare(intents=intents)
    RUNNING.append(asyncio.ensure_future(client.start(token)))
    return client


async def garant_client(port: int, guild: str, token: str, meter: Meter,
                        ready: asyncio.Event, folder: Path) -> Any:
    from bot.run import RunOptions, build, serve

    config = folder / "garant.yaml"
    config.write_text(textwrap.dedent(CONFIG).format(guild=guild), encoding="utf-8")
    env = {"DISCORD_TOKEN": token,
           "GARANT_DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10"}
    options = RunOptions(config=config, platforms=("discord",), database=folder / "garant.db",
                         on_ready=lambda bot: ready.set())
    runtime = await build(options, io.StringIO(), io.StringIO(), env)
    nonces: dict[str, int] = {}
    platform = runtime.bot.platforms["discord"]
    posted_message = platform.posted_message

    def remembering(data: Any) -> Any:  # the flood index, by message id
        nonces[str(data["id"])] = int(data.get("nonce") or 0)
        return posted_message(data)

    platform.posted_message = remembering

    async def handled(ctx: Any, message: Any) -> None:  # registered last: after every cog
        meter.mark(nonces.pop(message.id, 0))

    runtime.bot.on_message(handled)
    RUNNING.append(asyncio.ensure_future(serve(runtime, options)))
    return runtime


def rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_client(variant: str, port: int, guild: str, messages: int, burst: int) -> None:
    """Connect, then obey the orchestrator's lines on stdin (`measure N`), printing one
    JSON line per measure."""
    token = "OTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123"
    meter, ready = Meter(), asyncio.Event()
    with tempfile.TemporaryDirectory() as tmp:
        intake = None
        if variant == "bare":
            await bare_client(port, token, meter, ready)
            await asyncio.wait_for(ready.wait(), 60)
        else:
            runtime = await garant_client(port, guild, token, meter, ready, Path(tmp))
            await asyncio.wait_for(ready.wait(), 60)
            intake = runtime.bot.platforms["discord"].client.intake
        deepest = 0
        if intake is not None:
            submit = intake.submit

            def watching(key: str, item: Any) -> None:
                nonlocal deepest
                submit(key, item)
                deepest = max(deepest, len(intake))

            intake.submit = watching
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while line := (await reader.readline()).decode().split():
            if line[0] == "quit":
                break
            meter.expect(int(line[1]))
            deepest = 0
            started = time.monotonic()
            await asyncio.wait_for(meter.done.wait(), 600)
            times = sorted(meter.handled.values())
            print(json.dumps({"handled": len(times), "first": started, "last": times[-1],
                              "times": meter.handled if line[0] == "latency" else {},
                              "rss_mib": rss_peak_mib(), "deepest": deepest}), flush=True)
    os._exit(0)  # the clients' connections need no goodbye


# ---------------------------------------------------------------- the orchestrator


class Process:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, __file__, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=ROOT)

    def say(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def read(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().strip()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.say("quit")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def measure(variant: str, args: argparse.Namespace) -> dict[str, float]:
    fake = Process("--fake")
    _, port, _, guild = fake.read().split()
    client = Process("--client", variant, "--port", port, "--guild", guild)
    try:
        assert client.read() == "ready", f"{variant} did not connect"
        results: dict[str, float] = {}
        # Throughput: a burst.
        client.say(f"measure {args.messages}")
        fake.say(f"burst {args.messages}")
        t0, t1 = map(float, fake.read().split()[1:])
        done = json.loads(client.read())
        results["throughput"] = args.messages / (done["last"] - t0)
        # The fake's own pace: a client that keeps up with it cannot measure faster.
        results["sending"] = args.messages / (t1 - t0)
        # Latency at a steady rate.
        count = int(args.rate * args.seconds)
        client.say(f"latency {count}")
        fake.say(f"paced {count} {args.rate}")
        t0 = float(fake.read().split()[1])
        done = json.loads(client.read())
        delays = [at - (t0 + int(n) / args.rate) for n, at in done["times"].items()]
        results["p50_ms"] = 1000 * percentile(delays, 50)
        results["p99_ms"] = 1000 * percentile(delays, 99)
        # Memory under a big burst.
        client.say(f"measure {args.burst}")
        fake.say(f"burst {args.burst}")
        t0 = float(fake.read().split()[1])
        done = json.loads(client.read())
        results["burst_rate"] = args.burst / (done["last"] - t0)
        results["rss_mib"] = done["rss_mib"]
        results["deepest"] = done["deepest"]
        return results
    finally:
        client.stop()
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000, help="throughput burst")
    parser.add_argument("--rate", type=float, default=200.0, help="paced messages/s")
    parser.add_argument("--seconds", type=float, default=10.0, help="paced duration")
    parser.add_argument("--burst", type=int, default=20000, help="memory burst")
    parser.add_argument("--fake", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--guild", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fake:
        asyncio.run(serve_fake())
        return
    if args.client:
        from bot.cli import run_loop

        run_loop(run_client(args.client, args.port, args.guild, args.messages, args.burst))
        return
    print(f"flood: 90 % clean, 8 % hints, 2 % flagged; burst {args.messages}, "
          f"{args.rate:.0f} msg/s for {args.seconds:.0f} s, memory burst {args.burst}")
    bare = measure("bare", args)
    garant = measure("garant", args)
    print(f"{'':28}{'bare discord.py':>18}{'garant':>12}")
    print(f"{'throughput (msg/s)':28}{bare['throughput']:>18,.0f}{garant['throughput']:>12,.0f}"
          f"   garant at {100 * garant['throughput'] / bare['throughput']:.0f} % (target >= 50 %)")
    bound = "the clients are measured" if bare["sending"] > 1.2 * bare["throughput"] \
        else "bare keeps up with the fake: it is at least this fast"
    print(f"{'  the fake sent at (msg/s)':28}{bare['sending']:>18,.0f}{garant['sending']:>12,.0f}"
          f"   ({bound})")
    print(f"{'p50 at rate (ms)':28}{bare['p50_ms']:>18.1f}{garant['p50_ms']:>12.1f}")
    print(f"{'p99 at rate (ms)':28}{bare['p99_ms']:>18.1f}{garant['p99_ms']:>12.1f}"
          f"   {garant['p99_ms'] / max(bare['p99_ms'], 0.001):.1f}x bare (target <= 2x)")
    print(f"{'burst: msg/s':28}{bare['burst_rate']:>18,.0f}{garant['burst_rate']:>12,.0f}")
    print(f"{'burst: peak RSS (MiB)':28}{bare['rss_mib']:>18.0f}{garant['rss_mib']:>12.0f}")
    print(f"{'burst: deepest intake':28}{'-':>18}{garant['deepest']:>12,.0f}")


if __name__ == "__main__":
    main()
