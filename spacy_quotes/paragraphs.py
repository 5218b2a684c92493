"""The `paragraph_breaks` component: a sentence starts after each blank line.

Put before the parser, it keeps a headline, byline or dateline that has no full stop out of
the first sentence of the paragraph after it, where the parser would otherwise take the
headline's verb for the reported clause of the paragraph's "said". The parser respects
sentence starts set before it.
"""
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

PLACE = 'paragraph_breaks must come before the parser: nlp.add_pipe("paragraph_breaks", before="parser")'


def start_paragraph_sentences(doc: Doc) -> Doc:
    """Mark the first token after each blank line (a whitespace token with two line breaks)
    as a sentence start."""
    if doc.has_annotation("DEP"):
        raise ValueError(PLACE)
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") > 1 and not token.nbor().is_space:
            token.nbor().is_sent_start = True
    return doc


@Language.factory("paragraph_breaks", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Create a `paragraph_breaks` component, to add before the parser."""
    return start_paragraph_sentences
