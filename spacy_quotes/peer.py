"""The peer the benchmark compares with: textacy's `direct_quotations` as a component.

textacy is the optional `benchmark` extra; it is imported only when the component runs.
"""
from typing import Any, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .machine import package_version
from .quote import QUOTES_KEY, Quote, set_quotes

TEXTACY = "textacy_quotes"


@Language.component(TEXTACY, assigns=["doc.spans"], requires=["token.dep", "token.pos", "token.lemma"])
def textacy_quotes(doc: Doc) -> Doc:
    """Store textacy's direct quotations as quotes. textacy raises on a doc whose
    quotation marks it cannot pair: that doc gets none, and the error in `attrs`."""
    from textacy.extract.triples import direct_quotations  # an optional extra, slow to import

    try:
        quotes, error = [_textacy_quote(triple) for triple in direct_quotations(doc)], None
    except ValueError as exception:
        quotes, error = [], str(exception)
    set_quotes(doc, quotes)
    if error:
        doc.spans[QUOTES_KEY].attrs["error"] = error
    return doc


def _textacy_quote(triple: Any) -> Quote:
    """A `Quote` from a textacy `DQTriple` of speaker tokens, cue tokens and content span."""
    speaker = _covering(triple.speaker)
    return Quote(
        content=(triple.content,),
        cue=_covering(triple.cue),
        speaker=speaker,
        speaker_name=speaker.text,
        role=None,
        type="direct",
        score=1.0,
        method="textacy",
    )


def _covering(tokens: Sequence[Token]) -> Span:
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def textacy_available() -> bool:
    return package_version("textacy") != "not installed"
