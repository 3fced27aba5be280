"""What the cogs declared: commands, typed routes for buttons and forms, listeners.

A cog registers small handlers declaratively (in the spirit of slack-bolt's
listeners): `bot.add_command(Command(...))`, `bot.on_action("review:{verb}:{id:int}",
handler, permission="moderator")`. This module keeps them and checks them *at
registration*, so a mistake in a cog stops the start-up with a sentence instead
of failing on the first click:

* a command's declared options must be the parameters of its handler;
* a route's placeholders must be the parameters of its handler, and its typed
  segments (`int`, `date`) are parsed here, once, for every route: a malformed or
  stale id always gets the same clear answer and never reaches a handler.

Routes are strings because ids must survive restarts: a button posted last week
carries `review:keep:12`, not a pointer to memory. Segments are separated by `:`;
`{name}` is one segment of text, `{name:int}` a whole number (at most 18 digits,
so it fits the store), `{name:date}` an ISO date, and `{name:rest}` whatever is
left, colons included (last segment only).

Knows nothing of the host or the platforms: handlers are typed as plain callables
taking the host's `Context` first.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from bot.model import Command, Handler, MessageAction, Permission

SegmentKind = Literal["literal", "text", "int", "date", "rest"]
_PLACEHOLDER = re.compile(r"\{(?P<name>[a-z_][a-z0-9_]*)(?::(?P<kind>int|date|rest|text))?\}")
_INT = re.compile(r"\d{1,18}")
_SEPARATOR = re.compile(r":(?![^{]*\})")  # a colon outside {placeholders}


class RegistrationError(ValueError):
    """A cog declared something inconsistent: a bug to fix before Garant can start."""


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    value: str  # the literal text, or the parameter's name

    def parse(self, text: str) -> Any:
        """The typed value of one segment; ValueError when it does not fit."""
        if self.kind == "literal":
            if text != self.value:
                raise ValueError(text)
            return text
        if self.kind == "int":
            if not _INT.fullmatch(text):
                raise ValueError(text)
            return int(text)
        if self.kind == "date":
            return date.fromisoformat(text)
        if not text:
            raise ValueError(text)
        return text


@dataclass(frozen=True, slots=True)
class Route:
    """A button or form id template and its handler.

    `permission` is checked by the host before the handler runs; `refused` is the
    catalogue key of the answer when it is missing (`{role}` is filled in).
    """

    template: str
    handler: Handler
    permission: Permission = "anyone"
    refused: str = "host.refused_action"
    segments: tuple[Segment, ...] = ()

    @property
    def prefix(self) -> tuple[str, ...]:
        """The leading literal segments: `("review",)` for "review:{verb}:{id:int}"."""
        literals = []
        for segment in self.segments:
            if segment.kind != "literal":
                break
            literals.append(segment.value)
        return tuple(literals)

    def params(self) -> tuple[str, ...]:
        return tuple(s.value for s in self.segments if s.kind != "literal")

    def match(self, value: str) -> dict[str, Any] | None:
        """The handler's keyword arguments for `value`, or None when it does not fit."""
        parts = value.split(":")
        args: dict[str, Any] = {}
        for index, segment in enumerate(self.segments):
            if segment.kind == "rest":
                rest = ":".join(parts[index:])
                if not rest:
                    return None
                args[segment.value] = rest
                return args
            if index >= len(parts):
                return None
            try:
                parsed = segment.parse(parts[index])
            except ValueError:
                return None
            if segment.kind != "literal":
                args[segment.value] = parsed
        return args if len(parts) == len(self.segments) else None


def compile_route(template: str, handler: Handler, permission: Permission = "anyone",
                  refused: str = "host.refused_action", extra: tuple[str, ...] = ()) -> Route:
    """A checked route: placeholders well formed, `rest` last, and the handler taking
    exactly the placeholders (plus `extra`, e.g. a form's `values`)."""
    segments: list[Segment] = []
    pieces = _SEPARATOR.split(template)
    for index, piece in enumerate(pieces):
        if "{" not in piece and "}" not in piece:
            if not piece:
                raise RegistrationError(f"route {template!r}: empty segment")
            segments.append(Segment("literal", piece))
            continue
        match = _PLACEHOLDER.fullmatch(piece)
        if match is None:
            raise RegistrationError(f"route {template!r}: {piece!r} is neither text nor a "
                                    "placeholder like {id:int}")
        kind: SegmentKind = match["kind"] or "text"  # type: ignore[assignment]
        if kind == "rest" and index != len(pieces) - 1:
            raise RegistrationError(f"route {template!r}: a rest placeholder must come last")
        segments.append(Segment(kind, match["name"]))
    if not segments or segments[0].kind != "literal":
        raise RegistrationError(f"route {template!r}: must start with a fixed word")
    route = Route(template, handler, permission, refused, tuple(segments))
    names = route.params()
    if len(set(names)) != len(names):
        raise RegistrationError(f"route {template!r}: a placeholder is named twice")
    check_signature(handler, (*names, *extra), f"route {template!r}")
    return route


def check_signature(handler: Handler, names: tuple[str, ...], what: str) -> None:
    """The handler is called as `handler(ctx, **{name: ...})`: every name must be one of
    its parameters, and every parameter without a default must be named."""
    try:
        signature = inspect.signature(handler)
    except (TypeError, ValueError):  # a builtin or a C callable: nothing to check
        return
    parameters = list(signature.parameters.values())
    if not parameters or parameters[0].kind not in (inspect.Parameter.POSITIONAL_ONLY,
                                                    inspect.Parameter.POSITIONAL_OR_KEYWORD):
        raise RegistrationError(f"{what}: the handler must take the context first")
    rest = parameters[1:]
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in rest):
        return
    accepted = {p.name for p in rest if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                                    inspect.Parameter.KEYWORD_ONLY)}
    unknown = [name for name in names if name not in accepted]
    if unknown:
        raise RegistrationError(f"{what}: {getattr(handler, '__qualname__', handler)} has no "
                                f"parameter {', '.join(unknown)}")
    missing = [p.name for p in rest if p.default is inspect.Parameter.empty
               and p.kind != inspect.Parameter.VAR_POSITIONAL and p.name not in names]
    if missing:
        raise RegistrationError(f"{what}: {getattr(handler, '__qualname__', handler)} needs "
                                f"{', '.join(missing)}, which nothing provides")


def _find(routes: list[Route], value: str) -> tuple[Route, dict[str, Any]] | Literal[
        "malformed"] | None:
    """The route for `value`: among the routes whose fixed words start `value` the most
    specifically, the first that parses it. "malformed" when such routes exist but none
    parses it (a truncated or tampered id), None when no route claims it at all."""
    parts = value.split(":")
    claiming = [r for r in routes if tuple(parts[:len(r.prefix)]) == r.prefix]
    if not claiming:
        return None
    longest = max(len(r.prefix) for r in claiming)
    for route in claiming:
        if len(route.prefix) == longest and (args := route.match(value)) is not None:
            return route, args
    return "malformed"


ListenerFn = Callable[..., Awaitable[None]]


@dataclass(slots=True)
class Registry:
    """Everything the cogs declared. The host owns one; adapters get read-only views."""

    commands: dict[tuple[str, ...], Command] = field(default_factory=dict)
    message_listeners: list[ListenerFn] = field(default_factory=list)
    actions: list[Route] = field(default_factory=list)
    forms: list[Route] = field(default_factory=list)
    message_actions: dict[str, MessageAction] = field(default_factory=dict)

    def add_command(self, command: Command) -> None:
        if command.path in self.commands:
            raise RegistrationError(f"command /{command.name} is registered twice")
        rest = [o for o in command.options if o.type == "rest"]
        if rest and command.options[-1].type != "rest":
            raise RegistrationError(f"/{command.name}: a 'rest' option must come last")
        names = tuple(o.name for o in command.options)
        if len(set(names)) != len(names):
            raise RegistrationError(f"/{command.name}: an option is declared twice")
        check_signature(command.handler, names, f"/{command.name}")
        self.commands[command.path] = command

    def add_action(self, route: Route) -> None:
        if any(r.template == route.template for r in self.actions):
            raise RegistrationError(f"action route {route.template!r} is registered twice")
        self.actions.append(route)

    def add_form(self, route: Route) -> None:
        if any(r.template == route.template for r in self.forms):
            raise RegistrationError(f"form route {route.template!r} is registered twice")
        self.forms.append(route)

    def add_message_action(self, action: MessageAction) -> None:
        if action.id in self.message_actions:
            raise RegistrationError(f"message action {action.id!r} is registered twice")
        check_signature(action.handler, ("message",), f"message action {action.id!r}")
        self.message_actions[action.id] = action

    def find_action(self, action: str) -> tuple[Route, dict[str, Any]] | Literal[
            "malformed"] | None:
        return _find(self.actions, action)

    def find_form(self, form_id: str) -> tuple[Route, dict[str, Any]] | Literal[
            "malformed"] | None:
        return _find(self.forms, form_id)

    def command_view(self) -> Mapping[tuple[str, ...], Command]:
        return MappingProxyType(self.commands)

    def message_action_view(self) -> Mapping[str, MessageAction]:
        return MappingProxyType(self.message_actions)


__all__ = ["ListenerFn", "RegistrationError", "Registry", "Route", "Segment",
           "check_signature", "compile_route"]
