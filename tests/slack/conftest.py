"""Fixtures for the Slack end-to-end tests: no proxy, a fake Slack per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import workspace

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                   "all_proxy", "WS_PROXY", "WSS_PROXY")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack_sdk honours HTTP(S)_PROXY and ignores NO_PROXY: a proxy in the environment
    would capture the loopback traffic."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await workspace(FakeSlack()).start()
    try:
        yield server
    finally:
        await server.stop()
