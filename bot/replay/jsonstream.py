"""Reading a big JSON document one value at a time (see `JsonStream`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from bot.phrases import Phrase
from bot.replay.records import Malformed, json_reason

_NON_BLANK = re.compile(r"[^ \t\n\r]")


class JsonStream:
    """One JSON document read a piece at a time.

    `json.load` on a 100k-message DiscordChatExporter file builds the whole tree
    (several times the file's size) only to throw most of it away; this reads
    the file in chunks and decodes one value (one message) at a time with
    `raw_decode`, so what stays is the messages kept. Errors carry the file's
    line and column.
    """

    def __init__(self, stream: TextIO, name: str, chunk: int = 1 << 20) -> None:
        self._stream = stream
        self._name = name
        self._chunk = chunk
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 0  # newlines in the text already dropped from the buffer
        self._col = 0  # characters of the current line already dropped
        self._decode = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        """Drop what was read, append the next chunk (bigger when a value is big)."""
        if self._eof:
            return False
        done = self._buf[:self._pos]
        newlines = done.count("\n")
        if newlines:
            self._line += newlines
            self._col = len(done) - done.rfind("\n") - 1
        else:
            self._col += len(done)
        rest = self._buf[self._pos:]
        data = self._stream.read(max(self._chunk, len(rest)))
        self._buf = rest + data
        self._pos = 0
        self._eof = not data
        return bool(data)

    def _where(self, pos: int) -> str:
        buf = self._buf
        line = self._line + buf.count("\n", 0, pos) + 1
        newline = buf.rfind("\n", 0, pos)
        col = pos - newline if newline >= 0 else self._col + pos + 1
        return f"{self._name}:{line}:{col}"

    def malformed(self, message: str | Phrase, **values: Any) -> Malformed:
        """`Malformed` at the current position: a template and its values."""
        return Malformed(self._where(self._pos), message, **values)

    def peek(self) -> str:
        """The next non-blank character, not consumed; '' at the end of the file."""
        while True:
            found = _NON_BLANK.search(self._buf, self._pos)
            if found:
                self._pos = found.start()
                return self._buf[self._pos]
            self._pos = len(self._buf)
            if not self._more():
                return ""

    def take(self, expected: str) -> str:
        char = self.peek()
        if not char or char not in expected:
            found = repr(char) if char else Phrase("the end of the file")
            wanted = (repr(expected) if len(expected) == 1
                      else Phrase("{first} or {second}", first=repr(expected[0]),
                                  second=repr(expected[1])))
            raise self.malformed("invalid JSON: expected {wanted}, found {found}",
                                 wanted=wanted, found=found)
        self._pos += 1
        return char

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self._decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise Malformed(self._where(exc.pos), "invalid JSON: {reason}",
                                    reason=json_reason(exc.msg)) from None
                self._more()  # cut by the end of the chunk, most likely: retry with more
                continue
            if end == len(self._buf) and self._more():
                continue  # a number at the end of the chunk may go on in the next one
            self._pos = end
            return value

    def array(self) -> Iterator[tuple[int, Any]]:
        """(index, value) of each element of the array that starts here."""
        self.take("[")
        if self.peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            yield index, self.value()
            index += 1
            if self.take(",]") == "]":
                return

    def end(self) -> None:
        if self.peek():
            raise self.malformed("invalid JSON: extra data after the document")
