"""Token and span helpers the rules share: trimming a span, paragraph breaks, datelines."""
import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

# A wire story's dateline: "WASHINGTON —", "MIAMI (Reuters) -", "PORTLAND, Ore. (AP) —".
DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # the place, in capitals
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"  # its state or country
    r"(?: \([^()\n]{1,40}\))?"  # the agency
    r" ?(?:--?|[–—―]) "
)
DATELINE_TOKENS = 30  # the most tokens a dateline spans: place, state, agency and dash


def after_spaces(doc: Doc, i: int) -> int:
    """The first token from `i` on that is not a space within a line (such as a no-break space)."""
    while i < len(doc) and doc[i].is_space and not is_paragraph_break(doc[i]):
        i += 1
    return i


def after_dateline(doc: Doc, start: int, end: int) -> int:
    """Where a part of `doc` starts once a dateline (`DATELINE`) that it starts with, or inside,
    is left out. It reads the few tokens a dateline can span, not `doc.text`, which `Doc` joins
    anew at each call."""
    first = start
    while first > 0 and start - first < 12 and not is_paragraph_break(doc[first - 1]):
        first -= 1
    for opening in (start, first):
        match = DATELINE.match(doc[opening : min(end, opening + DATELINE_TOKENS)].text_with_ws)
        dateline_end = doc[opening].idx + match.end() if match else -1
        if dateline_end > doc[start].idx:
            return next((i for i in range(start, end) if doc[i].idx >= dateline_end), start)
    return start


def is_phrase(span: Span) -> bool:
    """A short quoted phrase with no verb: a title or a scare quote, not a quotation, unless
    it ends in a mark inside its quotation marks, as a short reply does ("“Absolutely not,”")."""
    words = [t for t in span if not (t.is_punct or t.is_space)]
    if len(span) > 2 and span[-1].is_quote and span[-2].text in (",", ".", "!", "?"):
        return False
    return len(words) <= 4 and not any(t.pos_ in ("VERB", "AUX") for t in words)


def trim(span: Span) -> Optional[Span]:
    """`span` without edge punctuation and spaces, but keeping quotation marks, and without
    a conjunction it ends with (the parser may hang the "and" of the next clause on it)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_space or (doc[start].is_punct and not doc[start].is_quote)):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].pos_ == "CCONJ" or (doc[end - 1].is_punct and not _keeps_end(doc, start, end))
    ):
        end -= 1
    return doc[start:end] if end > start else None


def _keeps_end(doc: Doc, start: int, end: int) -> bool:
    """A closing quotation mark, or a closing bracket opened inside the span, stays."""
    last = doc[end - 1]
    return last.is_quote or (last.is_right_punct and any(t.is_left_punct for t in doc[start : end - 1]))


def is_paragraph_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def fills_paragraph(span: Span) -> bool:
    """Whether a quotation is all its paragraph holds."""
    doc = span.doc
    before = span.start == 0 or is_paragraph_break(doc[span.start - 1])
    after_tokens = doc[span.end : span.end + 2]
    after = span.end == len(doc) or all(t.is_punct or is_paragraph_break(t) for t in after_tokens[:1])
    return before and after
