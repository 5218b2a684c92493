"""Quotation marks: pair them into quoted regions and tell them from apostrophes."""
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from spacy.tokens import Span

from .invisible import INVISIBLE, is_invisible

# Double marks, single marks, and which closers end which openers.
_MARK = re.compile(r"''|``|[\"“”„«»‘’']")
_DOUBLE = {'"', "''", "``", "“", "”", "„", "«", "»"}
_OPENERS = {"“", "„", "«", "``", "‘"}
_CLOSERS = {"”", "»"}
_BEFORE_OPEN = set("([{—–-/")  # characters besides blanks after which an ambiguous mark opens


@dataclass(frozen=True)
class Region:
    """A quoted stretch of text, marks included; `balanced` is False when a mark was missing."""

    start: int
    end: int
    balanced: bool = True


def _is_apostrophe(text: str, i: int) -> bool:
    """`’` or `'` inside a word (Russia’s, don't) or before digits (’90s)."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isalnum() and nxt.isalnum()) or (not prev.isalnum() and nxt.isdigit())


def _is_blank(character: str) -> bool:
    """A space, or a character that takes no room on the page (`is_invisible`)."""
    return character.isspace() or is_invisible(character)


def _opens(text: str, i: int, mark: str) -> bool:
    """Whether an ambiguous mark at `i` opens: it follows a blank and precedes a non-blank."""
    prev = text[i - 1] if i else " "
    nxt = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return (_is_blank(prev) or prev in _BEFORE_OPEN) and not _is_blank(nxt)


class _Lines:
    """The line breaks of a text, to find the paragraph around an offset by bisection
    (searching the text itself made long texts without line breaks quadratic)."""

    def __init__(self, text: str) -> None:
        self.breaks = [match.start() for match in re.finditer("\n", text)]
        self.length = len(text)

    def end(self, i: int) -> int:
        """The first line break at or after `i`, else the text's end."""
        k = bisect_left(self.breaks, i)
        return self.breaks[k] if k < len(self.breaks) else self.length

    def start(self, i: int) -> int:
        """Just after the last line break before `i`, else the text's start."""
        k = bisect_left(self.breaks, i)
        return self.breaks[k - 1] + 1 if k else 0


# The style of each double mark: a quote goes on in the next paragraph only with a mark of its own style.
_STYLE = {'"': '"', "``": "`", "''": "`", "“": "“", "„": "“", "«": "«"}
_REOPENING = re.compile(rf"[\s{INVISIBLE}]*(''|``|[\"“„«])")


def _continues(text: str, newline: int, open_mark: str) -> Optional[int]:
    """Where the next paragraph reopens a quote opened with `open_mark` (news convention), if it does."""
    match = _REOPENING.match(text, newline)
    return match.end() if match and _STYLE[match.group(1)] == _STYLE[open_mark] else None


def quoted_regions(text: str) -> List[Region]:
    """Pair the quotation marks of `text` into top-level quoted regions.

    Double marks pair with any double mark; single marks pair only at top level
    and only when their closer is in the same paragraph, so apostrophes are left
    alone. A paragraph that ends inside a quote continues at the next paragraph
    when that one opens a quote with a mark of the same style (straight, curly,
    guillemets), and is otherwise closed, unbalanced, at its end.
    Nothing here raises on unbalanced input.
    """
    regions: List[Region] = []
    open_at: Optional[int] = None  # start of the open region
    open_mark = ""
    open_single = False
    pos = 0
    lines = _Lines(text)
    while pos < len(text):
        match = _MARK.search(text, pos)
        newline = lines.end(pos)
        if open_at is not None and newline < len(text) and (match is None or newline < match.start()):
            resume = None if open_single else _continues(text, newline, open_mark)
            if resume is None:
                regions.append(Region(open_at, _trim_end(text, newline), balanced=False))
                open_at, pos = None, newline + 1
            else:
                pos = resume
            continue
        if match is None:
            break
        mark, i = match.group(), match.start()
        pos = match.end()
        double = mark in _DOUBLE
        if open_at is None:
            if double and (mark in _OPENERS or (mark not in _CLOSERS and _opens(text, i, mark))):
                open_at, open_mark, open_single = i, mark, False
            elif not double and not _is_apostrophe(text, i) and _opens(text, i, mark):
                if _single_closer(text, pos, lines.end(pos)) is not None:
                    open_at, open_single = i, True
            elif double and mark in _CLOSERS | {'"', "''"}:
                # A closer with no opener: the quote runs from its paragraph's start.
                start = lines.start(i)
                if text[start:i].strip():
                    regions.append(Region(start, pos, balanced=False))
        elif open_single:
            if not double and not _is_apostrophe(text, i) and not _opens(text, i, mark):
                regions.append(Region(open_at, pos))
                open_at = None
        elif double:
            if _reopens(text, i, mark, open_mark):
                # An opener inside an open quote: the earlier opener was stray.
                open_at, open_mark = i, mark
            else:
                regions.append(Region(open_at, pos))
                open_at = None
    if open_at is not None:
        regions.append(Region(open_at, _trim_end(text, lines.end(open_at)), balanced=False))
    return regions


def _reopens(text: str, i: int, mark: str, open_mark: str) -> bool:
    """Whether a double mark inside an open quote opens a new one instead of closing it."""
    if mark == "“" and open_mark == "„":
        return False
    if mark in _OPENERS:
        return True
    between_spaces = _is_blank(text[i - 1 : i]) and _is_blank(text[i + len(mark) : i + len(mark) + 1])
    return mark not in _CLOSERS and _opens(text, i, mark) and not between_spaces


def _single_closer(text: str, pos: int, end: int) -> Optional[int]:
    """The position of the single mark before `end` (the paragraph's) that closes a single
    quote opened before `pos`."""
    for match in re.compile(r"[’']").finditer(text, pos, end):
        i = match.start()
        if not _is_apostrophe(text, i) and not _opens(text, i, match.group()):
            return i
    return None


def _trim_end(text: str, end: int) -> int:
    while end > 0 and _is_blank(text[end - 1]):
        end -= 1
    return end


class QuoteMarks:
    """The quoted regions of one document, for fast lookups by character offset."""

    def __init__(self, text: str) -> None:
        self.text = text  # `Doc.text` joins all tokens at each call
        self.regions = quoted_regions(text)
        self._starts = [region.start for region in self.regions]

    def region_at(self, char: int) -> Optional[Region]:
        """The region whose marks enclose `char`, if any."""
        i = bisect_right(self._starts, char) - 1
        if i >= 0 and char < self.regions[i].end:
            return self.regions[i]
        return None

    def word_coverage(self, parts: Sequence[Span]) -> Tuple[int, int]:
        """How many of the words in `parts` are quoted, and how many there are."""
        quoted = total = 0
        for part in parts:
            for token in part:
                if token.is_punct or token.is_space:
                    continue
                total += 1
                quoted += self.region_at(token.idx) is not None
        return quoted, total

    def quote_type(self, parts: Sequence[Span]) -> str:
        """`direct` when every word is quoted, `mixed` when some are, else `indirect`."""
        quoted, total = self.word_coverage(parts)
        if quoted and quoted == total:
            return "direct"
        return "mixed" if quoted else "indirect"
