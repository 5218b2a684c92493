"""Score predicted quotes against gold ones: exact spans, token overlap and attribution.

Both docs of an `Example` hold their quotes in `doc.spans["quotes"]` (see `quote.py`).
Spans are compared by character offsets, so the two docs may be tokenised differently.

- exact: a predicted span counts when a gold span of the same role has the same
  boundaries. A quote's content counts as one item: all its parts must match.
  Cues and sources count as the distinct spans of their role in a doc.
- token: the tokens of the reference doc that a role's spans cover, whichever
  quote they belong to, so partial overlaps earn partial credit.
- attribution: a predicted quote counts when a gold quote has exactly its content
  and exactly its source (two quotes without a source match).
- content part: each part of a content, cut at line breaks, counts as an item of its
  own, exact. This is how taggers that see one paragraph at a time are scored on
  PolNeAR, such as CofeNet (Wang et al., COLING 2022).

Examples whose reference has no `quotes` span group are not annotated and are
skipped; a predicted doc without one predicts no quotes. Empty denominators give 0.
"""
import re
from typing import Any, Callable, Dict, Hashable, Iterable, Iterator, List, Optional, Set, Tuple

from spacy.scorer import PRFScore
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from .quote import QUOTES_KEY, Quote, get_quotes

ROLES = ("content", "cue", "source")
CharSpan = Tuple[int, int]
# A line's text from its first to its last non-space character.
LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _chars(span: Optional[Span]) -> Optional[CharSpan]:
    return None if span is None else (span.start_char, span.end_char)


def _content_key(quote: Quote) -> Tuple[CharSpan, ...]:
    return tuple((part.start_char, part.end_char) for part in quote.content)


def _role_spans(quotes: List[Quote]) -> Dict[str, List[Span]]:
    """Each role's spans: all content parts, all cues, all sources."""
    return {
        "content": [part for quote in quotes for part in quote.content],
        "cue": [quote.cue for quote in quotes if quote.cue is not None],
        "source": [quote.speaker for quote in quotes if quote.speaker is not None],
    }


def _exact_items(quotes: List[Quote]) -> Dict[str, Set[Hashable]]:
    """What exact matching compares, by role: whole contents, cue spans, source spans."""
    items = {role: {_chars(span) for span in spans} for role, spans in _role_spans(quotes).items()}
    items["content"] = {_content_key(quote) for quote in quotes}
    return items


def _line_pieces(span: Span) -> Iterator[CharSpan]:
    """The character ranges of `span` between line breaks, without the whitespace around them."""
    for line in LINE.finditer(span.text):
        yield span.start_char + line.start(), span.start_char + line.end()


def _content_parts(quotes: List[Quote]) -> Set[CharSpan]:
    """The parts of all contents, cut at line breaks."""
    return {piece for quote in quotes for part in quote.content for piece in _line_pieces(part)}


def _token_items(reference: Doc, quotes: List[Quote]) -> Dict[str, Set[int]]:
    """The indices of the reference tokens each role's spans cover."""
    return {role: _reference_tokens(reference, spans) for role, spans in _role_spans(quotes).items()}


def _reference_tokens(reference: Doc, spans: Iterable[Span]) -> Set[int]:
    tokens: Set[int] = set()
    for span in spans:
        aligned = reference.char_span(span.start_char, span.end_char, alignment_mode="expand")
        if aligned is not None:
            tokens.update(range(aligned.start, aligned.end))
    return tokens


def _attribution_items(quotes: List[Quote]) -> Set[Hashable]:
    return {(_content_key(quote), _chars(quote.speaker)) for quote in quotes}


def _prf(prefix: str, score: PRFScore) -> Dict[str, float]:
    return {f"{prefix}_p": score.precision, f"{prefix}_r": score.recall, f"{prefix}_f": score.fscore}


def score_quotes(examples: Iterable[Example], **kwargs: Any) -> Dict[str, float]:
    """Precision, recall and F-score of the predicted quotes of `examples`.

    Keys: `quotes_{content,cue,source}_{exact,token}_{p,r,f}`, `quotes_content_part_{p,r,f}`
    and `quotes_attribution_{p,r,f}`.
    Other keyword arguments (as `Pipe.score` passes them) are ignored.
    """
    exact = {role: PRFScore() for role in ROLES}
    token = {role: PRFScore() for role in ROLES}
    parts, attribution = PRFScore(), PRFScore()
    for example in examples:
        reference = example.reference
        if QUOTES_KEY not in reference.spans:
            continue
        gold, predicted = get_quotes(reference), get_quotes(example.predicted)
        gold_exact, gold_tokens = _exact_items(gold), _token_items(reference, gold)
        predicted_exact, predicted_tokens = _exact_items(predicted), _token_items(reference, predicted)
        for role in ROLES:
            exact[role].score_set(predicted_exact[role], gold_exact[role])
            token[role].score_set(predicted_tokens[role], gold_tokens[role])
        parts.score_set(_content_parts(predicted), _content_parts(gold))
        attribution.score_set(_attribution_items(predicted), _attribution_items(gold))
    scores: Dict[str, float] = {}
    for role in ROLES:
        scores.update(_prf(f"quotes_{role}_exact", exact[role]))
        scores.update(_prf(f"quotes_{role}_token", token[role]))
    scores.update(_prf("quotes_content_part", parts))
    scores.update(_prf("quotes_attribution", attribution))
    return scores


@registry.scorers("spacy_quotes.quote_scorer.v1")
def make_quote_scorer() -> Callable[..., Dict[str, float]]:
    """The scorer of the `quotes` component: `score_quotes`."""
    return score_quotes
