"""The `paragraph_breaks` component: a sentence starts after each blank line."""
import pytest
import spacy

from spacy_quotes.paragraphs import start_paragraph_sentences
from spacy_quotes.pipeline import resolve_base_pipeline

ARTICLE = (
    "Storm leaves thousands without power\n\n"
    "Hurricane Dana knocked out power to 200,000 homes on Sunday, officials said."
)


def test_load_pipeline_puts_paragraph_breaks_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("paragraph_breaks") < names.index("parser") < names.index("quotes")


def test_a_sentence_starts_after_a_blank_line_not_after_a_line_break():
    doc = start_paragraph_sentences(spacy.blank("en")("Storm hits\nthe coast\n\n \nHomes lose power"))
    assert [token.text for token in doc if token.is_sent_start] == ["Storm", "Homes"]


def test_a_headline_without_a_full_stop_is_not_the_reported_clause(nlp):
    [quote] = nlp(ARTICLE)._.quotes
    assert ([part.text for part in quote.content], quote.speaker.text) == (
        ["Hurricane Dana knocked out power to 200,000 homes on Sunday"],
        "officials",
    )
    with nlp.select_pipes(disable=["paragraph_breaks"]):
        assert nlp(ARTICLE)._.quotes == []  # the parser took "leaves" for what the officials said


def test_after_the_parser_it_says_where_it_belongs():
    nlp = spacy.load(resolve_base_pipeline())
    nlp.add_pipe("paragraph_breaks")
    with pytest.raises(ValueError, match="before the parser"):
        nlp(ARTICLE)
