"""The `Quote` record and its storage in a span group that spaCy serialises."""
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from spacy.tokens import Doc, Span, SpanGroup

QUOTES_KEY = "quotes"
CONTENT, CUE, SOURCE = "CONTENT", "CUE", "SOURCE"
QUOTE_TYPES = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Quote:
    """One attribution: what was said, the cue that reports it and who said it."""

    content: Tuple[Span, ...]
    cue: Optional[Span]
    speaker: Optional[Span]
    speaker_name: Optional[str]
    role: Optional[str]
    type: str
    score: float
    method: str

    @property
    def start_char(self) -> int:
        return self.content[0].start_char

    @property
    def end_char(self) -> int:
        return self.content[-1].end_char

    @property
    def text(self) -> str:
        """The content, from the first part's start to the last part's end."""
        return self.content[0].doc[self.content[0].start : self.content[-1].end].text

    def to_dict(self, char_offset: int = 0) -> Dict[str, Any]:
        """The JSON record; `char_offset` shifts offsets for a chunk of a longer text."""
        return {
            "type": self.type,
            "content": {
                **_span_dict(self.text, self.start_char, self.end_char, char_offset),
                "parts": [_span_record(part, char_offset) for part in self.content],
            },
            "cue": _span_record(self.cue, char_offset),
            "speaker": _span_record(self.speaker, char_offset),
            "speaker_name": self.speaker_name,
            "role": self.role,
            "score": round(self.score, 4),
            "method": self.method,
        }


def _span_dict(text: str, start: int, end: int, offset: int) -> Dict[str, Any]:
    return {"text": text, "start_char": start + offset, "end_char": end + offset}


def _span_record(span: Optional[Span], offset: int) -> Optional[Dict[str, Any]]:
    if span is None:
        return None
    return _span_dict(span.text, span.start_char, span.end_char, offset)


def set_quotes(doc: Doc, quotes: Iterable[Quote]) -> None:
    """Store `quotes` in `doc.spans["quotes"]`: one span per part, linked by span id.

    Each span's label is its role (CONTENT, CUE or SOURCE) and its `id_` the quote's
    index; the group's `attrs` keep the rest of each record.
    """
    spans: List[Span] = []
    records: List[Dict[str, Any]] = []
    for i, quote in enumerate(sorted(quotes, key=lambda q: q.start_char)):
        key = str(i)
        parts = [(CONTENT, part) for part in quote.content]
        parts += [(label, span) for label, span in ((CUE, quote.cue), (SOURCE, quote.speaker)) if span]
        for label, span in parts:
            spans.append(Span(doc, span.start, span.end, label=label, span_id=key))
        records.append(
            {
                "speaker_name": quote.speaker_name,
                "role": quote.role,
                "type": quote.type,
                "score": float(quote.score),
                "method": quote.method,
            }
        )
    doc.spans[QUOTES_KEY] = SpanGroup(doc, name=QUOTES_KEY, spans=spans, attrs={"quotes": records})


def get_quotes(doc: Doc) -> List[Quote]:
    """Read the quotes back from `doc.spans["quotes"]`, in document order."""
    group = doc.spans.get(QUOTES_KEY)
    if group is None:
        return []
    records = group.attrs.get("quotes", [])
    parts: List[Dict[str, List[Span]]] = [{CONTENT: [], CUE: [], SOURCE: []} for _ in records]
    for span in group:
        parts[int(span.id_)][span.label_].append(span)
    quotes = []
    for record, part in zip(records, parts):
        quotes.append(
            Quote(
                content=tuple(part[CONTENT]),
                cue=part[CUE][0] if part[CUE] else None,
                speaker=part[SOURCE][0] if part[SOURCE] else None,
                **record,
            )
        )
    return quotes


def install_extensions() -> None:
    """Register `doc._.quotes`, a view of the span group."""
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=get_quotes)
