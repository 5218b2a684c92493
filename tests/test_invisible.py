"""Invisible characters in scraped text: read as spaces, kept in the text and its offsets."""
import pytest
import spacy

from spacy_quotes.invisible import INVISIBLE, read_invisible_as_space
from spacy_quotes.quote import get_quotes

TEXTS = [
    '"We will win," Jane Doe said.',
    'Pentagon press secretary John Kirby said: "The exercise will go ahead as planned."',
    "The mayor said that taxes would fall next year.",
]


def with_invisible(text: str, character: str) -> str:
    """`text` with `character` where scraped pages have them: at the start, after the first
    word, before a quotation mark and at the end."""
    return character + text.replace(" ", f"{character} ", 1).replace(' "', f' {character}"') + character


def test_the_tokenizer_splits_them_off_and_keeps_its_other_rules():
    nlp = spacy.blank("en")
    plain = [t.text for t in nlp('(He) said: "Don\'t go now!" U.S. officials')]
    read_invisible_as_space(nlp)
    assert [t.text for t in nlp('(He) said: "Don\'t go now!" U.S. officials')] == plain
    doc = nlp('\ufeff"We\u200b said\u2060: x\u200by')
    assert [t.text for t in doc] == ["\ufeff", '"', "We", "\u200b", "said", "\u2060", ":", "x", "\u200b", "y"]
    assert all(t.is_space for t in doc if t.text in INVISIBLE)
    assert not any(t.is_space for t in doc if t.text not in INVISIBLE)


@pytest.mark.parametrize("character", list(INVISIBLE))
@pytest.mark.parametrize("text", TEXTS)
def test_the_same_quotes_as_without_them(nlp, text, character):
    def found(doc):
        visible = {ord(c): None for c in INVISIBLE}
        return [
            (*(span.text.translate(visible) for span in (*q.content, q.cue, q.speaker)), q.type)
            for q in get_quotes(doc)
        ]

    marked = with_invisible(text, character)
    doc = nlp(marked)
    assert doc.text == marked
    assert found(doc) == found(nlp(text)) != []
    for quote in get_quotes(doc):
        for span in (*quote.content, quote.cue, quote.speaker):
            assert marked[span.start_char : span.end_char] == span.text
            assert span.text[0] not in INVISIBLE and span.text[-1] not in INVISIBLE


def test_a_pipeline_made_with_the_callback_reads_them_as_spaces_when_loaded(tmp_path):
    # As the training configs have it: `[nlp.after_creation]`, run again by `spacy.load`.
    config = {"nlp": {"after_creation": {"@callbacks": "spacy_quotes.invisible_as_space.v1"}}}
    spacy.blank("en", config=config).to_disk(tmp_path)
    doc = spacy.load(tmp_path)("said\u200b: \ufeffyes")
    assert [t.text for t in doc] == ["said", "\u200b", ":", "\ufeff", "yes"]
    assert [t.is_space for t in doc] == [False, True, False, True, False]


@pytest.mark.parametrize("prefixes", [True, False])
def test_calling_it_again_changes_nothing(prefixes):
    nlp = spacy.blank("en")
    if not prefixes:
        nlp.tokenizer.prefix_search = None
    read_invisible_as_space(nlp)
    pattern = nlp.tokenizer.prefix_search.__self__.pattern
    assert read_invisible_as_space(nlp).tokenizer.prefix_search.__self__.pattern == pattern
    assert [t.text for t in nlp("\u200bsaid")] == ["\u200b", "said"]
