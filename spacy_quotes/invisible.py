"""Invisible characters in scraped text, read as spaces.

Web pages put zero-width spaces, joiners and byte-order marks between words and quotation
marks, where no one sees them. Left alone, the tokenizer glues them to their neighbours
(`said\u200b` is no form of "say", `\ufeff"We` no quotation mark and pronoun) and the
parser guesses. Split off as tokens with the features of a space, the models read them as
one. The text, and every offset into it, stays as given.
"""
import re
from typing import Callable, Optional

from spacy.language import Language

# Zero-width space, non-joiner and joiner, word joiner, and the byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def read_invisible_as_space(nlp: Language) -> Language:
    """Make `nlp`'s tokenizer split each `INVISIBLE` character off as a token, and give
    that token the lexical features of a space (" "), `is_space` included."""
    invisible = f"[{re.escape(INVISIBLE)}]"
    tokenizer = nlp.tokenizer
    tokenizer.prefix_search = _extended(tokenizer.prefix_search, f"^{invisible}").search
    tokenizer.suffix_search = _extended(tokenizer.suffix_search, f"{invisible}$").search
    tokenizer.infix_finditer = _extended(tokenizer.infix_finditer, invisible).finditer
    space = nlp.vocab[" "]
    for character in INVISIBLE:
        lexeme = nlp.vocab[character]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = space.norm_, space.prefix_, space.suffix_, space.shape_
        lexeme.is_space = True
    return nlp


def _extended(method: Optional[Callable], alternative: str) -> "re.Pattern[str]":
    """The pattern whose bound `method` the tokenizer holds, with `alternative` first."""
    pattern = getattr(method, "__self__", None)
    return re.compile(alternative if pattern is None else f"{alternative}|{pattern.pattern}")
