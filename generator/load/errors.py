"""YAML's errors in a trainer's words, at the line the trainer has to change.

libyaml reports where *parsing* failed, which is often a line or more after the
mistake: a quote left open swallows text up to the next quote; a key without a
space after its colon is read as text and fails on the next line. Each function
here recognises one common mistake from the error and the text, and points at it.
What none recognises keeps libyaml's problem, on one line.
"""

from __future__ import annotations

import re
import unicodedata

import yaml

from generator.errors import ContentError

# What YAML 1.1 allows in a file (PyYAML's Reader.NON_PRINTABLE, inverted).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_KEY_LINE = re.compile(r"( *(?:- +)*)([^\s#'\"\-?:][^:#]*?):([^ \t\n])")
"""A line that starts like ``key:`` but has no space after the colon."""
_ODD_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b" \
    "\u202f\u205f\u3000"
"""Spaces pasted from web pages and word processors: text to YAML, not separators."""
_INDENTATION = ("did not find expected key", "did not find expected '-' indicator",
                "could not find expected ':'", "mapping values are not allowed",
                "expected <block end>")


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of YAML 1.1, by which the parser counts the lines of its marks
(U+2028 in a text is a line break to it, and must be one to us where we read marks)."""


def yaml_error(exc: yaml.YAMLError, text: str, name: str) -> ContentError:
    """The one diagnostic for a YAML error in ``text`` (the file ``name``)."""
    lines = YAML_LINE_BREAK.split(text)
    if isinstance(exc, yaml.reader.ReaderError) or "control characters" in str(exc):
        return _control_character(text, name)
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return ContentError.at(name, 1, 1, f"invalid YAML: {_one_line(str(exc))}")
    problem = _one_line(exc.problem or "")
    line, column = exc.problem_mark.line + 1, exc.problem_mark.column + 1
    if line > len(lines):  # the end of a file without a final newline: its last line
        line, column = len(lines), len(lines[-1]) + 1
    context = exc.context_mark
    if "nesting depth" in problem:  # libyaml 0.2.6+ has its own limit
        return ContentError.at(name, line, column, "the YAML is nested too deeply")
    for found in (_open_quote(exc, lines, line, column), _second_document(problem, lines, line),
                  _flow(exc, lines), _missing_space(problem, context, lines),
                  _colon_in_text(problem, lines, line, column),
                  _cannot_start(problem, lines, line, column)):
        if found is not None:
            return ContentError.at(name, *found)
    if problem == "found undefined alias":  # an alias before, or without, its anchor
        alias = re.match(r"\*[^\s,\[\]{}]*", lines[line - 1][column - 1:])
        return ContentError.at(name, line, column, f"'{alias[0] if alias else '*'}' repeats an "
                               "anchor; anchors and aliases (& and *) are not supported",
                               "write the text out in full")
    if problem.startswith(_INDENTATION):
        return ContentError.at(name, line, _indent(lines, line) + 1,
                               "the indentation of this line does not match the lines above it",
                               "indent a key with spaces exactly as far as the other keys of "
                               "its item, and a '- ' as far as the other items of its list")
    return ContentError.at(name, line, column, f"invalid YAML: {problem}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _indent(lines: list[str], line: int) -> int:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return len(text) - len(text.lstrip(" "))


def _control_character(text: str, name: str) -> ContentError:
    match = _NOT_PRINTABLE.search(text)
    if match is None:  # libyaml's reader refused something we cannot find: say so
        return ContentError.at(name, 1, 1, "the file contains a character YAML does not allow")
    before = text[: match.start()]
    line, column = before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
    char = match[0]
    label = unicodedata.name(char, "") or _CONTROL_NAMES.get(ord(char), "a control character")
    return ContentError.at(name, line, column,
                           f"the invisible control character U+{ord(char):04X} ({label.lower()}) "
                           "is not allowed in YAML",
                           "delete it; editors often show it as a box, or not at all")


_CONTROL_NAMES = {0: "null", 7: "bell", 8: "backspace", 11: "vertical tab", 12: "form feed",
                  27: "escape", 127: "delete"}

Found = tuple[int, int, str, str]
"""(line, column, message, hint) of a recognised mistake."""


def _open_quote(exc: yaml.MarkedYAMLError, lines: list[str], line: int,
                column: int) -> Found | None:
    """A quote opened and never closed: YAML reads on to the next quote, often lines later."""
    mark = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and mark is not None:
        return _quote_found(lines, mark.line + 1, mark.column + 1)
    # Otherwise the scalar ran on to a quote further down and the error is just after it.
    for start in range(line - 1, 0, -1):
        text = lines[start - 1]
        match = re.match(r"\s*(?:-\s+)*(?:[^\s'\"#][^:#]*:\s+)?(?:-\s+)?(['\"])", text)
        if match is None:
            continue
        quote = match.start(1)
        if _closes_on(lines, start, quote, text[quote]) == (line, column - 1):
            return _quote_found(lines, start, quote + 1)
    return None


def _closes_on(lines: list[str], start: int, quote: int, char: str) -> tuple[int, int] | None:
    """Where the quoted scalar opened at ``lines[start - 1][quote]`` closes (line, column)."""
    row, col = start, quote + 1
    while row <= len(lines):
        text = lines[row - 1]
        while col < len(text):
            if char == '"' and text[col] == "\\":
                col += 2
                continue
            if text[col] == char:
                if char == "'" and text[col + 1: col + 2] == "'":
                    col += 2
                    continue
                return (row, col + 1) if row != start else None
            col += 1
        row, col = row + 1, 0
    return None


def _quote_found(lines: list[str], line: int, column: int) -> Found:
    char = lines[line - 1][column - 1] if line <= len(lines) else '"'
    return (line, column, f"the text that starts with {char} here has no closing {char}",
            f"end the text with {char} on the same line")


def _second_document(problem: str, lines: list[str], line: int) -> Found | None:
    if problem not in {"but found another document", "did not find expected <document start>"}:
        return None
    for row in range(min(line, len(lines)), 0, -1):
        marker = lines[row - 1][:3]
        if marker in {"---", "..."}:
            return (row, 1, f"'{marker}' ends the scenario here, and a second one follows",
                    f"remove the '{marker}' line: a file holds one scenario")
    return None


def _flow(exc: yaml.MarkedYAMLError, lines: list[str]) -> Found | None:
    """``title: [Draft] The parcel``: ``[`` or ``{`` starts a list or mapping to YAML."""
    mark = exc.context_mark
    if exc.context not in {"while parsing a flow sequence", "while parsing a flow mapping"} \
            or mark is None:
        return None
    text = lines[mark.line].rstrip()[mark.column:]
    opener = text[:1]
    return (mark.line + 1, mark.column + 1,
            f"a value that starts with '{opener}' is read as a list or mapping, and this one "
            "is not closed", f'if it is text, put it in quotes: "{text}"')


def _missing_space(problem: str, context: yaml.Mark | None, lines: list[str]) -> Found | None:
    """``summary:A driver`` is one word to YAML, which then fails on the next line."""
    if problem != "could not find expected ':'" or context is None:
        return None
    text = lines[context.line]
    match = _KEY_LINE.match(text)
    if match is None:
        return None
    key, after = match[2].strip(), match[3]
    column = match.end(2) + 1
    if after in _ODD_SPACES:
        label = unicodedata.name(after, "odd space").lower()
        return (context.line + 1, match.start(2) + 1,
                f"after '{key}:' comes a {label}, which YAML does not read as a space",
                "replace it with an ordinary space; it was probably pasted from a web page")
    value = text[column:].strip()
    value = value if len(value) <= 20 else value[:20].rstrip() + "..."
    return (context.line + 1, column, f"'{key}:' needs a space after the colon",
            f"write '{key}: {value}'")


def _colon_in_text(problem: str, lines: list[str], line: int, column: int) -> Found | None:
    """``title: Rule one: be kind``: a second ': ' on a line that already has a key."""
    if not problem.startswith("mapping values are not allowed") or line > len(lines):
        return None
    text = lines[line - 1]
    first = re.match(r"\s*(?:-\s+)*[^\s#'\"][^:#]*?:\s", text)
    if first is None or first.end() > column - 1:
        return None
    value = text[first.end():].strip()
    return (line, first.end() + 1, "this text contains ': ', which YAML reads as a new key",
            f'put the text in quotes: "{value}"')


def _cannot_start(problem: str, lines: list[str], line: int, column: int) -> Found | None:
    if not problem.startswith("found character that cannot start any token"):
        return None
    text = lines[line - 1] if line <= len(lines) else ""
    char = text[column - 1: column] or "?"
    value = text[column - 1:].strip()
    return (line, column, f"a value cannot start with '{char}'",
            f'put the text in quotes: "{value}"')
