"""Proxies (procurations): a member gives their vote to another member for a while.

Pure rules, no I/O. What a co-op's general assembly usually allows, and what
Loomio's users have asked for since 2021:

* one proxy given and one held per member at a time: a new proxy replaces the
  giver's current one; a member already holding someone's vote cannot take
  another's (nobody gathers votes);
* no chains: a member who gave their vote away cannot receive one, and a member
  holding one cannot give theirs (the vote would travel on to a third person);
* the giver's own ballot always wins: voting yourself overrides your proxy on
  that draft, and the holder's later votes no longer touch it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Proxy:
    """A running proxy: `giver`'s vote is cast by `holder` until `until`."""

    giver: str
    giver_name: str
    holder: str
    holder_name: str
    until: datetime


def refusal(giver: str, holder: str, running: Iterable[Proxy]) -> tuple[str, dict[str, str]] | None:
    """Why `giver` may not give their vote to `holder` now (a message key and its
    values), or None when they may. `running`: every proxy in force; the giver's own
    current proxy is about to be replaced, so it does not count."""
    if giver == holder:
        return "drafts.proxy.self", {}
    others = [p for p in running if p.giver != giver]
    for proxy in others:
        if proxy.giver == holder:
            return "drafts.proxy.holder_gave", {"holder": proxy.giver_name,
                                                "other": proxy.holder_name}
        if proxy.holder == giver:
            return "drafts.proxy.giver_holds", {"other": proxy.giver_name}
        if proxy.holder == holder:
            return "drafts.proxy.holder_holds", {"holder": proxy.holder_name,
                                                 "other": proxy.giver_name}
    return None


__all__ = ["Proxy", "refusal"]
