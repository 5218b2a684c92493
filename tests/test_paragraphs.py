"""The `paragraph_breaks` component: a sentence starts after each blank line."""
import pytest
import spacy

from spacy_quotes.paragraphs import start_paragraph_sentences
from spacy_quotes.pipeline import resolve_base_pipeline

ARTICLE = "Mayor backs new bus lanes\n\nThe city will add 40 miles of lanes by 2027, the mayor said."


def test_load_pipeline_puts_paragraph_breaks_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("paragraph_breaks") < names.index("parser") < names.index("quotes")


def test_a_sentence_starts_after_a_blank_line_not_after_a_line_break():
    doc = start_paragraph_sentences(spacy.blank("en")("Storm hits\nthe coast\n\n \nHomes lose power"))
    assert [token.text for token in doc if token.is_sent_start] == ["Storm", "Homes"]


def test_a_headline_without_a_full_stop_is_not_the_reported_clause(nlp):
    [quote] = nlp(ARTICLE)._.quotes
    assert ([part.text for part in quote.content], quote.speaker.text) == (
        ["The city will add 40 miles of lanes by 2027"],
        "the mayor",
    )
    with nlp.select_pipes(disable=["paragraph_breaks"]):
        assert nlp(ARTICLE)._.quotes == []  # the parser runs the headline into the reported clause


def test_after_the_parser_it_says_where_it_belongs():
    nlp = spacy.load(resolve_base_pipeline())
    nlp.add_pipe("paragraph_breaks")
    with pytest.raises(ValueError, match="before the parser"):
        nlp(ARTICLE)
