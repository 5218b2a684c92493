"""spaCy's English tokenizer, adapted to news text.

Invisible characters read as spaces (`invisible.py`), and abbreviated titles stay whole: the
tokenizer keeps "Gen." and "Sen." as one token, but splits "Lt." and "Capt." into a word and a
full stop, which the parser may take for the end of a sentence ("Brig. | Gen. Pat Ryder said …")
and the speaker resolver for part of a name. The text, and every offset into it, stays as given.
"""
from typing import Callable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import registry

from .invisible import read_invisible_as_space
from .lexicon import TITLE_ABBREVIATIONS


def keep_titles_whole(nlp: Language) -> Language:
    """Make `nlp`'s tokenizer keep each of `TITLE_ABBREVIATIONS` as one token."""
    for title in TITLE_ABBREVIATIONS:
        if [token.text for token in nlp.make_doc(title)] != [title]:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    return nlp


def adapt_to_news(nlp: Language) -> Language:
    """`read_invisible_as_space` and `keep_titles_whole`: the tokenizer the quotes pipelines use."""
    return keep_titles_whole(read_invisible_as_space(nlp))


@registry.callbacks("spacy_quotes.news_tokenizer.v1")
def make_news_tokenizer() -> Callable[[Language], Language]:
    """`adapt_to_news`, for a config's `[nlp.after_creation]` (run at every load, for the
    lexemes of invisible characters) and `[initialize.after_init]` (after the base pipeline's
    tokenizer is copied in, so that the trained pipeline saves the tokenizer's new rules)."""
    return adapt_to_news
