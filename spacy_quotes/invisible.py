"""Invisible characters in scraped text, read as spaces.

Web pages put zero-width spaces, joiners and byte-order marks between words and quotation
marks, where no one sees them. Left alone, the tokenizer glues them to their neighbours
(`said\u200b` is no form of "say", `\ufeff"We` no quotation mark and pronoun) and the
parser guesses. Split off as tokens with the features of a space, the models read them as
one. The text, and every offset into it, stays as given.
"""
import re
from typing import Callable, Optional

from spacy.attrs import IS_SPACE, NORM, PREFIX, SHAPE, SUFFIX
from spacy.language import Language
from spacy.util import registry

# Zero-width space, non-joiner and joiner, word joiner, and the byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_PATTERN = f"[{re.escape(INVISIBLE)}]"


def is_invisible(character: str) -> bool:
    """Whether `character` is one of the `INVISIBLE` characters."""
    return len(character) == 1 and character in INVISIBLE


def read_invisible_as_space(nlp: Language) -> Language:
    """Make `nlp`'s tokenizer split each `INVISIBLE` character off as a token, and give
    that token the lexical features of a space (" "), `is_space` included. What is done
    already is not done again."""
    tokenizer = nlp.tokenizer
    if not _holds(tokenizer.prefix_search, f"^{_PATTERN}"):
        tokenizer.prefix_search = _extended(tokenizer.prefix_search, f"^{_PATTERN}").search
        tokenizer.suffix_search = _extended(tokenizer.suffix_search, f"{_PATTERN}$").search
        tokenizer.infix_finditer = _extended(tokenizer.infix_finditer, _PATTERN).finditer
    # The getters make the lexemes made from now on, also after `from_disk` empties the cache.
    getters = nlp.vocab.lex_attr_getters
    if not getters[IS_SPACE](INVISIBLE[0]):
        for attr in (NORM, PREFIX, SUFFIX, SHAPE, IS_SPACE):
            getters[attr] = _as_space(getters[attr])
    space = nlp.vocab[" "]
    for character in INVISIBLE:  # lexemes made before
        lexeme = nlp.vocab[character]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = space.norm_, space.prefix_, space.suffix_, space.shape_
        lexeme.is_space = True
    return nlp


@registry.callbacks("spacy_quotes.invisible_as_space.v1")
def make_invisible_as_space() -> Callable[[Language], Language]:
    """`read_invisible_as_space`, for a config's `[nlp.after_creation]` and `[initialize.after_init]`,
    as the pipelines trained before `spacy_quotes.news_tokenizer.v1` (`tokenizer.py`) have it."""
    return read_invisible_as_space


def _as_space(getter: Callable[[str], object]) -> Callable[[str], object]:
    """A lexical attribute getter that reads an invisible character as a space."""

    def get(string: str) -> object:
        return getter(" " if is_invisible(string) else string)

    return get


def _holds(method: Optional[Callable], alternative: str) -> bool:
    """Whether the pattern whose bound `method` the tokenizer holds starts with `alternative`."""
    pattern = getattr(method, "__self__", None)
    return pattern is not None and pattern.pattern.partition("|")[0] == alternative


def _extended(method: Optional[Callable], alternative: str) -> "re.Pattern[str]":
    """The pattern whose bound `method` the tokenizer holds, with `alternative` first."""
    pattern = getattr(method, "__self__", None)
    return re.compile(alternative if pattern is None else f"{alternative}|{pattern.pattern}")
